// The hall office's sign-in and the audit log: POST /api/v1/login, POST /api/v1/logout,
// GET /api/v1/me, GET /api/v1/audit (CONTRACT "Office accounts"); a staff member's sign-in
// for their my page with staff number and PIN, POST /api/v1/me/login; the accounts for the
// office's console: GET /api/v1/accounts, POST /api/v1/accounts, POST
// /api/v1/accounts/{login}/disable.
#include <algorithm>
#include <charconv>

#include "audit.h"
#include "body_fields.h"
#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

namespace {

// The my page's answer: who, and the hall's kinds of leave for its form.
json my_page_json(const store::Staff& s, const queue::Settings& settings) {
    return {{"number", s.number},
            {"name", s.name},
            {"unit", s.unit},
            {"leave_kinds", settings.leave_kinds}};
}

json account_json(const store::Account& a) {
    return {{"login", a.login},
            {"name", a.name},
            {"role", store::to_string(a.role)},
            {"unit", a.unit.empty() ? json(nullptr) : json(a.unit)}};
}

// As the console lists it (and the audit log keeps it).
json listed_account_json(const store::AccountListing& l) {
    json out = account_json(l.account);
    out["created_at"] = l.created_at;
    out["disabled_at"] = l.account.disabled_at ? json(*l.account.disabled_at) : json(nullptr);
    return out;
}

// Logins made in the console are what a path segment and a form field hold without
// escaping.
bool is_login(const std::string& text) {
    return !text.empty() && text.size() <= 32 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
               c == '.' || c == '_' || c == '-';
    });
}

Reply add_account(WriteContext& ctx, const store::Account& account, const std::string& by) {
    TimePoint now = ctx.clock.now();
    if (auto id = ctx.store.add_account(account, now); !id) {
        if (id.error().code == errc::account_exists)
            return error_reply(409, errc::account_exists, id.error().message);
        return ctx.fail(id.error());
    }
    store::AccountListing added{account, format_iso8601(now)};
    added.account.password_hash.clear();
    json view = listed_account_json(added);
    if (!audit(ctx, by, "account.add", account.login, nullptr, view)) return internal_error_reply();
    return json_reply(201, {{"account", view}});
}

