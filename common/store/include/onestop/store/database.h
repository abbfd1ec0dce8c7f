#pragma once
// A small SQLite wrapper: one connection, prepared statements cached by their SQL,
// transactions, and schema migrations numbered by PRAGMA user_version.
//
// Not thread-safe: each connection belongs to one thread at a time (the hub's
// writer thread owns its writing connection; readers use their own).

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::store {

// One prepared statement; reset and cleared on each bind() chain start.
class Statement {
  public:
    explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~Statement();
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;

    // Starts a new execution: resets the statement and clears old bindings.
    Statement& reset();
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<int64_t>(value)); }
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, const char* text) { return bind(index, std::string_view(text)); }
    Statement& bind(int index, const std::string& text) {
        return bind(index, std::string_view(text));
    }
    Statement& bind_null(int index);
    Statement& bind_blob(int index, const void* data, size_t size);
    Statement& bind_optional(int index, const std::optional<std::string>& text);

    // Returns true when a row is ready, false when done; an Error on failure.
    Result<bool> step();
    // Runs to completion (for INSERT/UPDATE/DELETE).
    Status run();

    int64_t column_int(int col) const;
    double column_double(int col) const;
    std::string column_text(int col) const;
    bool column_is_null(int col) const;
    std::string column_blob(int col) const;

  private:
    sqlite3_stmt* stmt_;
};

enum class Durability { Full, Normal };

class Database {
  public:
    // Opens (creating if needed) in WAL mode with synchronous=FULL (Durability::Full):
    // a committed transaction is on disk when commit() returns.
    static Result<std::unique_ptr<Database>> open(const std::filesystem::path& file,
                                                  Durability durability = Durability::Full);
    ~Database();
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;

    Status exec(const std::string& sql);  // one or more statements, no results
    // A cached prepared statement for `sql`, reset and ready to bind.
    Result<Statement*> prepare(const std::string& sql);

    Status begin();  // BEGIN IMMEDIATE: takes the write lock now
    Status commit();
    Status rollback();  // safe to call when no transaction is open

    int64_t last_insert_id() const;
    int changes() const;
    int user_version();

    // Applies migrations[i] for every i >= user_version, each in its own transaction
    // that also sets user_version = i + 1. Never edit a migration once shipped: add one.
    Status migrate(const std::vector<std::string>& migrations);

    const std::filesystem::path& file() const { return file_; }
    sqlite3* handle() { return db_; }

  private:
    Database(sqlite3* db, std::filesystem::path file) : db_(db), file_(std::move(file)) {}
    Error last_error(const std::string& what) const;

    sqlite3* db_;
    std::filesystem::path file_;
    std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
};

}  // namespace onestop::store
