// GET /api/v1/events: Server-Sent Events. Each event is `id: <log id>`, `event: <name>`,
// `data: <one-line JSON>`. `Last-Event-ID` (header, or ?last_event_id= for clients
// that cannot set headers) resumes right after that id: what is still in memory comes
// from the bus, older events from the log, so nothing is skipped or sent twice.
// Each open stream holds one worker thread: streams are limited (stream_limit) so API
// requests always find a worker; past the limit the answer is 503 too_many_streams.
#include <algorithm>
#include <charconv>

#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"

namespace onestop::hub {

namespace {

constexpr auto kWaitSlice = std::chrono::milliseconds(500);
// How often a stream opened with a device token checks that the token is not revoked.
constexpr auto kRevocationCheck = std::chrono::seconds(1);
constexpr int kLogPage = 500;
constexpr int kRetryAfterSeconds = 10;

struct Stream {
    int64_t cursor = 0;
    std::chrono::steady_clock::time_point last_write;
    bool greeted = false;
    Principal principal;  // anonymous without a token
    std::chrono::steady_clock::time_point checked;
};

// True once the stream's device token is revoked; asks the database once a second.
bool revoked(Authenticator& auth, Stream& stream) {
    auto now = std::chrono::steady_clock::now();
    if (now - stream.checked < kRevocationCheck) return false;
    stream.checked = now;
    auto valid = auth.still_valid(stream.principal);
    if (!valid) logger("hub")->error("event stream: {}", valid.error().message);
    return valid && !*valid;
}

void send(httplib::Response& res, const Reply& reply) {
    res.status = reply.status;
    res.set_content(reply.body, reply.content_type);
}

void append_event(std::string& out, int64_t id, const std::string& name, const std::string& data) {
    out += "id: " + std::to_string(id) + "\nevent: " + name + "\ndata: " + data + "\n\n";
}

}  // namespace

int stream_limit(int threads) {
    return std::max(1, threads - std::max(8, threads / 8));
}

void Hub::install_event_route() {
    const int limit = stream_limit(options_.threads);
    route("GET", "/api/v1/events",
          [this, limit](const httplib::Request& req, httplib::Response& res) {
              auto started = std::chrono::steady_clock::now();
              auto stream = std::make_shared<Stream>();
              auto p = who(req);
              if (auto* refused = std::get_if<Reply>(&p)) {
                  send(res, *refused);
                  return;
              }
              stream->principal = std::get<Principal>(p);
              stream->cursor = bus_->last_id();
              std::string last = req.get_header_value("Last-Event-ID");
              if (last.empty()) last = req.get_param_value("last_event_id");
              if (!last.empty()) {
                  int64_t id = -1;
                  auto r = std::from_chars(last.data(), last.data() + last.size(), id);
                  if (r.ec != std::errc() || r.ptr != last.data() + last.size() || id < 0) {
                      send(res, error_reply(400, errc::bad_last_event_id,
                                            "Last-Event-ID must be an event id (an integer)"));
                      return;
                  }
                  // An id beyond the log's end comes from another database (the hub's was
                  // replaced): replay this log from its start rather than wait for that id.
                  stream->cursor = id > bus_->last_id() ? 0 : id;
              }
              if (!bus_->try_subscribe(limit)) {
                  // Every stream holds a worker thread: past the limit the API would starve.
                  res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
                  // Well-behaved clients then close, which frees the worker at once.
                  res.set_header("Connection", "close");
                  send(res, error_reply(503, errc::too_many_streams,
                                        "the hub has " + std::to_string(limit) +
                                            " event streams open, its most; try again later"));
                  return;
              }
              res.set_header("Cache-Control", "no-cache");
              res.set_header("X-Accel-Buffering", "no");
              res.set_chunked_content_provider(
                  "text/event-stream",
                  [this, stream, ping = std::chrono::seconds(options_.ping_seconds)](
                      size_t, httplib::DataSink& sink) {
                      std::string out;
                      if (!stream->greeted) {
                          out = ": onestop event stream\nretry: 2000\n\n";
                          stream->greeted = true;
                      } else {
                          auto batch = bus_->wait_after(stream->cursor, kWaitSlice);
                          if (bus_->shutting_down() || revoked(*auth_, *stream)) {
                              sink.done();
                              return true;
                          }
                          if (batch.from_log) {
                              int64_t floor = bus_->floor();
                              Result<std::vector<store::LogEntry>> rows =
                                  std::vector<store::LogEntry>{};
                              {
                                  std::lock_guard lock(reader_.mu);
                                  rows = reader_.store->published_after(stream->cursor, kLogPage);
                              }
                              if (!rows) {
                                  logger("hub")->error("event stream: {}", rows.error().message);
                                  return false;
                              }
                              for (const auto& e : *rows) {
                                  append_event(out, e.id, e.name.value_or(""),
                                               e.data.value_or("{}"));
                                  stream->cursor = e.id;
                              }
                              if (static_cast<int>(rows->size()) < kLogPage)
                                  stream->cursor = std::max(stream->cursor, floor);
                          } else {
                              for (const auto& e : batch.events) {
                                  append_event(out, e.id, e.name, e.data);
                                  stream->cursor = e.id;
                              }
                          }
                      }
                      auto now = std::chrono::steady_clock::now();
                      if (out.empty() && now - stream->last_write >= ping) out = ": ping\n\n";
                      if (out.empty()) return true;
                      stream->last_write = now;
                      return sink.write(out.data(), out.size());
                  },
                  [this](bool) { bus_->unsubscribe(); });
              latency_.observe(std::chrono::steady_clock::now() - started);
          });
}

}  // namespace onestop::hub
