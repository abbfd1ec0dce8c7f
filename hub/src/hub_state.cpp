#include "hub_state.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "onestop/store/event_codec.h"
#include "service_guide.h"
#include "window_plans.h"

namespace onestop::hub {

const OnDuty* HubState::duty_at(int window) const {
    auto it = on_duty.find(window);
    if (it == on_duty.end()) return nullptr;
    auto s = sessions.find(it->second);
    return s == sessions.end() ? nullptr : &s->second;
}

std::optional<store::StoredTicket> HubState::in_memory(int64_t id) const {
    const queue::Ticket* t = engine.ticket(id);
    auto rec = records.find(id);
    if (!t || rec == records.end()) return std::nullopt;
    return store::StoredTicket{*t, rec->second, evaluated.count(id) > 0};
}

void HubState::remember(const store::StoredTicket& stored) {
    if (!engine.restore(stored.ticket)) return;
    const store::TicketRecord& r = stored.record;
    records[r.id] = r;
    if (!r.request_id.empty()) requests[{r.device, r.request_id}] = r.id;
    if (stored.evaluated) evaluated.insert(r.id);
}

void HubState::trim(TimePoint now) {
    std::string today = engine.zone().to_local(now).date();
    if (today == day) return;
    day = today;
    recalled_days.clear();
    if (engine.forget_before(today) == 0) return;
    auto forgotten = [this](int64_t id) { return engine.ticket(id) == nullptr; };
    std::erase_if(records, [&](const auto& r) { return forgotten(r.first); });
    std::erase_if(requests, [&](const auto& r) { return forgotten(r.second); });
    std::erase_if(evaluated, forgotten);
}

namespace {

Result<queue::Event> decode(const store::LogEntry& entry) {
    auto event =
        store::decode_event(entry.type, nlohmann::json::parse(entry.payload, nullptr, false));
    if (!event)
        return make_error(event.error().code,
                          "event " + std::to_string(entry.id) + ": " + event.error().message);
    return *event;
}

struct Replayed {
    std::set<int64_t> missing;  // tickets its entries name that were issued before it
    int64_t first_ticket = 0;   // the first ticket it issued (0: none)
};

// Replays the log from entry `first` on.
Result<Replayed> replay(store::HubStore& store, HubState& state, int64_t first) {
    Replayed out;
    std::optional<Error> failure;
    auto st = store.for_each_event(first - 1, [&](const store::LogEntry& entry) {
        if (entry.type.rfind(kHubLogPrefix, 0) == 0) return true;
        auto event = decode(entry);
        if (!event) {
            failure = event.error();
            return false;
        }
        int64_t id = queue::ticket_id(*event);
        if (std::holds_alternative<queue::TicketIssued>(*event)) {
            if (!out.first_ticket) out.first_ticket = id;
        } else if (id && !state.engine.ticket(id)) {
            out.missing.insert(id);
        }
        state.engine.apply(*event);
        return true;
    });
    if (!st) return st.error();
    if (failure) return *failure;
    return out;
}

// The engine from the part of the log stamped from `from` on (see load_state), moved back to
// an earlier ticket's issue when an entry of the part names it (a no-show of an earlier day
// rejoining). Returns the lowest ticket id in memory: ids grow with the log, so every
// ticket from it on is there.
Result<int64_t> rebuild_engine(store::HubStore& store, std::unique_ptr<HubState>& state,
                               const queue::Hall& hall, const Clock& clock, TimeZone zone,
                               TimePoint from) {
    auto last_id = store.max_ticket_id();
    if (!last_id) return last_id.error();
    for (;;) {
        state = std::make_unique<HubState>(hall, clock, zone);
        auto first = store.first_event_at(from);
        if (!first) return first.error();
        auto pauses = store.window_events_before(*first);
        if (!pauses) return pauses.error();
        for (const auto& entry : *pauses) {
            auto event = decode(entry);
            if (!event) return event.error();
            state->engine.apply(*event);
        }
        auto calls = store.calls_before(from, queue::history_calls(hall));
        if (!calls) return calls.error();
        state->engine.resume({*last_id + 1, std::move(*calls)});
        auto replayed = replay(store, *state, *first);
        if (!replayed) return replayed.error();
        TimePoint earlier = from;
        for (int64_t id : replayed->missing) {
            auto stored = store.stored_ticket(id);
            if (!stored) return stored.error();
            if (*stored) earlier = std::min(earlier, (*stored)->ticket.issued_at);
        }
        if (earlier == from) return replayed->first_ticket ? replayed->first_ticket : *last_id + 1;
        from = earlier;
    }
}

}  // namespace

// The stored hall with the office's newest guide versions over it (and their numbers)
// and the window plans taken effect by `today`.
static Result<queue::Hall> edited_hall(store::HubStore& store, queue::Hall hall,
                                       const std::string& today,
                                       std::map<std::string, int64_t>& versions) {
    auto current = store.current_service_versions();
    if (!current) return current.error();
    for (const auto& v : *current) {
        auto it = std::find_if(hall.services.begin(), hall.services.end(),
                               [&](const queue::Service& s) { return s.code == v.service; });
        if (it == hall.services.end()) continue;  // the hall file no longer has it
        auto guide = json::parse(v.after, nullptr, false);
        if (auto st = apply_guide(*it, guide); !st)
            return make_error(st.error().code, "service " + v.service + " version " +
                                                   std::to_string(v.id) + ": " +
                                                   st.error().message);
        versions[v.service] = v.id;
    }
    auto plans = store.window_plans();
    if (!plans) return plans.error();
    return planned_hall(std::move(hall), *plans, today);
}

Result<std::unique_ptr<HubState>> load_state(store::HubStore& store, const queue::Hall& stored,
                                             const Clock& clock, TimeZone zone) {
    TimePoint now = clock.now();
    std::string today = zone.to_local(now).date();
    std::map<std::string, int64_t> versions;
    auto hall = edited_hall(store, stored, today, versions);
    if (!hall) return hall.error();
    TimePoint from = zone.from_local(today, 0).value_or(now);
    auto open = store.oldest_open_ticket();
    if (!open) return open.error();
    if (*open) from = std::min(from, **open);
    std::unique_ptr<HubState> state;
    auto first_ticket = rebuild_engine(store, state, *hall, clock, zone, from);
    if (!first_ticket) return first_ticket.error();
    state->guide_versions = std::move(versions);
    state->hall_day = today;
    state->day = today;

    auto hub_id = store.hub_id();
    if (!hub_id) return hub_id.error();
    state->hub_id = *hub_id;
    auto issued = store.count_tickets();
    if (!issued) return issued.error();
    state->tickets_issued = *issued;
    auto calls = store.count_calls();
    if (!calls) return calls.error();
    state->calls = *calls;

    auto records = store.ticket_records(*first_ticket);
    if (!records) return records.error();
    for (auto& r : *records) {
        if (!r.request_id.empty()) state->requests[{r.device, r.request_id}] = r.id;
        state->records.emplace(r.id, std::move(r));
    }
    auto evaluated = store.evaluated_tickets(*first_ticket);
    if (!evaluated) return evaluated.error();
    state->evaluated.insert(evaluated->begin(), evaluated->end());

    auto sessions = store.open_sessions();
    if (!sessions) return sessions.error();
    for (const auto& s : *sessions) {
        auto staff = store.staff(s.staff);
        if (!staff) return staff.error();
        OnDuty duty{s.id,
                    s.token_hash,
                    s.staff,
                    *staff ? (*staff)->name : "",
                    *staff ? (*staff)->unit : "",
                    s.window};
        state->on_duty[s.window] = s.token_hash;
        state->sessions[s.token_hash] = std::move(duty);
    }
    auto notice = store.notice(now);
    if (!notice) return notice.error();
    state->notice = *notice;
    return state;
}

}  // namespace onestop::hub
