#pragma once
// One libpq connection, blocking, with errors as values. Not thread-safe: one thread uses
// it (the hub's shipper has its own; onestop-campus opens one per request).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/pg/target.h"

struct pg_conn;
struct pg_result;

namespace onestop::pg {

// A query's rows, as text (libpq's text format).
class Rows {
  public:
    explicit Rows(pg_result* result);
    int size() const;
    bool null(int row, int col) const;
    std::string text(int row, int col) const;  // "" for NULL
    int64_t integer(int row, int col) const;   // 0 for NULL

  private:
    std::shared_ptr<pg_result> result_;
};

using Params = std::vector<std::optional<std::string>>;  // nullopt: NULL

class Connection {
  public:
    // Connects within `timeout_s` seconds, with TCP keep-alives and a user time-out so a
    // vanished server (a cut network, not a closed socket) fails the next call within about
    // 20 s instead of hanging. Error errc::campus_unreachable with libpq's reason.
    static Result<std::unique_ptr<Connection>> open(const Target& target,
                                                    const std::string& application_name,
                                                    int timeout_s = 5);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // One statement with $1… parameters. Errors: errc::campus_unreachable when the
    // connection broke (reconnect), errc::campus_sql otherwise (the server's message).
    Result<Rows> query(const std::string& sql, const Params& params = {});
    // Statements without parameters whose rows, if any, are not wanted (a script, BEGIN,
    // COMMIT, a SELECT of a function run for its effect).
    Status exec(const std::string& sql);
    // COPY … FROM STDIN with `data` in COPY's text format (see copy_field()).
    Status copy_in(const std::string& copy_sql, const std::string& data);
    // Whether the connection is still good; after a campus_unreachable error it is not.
    bool ok() const;

  private:
    explicit Connection(pg_conn* conn) : conn_(conn) {}
    Result<Rows> checked(pg_result* result, int expected, const std::string& what) const;
    pg_conn* conn_;
};

// Appends `value` as one field of COPY's text format (tab, newline, CR and backslash
// escaped; nullopt as \N).
void copy_field(std::string& out, const std::optional<std::string>& value);

}  // namespace onestop::pg
