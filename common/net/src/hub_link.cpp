#include "onestop/net/hub_link.h"

#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"

namespace onestop::net {

bool is_unreachable(const Error& error) {
    return error.code == errc::hub_unreachable || error.code == errc::timeout;
}

HubLink::HubLink(LinkOptions options, Post post, LinkHandlers handlers, Refresh refresh)
    : options_(std::move(options)),
      post_(std::move(post)),
      handlers_(std::move(handlers)),
      refresh_fn_(std::move(refresh)),
      client_(options_.client),
      // The idle task is also the probe and the refresh timer: it must tick at least as
      // often as the shortest of them.
      worker_(std::min({options_.probe_every, options_.retry_after, options_.refresh_every}),
              [this] { idle(); }) {
    StreamOptions so;
    so.base_url = options_.client.base_url;
    so.token = options_.client.token;
    so.ca_file = options_.client.ca_file;
    so.backoff_max = options_.reconnect_max;
    so.on_state = [this](LinkState s) { set_stream(s == LinkState::Online); };
    stream_ = std::make_unique<EventStream>(std::move(so));
}

HubLink::~HubLink() {
    stop();
}

void HubLink::start() {
    last_probe_ = std::chrono::steady_clock::now();
    worker_.start();
    stream_->start();
    pump_thread_ = std::thread([this] { pump(); });
}

void HubLink::stop() {
    stopping_ = true;
    stream_->stop();
    if (pump_thread_.joinable()) pump_thread_.join();
    worker_.stop();
}

void HubLink::refresh() {
    {
        std::lock_guard lock(mu_);
        refresh_wanted_ = true;
    }
    worker_.poke();
}

void HubLink::submit(std::function<void(HubClient&)> job) {
    worker_.submit([this, job = std::move(job)] { job(client_); });
}

bool HubLink::online() const {
    std::lock_guard lock(mu_);
    return stream_up_ && answered_;
}

void HubLink::pump() {
    while (!stopping_) {
        // wait() returns as soon as an event arrives: this is the call → screen path.
        auto ev = stream_->wait(std::chrono::milliseconds(200));
        if (!ev) continue;
        auto event = parse_event(*ev);
        if (!event) {
            // A known name with data of the wrong shape: the hub is broken or newer in that
            // field. No device can act on half an event, and a resync per bad event would
            // refetch on every one while the mismatch lasts; what it changed arrives with
            // the next refresh (every reconnect, every refresh_every). So it is logged and
            // dropped, which is what the devices did when each parsed for itself.
            logger("net")->warn("event {} dropped: {}", ev->id, event.error().message);
            continue;
        }
        post_([this, e = LinkEvent{std::move(ev->id), std::move(*event)}]() mutable {
            handlers_.event(std::move(e));
        });
    }
}

void HubLink::idle() {
    using clock = std::chrono::steady_clock;
    const auto now = clock::now();
    bool probe = false;
    bool due = false;
    {
        std::lock_guard lock(mu_);
        // No probe in the first probe period: the stream usually connects well before.
        if (!stream_up_ && now - last_probe_ >= options_.probe_every) {
            probe = true;
            last_probe_ = now;
        }
        const auto since = now - last_refresh_;
        due = refresh_wanted_ || (last_refresh_failed_ && since >= options_.retry_after) ||
              (stream_up_ && answered_ && since >= options_.refresh_every);
    }
    if (probe) {
        auto health = client_.health();
        {
            std::lock_guard lock(mu_);
            known_ = true;
        }
        note(health.ok() || !is_unreachable(health.error()));
    }
    if (!due || !refresh_fn_) return;
    {
        std::lock_guard lock(mu_);
        refresh_wanted_ = false;
    }
    const bool answered = refresh_fn_(client_);
    {
        std::lock_guard lock(mu_);
        last_refresh_ = clock::now();
        last_refresh_failed_ = !answered;
    }
    note(answered);
}

void HubLink::set_stream(bool up) {
    {
        std::lock_guard lock(mu_);
        stream_up_ = up;
        if (up) {
            known_ = true;
            answered_ = true;
            refresh_wanted_ = true;  // whatever the replay window missed, the refresh has
        }
        last_probe_ = std::chrono::steady_clock::now();
    }
    publish();
    if (up) worker_.poke();
}

void HubLink::note(bool answered) {
    {
        std::lock_guard lock(mu_);
        answered_ = answered;
    }
    publish();
}

void HubLink::publish() {
    bool online = false;
    {
        std::lock_guard lock(mu_);
        if (!known_) return;
        online = stream_up_ && answered_;
        if (posted_ == online) return;
        posted_ = online;
    }
    if (handlers_.online) post_([this, online] { handlers_.online(online); });
}

}  // namespace onestop::net
