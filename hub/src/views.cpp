#include "views.h"

#include <string_view>

#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"

namespace onestop::hub {

using namespace onestop::queue;

std::string iso(TimePoint t) {
    return format_iso8601(t);
}

std::optional<std::string> promised_date(const HubState& state, const Ticket& ticket) {
    const Service* service = state.engine.hall().find_service(ticket.service);
    if (!service || service->mode == HandlingMode::Instant || ticket.status != TicketStatus::Done ||
        !ticket.finished_at)
        return std::nullopt;
    const auto& settings = state.engine.hall().settings;
    return add_working_days(to_local(*ticket.finished_at).date(), service->promised_days,
                            settings.holidays, settings.workdays);
}

json ticket_json(const HubState& state, const Ticket& t, bool with_code,
                 const std::string& public_url) {
    net::Ticket out;
    out.id = t.id;
    out.number = t.number;
    out.service = t.service;
    out.status = to_string(t.status);
    out.priority = t.priority == Priority::Green;
    out.issued_at = iso(t.issued_at);
    if (t.called_at) out.called_at = iso(*t.called_at);
    out.window = t.window;
    out.waiting_ahead = state.engine.waiting_ahead(t.id);
    out.estimated_wait_min =
        t.status == TicketStatus::Waiting ? state.engine.estimated_wait_minutes(t.id) : 0;
    out.service_day = t.service_day;
    out.promised_date = promised_date(state, t).value_or("");
    if (with_code) {
        auto it = state.records.find(t.id);
        if (it != state.records.end()) {
            out.code = it->second.code;
            if (!public_url.empty()) {
                std::string_view base = public_url;
                while (base.ends_with('/')) base.remove_suffix(1);
                out.url = std::string(base) + "/t/" + std::to_string(t.id) + "?c=" + out.code;
            }
        }
    }
    return net::to_json(out);
}

static net::WindowState window_state(const HubState& state, const Window& w) {
    WindowState ws = state.engine.window_state(w.number);
    net::WindowState out{w.number,     w.name,      w.unit, w.services, to_string(ws.status),
                         std::nullopt, std::nullopt};
    if (ws.current) {
        if (const Ticket* t = state.engine.ticket(*ws.current)) out.current = t->number;
    }
    if (const OnDuty* duty = state.duty_at(w.number))
        out.staff = net::StaffRef{duty->staff, duty->name, ""};
    return out;
}

json window_json(const HubState& state, const Window& w, bool detailed) {
    if (!detailed) return net::to_json(window_state(state, w));
    WindowState ws = state.engine.window_state(w.number);
    net::WindowInfo info{window_state(state, w), state.engine.waiting_for_window(w.number),
                         ws.paused ? ws.pause_reason : "",
                         w.kind == WindowKind::Periodic ? "periodic" : "fixed"};
    return net::to_json(info)["window"];
}

json queue_json(const HubState& state, TimePoint now) {
    net::QueueSnapshot q;
    q.now = iso(now);
    for (const auto& s : state.engine.hall().services)
        q.services.push_back({s.code, state.engine.waiting_count(s.code),
                              state.engine.service_open(s.code),
                              state.engine.estimated_wait_minutes_for_new(s.code)});
    for (const auto& w : state.engine.hall().windows) q.windows.push_back(window_state(state, w));
    for (const auto& c : state.engine.recent_calls(10))
        q.recent_calls.push_back({c.number, c.window, iso(c.at)});
    return net::to_json(q);
}

static net::ServiceInfo service_info(const HubState& state, const Service& s) {
    const Unit* unit = state.engine.hall().find_unit(s.unit);
    auto next = state.engine.next_open(s.code);
    net::ServiceInfo out;
    out.code = s.code;
    out.name = s.name;
    out.unit = s.unit;
    out.unit_name = unit ? unit->name : Text{s.unit, s.unit};
    out.mode = to_string(s.mode);
    out.materials = s.materials;
    out.open = state.engine.service_open(s.code);
    out.next_open = next ? iso(*next) : "";
    out.who_may_apply = s.who_may_apply;
    out.steps = s.steps;
    out.promised_days = s.promised_days;
    out.partner_units = s.partner_units;
    out.minutes_per_ticket = s.minutes_per_ticket;
    out.waiting = state.engine.waiting_count(s.code);
    out.estimated_wait_min = state.engine.estimated_wait_minutes_for_new(s.code);
    return out;
}

json service_json(const HubState& state, const Service& s) {
    return net::to_json(service_info(state, s));
}

json services_json(const HubState& state) {
    std::vector<net::ServiceInfo> out;
    for (const auto& s : state.engine.hall().services) out.push_back(service_info(state, s));
    return net::to_json(out);
}

namespace {

// A ticket.* event of type E with the ticket's fields.
template <class E>
E ticket_event(const HubState& state, int64_t id, int window, const char* status, TimePoint at) {
    const Ticket* t = state.engine.ticket(id);
    E e;
    static_cast<net::TicketChange&>(e) =
        net::TicketChange{id,
                          t ? t->number : "",
                          t ? t->service : "",
                          window,
                          status,
                          t ? state.engine.waiting_count(t->service) : 0,
                          iso(at)};
    return e;
}

}  // namespace

std::optional<net::Event> stream_event(const HubState& state, const Event& event) {
    return std::visit(
        [&](const auto& e) -> std::optional<net::Event> {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, TicketIssued>) {
                return ticket_event<net::TicketIssued>(state, e.id, 0, "waiting", e.at);
            } else if constexpr (std::is_same_v<E, TicketCalled>) {
                return ticket_event<net::TicketCalled>(state, e.id, e.window, "called", e.at);
            } else if constexpr (std::is_same_v<E, TicketRecalled>) {
                auto out = ticket_event<net::TicketRecalled>(state, e.id, e.window, "called", e.at);
                if (const Ticket* t = state.engine.ticket(e.id)) out.calls = t->calls;
                return out;
            } else if constexpr (std::is_same_v<E, TicketNoShow>) {
                return ticket_event<net::TicketNoShow>(state, e.id, e.window, "no_show", e.at);
            } else if constexpr (std::is_same_v<E, TicketRejoined>) {
                return ticket_event<net::TicketRejoined>(state, e.id, 0, "waiting", e.at);
            } else if constexpr (std::is_same_v<E, TicketTransferred>) {
                auto out = ticket_event<net::TicketTransferred>(state, e.id, e.from_window,
                                                                "waiting", e.at);
                out.to_service = e.to_service;
                out.to_window = e.to_window;
                return out;
            } else if constexpr (std::is_same_v<E, TicketFinished>) {
                return ticket_event<net::TicketFinished>(state, e.id, e.window, "done", e.at);
            } else if constexpr (std::is_same_v<E, TicketCancelled>) {
                return ticket_event<net::TicketCancelled>(state, e.id, 0, "cancelled", e.at);
            } else if constexpr (std::is_same_v<E, WindowPaused>) {
                return net::WindowPaused{e.window, e.reason, iso(e.at)};
            } else if constexpr (std::is_same_v<E, WindowResumed>) {
                return net::WindowResumed{e.window, iso(e.at)};
            } else {
                static_assert(std::is_same_v<E, NumbersLeased>, "a new engine event: publish it?");
                return std::nullopt;
            }
        },
        event);
}

}  // namespace onestop::hub
