#pragma once
// The queue engine: the hall's queue state and every queue rule of CONTRACT.md,
// with no I/O. Time comes from the injected clock. Each command either fails with
// an Error (state untouched) or changes the state and returns the events that
// describe the change; apply() replays such events (from the store's log) to
// rebuild the same state after a restart.
//
// Not thread-safe: the hub drives one Engine from one writer thread.
// Local time (service days, hours) is in the injected zone, like the clock: engines of
// halls in different zones may share a process.
//
// Cost: commands and per-ticket queries are O(log n) in the waiting tickets (an
// order-statistics tree per line); waiting(service) is O(waiting).

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"
#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"
#include "onestop/queue/events.h"
#include "onestop/queue/hall.h"

namespace onestop::queue {

enum class TicketStatus { Waiting, Called, Done, NoShow, Cancelled };
const char* to_string(TicketStatus status);  // "waiting" "called" "done" "no_show" "cancelled"

struct Ticket {
    int64_t id = 0;
    std::string number;
    std::string service;  // the service it waits for now (changes on transfer)
    TicketStatus status = TicketStatus::Waiting;
    Priority priority = Priority::Normal;
    std::string service_day;
    TimePoint issued_at;
    std::optional<TimePoint> called_at;  // the latest call
    std::optional<TimePoint> finished_at;
    int window = 0;         // the window that called it last (0: none yet)
    int calls = 0;          // calls at the current window, recalls included
    int target_window = 0;  // transferred to this window only (0: any window of `service`)
    bool transferred = false;
    std::string from_service;  // where a transfer came from (joint handling record)
    int from_window = 0;
    std::string printed;  // renumbered offline ticket: the number on its slip (else empty)
};

enum class WindowStatus { Open, Paused, Closed };
const char* to_string(WindowStatus status);  // "open" "paused" "closed"

struct WindowState {
    int number = 0;
    WindowStatus status = WindowStatus::Closed;  // Closed: outside its hours right now
    bool paused = false;
    std::string pause_reason;
    std::optional<int64_t> current;  // the ticket called and not yet finished
};

struct Call {
    std::string number;
    int window = 0;
    TimePoint at;
};

// What a command did. `ticket` is the ticket the command was about, as it is now
// (absent for call-next when nobody waits, and for window commands).
struct Outcome {
    std::optional<Ticket> ticket;
    std::vector<Event> events;
};

// A service (any of its windows calls it), a window (only that one calls it, for the
// ticket's service), or both (that window, for that service).
struct TransferTarget {
    std::string service;
    int window = 0;
};

// A call made before the part of the log an engine replays (the hub's calls table keeps them).
struct PastCall {
    Call call;
    bool recall = false;
    bool priority = false;  // a 绿色通道 ticket's first call (priority_one_in counts them)
};

// What an engine that replays only part of the log needs to know of the part it skips.
struct History {
    int64_t next_id = 1;          // ticket ids continue after every ticket ever issued
    std::vector<PastCall> calls;  // the latest calls, newest first
};

// How many of the latest calls resume() can use: the recent calls the engine keeps and
// each window's call history (priority_one_in).
int history_calls(const Hall& hall);

// One service's numbers on a past service day as the hub's tables keep them: for an
// offline ticket of that day arriving once the day's events are no longer in memory.
struct DayNumbers {
    std::string service;
    std::string service_day;
    std::vector<std::pair<int, int>> leases;              // first, count
    std::vector<std::pair<std::string, int64_t>> issued;  // number, ticket id
};

class Engine {
  public:
    Engine(Hall hall, const Clock& clock, TimeZone zone);
    ~Engine();
    // A copy would share the state with its original (and two engines must never both
    // own one queue): moves only.
    Engine(const Engine&) = delete;
    Engine& operator=(const Engine&) = delete;
    Engine(Engine&&) noexcept;

    const Hall& hall() const { return hall_; }
    // Replaces a service's guide (its name, who may apply, steps, materials, mode and
    // promised days: what the office edits, 第二十条); its code, unit and the windows that
    // serve it stay. False when the hall has no such service.
    bool update_guide(const Service& service);
    const TimeZone& zone() const { return zone_; }

    // --- commands -----------------------------------------------------------
    // A new ticket. Fails with service_unknown, or service_closed when no window
    // serving it is open now (Error message says the next opening).
    Result<Outcome> issue(const std::string& service, Priority priority);
    // A ticket a kiosk issued offline from a leased block, arriving later: keeps its number
    // and issue time. Fails with lease_unknown if not leased or already issued (then: adopt()).
    // The service day is the local date of `issued_at`.
    Result<Outcome> issue_leased(const std::string& service, Priority priority, int sequence,
                                 TimePoint issued_at);
    // The same with the lease's service day given (a block leased before midnight).
    Result<Outcome> issue_leased(const std::string& service, Priority priority,
                                 const std::string& service_day, int sequence, TimePoint issued_at);
    // A ticket a kiosk issued offline under a number this database never leased to it (a
    // block of another database, one this database has lost to a restore, or a number
    // already issued): it is never refused. It keeps its printed number when that number
    // is free on `service_day` (not issued, not inside any lease), else it gets the day's
    // next number and Ticket::printed keeps the one on the slip. Either way it keeps its
    // issue time. Fails only with service_unknown.
    Result<Outcome> adopt(const std::string& service, Priority priority,
                          const std::string& service_day, int sequence, TimePoint issued_at);
    // Sets aside `count` (1…999) numbers of today for offline issuing; the
    // NumbersLeased event says which. Fails with service_unknown, invalid_lease_count.
    Result<Outcome> lease(const std::string& service, int count);

