#pragma once
// A device's one link to the hub, the same for kiosk, pad, board and counter: the event
// stream, one "online" state, and the device's requests on one worker thread. Results
// reach the device's UI thread only through `post`, so a slow or dead hub never holds
// up a screen or a key.
//
// Online means: the event stream is connected and the last request did not fail for
// want of an answer (hub unreachable, time-out). A request's failure shows at once,
// without waiting for the stream to notice; while the stream is down the link asks
// GET /api/v1/health every `probe_every`, so the state is known within about a second
// of the start and the hub's return is seen as soon as it answers. Nothing is posted
// before the state is known: no "offline" flash while the stream is still connecting.
//
// The device's own fetching (`refresh`) runs on the worker: after every (re)connect of
// the stream, when asked, every `refresh_every` while online, and `retry_after` after a
// refresh that found the hub away. Jobs submitted run in order between refreshes.
//
// Events are parsed here, once, so a device dispatches on the typed event and never reads
// the wire. A name this code does not know still arrives (as UnknownEvent, which devices
// ignore); a known event whose data does not parse is logged and dropped (see pump()).

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include "onestop/base/job_thread.h"
#include "onestop/base/result.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/events.h"
#include "onestop/net/hub_client.h"

namespace onestop::net {

struct LinkOptions {
    ClientOptions client;  // hub URL, token and time-outs for the link's requests
    std::chrono::milliseconds refresh_every{30000};
    std::chrono::milliseconds retry_after{2000};
    std::chrono::milliseconds probe_every{1000};
    std::chrono::milliseconds reconnect_max{2000};  // the stream's longest back-off
};

// Run on the device's UI thread (through post).
struct LinkHandlers {
    std::function<void(LinkEvent)> event;
    std::function<void(bool online)> online;
};

// The device's fetching, on the worker with the link's client. Returns false when the
// hub did not answer (it is tried again after retry_after).
using Refresh = std::function<bool(HubClient&)>;

// True when an error means the hub gave no answer at all (as opposed to an answer "no").
bool is_unreachable(const Error& error);

class HubLink {
  public:
    using Post = std::function<void(std::function<void()>)>;
    HubLink(LinkOptions options, Post post, LinkHandlers handlers, Refresh refresh);
    ~HubLink();  // stop()
    HubLink(const HubLink&) = delete;
    HubLink& operator=(const HubLink&) = delete;

    void start();  // the stream, the event pump and the worker
    // Runs the jobs already submitted (a rating just taken must reach the outbox), then
    // stops every thread. Idempotent.
    void stop();

    // Thread-safe.
    void refresh();                                    // run the refresh soon
    void submit(std::function<void(HubClient&)> job);  // in order, on the worker
    // A request's outcome (in a job, or made elsewhere like the counter's key presses):
    // no answer shows offline at once, an answer (also "no") clears that.
    void note(bool answered);
    bool online() const;

  private:
    void pump();
    void idle();  // the worker's idle task: probe, refresh when due
    void set_stream(bool up);
    void publish();  // posts the combined state when it is known and changed

    LinkOptions options_;
    Post post_;
    LinkHandlers handlers_;
    Refresh refresh_fn_;
    HubClient client_;  // the worker's only
    std::unique_ptr<EventStream> stream_;
    JobThread worker_;
    std::thread pump_thread_;
    std::atomic<bool> stopping_{false};

    mutable std::mutex mu_;
    bool stream_up_ = false;
    bool answered_ = true;  // the last request had an answer
    bool known_ = false;    // the stream connected, or a probe found it down
    std::optional<bool> posted_;
    bool refresh_wanted_ = true;
    bool last_refresh_failed_ = false;
    std::chrono::steady_clock::time_point last_refresh_{};
    std::chrono::steady_clock::time_point last_probe_{};
};

}  // namespace onestop::net