Reply disable_account(WriteContext& ctx, const std::string& login, const std::string& by) {
    auto all = ctx.store.accounts();
    if (!all) return ctx.fail(all.error());
    auto it = std::find_if(all->begin(), all->end(), [&](const store::AccountListing& l) {
        return l.account.login == login;
    });
    if (it == all->end())
        return error_reply(404, errc::account_unknown, "there is no account '" + login + "'");
    json before = listed_account_json(*it);
    TimePoint now = ctx.clock.now();
    if (auto st = ctx.store.disable_account(login, now); !st) return ctx.fail(st.error());
    if (!it->account.disabled_at) it->account.disabled_at = format_iso8601(now);
    json after = listed_account_json(*it);
    if (!audit(ctx, by, "account.disable", login, before, after)) return internal_error_reply();
    return json_reply(200, {{"account", after}});
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
        std::string(store::kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
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

    // The my page: the PIN is checked as at a counter (same lockout), off the writer thread
    // first because the hash is slow; a disabled member hears so only after the right PIN.
    post("/api/v1/me/login", [this](const Request& req) {
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        auto number = f.text("staff", true), pin = f.text("pin", true);
        if (f.ok() && (number->empty() || pin->empty()))
            f.invalid("staff and pin must not be empty");
        if (!f.ok()) return f.problem();
        std::optional<store::Staff> found;
        {
            std::lock_guard lock(reader_.mu);
            auto s = reader_.store->staff(*number);
            if (!s) return internal_error_reply();
            found = *s;
        }
        bool pin_ok = found && store::verify_pin(found->pin_hash, *pin);
        if (pin_ok && found->disabled())
            return error_reply(403, errc::staff_disabled,
                               "staff " + *number + " is disabled; ask the hall office");
        Reply checked = writer_->submit([number = *number, pin_ok](WriteContext& ctx) {
            auto staff = check_staff_pin(ctx, number, pin_ok, 401, "staff number or PIN is wrong");
            if (auto* refused = std::get_if<Reply>(&staff)) return *refused;
            return json_reply(200, json::object());
        });
        if (checked.status != 200) return checked;
        auto opened = office_.open(*found, clock_->now());
        Reply r = json_reply(
            200, {{"staff", my_page_json(*found, hall_.settings)}, {"csrf", opened.csrf}});
        r.headers = {{"Set-Cookie", session_cookie(opened.token, false)},
                     {"Cache-Control", "no-store"}};
        return r;
    });

    // The request's browser session (an account's or a staff member's), or the reply to send
    // (401 without one).
    auto signed_in = [this](const Request& req) -> std::variant<Principal, Reply> {
        auto p = who(req);
        if (auto* r = std::get_if<Principal>(&p);
            r && r->kind != Principal::Kind::Account && r->kind != Principal::Kind::StaffPage)
            return unauthorized("sign in first (POST /api/v1/login, or /api/v1/me/login)");
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

    get("/api/v1/me", [this, signed_in](const Request& req) {
        auto p = signed_in(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        Reply r = json_reply(
            200, {{principal.account.staff ? "staff" : "account",
                   principal.account.staff ? my_page_json(*principal.account.staff, hall_.settings)
                                           : account_json(principal.account.account)},
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

void Hub::install_account_admin_routes() {
    auto office = [this](const Request& req) {
        return who_may(req, &Principal::office, "accounts are the hall office's");
    };

    get("/api/v1/accounts", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        Result<std::vector<store::AccountListing>> all = std::vector<store::AccountListing>{};
        {
            std::lock_guard lock(reader_.mu);
            all = reader_.store->accounts();
        }
        if (!all) {
            logger("hub")->error("reading the accounts: {}", all.error().message);
            return internal_error_reply();
        }
        json out = json::array();
        for (const auto& a : *all) out.push_back(listed_account_json(a));
        return json_reply(200, {{"accounts", out}});
    });

    post("/api/v1/accounts", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        auto login = f.text("login", true), name = f.text("name", true),
             role_text = f.text("role", true), password = f.text("password", true);
        auto unit = f.text("unit", false);
        if (!f.ok()) return f.problem();
        auto role = store::parse_account_role(*role_text);
        if (!is_login(*login))
            f.invalid("login must have 1 to 32 letters, digits, dots, dashes or underscores");
        if (!is_label(*name)) f.invalid("name must have 1 to 64 bytes and no tabs or line breaks");
        if (!role) f.invalid("role must be office, unit or viewer");
        if (role && (*role == store::AccountRole::Unit) != unit.has_value())
            f.invalid("unit is needed for a unit account, and only for one");
        if (unit && !hall_.find_unit(*unit))
            f.invalid("there is no unit '" + *unit + "' in the hall");
        if (password->size() < 8 || password->size() > 1024)
            f.invalid("password must have 8 characters or more");
        if (!f.ok()) return f.problem();
        auto hash = store::hash_pin(*password);  // Argon2id, slow: not on the writer thread
        if (!hash) return internal_error_reply();
        store::Account account{0, *login, *name, *role, unit.value_or(""), *hash, std::nullopt};
        return writer_->submit([account, by = std::get<Principal>(p).audit_name()](
                                   WriteContext& ctx) { return add_account(ctx, account, by); });
    });

    post(R"(/api/v1/accounts/([^/]+)/disable)", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        std::string login = req.matches[1];
        // The office would lock itself out.
        if (principal.kind == Principal::Kind::Account && principal.account.account.login == login)
            return error_reply(422, errc::invalid_field, "an account cannot disable itself");
        Reply reply = writer_->submit([login, by = principal.audit_name()](WriteContext& ctx) {
            return disable_account(ctx, login, by);
        });
        // Signed out at once, not when the session idles out.
        if (reply.status == 200) office_.close_account(login);
        return reply;
    });
}

}  // namespace onestop::hub