    // Finishes a still-called ticket at `window`, then calls the next by the hall's
    // order. Fails with window_unknown, window_paused.
    Result<Outcome> call_next(int window);
    Result<Outcome> recall(int window);   // nothing_called; recall_limit_reached
    Result<Outcome> no_show(int window);  // nothing_called
    Result<Outcome> finish(int window);   // nothing_called
    // The called ticket waits again under its number, first in line of the target;
    // records from_service/from_window. Fails with nothing_called,
    // transfer_target_unknown, window_not_serving (the window lacks that service).
    Result<Outcome> transfer(int window, const TransferTarget& target);
    Result<Outcome> pause(int window, const std::string& reason);  // already_paused
    Result<Outcome> resume(int window);                            // not_paused
    Result<Outcome> rejoin(int64_t ticket_id);  // late no-show; not_no_show, ticket_unknown
    Result<Outcome> cancel(int64_t ticket_id);  // a waiting ticket the applicant gave up

    // Replays one event from the log (already validated when it was made).
    void apply(const Event& event);

    // --- bounded memory -----------------------------------------------------
    // An engine may start from part of the log (a hub reads today's part, not every day's):
    // resume() first, then apply() that part. Tickets issued before it are unknown to the
    // engine and their events are skipped; the caller keeps them out of that part.
    void resume(const History& history);
    // Replaces what the engine knows of a past day's numbers by the tables' account, so
    // issue_leased() and adopt() for that day act as if its events had been replayed.
    // An adopted number of that day then counts as issued by the counter: adopt() may
    // renumber onto a higher free number than a full replay would.
    void recall_numbers(const DayNumbers& numbers);
    // A closed ticket (done, no-show, cancelled) of an earlier day back in memory, so a
    // late no-show can rejoin. False (and nothing changes) for an open or a known ticket.
    bool restore(const Ticket& ticket);
    // Forgets the closed tickets and the number counters of days before `day`; waiting and
    // called tickets of any day stay. Returns how many tickets were forgotten.
    size_t forget_before(const std::string& day);

    // --- queries ------------------------------------------------------------
    const Ticket* ticket(int64_t id) const;
    const Ticket* ticket_by_number(const std::string& service_day, const std::string& number) const;
    // Tickets that would be called before this one (0 when it is next or not waiting):
    // those ahead of it in the call order of the windows that may call it, all their
    // services counted (the priority_one_in interleave is not foreseen).
    int waiting_ahead(int64_t id) const;
    int waiting_count(const std::string& service) const;  // transferred-in tickets included
    // How many tickets this window could call now (its services' lines and its own).
    int waiting_for_window(int window) const;
    // Estimated minutes until this ticket is called: waiting_ahead × the service's
    // minutes_per_ticket ÷ the open, unpaused windows that may call it (after hours:
    // the unpaused ones), rounded up.
    int estimated_wait_minutes(int64_t id) const;
    int estimated_wait_minutes_for_new(const std::string& service) const;

    bool service_open(const std::string& service) const;                   // can issue now
    std::optional<TimePoint> next_open(const std::string& service) const;  // when it next can
    bool window_open(int window) const;                                    // by hours (and periods)
    std::optional<TimePoint> window_next_open(int window) const;
    WindowState window_state(int window) const;
    std::vector<WindowState> windows() const;
    std::vector<Call> recent_calls(size_t limit) const;  // calls and recalls, newest first
    std::vector<const Ticket*> waiting(const std::string& service) const;  // in call order
    const Calendar& calendar() const;  // the hall's working days and window hours

  private:
    std::optional<int64_t> pick_next(int window) const;
    void reach(const Ticket& t, std::vector<int>& windows,
               std::vector<std::string>& services) const;
    int open_windows(const std::vector<int>& windows) const;
    int estimate(int ahead, const std::string& service, const std::vector<int>& windows) const;

    // State (engine.cpp): tickets by id, per-(service, day) counters and leases,
    // ordered waiting lines per service and per window, window states, recent calls.
    Hall hall_;
    const Clock& clock_;
    TimeZone zone_;
    struct State;
    std::unique_ptr<State> state_;
};

// Working days after `date` ("YYYY-MM-DD"), skipping weekends and the hall's holidays:
// a deadline item's promised date and a bad rating's follow-up deadline. (calendar.h
// has the variant that also counts make-up working days, Settings::workdays.)
std::string add_working_days(const std::string& date, int days,
                             const std::vector<std::string>& holidays);

}  // namespace onestop::queue
