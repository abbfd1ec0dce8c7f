#pragma once
// A real onestop-hub on 127.0.0.1 with a free port, for integration tests.
// Starts the built program, waits for its "listening on" line (no sleeps),
// and stops it on scope exit.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

namespace onestop::test {

struct HubOptions {
    std::filesystem::path db;  // required: the database file
    std::string now;           // --now, ISO 8601; empty = real time
    std::string hall;          // --hall; empty = the shipped default hall
    std::vector<std::string> extra_args;
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
    bool running() const { return pid_ > 0; }

    const std::string& url() const { return url_; }  // "http://127.0.0.1:PORT"
    // Open event streams, from /metrics (onestop_event_subscribers); -1 when unreadable.
    // A test waits for a device's stream with it instead of sleeping.
    int event_subscribers() const;
    int port() const { return port_; }
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

  private:
    HubOptions options_;
    pid_t pid_ = -1;
    int port_ = 0;
    std::string url_;
    std::filesystem::path stderr_file_;
};

// Runs a program, returns {exit status, stdout, stderr}. Used for the CLI sub-commands.
struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};
RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "");

std::string bin_path(const std::string& program);  // build/bin/<program>

}  // namespace onestop::test
