#include "onestop/store/event_codec.h"
#include "onestop/base/error_codes.h"

namespace onestop::store {

using nlohmann::json;
using namespace onestop::queue;

namespace {

int64_t ms(TimePoint t) {
    return t.time_since_epoch().count();
}
TimePoint tp(const json& j) {
    return TimePoint{Millis{j.get<int64_t>()}};
}

struct Encoder {
    EncodedEvent operator()(const TicketIssued& e) const {
        EncodedEvent out{"ticket_issued",
                         {{"id", e.id},
                          {"number", e.number},
                          {"service", e.service},
                          {"priority", e.priority == Priority::Green ? "green" : "normal"},
                          {"service_day", e.service_day},
                          {"sequence", e.sequence},
                          {"at", ms(e.at)}}};
        // Only offline tickets of unknown leases carry these; older logs lack them.
        if (e.adopted) out.fields["adopted"] = true;
        if (!e.printed.empty()) out.fields["printed"] = e.printed;
        return out;
    }
    EncodedEvent operator()(const NumbersLeased& e) const {
        return {"numbers_leased",
                {{"service", e.service},
                 {"service_day", e.service_day},
                 {"first", e.first},
                 {"count", e.count},
                 {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketCalled& e) const {
        return {"ticket_called", {{"id", e.id}, {"window", e.window}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketRecalled& e) const {
        return {"ticket_recalled", {{"id", e.id}, {"window", e.window}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketNoShow& e) const {
        return {"ticket_no_show", {{"id", e.id}, {"window", e.window}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketRejoined& e) const {
        return {"ticket_rejoined", {{"id", e.id}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketTransferred& e) const {
        return {"ticket_transferred",
                {{"id", e.id},
                 {"from_window", e.from_window},
                 {"to_service", e.to_service},
                 {"to_window", e.to_window},
                 {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketFinished& e) const {
        return {"ticket_finished", {{"id", e.id}, {"window", e.window}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const TicketCancelled& e) const {
        return {"ticket_cancelled", {{"id", e.id}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const WindowPaused& e) const {
        return {"window_paused", {{"window", e.window}, {"reason", e.reason}, {"at", ms(e.at)}}};
    }
    EncodedEvent operator()(const WindowResumed& e) const {
        return {"window_resumed", {{"window", e.window}, {"at", ms(e.at)}}};
    }
};

Event decode_or_throw(const std::string& type, const json& f) {
    if (type == "ticket_issued") {
        TicketIssued e;
        e.id = f.at("id").get<int64_t>();
        e.number = f.at("number").get<std::string>();
        e.service = f.at("service").get<std::string>();
        e.priority =
            f.at("priority").get<std::string>() == "green" ? Priority::Green : Priority::Normal;
        e.service_day = f.at("service_day").get<std::string>();
        e.sequence = f.at("sequence").get<int>();
        e.at = tp(f.at("at"));
        e.adopted = f.value("adopted", false);
        e.printed = f.value("printed", std::string());
        return e;
    }
    if (type == "numbers_leased") {
        return NumbersLeased{f.at("service").get<std::string>(),
                             f.at("service_day").get<std::string>(), f.at("first").get<int>(),
                             f.at("count").get<int>(), tp(f.at("at"))};
    }
    if (type == "ticket_called")
        return TicketCalled{f.at("id").get<int64_t>(), f.at("window").get<int>(), tp(f.at("at"))};
    if (type == "ticket_recalled")
        return TicketRecalled{f.at("id").get<int64_t>(), f.at("window").get<int>(), tp(f.at("at"))};
    if (type == "ticket_no_show")
        return TicketNoShow{f.at("id").get<int64_t>(), f.at("window").get<int>(), tp(f.at("at"))};
    if (type == "ticket_rejoined") return TicketRejoined{f.at("id").get<int64_t>(), tp(f.at("at"))};
    if (type == "ticket_transferred") {
        return TicketTransferred{f.at("id").get<int64_t>(), f.at("from_window").get<int>(),
                                 f.at("to_service").get<std::string>(),
                                 f.at("to_window").get<int>(), tp(f.at("at"))};
    }
    if (type == "ticket_finished")
        return TicketFinished{f.at("id").get<int64_t>(), f.at("window").get<int>(), tp(f.at("at"))};
    if (type == "ticket_cancelled")
        return TicketCancelled{f.at("id").get<int64_t>(), tp(f.at("at"))};
    if (type == "window_paused")
        return WindowPaused{f.at("window").get<int>(), f.at("reason").get<std::string>(),
                            tp(f.at("at"))};
    if (type == "window_resumed") return WindowResumed{f.at("window").get<int>(), tp(f.at("at"))};
    throw std::invalid_argument("unknown event type '" + type + "'");
}

}  // namespace

EncodedEvent encode_event(const Event& event) {
    return std::visit(Encoder{}, event);
}

Result<Event> decode_event(const std::string& type, const json& fields) {
    // nlohmann reports missing or mistyped fields by throwing; keep that inside.
    try {
        return decode_or_throw(type, fields);
    } catch (const std::invalid_argument& e) {
        return make_error(errc::event_unknown, e.what());
    } catch (const json::exception& e) {
        return make_error(errc::event_malformed,
                          "event '" + type + "' in the log is malformed: " + e.what());
    }
}

}  // namespace onestop::store
