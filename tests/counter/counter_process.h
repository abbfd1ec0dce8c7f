#pragma once
// Runs onestop-counter with pipes on stdin and stdout so a test can press keys step by
// step and wait (with a deadline, never a fixed sleep) for what the screen shows.

#include <sys/types.h>

#include <chrono>
#include <string>
#include <vector>

namespace onestop::test {

class CounterProcess {
  public:
    explicit CounterProcess(const std::vector<std::string>& args);
    ~CounterProcess();
    CounterProcess(const CounterProcess&) = delete;
    CounterProcess& operator=(const CounterProcess&) = delete;

    void press(const std::string& keys);  // bytes on stdin: "+", "*2\n", …
    void close_input();
    // Waits until `text` appears in the output after the previous match; on success the
    // next wait starts after this match.
    bool wait_for(const std::string& text,
                  std::chrono::milliseconds within = std::chrono::seconds(8));
    // Waits for the exit status (-1 on time-out).
    int wait_exit(std::chrono::milliseconds within = std::chrono::seconds(10));
    const std::string& output() const { return out_; }

  private:
    void pump(int timeout_ms);

    pid_t pid_ = -1;
    int in_ = -1;
    int out_fd_ = -1;
    std::string out_;
    size_t cursor_ = 0;
};

}  // namespace onestop::test
