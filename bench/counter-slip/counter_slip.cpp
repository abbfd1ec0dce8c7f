// bench-counter-slip [--cases N] [--mode deadline|supplement|return|instant]
// A case opened at the counter → the slip's first byte at the printer (issue 13: p99 ≤
// 150 ms). The real onestop-counter (--input tty --printer tcp:…) against a real hub on
// loopback and the ESC/POS emulator in-process: for each case a ticket is issued and
// called, the case menu opened, and the clock starts when the confirming Enter is written
// to the counter's standard input; it stops when the first byte of the slip itself (not a
// status query) reaches the emulator. Prints n, p50, p99 and max.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>

#include "child_process.h"
#include "hub_process.h"
#include "onestop/base/log.h"
#include "onestop/cli/cli.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/hub_client.h"
#include "onestop/printer/emulator.h"
#include "percentile.h"
#include "temp_dir.h"

using namespace onestop;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

using test::percentile;

int main(int argc, char** argv) {
    int cases = 200;
    std::string mode = "deadline";
    CLI::App cli("bench-counter-slip: a case opened at the counter -> the slip's first byte",
                 "bench-counter-slip");
    cli.add_option("--cases", cases, "how many cases to open")
        ->capture_default_str()
        ->check(CLI::Range(1, 999));
    cli.add_option("--mode", mode, "the cases' mode")
        ->capture_default_str()
        ->check(CLI::IsMember({"instant", "deadline", "supplement", "return"}));
    CLI11_PARSE(cli, argc, argv);
    spdlog::set_level(spdlog::level::warn);  // the emulator notes every job it saves
    // The keys after the cases key (0): the mode's digit, then what the mode asks for.
    const std::string keys = mode == "instant"      ? "1"
                             : mode == "deadline"   ? "2"
                             : mode == "supplement" ? "31"
                                                    : "41";

    auto cat = config::Catalogue::load_asset("counter");
    if (!cat) {
        std::fprintf(stderr, "%s\n", cat.error().message.c_str());
        return 1;
    }
    auto say = [&](const std::string& key, const std::map<std::string, std::string>& args = {}) {
        return cat->text(key, config::Lang::En, args);
    };

    test::TempDir dir;
    // A Wednesday at 10:00 in the hall: the windows are open. The hub's log would skew
    // the timing: it goes to /dev/null.
    test::HubProcess hub({dir / "hall.db", "2026-11-25T10:00:00+08:00", "", {}, {}, "/dev/null"});
    hub.start();
    const std::string kiosk_token = hub.create_token("kiosk", "bench-kiosk");
    const std::string counter_token = hub.create_token("counter", "bench-counter");
    hub.add_staff("S001", "王丽", "JWC", "1234");
    auto emu = printer::Emulator::start("127.0.0.1", 0, dir / "slips",
                                        printer::find_profile("80mm").value());
    if (!emu) {
        std::fprintf(stderr, "%s\n", emu.error().message.c_str());
        return 1;
    }
    const auto token_file = dir / "counter.token";
    std::ofstream(token_file) << counter_token << "\n";
    test::ChildProcess counter(
        {test::bin_path("onestop-counter"), "--window", "1", "--staff", "S001", "--pin", "1234",
         "--hub", hub.url(), "--token-file", token_file.string(), "--lang", "en", "--input", "tty",
         "--printer", "tcp:" + (*emu)->address()},
        {.in = test::Stream::pipe(), .out = test::Stream::pipe()});
    if (!counter.wait_for(say("ready"), 10s)) {
        std::fprintf(stderr, "the counter did not sign in:\n%s\n", counter.output().c_str());
        return 1;
    }

    net::HubClient kiosk({hub.url(), kiosk_token});
    std::vector<double> latencies;
    for (int i = 1; i <= cases; ++i) {
        auto t =
            kiosk.issue_ticket({"A", net::Priority::Normal, "b-" + std::to_string(i), {}, {}, {}});
        if (!t) {
            std::fprintf(stderr, "ticket %d: %s\n", i, t.error().message.c_str());
            return 1;
        }
        counter.write("+");
        if (!counter.wait_for(say("called", {{"number", t->number}}), 10s)) break;
        counter.write("0" + keys);
        // The menu's prompt once the keys before Enter are taken.
        const std::string mode_name = say("mode_" + mode);
        const std::string prompt =
            mode == "supplement" ? say("pick_materials", {{"n", "1"}})
            : mode == "return"   ? say("pick_reason", {{"number", t->number}, {"mode", mode_name}})
                               : say("case_confirm", {{"number", t->number}, {"mode", mode_name}});
        if (!counter.wait_for(prompt, 10s)) break;
        const auto t0 = Steady::now();
        counter.write("\n");
        auto jobs = (*emu)->wait_for_jobs(static_cast<size_t>(i), 10s);
        if (jobs.size() < static_cast<size_t>(i)) {
            std::fprintf(stderr, "case %d: no slip came out\n%s\n", i, counter.output().c_str());
            return 1;
        }
        latencies.push_back(
            std::chrono::duration<double, std::milli>(jobs.back().first_slip_byte - t0).count());
    }
    counter.close_input();
    counter.wait(10s);
    if (latencies.size() != static_cast<size_t>(cases)) {
        std::fprintf(stderr, "stopped after %zu cases:\n%s\n", latencies.size(),
                     counter.output().c_str());
        return 1;
    }
    std::printf(
        "case opened (%s) -> slip's first byte at the printer: n=%zu p50=%.1f ms "
        "p99=%.1f ms max=%.1f ms (target p99 <= 150 ms)\n",
        mode.c_str(), latencies.size(), percentile(latencies, 0.5), percentile(latencies, 0.99),
        *std::max_element(latencies.begin(), latencies.end()));
    return percentile(latencies, 0.99) <= 150.0 ? 0 : 2;
}
