#include "onestop/queue/events.h"

#include <type_traits>

#include "onestop/queue/engine.h"

namespace onestop::queue {

const char* event_name(const Event& event) {
    return std::visit(
        [](const auto& e) -> const char* {
            using E = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<E, TicketIssued>) return "ticket.issued";
            else if constexpr (std::is_same_v<E, NumbersLeased>) return "";
            else if constexpr (std::is_same_v<E, TicketCalled>) return "ticket.called";
            else if constexpr (std::is_same_v<E, TicketRecalled>) return "ticket.recalled";
            else if constexpr (std::is_same_v<E, TicketNoShow>) return "ticket.no_show";
            else if constexpr (std::is_same_v<E, TicketRejoined>) return "ticket.rejoined";
            else if constexpr (std::is_same_v<E, TicketTransferred>) return "ticket.transferred";
            else if constexpr (std::is_same_v<E, TicketFinished>) return "ticket.finished";
            else if constexpr (std::is_same_v<E, TicketCancelled>) return "ticket.cancelled";
            else if constexpr (std::is_same_v<E, WindowPaused>) return "window.paused";
            else return "window.resumed";
        },
        event);
}

TimePoint event_time(const Event& event) {
    return std::visit([](const auto& e) { return e.at; }, event);
}

const char* to_string(TicketStatus status) {
    switch (status) {
        case TicketStatus::Waiting: return "waiting";
        case TicketStatus::Called: return "called";
        case TicketStatus::Done: return "done";
        case TicketStatus::NoShow: return "no_show";
        case TicketStatus::Cancelled: return "cancelled";
    }
    return "waiting";
}

const char* to_string(WindowStatus status) {
    switch (status) {
        case WindowStatus::Open: return "open";
        case WindowStatus::Paused: return "paused";
        case WindowStatus::Closed: return "closed";
    }
    return "closed";
}

}  // namespace onestop::queue
