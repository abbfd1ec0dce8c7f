#include "hub.h"
#include "onestop/store/secrets.h"

#include <cerrno>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <thread>

#include "campus_shipper.h"
#include "cases.h"
#include "commands.h"
#include "complaints.h"
#include "hall_closing.h"
#include "onestop/base/errno_text.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/paths.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "service_ready.h"

namespace onestop::hub {

namespace {

constexpr size_t kMaxBody = 64 * 1024;

Result<std::string> read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return make_error(errc::file_unreadable,
                          "cannot read " + file.string() + ": " + errno_text(errno));
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const char* default_code_for(int status) {
    switch (status) {
        case 401:
            return errc::unauthorized;
        case 403:
            return errc::forbidden;
        case 404:
            return errc::not_found;
        case 405:
            return errc::method_not_allowed;
        case 413:
            return errc::body_too_large;
        case 414:
            return errc::uri_too_long;
        default:
            return status >= 500 ? errc::internal_error : errc::bad_request;
    }
}

// Route patterns are literal text with (\d+) path ids, ([^/]+) path names (staff numbers
// like S001, logins, service codes) and, last, (.*) for the rest of the path, matched
// without <regex>, which GCC 12 warns inside under ASan. The ids, names and rest go to `ids`.
bool path_matches(std::string_view pattern, std::string_view path, std::vector<std::string>& ids) {
    constexpr std::string_view kId = R"((\d+))", kName = R"(([^/]+))", kRest = "(.*)";
    ids.clear();
    while (!pattern.empty()) {
        if (pattern == kRest) {
            ids.emplace_back(path);
            return true;
        }
        bool id = pattern.substr(0, kId.size()) == kId;
        if (id || pattern.substr(0, kName.size()) == kName) {
            pattern.remove_prefix(id ? kId.size() : kName.size());
            size_t n = 0;
            while (n < path.size() &&
                   (id ? std::isdigit(static_cast<unsigned char>(path[n])) != 0 : path[n] != '/'))
                ++n;
            if (n == 0) return false;
            ids.emplace_back(path.substr(0, n));
            path.remove_prefix(n);
            continue;
        }
        if (path.empty() || pattern[0] != path[0]) return false;
        pattern.remove_prefix(1);
        path.remove_prefix(1);
    }
    return path.empty();
}

const char* default_message_for(int status) {
    switch (status) {
        case 404:
            return "no such route or resource; see docs/api.md";
        case 413:
            return "the request body is larger than 64 KiB";
        case 400:
            return "the request could not be read";
        case 431:
            return "the request line and headers are larger than 16 KiB";
        default:
            return "the request failed";
    }
}

}  // namespace

// The hall's zone, made the default for what has no zone at hand (log lines, views).
static Result<TimeZone> hall_zone(const queue::Hall& hall) {
    auto zone = TimeZone::named(hall.settings.time_zone);
    if (zone) (void)set_time_zone(hall.settings.time_zone);
    return zone;
}

Result<OpenedDatabase> open_database(const std::filesystem::path& db,
                                     const std::optional<std::filesystem::path>& hall_file) {
    auto store = store::HubStore::open(db);
    if (!store) return store.error();
    auto stored = (*store)->hall_text();
    if (!stored) return stored.error();
    OpenedDatabase out{nullptr, {}, TimeZone::utc()};
    if (hall_file || !*stored) {
        std::filesystem::path file = hall_file.value_or(config::default_hall_path());
        auto text = read_file(file);
        if (!text) return text.error();
        auto hall = config::parse_hall(*text, file.string());
        if (!hall) return hall.error();
        auto zone = hall_zone(*hall);
        if (!zone) return zone.error();
        out.zone = *zone;
        auto& database = (*store)->db();
        Status st = database.begin();
        if (st) st = (*store)->save_hall(*hall, *text, file.string());
        if (st) st = database.commit();
        if (!st) {
            (void)database.rollback();
            return st.error();
        }
        out.hall = std::move(*hall);
    } else {
        auto hall = config::parse_hall(**stored, db.string() + " (stored hall)");
        if (!hall) return hall.error();
        auto zone = hall_zone(*hall);
        if (!zone) return zone.error();
        out.zone = *zone;
        out.hall = std::move(*hall);
    }
    out.store = std::move(*store);
    return out;
}

Hub::Hub(const ServeOptions& options, std::optional<TimePoint> start) : options_(options) {
    clock_ = start ? std::make_unique<SystemClock>(*start) : std::make_unique<SystemClock>();
}

Hub::~Hub() {
    if (campus_) campus_->stop();
    if (writer_) writer_->stop();
}

Result<std::unique_ptr<Hub>> Hub::create(const ServeOptions& options) {
    std::unique_ptr<Hub> hub(new Hub(options, options.now));
    // Bound before the database is touched: a second hub on a taken port changes nothing.
    for (const auto& file : {options.tls_cert, options.tls_key})
        if (!file.empty())
            if (auto text = read_file(file); !text) return text.error();
    HttpServer::Options http;
    http.host = options.host;
    http.port = options.port;
    http.io_threads = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 1u, 4u));
    http.handler_threads = options.threads;
    http.max_body = kMaxBody;
    http.tls_cert = options.tls_cert;
    http.tls_key = options.tls_key;
    Hub* self = hub.get();
    auto server = HttpServer::create(
        http, [self](Request& req) { return self->dispatch(req); },
        [](int status) {
            return error_reply(status, default_code_for(status), default_message_for(status));
        });
    if (!server) return server.error();
    hub->server_ = std::move(*server);
    auto opened = open_database(options.db, options.hall);
    if (!opened) return opened.error();
    hub->hall_ = opened->hall;
    hub->zone_ = opened->zone;
    auto state = load_state(*opened->store, hub->hall_, *hub->clock_, hub->zone_);
    if (!state) return state.error();
    auto last = opened->store->last_event_id();
    if (!last) return last.error();
    hub->bus_ = std::make_unique<EventBus>(*last);

    auto reader = store::HubStore::open(options.db);
    if (!reader) return reader.error();
    hub->reader_.store = std::move(*reader);
    hub->auth_ = std::make_unique<Authenticator>(hub->reader_, *hub->clock_, hub->office_);
    hub->streams_ =
        std::make_unique<LiveStreams>(*hub->bus_, hub->reader_, *hub->auth_,
                                      std::chrono::seconds(options.ping_seconds), http.io_threads);

    hub->writer_ = std::make_unique<Writer>(
        std::move(opened->store), std::move(*state), *hub->clock_, *hub->bus_, hub->state_mu_,
        [self](store::HubStore& store) {
            return load_state(store, self->hall_, *self->clock_, self->zone_);
        });

    if (!options.campus.empty()) {
        auto target = pg::make_target(options.campus, options.campus_passfile);
        if (!target) return target.error();
        hub->campus_ = std::make_unique<CampusShipper>(
            CampusShipper::Options{
                *target, options.db, pick(hub->hall_.name, Lang::Zh), hub->zone_.name(), 2000,
                [self](const std::string& month) -> Result<json> {
                    auto sheets =
                        self->scorecards({month}, [](const std::string&) { return true; });
                    if (!sheets) return sheets.error();
                    return std::move(sheets->front().second);
                },
                [self] { return self->zone_.to_local(self->clock_->now()).date().substr(0, 7); }},
            *hub->writer_, *hub->bus_);
    }

    auto text = config::Catalogue::load(asset_path("web/strings.toml"));
    if (!text) return text.error();
    hub->web_text_ = std::move(*text);
    auto layout = read_file(asset_path("web/layout.html"));
    if (!layout) return layout.error();
    hub->layout_ = std::move(*layout);
    hub->install_routes();
    return hub;
}

