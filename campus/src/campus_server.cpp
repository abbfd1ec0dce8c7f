#include "campus_server.h"

#include <httplib.h>

#include <fstream>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "accounts.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/paths.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"
#include "report.h"

namespace onestop::campus {

using nlohmann::json;

namespace {

constexpr const char* kHallsSql = R"sql(
SELECT name, hub_id, shipped_id,
       to_char(shipped_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(last_event_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(complete_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       extract(epoch FROM now() - greatest(complete_at, shipped_at))::bigint
  FROM campus.halls ORDER BY name, hub_id)sql";

// Not the hall's cookie name: a hall's hub and the campus view on one host share cookies
// (cookies do not tell ports apart), and neither may sign the other out.
constexpr char kCookie[] = "onestop_campus_session";

// The files the pages load, by address: the campus's own and the hall console's shared
// ones (its words, styles, API calls, sign-in form and charts), never a folder.
constexpr std::pair<std::string_view, std::string_view> kFiles[] = {
    {"/campus.js", "campus/campus.js"},
    {"/office/office.css", "office/office.css"},
    {"/office/i18n.js", "office/i18n.js"},
    {"/office/api.js", "office/api.js"},
    {"/office/dom.js", "office/dom.js"},
    {"/office/login.js", "office/login.js"},
    {"/office/shell.js", "office/shell.js"},
    {"/office/charts.js", "office/charts.js"},
    {"/office/vendor/echarts.esm.min.js", "office/node_modules/echarts/dist/echarts.esm.min.js"},
};

std::string content_type(std::string_view file) {
    if (file.ends_with(".css")) return "text/css; charset=utf-8";
    if (file.ends_with(".js")) return "text/javascript; charset=utf-8";
    return "text/html; charset=utf-8";
}

std::optional<std::string> read_asset(std::string_view relative) {
    std::ifstream in(asset_path(std::string(relative)), std::ios::binary);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// Sends `text` as is. cpp-httplib compresses a text body for a browser that accepts brotli
// at its slowest setting (the 1 MB chart library took 28 s); a body from a provider of known
// length goes out uncompressed.
void send_file(httplib::Response& res, std::string text, const std::string& type) {
    auto body = std::make_shared<std::string>(std::move(text));
    res.set_content_provider(body->size(), type,
                             [body](size_t offset, size_t length, httplib::DataSink& sink) {
                                 return sink.write(body->data() + offset, length);
                             });
}

TimePoint now() {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(
        std::chrono::system_clock::now());
}

void answer(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void fail(httplib::Response& res, const Error& error) {
    answer(res, 503, {{"error", {{"code", error.code}, {"message", error.message}}}});
}

void refuse(httplib::Response& res, int status, const char* code, const std::string& message) {
    answer(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

json account_json(const store::Account& account, const std::string& hall) {
    return {{"login", account.login},
            {"name", account.name},
            {"role", store::to_string(account.role)},
            {"hall", hall}};
}

json or_null(const pg::Rows& rows, int row, int col, bool number = false) {
    if (rows.null(row, col)) return nullptr;
    return number ? json(rows.integer(row, col)) : json(rows.text(row, col));
}

}  // namespace

template <typename Query>
auto CampusServer::with_db(Query query) -> decltype(query(std::declval<pg::Connection&>())) {
    std::lock_guard lock(db_mu_);
    if (!db_ || !db_->ok()) {
        db_.reset();
        auto opened = pg::Connection::open(target_, "onestop-campus serve");
        if (!opened) return opened.error();
        db_ = std::move(*opened);
    }
    return query(*db_);
}

Result<std::unique_ptr<CampusServer>> CampusServer::create(const pg::Target& target,
                                                           const std::string& host, int port) {
    std::unique_ptr<CampusServer> self(new CampusServer(target));
    for (auto [page, file] : {std::pair{&self->page_, "campus/index.html"},
                              std::pair{&self->sign_in_page_, "campus/login.html"}}) {
        auto text = read_asset(file);
        if (!text)
            return make_error(errc::file_unreadable, "cannot read " + asset_path(file).string());
        *page = std::move(*text);
    }
    self->server_ = std::make_unique<httplib::Server>();
    auto& server = *self->server_;
    CampusServer* s = self.get();
    // The console for a signed-in browser, else the sign-in page at the same address (so
    // never cached).
    server.Get("/", [s](const httplib::Request& req, httplib::Response& res) {
        bool in = static_cast<bool>(s->signed_in(req));
        res.set_header("Cache-Control", "no-store");
        send_file(res, in ? s->page_ : s->sign_in_page_, "text/html; charset=utf-8");
    });
    for (const auto& [address, file] : kFiles)
        server.Get(std::string(address), [file](const httplib::Request&, httplib::Response& res) {
            auto text = read_asset(file);
            if (!text)
                return refuse(res, 404, errc::not_found,
                              std::string(file) + " is not installed (scripts/setup)");
            res.set_header("Cache-Control", "no-cache");
            send_file(res, std::move(*text), content_type(file));
        });
    // For monitoring: says nothing but that the server answers.
    server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        answer(res, 200, {{"status", "ok"}});
    });
    s->install_sign_in();
    server.Get("/api/v1/halls", [s](const httplib::Request& req, httplib::Response& res) {
        if (!s->signed_in(req, &res)) return;
        auto halls = s->with_db([](pg::Connection& db) { return db.query(kHallsSql); });
        if (!halls) return fail(res, halls.error());
        json out = {{"halls", json::array()}};
        for (int i = 0; i < halls->size(); ++i)
            out["halls"].push_back({{"hall", halls->text(i, 0)},
                                    {"hub_id", halls->text(i, 1)},
                                    {"shipped_id", halls->integer(i, 2)},
                                    {"shipped_at", or_null(*halls, i, 3)},
                                    {"last_event_at", or_null(*halls, i, 4)},
                                    {"complete_at", or_null(*halls, i, 5)},
                                    {"behind_seconds", or_null(*halls, i, 6, true)}});
        answer(res, 200, out);
    });
    server.Get("/api/v1/report", [s](const httplib::Request& req, httplib::Response& res) {
        if (!s->signed_in(req, &res)) return;
        std::string month = req.get_param_value("date");
        if (!valid_month(month))
            return answer(res, 422,
                          {{"error",
                            {{"code", errc::invalid_field},
                             {"message", "date must be a month YYYY-MM, e.g. 2026-11"}}}});
        std::string format = req.has_param("format") ? req.get_param_value("format") : "json";
        if (format != "json" && format != "csv" && format != "xlsx")
            return refuse(res, 422, errc::invalid_field, "format must be json, csv or xlsx");
        auto figures = s->with_db([&](pg::Connection& db) { return monthly_report(db, month); });
        if (!figures) return fail(res, figures.error());
        if (format == "json") return answer(res, 200, *figures);
        // The same table as the hall console's exports: for Excel, headed in both languages.
        report::Table table = report_table(*figures);
        std::string bytes;
        if (format == "csv") {
            bytes = report::to_csv(table);
        } else {
            auto book = report::to_xlsx(table);
            if (!book) return refuse(res, 500, book.error().code.c_str(), book.error().message);
            bytes = std::move(*book);
        }
        res.set_header("Content-Disposition",
                       "attachment; filename=\"campus-" + month + "." + format + "\"");
        res.set_header("Cache-Control", "no-store");
        send_file(res, std::move(bytes),
                  format == "csv" ? "text/csv; charset=utf-8"
                                  : "application/"
                                    "vnd.openxmlformats-officedocument.spreadsheetml."
                                    "sheet");
    });
    self->port_ =
        port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (self->port_ <= 0)
        return make_error(errc::listen_failed, "cannot listen on " + host + ":" +
                                                   std::to_string(port) +
                                                   " (address in use, or not this machine's)");
    return self;
}

std::optional<store::OfficeSession> CampusServer::signed_in(const httplib::Request& req,
                                                            httplib::Response* res) {
    auto refused = [&](const std::string& message) -> std::optional<store::OfficeSession> {
        if (res) refuse(*res, 401, errc::unauthorized, message);
        return std::nullopt;
    };
    std::string token = store::cookie_value(req.get_header_value("Cookie"), kCookie);
    auto session = token.empty() ? std::nullopt : sessions_.find(token, now());
    if (!session) return refused("sign in first (POST /api/v1/login)");
    // An account disabled in its hall (or made a unit lead's) since: its session ends here
    // as soon as its hall's shipper has said so.
    const store::Account& account = session->account;
    auto allowed =
        with_db([&](pg::Connection& db) { return still_allowed(db, account.id, account.login); });
    if (!allowed) {
        if (res) fail(*res, allowed.error());
        return std::nullopt;
    }
    if (!*allowed) {
        sessions_.close(store::token_hash(token));
        return refused("the account " + account.login +
                       " may no longer sign in to the campus view; sign in again");
    }
    return session;
}

std::string CampusServer::cookie(const std::string& value) const {
    std::string text = std::string(kCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    return value.empty() ? text + "; Max-Age=0" : text;
}

void CampusServer::install_sign_in() {
    auto& server = *server_;
    server.Post("/api/v1/login", [this](const httplib::Request& req, httplib::Response& res) {
        auto body = net::parse_request_body(req.body);
        auto login = body ? net::parse_login(*body) : Result<net::LoginRequest>(body.error());
        if (!login) {
            const auto& code = login.error().code;
            bool malformed = code == errc::missing_field || code == errc::wrong_type ||
                             code == errc::malformed_json;
            return refuse(res, malformed ? 400 : 422, code.c_str(), login.error().message);
        }
        TimePoint at = now();
        if (int wait = sessions_.locked_for(login->login, at); wait > 0) {
            res.set_header("Retry-After", std::to_string(wait));
            return refuse(res, 429, errc::too_many_tries,
                          "5 wrong passwords for '" + login->login +
                              "' in 15 minutes; try again in " + std::to_string(wait) + " s");
        }
        auto candidates =
            with_db([&](pg::Connection& db) { return campus_candidates(db, login->login); });
        if (!candidates) return fail(res, candidates.error());
        auto account = matching(*candidates, login->password);
        if (!account) {
            sessions_.record_failure(login->login, at);
            return refuse(res, 401, errc::wrong_password,
                          "wrong login or password (the campus view takes the halls' office "
                          "and viewer accounts)");
        }
        sessions_.clear_failures(login->login);
        auto hall = with_db([&](pg::Connection& db) { return hall_name(db, account->id); });
        if (!hall) return fail(res, hall.error());
        auto opened = sessions_.open(*account, at);
        res.set_header("Set-Cookie", cookie(opened.token));
        res.set_header("Cache-Control", "no-store");
        answer(res, 200, {{"account", account_json(*account, *hall)}});
    });
    // Reading is all the campus view does, and its cookie is SameSite=Strict: a sign-out
    // needs no CSRF token.
    server.Post("/api/v1/logout", [this](const httplib::Request& req, httplib::Response& res) {
        std::string token = store::cookie_value(req.get_header_value("Cookie"), kCookie);
        if (!token.empty()) sessions_.close(store::token_hash(token));
        res.set_header("Set-Cookie", cookie(""));
        answer(res, 200, json::object());
    });
    server.Get("/api/v1/me", [this](const httplib::Request& req, httplib::Response& res) {
        auto session = signed_in(req, &res);
        if (!session) return;
        auto hall = with_db([&](pg::Connection& db) { return hall_name(db, session->account.id); });
        if (!hall) return fail(res, hall.error());
        answer(res, 200, {{"account", account_json(session->account, *hall)}});
    });
}

CampusServer::CampusServer(pg::Target target) : target_(std::move(target)) {}
CampusServer::~CampusServer() = default;

void CampusServer::run() {
    server_->listen_after_bind();
}

void CampusServer::stop() {
    server_->stop();
}

}  // namespace onestop::campus
