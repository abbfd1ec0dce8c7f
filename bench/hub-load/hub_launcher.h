#pragma once
// Starts build/bin/onestop-hub for a benchmark run: a fresh database in a scratch
// folder, tokens and staff through the hub's own CLI, the server on 127.0.0.1:0 with
// its clock set inside office hours. Stops it (SIGTERM) on scope exit.

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::bench {

// Runs a program, returning its stdout (first line) or an Error with its exit status.
Result<std::string> run_capture(const std::vector<std::string>& argv);

class HubLauncher {
  public:
    HubLauncher(std::filesystem::path hub_binary, std::filesystem::path db, std::string now);
    ~HubLauncher();
    HubLauncher(const HubLauncher&) = delete;
    HubLauncher& operator=(const HubLauncher&) = delete;

    Status init();  // `onestop-hub init`: tokens and staff need the database first
    Result<std::string> create_token(const std::string& role, const std::string& name,
                                     int window = 0);
    Status add_staff(const std::string& number, const std::string& name, const std::string& unit,
                     const std::string& pin);
    Status start();  // waits for "listening on"
    void stop();

    const std::string& url() const { return url_; }
    pid_t pid() const { return pid_; }
    // VmRSS of the running hub in KiB, from /proc/<pid>/status; -1 if unreadable.
    long rss_kib() const;

  private:
    std::filesystem::path bin_, db_;
    std::string now_, url_;
    pid_t pid_ = -1;
};

}  // namespace onestop::bench
