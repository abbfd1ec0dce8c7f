#pragma once
// A live subscription to the hub's GET /api/v1/events, read on its own thread.
//
// The thread connects, parses the stream, and hands each event to the consumer through
// a queue that poll() drains without blocking (UI loops call it every frame). When the
// link drops — the connection fails or closes, or no byte (not even a ": ping") arrives
// for `idle_timeout` — the stream goes offline, waits (the server's `retry:` after a
// working connection, then exponential back-off) and reconnects sending Last-Event-ID,
// so the hub replays what was missed.
// stop() (and the destructor) wake the thread and join it within a few hundred ms.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include <nlohmann/json.hpp>

#include "onestop/net/events.h"

namespace onestop::net {

enum class LinkState { Offline, Online };

struct StreamOptions {
    std::string base_url = "http://127.0.0.1:8080";
    std::string token;
    std::string ca_file;                            // as ClientOptions::ca_file
    std::string last_event_id;                      // resume after this id on the first connect
    std::chrono::milliseconds idle_timeout{20000};  // CONTRACT pings every ≤ 15 s
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds backoff_min{250};
    std::chrono::milliseconds backoff_max{5000};
    size_t max_queued = 10000;  // oldest events are dropped beyond this (a stalled UI)
    // Called on the stream's thread whenever the link state changes. Keep it short and
    // thread-safe; it must not call stop().
    std::function<void(LinkState)> on_state;
};

class EventStream {
  public:
    explicit EventStream(StreamOptions options);
    ~EventStream();
    EventStream(const EventStream&) = delete;
    EventStream& operator=(const EventStream&) = delete;

    void start();  // starts the thread; no-op when running
    void stop();   // idempotent; returns once the thread has ended

    // The next received event, if any; never blocks.
    std::optional<HubEvent> poll();
    // Waits up to `timeout` for an event (for tools and tests, not UI loops).
    std::optional<HubEvent> wait(std::chrono::milliseconds timeout);

    LinkState state() const { return state_.load(); }
    bool online() const { return state() == LinkState::Online; }
    // Counts successful connects; a consumer that sees it change can resync its view
    // (e.g. GET /api/v1/queue) in case the hub's replay window did not reach back far enough.
    std::uint64_t connects() const { return connects_.load(); }
    std::string last_event_id() const;
    size_t dropped() const { return dropped_.load(); }

  private:
    void run();
    bool connect_once();  // one connection; returns true if it was ever online
    void set_state(LinkState s);
    void push(HubEvent&& ev);

    StreamOptions options_;
    std::thread thread_;
    std::atomic<bool> stopping_{false};
    std::atomic<LinkState> state_{LinkState::Offline};
    std::atomic<std::uint64_t> connects_{0};
    std::atomic<size_t> dropped_{0};

    mutable std::mutex mu_;
    std::condition_variable cv_;  // events arrived, or stop requested
    std::deque<HubEvent> queue_;
    std::string last_id_;
    long server_retry_ms_ = 0;  // the stream's `retry:`; only the stream thread uses it
    void* multi_ = nullptr;     // CURLM*, for curl_multi_wakeup from stop()
};

}  // namespace onestop::net
