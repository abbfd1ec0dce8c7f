#include "onestop/queue/engine.h"
#include "onestop/base/error_codes.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <deque>
#include <limits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"
#include "onestop/queue/numbering.h"
#include "queue_order.h"

namespace onestop::queue {

namespace {

constexpr size_t kRecentCalls = 100;
constexpr size_t kCallHistory = 32;  // per window, for priority_one_in
constexpr int kMaxLease = 999;
constexpr int kLeaseTop = 1000;  // one past the last three-digit number

int64_t millis(TimePoint t) {
    return t.time_since_epoch().count();
}

std::string counter_key(const std::string& service, const std::string& day) {
    return service + "|" + day;
}

std::string number_key(const std::string& day, const std::string& number) {
    return day + "|" + number;
}

}  // namespace

struct Engine::State {
    struct Counter {
        int next = 1;                             // lowest sequence issue() may hand out
        std::vector<std::pair<int, int>> leases;  // [first, first + count)
        std::unordered_set<int> leased_issued;    // leased sequences already issued
        std::set<int> adopted;  // offline tickets' sequences taken outside every lease
        // Leases are cut from the top of the three-digit range downwards, so a kiosk
        // holding a block does not push the day's first number at the counter past 001.
        int lease_floor = kLeaseTop;    // lowest sequence leased below the top
        int lease_ceiling = kLeaseTop;  // above every lease: where leases go once the top is used

        void add_lease(int first, int count) {
            leases.emplace_back(first, first + count);
            if (first + count <= kLeaseTop) lease_floor = std::min(lease_floor, first);
            lease_ceiling = std::max(lease_ceiling, first + count);
        }
        void take(int sequence, bool was_adopted) {
            if (is_leased(sequence))
                leased_issued.insert(sequence);
            else if (was_adopted)
                adopted.insert(sequence);
            else
                next = std::max(next, sequence + 1);
        }
        bool is_leased(int sequence) const {
            return std::any_of(leases.begin(), leases.end(), [&](const auto& l) {
                return l.first <= sequence && sequence < l.second;
            });
        }
        // The next free sequence at or after `next`, stepping over leased blocks and
        // adopted numbers.
        int next_free() const {
            int sequence = next;
            for (bool moved = true; moved;) {
                moved = false;
                for (const auto& l : leases)
                    if (l.first <= sequence && sequence < l.second) {
                        sequence = l.second;
                        moved = true;
                    }
                if (adopted.count(sequence)) {
                    ++sequence;
                    moved = true;
                }
            }
            return sequence;
        }
        // The lowest adopted sequence in [first, first + count), if any.
        std::optional<int> adopted_in(int first, int count) const {
            auto it = adopted.lower_bound(first);
            if (it == adopted.end() || *it >= first + count) return std::nullopt;
            return *it;
        }
        // Where a block of `count` goes: under the blocks cut from the top while it stays
        // above the counter's numbers, else above every lease; never over an adopted number.
        int place_lease(int count) const {
            int free = next_free();
            for (int first = lease_floor - count; first >= free;) {
                auto taken = adopted_in(first, count);
                if (!taken) return first;
                first = *taken - count;
            }
            int first = std::max(free, lease_ceiling);
            while (auto taken = adopted_in(first, count)) first = *taken + 1;
            return first;
        }
    };
    struct Runtime {
        bool paused = false;
        std::string reason;
        std::optional<int64_t> current;
        std::deque<bool> priority_calls;  // newest last: was each call a 绿色通道 call?
    };

    State(const Hall& hall, TimeZone zone) : calendar(hall.settings, zone) {
        for (const auto& w : hall.windows) {
            windows[w.number];
            for (const auto& s : w.services) windows_of[s].push_back(w.number);
        }
        for (const auto& s : hall.services) {
            auto& near = neighbours[s.code];
            near.push_back(s.code);
            for (int wn : windows_of[s.code])
                for (const auto& other : hall.find_window(wn)->services)
                    if (std::find(near.begin(), near.end(), other) == near.end())
                        near.push_back(other);
        }
    }

