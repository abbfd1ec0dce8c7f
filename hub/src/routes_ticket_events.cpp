// GET /api/v1/tickets/{id}/events?code=C: one ticket's view as Server-Sent Events for the
// phone that holds it. Only the HTTP glue is here: ticket_follow.h decides who may follow,
// what is sent and when the stream ends. Such streams count against the event streams'
// limit; phones may hold at most half of it, so boards, pads and counters always find room
// (a refused page reloads every 15 s instead).
#include <algorithm>
#include <atomic>
#include <charconv>

#include "hub.h"
#include "ticket_follow.h"

namespace onestop::hub {

void Hub::install_ticket_event_route() {
    const int limit = stream_limit(options_.max_streams);
    const int phone_limit = std::max(1, limit / 2);
    auto phones = std::make_shared<std::atomic<int>>(0);
    route("GET", R"(/api/v1/tickets/(\d+)/events)",
          [this, limit, phone_limit, phones](const Request& req) -> Response {
              int64_t id = -1;
              const std::string& digits = req.matches[1];
              std::from_chars(digits.data(), digits.data() + digits.size(), id);
              const std::string code = req.get_param_value("code");
              auto p = who(req);
              if (auto* refused = std::get_if<Reply>(&p)) return {*refused, {}};
              auto follower = std::make_shared<TicketFollower>();
              std::string first;
              auto refused =
                  with_ticket(id, [&](const HubState& s, const store::StoredTicket* found) {
                      auto no = refuse_ticket_read(id, found, code, std::get<Principal>(p));
                      if (!no) first = follower->update(s, found->ticket);
                      return no;
                  });
              if (refused) return {*refused, {}};
              // A phone's place counts twice: among the phones and among all streams.
              ++*phones;
              auto phone = std::make_shared<LiveStreams::Place>(*phones);
              auto place = *phones <= phone_limit ? streams_->reserve(limit) : nullptr;
              if (!place)
                  return {too_many_streams("the hub follows " + std::to_string(phone_limit) +
                                           " tickets or holds " + std::to_string(limit) +
                                           " event streams in all, its most; try again later"),
                          {}};
              first = ": onestop ticket stream\nretry: 2000\n\n" + first;
              bool done = follower->finished();
              return {
                  event_stream_head(), [this, id, place, phone, follower, first = std::move(first),
                                        done](std::shared_ptr<StreamSink> sink) {
                      if (done) {  // already final: the view, then the end
                          sink->send(std::make_shared<const std::string>(first));
                          sink->close();
                          return;
                      }
                      streams_->watch(place, std::move(sink), first, [this, id, follower, phone] {
                          std::string bytes =
                              with_ticket(id, [&](const HubState& s, const store::StoredTicket* t) {
                                  return t ? follower->update(s, t->ticket) : std::string();
                              });
                          return LiveStreams::Watch{std::move(bytes), follower->finished()};
                      });
                  }};
          });
}

}  // namespace onestop::hub
