#pragma once
// A real PostgreSQL in a temporary folder, for the campus tests and benches: initdb and
// pg_ctl as an unprivileged user (PostgreSQL refuses root: run as root, they run as
// `nobody`), listening on a Unix socket in that folder only (no TCP port to collide on),
// with a password (SCRAM) that clients read from a password file, as a hall's hub would.
// Stopped (immediate) and removed on scope exit.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "onestop/pg/connection.h"
#include "temp_dir.h"

namespace onestop::test {

class PgServer {
  public:
    // Why PostgreSQL cannot run here (its programs are not installed), else nullopt.
    static std::optional<std::string> missing();

    // initdb, start, and a database "campus" owned by role "campus"; throws with the
    // server's log on failure. `durable` false turns fsync off (tests); benches keep it.
    explicit PgServer(bool durable = false);
    ~PgServer();
    PgServer(const PgServer&) = delete;
    PgServer& operator=(const PgServer&) = delete;

    void stop();   // pg_ctl stop -m fast: clients' connections are cut
    void start();  // the same data and socket again
    bool running() const { return running_; }

    // postgresql://campus@/campus?host=<socket folder>, without the password.
    std::string url() const;
    const std::filesystem::path& passfile() const { return passfile_; }
    // A connection as role campus (throws if it cannot connect).
    std::unique_ptr<pg::Connection> connect() const;

  private:
    void pg_ctl(const std::vector<std::string>& args) const;
    std::vector<std::string> as_owner(std::vector<std::string> argv) const;

    TempDir dir_;
    std::filesystem::path bin_, data_, socket_, passfile_;
    bool durable_ = false;
    bool running_ = false;
};

}  // namespace onestop::test
