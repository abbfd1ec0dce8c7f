#pragma once
// Private helpers for the store's .cpp files: early returns on database errors.
#include "onestop/store/database.h"

// Declares `Statement& var` prepared from `sql` on db_, or returns the error.
#define ONESTOP_PREPARE(var, sql)                       \
    auto var##_prepared = db_->prepare(sql);            \
    if (!var##_prepared) return var##_prepared.error(); \
    ::onestop::store::Statement& var = **var##_prepared

// Returns the error of a Status-returning expression.
#define ONESTOP_CHECK(expr)                                          \
    do {                                                             \
        if (auto status_ = (expr); !status_) return status_.error(); \
    } while (0)
