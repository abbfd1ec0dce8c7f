#pragma once
// Time comes from an injected clock so every rule can be tested at any instant.

#include <chrono>
#include <mutex>

namespace onestop {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;
using Millis = std::chrono::milliseconds;

class Clock {
  public:
    virtual ~Clock() = default;
    virtual TimePoint now() const = 0;
};

// Wall-clock time, optionally shifted so that it started at `start` (the hub's --now).
class SystemClock final : public Clock {
  public:
    SystemClock();
    explicit SystemClock(TimePoint start);
    TimePoint now() const override;

  private:
    Millis offset_{0};
};

// A clock that only moves when told to; for tests and simulations.
class ManualClock final : public Clock {
  public:
    explicit ManualClock(TimePoint start) : now_(start) {}
    TimePoint now() const override {
        std::lock_guard lock(mu_);
        return now_;
    }
    void set(TimePoint t) {
        std::lock_guard lock(mu_);
        now_ = t;
    }
    void advance(Millis d) {
        std::lock_guard lock(mu_);
        now_ += d;
    }

  private:
    mutable std::mutex mu_;
    TimePoint now_;
};

}  // namespace onestop
