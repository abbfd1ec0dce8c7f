#pragma once
// A real onestop-hub on 127.0.0.1 with a free port, for integration tests.
// Starts the built program, waits for its "listening on" line (no sleeps),
// and stops it on scope exit.

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "child_process.h"

namespace onestop::test {

struct HubOptions {
    std::filesystem::path db;  // required: the database file
    std::string now;           // --now, ISO 8601; empty = real time
    std::string hall;          // --hall; empty = the shipped default hall
    std::vector<std::string> extra_args;
    std::filesystem::path program{};  // empty = build/bin/onestop-hub
    // The hub's stderr, appended across restarts; empty = <db>.hub-stderr.log. A benchmark
    // passes /dev/null: the request log would skew its timing.
    std::filesystem::path log{};
};

class HubProcess {
  public:
    explicit HubProcess(HubOptions options);
    ~HubProcess();
    HubProcess(const HubProcess&) = delete;
    HubProcess& operator=(const HubProcess&) = delete;

    // Starts the hub; throws with the hub's stderr if it does not come up in 10 s.
    // `port` 0 picks a free one; pass the old port to restart on the same address.
    void start(int port = 0);
    void kill9();     // SIGKILL: a crash
    int terminate();  // SIGTERM and wait; returns the exit status
    bool running() const { return process_.has_value(); }

    const std::string& url() const { return url_; }  // "http://127.0.0.1:PORT" (https under TLS)
    // Open event streams, from /metrics (onestop_event_subscribers); -1 when unreadable.
    // A test waits for a device's stream with it instead of sleeping.
    int event_subscribers() const;
    int port() const { return port_; }
    long rss_kib() const { return process_ ? process_->rss_kib() : -1; }
    double cpu_seconds() const { return process_ ? process_->cpu_seconds() : -1; }
    const HubOptions& options() const { return options_; }

    // Runs `onestop-hub init` (the database from options().hall): token create and staff add
    // need a database, which only init and a start make.
    void init() const;
    // Runs `onestop-hub token create` against the same database; returns the token.
    std::string create_token(const std::string& role, const std::string& name,
                             int window = 0) const;
    // Runs `onestop-hub staff add`.
    void add_staff(const std::string& number, const std::string& name, const std::string& unit,
                   const std::string& pin) const;
    // Runs `onestop-hub account add` (the password on standard input); `unit` only for
    // role "unit".
    void add_account(const std::string& login, const std::string& name, const std::string& role,
                     const std::string& unit, const std::string& password) const;

  private:
    std::vector<std::string> command(std::vector<std::string> args) const;

    HubOptions options_;
    std::optional<ChildProcess> process_;
    int port_ = 0;
    std::string url_;
};

}  // namespace onestop::test
