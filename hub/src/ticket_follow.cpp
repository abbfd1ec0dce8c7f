#include "ticket_follow.h"

#include "auth.h"
#include "onestop/base/error_codes.h"
#include "onestop/store/secrets.h"
#include "views.h"

namespace onestop::hub {

std::optional<Reply> refuse_ticket_read(int64_t id, const store::StoredTicket* found,
                                        const std::string& code, const Principal& principal) {
    if (!found)
        return error_reply(404, errc::ticket_unknown, "there is no ticket " + std::to_string(id));
    if (principal.admin() || (!code.empty() && store::same_hash(code, found->record.code)))
        return std::nullopt;
    if (code.empty() && principal.kind == Principal::Kind::Anonymous)
        return unauthorized("the ticket's code (?code=…) or a token is needed");
    return forbidden("the ticket's code does not match");
}

json ticket_view(const HubState& state, const queue::Ticket& ticket) {
    return ticket_json(state, ticket, false);
}

bool final_status(queue::TicketStatus status) {
    return status == queue::TicketStatus::Done || status == queue::TicketStatus::NoShow ||
           status == queue::TicketStatus::Cancelled;
}

std::string TicketFollower::update(const HubState& state, const queue::Ticket& ticket) {
    if (finished_) return "";
    json view = ticket_view(state, ticket);
    // A recall within the second of the call leaves T as it was: the count tells the phone.
    view["calls"] = ticket.calls;
    std::string text = dump(view);
    if (text == last_) return "";
    last_ = std::move(text);
    finished_ = final_status(ticket.status);
    return "event: ticket\ndata: " + last_ + "\n\n";
}

}  // namespace onestop::hub
