// GET /api/v1/events: Server-Sent Events. Each event is `id: <log id>`, `event: <name>`,
// `data: <one-line JSON>`. `Last-Event-ID` (header, or ?last_event_id= for clients
// that cannot set headers) resumes right after that id: what is still in memory comes
// from the bus, older events from the log, so nothing is skipped or sent twice.
// An open stream costs a socket, not a thread (live_streams.h); streams are limited by
// --max-streams and the file descriptors the process may open; past that the answer is
// 503 too_many_streams.
#include <sys/resource.h>

#include <algorithm>
#include <charconv>

#include "hub.h"
#include "onestop/base/error_codes.h"

namespace onestop::hub {

namespace {

constexpr int kRetryAfterSeconds = 10;
constexpr rlim_t kReservedDescriptors = 256;

}  // namespace

Reply too_many_streams(const std::string& message) {
    Reply busy = error_reply(503, errc::too_many_streams, message);
    // Well-behaved clients then close, and try again after Retry-After.
    busy.headers = {{"Retry-After", std::to_string(kRetryAfterSeconds)}, {"Connection", "close"}};
    return busy;
}

Reply event_stream_head() {
    return Reply{
        200, "", "text/event-stream", {{"Cache-Control", "no-cache"}, {"X-Accel-Buffering", "no"}}};
}

int stream_limit(int max_streams) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY)
        return max_streams;
    rlim_t usable =
        limit.rlim_cur > kReservedDescriptors ? limit.rlim_cur - kReservedDescriptors : 1;
    return static_cast<int>(std::min<rlim_t>(usable, static_cast<rlim_t>(max_streams)));
}

void Hub::install_event_route() {
    const int limit = stream_limit(options_.max_streams);
    route("GET", "/api/v1/events", [this, limit](const Request& req) -> Response {
        auto p = who(req);
        if (auto* refused = std::get_if<Reply>(&p)) return {*refused, {}};
        int64_t cursor = bus_->last_id();
        std::string last = req.get_header_value("Last-Event-ID");
        if (last.empty()) last = req.get_param_value("last_event_id");
        if (!last.empty()) {
            int64_t id = -1;
            auto r = std::from_chars(last.data(), last.data() + last.size(), id);
            if (r.ec != std::errc() || r.ptr != last.data() + last.size() || id < 0)
                return {error_reply(400, errc::bad_last_event_id,
                                    "Last-Event-ID must be an event id (an integer)"),
                        {}};
            // An id beyond the log's end comes from another database (the hub's was
            // replaced): replay this log from its start rather than wait for that id.
            cursor = id > bus_->last_id() ? 0 : id;
        }
        auto place = streams_->reserve(limit);
        if (!place)
            return {too_many_streams("the hub has " + std::to_string(limit) +
                                     " event streams open, its most; try again later"),
                    {}};
        return {event_stream_head(), [this, place, cursor, principal = std::get<Principal>(p)](
                                         std::shared_ptr<StreamSink> sink) {
                    streams_->add(place, std::move(sink), cursor, principal);
                }};
    });
}

}  // namespace onestop::hub
