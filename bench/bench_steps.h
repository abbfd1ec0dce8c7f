#pragma once
// What the programs that fill a scratch database share: each step either worked or the
// program stops, saying which step failed and why; and millisecond stopwatches, of the wall
// clock and of the process's CPU time (which a loaded machine stretches far less).

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>

#include <sys/resource.h>
#include <unistd.h>

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

// A fresh folder in the temporary folder for this run's scratch database, named
// `name`-<pid> so runs side by side do not meet; the caller removes it at the end.
inline std::filesystem::path scratch_dir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    return dir;
}

inline double ms_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

// The process's CPU time (all threads) in milliseconds.
// Minor page faults of the process so far: memory it touched for the first time.
inline long minor_faults() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_minflt;
}

inline double cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1000 + double(t.tv_nsec) / 1e6;
}

}  // namespace onestop::bench
