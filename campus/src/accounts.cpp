#include "accounts.h"

#include "onestop/store/secrets.h"

namespace onestop::campus {

namespace {

// The shipper sends a hash only for enabled office and viewer accounts; the conditions are
// checked here too, so a row written otherwise (by hand) still cannot sign in.
constexpr const char* kMaySignIn =
    "password_hash IS NOT NULL AND disabled_at IS NULL AND role IN ('office', 'viewer')";

}  // namespace

Result<std::vector<store::Account>> campus_candidates(pg::Connection& db,
                                                      const std::string& login) {
    auto rows = db.query(std::string("SELECT hall, login, name, role, password_hash "
                                     "FROM campus.accounts WHERE login = $1 AND ") +
                             kMaySignIn + " ORDER BY hall",
                         {login});
    if (!rows) return rows.error();
    std::vector<store::Account> found;
    for (int i = 0; i < rows->size(); ++i) {
        auto role = store::parse_account_role(rows->text(i, 3));
        if (!role) continue;
        found.push_back(store::Account{rows->integer(i, 0), rows->text(i, 1), rows->text(i, 2),
                                       *role, "", rows->text(i, 4), std::nullopt});
    }
    return found;
}

std::optional<store::Account> matching(const std::vector<store::Account>& candidates,
                                       const std::string& password) {
    for (const auto& account : candidates)
        if (store::verify_pin(account.password_hash, password)) return account;
    return std::nullopt;
}

Result<bool> still_allowed(pg::Connection& db, int64_t hall, const std::string& login) {
    auto rows = db.query(std::string("SELECT 1 FROM campus.accounts "
                                     "WHERE hall = $1 AND login = $2 AND ") +
                             kMaySignIn,
                         {std::to_string(hall), login});
    if (!rows) return rows.error();
    return rows->size() == 1;
}

Result<std::string> hall_name(pg::Connection& db, int64_t hall) {
    auto rows = db.query("SELECT name FROM campus.halls WHERE id = $1", {std::to_string(hall)});
    if (!rows) return rows.error();
    return rows->size() ? rows->text(0, 0) : std::string();
}

}  // namespace onestop::campus
