#include "campus_server.h"

#include <httplib.h>

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "onestop/base/error_codes.h"
#include "onestop/base/paths.h"
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

void answer(httplib::Response& res, int status, const json& body) {
    res.status = status;
    res.set_content(body.dump(), "application/json; charset=utf-8");
}

void fail(httplib::Response& res, const Error& error) {
    answer(res, 503, {{"error", {{"code", error.code}, {"message", error.message}}}});
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
    std::ifstream in(asset_path("campus/index.html"));
    if (!in)
        return make_error(errc::file_unreadable,
                          "cannot read " + asset_path("campus/index.html").string());
    std::stringstream page;
    page << in.rdbuf();
    self->page_ = page.str();
    self->server_ = std::make_unique<httplib::Server>();
    auto& server = *self->server_;
    CampusServer* s = self.get();
    server.Get("/", [s](const httplib::Request&, httplib::Response& res) {
        res.set_content(s->page_, "text/html; charset=utf-8");
    });
    server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        answer(res, 200, {{"status", "ok"}});
    });
    server.Get("/api/v1/halls", [s](const httplib::Request&, httplib::Response& res) {
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
        std::string month = req.get_param_value("date");
        if (!valid_month(month))
            return answer(res, 422,
                          {{"error",
                            {{"code", errc::invalid_field},
                             {"message", "date must be a month YYYY-MM, e.g. 2026-11"}}}});
        auto figures = s->with_db([&](pg::Connection& db) { return monthly_report(db, month); });
        if (!figures) return fail(res, figures.error());
        answer(res, 200, *figures);
    });
    self->port_ =
        port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (self->port_ <= 0)
        return make_error(errc::listen_failed, "cannot listen on " + host + ":" +
                                                   std::to_string(port) +
                                                   " (address in use, or not this machine's)");
    return self;
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
