#include "hub_state.h"

#include <nlohmann/json.hpp>

#include "onestop/store/event_codec.h"

namespace onestop::hub {

const OnDuty* HubState::duty_at(int window) const {
    auto it = on_duty.find(window);
    if (it == on_duty.end()) return nullptr;
    auto s = sessions.find(it->second);
    return s == sessions.end() ? nullptr : &s->second;
}

Result<std::unique_ptr<HubState>> load_state(store::HubStore& store, const queue::Hall& hall,
                                             const Clock& clock, TimeZone zone) {
    auto state = std::make_unique<HubState>(hall, clock, zone);
    auto hub_id = store.hub_id();
    if (!hub_id) return hub_id.error();
    state->hub_id = *hub_id;
    std::optional<Error> failure;
    auto st = store.for_each_event(0, [&](const store::LogEntry& entry) {
        if (entry.type.rfind(kHubLogPrefix, 0) == 0) return true;
        auto fields = nlohmann::json::parse(entry.payload, nullptr, false);
        auto event = store::decode_event(entry.type, fields);
        if (!event) {
            failure = make_error(event.error().code, "event " + std::to_string(entry.id) + ": " +
                                                         event.error().message);
            return false;
        }
        if (std::holds_alternative<queue::TicketIssued>(*event)) ++state->tickets_issued;
        if (std::holds_alternative<queue::TicketCalled>(*event) ||
            std::holds_alternative<queue::TicketRecalled>(*event))
            ++state->calls;
        state->engine.apply(*event);
        return true;
    });
    if (!st) return st.error();
    if (failure) return *failure;

    auto records = store.ticket_records();
    if (!records) return records.error();
    for (auto& r : *records) {
        if (!r.request_id.empty()) state->requests[{r.device, r.request_id}] = r.id;
        state->records.emplace(r.id, std::move(r));
    }
    auto evaluated = store.evaluated_tickets();
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
    auto notice = store.notice();
    if (!notice) return notice.error();
    state->notice = *notice;
    return state;
}

}  // namespace onestop::hub
