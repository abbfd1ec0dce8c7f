#include "counter_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>

#include "hub_process.h"

namespace onestop::test {

CounterProcess::CounterProcess(const std::vector<std::string>& args_in) {
    std::vector<std::string> args = args_in;
    args.insert(args.begin(), bin_path("onestop-counter"));
    int in_pipe[2], out_pipe[2];
    // Close-on-exec: a hub the test restarts later must not inherit (and hold open) these pipes.
    if (pipe2(in_pipe, O_CLOEXEC) != 0 || pipe2(out_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        close(in_pipe[1]);
        close(out_pipe[0]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    in_ = in_pipe[1];
    out_fd_ = out_pipe[0];
    fcntl(out_fd_, F_SETFL, O_NONBLOCK);
}

CounterProcess::~CounterProcess() {
    if (in_ >= 0) close(in_);
    if (pid_ > 0) {
        kill(pid_, SIGKILL);
        int st;
        waitpid(pid_, &st, 0);
    }
    if (out_fd_ >= 0) close(out_fd_);
}

void CounterProcess::press(const std::string& keys) {
    if (in_ < 0) return;
    ssize_t ignored = write(in_, keys.data(), keys.size());
    (void)ignored;
}

void CounterProcess::close_input() {
    if (in_ >= 0) close(in_);
    in_ = -1;
}

void CounterProcess::pump(int timeout_ms) {
    pollfd p{out_fd_, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0) return;
    char buf[4096];
    ssize_t n;
    while ((n = read(out_fd_, buf, sizeof buf)) > 0) out_.append(buf, static_cast<size_t>(n));
}

bool CounterProcess::wait_for(const std::string& text, std::chrono::milliseconds within) {
    auto deadline = std::chrono::steady_clock::now() + within;
    for (;;) {
        if (auto at = out_.find(text, cursor_); at != std::string::npos) {
            cursor_ = at + text.size();
            return true;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        pump(static_cast<int>(std::min<long>(left.count(), 100)));
    }
}

int CounterProcess::wait_exit(std::chrono::milliseconds within) {
    auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        pump(20);
        int st = 0;
        pid_t r = waitpid(pid_, &st, WNOHANG);
        if (r == pid_) {
            pid_ = -1;
            pump(0);
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        }
    }
    return -1;
}

}  // namespace onestop::test
