#include "views.h"

#include <string_view>

#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"

namespace onestop::hub {

using namespace onestop::queue;

json text_json(const Text& text) {
    return {{"zh", text.zh}, {"en", text.en}};
}

std::string iso(TimePoint t) {
    return format_iso8601(t);
}

json iso_or_null(const std::optional<TimePoint>& t) {
    return t ? json(iso(*t)) : json(nullptr);
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
    json j = {{"id", t.id},
              {"number", t.number},
              {"service", t.service},
              {"status", to_string(t.status)},
              {"priority", t.priority == Priority::Green},
              {"issued_at", iso(t.issued_at)},
              {"called_at", iso_or_null(t.called_at)},
              {"window", t.window},
              {"waiting_ahead", state.engine.waiting_ahead(t.id)},
              {"estimated_wait_min",
               t.status == TicketStatus::Waiting ? state.engine.estimated_wait_minutes(t.id) : 0},
              {"service_day", t.service_day}};
    if (auto date = promised_date(state, t)) j["promised_date"] = *date;
    if (with_code) {
        auto it = state.records.find(t.id);
        if (it != state.records.end()) {
            j["code"] = it->second.code;
            if (!public_url.empty()) {
                std::string_view base = public_url;
                while (base.ends_with('/')) base.remove_suffix(1);
                j["url"] = std::string(base) + "/t/" + std::to_string(t.id) + "?c=" +
                           it->second.code;
            }
        }
    }
    return j;
}

json window_json(const HubState& state, const Window& w, bool detailed) {
    WindowState ws = state.engine.window_state(w.number);
    json current = nullptr;
    if (ws.current) {
        if (const Ticket* t = state.engine.ticket(*ws.current)) current = t->number;
    }
    json staff = nullptr;
    if (const OnDuty* duty = state.duty_at(w.number))
        staff = {{"number", duty->staff}, {"name", duty->name}};
    json j = {{"number", w.number},     {"name", text_json(w.name)},      {"unit", w.unit},
              {"services", w.services}, {"status", to_string(ws.status)}, {"current", current},
              {"staff", staff}};
    if (detailed) {
        j["waiting"] = state.engine.waiting_for_window(w.number);
        j["pause_reason"] = ws.paused ? json(ws.pause_reason) : json(nullptr);
        j["kind"] = w.kind == WindowKind::Periodic ? "periodic" : "fixed";
    }
    return j;
}

json queue_json(const HubState& state, TimePoint now) {
    json services = json::array();
    for (const auto& s : state.engine.hall().services)
        services.push_back(
            {{"code", s.code},
             {"waiting", state.engine.waiting_count(s.code)},
             {"open", state.engine.service_open(s.code)},
             {"estimated_wait_min", state.engine.estimated_wait_minutes_for_new(s.code)}});
    json windows = json::array();
    for (const auto& w : state.engine.hall().windows)
        windows.push_back(window_json(state, w, false));
    json calls = json::array();
    for (const auto& c : state.engine.recent_calls(10))
        calls.push_back({{"number", c.number}, {"window", c.window}, {"at", iso(c.at)}});
    return {
        {"now", iso(now)}, {"services", services}, {"windows", windows}, {"recent_calls", calls}};
}

static json texts_json(const std::vector<Text>& texts) {
    json out = json::array();
    for (const auto& t : texts) out.push_back(text_json(t));
    return out;
}

json service_json(const HubState& state, const Service& s) {
    auto next = state.engine.next_open(s.code);
    return {{"code", s.code},
            {"name", text_json(s.name)},
            {"unit", s.unit},
            {"mode", to_string(s.mode)},
            {"materials", texts_json(s.materials)},
            {"open", state.engine.service_open(s.code)},
            {"next_open", iso_or_null(next)},
            {"who_may_apply", text_json(s.who_may_apply)},
            {"steps", texts_json(s.steps)},
            {"promised_days", s.promised_days},
            {"partner_units", s.partner_units},
            {"waiting", state.engine.waiting_count(s.code)},
            {"estimated_wait_min", state.engine.estimated_wait_minutes_for_new(s.code)}};
}

json services_json(const HubState& state) {
    json out = json::array();
    for (const auto& s : state.engine.hall().services) out.push_back(service_json(state, s));
    return {{"services", out}};
}

namespace {

struct TicketEventInfo {
    int64_t id = 0;
    int window = 0;
    const char* status = "waiting";
};

std::optional<TicketEventInfo> ticket_info(const Event& event) {
    return std::visit(
        [](const auto& e) -> std::optional<TicketEventInfo> {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, TicketIssued>)
                return TicketEventInfo{e.id, 0, "waiting"};
            else if constexpr (std::is_same_v<E, TicketCalled> || std::is_same_v<E, TicketRecalled>)
                return TicketEventInfo{e.id, e.window, "called"};
            else if constexpr (std::is_same_v<E, TicketNoShow>)
                return TicketEventInfo{e.id, e.window, "no_show"};
            else if constexpr (std::is_same_v<E, TicketRejoined>)
                return TicketEventInfo{e.id, 0, "waiting"};
            else if constexpr (std::is_same_v<E, TicketTransferred>)
                return TicketEventInfo{e.id, e.from_window, "waiting"};
            else if constexpr (std::is_same_v<E, TicketFinished>)
                return TicketEventInfo{e.id, e.window, "done"};
            else if constexpr (std::is_same_v<E, TicketCancelled>)
                return TicketEventInfo{e.id, 0, "cancelled"};
            else
                return std::nullopt;
        },
        event);
}

}  // namespace

std::string event_stream_name(const Event& event) {
    return event_name(event);
}

json event_data(const HubState& state, const Event& event) {
    if (const auto* p = std::get_if<WindowPaused>(&event))
        return {{"window", p->window}, {"reason", p->reason}, {"at", iso(p->at)}};
    if (const auto* r = std::get_if<WindowResumed>(&event))
        return {{"window", r->window}, {"reason", nullptr}, {"at", iso(r->at)}};
    auto info = ticket_info(event);
    if (!info) return json::object();
    const Ticket* t = state.engine.ticket(info->id);
    json j = {{"ticket", info->id},
              {"number", t ? t->number : ""},
              {"service", t ? t->service : ""},
              {"window", info->window},
              {"status", info->status},
              {"waiting", t ? state.engine.waiting_count(t->service) : 0},
              {"at", iso(event_time(event))}};
    if (const auto* tr = std::get_if<TicketTransferred>(&event)) {
        j["to_service"] = tr->to_service;
        j["to_window"] = tr->to_window;
    }
    if (std::holds_alternative<TicketRecalled>(event) && t) j["calls"] = t->calls;
    return j;
}

}  // namespace onestop::hub
