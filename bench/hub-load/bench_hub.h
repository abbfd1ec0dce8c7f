#pragma once
// What the hub benches share: latency figures, giving up with a message, and a hub set up
// the same way for each.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

#include "hub_process.h"

namespace onestop::bench {

using SteadyClock = std::chrono::steady_clock;

inline double ms(SteadyClock::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

struct Stats {
    double p50 = 0, p99 = 0, max = 0, mean = 0;
};

inline Stats stats(std::vector<double> v) {
    Stats s;
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    auto at = [&](double q) {
        return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
    };
    s.p50 = at(0.50);
    s.p99 = at(0.99);
    s.max = v.back();
    double sum = 0;
    for (double x : v) sum += x;
    s.mean = sum / static_cast<double>(v.size());
    return s;
}

// Thrown, not exit(): the hub the bench started is stopped by its destructor on the way out
// (std::exit skipped it, and a failed run left the hub running).
[[noreturn]] inline void die(const char* program, const std::string& what) {
    throw std::runtime_error(std::string(program) + ": " + what);
}

// main's body: `run` with every failure (die, a support helper's exception) reported and
// the locals' destructors run; exit status 1 then.
template <typename Run>
int guarded(const char* program, Run run) {
    try {
        return run();
    } catch (const std::exception& e) {
        std::string what = e.what();
        if (what.rfind(program, 0) != 0) what = std::string(program) + ": " + what;
        std::fprintf(stderr, "%s\n", what.c_str());
        return 1;
    }
}

struct BenchTokens {
    std::string kiosk, counter;
};

// Starts `hub` (its options: a Wednesday at 10:00, when every fixed window is open, and the
// request log to /dev/null, since writing it would skew the timing) on a new database with
// a kiosk token, a counter token and staff L001 (PIN 1234) of JWC.
inline BenchTokens start_bench_hub(test::HubProcess& hub, const char* program) {
    BenchTokens tokens;
    try {
        hub.init();
        tokens.kiosk = hub.create_token("kiosk", std::string(program) + "-kiosk");
        tokens.counter = hub.create_token("counter", std::string(program) + "-counter");
        hub.add_staff("L001", "压测", "JWC", "1234");
        hub.start();
    } catch (const std::exception& e) {
        die(program, e.what());
    }
    return tokens;
}

}  // namespace onestop::bench