void Hub::route(const std::string& method, const std::string& pattern, RouteHandler handler) {
    routes_.push_back(Route{method, pattern, std::move(handler)});
}

static std::function<Response(const Request&)> answer(
    std::function<Reply(const Request&)> handler) {
    return [handler = std::move(handler)](const Request& req) {
        return Response{handler(req), {}};
    };
}

void Hub::get(const std::string& pattern, Handler handler) {
    route("GET", pattern, answer(std::move(handler)));
}
void Hub::post(const std::string& pattern, Handler handler) {
    route("POST", pattern, answer(std::move(handler)));
}
void Hub::put(const std::string& pattern, Handler handler) {
    route("PUT", pattern, answer(std::move(handler)));
}
void Hub::del(const std::string& pattern, Handler handler) {
    route("DELETE", pattern, answer(std::move(handler)));
}

Response Hub::dispatch(Request& req) {
    auto started = std::chrono::steady_clock::now();
    std::vector<std::string> ids;
    for (const auto& r : routes_) {
        if (r.method != req.method || !path_matches(r.pattern, req.path, ids)) continue;
        req.matches = {req.path};
        req.matches.insert(req.matches.end(), ids.begin(), ids.end());
        Response response = r.handler(req);
        latency_.observe(std::chrono::steady_clock::now() - started);
        return response;
    }
    // A known path asked with a method it does not take is 405 with Allow, not 404.
    std::string allow = allowed_methods(req.path);
    if (allow.empty())
        return Response{error_reply(404, errc::not_found, default_message_for(404)), {}};
    Reply r = error_reply(405, errc::method_not_allowed,
                          req.method + " is not allowed on " + req.path + "; it takes " + allow);
    r.headers.emplace_back("Allow", allow);
    return Response{std::move(r), {}};
}

std::string Hub::allowed_methods(const std::string& path) const {
    std::string out;
    std::vector<std::string> ids;
    for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
        bool takes = std::any_of(routes_.begin(), routes_.end(), [&](const Route& r) {
            return r.method == method && path_matches(r.pattern, path, ids);
        });
        if (!takes) continue;
        if (!out.empty()) out += ", ";
        out += method;
        if (std::string_view(method) == "GET") out += ", HEAD";  // the server answers HEAD from GET
    }
    return out;
}

