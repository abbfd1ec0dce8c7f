#pragma once
// onestop-hub's server: opens the database, rebuilds the state, serves the HTTP API,
// the event stream and the web pages until stopped (SIGTERM/SIGINT).

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "auth.h"
#include "event_bus.h"
#include "http_server.h"
#include "live_streams.h"
#include "metrics.h"
#include "onestop/config/catalogue.h"
#include "writer.h"

namespace onestop::hub {

class CampusShipper;

struct ServeOptions {
    std::filesystem::path db = "onestop.db";
    std::string host = "127.0.0.1";
    int port = 8080;
    std::optional<std::filesystem::path> hall;  // reseed the hall from this file
    std::optional<TimePoint> now;               // the clock starts here
    int threads = 16;         // handler threads: API requests (a ticket waits for its commit)
    int max_streams = 20000;  // open event streams allowed (capped by the descriptor limit)
    int ping_seconds = 10;    // event-stream keep-alive comment interval
    std::string public_url;   // the address phones use, http(s)://host[:port][/path] without a
                              // trailing slash; empty when not given
    // HTTPS with this certificate (PEM, the chain after it) and its private key; both empty
    // = plain HTTP.
    std::filesystem::path tls_cert{};
    std::filesystem::path tls_key{};
    // The campus database the hall's log is shipped to (issue 18): a postgresql:// URL
    // without a password (checked by pg::make_target), and the password file; empty: none.
    std::string campus{};
    std::filesystem::path campus_passfile{};
};

// The event streams `max_streams` allows with this process's file descriptors: each
// takes one, and 256 are kept for API connections and the databases.
int stream_limit(int max_streams);
// 503 too_many_streams with Retry-After and Connection: close.
Reply too_many_streams(const std::string& message);
// The head of an event stream's answer (text/event-stream, not cached or buffered).
Reply event_stream_head();

// The database with its hall: seeded from `hall_file` (or the default hall) when
// empty, replaced from `hall_file` when one is given, else read back from the database.
struct OpenedDatabase {
    std::unique_ptr<store::HubStore> store;
    queue::Hall hall;
    TimeZone zone;  // the hall's (also made the process's default zone, for logs)
};
Result<OpenedDatabase> open_database(const std::filesystem::path& db,
                                     const std::optional<std::filesystem::path>& hall_file);

class Hub {
  public:
    static Result<std::unique_ptr<Hub>> create(const ServeOptions& options);
    ~Hub();

    // Prints "listening on http://HOST:PORT" (bound by create()), serves until stop();
    // returns the exit code.
    int run();
    // Safe from any thread, more than once: stops accepting, ends event streams, lets
    // requests in flight finish.
    void stop();

  private:
    Hub(const ServeOptions& options, std::optional<TimePoint> start);
    void install_routes();
    void install_api_routes();
    void install_window_routes();
    void install_event_route();
    void install_ticket_event_route();  // routes_ticket_events.cpp
    void install_web_routes();
    void install_office_routes();
    void install_account_routes();         // routes_accounts.cpp
    void install_account_admin_routes();   // routes_accounts.cpp: the console's account list
    void install_device_routes();          // routes_devices.cpp
    void install_staff_routes();           // routes_staff.cpp
    void install_figure_routes();          // routes_figures.cpp
    void install_service_routes();         // routes_services.cpp
    void install_live_hall_route();        // routes_live_hall.cpp
    void install_notice_routes();          // routes_notices.cpp
    void install_window_plan_routes();     // routes_window_plans.cpp
    void install_roster_routes();          // routes_rosters.cpp: terms, rosters, changes
    void install_leave_routes();           // routes_leave.cpp: leave, corrections, meetings
    void install_attendance_routes();      // routes_attendance.cpp: the monthly sheet
    void install_followup_routes();        // routes_followups.cpp: 好差评 follow-ups
    void install_complaint_routes();       // routes_complaints.cpp: complaints
    void install_scorecard_routes();       // routes_scorecards.cpp: the monthly scorecards
    void install_rating_summary_routes();  // routes_rating_summary.cpp: 好差评 公示
    void install_console_routes();         // routes_console.cpp: the office's pages under /office/
    void install_metrics_route();          // routes_metrics.cpp: GET /metrics
    void install_case_routes();            // routes_cases.cpp: cases, hand-overs, the case figures
    void install_worklog_routes();  // routes_worklog.cpp: the staff's work log (第十八条)
    // routes_assets.cpp: the asset register, stock-takes, requisitions and change requests
    void install_asset_routes();
    void install_stocktake_routes();
    void install_asset_request_routes();
    void install_asset_print_routes();  // routes_asset_prints.cpp: labels, requisition slips
    void install_hall_closing_routes();  // routes_hall_closing.cpp: the closing round (第三十九条)
    // The Set-Cookie value for the office's session cookie (Secure under TLS).
    std::string session_cookie(const std::string& value, bool expire) const;

