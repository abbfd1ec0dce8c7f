#include "hub.h"

#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cerrno>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string_view>
#include <system_error>

#include "onestop/base/errno_text.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/paths.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"

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

// httplib's default also sets SO_REUSEPORT, which lets a second hub bind the same port and
// take half the hall's requests. SO_REUSEADDR alone still rebinds at once after a restart.
void reuse_address(int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

std::string lowercase_first(std::string text) {
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

// Binds host:port the way the server will (then lets go) and says why that fails:
// httplib only reports that it did, and an occupied port must be named with its reason.
Status probe_listen(const std::string& host, int port) {
    const std::string where = "cannot listen on " + host + ":" + std::to_string(port) + ": ";
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), std::to_string(port).c_str(),
                         &hints, &found);
    if (rc != 0) return make_error(errc::listen_failed, where + lowercase_first(gai_strerror(rc)));
    std::string reason = "no address to listen on";
    bool bound = false;
    for (addrinfo* a = found; a && !bound; a = a->ai_next) {
        int sock = socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
        if (sock < 0) {
            reason = std::error_code(errno, std::generic_category()).message();
            continue;
        }
        reuse_address(sock);
        bound = bind(sock, a->ai_addr, a->ai_addrlen) == 0;
        if (!bound) reason = std::error_code(errno, std::generic_category()).message();
        close(sock);
    }
    freeaddrinfo(found);
    if (bound) return {};
    return make_error(errc::listen_failed, where + lowercase_first(reason));
}

// Route patterns are literal text with (\d+) path ids (checked without <regex>, which
// GCC 12 warns inside under ASan).
bool path_matches(std::string_view pattern, std::string_view path) {
    constexpr std::string_view kId = R"((\d+))";
    while (!pattern.empty()) {
        if (pattern.substr(0, kId.size()) == kId) {
            pattern.remove_prefix(kId.size());
            size_t digits = 0;
            while (digits < path.size() && std::isdigit(static_cast<unsigned char>(path[digits])))
                ++digits;
            for (size_t n = digits; n > 0; --n)
                if (path_matches(pattern, path.substr(n))) return true;
            return false;
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
    if (writer_) writer_->stop();
}

// Plain HTTP, or HTTPS when the options name a certificate and key: both must be readable
// and belong together before the database is touched.
static Result<std::unique_ptr<httplib::Server>> make_server(const ServeOptions& options) {
    if (options.tls_cert.empty()) return std::make_unique<httplib::Server>();
    for (const auto& file : {options.tls_cert, options.tls_key})
        if (auto text = read_file(file); !text) return text.error();
    auto server =
        std::make_unique<httplib::SSLServer>(options.tls_cert.c_str(), options.tls_key.c_str());
    if (!server->is_valid())
        return make_error(errc::tls_unusable,
                          "cannot serve HTTPS with " + options.tls_cert.string() + " and " +
                              options.tls_key.string() +
                              ": they must be a PEM certificate and its own private key");
    return std::unique_ptr<httplib::Server>(std::move(server));
}

Result<std::unique_ptr<Hub>> Hub::create(const ServeOptions& options) {
    // Before the database is touched: a second hub on a taken port must change nothing.
    if (auto st = probe_listen(options.host, options.port); !st) return st.error();
    std::unique_ptr<Hub> hub(new Hub(options, options.now));
    auto server = make_server(options);
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
    hub->auth_ = std::make_unique<Authenticator>(hub->reader_, *hub->clock_);

    Hub* self = hub.get();
    hub->writer_ = std::make_unique<Writer>(
        std::move(opened->store), std::move(*state), *hub->clock_, *hub->bus_, hub->state_mu_,
        [self](store::HubStore& store) {
            return load_state(store, self->hall_, *self->clock_, self->zone_);
        });

    auto text = config::Catalogue::load(asset_path("web/strings.toml"));
    if (!text) return text.error();
    hub->web_text_ = std::move(*text);
    auto layout = read_file(asset_path("web/layout.html"));
    if (!layout) return layout.error();
    hub->layout_ = std::move(*layout);
    hub->install_routes();
    return hub;
}

httplib::Server::Handler Hub::wrap(Handler handler) {
    return
        [this, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            auto started = std::chrono::steady_clock::now();
            Reply reply;
            try {
                reply = handler(req);
            } catch (const std::exception& e) {
                // Nothing should throw here; if it does, the client still gets CONTRACT's body.
                logger("hub")->error("{} {}: {}", req.method, req.path, e.what());
                reply = internal_error_reply();
            }
            res.status = reply.status;
            if (!reply.body.empty()) res.set_content(reply.body, reply.content_type);
            latency_.observe(std::chrono::steady_clock::now() - started);
        };
}

void Hub::route(const std::string& method, const std::string& pattern,
                httplib::Server::Handler handler) {
    routes_.emplace_back(method, pattern);
    if (method == "GET")
        server_->Get(pattern, std::move(handler));
    else if (method == "POST")
        server_->Post(pattern, std::move(handler));
    else if (method == "PUT")
        server_->Put(pattern, std::move(handler));
    else if (method == "DELETE")
        server_->Delete(pattern, std::move(handler));
}

void Hub::get(const std::string& pattern, Handler handler) {
    route("GET", pattern, wrap(std::move(handler)));
}
void Hub::post(const std::string& pattern, Handler handler) {
    route("POST", pattern, wrap(std::move(handler)));
}
void Hub::put(const std::string& pattern, Handler handler) {
    route("PUT", pattern, wrap(std::move(handler)));
}
void Hub::del(const std::string& pattern, Handler handler) {
    route("DELETE", pattern, wrap(std::move(handler)));
}

std::string Hub::allowed_methods(const std::string& path) const {
    std::string out;
    for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
        bool takes = std::any_of(routes_.begin(), routes_.end(), [&](const auto& r) {
            return r.first == method && path_matches(r.second, path);
        });
        if (!takes) continue;
        if (!out.empty()) out += ", ";
        out += method;
        if (std::string_view(method) == "GET") out += ", HEAD";  // httplib answers HEAD from GET
    }
    return out;
}

Result<Principal> Hub::identify(const httplib::Request& req) {
    auto principal = auth_->identify(req, [this](const std::string& hash) {
        std::shared_lock lock(state_mu_);
        const auto& sessions = writer_->state().sessions;
        auto it = sessions.find(hash);
        return it == sessions.end() ? std::nullopt : std::optional<OnDuty>(it->second);
    });
    auth_->record_sightings();
    return principal;
}

std::optional<store::StoredTicket> Hub::read_ticket(int64_t id) {
    std::lock_guard lock(reader_.mu);
    auto stored = reader_.store->stored_ticket(id);
    if (stored) return *stored;
    logger("hub")->error("reading ticket {} failed: {}", id, stored.error().message);
    return std::nullopt;
}

std::variant<Principal, Reply> Hub::who(const httplib::Request& req) {
    auto p = identify(req);
    if (p) return *p;
    if (p.error().code == errc::unauthorized) return unauthorized(p.error().message);
    logger("hub")->error("token lookup failed: {}", p.error().message);
    return internal_error_reply();
}

bool Hub::from_loopback(const httplib::Request& req) const {
    return req.remote_addr == "127.0.0.1" || req.remote_addr == "::1" ||
           req.remote_addr == "::ffff:127.0.0.1";
}

void Hub::install_routes() {
    server_->set_payload_max_length(kMaxBody);
    // A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112
    // §6.3), as `curl -X POST URL` sends it; httplib 0.11 would instead read until the
    // client closes, and answer 400 after its read timeout. The request object is httplib's
    // own non-const one, handed to this hook as const.
    server_->set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
        bool may_have_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH" ||
                             req.method == "DELETE";
        if (may_have_body && !req.has_header("Content-Length") &&
            !req.has_header("Transfer-Encoding"))
            const_cast<httplib::Request&>(req).set_header("Content-Length", "0");
        return httplib::Server::HandlerResponse::Unhandled;
    });
    // httplib's own errors (unknown route, 413, unreadable request) get CONTRACT's body too;
    // a known path asked with a method it does not take is 405 with Allow, not 404.
    httplib::Server::HandlerWithResponse on_error = [this](const httplib::Request& req,
                                                           httplib::Response& res) {
        if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
        std::string allow = res.status == 404 ? allowed_methods(req.path) : "";
        Reply r;
        if (!allow.empty()) {
            res.set_header("Allow", allow);
            r = error_reply(405, errc::method_not_allowed,
                            req.method + " is not allowed on " + req.path + "; it takes " + allow);
        } else {
            r = error_reply(res.status, default_code_for(res.status),
                            default_message_for(res.status));
        }
        res.status = r.status;
        res.set_content(r.body, r.content_type);
        return httplib::Server::HandlerResponse::Handled;
    };
    server_->set_error_handler(on_error);
    install_api_routes();
    install_window_routes();
    install_event_route();
    install_ticket_event_route();
    install_web_routes();
    install_office_routes();
}

