// GET /api/v1/tickets/{id}/events?code=C: one ticket's view as Server-Sent Events for the
// phone that holds it. Only the HTTP glue is here: ticket_follow.h decides who may follow,
// what is sent and when the stream ends. Such a stream holds a worker thread like
// /api/v1/events and counts against the same limit; phones may hold at most half of it, so
// boards, pads and counters always find room (a refused page reloads every 15 s instead).
#include <algorithm>
#include <atomic>
#include <charconv>

#include "hub.h"
#include "onestop/base/error_codes.h"
#include "ticket_follow.h"

namespace onestop::hub {

namespace {

constexpr auto kWaitSlice = std::chrono::milliseconds(500);
constexpr int kRetryAfterSeconds = 10;

struct Following {
    TicketFollower follower;
    int64_t cursor = 0;   // the bus's last id when the view was last computed
    std::string pending;  // written by the next call of the content provider
    std::chrono::steady_clock::time_point last_write;
};

}  // namespace

void Hub::install_ticket_event_route() {
    const int limit = stream_limit(options_.threads);
    const int phone_limit = std::max(1, limit / 2);
    auto phones = std::make_shared<std::atomic<int>>(0);
    route("GET", R"(/api/v1/tickets/(\d+)/events)",
          [this, limit, phone_limit, phones](const httplib::Request& req, httplib::Response& res) {
              auto started = std::chrono::steady_clock::now();
              auto reply = [&res](const Reply& r) {
                  res.status = r.status;
                  res.set_content(r.body, r.content_type);
              };
              int64_t id = -1;
              const std::string digits = req.matches[1];
              std::from_chars(digits.data(), digits.data() + digits.size(), id);
              const std::string code = req.get_param_value("code");
              auto p = who(req);
              if (auto* refused = std::get_if<Reply>(&p)) return reply(*refused);
              auto following = std::make_shared<Following>();
              // The cursor before the view: an event published meanwhile is looked at again.
              following->cursor = bus_->last_id();
              auto refused =
                  with_ticket(id, [&](const HubState& s, const store::StoredTicket* found) {
                      auto no = refuse_ticket_read(id, found, code, std::get<Principal>(p));
                      if (!no) following->pending = following->follower.update(s, found->ticket);
                      return no;
                  });
              if (refused) return reply(*refused);
              if (++*phones > phone_limit || !bus_->try_subscribe(limit)) {
                  --*phones;
                  res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
                  res.set_header("Connection", "close");
                  return reply(error_reply(503, errc::too_many_streams,
                                           "the hub follows " + std::to_string(phone_limit) +
                                               " tickets or holds " + std::to_string(limit) +
                                               " event streams in all, its most; try again later"));
              }
              following->pending = ": onestop ticket stream\nretry: 2000\n\n" + following->pending;
              res.set_header("Cache-Control", "no-cache");
              res.set_header("X-Accel-Buffering", "no");
              res.set_chunked_content_provider(
                  "text/event-stream",
                  [this, id, following, ping = std::chrono::seconds(options_.ping_seconds)](
                      size_t, httplib::DataSink& sink) {
                      Following& f = *following;
                      std::string out = std::move(f.pending);
                      f.pending.clear();
                      if (out.empty()) {
                          auto batch = bus_->wait_after(f.cursor, kWaitSlice);
                          if (bus_->shutting_down()) {
                              sink.done();
                              return true;
                          }
                          if (!batch.events.empty() || batch.from_log) {
                              f.cursor = bus_->last_id();
                              out = with_ticket(
                                  id, [&](const HubState& s, const store::StoredTicket* t) {
                                      return t ? f.follower.update(s, t->ticket) : std::string();
                                  });
                          }
                      }
                      auto now = std::chrono::steady_clock::now();
                      if (out.empty() && now - f.last_write >= ping) out = ": ping\n\n";
                      if (!out.empty()) {
                          f.last_write = now;
                          if (!sink.write(out.data(), out.size())) return false;
                      }
                      if (f.follower.finished()) sink.done();
                      return true;
                  },
                  [this, phones](bool) {
                      --*phones;
                      bus_->unsubscribe();
                  });
              latency_.observe(std::chrono::steady_clock::now() - started);
          });
}

}  // namespace onestop::hub
