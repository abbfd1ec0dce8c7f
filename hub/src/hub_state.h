#pragma once
// Everything the hub keeps in memory, rebuilt from the database at start and after a
// failed commit: the queue engine (replayed from the event log) plus what the engine
// does not know (ticket codes and request ids, ratings given, sessions and staff on
// duty, the notice). Guarded by Hub's state mutex: the writer thread changes it,
// request threads read it.

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"
#include "onestop/base/time.h"
#include "onestop/queue/engine.h"
#include "onestop/store/hub_store.h"

namespace onestop::hub {

struct OnDuty {
    int64_t session = 0;
    std::string token_hash;
    std::string staff;  // staff number
    std::string name;
    std::string unit;
    int window = 0;
};

struct HubState {
    HubState(queue::Hall hall, const Clock& clock, TimeZone zone)
        : engine(std::move(hall), clock, zone) {}

    queue::Engine engine;
    std::string hub_id;  // the database's identity (GET /health, lease answers)
    std::unordered_map<int64_t, store::TicketRecord> records;  // by ticket id
    std::map<std::pair<int64_t, std::string>, int64_t>
        requests;                            // (device, request_id) → ticket id
    std::set<int64_t> evaluated;             // tickets already rated
    std::map<std::string, OnDuty> sessions;  // open sessions by token hash
    std::map<int, std::string> on_duty;      // window → token hash of its session
    store::Notice notice;
    int64_t tickets_issued = 0;  // in the whole log (metrics counters survive restarts)
    int64_t calls = 0;           // calls and recalls

    const OnDuty* duty_at(int window) const;
};

// Replays the log into a fresh engine and loads the rest from the tables.
Result<std::unique_ptr<HubState>> load_state(store::HubStore& store, const queue::Hall& hall,
                                             const Clock& clock, TimeZone zone);

// Log types the hub writes beside the engine's events start with "hub." and are
// skipped by the replay.
inline constexpr const char* kHubLogPrefix = "hub.";

}  // namespace onestop::hub
