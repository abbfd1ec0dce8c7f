// The child-process helper every end-to-end test and benchmark starts programs with, on
// /bin/sh so it needs no built program.
#include <doctest/doctest.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "child_process.h"
#include "temp_dir.h"

using namespace std::chrono_literals;
using onestop::test::ChildOptions;
using onestop::test::ChildProcess;
using onestop::test::Stream;

namespace {

std::string read_file(const std::filesystem::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Gone, or a zombie nobody reaps yet (PID 1 in a container may never): not running.
bool ended(pid_t pid) {
    std::string stat = read_file("/proc/" + std::to_string(pid) + "/stat");
    auto name_end = stat.rfind(')');
    return name_end == std::string::npos || stat.substr(name_end + 2, 1) == "Z";
}

ChildProcess sh(const std::string& script, ChildOptions options = {}) {
    return ChildProcess({"/bin/sh", "-c", script}, std::move(options));
}

}  // namespace

TEST_CASE("lines and matches in stdout, in order; the exit status") {
    auto child = sh("echo first; echo 'port 42'; read x; echo \"got $x\"; exit 3",
                    {.in = Stream::pipe(), .out = Stream::pipe()});
    CHECK(child.read_line(5s) == "first");
    CHECK(child.wait_for("port ", 5s));
    CHECK(child.read_line(5s) == "42");
    CHECK(child.write("it\n"));
    CHECK(child.read_line(5s) == "got it");
    CHECK(child.wait(5s) == 3);
    CHECK_FALSE(child.running());
    CHECK_FALSE(child.read_line(100ms).has_value());  // the end: no wait for the deadline
}

TEST_CASE("a wait times out with -1; a signal ends it with 128 + the signal") {
    auto child = sh("exec sleep 30");
    CHECK(child.wait(50ms) == -1);
    CHECK(child.running());
    CHECK(child.stop() == 128 + SIGTERM);
}

TEST_CASE("stderr on a pipe, environment additions replace inherited values") {
    setenv("ONESTOP_CHILD_TEST", "old", 1);
    auto child =
        sh("echo \"$ONESTOP_CHILD_TEST $ONESTOP_CHILD_NEW\" >&2",
           {.err = Stream::pipe(), .env = {"ONESTOP_CHILD_TEST=new", "ONESTOP_CHILD_NEW=added"}});
    CHECK(child.wait(5s) == 0);
    CHECK(child.errors() == "new added\n");
}

TEST_CASE("stdout and stderr into one file") {
    onestop::test::TempDir dir;
    auto child = sh("echo out; echo err >&2",
                    {.out = Stream::file(dir / "log"), .err = Stream::same_as_stdout()});
    CHECK(child.wait(5s) == 0);
    CHECK(read_file(dir / "log") == "out\nerr\n");
}

TEST_CASE("on a terminal: stdin is a tty and it is the controlling one") {
    auto child = sh("test -t 0 && echo tty; exec 2>/dev/null </dev/tty && echo controlling",
                    {.terminal = true});
    CHECK(child.wait_for("tty"));
    CHECK(child.wait_for("controlling"));
    CHECK(child.wait(5s) == 0);
}

TEST_CASE("scope exit kills the child and, with own_group, what it started") {
    pid_t grandchild = 0;
    {
        auto child = sh("sleep 30 & echo $!; wait", {.out = Stream::pipe(), .own_group = true});
        auto line = child.read_line(5s);
        REQUIRE(line.has_value());
        grandchild = std::stoi(*line);
    }
    bool gone = false;
    for (int i = 0; i < 500 && !(gone = ended(grandchild)); ++i) std::this_thread::sleep_for(10ms);
    CHECK(gone);
}
