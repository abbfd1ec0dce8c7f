#include "live_streams.h"

#include <algorithm>

#include "onestop/base/log.h"

namespace onestop::hub {

namespace {

// The longest the thread sleeps without events: pings and revocations are checked
// this often.
constexpr auto kTurn = std::chrono::milliseconds(500);
// How often a stream opened with a device token checks that the token is not revoked.
constexpr auto kRevocationCheck = std::chrono::seconds(1);
constexpr int kLogPage = 500;

const auto kGreeting =
    std::make_shared<const std::string>(": onestop event stream\nretry: 2000\n\n");
const auto kPing = std::make_shared<const std::string>(": ping\n\n");

void append_event(std::string& out, int64_t id, const std::string& name, const std::string& data) {
    out += "id: " + std::to_string(id) + "\nevent: " + name + "\ndata: " + data + "\n\n";
}

}  // namespace

LiveStreams::LiveStreams(EventBus& bus, Reader& reader, Authenticator& auth,
                         std::chrono::seconds ping, int lanes)
    : bus_(bus), reader_(reader), auth_(auth), ping_(ping) {
    for (int i = 0; i < std::max(1, lanes); ++i) lanes_.push_back(std::make_unique<Lane>());
    for (auto& lane : lanes_) lane->thread = std::thread([this, l = lane.get()] { run(*l); });
}

LiveStreams::~LiveStreams() {
    stop();
}

std::shared_ptr<LiveStreams::Place> LiveStreams::reserve(int limit) {
    int taken = count_.load();
    do {
        if (taken >= limit) return nullptr;
    } while (!count_.compare_exchange_weak(taken, taken + 1));
    return std::make_shared<Place>(count_);
}

void LiveStreams::add(std::shared_ptr<Place> place, std::shared_ptr<StreamSink> sink,
                      int64_t cursor, Principal principal) {
    sink->send(kGreeting);
    auto now = std::chrono::steady_clock::now();
    enqueue(
        Follower{std::move(place), std::move(sink), cursor, std::move(principal), now, now, {}});
}

void LiveStreams::watch(std::shared_ptr<Place> place, std::shared_ptr<StreamSink> sink,
                        std::string first, Watcher watcher) {
    sink->send(std::make_shared<const std::string>(std::move(first)));
    auto now = std::chrono::steady_clock::now();
    // Cursor -1: asked once as soon as its lane takes it, for what changed since `first`.
    enqueue(Follower{std::move(place), std::move(sink), -1, {}, now, now, std::move(watcher)});
}

void LiveStreams::enqueue(Follower follower) {
    {
        std::lock_guard lock(mu_);
        if (stopping_) {
            follower.sink->close();
            return;
        }
        lanes_[next_lane_++ % lanes_.size()]->added.push_back(std::move(follower));
    }
    bus_.wake();
}

void LiveStreams::stop() {
    {
        std::lock_guard lock(mu_);
        if (stopping_) return;
        stopping_ = true;
    }
    bus_.wake();
    for (auto& lane : lanes_) {
        if (lane->thread.joinable()) lane->thread.join();
        for (auto& f : lane->followers) f.sink->close();
        lane->followers.clear();
        std::lock_guard lock(mu_);
        for (auto& f : lane->added) f.sink->close();
        lane->added.clear();
    }
}

bool LiveStreams::send(Follower& f, std::shared_ptr<const std::string> bytes) {
    f.last_write = std::chrono::steady_clock::now();
    return f.sink->send(std::move(bytes));
}

bool LiveStreams::revoked(Follower& f, std::chrono::steady_clock::time_point now) {
    if (f.principal.kind != Principal::Kind::Device || now - f.checked < kRevocationCheck)
        return false;
    f.checked = now;
    auto valid = auth_.still_valid(f.principal);
    if (!valid) logger("hub")->error("event stream: {}", valid.error().message);
    return valid && !*valid;
}

bool LiveStreams::catch_up(Follower& f, int64_t live) {
    std::string out;
    auto recent = bus_.after(f.cursor);
    if (!recent.from_log) {
        for (const auto& e : recent.events) {
            if (e.id > live) break;  // the next turn's batch brings it
            append_event(out, e.id, e.name, e.data);
            f.cursor = e.id;
        }
        f.cursor = std::max(f.cursor, live);
        if (!out.empty()) send(f, std::make_shared<const std::string>(std::move(out)));
        return true;
    }
    int64_t floor = bus_.floor();
    Result<std::vector<store::LogEntry>> rows = std::vector<store::LogEntry>{};
    {
        std::lock_guard lock(reader_.mu);
        rows = reader_.store->published_after(f.cursor, kLogPage);
    }
    if (!rows) {
        logger("hub")->error("event stream: {}", rows.error().message);
        f.sink->close();
        return true;
    }
    for (const auto& e : *rows) {
        append_event(out, e.id, e.name.value_or(""), e.data.value_or("{}"));
        f.cursor = e.id;
    }
    // The log's events after its last published one up to the floor have no name: the
    // rest comes from memory.
    if (static_cast<int>(rows->size()) < kLogPage) f.cursor = std::max(f.cursor, floor);
    if (!out.empty()) send(f, std::make_shared<const std::string>(std::move(out)));
    return f.cursor >= live;
}

void LiveStreams::run(Lane& lane) {
    auto& followers = lane.followers;
    int64_t live = bus_.last_id();  // where every caught-up stream's cursor is
    bool behind = false;            // some stream needs another turn to catch up
    uint64_t wakes = 0;
    while (true) {
        auto batch = bus_.wait_after(live, behind ? std::chrono::milliseconds(0) : kTurn, wakes);
        {
            std::lock_guard lock(mu_);
            if (stopping_) return;
            std::move(lane.added.begin(), lane.added.end(), std::back_inserter(followers));
            lane.added.clear();
        }
        if (bus_.shutting_down()) return;  // stop() closes the streams
        // The new events, formatted once for every stream that is caught up.
        int64_t next = live;
        std::shared_ptr<const std::string> shared;
        if (batch.from_log) {
            next = bus_.last_id();  // too many at once: each stream catches up on its own
        } else if (!batch.events.empty()) {
            std::string out;
            for (const auto& e : batch.events) append_event(out, e.id, e.name, e.data);
            next = batch.events.back().id;
            shared = std::make_shared<const std::string>(std::move(out));
        }
        behind = false;
        auto now = std::chrono::steady_clock::now();
        for (auto& f : followers) {
            if (f.sink->closed()) continue;
            if (revoked(f, now)) {
                f.sink->close();
                continue;
            }
            if (f.watcher) {
                if (next != live || f.cursor < 0) {
                    f.cursor = 0;
                    Watch w = f.watcher();
                    if (!w.bytes.empty())
                        send(f, std::make_shared<const std::string>(std::move(w.bytes)));
                    if (w.last) f.sink->close();
                }
            } else if (shared && f.cursor == live) {
                send(f, shared);
                f.cursor = next;
            } else if (f.cursor < next && !catch_up(f, next)) {
                behind = true;
            }
            if (now - f.last_write >= ping_) send(f, kPing);
        }
        live = next;
        std::erase_if(followers, [](const Follower& f) { return f.sink->closed(); });
    }
}

}  // namespace onestop::hub
