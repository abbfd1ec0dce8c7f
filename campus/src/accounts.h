#pragma once
// Who may sign in to the campus view: the halls' office accounts of role office (北区办) and
// viewer (管委会), as each hall's shipper copies them into campus.accounts (the password hash
// only on enabled office and viewer accounts). A unit lead's account sees one unit of one
// hall in its own hall's console, and a disabled account nothing: neither signs in here.
// A login may exist in several halls (each hall makes its own accounts); the first enabled
// office or viewer account of that login whose password matches signs in.

#include <optional>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/pg/connection.h"
#include "onestop/store/hub_store.h"

namespace onestop::campus {

// The accounts `login` may sign in with: enabled office and viewer ones, with their hashes.
// Account::id is the campus.halls id of the account's hall.
Result<std::vector<store::Account>> campus_candidates(pg::Connection& db, const std::string& login);

// The candidate whose password hash `password` matches (Argon2id: milliseconds each, so
// this runs outside the database's lock).
std::optional<store::Account> matching(const std::vector<store::Account>& candidates,
                                       const std::string& password);

// Whether hall `hall`'s account `login` may still sign in (it was not disabled, its role
// not changed, since): a session is checked on each request.
Result<bool> still_allowed(pg::Connection& db, int64_t hall, const std::string& login);

// The name of hall `hall` ("" when unknown).
Result<std::string> hall_name(pg::Connection& db, int64_t hall);

}  // namespace onestop::campus
