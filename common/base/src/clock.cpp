#include "onestop/base/clock.h"

namespace onestop {

static TimePoint wall_now() {
    return std::chrono::time_point_cast<Millis>(std::chrono::system_clock::now());
}

SystemClock::SystemClock() = default;
SystemClock::SystemClock(TimePoint start) : offset_(start - wall_now()) {}
TimePoint SystemClock::now() const {
    return wall_now() + offset_;
}

}  // namespace onestop
