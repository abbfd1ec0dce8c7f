#pragma once
// What the hub tells about one ticket, apart from how it is carried: who may read it (the
// ticket's code or an admin token), its public view, and for the stream a phone follows it
// with (GET /api/v1/tickets/{id}/events, the page /t/{id}) which views to send and when
// the stream ends. GET /api/v1/tickets/{id} answers with the same check and view; the
// stream's HTTP glue (routes_ticket_events.cpp) only waits on the event bus, holds the
// state lock around update() and writes what it returns.

#include <cstdint>
#include <optional>
#include <string>

#include "hub_state.h"
#include "reply.h"

namespace onestop::hub {

struct Principal;

// The refusal to send when `principal` with `code` may not read ticket `id` (`found` null:
// there is none): 404 ticket_unknown, 401 neither code nor token, 403 a code that does not
// match; nothing when the code matches or the token is an admin's.
std::optional<Reply> refuse_ticket_read(int64_t id, const store::StoredTicket* found,
                                        const std::string& code, const Principal& principal);

// CONTRACT's T without the code: the same for the answer and the stream.
json ticket_view(const HubState& state, const queue::Ticket& ticket);

// Done, no-show and cancelled: nothing the hub does by itself changes them (a no-show
// rejoins only at the service desk), so a stream following the ticket ends there.
bool final_status(queue::TicketStatus status);

// One per open stream. The glue calls update() once when the stream opens and again after
// each batch the event bus hands it (any event may move the ticket's place in line), with
// the state read-locked.
class TicketFollower {
  public:
    // The SSE block `event: ticket` + `data: <T with "calls">` to write when that differs
    // from the last one sent (always on the first call), else "".
    std::string update(const HubState& state, const queue::Ticket& ticket);
    // True once a final state has been returned: the stream ends after writing it.
    bool finished() const { return finished_; }

  private:
    std::string last_;
    bool finished_ = false;
};

}  // namespace onestop::hub
