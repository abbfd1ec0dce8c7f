#pragma once
// Waiting for a condition another thread or process brings about, without fixed sleeps.

#include <chrono>
#include <functional>
#include <thread>

namespace onestop::test {

// Polls `cond` every 20 ms until it holds or `timeout` passes.
inline bool wait_until(const std::function<bool()>& cond, std::chrono::milliseconds timeout) {
    auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (cond()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return cond();
}

}  // namespace onestop::test
