// scripts/demo end to end, on the built programs (--no-build --headless --port 0): once
// the hall is up, a signal to the demo must stop the devices, let the counter and the
// simulator sign their windows out while the hub still runs, then stop the hub and the
// printer emulator, and leave no process it started. Checked from outside: the pids the
// demo records, the sessions they lead, and the hub's database after the demo ended.
#include <doctest/doctest.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "child_process.h"
#include "onestop/net/hub_client.h"
#include "onestop/store/database.h"
#include "temp_dir.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

std::string read_file(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// /proc/PID/stat: the state letter and the session id, or nullopt when the pid is gone.
struct ProcStat {
    char state = '?';
    pid_t session = 0;
};
std::optional<ProcStat> proc_stat(pid_t pid) {
    std::string s = read_file("/proc/" + std::to_string(pid) + "/stat");
    auto close_paren = s.rfind(')');  // the name may hold spaces and parentheses
    if (close_paren == std::string::npos) return std::nullopt;
    std::istringstream rest(s.substr(close_paren + 2));
    ProcStat st;
    pid_t ppid = 0, pgrp = 0;
    rest >> st.state >> ppid >> pgrp >> st.session;
    return st;
}
// An exited process nobody reaped yet (a zombie) no longer runs.
bool running(pid_t pid) {
    auto st = proc_stat(pid);
    return st && st->state != 'Z';
}

// Running processes (not zombies) whose session is led by one of `leaders`: pid → leader.
std::map<pid_t, std::string> in_sessions(const std::map<pid_t, std::string>& leaders) {
    std::map<pid_t, std::string> found;
    for (const auto& entry : fs::directory_iterator("/proc")) {
        std::string name = entry.path().filename();
        if (name.find_first_not_of("0123456789") != std::string::npos) continue;
        pid_t pid = std::stoi(name);
        auto st = proc_stat(pid);
        if (!st || st->state == 'Z') continue;
        if (auto it = leaders.find(st->session); it != leaders.end()) found[pid] = it->second;
    }
    return found;
}

template <typename F>
bool wait_until(F condition, std::chrono::milliseconds within) {
    auto deadline = Clock::now() + within;
    while (Clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(100ms);
    }
    return condition();
}

// The demo as a terminal would run it: a process group of its own (so a "Ctrl-C" is a
// SIGINT to that group), output in a file, and for stdin a pipe held open and never
// written, so nothing reads end of input. Left running by a failed check, it gets 20 s to
// stop the hall itself before it is killed.
onestop::test::ChildProcess start_demo(const std::vector<std::string>& argv,
                                       const std::vector<std::string>& extra_env,
                                       const fs::path& output) {
    using onestop::test::Stream;
    return onestop::test::ChildProcess(argv, {.in = Stream::pipe(),
                                              .out = Stream::file(output),
                                              .err = Stream::same_as_stdout(),
                                              .env = extra_env,
                                              .own_group = true,
                                              .grace = 20s});
}

// The hub's URL once the demo has announced it; empty if it did not.
std::string hub_url(onestop::test::ChildProcess& demo, const fs::path& output,
                    std::chrono::milliseconds within) {
    const std::string marker = "demo: hub at ";
    std::string url;
    wait_until(
        [&] {
            std::string out = read_file(output);
            auto at = out.find(marker);
            if (at == std::string::npos) return !demo.running();
            auto start = at + marker.size();
            url = out.substr(start, out.find(' ', start) - start);
            return true;
        },
        within);
    return url;
}

std::map<pid_t, std::string> recorded_pids(const fs::path& var) {
    std::map<pid_t, std::string> pids;
    std::istringstream in(read_file(var / "demo.pids"));
    pid_t pid;
    std::string name;
    while (in >> pid >> name) pids[pid] = name;
    return pids;
}

// Window 1 signed in at the counter, windows 2–6 by the simulator, and one of them has
// called a number (so the sign-outs have a called ticket to finish).
bool hall_busy(onestop::net::HubClient& hub) {
    auto q = hub.queue();
    if (!q) return false;
    bool counter = false, called = false;
    int sim_windows = 0;
    for (const auto& w : q->windows) {
        if (w.number == 1) counter = w.staff && w.staff->number == "S001";
        if (w.number >= 2 && w.number <= 6 && w.staff) {
            ++sim_windows;
            called = called || w.current.has_value();
        }
    }
    return counter && sim_windows == 5 && called;
}

int64_t count(onestop::store::Database& db, const std::string& sql) {
    auto st = db.prepare(sql);
    REQUIRE_MESSAGE(st.ok(), sql);
    auto row = (*st)->step();
    REQUIRE_MESSAGE((row.ok() && *row), sql);
    int64_t n = (*st)->column_int(0);
    (*st)->reset();
    return n;
}

// After a failed check: SIGKILL whatever the demo recorded and left running, with
// everything in those processes' sessions, so one failure does not leave a hall behind.
struct Sweep {
    fs::path var;
    ~Sweep() {
        auto pids = recorded_pids(var);
        std::erase_if(pids, [](const auto& p) { return p.second == "demo"; });  // not a leader
        for (const auto& [pid, name] : pids)
            if (running(pid)) ::kill(pid, SIGKILL);
        for (const auto& [pid, leader] : in_sessions(pids)) ::kill(pid, SIGKILL);
    }
};

enum class Stop { TermToDemo, CtrlC };

// Runs the demo until the hall is busy, stops it, and checks what it left.
void run_and_stop(Stop how, bool in_terminal) {
    onestop::test::TempDir dir;
    fs::path var = dir / "var";
    std::string demo = std::string(ONESTOP_SOURCE_DIR) + "/scripts/demo";
    std::string args = " --no-build --headless --port 0 --bin " + std::string(ONESTOP_BIN_DIR) +
                       " --var " + var.string();
    std::vector<std::string> argv{"/bin/bash", demo};
    std::vector<std::string> env;
    if (in_terminal) {
        // script(1) gives the demo a terminal, so it runs the simulator and the counter in
        // tmux panes, as at a desk.
        argv = {"/usr/bin/script", "-qefc", "/bin/bash " + demo + args, "/dev/null"};
        env = {"TERM=xterm-256color", "SHELL=/bin/sh"};
    } else {
        std::istringstream split(args);
        for (std::string a; split >> a;) argv.push_back(a);
    }
    Sweep sweep{var};  // declared before the run: sweeps after the run's own stop
    const fs::path output = dir / "demo.out";
    auto run = start_demo(argv, env, output);

    std::string url = hub_url(run, output, 60s);
    REQUIRE_MESSAGE(!url.empty(), "the demo did not start:\n" << read_file(output));
    onestop::net::HubClient hub(onestop::net::ClientOptions{url, ""});
    REQUIRE_MESSAGE(wait_until([&] { return hub.health().ok() && hall_busy(hub); }, 90s),
                    "the hall did not get busy:\n"
                        << read_file(output));

    auto pids = recorded_pids(var);
    std::vector<std::string> names;
    for (const auto& [pid, name] : pids) names.push_back(name);
    for (const char* expected : {"demo", "hub", "printer", "kiosk", "pad-1", "board-hall",
                                 "board-window-1", "counter", "sim"}) {
        CHECK_MESSAGE(std::find(names.begin(), names.end(), expected) != names.end(),
                      std::string(expected) << " not in demo.pids");
    }
    if (in_terminal) CHECK(std::find(names.begin(), names.end(), "tmux-server") != names.end());
    pid_t demo_pid = 0;
    for (const auto& [pid, name] : pids)
        if (name == "demo") demo_pid = pid;
    REQUIRE(demo_pid > 0);

    if (how == Stop::TermToDemo) {
        REQUIRE(::kill(demo_pid, SIGTERM) == 0);
    } else {
        // What a terminal does on Ctrl-C: SIGINT to its foreground process group.
        REQUIRE(::kill(-run.pid(), SIGINT) == 0);
    }
    int status = run.wait(60s);
    std::string out = read_file(output);
    INFO("demo output:\n" << out);
    REQUIRE(status != -1);
    CHECK(status == 0);
    CHECK(out.find("demo: stopped.") != std::string::npos);

    for (const auto& [pid, name] : pids) CHECK_MESSAGE(!running(pid), name << " still runs");
    if (in_terminal) {  // tmux leaves its socket behind unless the demo removes it
        const char* tmpdir = std::getenv("TMUX_TMPDIR");
        fs::path socket = fs::path(tmpdir && *tmpdir ? tmpdir : "/tmp") /
                          ("tmux-" + std::to_string(::getuid())) /
                          ("onestop-demo-" + std::to_string(demo_pid));
        CHECK_MESSAGE(!fs::exists(socket), socket.string());
    }
    // Every program ran as a session leader (setsid, or a tmux pane or server): nothing
    // it started may outlive it either.
    std::map<pid_t, std::string> leaders = pids;
    leaders.erase(demo_pid);
    std::string left;
    for (const auto& [pid, leader] : in_sessions(leaders))
        left += std::to_string(pid) + " (in the session of " + leader + "); ";
    CHECK_MESSAGE(left.empty(), "left running: " << left);

    // The hub was still up when the counter and the simulator signed out.
    auto db = onestop::store::Database::open(var / "onestop.db");
    REQUIRE(db.ok());
    CHECK(count(**db, "SELECT count(*) FROM sessions WHERE window = 1 AND staff = 'S001'") >= 1);
    CHECK(count(**db, "SELECT count(*) FROM sessions WHERE ended_at IS NULL") == 0);
    CHECK(count(**db, "SELECT count(*) FROM attendance WHERE check_out IS NULL") == 0);
    // The simulator finishes what its windows serve before signing out. The counter does
    // not: a number called at window 1 stays called for the next shift (docs/counter.md).
    CHECK(count(**db, "SELECT count(*) FROM tickets WHERE status = 'called' AND window <> 1") == 0);
    // Each screen wrote its last frame on the way out.
    for (const char* screen : {"kiosk", "pad-1", "board-hall", "board-window-1"})
        CHECK_MESSAGE(fs::exists(var / "screens" / (std::string(screen) + ".png")), screen);
}

bool have(const char* program) {
    for (const char* dir : {"/usr/bin", "/bin", "/usr/local/bin"})
        if (::access((std::string(dir) + "/" + program).c_str(), X_OK) == 0) return true;
    return false;
}

}  // namespace

TEST_CASE("SIGTERM to the demo stops the hall in order and leaves no process behind") {
    run_and_stop(Stop::TermToDemo, false);
}

TEST_CASE("Ctrl-C (SIGINT to the demo's process group) stops the hall in order, nothing left") {
    run_and_stop(Stop::CtrlC, false);
}

TEST_CASE("at a terminal (tmux panes), SIGTERM to the demo stops the panes and tmux too") {
    if (!have("tmux") || !have("script")) {
        MESSAGE("skipped: tmux or script(1) is not installed");
        return;
    }
    run_and_stop(Stop::TermToDemo, true);
}
