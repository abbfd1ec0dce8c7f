#pragma once
// What the programs that fill a scratch database share: each step either worked or the
// program stops, saying which step failed and why; and a millisecond stopwatch.

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "onestop/base/result.h"

namespace onestop::bench {

using SteadyClock = std::chrono::steady_clock;

[[noreturn]] inline void die(const std::string& message) {
    std::fprintf(stderr, "%s: %s\n", program_invocation_short_name, message.c_str());
    std::exit(1);
}

template <typename T>
T need(Result<T> r, const char* what) {
    if (!r) die(std::string(what) + ": " + r.error().message);
    return std::move(*r);
}

inline void need(Status st, const char* what) {
    if (!st) die(std::string(what) + ": " + st.error().message);
}

inline double ms_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

}  // namespace onestop::bench
