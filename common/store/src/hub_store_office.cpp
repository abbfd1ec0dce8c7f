// The hall office's accounts, the audit log, the service guide's versions and the
// windows' plans.
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

const char* to_string(AccountRole role) {
    switch (role) {
        case AccountRole::Office:
            return "office";
        case AccountRole::Unit:
            return "unit";
        case AccountRole::Viewer:
            return "viewer";
    }
    return "viewer";
}

std::optional<AccountRole> parse_account_role(const std::string& text) {
    for (AccountRole r : {AccountRole::Office, AccountRole::Unit, AccountRole::Viewer})
        if (text == to_string(r)) return r;
    return std::nullopt;
}

Result<int64_t> HubStore::add_account(const Account& account, TimePoint at) {
    auto existing = account_by_login(account.login);
    if (!existing) return existing.error();
    if (*existing)
        return make_error(errc::account_exists, "an account '" + account.login + "' exists");
    ONESTOP_PREPARE(st,
                    "INSERT INTO accounts (login, name, role, unit, password_hash, created_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
    st.bind(1, account.login).bind(2, account.name).bind(3, to_string(account.role));
    if (account.unit.empty())
        st.bind_null(4);
    else
        st.bind(4, account.unit);
    ONESTOP_CHECK(st.bind(5, account.password_hash).bind(6, format_iso8601(at)).run());
    return db_->last_insert_id();
}

Result<std::optional<Account>> HubStore::account_by_login(const std::string& login) {
    ONESTOP_PREPARE(st,
                    "SELECT id, login, name, role, coalesce(unit, ''), password_hash, disabled_at "
                    "FROM accounts WHERE login = ?");
    st.bind(1, login);
    return optional_row(st, [](const Statement& row) {
        Account a;
        a.id = row.column_int(0);
        a.login = row.column_text(1);
        a.name = row.column_text(2);
        a.role = parse_account_role(row.column_text(3)).value_or(AccountRole::Viewer);
        a.unit = row.column_text(4);
        a.password_hash = row.column_text(5);
        if (!row.column_is_null(6)) a.disabled_at = row.column_text(6);
        return a;
    });
}

Result<int64_t> HubStore::append_audit(const AuditEntry& e) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO audit (at, who, action, target, before, after) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, e.at)
                      .bind(2, e.who)
                      .bind(3, e.action)
                      .bind(4, e.target)
                      .bind(5, e.before)
                      .bind(6, e.after)
                      .run());
    return db_->last_insert_id();
}

Result<std::vector<AuditEntry>> HubStore::audit(const AuditFilter& f) {
    ONESTOP_PREPARE(
        st,
        "SELECT id, at, who, action, target, before, after FROM audit "
        "WHERE (?1 = '' OR who = ?1) AND (?2 = '' OR substr(action, 1, length(?2)) = ?2) "
        "AND (?3 = '' OR at >= ?3) ORDER BY id DESC LIMIT ?4");
    st.bind(1, f.who).bind(2, f.action).bind(3, f.since).bind(4, f.limit);
    return collect_rows(st, [](const Statement& row) {
        return AuditEntry{row.column_int(0),  row.column_text(1), row.column_text(2),
                          row.column_text(3), row.column_text(4), row.column_text(5),
                          row.column_text(6)};
    });
}

Result<int64_t> HubStore::insert_service_version(const ServiceVersion& v) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO service_versions (service, at, who, before, after) "
                    "VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, v.service)
                      .bind(2, v.at)
                      .bind(3, v.who)
                      .bind(4, v.before)
                      .bind(5, v.after)
                      .run());
    return db_->last_insert_id();
}

static ServiceVersion service_version_row(const Statement& row) {
    return ServiceVersion{row.column_int(0),  row.column_text(1), row.column_text(2),
                          row.column_text(3), row.column_text(4), row.column_text(5)};
}

Result<std::vector<ServiceVersion>> HubStore::service_versions(const std::string& service) {
    ONESTOP_PREPARE(st,
                    "SELECT id, service, at, who, before, after FROM service_versions "
                    "WHERE service = ? ORDER BY id DESC");
    st.bind(1, service);
    return collect_rows(st, service_version_row);
}

Result<std::vector<ServiceVersion>> HubStore::current_service_versions() {
    ONESTOP_PREPARE(
        st,
        "SELECT v.id, v.service, v.at, v.who, v.before, v.after FROM service_versions v "
        "WHERE v.id = (SELECT max(id) FROM service_versions WHERE service = v.service) "
        "AND v.id > coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'guide_floor'), "
        "0) "
        "ORDER BY v.service");
    return collect_rows(st, service_version_row);
}

Result<int64_t> HubStore::insert_window_plan(const WindowPlan& p) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO window_plans (window, effective, at, who, plan) "
                    "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, p.window).bind(2, p.effective).bind(3, p.at).bind(4, p.who);
    if (p.plan.empty())
        st.bind_null(5);
    else
        st.bind(5, p.plan);
    ONESTOP_CHECK(st.run());
    return db_->last_insert_id();
}

Result<std::vector<WindowPlan>> HubStore::window_plans() {
    ONESTOP_PREPARE(st,
                    "SELECT id, window, effective, at, who, coalesce(plan, '') FROM window_plans "
                    "ORDER BY effective, id");
    return collect_rows(st, [](const Statement& row) {
        return WindowPlan{row.column_int(0),  static_cast<int>(row.column_int(1)),
                          row.column_text(2), row.column_text(3),
                          row.column_text(4), row.column_text(5)};
    });
}

}  // namespace onestop::store
