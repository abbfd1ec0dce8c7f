#pragma once
// Everything the hub keeps in memory, rebuilt from the database at start and after a
// failed commit: the queue engine (today's part of the event log, replayed) plus what the
// engine does not know (ticket codes and request ids, ratings given, sessions and staff on
// duty, the notice). Memory holds today's tickets and the ones still waiting or called;
// an earlier day's ticket is read back from the tables when a request names it. Guarded by
// Hub's state mutex: the writer thread changes it, request threads read it.

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
    std::map<std::string, int64_t> guide_versions;  // service → its guide's version (0: hall file)
    std::string hall_day;  // the day whose window plans the engine's hall holds
    // The next notice start or end to publish (min: not looked yet, as after a load).
    TimePoint notice_due = TimePoint::min();
    // When the next accepted case becomes overdue (min: not looked yet; max: none open).
    TimePoint case_due = TimePoint::min();
    // The daily reminders of follow-ups and complaints (at start: now).
    TimePoint reminders_due = TimePoint::min();
    // The next look at the closing round (hall_closing.cpp; min: at start).
    TimePoint closing_due = TimePoint::min();
    int64_t tickets_issued = 0;  // in the whole log (metrics counters survive restarts)
    int64_t calls = 0;           // calls and recalls
    std::string day;             // the service day memory was last trimmed to
    // Past days' numbers read back into the engine since the last trim: (service, day).
    std::set<std::pair<std::string, std::string>> recalled_days;

    const OnDuty* duty_at(int window) const;
    // The ticket with its record and rating from memory, if it is there.
    std::optional<store::StoredTicket> in_memory(int64_t id) const;
    // An earlier day's ticket read back from the tables, kept until the next trim.
    void remember(const store::StoredTicket& stored);
    // At the first write of a new service day: forgets the closed tickets of earlier days.
    void trim(TimePoint now);
};

// Reads the tables (the hall with the office's guide versions over it) and replays the log from
// today's first entry (or from the issue of the oldest ticket still waiting or called, if earlier)
// into a fresh engine.
Result<std::unique_ptr<HubState>> load_state(store::HubStore& store, const queue::Hall& hall,
                                             const Clock& clock, TimeZone zone);

// Log types the hub writes beside the engine's events start with "hub." and are
// skipped by the replay.
inline constexpr const char* kHubLogPrefix = "hub.";

}  // namespace onestop::hub
