#include "child_process.h"

#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <spawn.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace onestop::test {

std::string bin_path(const std::string& program) {
    return std::string(ONESTOP_BIN_DIR) + "/" + program;
}

namespace {

// posix_spawn's attributes and file actions, destroyed however the constructor leaves.
struct Spawn {
    posix_spawn_file_actions_t actions;
    posix_spawnattr_t attr;
    std::vector<int> child_ends;  // closed here once the child has its copies
    Spawn() {
        posix_spawn_file_actions_init(&actions);
        posix_spawnattr_init(&attr);
    }
    ~Spawn() {
        for (int fd : child_ends) ::close(fd);
        posix_spawn_file_actions_destroy(&actions);
        posix_spawnattr_destroy(&attr);
    }
};

// Both ends close-on-exec: a child started later (a hub a test restarts) must not hold
// them, or the reader would never see the end. dup2 onto 0–2 clears the flag in the child.
std::pair<int, int> make_pipe() {
    int p[2];
    if (::pipe2(p, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe: " + std::string(strerror(errno)));
    return {p[0], p[1]};
}

// Our end of the child's stream `target`, or -1 when the stream is not a pipe.
int redirect(Spawn& s, const Stream& stream, int target) {
    switch (stream.kind) {
        case Stream::Kind::Inherit:
            return -1;
        case Stream::Kind::SameAsStdout:
            posix_spawn_file_actions_adddup2(&s.actions, 1, target);
            return -1;
        case Stream::Kind::File:
            posix_spawn_file_actions_addopen(
                &s.actions, target, stream.path.c_str(),
                O_WRONLY | O_CREAT | (stream.append ? O_APPEND : O_TRUNC), 0644);
            return -1;
        case Stream::Kind::Pipe:
            break;
    }
    auto [read_end, write_end] = make_pipe();
    const bool child_reads = target == 0;
    posix_spawn_file_actions_adddup2(&s.actions, child_reads ? read_end : write_end, target);
    s.child_ends.push_back(child_reads ? read_end : write_end);
    int ours = child_reads ? write_end : read_end;
    // Reads drain what is there and return: a wait must not block on a quiet child.
    if (!child_reads) ::fcntl(ours, F_SETFL, O_NONBLOCK);
    return ours;
}

// This process's environment with `extra` added; a name already set takes the new value.
std::vector<std::string> environment(const std::vector<std::string>& extra) {
    std::vector<std::string> env;
    for (char** e = environ; *e; ++e) {
        std::string_view entry(*e);
        auto name = entry.substr(0, entry.find('=') + 1);
        if (std::none_of(extra.begin(), extra.end(),
                         [&](const std::string& x) { return x.starts_with(name); }))
            env.emplace_back(entry);
    }
    env.insert(env.end(), extra.begin(), extra.end());
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

int exit_status(int st) {
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void close_fd(int& fd) {
    if (fd >= 0) ::close(fd);
    fd = -1;
}

std::string proc_file(pid_t pid, const char* name) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

ChildProcess::ChildProcess(const std::vector<std::string>& argv, ChildOptions options)
    : own_group_(options.own_group), grace_(options.grace) {
    Spawn s;
    short flags = POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK;
    // Stop signals at their defaults and none blocked, as a shell starts a program: bash,
    // for one, cannot trap a signal that was ignored when it started.
    sigset_t defaults, none;
    sigemptyset(&defaults);
    for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&defaults, sig);
    sigemptyset(&none);
    posix_spawnattr_setsigdefault(&s.attr, &defaults);
    posix_spawnattr_setsigmask(&s.attr, &none);
    if (own_group_) {
        flags |= POSIX_SPAWN_SETPGROUP;
        posix_spawnattr_setpgroup(&s.attr, 0);
    }
    std::string tty;
    try {
        if (options.terminal) {
            int master = -1, slave = -1;
            if (::openpty(&master, &slave, nullptr, nullptr, nullptr) != 0)
                throw std::runtime_error("openpty: " + std::string(strerror(errno)));
            out_ = master;
            ::fcntl(master, F_SETFD, FD_CLOEXEC);
            s.child_ends.push_back(slave);
            const char* name = ::ttyname(slave);
            if (!name) throw std::runtime_error("ttyname: " + std::string(strerror(errno)));
            tty = name;
            in_ = ::fcntl(master, F_DUPFD_CLOEXEC, 0);
            ::fcntl(out_, F_SETFL, O_NONBLOCK);
            // A new session opening the terminal makes it its controlling one, as forkpty does
            // (posix_spawn starts the session before it opens files).
            flags |= POSIX_SPAWN_SETSID;
            posix_spawn_file_actions_addopen(&s.actions, 0, tty.c_str(), O_RDWR, 0);
            posix_spawn_file_actions_adddup2(&s.actions, 0, 1);
            posix_spawn_file_actions_adddup2(&s.actions, 0, 2);
        } else {
            in_ = redirect(s, options.in, 0);
            out_ = redirect(s, options.out, 1);
            err_ = redirect(s, options.err, 2);
        }
    } catch (...) {
        close_fd(in_), close_fd(out_), close_fd(err_);
        throw;
    }
    posix_spawnattr_setflags(&s.attr, flags);
    std::vector<std::string> args = argv, env = environment(options.env);
    auto argp = pointers(args), envp = pointers(env);
    int rc = posix_spawn(&pid_, argp[0], &s.actions, &s.attr, argp.data(), envp.data());
    if (rc != 0) {
        pid_ = -1;
        close_fd(in_), close_fd(out_), close_fd(err_);
        throw std::runtime_error("cannot start " + argv[0] + ": " + strerror(rc));
    }
    // The raw call: glibc 2.36's <sys/pidfd.h> declares pidfd_open without C linkage.
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid_, 0));
}

ChildProcess::~ChildProcess() {
    if (running() && grace_.count() > 0) {
        signal(SIGTERM);
        wait(grace_);
    }
    if (running()) {
        ::kill(own_group_ ? -pid_ : pid_, SIGKILL);
        wait();
    }
    close_fd(in_), close_fd(out_), close_fd(err_);
}

bool ChildProcess::running() {
    if (pid_ <= 0) return false;
    int st = 0;
    if (::waitpid(pid_, &st, WNOHANG) != pid_) return true;
    status_ = exit_status(st);
    pid_ = -1;
    close_fd(pidfd_);
    drain();  // what it wrote before it ended
    return false;
}

void ChildProcess::signal(int sig) {
    if (pid_ > 0) ::kill(pid_, sig);
}

int ChildProcess::wait(std::chrono::milliseconds within) {
    return wait_until(Clock::now() + within);
}

int ChildProcess::wait() {
    return wait_until(Clock::time_point::max());
}

int ChildProcess::wait_until(Clock::time_point deadline) {
    while (running()) {
        if (Clock::now() >= deadline) return -1;
        pump(deadline);
    }
    return status_;
}

int ChildProcess::stop(int sig) {
    signal(sig);
    return wait();
}

bool ChildProcess::write(std::string_view bytes) {
    while (in_ >= 0 && !bytes.empty()) {
        ssize_t n = ::write(in_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<size_t>(n));
    }
    return bytes.empty();
}

void ChildProcess::close_input() {
    close_fd(in_);
}

void ChildProcess::pump(Clock::time_point deadline) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    int ms = static_cast<int>(std::clamp<long long>(left.count(), 0, INT_MAX));
    if (pidfd_ < 0) ms = std::min(ms, 20);  // no pidfd (an old kernel): look for the exit often
    pollfd fds[3] = {{out_, POLLIN, 0}, {err_, POLLIN, 0}, {pidfd_, POLLIN, 0}};
    ::poll(fds, 3, ms);  // negative descriptors are skipped
    drain();
    running();  // reaps an exited child, so its pidfd stops waking the next poll
}

void ChildProcess::drain() {
    for (auto [fd, text] : {std::pair{&out_, &out_text_}, std::pair{&err_, &err_text_}}) {
        char buf[4096];
        while (*fd >= 0) {
            ssize_t n = ::read(*fd, buf, sizeof buf);
            if (n > 0)
                text->append(buf, static_cast<size_t>(n));
            else if (n < 0 && errno == EINTR)
                continue;
            else if (n < 0 && errno == EAGAIN)
                break;
            else
                close_fd(*fd);  // the end; EIO from a terminal whose child side is gone
        }
    }
}

std::optional<std::string> ChildProcess::read_line(std::chrono::milliseconds within) {
    const size_t start = cursor_;
    if (!wait_for("\n", within)) return std::nullopt;
    return out_text_.substr(start, cursor_ - 1 - start);
}

bool ChildProcess::wait_for(std::string_view text, std::chrono::milliseconds within) {
    const auto deadline = Clock::now() + within;
    for (;;) {
        if (auto at = out_text_.find(text, cursor_); at != std::string::npos) {
            cursor_ = at + text.size();
            return true;
        }
        if (out_ < 0 || Clock::now() >= deadline) return false;
        pump(deadline);
    }
}

long ChildProcess::rss_kib() const {
    std::istringstream status(proc_file(pid_, "status"));
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

double ChildProcess::cpu_seconds() const {
    std::string stat = proc_file(pid_, "stat");
    auto name_end = stat.rfind(')');  // the name may hold spaces and parentheses
    if (name_end == std::string::npos) return -1;
    std::istringstream rest(stat.substr(name_end + 2));
    std::string field;
    double ticks = 0;
    for (int i = 3; i <= 15 && rest >> field; ++i)
        if (i == 14 || i == 15) ticks += std::stod(field);  // utime, stime
    return ticks / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

RunResult run_program(const std::vector<std::string>& argv, const std::string& stdin_text) {
    ChildProcess child(argv, {.in = Stream::pipe(), .out = Stream::pipe(), .err = Stream::pipe()});
    child.write(stdin_text);
    child.close_input();
    RunResult r;
    r.status = child.wait();
    r.out = child.output();
    r.err = child.errors();
    return r;
}

}  // namespace onestop::test
