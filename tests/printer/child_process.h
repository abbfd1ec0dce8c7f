#pragma once
// A program run in the background with its stdout on a pipe: for `onestop-print emulate`,
// which prints "listening on HOST:PORT" once ready and runs until SIGTERM.

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace onestop::printer::testing {

class ChildProcess {
  public:
    explicit ChildProcess(const std::vector<std::string>& argv);
    ~ChildProcess();  // SIGTERM, then wait
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    // The next stdout line, waiting at most `timeout`; nullopt on timeout or end.
    std::optional<std::string> read_line(std::chrono::milliseconds timeout);
    int terminate();  // SIGTERM and wait; the exit status (or -signal)

  private:
    pid_t pid_ = -1;
    int out_fd_ = -1;
    std::string buffer_;
};

}  // namespace onestop::printer::testing