int Hub::run() {
    int threads = options_.threads;
    server_->new_task_queue = [threads] {
        return new httplib::ThreadPool(static_cast<size_t>(threads));
    };
    server_->set_keep_alive_max_count(100000);
    // Keep-alive answers go out as two writes (headers, body); with Nagle on, the body waits
    // for the client's delayed ACK: every request after a connection's first took ~45 ms.
    server_->set_tcp_nodelay(true);
    server_->set_keep_alive_timeout(2);  // also bounds how long a stop waits for idle connections
    server_->set_read_timeout(10);
    server_->set_write_timeout(10);
    server_->set_socket_options(reuse_address);

    int port = options_.port;
    if (port == 0) {
        port = server_->bind_to_any_port(options_.host);
    } else if (!server_->bind_to_port(options_.host, port)) {
        port = -1;
    }
    if (port <= 0) {
        // Taken since create() probed it: probe again for the reason.
        Status why = probe_listen(options_.host, options_.port);
        logger("hub")->error(
            "{}", why ? "cannot listen on " + options_.host + ":" + std::to_string(options_.port)
                      : why.error().message);
        return 1;
    }
    // The listening socket accepts (into its backlog) from here on.
    std::cout << "listening on " << (options_.tls_cert.empty() ? "http" : "https") << "://"
              << options_.host << ":" << port << std::endl;
    logger("hub")->info("serving {} on {}:{}", options_.db.string(), options_.host, port);
    bool ok = server_->listen_after_bind();
    // Every request in flight has finished (the server joined its threads): close the database.
    bus_->shutdown();
    writer_->stop();
    logger("hub")->info("stopped");
    return ok ? 0 : 1;
}

bool Hub::stop() {
    bus_->shutdown();
    // httplib's stop() may be called once the server runs, and only once.
    if (!server_->is_running() || stopped_.exchange(true)) return stopped_;
    server_->stop();
    return true;
}

}  // namespace onestop::hub