    using Handler = std::function<Reply(const Request&)>;
    void get(const std::string& pattern, Handler handler);
    void post(const std::string& pattern, Handler handler);
    void put(const std::string& pattern, Handler handler);
    void del(const std::string& pattern, Handler handler);
    using RouteHandler = std::function<Response(const Request&)>;
    // Registers a route; `pattern` is literal text with (\d+) path ids, ([^/]+) path names
    // (a staff number such as S001, a login) and, last, (.*) for the rest of the path.
    void route(const std::string& method, const std::string& pattern, RouteHandler handler);
    // Finds the request's route (404, or 405 with Allow, when there is none) and runs it.
    Response dispatch(Request& req);
    // The methods the routes matching `path` take ("GET, HEAD", "POST"…); empty: no route.
    std::string allowed_methods(const std::string& path) const;

    // Runs `fn` with the state read-locked.
    template <typename F>
    auto with_state(F&& fn) {
        std::shared_lock lock(state_mu_);
        return fn(writer_->state());
    }
    // Runs `fn(state, ticket)` with the state read-locked and the ticket from memory, else
    // (an earlier day's) read from the database; `ticket` is null when there is none.
    template <typename F>
    auto with_ticket(int64_t id, F&& fn) {
        using R = std::invoke_result_t<F&, const HubState&, const store::StoredTicket*>;
        std::optional<R> answer = with_state([&](const HubState& s) -> std::optional<R> {
            auto found = s.in_memory(id);
            if (!found) return std::nullopt;
            return fn(s, &*found);
        });
        if (answer) return std::move(*answer);
        auto stored = read_ticket(id);
        return with_state([&](const HubState& s) { return fn(s, stored ? &*stored : nullptr); });
    }
    // An earlier day's ticket from the database (none on a database error, which is logged).
    std::optional<store::StoredTicket> read_ticket(int64_t id);
    Result<Principal> identify(const Request& req);
    // The principal, or the reply to send (401) when the token is bad.
    std::variant<Principal, Reply> who(const Request& req);
    // The principal when `allowed` holds for it, else the reply: 401 without one, 403
    // with `refusal`.
    std::variant<Principal, Reply> who_may(const Request& req,
                                           const std::function<bool(const Principal&)>& allowed,
                                           const std::string& refusal);
    bool from_loopback(const Request& req) const;
    // Whether the hall has window `n` today (the office's plans may add and close windows).
    bool has_window(int n);
    // Whether `pin` is staff `number`'s, checked on the request thread (the hash is slow,
    // the writer must not wait for it); nullopt when the database could not be read.
    std::optional<bool> pin_matches(const std::string& number, const std::string& pin);
    // The scorecards of `months` (their records read together) as GET
    // /api/v1/reports/scorecard gives them to a reader who sees the units `sees` allows: for
    // that route and for the campus shipper's ended months (routes_scorecards.cpp).
    Result<std::vector<std::pair<std::string, json>>> scorecards(
        const std::vector<std::string>& months,
        const std::function<bool(const std::string&)>& sees);

    ServeOptions options_;
    std::unique_ptr<Clock> clock_;
    TimeZone zone_ = TimeZone::utc();  // the hall's, from create()
    // The hall as stored, for what the office does not edit (service codes, rating
    // reasons) and as the base of the window plans; today's hall, with the service guides
    // and window plans, is the engine's (HubState).
    queue::Hall hall_;
    std::shared_mutex state_mu_;
    std::unique_ptr<EventBus> bus_;
    std::unique_ptr<Writer> writer_;
    Reader reader_;
    store::OfficeSessions office_;
    // Complaints filed by nobody signed in (the phone page), per address: enough for a family
    // behind one router, not for a script filling the office's list.
    store::SlidingLimit public_complaints_{10, std::chrono::hours(1)};
    std::unique_ptr<Authenticator> auth_;
    std::unique_ptr<LiveStreams> streams_;
    LatencyHistogram latency_;
    std::unique_ptr<HttpServer> server_;
    struct Route {
        std::string method, pattern;
        RouteHandler handler;
    };
    std::vector<Route> routes_;
    std::optional<config::Catalogue> web_text_;
    std::string layout_;  // assets/web/layout.html
    // A public page (routes_web.cpp): the layout with the hall's name and the other language's
    // link; `refresh_seconds` > 0 reloads it where scripts do not run.
    std::string web_page(config::Lang lang, const std::string& title, const std::string& body,
                         const std::string& self_path, int refresh_seconds) const;
    void install_complaint_pages();  // routes_complaint_pages.cpp: the complainant's pages

    // The hall's clock (keep_time, on its own thread while run() serves): what changes by
    // time alone — a notice's start or end — is published within kTick.
    static constexpr std::chrono::seconds kTick{1};
    void keep_time();
    std::mutex clock_mu_;
    std::condition_variable clock_cv_;
    bool stopping_ = false;

    // The notifier (notifier.cpp, its own thread while run() serves): delivers the outbox's
    // messages to the hall's webhook, oldest first, each retried with growing waits until it
    // answers 2xx; the tries are written through the writer. Woken when a message is queued.
    void deliver_notifications();
    void wake_notifier();
    bool notifier_woken_ = false;  // guarded by clock_mu_

    // Ships the hall's log to the campus database (campus_shipper.h); null without --campus.
    std::unique_ptr<CampusShipper> campus_;
};

}  // namespace onestop::hub
