#include "onestop/net/events.h"

#include <optional>
#include <type_traits>

#include "json_reader.h"

namespace onestop::net {

using detail::bad;
using detail::Reader;

namespace {

// Each event's fields, read (read) and written (data_of) side by side so they stay alike.

void read(Reader& r, TicketChange& t) {
    t.ticket = r.integer("ticket");
    t.number = r.str("number");
    t.service = r.str("service");
    t.window = static_cast<int>(r.integer("window"));
    t.status = r.str("status");
    t.waiting = static_cast<int>(r.integer("waiting"));
    t.at = r.str("at");
}
Json data_of(const TicketChange& t) {
    return {{"ticket", t.ticket}, {"number", t.number}, {"service", t.service},
            {"window", t.window}, {"status", t.status}, {"waiting", t.waiting},
            {"at", t.at}};
}

void read(Reader& r, TicketRecalled& e) {
    read(r, static_cast<TicketChange&>(e));
    e.calls = static_cast<int>(r.integer("calls"));
}
Json data_of(const TicketRecalled& e) {
    Json j = data_of(static_cast<const TicketChange&>(e));
    j["calls"] = e.calls;
    return j;
}

void read(Reader& r, TicketTransferred& e) {
    read(r, static_cast<TicketChange&>(e));
    e.to_service = r.str("to_service");
    e.to_window = static_cast<int>(r.integer("to_window"));
}
Json data_of(const TicketTransferred& e) {
    Json j = data_of(static_cast<const TicketChange&>(e));
    j["to_service"] = e.to_service;
    j["to_window"] = e.to_window;
    return j;
}

void read(Reader& r, WindowPaused& e) {
    e.window = static_cast<int>(r.integer("window"));
    e.reason = r.str("reason");
    e.at = r.str("at");
}
Json data_of(const WindowPaused& e) {
    return {{"window", e.window}, {"reason", e.reason}, {"at", e.at}};
}

void read(Reader& r, WindowResumed& e) {
    e.window = static_cast<int>(r.integer("window"));
    e.at = r.str("at");
}
Json data_of(const WindowResumed& e) {
    // "reason" null: the same fields as window.paused.
    return {{"window", e.window}, {"reason", nullptr}, {"at", e.at}};
}

void read(Reader& r, EvaluationRequested& e) {
    e.ticket = r.integer("ticket");
    e.number = r.str("number");
    e.service = r.str("service");
    e.window = static_cast<int>(r.integer("window"));
    e.at = r.str("at");
}
Json data_of(const EvaluationRequested& e) {
    return {{"ticket", e.ticket},
            {"number", e.number},
            {"service", e.service},
            {"window", e.window},
            {"at", e.at}};
}

void read(Reader& r, EvaluationSubmitted& e) {
    e.ticket = r.integer("ticket");
    e.number = r.str("number");
    e.window = static_cast<int>(r.integer("window"));
    e.level = static_cast<int>(r.integer("level"));
    e.at = r.str("at");
}
Json data_of(const EvaluationSubmitted& e) {
    return {{"ticket", e.ticket},
            {"number", e.number},
            {"window", e.window},
            {"level", e.level},
            {"at", e.at}};
}

void read(Reader& r, SessionChange& e) {
    e.window = static_cast<int>(r.integer("window"));
    if (const Json* staff = r.field("staff")) {
        Reader sr{*staff};
        e.staff = sr.str("number");
        if (!staff->is_object() || !sr.ok()) r.fail("staff");
    }
    e.at = r.str("at");
}
Json data_of(const SessionChange& e) {
    return {{"window", e.window}, {"staff", {{"number", e.staff}}}, {"at", e.at}};
}

void read(Reader& r, NoticeUpdated& e) {
    e.text = r.text("text");
    e.at = r.str("at");
}
Json data_of(const NoticeUpdated& e) {
    return {{"text", to_json(e.text)}, {"at", e.at}};
}

void read(Reader& r, DeviceAlert& e) {
    e.device = r.str("device");
    e.kind = r.str("kind");
    e.message = r.str("message");
    e.at = r.str("at");
}
Json data_of(const DeviceAlert& e) {
    return {{"device", e.device}, {"kind", e.kind}, {"message", e.message}, {"at", e.at}};
}

void read(Reader& r, ServicesUpdated& e) {
    e.service = r.str("service");
    e.unit = r.str("unit");
    e.version = r.integer("version");
    e.at = r.str("at");
}
Json data_of(const ServicesUpdated& e) {
    return {{"service", e.service}, {"unit", e.unit}, {"version", e.version}, {"at", e.at}};
}

void read(Reader& r, CaseChange& e) {
    e.number = r.str("case");
    e.id = r.integer("id");
    e.unit = r.str("unit");
    e.window = static_cast<int>(r.integer("window"));
    e.service = r.str("service");
    e.mode = r.str("mode");
    e.status = r.str("status");
}
Json data_of(const CaseChange& e) {
    return {{"case", e.number},     {"id", e.id},     {"unit", e.unit},    {"window", e.window},
            {"service", e.service}, {"mode", e.mode}, {"status", e.status}};
}

Json data_of(const UnknownEvent& e) {
    return e.data;
}

// The alternative whose kName is `name`, read from `r` (every alternative but UnknownEvent).
template <size_t I = 1>
std::optional<Event> read_known(std::string_view name, Reader& r) {
    if constexpr (I < std::variant_size_v<Event>) {
        using E = std::variant_alternative_t<I, Event>;
        if (name == E::kName) {
            E e;
            read(r, e);
            return Event{std::move(e)};
        }
        return read_known<I + 1>(name, r);
    } else {
        return std::nullopt;
    }
}

// One visit for each family of events sharing a base (ticket.*, session.*).
template <typename Base>
const Base* part_of(const Event& event) {
    return std::visit(
        [](const auto& e) -> const Base* {
            if constexpr (std::is_base_of_v<Base, std::decay_t<decltype(e)>>)
                return &e;
            else
                return nullptr;
        },
        event);
}

}  // namespace

std::string event_name(const Event& event) {
    return std::visit(
        [](const auto& e) -> std::string {
            if constexpr (std::is_same_v<std::decay_t<decltype(e)>, UnknownEvent>)
                return e.name;
            else
                return std::string(e.kName);
        },
        event);
}

Json event_data(const Event& event) {
    return std::visit([](const auto& e) { return data_of(e); }, event);
}

Result<Event> parse_event(std::string_view name, const Json& data) {
    if (!data.is_object()) return bad("event " + std::string(name) + ": data is not an object");
    Reader r{data};
    std::optional<Event> event = read_known(name, r);
    if (!event) return Event{UnknownEvent{std::string(name), data}};
    if (!r.ok()) return bad("event " + std::string(name) + " field '" + r.failed + "'");
    return std::move(*event);
}

Result<Event> parse_event(const HubEvent& event) {
    return parse_event(event.name, event.data);
}

const TicketChange* ticket_change(const Event& event) {
    return part_of<TicketChange>(event);
}

const SessionChange* session_change(const Event& event) {
    return part_of<SessionChange>(event);
}

const CaseChange* case_change(const Event& event) {
    return part_of<CaseChange>(event);
}

}  // namespace onestop::net
