#pragma once
// Committed events on their way to the SSE streams. The writer publishes after each
// commit, in log order; the streams' fan-out (live_streams.h) asks for what came after
// a cursor (the last id sent). Recent events stay in memory; a cursor older than that
// (a resume after a long absence) is told to read the log.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace onestop::hub {

struct Published {
    int64_t id = 0;
    std::string name;
    std::string data;
};

class EventBus {
  public:
    // `last_logged_id`: the log's last id at start; older events are only in the log.
    explicit EventBus(int64_t last_logged_id, size_t keep = 4096);

    void publish(std::vector<Published> events);

    struct Batch {
        std::vector<Published> events;  // ids > cursor, oldest first
        bool from_log = false;          // events after the cursor are no longer in memory
    };
    // Waits up to `timeout` for events after `cursor`. Returns at once if some are there,
    // or when wake() was called since the waiter last saw `wakes` (which it updates).
    Batch wait_after(int64_t cursor, std::chrono::milliseconds timeout, uint64_t& wakes);
    Batch wait_after(int64_t cursor, std::chrono::milliseconds timeout);
    Batch after(int64_t cursor) const;  // without waiting
    void wake();

    int64_t last_id() const;
    // Events with ids up to here may be only in the log (all of them are committed).
    int64_t floor() const;
    void shutdown();  // wakes every waiting stream; later waits return at once
    bool shutting_down() const { return shutdown_; }

  private:
    Batch collect(int64_t cursor) const;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Published> recent_;
    size_t keep_;
    int64_t floor_;  // events with id <= floor_ may be missing from recent_
    int64_t last_id_;
    uint64_t wakes_ = 0;
    std::atomic<bool> shutdown_{false};
};

}  // namespace onestop::hub
