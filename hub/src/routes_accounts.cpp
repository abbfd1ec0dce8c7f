// The hall office's sign-in and the audit log: POST /api/v1/login, POST /api/v1/logout,
// GET /api/v1/me, GET /api/v1/audit (CONTRACT "Office accounts").
#include <charconv>

#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

namespace {

json account_json(const store::Account& a) {
    return {{"login", a.login},
            {"name", a.name},
            {"role", store::to_string(a.role)},
            {"unit", a.unit.empty() ? json(nullptr) : json(a.unit)}};
}

json audit_json(const store::AuditEntry& e) {
    auto parsed = [](const std::string& text) {
        return text.empty() ? json(nullptr) : json::parse(text, nullptr, false);
    };
    return {{"id", e.id},
            {"at", e.at},
            {"who", e.who},
            {"action", e.action},
            {"target", e.target},
            {"before", parsed(e.before)},
            {"after", parsed(e.after)}};
}

}  // namespace

std::string Hub::session_cookie(const std::string& value, bool expire) const {
    std::string cookie =
        std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
    if (!options_.tls_cert.empty()) cookie += "; Secure";
    if (expire) cookie += "; Max-Age=0";
    return cookie;
}

void Hub::install_account_routes() {
    post("/api/v1/login", [this](const Request& req) {
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto login = net::parse_login(*body);
        if (!login) return input_error_reply(login.error());
        TimePoint now = clock_->now();
        if (int wait = office_.locked_for(login->login, now); wait > 0) {
            Reply r =
                error_reply(429, errc::too_many_tries,
                            "5 wrong passwords for '" + login->login +
                                "' in 15 minutes; try again in " + std::to_string(wait) + " s");
            r.headers = {{"Retry-After", std::to_string(wait)}};
            return r;
        }
        Result<std::optional<store::Account>> found = std::optional<store::Account>{};
        {
            std::lock_guard lock(reader_.mu);
            found = reader_.store->account_by_login(login->login);
        }
        if (!found) {
            logger("hub")->error("reading account {}: {}", login->login, found.error().message);
            return internal_error_reply();
        }
        const auto& account = *found;
        if (!account || account->disabled_at ||
            !store::verify_pin(account->password_hash, login->password)) {
            office_.record_failure(login->login, now);
            return error_reply(401, errc::wrong_password, "wrong login or password");
        }
        office_.clear_failures(login->login);
        auto opened = office_.open(*account, now);
        Reply r = json_reply(200, {{"account", account_json(*account)}, {"csrf", opened.csrf}});
        r.headers = {{"Set-Cookie", session_cookie(opened.token, false)},
                     {"Cache-Control", "no-store"}};
        return r;
    });

    // The request's account session, or the reply to send (401 without one).
    auto signed_in = [this](const Request& req) -> std::variant<Principal, Reply> {
        auto p = who(req);
        if (auto* r = std::get_if<Principal>(&p); r && r->kind != Principal::Kind::Account)
            return unauthorized("sign in first (POST /api/v1/login)");
        return p;
    };

    post("/api/v1/logout", [signed_in, this](const Request& req) {
        auto p = signed_in(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        office_.close(std::get<Principal>(p).token_hash);
        Reply r = json_reply(200, json::object());
        r.headers = {{"Set-Cookie", session_cookie("", true)}};
        return r;
    });

    get("/api/v1/me", [signed_in](const Request& req) {
        auto p = signed_in(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        Reply r = json_reply(200, {{"account", account_json(principal.account.account)},
                                   {"csrf", principal.account.csrf}});
        r.headers = {{"Cache-Control", "no-store"}};
        return r;
    });

    get("/api/v1/audit", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_all,
                         "the audit log is for the hall office and the committee");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        store::AuditFilter filter;
        filter.who = req.get_param_value("who");
        filter.action = req.get_param_value("action");
        filter.since = req.get_param_value("since");
        if (std::string limit = req.get_param_value("limit"); !limit.empty()) {
            auto r = std::from_chars(limit.data(), limit.data() + limit.size(), filter.limit);
            if (r.ec != std::errc() || r.ptr != limit.data() + limit.size() || filter.limit < 1 ||
                filter.limit > 1000)
                return error_reply(422, errc::invalid_field, "limit must be 1…1000");
        }
        Result<std::vector<store::AuditEntry>> entries = std::vector<store::AuditEntry>{};
        {
            std::lock_guard lock(reader_.mu);
            entries = reader_.store->audit(filter);
        }
        if (!entries) {
            logger("hub")->error("reading the audit log: {}", entries.error().message);
            return internal_error_reply();
        }
        json out = json::array();
        for (const auto& e : *entries) out.push_back(audit_json(e));
        return json_reply(200, {{"entries", out}});
    });
}

}  // namespace onestop::hub
