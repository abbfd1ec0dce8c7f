#include <doctest/doctest.h>

#include "kiosk.h"

using namespace onestop;

TEST_CASE("estimate: the people ahead shared by the open windows, rounded up") {
    kiosk::ServiceView s;
    s.minutes_per_ticket = 4;
    s.windows_open = 1;
    CHECK(s.estimate_min(0) == 0);
    CHECK(s.estimate_min(3) == 12);
    s.windows_open = 2;
    CHECK(s.estimate_min(3) == 6);
    s.windows_open = 0;  // a stale snapshot: never divide by zero
    CHECK(s.estimate_min(3) == 12);
    s.windows_open = 5;
    CHECK(s.estimate_min(1) == 1);
}
