#pragma once
// The one way tests and benches run a program. Every wait has a deadline and ends as soon
// as its condition holds (output seen, the child gone), so nothing sleeps a fixed time; and
// a child still running on scope exit is killed, so a failed check leaves nothing behind.

#include <sys/types.h>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onestop::test {

std::string bin_path(const std::string& program);  // build/bin/<program>

// Where one of the child's standard streams goes; by default where this process's goes.
struct Stream {
    enum class Kind { Inherit, Pipe, File, SameAsStdout };
    Kind kind = Kind::Inherit;
    std::filesystem::path path{};
    bool append = false;

    // stdin: write() and close_input(); stdout: read_line(), wait_for(), output(); stderr:
    // errors().
    static Stream pipe() { return {Kind::Pipe}; }
    // A file, truncated; appended to with `append` (one log across restarts). Suits output
    // that the child's own children go on writing, which a pipe would need read all along.
    static Stream file(std::filesystem::path p, bool append = false) {
        return {Kind::File, std::move(p), append};
    }
    static Stream same_as_stdout() { return {Kind::SameAsStdout}; }  // stderr only
};

struct ChildOptions {
    Stream in{}, out{}, err{};
    std::vector<std::string> env{};  // "NAME=value", added to this process's environment
    // stdin, stdout and stderr on a new pseudo-terminal, the child's controlling one (then
    // in/out/err are not used): write() types, read_line()/wait_for() read the screen.
    bool terminal = false;
    // A process group of its own, as a shell starts a job: a "Ctrl-C" is SIGINT to -pid(),
    // and the kill on scope exit reaches the whole group.
    bool own_group = false;
    // On scope exit, SIGTERM and this long to stop cleanly before SIGKILL.
    std::chrono::milliseconds grace{0};
};

class ChildProcess {
  public:
    // Starts argv[0] (a path, not searched in PATH); throws if it cannot.
    explicit ChildProcess(const std::vector<std::string>& argv, ChildOptions options = {});
    ~ChildProcess();
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    pid_t pid() const { return pid_; }
    bool running();  // false once it has exited (and is then reaped)
    void signal(int sig);
    // The exit status (128 + signal when a signal ended it), or -1 if it still runs after
    // `within`. Pipes are read meanwhile, so a child writing a lot does not block on them.
    int wait(std::chrono::milliseconds within);
    int wait();                   // without a deadline
    int stop(int sig = SIGTERM);  // signal, then wait()

    bool write(std::string_view bytes);  // to stdin; false if not all was written
    void close_input();

    // The next whole stdout line after the last line or match; nullopt on time-out or end.
    std::optional<std::string> read_line(std::chrono::milliseconds within = kWithin);
    // Waits until `text` appears in stdout after the last line or match, and moves past it.
    bool wait_for(std::string_view text, std::chrono::milliseconds within = kWithin);
    const std::string& output() const { return out_text_; }  // stdout so far
    const std::string& errors() const { return err_text_; }  // stderr so far

    // For benchmarks, from /proc: resident memory in KiB and CPU time used; -1 if gone.
    long rss_kib() const;
    double cpu_seconds() const;

  private:
    static constexpr std::chrono::milliseconds kWithin{10000};
    using Clock = std::chrono::steady_clock;
    int wait_until(Clock::time_point deadline);
    void pump(Clock::time_point deadline);
    void drain();

    pid_t pid_ = -1;
    int pidfd_ = -1;  // readable once the child exits: a wait needs no polling slices
    int status_ = -1;
    bool own_group_ = false;
    std::chrono::milliseconds grace_{0};
    int in_ = -1, out_ = -1, err_ = -1;
    std::string out_text_, err_text_;
    size_t cursor_ = 0;
};

// Runs a program to its end: {exit status, stdout, stderr}. Used for CLI sub-commands.
struct RunResult {
    int status = -1;
    std::string out;
    std::string err;
};
RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text = "");

}  // namespace onestop::test
