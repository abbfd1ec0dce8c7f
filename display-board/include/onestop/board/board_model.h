#pragma once
// What the boards show, as plain data, built from the hub's GET /api/v1/queue snapshot
// and its event stream. Pure: no I/O, no threads, no SDL — every rule here is tested
// with made-up snapshots and events.
//
// No call missed or shown twice: events are applied once (by their increasing id), a
// call is known by its number, window and time (so a snapshot taken after an event,
// or the replay of an event already seen, adds nothing), and a snapshot older than the
// events already applied does not roll a window or a service back.

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/board/announcement.h"
#include "onestop/net/events.h"
#include "onestop/net/protocol.h"

namespace onestop::board {

struct CallEntry {
    std::string number;  // "A012"
    int window = 0;
    std::string at;  // ISO 8601 as the hub sent it
    bool recall = false;
    int calls = 0;  // 1 for the first call, 2… for recalls; 0 when unknown (from a snapshot)
};

struct WindowEntry {
    int number = 0;
    Text name;
    std::string unit;
    std::vector<std::string> services;
    std::string status = "closed";       // open paused closed
    std::optional<std::string> current;  // the called ticket's number
    std::optional<net::StaffRef> staff;  // name empty until GET /windows/{n} tells it
    std::string pause_reason;
    int waiting = -1;  // -1: unknown (only GET /windows/{n} tells it)
};

struct ServiceEntry {
    std::string code;
    int waiting = 0;
    bool open = false;
};

// What applying an event asks of the program around the model.
struct Effects {
    bool changed = false;          // redraw
    std::optional<Call> announce;  // a call or recall: flash it and speak it
    int refresh_window = 0;        // ≠ 0: fetch GET /api/v1/windows/{n} (staff on duty changed)
};

class BoardModel {
  public:
    explicit BoardModel(size_t keep_calls = 10);

    // The whole picture from GET /api/v1/queue. Calls in it are history: not announced.
    void apply_snapshot(const net::QueueSnapshot& snapshot);
    // GET /api/v1/windows/{n}: staff name, waiting for that window, pause reason.
    void apply_window_info(const net::WindowInfo& info);
    Effects apply_event(const net::LinkEvent& event);
    // The link to the hub; going offline changes nothing else (the last picture stays).
    bool set_online(bool online);
    void set_notice(const Text& text);
    // GET /api/v1/services: the names shown beside each service code.
    void set_service_names(const std::vector<net::ServiceInfo>& services);
    // The service's name, or empty when unknown.
    const Text* service_name(const std::string& code) const;

    bool online() const { return online_; }
    bool synced() const { return synced_; }                        // a snapshot has been applied
    const std::deque<CallEntry>& calls() const { return calls_; }  // newest first
    const CallEntry* newest() const { return calls_.empty() ? nullptr : &calls_.front(); }
    const std::map<int, WindowEntry>& windows() const { return windows_; }
    const WindowEntry* window(int number) const;
    const std::vector<ServiceEntry>& services() const { return services_; }
    const Text& notice() const { return notice_; }
    uint64_t last_event_id() const { return last_event_id_; }
    // Increases with every visible change.
    uint64_t version() const { return version_; }

  private:
    // True when the call was new (and is now at the front of the list).
    bool add_call(CallEntry call);
    WindowEntry& window_for(int number);
    void set_waiting(const std::string& service, int waiting, TimePoint at);
    bool newer_than_snapshot(const std::string& key, TimePoint snapshot_now) const;
    void touch(const std::string& key, TimePoint at);

    size_t keep_calls_;
    std::deque<CallEntry> calls_;
    // number|window|at of the calls seen lately → their call counts (0: seen in a snapshot,
    // count unknown). The hub stamps whole seconds, so a quick recall shares its call's time.
    std::map<std::string, std::set<int>> seen_calls_;
    std::deque<std::string> seen_order_;  // the same keys, oldest first, to bound the map
    std::map<int, WindowEntry> windows_;
    std::vector<ServiceEntry> services_;
    std::map<std::string, TimePoint> changed_at_;  // "w3", "sA": hub time of the last event applied
    Text notice_;
    std::map<std::string, Text> service_names_;
    bool online_ = false;
    bool synced_ = false;
    uint64_t last_event_id_ = 0;
    uint64_t version_ = 0;
};

}  // namespace onestop::board