    Calendar calendar;
    int64_t next_id = 1;
    std::unordered_map<int64_t, Ticket> tickets;
    std::unordered_map<std::string, int64_t> by_number;  // "day|A012" → id
    std::unordered_map<std::string, Counter> counters;   // "A|day"
    std::map<std::string, OrderTree> service_lanes;      // waiting for any window of a service
    std::map<int, OrderTree> window_lanes;               // transferred to one window
    std::unordered_map<int64_t, Key> keys;               // waiting tickets' places
    std::map<std::string, int> waiting_counts;
    std::map<int, Runtime> windows;
    std::deque<Call> recent;  // newest first
    // Per service: the windows serving it, and every service those windows call from.
    std::map<std::string, std::vector<int>> windows_of;
    std::map<std::string, std::vector<std::string>> neighbours;

    // The counter of (service, day), or a fresh one's state when nothing happened yet.
    const Counter& counter(const std::string& service, const std::string& day) const {
        static const Counter kFresh;
        auto it = counters.find(counter_key(service, day));
        return it == counters.end() ? kFresh : it->second;
    }

    OrderTree& lane_of(const Ticket& t) {
        return t.target_window ? window_lanes[t.target_window] : service_lanes[t.service];
    }
    const OrderTree* find_service_lane(const std::string& s) const {
        auto it = service_lanes.find(s);
        return it == service_lanes.end() ? nullptr : &it->second;
    }
    const OrderTree* find_window_lane(int w) const {
        auto it = window_lanes.find(w);
        return it == window_lanes.end() ? nullptr : &it->second;
    }
    const std::vector<int>& serving(const std::string& s) const {
        static const std::vector<int> none;
        auto it = windows_of.find(s);
        return it == windows_of.end() ? none : it->second;
    }

    void enqueue(Ticket& t, const Key& key) {
        lane_of(t).insert(key);
        keys[t.id] = key;
        ++waiting_counts[t.service];
    }
    void dequeue(Ticket& t) {
        auto it = keys.find(t.id);
        if (it == keys.end()) return;
        lane_of(t).erase(it->second);
        keys.erase(it);
        --waiting_counts[t.service];
    }
    // 过号重排: behind the next `late_rejoin_behind` tickets of its line (or last, when
    // fewer wait): the rejoiner takes the key of the ticket it goes behind, with a `sub`
    // between that ticket's and its follower's.
    Key rejoin_key(const Ticket& t, TimePoint at, int late_rejoin_behind) {
        const OrderTree& lane = lane_of(t);
        size_t behind = static_cast<size_t>(std::max(0, late_rejoin_behind));
        if (lane.empty()) {
            int group = t.transferred                   ? kTransferred
                        : t.priority == Priority::Green ? kPriority
                                                        : kNormal;
            return Key{group, millis(at), t.id, 0, t.id};
        }
        if (behind == 0) {
            Key first = *lane.begin();
            first.sub -= 1;
            first.id = t.id;
            return first;
        }
        size_t place = std::min(behind, lane.size());
        Key ahead = *lane.find_by_order(place - 1);
        Key key = ahead;
        key.id = t.id;
        if (place < lane.size()) {
            const Key& follower = *lane.find_by_order(place);
            if (follower.same_place(ahead)) {
                key.sub = (ahead.sub + follower.sub) / 2;
                return key;
            }
        }
        key.sub = ahead.sub + 1;
        return key;
    }

    // How many waiting tickets in these lines sort before `key` (all of them when null).
    int count_before(const std::vector<int>& windows, const std::vector<std::string>& services,
                     const Key* key) const {
        size_t n = 0;
        auto count = [&](const OrderTree* lane) {
            if (!lane) return;
            n += key ? lane->order_of_key(*key) : lane->size();
        };
        for (const auto& s : services) count(find_service_lane(s));
        for (int w : windows) count(find_window_lane(w));
        return static_cast<int>(n);
    }

