#pragma once
// Shared by the kiosk's screenshot and end-to-end tests: a real hub on loopback with
// the frozen test hall at a fixed instant, tokens, and onestop-kiosk runs driven by
// --script files.

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "hub_process.h"
#include "onestop/net/hub_client.h"
#include "temp_dir.h"
#include "wait.h"

namespace kiosk_test {

namespace fs = std::filesystem;
using onestop::test::HubProcess;

// Friday 27 November 2026, 09:30 in the hall: every standard window is open.
inline constexpr const char* kNow = "2026-11-27T09:30:00+08:00";

inline std::string test_hall() {
    return std::string(ONESTOP_SOURCE_DIR) + "/tests/kiosk/hall.toml";
}

struct Hall {
    onestop::test::TempDir dir;
    HubProcess hub;
    std::string kiosk_token, pad_token, counter_token, admin_token;

    // `hub_args`: more `onestop-hub serve` flags.
    explicit Hall(std::vector<std::string> hub_args = {})
        : hub(onestop::test::HubOptions{dir / "hub.db", kNow, test_hall(), std::move(hub_args)}) {
        hub.start();
        kiosk_token = hub.create_token("kiosk", "entrance kiosk");
        pad_token = hub.create_token("pad", "pad 3", 3);
        counter_token = hub.create_token("counter", "counter 3", 3);
        admin_token = hub.create_token("admin", "office");
        hub.add_staff("S001", "王晓明", "YJSY", "1234");
    }

    onestop::net::HubClient client(const std::string& token) const {
        onestop::net::ClientOptions o;
        o.base_url = hub.url();
        o.token = token;
        return onestop::net::HubClient(o);
    }
};

struct KioskRun {
    std::vector<std::string> args;  // beyond the common ones
    std::string script;
    std::string lang = "zh";
    std::string size = "1080x1920";
    fs::path state;  // empty: <work>/kiosk-state.db
};

// Runs onestop-kiosk headless against `hall` with `run.script`; returns its exit status.
inline int run_kiosk(const Hall& hall, const fs::path& work, const KioskRun& run,
                     const std::string& token) {
    fs::create_directories(work);
    fs::path script = work / "script.txt";
    std::ofstream(script) << run.script;
    std::vector<std::string> argv = {
        onestop::test::bin_path("onestop-kiosk"),
        "--headless",
        "--window-size",
        run.size,
        "--lang",
        run.lang,
        "--hub",
        hall.hub.url(),
        "--token",
        token,
        "--now",
        kNow,
        "--hall",
        test_hall(),
        "--state",
        (run.state.empty() ? work / "kiosk-state.db" : run.state).string(),
        "--script",
        script.string()};
    // run.args may replace --hub (a hub that is away).
    for (size_t i = 0; i + 1 < run.args.size(); ++i)
        if (run.args[i] == "--hub") argv[7] = run.args[i + 1];  // argv[6] is "--hub"
    for (size_t i = 0; i < run.args.size(); ++i) {
        if (run.args[i] == "--hub") {
            ++i;
            continue;
        }
        argv.push_back(run.args[i]);
    }
    return onestop::test::run_program(argv).status;
}

using onestop::test::wait_until;

}  // namespace kiosk_test
