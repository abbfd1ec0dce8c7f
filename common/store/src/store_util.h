#pragma once
// Private helpers for the store's .cpp files: early returns on database errors.
#include <optional>
#include <string>
#include <vector>

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

namespace onestop::store {

struct LogEntry;
LogEntry read_entry(const Statement& st);  // id, type, payload, name, data

// A text column that may be NULL.
inline std::optional<std::string> optional_text(const Statement& st, int col) {
    if (st.column_is_null(col)) return std::nullopt;
    return st.column_text(col);
}

// The first column of the one row an aggregate query (COUNT, MAX, EXISTS) answers.
inline Result<int64_t> single_int(Statement& st) {
    auto row = st.step();
    if (!row) return row.error();
    int64_t value = st.column_int(0);
    st.reset();
    return value;
}

// read(st) of the statement's first row, if it has one.
template <typename Read>
auto optional_row(Statement& st, Read read) -> Result<std::optional<decltype(read(st))>> {
    auto row = st.step();
    if (!row) return row.error();
    std::optional<decltype(read(st))> out;
    if (*row) out = read(st);
    st.reset();
    return out;
}

// Steps `st` to its end and returns read(st) of every row.
template <typename Read>
auto collect_rows(Statement& st, Read read) -> Result<std::vector<decltype(read(st))>> {
    std::vector<decltype(read(st))> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back(read(st));
    }
    st.reset();
    return out;
}

}  // namespace onestop::store