    void push_call(const Ticket& t, int window, TimePoint at) {
        recent.push_front(Call{t.number, window, at});
        if (recent.size() > kRecentCalls) recent.pop_back();
    }
};

Engine::Engine(Hall hall, const Clock& clock, TimeZone zone)
    : hall_(std::move(hall)),
      clock_(clock),
      zone_(zone),
      state_(std::make_unique<State>(hall_, zone_)) {}

bool Engine::update_guide(const Service& service) {
    for (auto& s : hall_.services) {
        if (s.code != service.code) continue;
        s.name = service.name;
        s.who_may_apply = service.who_may_apply;
        s.steps = service.steps;
        s.materials = service.materials;
        s.mode = service.mode;
        s.promised_days = service.promised_days;
        return true;
    }
    return false;
}

Engine::~Engine() = default;
Engine::Engine(Engine&&) noexcept = default;

// --- commands ---------------------------------------------------------------

namespace {

Outcome outcome_of(std::vector<Event> events) {
    return Outcome{std::nullopt, std::move(events)};
}

Error no_window(int window) {
    return make_error(errc::window_unknown, "There is no window " + std::to_string(window) +
                                                " in this hall; check the window number.");
}

Error no_service(const std::string& service) {
    return make_error(
        errc::service_unknown,
        "There is no service '" + service + "' in this hall; choose one of the listed services.");
}

Error no_ticket(int64_t id) {
    return make_error(errc::ticket_unknown,
                      "There is no ticket with id " + std::to_string(id) + "; check the ticket.");
}

Error nothing_called(int window) {
    return make_error(
        errc::nothing_called,
        "Window " + std::to_string(window) + " has no called ticket; call the next number first.");
}

}  // namespace

Result<Outcome> Engine::issue(const std::string& service, Priority priority) {
    const Service* svc = hall_.find_service(service);
    if (!svc) return no_service(service);
    TimePoint now = clock_.now();
    if (!service_open(service)) {
        auto next = next_open(service);
        std::string when = next ? "it opens again at " + zone_.format_iso8601(*next)
                                : "no window serving it has opening hours in the coming year";
        return make_error(
            errc::service_closed,
            svc->name.en + " (" + service + ") is not open for new numbers now; " + when + ".");
    }
    std::string day = zone_.to_local(now).date();
    int sequence = state_->counter(service, day).next_free();
    TicketIssued e{
        state_->next_id, format_number(service, sequence), service, priority, day, sequence, now};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::issue_leased(const std::string& service, Priority priority, int sequence,
                                     TimePoint issued_at) {
    return issue_leased(service, priority, zone_.to_local(issued_at).date(), sequence, issued_at);
}

Result<Outcome> Engine::issue_leased(const std::string& service, Priority priority,
                                     const std::string& service_day, int sequence,
                                     TimePoint issued_at) {
    if (!hall_.find_service(service)) return no_service(service);
    std::string number = format_number(service, sequence);
    auto refuse = [&](const std::string& why) {
        return make_error(errc::lease_unknown, "Number " + number + " of " + service_day + " " +
                                                   why + "; issue a new number instead.");
    };
    const State::Counter& counter = state_->counter(service, service_day);
    if (!counter.is_leased(sequence)) return refuse("was not leased to any kiosk");
    if (counter.leased_issued.count(sequence)) return refuse("was already issued");
    TicketIssued e{state_->next_id, number, service, priority, service_day, sequence, issued_at};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::adopt(const std::string& service, Priority priority,
                              const std::string& service_day, int sequence, TimePoint issued_at) {
    if (!hall_.find_service(service)) return no_service(service);
    const State::Counter& counter = state_->counter(service, service_day);
    std::string printed = format_number(service, sequence);
    // Free: nobody holds that number on paper from this database.
    bool free = sequence >= 1 && !state_->by_number.count(number_key(service_day, printed)) &&
                !counter.is_leased(sequence);
    TicketIssued e{state_->next_id, printed, service, priority, service_day, sequence, issued_at};
    if (free) {
        e.adopted = true;
    } else {
        e.sequence = counter.next_free();
        e.number = format_number(service, e.sequence);
        e.printed = printed;
    }
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::lease(const std::string& service, int count) {
    if (!hall_.find_service(service)) return no_service(service);
    if (count < 1 || count > kMaxLease)
        return make_error(
            errc::invalid_lease_count,
            "A lease is 1 to " + std::to_string(kMaxLease) + " numbers; ask for fewer.");
    TimePoint now = clock_.now();
    std::string day = zone_.to_local(now).date();
    NumbersLeased e{service, day, state_->counter(service, day).place_lease(count), count, now};
    apply(e);
    return outcome_of({e});
}

std::optional<int64_t> Engine::pick_next(int window) const {
    const Window* win = hall_.find_window(window);
    if (!win) return std::nullopt;
    std::optional<Key> best;
    auto consider = [&best](const OrderTree* lane) {
        if (lane && !lane->empty() && (!best || *lane->begin() < *best)) best = *lane->begin();
    };
    consider(state_->find_window_lane(window));
    for (const auto& s : win->services) consider(state_->find_service_lane(s));
    if (!best) return std::nullopt;

    // priority_one_in = N: no second 绿色通道 call within N consecutive calls while
    // normal tickets wait; the window then calls the oldest normal ticket instead.
    int n = hall_.settings.priority_one_in;
    if (best->group == kPriority && n >= 2) {
        const auto& history = state_->windows.at(window).priority_calls;
        size_t look = std::min(history.size(), static_cast<size_t>(n - 1));
        bool recent_priority =
            std::any_of(history.end() - look, history.end(), [](bool p) { return p; });
        if (recent_priority) {
            std::optional<Key> normal;
            Key first_normal{kNormal, std::numeric_limits<int64_t>::min(), 0, 0, 0};
            for (const auto& s : win->services) {
                const OrderTree* lane = state_->find_service_lane(s);
                if (!lane) continue;
                auto it = lane->lower_bound(first_normal);
                if (it != lane->end() && (!normal || *it < *normal)) normal = *it;
            }
            if (normal) return normal->id;
        }
    }
    return best->id;
}

Result<Outcome> Engine::call_next(int window) {
    if (!hall_.find_window(window)) return no_window(window);
    const auto& rt = state_->windows.at(window);
    if (rt.paused)
        return make_error(errc::window_paused,
                          "Window " + std::to_string(window) +
                              " is paused; resume it before calling the next number.");
    TimePoint now = clock_.now();
    std::vector<Event> events;
    if (rt.current) {
        TicketFinished f{*rt.current, window, now};
        apply(f);
        events.push_back(f);
    }
    Outcome out;
    if (auto id = pick_next(window)) {
        TicketCalled c{*id, window, now};
        apply(c);
        events.push_back(c);
        out.ticket = *ticket(*id);
    }
    out.events = std::move(events);
    return out;
}

Result<Outcome> Engine::recall(int window) {
    if (!hall_.find_window(window)) return no_window(window);
    const auto& rt = state_->windows.at(window);
    if (!rt.current) return nothing_called(window);
    const Ticket& t = state_->tickets.at(*rt.current);
    if (t.calls >= hall_.settings.recall_limit)
        return make_error(errc::recall_limit_reached,
                          t.number + " has been called " + std::to_string(t.calls) +
                              " times, the hall's limit; mark it as a no-show or finish it.");
    TicketRecalled e{t.id, window, clock_.now()};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::no_show(int window) {
    if (!hall_.find_window(window)) return no_window(window);
    const auto& rt = state_->windows.at(window);
    if (!rt.current) return nothing_called(window);
    TicketNoShow e{*rt.current, window, clock_.now()};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::finish(int window) {
    if (!hall_.find_window(window)) return no_window(window);
    const auto& rt = state_->windows.at(window);
    if (!rt.current) return nothing_called(window);
    TicketFinished e{*rt.current, window, clock_.now()};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::transfer(int window, const TransferTarget& target) {
    if (!hall_.find_window(window)) return no_window(window);
    const auto& rt = state_->windows.at(window);
    if (!rt.current) return nothing_called(window);
    const Ticket& t = state_->tickets.at(*rt.current);
    if (target.service.empty() && target.window == 0)
        return make_error(
            errc::transfer_target_unknown,
            "Say where to transfer " + t.number + ": a service code or a window number.");
    if (!target.service.empty() && !hall_.find_service(target.service))
        return make_error(
            errc::transfer_target_unknown,
            "There is no service '" + target.service + "' to transfer to; check the service code.");
    if (target.window != 0) {
        const Window* to = hall_.find_window(target.window);
        if (!to)
            return make_error(errc::transfer_target_unknown,
                              "There is no window " + std::to_string(target.window) +
                                  " to transfer to; check the window number.");
        const std::string& service = target.service.empty() ? t.service : target.service;
        if (std::find(to->services.begin(), to->services.end(), service) == to->services.end())
            return make_error(errc::window_not_serving,
                              "Window " + std::to_string(target.window) +
                                  " does not handle service " + service +
                                  "; transfer to the service instead, or name one it handles.");
    }
    TicketTransferred e{t.id, window, target.service, target.window, clock_.now()};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(e.id);
    return out;
}

Result<Outcome> Engine::pause(int window, const std::string& reason) {
    if (!hall_.find_window(window)) return no_window(window);
    if (state_->windows.at(window).paused)
        return make_error(errc::already_paused, "Window " + std::to_string(window) +
                                                    " is already paused; resume it first.");
    WindowPaused e{window, reason, clock_.now()};
    apply(e);
    return outcome_of({e});
}

Result<Outcome> Engine::resume(int window) {
    if (!hall_.find_window(window)) return no_window(window);
    if (!state_->windows.at(window).paused)
        return make_error(errc::not_paused, "Window " + std::to_string(window) +
                                                " is not paused; there is nothing to resume.");
    WindowResumed e{window, clock_.now()};
    apply(e);
    return outcome_of({e});
}

Result<Outcome> Engine::rejoin(int64_t ticket_id) {
    const Ticket* t = ticket(ticket_id);
    if (!t) return no_ticket(ticket_id);
    if (t->status != TicketStatus::NoShow)
        return make_error(errc::not_no_show,
                          t->number + " is " + to_string(t->status) +
                              ", not a no-show; only a missed number can rejoin.");
    TicketRejoined e{ticket_id, clock_.now()};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(ticket_id);
    return out;
}

Result<Outcome> Engine::cancel(int64_t ticket_id) {
    const Ticket* t = ticket(ticket_id);
    if (!t) return no_ticket(ticket_id);
    if (t->status != TicketStatus::Waiting)
        return make_error(errc::not_waiting, t->number + " is " + to_string(t->status) +
                                                 "; only a waiting ticket can be cancelled.");
    TicketCancelled e{ticket_id, clock_.now()};
    apply(e);
    Outcome out = outcome_of({e});
    out.ticket = *ticket(ticket_id);
    return out;
}

// --- replay -----------------------------------------------------------------

void Engine::apply(const Event& event) {
    State& s = *state_;
    auto find = [&s](int64_t id) -> Ticket* {
        auto it = s.tickets.find(id);
        return it == s.tickets.end() ? nullptr : &it->second;
    };
    auto release_window = [&s](int window, int64_t id) {
        auto it = s.windows.find(window);
        if (it != s.windows.end() && it->second.current == id) it->second.current.reset();
    };

    std::visit(
        [&](const auto& e) {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, TicketIssued>) {
                Ticket t;
                t.id = e.id;
                t.number = e.number;
                t.service = e.service;
                t.priority = e.priority;
                t.service_day = e.service_day;
                t.issued_at = e.at;
                t.printed = e.printed;
                s.counters[counter_key(e.service, e.service_day)].take(e.sequence, e.adopted);
                s.next_id = std::max(s.next_id, e.id + 1);
                s.by_number[number_key(e.service_day, e.number)] = e.id;
                Ticket& stored = s.tickets[e.id] = std::move(t);
                Key key{e.priority == Priority::Green ? kPriority : kNormal, millis(e.at), e.id, 0,
                        e.id};
                s.enqueue(stored, key);
            } else if constexpr (std::is_same_v<E, NumbersLeased>) {
                s.counters[counter_key(e.service, e.service_day)].add_lease(e.first, e.count);
            } else if constexpr (std::is_same_v<E, TicketCalled>) {
                Ticket* t = find(e.id);
                if (!t) return;
                auto key = s.keys.find(e.id);
                bool priority_call = key != s.keys.end() && key->second.group == kPriority;
                s.dequeue(*t);
                t->status = TicketStatus::Called;
                t->called_at = e.at;
                t->window = e.window;
                t->calls = 1;
                auto& rt = s.windows[e.window];
                rt.current = e.id;
                rt.priority_calls.push_back(priority_call);
                if (rt.priority_calls.size() > kCallHistory) rt.priority_calls.pop_front();
                s.push_call(*t, e.window, e.at);
            } else if constexpr (std::is_same_v<E, TicketRecalled>) {
                Ticket* t = find(e.id);
                if (!t) return;
                ++t->calls;
                t->called_at = e.at;
                s.push_call(*t, e.window, e.at);
            } else if constexpr (std::is_same_v<E, TicketNoShow>) {
                Ticket* t = find(e.id);
                if (!t) return;
                t->status = TicketStatus::NoShow;
                release_window(e.window, e.id);
            } else if constexpr (std::is_same_v<E, TicketRejoined>) {
                Ticket* t = find(e.id);
                if (!t) return;
                t->status = TicketStatus::Waiting;
                t->calls = 0;
                s.enqueue(*t, s.rejoin_key(*t, e.at, hall_.settings.late_rejoin_behind));
            } else if constexpr (std::is_same_v<E, TicketTransferred>) {
                Ticket* t = find(e.id);
                if (!t) return;
                s.dequeue(*t);  // a no-op for the called ticket a window transfers
                release_window(e.from_window, e.id);
                t->from_service = t->service;
                t->from_window = e.from_window;
                if (!e.to_service.empty()) t->service = e.to_service;
                t->target_window = e.to_window;
                t->transferred = true;
                t->status = TicketStatus::Waiting;
                t->calls = 0;
                s.enqueue(*t, Key{kTransferred, millis(e.at), e.id, 0, e.id});
            } else if constexpr (std::is_same_v<E, TicketFinished>) {
                Ticket* t = find(e.id);
                if (!t) return;
                t->status = TicketStatus::Done;
                t->finished_at = e.at;
                release_window(e.window, e.id);
            } else if constexpr (std::is_same_v<E, TicketCancelled>) {
                Ticket* t = find(e.id);
                if (!t) return;
                s.dequeue(*t);
                t->status = TicketStatus::Cancelled;
                t->finished_at = e.at;
            } else if constexpr (std::is_same_v<E, WindowPaused>) {
                auto& rt = s.windows[e.window];
                rt.paused = true;
                rt.reason = e.reason;
            } else if constexpr (std::is_same_v<E, WindowResumed>) {
                auto& rt = s.windows[e.window];
                rt.paused = false;
                rt.reason.clear();
            }
        },
        event);
}

// --- bounded memory ---------------------------------------------------------

int history_calls(const Hall& hall) {
    return static_cast<int>(kRecentCalls + kCallHistory * hall.windows.size());
}

void Engine::resume(const History& history) {
    State& s = *state_;
    s.next_id = std::max(s.next_id, history.next_id);
    for (auto it = history.calls.rbegin(); it != history.calls.rend(); ++it) {
        s.recent.push_front(it->call);
        if (s.recent.size() > kRecentCalls) s.recent.pop_back();
        auto w = s.windows.find(it->call.window);
        if (it->recall || w == s.windows.end()) continue;
        auto& calls = w->second.priority_calls;
        calls.push_back(it->priority);
        if (calls.size() > kCallHistory) calls.pop_front();
    }
}

void Engine::recall_numbers(const DayNumbers& numbers) {
    State& s = *state_;
    State::Counter counter;
    for (auto [first, count] : numbers.leases) counter.add_lease(first, count);
    for (const auto& [number, id] : numbers.issued) {
        int sequence = 0;
        if (number.size() <= numbers.service.size()) continue;
        const char* digits = number.data() + numbers.service.size();
        std::from_chars(digits, number.data() + number.size(), sequence);
        if (sequence < 1) continue;
        counter.take(sequence, false);
        s.by_number[number_key(numbers.service_day, number)] = id;
    }
    s.counters[counter_key(numbers.service, numbers.service_day)] = std::move(counter);
}

static bool closed(const Ticket& t) {
    return t.status == TicketStatus::Done || t.status == TicketStatus::NoShow ||
           t.status == TicketStatus::Cancelled;
}

bool Engine::restore(const Ticket& ticket) {
    if (!closed(ticket) || state_->tickets.count(ticket.id)) return false;
    state_->tickets[ticket.id] = ticket;
    state_->by_number[number_key(ticket.service_day, ticket.number)] = ticket.id;
    state_->next_id = std::max(state_->next_id, ticket.id + 1);
    return true;
}

size_t Engine::forget_before(const std::string& day) {
    State& s = *state_;
    size_t forgotten = 0;
    for (auto it = s.tickets.begin(); it != s.tickets.end();) {
        const Ticket& t = it->second;
        if (!closed(t) || t.service_day >= day) {
            ++it;
            continue;
        }
        s.by_number.erase(number_key(t.service_day, t.number));
        it = s.tickets.erase(it);
        ++forgotten;
    }
    std::erase_if(s.counters,
                  [&](const auto& c) { return c.first.substr(c.first.rfind('|') + 1) < day; });
    return forgotten;
}

// --- queries ----------------------------------------------------------------

const Ticket* Engine::ticket(int64_t id) const {
    auto it = state_->tickets.find(id);
    return it == state_->tickets.end() ? nullptr : &it->second;
}

const Ticket* Engine::ticket_by_number(const std::string& service_day,
                                       const std::string& number) const {
    auto it = state_->by_number.find(number_key(service_day, number));
    return it == state_->by_number.end() ? nullptr : ticket(it->second);
}

// The windows that may call a ticket, and the lines those windows call from.
void Engine::reach(const Ticket& t, std::vector<int>& windows,
                   std::vector<std::string>& services) const {
    if (t.target_window) {
        windows = {t.target_window};
        const Window* w = hall_.find_window(t.target_window);
        services = w ? w->services : std::vector<std::string>{};
        return;
    }
    windows = state_->serving(t.service);
    auto it = state_->neighbours.find(t.service);
    services = it == state_->neighbours.end() ? std::vector<std::string>{t.service} : it->second;
}

int Engine::waiting_ahead(int64_t id) const {
    auto key = state_->keys.find(id);
    if (key == state_->keys.end()) return 0;
    std::vector<int> windows;
    std::vector<std::string> services;
    reach(state_->tickets.at(id), windows, services);
    return state_->count_before(windows, services, &key->second);
}

int Engine::waiting_count(const std::string& service) const {
    auto it = state_->waiting_counts.find(service);
    return it == state_->waiting_counts.end() ? 0 : it->second;
}

int Engine::waiting_for_window(int window) const {
    const Window* w = hall_.find_window(window);
    if (!w) return 0;
    return state_->count_before({window}, w->services, nullptr);
}

int Engine::open_windows(const std::vector<int>& windows) const {
    int open = 0, unpaused = 0;
    for (int w : windows) {
        if (state_->windows.at(w).paused) continue;
        ++unpaused;
        if (window_open(w)) ++open;
    }
    // After closing the windows still call those who wait, so they still count.
    return std::max(1, open ? open : unpaused);
}

int Engine::estimate(int ahead, const std::string& service, const std::vector<int>& windows) const {
    const Service* svc = hall_.find_service(service);
    int per = svc ? svc->minutes_per_ticket : 0;
    int n = open_windows(windows);
    return std::max(0, (ahead * per + n - 1) / n);
}

int Engine::estimated_wait_minutes(int64_t id) const {
    const Ticket* t = ticket(id);
    if (!t || t->status != TicketStatus::Waiting) return 0;
    std::vector<int> windows;
    std::vector<std::string> services;
    reach(*t, windows, services);
    return estimate(waiting_ahead(id), t->service, windows);
}

int Engine::estimated_wait_minutes_for_new(const std::string& service) const {
    Ticket probe;
    probe.service = service;
    std::vector<int> windows;
    std::vector<std::string> services;
    reach(probe, windows, services);
    return estimate(state_->count_before(windows, services, nullptr), service, windows);
}

bool Engine::service_open(const std::string& service) const {
    TimePoint now = clock_.now();
    for (int w : state_->serving(service))
        if (state_->calendar.open_at(*hall_.find_window(w), now)) return true;
    return false;
}

std::optional<TimePoint> Engine::next_open(const std::string& service) const {
    TimePoint now = clock_.now();
    std::optional<TimePoint> best;
    for (int w : state_->serving(service)) {
        auto at = state_->calendar.next_open(*hall_.find_window(w), now);
        if (at && (!best || *at < *best)) best = at;
    }
    return best;
}

bool Engine::window_open(int window) const {
    const Window* w = hall_.find_window(window);
    return w && state_->calendar.open_at(*w, clock_.now());
}

std::optional<TimePoint> Engine::window_next_open(int window) const {
    const Window* w = hall_.find_window(window);
    if (!w) return std::nullopt;
    return state_->calendar.next_open(*w, clock_.now());
}

WindowState Engine::window_state(int window) const {
    WindowState ws;
    ws.number = window;
    auto it = state_->windows.find(window);
    if (it == state_->windows.end()) return ws;
    const auto& rt = it->second;
    ws.paused = rt.paused;
    ws.pause_reason = rt.reason;
    ws.current = rt.current;
    ws.status = rt.paused             ? WindowStatus::Paused
                : window_open(window) ? WindowStatus::Open
                                      : WindowStatus::Closed;
    return ws;
}

std::vector<WindowState> Engine::windows() const {
    std::vector<WindowState> out;
    for (const auto& w : hall_.windows) out.push_back(window_state(w.number));
    return out;
}

std::vector<Call> Engine::recent_calls(size_t limit) const {
    size_t n = std::min(limit, state_->recent.size());
    return {state_->recent.begin(), state_->recent.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::vector<const Ticket*> Engine::waiting(const std::string& service) const {
    std::vector<std::pair<Key, const Ticket*>> found;
    if (const OrderTree* lane = state_->find_service_lane(service))
        for (const auto& k : *lane) found.emplace_back(k, ticket(k.id));
    for (const auto& [w, lane] : state_->window_lanes)
        for (const auto& k : lane)
            if (const Ticket* t = ticket(k.id); t->service == service) found.emplace_back(k, t);
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const Ticket*> out;
    for (const auto& f : found) out.push_back(f.second);
    return out;
}

const Calendar& Engine::calendar() const {
    return state_->calendar;
}

}  // namespace onestop::queue