Result<Principal> Hub::identify(const Request& req) {
    auto principal = auth_->identify(req, [this](const std::string& hash) {
        std::shared_lock lock(state_mu_);
        const auto& sessions = writer_->state().sessions;
        auto it = sessions.find(hash);
        return it == sessions.end() ? std::nullopt : std::optional<OnDuty>(it->second);
    });
    auth_->record_sightings();
    return principal;
}

bool Hub::has_window(int n) {
    return with_state([n](const HubState& s) { return s.engine.hall().find_window(n) != nullptr; });
}

std::optional<bool> Hub::pin_matches(const std::string& number, const std::string& pin) {
    std::lock_guard lock(reader_.mu);
    auto member = reader_.store->staff(number);
    if (!member) return std::nullopt;
    return *member && !(*member)->disabled() && store::verify_pin((*member)->pin_hash, pin);
}

std::optional<store::StoredTicket> Hub::read_ticket(int64_t id) {
    std::lock_guard lock(reader_.mu);
    auto stored = reader_.store->stored_ticket(id);
    if (stored) return *stored;
    logger("hub")->error("reading ticket {} failed: {}", id, stored.error().message);
    return std::nullopt;
}

std::variant<Principal, Reply> Hub::who(const Request& req) {
    auto p = identify(req);
    if (p) return *p;
    if (p.error().code == errc::unauthorized) return unauthorized(p.error().message);
    if (p.error().code == errc::csrf) return error_reply(403, errc::csrf, p.error().message);
    logger("hub")->error("token lookup failed: {}", p.error().message);
    return internal_error_reply();
}

std::variant<Principal, Reply> Hub::who_may(const Request& req,
                                            const std::function<bool(const Principal&)>& allowed,
                                            const std::string& refusal) {
    auto p = who(req);
    if (auto* principal = std::get_if<Principal>(&p)) {
        if (principal->kind == Principal::Kind::Anonymous) return unauthorized();
        if (!allowed(*principal)) return forbidden(refusal);
    }
    return p;
}

bool Hub::from_loopback(const Request& req) const {
    return req.remote_addr == "127.0.0.1" || req.remote_addr == "::1" ||
           req.remote_addr == "::ffff:127.0.0.1";
}

void Hub::install_routes() {
    install_api_routes();
    install_window_routes();
    install_event_route();
    install_ticket_event_route();
    install_web_routes();
    install_office_routes();
    install_account_routes();
    install_device_routes();
    install_service_routes();
    install_live_hall_route();
    install_notice_routes();
    install_window_plan_routes();
    install_roster_routes();
    install_leave_routes();
    install_attendance_routes();
    install_followup_routes();
    install_complaint_routes();
    install_complaint_pages();
    install_scorecard_routes();
    install_rating_summary_routes();
    install_account_admin_routes();
    install_staff_routes();
    install_figure_routes();
    install_console_routes();
    install_metrics_route();
    install_case_routes();
    install_worklog_routes();
    install_asset_routes();
    install_stocktake_routes();
    install_asset_request_routes();
    install_asset_print_routes();
    install_hall_closing_routes();
}

int Hub::run() {
    // The listening socket accepts (into its backlog) from here on.
    std::cout << "listening on " << (options_.tls_cert.empty() ? "http" : "https") << "://"
              << options_.host << ":" << server_->port() << std::endl;
    logger("hub")->info("serving {} on {}:{}", options_.db.string(), options_.host,
                        server_->port());
    notify_service_manager("READY=1");
    std::thread clock([this] { keep_time(); });
    std::thread notifier([this] { deliver_notifications(); });
    if (campus_) campus_->start();
    server_->run();
    {
        std::lock_guard lock(clock_mu_);
        stopping_ = true;
    }
    clock_cv_.notify_all();
    clock.join();
    notifier.join();
    if (campus_) campus_->stop();  // saves the hall's mark through the writer
    // Every request in flight has been answered: close the database.
    streams_->stop();
    bus_->shutdown();
    writer_->stop();
    logger("hub")->info("stopped");
    return 0;
}

void Hub::stop() {
    {
        std::lock_guard lock(clock_mu_);
        stopping_ = true;
    }
    clock_cv_.notify_all();
    streams_->stop();
    server_->stop();
}

void Hub::keep_time() {
    std::unique_lock lock(clock_mu_);
    while (!clock_cv_.wait_for(lock, kTick, [this] { return stopping_; })) {
        lock.unlock();
        // Only a due notice, a case falling overdue, the quality loop's daily look, the closing
        // round's look or a new day goes through the writer (it locks the state).
        TimePoint now = clock_->now();
        bool due = false, case_due = false, reminders_due = false, closing_due = false;
        with_state([&](const HubState& s) {
            due = now >= s.notice_due || zone_.to_local(now).date() != s.hall_day;
            case_due = now >= s.case_due;
            reminders_due = now >= s.reminders_due;
            closing_due = now >= s.closing_due;
        });
        if (due) writer_->submit(clock_tick);
        if (case_due) writer_->submit(scan_overdue_cases);
        if (reminders_due) writer_->submit(daily_reminders);
        if (closing_due) writer_->submit(check_closing);
        lock.lock();
    }
}

}  // namespace onestop::hub
