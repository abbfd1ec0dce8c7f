// Every program's command line as people meet it: --help and --version exit 0, a wrong
// flag exits 2 and names it, a token file that cannot be read is named.
#include <doctest/doctest.h>

#include <fstream>

#include "hub_process.h"
#include "temp_dir.h"

namespace {

struct Run {
    int status = -1;
    std::string text;  // stdout and stderr together
};

Run run(const std::string& program, const std::vector<std::string>& args) {
    std::vector<std::string> argv = {"/bin/sh", "-c", "exec \"$0\" \"$@\" 2>&1",
                                     onestop::test::bin_path(program)};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = onestop::test::run_program(argv);
    return {r.status, r.out};
}

bool has(const Run& r, const std::string& text) {
    return r.text.find(text) != std::string::npos;
}

const std::vector<std::string> kPrograms = {"onestop-kiosk", "onestop-board", "onestop-counter",
                                            "onestop-print", "onestop-sim"};

}  // namespace

TEST_CASE("--help and --version exit 0; an unknown flag exits 2 and is named") {
    for (const auto& program : kPrograms) {
        INFO(program);
        auto help = run(program, {"--help"});
        CHECK(help.status == 0);
        CHECK(has(help, "--"));
        auto version = run(program, {"--version"});
        CHECK(version.status == 0);
        CHECK(version.text.rfind(program + " ", 0) == 0);
        auto wrong = run(program, {"--frobnicate"});
        CHECK(wrong.status == 2);
        CHECK(has(wrong, "--frobnicate"));
    }
}

TEST_CASE("each --help lists the program's own flags and the token file") {
    CHECK(has(run("onestop-kiosk", {"--help"}), "--mode"));
    CHECK(has(run("onestop-kiosk", {"--help"}), "--token-file"));
    CHECK(has(run("onestop-board", {"--help"}), "--voice-out"));
    CHECK(has(run("onestop-board", {"--help"}), "--token-file"));
    CHECK(has(run("onestop-counter", {"--help", "--lang", "en"}), "--token-file FILE"));
    for (const char* device : {"onestop-kiosk", "onestop-board"})
        CHECK(has(run(device, {"--help"}), "--ca-file FILE"));
    CHECK(has(run("onestop-counter", {"--help", "--lang", "en"}), "--ca-file FILE"));
    CHECK(has(run("onestop-counter", {"--help"}), "本窗口编号"));
    CHECK(has(run("onestop-sim", {"--help"}), "--kiosk-token-file"));
    CHECK(has(run("onestop-sim", {"--help"}), "--pads-file"));
    // A subcommand's help shows its own usage line.
    auto ticket = run("onestop-print", {"ticket", "--help", "--lang", "en"});
    CHECK(ticket.status == 0);
    CHECK(has(ticket, "onestop-print ticket --number"));
    CHECK_FALSE(has(ticket, "onestop-print emulate"));
}

TEST_CASE(
    "a token file that cannot be read or is empty stops the program with exit 2, naming the file") {
    onestop::test::TempDir dir;
    const std::string missing = (dir / "missing.token").string();
    const std::string empty = (dir / "empty.token").string();
    std::ofstream(empty) << "\n";
    const std::vector<std::pair<std::string, std::vector<std::string>>> launches = {
        {"onestop-kiosk", {"--headless"}},
        {"onestop-board", {"--headless"}},
        {"onestop-counter", {"--window", "1", "--staff", "S001"}},
    };
    for (const auto& [program, args] : launches) {
        INFO(program);
        auto a = args;
        a.insert(a.end(), {"--token-file", missing});
        auto r = run(program, a);
        CHECK(r.status == 2);
        CHECK(has(r, "cannot read token file " + missing + ": no such file"));
        a = args;
        a.insert(a.end(), {"--token-file", empty});
        r = run(program, a);
        CHECK(r.status == 2);
        CHECK(has(r, "token file " + empty + " is empty"));
        a = args;
        a.insert(a.end(), {"--token", "t", "--token-file", empty});
        r = run(program, a);
        CHECK(r.status == 2);
        CHECK(has(r, "--token-file"));
    }
    auto sim = run("onestop-sim", {"--kiosk-token-file", missing, "--counter-token", "c"});
    CHECK(sim.status == 2);
    CHECK(has(sim, "cannot read token file " + missing + ": no such file"));
}

TEST_CASE("required and related flags are named when missing or wrong") {
    struct Case {
        std::string program;
        std::vector<std::string> args;
        std::string named;
    };
    const std::vector<Case> cases = {
        {"onestop-counter", {"--staff", "S001"}, "--window"},
        {"onestop-counter", {"--window", "1"}, "--staff"},
        {"onestop-counter", {"--window", "1", "--staff", "S001", "--input", "serial"}, "--input"},
        {"onestop-kiosk", {"--mode", "rating"}, "--window"},
        {"onestop-kiosk", {"--mode", "lottery"}, "--mode"},
        {"onestop-kiosk", {"--window-size", "big"}, "--window-size"},
        {"onestop-board", {"--layout", "window"}, "--window"},
        {"onestop-board", {"--layout", "hall", "--window", "3"}, "--window"},
        {"onestop-board", {"--volume", "101"}, "--volume"},
        {"onestop-print",
         {"ticket", "--number", "A001", "--service", "A", "--qr", "http://h/t/1"},
         "--device"},
        {"onestop-print", {"emulate", "--listen", "nowhere", "--out-dir", "x"}, "--listen"},
        {"onestop-print", {"frobnicate"}, "frobnicate"},
        {"onestop-sim", {"--counter-token", "c"}, "--kiosk-token"},
        {"onestop-sim", {"--kiosk-token", "k", "--counter-token", "c", "--rate", "0"}, "--rate"},
    };
    for (const auto& c : cases) {
        auto r = run(c.program, c.args);
        INFO(c.program << ": " << r.text);
        CHECK(r.status == 2);
        CHECK(has(r, c.named));
    }
}
