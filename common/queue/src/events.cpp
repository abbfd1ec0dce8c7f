#include "onestop/queue/events.h"

#include "onestop/queue/engine.h"

namespace onestop::queue {

TimePoint event_time(const Event& event) {
    return std::visit([](const auto& e) { return e.at; }, event);
}

int64_t ticket_id(const Event& event) {
    return std::visit(
        [](const auto& e) -> int64_t {
            if constexpr (requires { e.id; })
                return e.id;
            else
                return 0;
        },
        event);
}

const char* to_string(TicketStatus status) {
    switch (status) {
        case TicketStatus::Waiting:
            return "waiting";
        case TicketStatus::Called:
            return "called";
        case TicketStatus::Done:
            return "done";
        case TicketStatus::NoShow:
            return "no_show";
        case TicketStatus::Cancelled:
            return "cancelled";
    }
    return "waiting";
}

const char* to_string(WindowStatus status) {
    switch (status) {
        case WindowStatus::Open:
            return "open";
        case WindowStatus::Paused:
            return "paused";
        case WindowStatus::Closed:
            return "closed";
    }
    return "closed";
}

}  // namespace onestop::queue
