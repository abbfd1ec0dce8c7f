#pragma once
// The open event streams (GET /api/v1/events) and the threads that feed them: one lane
// per core, each with its share of the streams. After each commit a lane formats the new
// events once and hands the same bytes to every stream of its share that is caught up; a
// stream that resumed from an older id is brought up to date on its own, from memory or
// from the log. Lanes also ping idle streams and end those whose device token was revoked.
// A stream may instead watch something (one ticket, for a phone): after each batch its
// watcher says what to send. Writing
// is the HTTP server's business: a stream that cannot keep up is dropped there, so no stream ever
// holds up another.

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "auth.h"
#include "event_bus.h"
#include "http_server.h"

namespace onestop::hub {

class LiveStreams {
  public:
    LiveStreams(EventBus& bus, Reader& reader, Authenticator& auth, std::chrono::seconds ping,
                int lanes);
    ~LiveStreams();
    LiveStreams(const LiveStreams&) = delete;
    LiveStreams& operator=(const LiveStreams&) = delete;

    // A place for one stream, counted from reserve() until the stream it went to ends, or
    // until it is dropped unused (the client left before its stream began).
    class Place {
      public:
        explicit Place(std::atomic<int>& count) : count_(count) {}
        ~Place() { --count_; }
        Place(const Place&) = delete;
        Place& operator=(const Place&) = delete;

      private:
        std::atomic<int>& count_;
    };
    // Null when `limit` places are taken.
    std::shared_ptr<Place> reserve(int limit);

    // Greets the stream, then sends it every event after `cursor`, then each new one.
    void add(std::shared_ptr<Place> place, std::shared_ptr<StreamSink> sink, int64_t cursor,
             Principal principal);
    // What a watcher has to send after a batch ("" nothing), and whether the stream ends
    // after it.
    struct Watch {
        std::string bytes;
        bool last = false;
    };
    using Watcher = std::function<Watch()>;
    // Sends `first`, then what `watcher` returns after each batch of new events.
    void watch(std::shared_ptr<Place> place, std::shared_ptr<StreamSink> sink, std::string first,
               Watcher watcher);
    int open() const { return count_; }
    // Ends every stream (and any added later) and the lanes.
    void stop();

  private:
    struct Follower {
        std::shared_ptr<Place> place;
        std::shared_ptr<StreamSink> sink;
        int64_t cursor = 0;
        Principal principal;
        std::chrono::steady_clock::time_point last_write;
        std::chrono::steady_clock::time_point checked;  // the token's revocation
        Watcher watcher;                                // set: a watching stream (no cursor)
    };
    void enqueue(Follower follower);
    struct Lane {
        std::vector<Follower> added;      // waiting for the lane to take them (under mu_)
        std::vector<Follower> followers;  // the lane thread's own
        std::thread thread;
    };
    void run(Lane& lane);
    // Sends what comes after the follower's cursor, up to `live`; false when it needs
    // another turn (the log is read a page at a time).
    bool catch_up(Follower& f, int64_t live);
    bool send(Follower& f, std::shared_ptr<const std::string> bytes);
    // True once the follower's device token is revoked (asked at most once a second).
    bool revoked(Follower& f, std::chrono::steady_clock::time_point now);

    EventBus& bus_;
    Reader& reader_;
    Authenticator& auth_;
    std::chrono::seconds ping_;
    std::atomic<int> count_{0};
    std::mutex mu_;  // guards every lane's `added`, next_lane_ and stopping_
    size_t next_lane_ = 0;
    bool stopping_ = false;
    std::vector<std::unique_ptr<Lane>> lanes_;
};

}  // namespace onestop::hub
