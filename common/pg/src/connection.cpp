#include "onestop/pg/connection.h"

#include <libpq-fe.h>

#include <cstdlib>

#include "onestop/base/error_codes.h"

namespace onestop::pg {

namespace {

std::string trimmed(const char* text) {
    std::string out = text ? text : "";
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

}  // namespace

Rows::Rows(pg_result* result) : result_(result, &PQclear) {}
int Rows::size() const {
    return PQntuples(result_.get());
}
bool Rows::null(int row, int col) const {
    return PQgetisnull(result_.get(), row, col) != 0;
}
std::string Rows::text(int row, int col) const {
    return null(row, col) ? "" : std::string(PQgetvalue(result_.get(), row, col));
}
int64_t Rows::integer(int row, int col) const {
    return null(row, col) ? 0 : std::strtoll(PQgetvalue(result_.get(), row, col), nullptr, 10);
}

Result<std::unique_ptr<Connection>> Connection::open(const Target& target,
                                                     const std::string& application_name,
                                                     int timeout_s) {
    std::string timeout = std::to_string(timeout_s);
    std::string passfile = target.passfile.string();
    // Later keywords override what the URL (expanded from dbname) says.
    std::vector<const char*> keys = {"dbname",           "application_name", "connect_timeout",
                                     "keepalives",       "keepalives_idle",  "keepalives_interval",
                                     "keepalives_count", "tcp_user_timeout"};
    std::vector<const char*> values = {target.url.c_str(),
                                       application_name.c_str(),
                                       timeout.c_str(),
                                       "1",
                                       "10",
                                       "5",
                                       "2",
                                       "20000"};
    if (!passfile.empty()) {
        keys.push_back("passfile");
        values.push_back(passfile.c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    pg_conn* conn = PQconnectdbParams(keys.data(), values.data(), 1);
    if (!conn) return make_error(errc::campus_unreachable, "out of memory connecting");
    if (PQstatus(conn) != CONNECTION_OK) {
        std::string why = trimmed(PQerrorMessage(conn));
        PQfinish(conn);
        return make_error(errc::campus_unreachable,
                          "cannot connect to " + describe(target) + ": " + why);
    }
    // Times arrive as ISO 8601 with their offset and are compared as instants; the
    // session's zone only shapes text shown to people.
    PQclear(PQexec(conn, "SET TIME ZONE 'UTC'"));
    return std::unique_ptr<Connection>(new Connection(conn));
}

Connection::~Connection() {
    PQfinish(conn_);
}

bool Connection::ok() const {
    return PQstatus(conn_) == CONNECTION_OK;
}

// The result when it has `expected` status, else the error (the server's or libpq's).
Result<Rows> Connection::checked(pg_result* result, int expected, const std::string& what) const {
    Rows rows(result);
    if (result && PQresultStatus(result) == expected) return rows;
    std::string why = trimmed(result ? PQresultErrorMessage(result) : PQerrorMessage(conn_));
    if (why.empty()) why = trimmed(PQerrorMessage(conn_));
    return make_error(ok() ? errc::campus_sql : errc::campus_unreachable, what + ": " + why);
}

Result<Rows> Connection::query(const std::string& sql, const Params& params) {
    std::vector<const char*> values;
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    pg_result* result = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                                     values.data(), nullptr, nullptr, 0);
    if (result && PQresultStatus(result) == PGRES_COMMAND_OK) return Rows(result);
    return checked(result, PGRES_TUPLES_OK, "campus query failed");
}

Status Connection::exec(const std::string& sql) {
    pg_result* result = PQexec(conn_, sql.c_str());
    if (result && PQresultStatus(result) == PGRES_TUPLES_OK) {  // a SELECT run for its effect
        PQclear(result);
        return {};
    }
    auto done = checked(result, PGRES_COMMAND_OK, "campus statement failed");
    if (!done) return done.error();
    return {};
}

Status Connection::copy_in(const std::string& copy_sql, const std::string& data) {
    auto started = checked(PQexec(conn_, copy_sql.c_str()), PGRES_COPY_IN, "campus COPY failed");
    if (!started) return started.error();
    bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1;
    bool ended = PQputCopyEnd(conn_, sent ? nullptr : "sending the rows failed") == 1;
    // The COPY's outcome, then libpq's end of results (a null one).
    Status status;
    for (pg_result* result; (result = PQgetResult(conn_)) != nullptr;) {
        auto done = checked(result, PGRES_COMMAND_OK, "campus COPY failed");
        if (!done && status) status = done.error();
    }
    if (status && !(sent && ended))
        return make_error(errc::campus_unreachable,
                          "campus COPY failed: " + trimmed(PQerrorMessage(conn_)));
    return status;
}

void copy_field(std::string& out, const std::optional<std::string>& value) {
    if (!value) {
        out += "\\N";
        return;
    }
    for (char c : *value) {
        switch (c) {
            case '\\':
                out += "\\\\";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                out += c;
        }
    }
}

}  // namespace onestop::pg
