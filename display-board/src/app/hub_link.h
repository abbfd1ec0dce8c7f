#pragma once
// The board's side of the network, entirely off the UI thread: the event stream
// (its own thread, reconnecting with Last-Event-ID), a pump that hands events over,
// and a fetcher that resyncs GET /api/v1/queue (+ services, notice, window) after
// every (re)connect and every `resync_every`. Results reach the UI thread only through
// `post`, so a slow or dead hub never holds up drawing.

#include <atomic>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"

namespace onestop::board {

struct LinkOptions {
    std::string hub;
    std::string token;
    int window = 0;  // window layout: also fetch GET /api/v1/windows/{window}
    std::chrono::milliseconds resync_every{30000};
    std::chrono::milliseconds retry_after{2000};  // a failed resync is tried again this soon
};

// Run on the UI thread (through post).
struct LinkHandlers {
    std::function<void(net::HubEvent)> event;
    std::function<void(bool online)> online;
    std::function<void(net::QueueSnapshot)> snapshot;
    std::function<void(net::WindowInfo)> window_info;
    std::function<void(std::vector<net::ServiceInfo>)> services;
    std::function<void(net::Text)> notice;
};

class HubLink {
public:
    using Post = std::function<void(std::function<void()>)>;
    HubLink(LinkOptions options, Post post, LinkHandlers handlers);
    ~HubLink();  // stops and joins every thread
    HubLink(const HubLink&) = delete;
    HubLink& operator=(const HubLink&) = delete;

    // Thread-safe requests to the fetcher.
    void resync();
    void refresh_window(int number);

private:
    void pump();
    void fetch_loop();
    bool fetch_all(net::HubClient& client);  // false when the snapshot could not be had

    LinkOptions options_;
    Post post_;
    LinkHandlers handlers_;
    std::unique_ptr<net::EventStream> stream_;

    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
    bool resync_wanted_ = true;
    std::set<int> windows_wanted_;
    std::atomic<bool> online_{false};
    std::thread pump_thread_;
    std::thread fetch_thread_;
};

}  // namespace onestop::board
