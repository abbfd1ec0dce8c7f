#include "hub_process.h"

#include "raw_http.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace onestop::test {

std::string bin_path(const std::string& program) {
    return std::string(ONESTOP_BIN_DIR) + "/" + program;
}

static std::vector<char*> to_argv(std::vector<std::string>& args) {
    std::vector<char*> out;
    for (auto& a : args) out.push_back(a.data());
    out.push_back(nullptr);
    return out;
}

RunResult run_program(const std::vector<std::string>& argv_in, const std::string& stdin_text) {
    std::vector<std::string> args = argv_in;
    int out_pipe[2], err_pipe[2], in_pipe[2];
    // Close-on-exec: a hub started later by the same test must not inherit these ends.
    if (pipe2(out_pipe, O_CLOEXEC) != 0 || pipe2(err_pipe, O_CLOEXEC) != 0 ||
        pipe2(in_pipe, O_CLOEXEC) != 0)
        throw std::runtime_error("pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        auto argv = to_argv(args);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    if (!stdin_text.empty()) {
        ssize_t ignored = write(in_pipe[1], stdin_text.data(), stdin_text.size());
        (void)ignored;
    }
    close(in_pipe[1]);
    RunResult r;
    // Both pipes at once: a child that fills one while we wait on the other would hang.
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* into[2] = {&r.out, &r.err};
    int open_pipes = 2;
    while (open_pipes > 0 && poll(fds, 2, -1) > 0) {
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || fds[i].revents == 0) continue;
            char buf[4096];
            ssize_t n = read(fds[i].fd, buf, sizeof buf);
            if (n > 0) {
                into[i]->append(buf, static_cast<size_t>(n));
            } else {
                close(fds[i].fd);
                fds[i].fd = -1;
                --open_pipes;
            }
        }
    }
    int st = 0;
    waitpid(pid, &st, 0);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    return r;
}

HubProcess::HubProcess(HubOptions options) : options_(std::move(options)) {
    stderr_file_ = options_.db;
    stderr_file_ += ".hub-stderr.log";
}

HubProcess::~HubProcess() {
    if (pid_ > 0) kill9();
}

void HubProcess::start(int port) {
    std::vector<std::string> args = {
        bin_path("onestop-hub"), "serve",    "--db",
        options_.db.string(),    "--listen", "127.0.0.1:" + std::to_string(port)};
    if (!options_.now.empty()) args.insert(args.end(), {"--now", options_.now});
    if (!options_.hall.empty()) args.insert(args.end(), {"--hall", options_.hall});
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());

    int out_pipe[2];
    if (pipe2(out_pipe, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out_pipe[1], 1);
        int err = open(stderr_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
        if (err >= 0) dup2(err, 2);
        close(out_pipe[0]);
        auto argv = to_argv(args);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out_pipe[1]);

    // Read stdout until the one "listening on http://HOST:PORT" line.
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (line.find('\n') == std::string::npos) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        pollfd p{out_pipe[0], POLLIN, 0};
        if (left.count() <= 0 || poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
        char c[256];
        ssize_t n = read(out_pipe[0], c, sizeof c);
        if (n <= 0) break;
        line.append(c, static_cast<size_t>(n));
    }
    close(out_pipe[0]);
    const std::string prefix = "listening on http://";
    auto at = line.find(prefix);
    if (at == std::string::npos) {
        kill9();
        std::ifstream err(stderr_file_);
        std::stringstream ss;
        ss << err.rdbuf();
        throw std::runtime_error("hub did not start; stdout: '" + line + "' stderr: " + ss.str());
    }
    std::string hostport = line.substr(at + prefix.size());
    hostport = hostport.substr(0, hostport.find_first_of("\r\n"));
    port_ = std::stoi(hostport.substr(hostport.rfind(':') + 1));
    url_ = "http://" + hostport;
}

void HubProcess::kill9() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int st;
    waitpid(pid_, &st, 0);
    pid_ = -1;
}

int HubProcess::event_subscribers() const {
    auto r =
        raw_request(port_, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string name = "\nonestop_event_subscribers ";
    auto at = r.body.find(name);
    if (r.status != 200 || at == std::string::npos) return -1;
    return std::atoi(r.body.c_str() + at + name.size());
}

int HubProcess::terminate() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int st = 0;
    waitpid(pid_, &st, 0);
    pid_ = -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

void HubProcess::init() const {
    std::vector<std::string> args = {bin_path("onestop-hub"), "init", "--db", options_.db.string()};
    if (!options_.hall.empty()) args.insert(args.end(), {"--hall", options_.hall});
    RunResult r = run_program(args);
    if (r.status != 0) throw std::runtime_error("init failed: " + r.err);
}

std::string HubProcess::create_token(const std::string& role, const std::string& name,
                                     int window) const {
    std::vector<std::string> args = {bin_path("onestop-hub"),
                                     "token",
                                     "create",
                                     "--db",
                                     options_.db.string(),
                                     "--role",
                                     role,
                                     "--name",
                                     name};
    if (window > 0) args.insert(args.end(), {"--window", std::to_string(window)});
    RunResult r = run_program(args);
    if (r.status != 0) throw std::runtime_error("token create failed: " + r.err);
    std::string token = r.out.substr(0, r.out.find_first_of("\r\n"));
    return token;
}

void HubProcess::add_staff(const std::string& number, const std::string& name,
                           const std::string& unit, const std::string& pin) const {
    std::vector<std::string> args = {bin_path("onestop-hub"),
                                     "staff",
                                     "add",
                                     "--db",
                                     options_.db.string(),
                                     "--number",
                                     number,
                                     "--name",
                                     name,
                                     "--unit",
                                     unit,
                                     "--pin",
                                     pin};
    RunResult r = run_program(args);
    if (r.status != 0) throw std::runtime_error("staff add failed: " + r.err);
}

}  // namespace onestop::test
