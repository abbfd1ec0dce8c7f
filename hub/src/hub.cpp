#include "hub.h"

#include <cerrno>
#include <fstream>
#include <iostream>
#include <sstream>

#include "onestop/base/errno_text.h"
#include "onestop/base/log.h"
#include "onestop/base/paths.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"

namespace onestop::hub {

namespace {

constexpr size_t kMaxBody = 64 * 1024;

Result<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return make_error("file_unreadable", "cannot read " + file.string() + ": " + errno_text(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* default_code_for(int status) {
    switch (status) {
        case 400:
            return "bad_request";
        case 401:
            return "unauthorized";
        case 403:
            return "forbidden";
        case 404:
            return "not_found";
        case 405:
            return "method_not_allowed";
        case 413:
            return "body_too_large";
        case 414:
            return "uri_too_long";
        default:
            return status >= 500 ? "internal_error" : "bad_request";
    }
}

const char* default_message_for(int status) {
    switch (status) {
        case 404:
            return "no such route or resource; see docs/api.md";
        case 413:
            return "the request body is larger than 64 KiB";
        case 400:
            return "the request could not be read";
        default:
            return "the request failed";
    }
}

}  // namespace

Result<OpenedDatabase> open_database(const std::filesystem::path& db,
                                     const std::optional<std::filesystem::path>& hall_file) {
    auto store = store::HubStore::open(db);
    if (!store) return store.error();
    auto stored = (*store)->hall_text();
    if (!stored) return stored.error();
    OpenedDatabase out;
    if (hall_file || !*stored) {
        std::filesystem::path file = hall_file.value_or(config::default_hall_path());
        auto text = read_file(file);
        if (!text) return text.error();
        auto hall = config::parse_hall(*text, file.string());
        if (!hall) return hall.error();
        if (auto st = set_time_zone(hall->settings.time_zone); !st) return st.error();
        auto& database = (*store)->db();
        Status st = database.begin();
        if (st) st = (*store)->save_hall(*hall, *text, file.string());
        if (st) st = database.commit();
        if (!st) {
            (void)database.rollback();
            return st.error();
        }
        out.hall = std::move(*hall);
    } else {
        auto hall = config::parse_hall(**stored, db.string() + " (stored hall)");
        if (!hall) return hall.error();
        if (auto st = set_time_zone(hall->settings.time_zone); !st) return st.error();
        out.hall = std::move(*hall);
    }
    out.store = std::move(*store);
    return out;
}

Hub::Hub(const ServeOptions& options, std::optional<TimePoint> start) : options_(options) {
    clock_ = start ? std::make_unique<SystemClock>(*start) : std::make_unique<SystemClock>();
}

Hub::~Hub() {
    if (writer_) writer_->stop();
}

Result<std::unique_ptr<Hub>> Hub::create(const ServeOptions& options) {
    std::unique_ptr<Hub> hub(new Hub(options, options.now));
    auto opened = open_database(options.db, options.hall);
    if (!opened) return opened.error();
    hub->hall_ = opened->hall;
    auto state = load_state(*opened->store, hub->hall_, *hub->clock_);
    if (!state) return state.error();
    auto last = opened->store->last_event_id();
    if (!last) return last.error();
    hub->bus_ = std::make_unique<EventBus>(*last);

    auto reader = store::HubStore::open(options.db);
    if (!reader) return reader.error();
    hub->reader_.store = std::move(*reader);
    hub->auth_ = std::make_unique<Authenticator>(hub->reader_, *hub->clock_);

    Hub* self = hub.get();
    hub->writer_ = std::make_unique<Writer>(
        std::move(opened->store), std::move(*state), *hub->clock_, *hub->bus_, hub->state_mu_,
        [self](store::HubStore& store) { return load_state(store, self->hall_, *self->clock_); });

    auto text = config::Catalogue::load(asset_path("web/strings.toml"));
    if (!text) return text.error();
    hub->web_text_ = std::move(*text);
    auto layout = read_file(asset_path("web/layout.html"));
    if (!layout) return layout.error();
    hub->layout_ = std::move(*layout);
    hub->install_routes();
    return hub;
}

httplib::Server::Handler Hub::wrap(Handler handler) {
    return
        [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            auto started = std::chrono::steady_clock::now();
            Reply reply;
            try {
                reply = handler(req);
            } catch (const std::exception& e) {
                // Nothing should throw here; if it does, the client still gets CONTRACT's body.
                logger("hub")->error("{} {}: {}", req.method, req.path, e.what());
                reply = internal_error_reply();
            }
            res.status = reply.status;
            if (!reply.body.empty()) res.set_content(reply.body, reply.content_type);
            latency_.observe(std::chrono::steady_clock::now() - started);
        };
}

void Hub::get(const std::string& pattern, Handler handler) {
    server_.Get(pattern, wrap(std::move(handler)));
}
void Hub::post(const std::string& pattern, Handler handler) {
    server_.Post(pattern, wrap(std::move(handler)));
}
void Hub::put(const std::string& pattern, Handler handler) {
    server_.Put(pattern, wrap(std::move(handler)));
}
void Hub::del(const std::string& pattern, Handler handler) {
    server_.Delete(pattern, wrap(std::move(handler)));
}

Result<Principal> Hub::identify(const httplib::Request& req) {
    auto principal = [&] {
        std::shared_lock lock(state_mu_);
        return auth_->identify(req, writer_->state());
    }();
    auth_->record_sightings();
    return principal;
}

std::variant<Principal, Reply> Hub::who(const httplib::Request& req) {
    auto p = identify(req);
    if (p) return *p;
    if (p.error().code == "unauthorized") return unauthorized(p.error().message);
    logger("hub")->error("token lookup failed: {}", p.error().message);
    return internal_error_reply();
}

bool Hub::from_loopback(const httplib::Request& req) const {
    return req.remote_addr == "127.0.0.1" || req.remote_addr == "::1" ||
           req.remote_addr == "::ffff:127.0.0.1";
}

void Hub::install_routes() {
    server_.set_payload_max_length(kMaxBody);
    // httplib's own errors (unknown route, 413, unreadable request) get CONTRACT's body too.
    httplib::Server::HandlerWithResponse on_error = [](const httplib::Request&,
                                                       httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        Reply r =
            error_reply(res.status, default_code_for(res.status), default_message_for(res.status));
        res.set_content(r.body, r.content_type);
        return httplib::Server::HandlerResponse::Handled;
    };
    server_.set_error_handler(on_error);
    install_api_routes();
    install_window_routes();
    install_event_route();
    install_web_routes();
    install_office_routes();
}

int Hub::run() {
    int threads = options_.threads;
    server_.new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<size_t>(threads));
    };
    server_.set_keep_alive_max_count(100000);
    // Keep-alive answers go out as two writes (headers, body); with Nagle on, the body waits
    // for the client's delayed ACK: every request after a connection's first took ~45 ms.
    server_.set_tcp_nodelay(true);
    server_.set_keep_alive_timeout(2);  // also bounds how long a stop waits for idle connections
    server_.set_read_timeout(10);
    server_.set_write_timeout(10);

    int port = options_.port;
    if (port == 0) {
        port = server_.bind_to_any_port(options_.host);
    } else if (!server_.bind_to_port(options_.host, port)) {
        port = -1;
    }
    if (port <= 0) {
        logger("hub")->error("cannot listen on {}:{}", options_.host, options_.port);
        return 1;
    }
    // The listening socket accepts (into its backlog) from here on.
    std::cout << "listening on http://" << options_.host << ":" << port << std::endl;
    logger("hub")->info("serving {} on {}:{}", options_.db.string(), options_.host, port);
    bool ok = server_.listen_after_bind();
    // Every request in flight has finished (the server joined its threads): close the database.
    bus_->shutdown();
    writer_->stop();
    logger("hub")->info("stopped");
    return ok ? 0 : 1;
}

bool Hub::stop() {
    bus_->shutdown();
    // httplib's stop() may be called once the server runs, and only once.
    if (!server_.is_running() || stopped_.exchange(true)) return stopped_;
    server_.stop();
    return true;
}

}  // namespace onestop::hub
