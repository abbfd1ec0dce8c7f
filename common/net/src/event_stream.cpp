#include "onestop/net/event_stream.h"

#include <curl/curl.h>

#include <algorithm>

#include "curl_global.h"
#include "onestop/base/log.h"
#include "onestop/net/sse_parser.h"

namespace onestop::net {

namespace {

using SteadyClock = std::chrono::steady_clock;

// State shared with libcurl's C callbacks for one connection.
struct Connection {
    EventStream* stream = nullptr;
    CURL* easy = nullptr;
    SseParser* parser = nullptr;
    SteadyClock::time_point last_byte;
    long status = 0;
    bool online = false;
    std::function<void()> went_online;
};

size_t on_header(char* data, size_t size, size_t count, void* user) noexcept {
    auto* c = static_cast<Connection*>(user);
    size_t n = size * count;
    try {
        c->last_byte = SteadyClock::now();
        std::string_view line(data, n);
        if (line.rfind("HTTP/", 0) == 0) c->status = 0;  // a new response (e.g. after 100)
        if (line == "\r\n" || line == "\n") {
            curl_easy_getinfo(c->easy, CURLINFO_RESPONSE_CODE, &c->status);
            if (c->status == 200 && !c->online) {
                c->online = true;
                c->went_online();
            }
        }
        return n;
    } catch (...) {
        return 0;  // ends the transfer; never let an exception into libcurl
    }
}

size_t on_body(char* data, size_t size, size_t count, void* user) noexcept {
    auto* c = static_cast<Connection*>(user);
    size_t n = size * count;
    try {
        c->last_byte = SteadyClock::now();
        if (c->online) c->parser->feed(std::string_view(data, n));
        // A non-200 body (the hub's error JSON) is read and dropped.
        return n;
    } catch (...) {
        return 0;
    }
}

}  // namespace

EventStream::EventStream(StreamOptions options) : options_(std::move(options)) {
    while (!options_.base_url.empty() && options_.base_url.back() == '/')
        options_.base_url.pop_back();
    last_id_ = options_.last_event_id;
}

EventStream::~EventStream() {
    stop();
}

void EventStream::start() {
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { run(); });
}

void EventStream::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
        if (multi_) curl_multi_wakeup(static_cast<CURLM*>(multi_));
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

std::optional<HubEvent> EventStream::poll() {
    std::lock_guard lock(mu_);
    if (queue_.empty()) return std::nullopt;
    HubEvent ev = std::move(queue_.front());
    queue_.pop_front();
    return ev;
}

std::optional<HubEvent> EventStream::wait(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, timeout, [this] { return !queue_.empty() || stopping_.load(); });
    if (queue_.empty()) return std::nullopt;
    HubEvent ev = std::move(queue_.front());
    queue_.pop_front();
    return ev;
}

std::string EventStream::last_event_id() const {
    std::lock_guard lock(mu_);
    return last_id_;
}

void EventStream::set_state(LinkState s) {
    if (state_.exchange(s) == s) return;
    if (s == LinkState::Online) ++connects_;
    logger("net")->info("event stream {} ({})", s == LinkState::Online ? "online" : "offline",
                        options_.base_url);
    if (options_.on_state) options_.on_state(s);
}

void EventStream::push(HubEvent&& ev) {
    {
        std::lock_guard lock(mu_);
        if (!ev.id.empty()) last_id_ = ev.id;
        queue_.push_back(std::move(ev));
        while (queue_.size() > options_.max_queued) {
            queue_.pop_front();
            ++dropped_;
        }
    }
    cv_.notify_all();
}

void EventStream::run() {
    detail::ensure_curl_global();
    CURLM* multi = curl_multi_init();
    {
        std::lock_guard lock(mu_);
        multi_ = multi;
    }
    auto backoff = options_.backoff_min;
    while (!stopping_) {
        bool was_online = connect_once();
        set_state(LinkState::Offline);
        if (stopping_) break;
        // After a working connection, start again from the server's `retry:` (the hub
        // says 2000 ms), kept within our own bounds.
        if (was_online)
            backoff = std::clamp(std::chrono::milliseconds(server_retry_ms_), options_.backoff_min,
                                 options_.backoff_max);
        std::unique_lock lock(mu_);
        cv_.wait_for(lock, backoff, [this] { return stopping_.load(); });
        backoff = std::min(backoff * 2, options_.backoff_max);
    }
    {
        std::lock_guard lock(mu_);
        multi_ = nullptr;
    }
    curl_multi_cleanup(multi);
}

bool EventStream::connect_once() {
    CURLM* multi = static_cast<CURLM*>(multi_);  // only this thread changes multi_
    CURL* easy = curl_easy_init();
    if (!easy) return false;

    SseParser parser([this](SseEvent&& e) {
        HubEvent ev{std::move(e.id), std::move(e.name), std::move(e.data), nullptr,
                    SteadyClock::now()};
        ev.data = nlohmann::json::parse(ev.raw, nullptr, /*allow_exceptions=*/false);
        if (ev.data.is_discarded()) ev.data = nullptr;
        push(std::move(ev));
    });
    Connection conn;
    conn.stream = this;
    conn.easy = easy;
    conn.parser = &parser;
    conn.last_byte = SteadyClock::now();
    conn.went_online = [this] { set_state(LinkState::Online); };

    const std::string url = options_.base_url + "/api/v1/events";
    curl_slist* headers = curl_slist_append(nullptr, "Accept: text/event-stream");
    headers = curl_slist_append(headers, "Cache-Control: no-cache");
    if (!options_.token.empty())
        headers = curl_slist_append(headers, ("Authorization: Bearer " + options_.token).c_str());
    std::string resume = last_event_id();
    if (!resume.empty()) headers = curl_slist_append(headers, ("Last-Event-ID: " + resume).c_str());

    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &conn);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &conn);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
    if (!options_.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options_.ca_file.c_str());
    curl_multi_add_handle(multi, easy);

    bool done = false;
    while (!done && !stopping_) {
        int running = 0;
        curl_multi_perform(multi, &running);
        int left = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &left)) {
            if (msg->msg == CURLMSG_DONE) {
                done = true;
                if (msg->data.result != CURLE_OK)
                    logger("net")->debug("event stream: {}", curl_easy_strerror(msg->data.result));
                else if (conn.status != 200)
                    logger("net")->warn("event stream: the hub answered HTTP {}", conn.status);
            }
        }
        if (done || running == 0) break;
        if (SteadyClock::now() - conn.last_byte > options_.idle_timeout) {
            logger("net")->warn("event stream: no data for {} ms, reconnecting",
                                options_.idle_timeout.count());
            break;
        }
        curl_multi_poll(multi, nullptr, 0, 200, nullptr);
    }
    if (parser.retry_ms() > 0) server_retry_ms_ = parser.retry_ms();
    curl_multi_remove_handle(multi, easy);
    curl_easy_cleanup(easy);
    curl_slist_free_all(headers);
    return conn.online;
}

}  // namespace onestop::net
