#include "hub_launcher.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

namespace onestop::bench {

Result<std::string> run_capture(const std::vector<std::string>& argv_in) {
    std::vector<std::string> args = argv_in;
    int out[2];
    if (pipe(out) != 0) return make_error("spawn_failed", "pipe failed");
    pid_t pid = fork();
    if (pid == 0) {
        dup2(out[1], 1);
        close(out[0]);
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        execv(argv[0], argv.data());
        _exit(127);
    }
    close(out[1]);
    std::string text;
    char buf[512];
    ssize_t n;
    while ((n = read(out[0], buf, sizeof buf)) > 0) text.append(buf, static_cast<size_t>(n));
    close(out[0]);
    int st = 0;
    waitpid(pid, &st, 0);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return make_error("command_failed", args[0] + " " + args[1] + " failed: " + text);
    return text.substr(0, text.find_first_of("\r\n"));
}

HubLauncher::HubLauncher(std::filesystem::path hub_binary, std::filesystem::path db,
                         std::string now)
    : bin_(std::move(hub_binary)), db_(std::move(db)), now_(std::move(now)) {}

HubLauncher::~HubLauncher() {
    stop();
}

Status HubLauncher::init() {
    auto r = run_capture({bin_.string(), "init", "--db", db_.string()});
    if (!r) return r.error();
    return {};
}

Result<std::string> HubLauncher::create_token(const std::string& role, const std::string& name,
                                              int window) {
    std::vector<std::string> a = {bin_.string(), "token", "create", "--db", db_.string(),
                                  "--role",      role,    "--name", name};
    if (window > 0) a.insert(a.end(), {"--window", std::to_string(window)});
    return run_capture(a);
}

Status HubLauncher::add_staff(const std::string& number, const std::string& name,
                              const std::string& unit, const std::string& pin) {
    auto r = run_capture({bin_.string(), "staff", "add", "--db", db_.string(), "--number", number,
                          "--name", name, "--unit", unit, "--pin", pin});
    if (!r) return r.error();
    return {};
}

Status HubLauncher::start() {
    int out[2];
    if (pipe(out) != 0) return make_error("spawn_failed", "pipe failed");
    pid_ = fork();
    if (pid_ == 0) {
        dup2(out[1], 1);
        close(out[0]);
        int devnull = open("/dev/null", O_WRONLY);
        if (devnull >= 0) dup2(devnull, 2);  // the hub's request log would skew the timing
        execl(bin_.c_str(), bin_.c_str(), "serve", "--db", db_.c_str(), "--listen", "127.0.0.1:0",
              "--now", now_.c_str(), static_cast<char*>(nullptr));
        _exit(127);
    }
    close(out[1]);
    std::string line;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
        pollfd p{out[0], POLLIN, 0};
        if (poll(&p, 1, 200) <= 0) continue;
        char c[256];
        ssize_t n = read(out[0], c, sizeof c);
        if (n <= 0) break;
        line.append(c, static_cast<size_t>(n));
    }
    close(out[0]);
    const std::string prefix = "listening on ";
    auto at = line.find(prefix);
    if (at == std::string::npos) {
        stop();
        return make_error("hub_failed", "the hub did not start: '" + line + "'");
    }
    url_ = line.substr(at + prefix.size());
    url_ = url_.substr(0, url_.find_first_of("\r\n"));
    return {};
}

void HubLauncher::stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int st;
    waitpid(pid_, &st, 0);
    pid_ = -1;
}

long HubLauncher::rss_kib() const {
    std::ifstream status("/proc/" + std::to_string(pid_) + "/status");
    std::string key;
    while (status >> key) {
        if (key == "VmRSS:") {
            long kib = -1;
            status >> kib;
            return kib;
        }
        std::string rest;
        std::getline(status, rest);
    }
    return -1;
}

}  // namespace onestop::bench
