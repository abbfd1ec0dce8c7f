#include "hub_link.h"

#include "onestop/base/log.h"

namespace onestop::board {

HubLink::HubLink(LinkOptions options, Post post, LinkHandlers handlers)
    : options_(std::move(options)), post_(std::move(post)), handlers_(std::move(handlers)) {
    net::StreamOptions so;
    so.base_url = options_.hub;
    so.token = options_.token;
    so.on_state = [this](net::LinkState s) {
        const bool online = s == net::LinkState::Online;
        online_ = online;
        post_([this, online] { handlers_.online(online); });
        if (online) resync();  // whatever the replay window missed, the snapshot has
    };
    stream_ = std::make_unique<net::EventStream>(std::move(so));
    pump_thread_ = std::thread([this] { pump(); });
    fetch_thread_ = std::thread([this] { fetch_loop(); });
    stream_->start();
}

HubLink::~HubLink() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    stream_->stop();
    pump_thread_.join();
    fetch_thread_.join();
}

void HubLink::resync() {
    {
        std::lock_guard lock(mu_);
        resync_wanted_ = true;
    }
    cv_.notify_all();
}

void HubLink::refresh_window(int number) {
    {
        std::lock_guard lock(mu_);
        windows_wanted_.insert(number);
    }
    cv_.notify_all();
}

void HubLink::pump() {
    for (;;) {
        {
            std::lock_guard lock(mu_);
            if (stop_) return;
        }
        // wait() returns as soon as an event arrives: this is the call → screen path.
        if (auto ev = stream_->wait(std::chrono::milliseconds(200))) {
            post_([this, e = std::move(*ev)]() mutable { handlers_.event(std::move(e)); });
        }
    }
}

bool HubLink::fetch_all(net::HubClient& client) {
    // Names and the notice first, so the snapshot draws complete; their failure is not
    // worth a retry (the hub may not offer a notice), the snapshot's is.
    if (auto s = client.services()) {
        post_([this, v = std::move(*s)]() mutable { handlers_.services(std::move(v)); });
    }
    if (auto n = client.notice()) {
        post_([this, v = std::move(*n)]() mutable { handlers_.notice(std::move(v)); });
    }
    auto q = client.queue();
    if (!q) {
        logger("board")->warn("resync failed: {}", q.error().message);
        return false;
    }
    post_([this, v = std::move(*q)]() mutable { handlers_.snapshot(std::move(v)); });
    if (options_.window > 0) refresh_window(options_.window);
    return true;
}

void HubLink::fetch_loop() {
    using clock = std::chrono::steady_clock;
    net::ClientOptions co;
    co.base_url = options_.hub;
    co.token = options_.token;
    net::HubClient client(co);
    auto last_sync = clock::now();
    auto not_before = clock::now();
    for (;;) {
        bool do_resync = false;
        std::set<int> windows;
        {
            std::unique_lock lock(mu_);
            for (;;) {
                if (stop_) return;
                const auto now = clock::now();
                // Periodic resyncs only while online: offline, the stream's reconnect triggers one.
                const auto due = resync_wanted_ ? std::max(not_before, now)
                                 : online_     ? last_sync + options_.resync_every
                                               : now + std::chrono::hours(1);
                if (now >= due) {
                    do_resync = true;
                    resync_wanted_ = false;
                    break;
                }
                if (!windows_wanted_.empty()) break;
                cv_.wait_until(lock, due);
            }
            windows.swap(windows_wanted_);
        }
        if (do_resync) {
            if (fetch_all(client)) {
                last_sync = clock::now();
            } else {
                std::lock_guard lock(mu_);
                resync_wanted_ = true;
                not_before = clock::now() + options_.retry_after;
            }
        }
        for (int n : windows) {
            if (auto info = client.window_info(n)) {
                post_([this, v = std::move(*info)]() mutable { handlers_.window_info(std::move(v)); });
            }
        }
    }
}

}  // namespace onestop::board
