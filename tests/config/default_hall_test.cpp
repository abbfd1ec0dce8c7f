// The shipped hall driven through the queue engine: what the demo shows on 2026-11-27.
#include <doctest/doctest.h>

#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "onestop/queue/engine.h"

using namespace onestop;
using namespace onestop::queue;

namespace {
TimePoint local(const std::string& date, int hour, int minute) {
    auto t = from_local(date, hour * 60 + minute);
    REQUIRE(t.has_value());
    return *t;
}
}  // namespace

TEST_CASE("the default hall on Friday 2026-11-27") {
    auto hall = config::load_hall(config::default_hall_path());
    REQUIRE_MESSAGE(hall.ok(), hall.error().message);
    REQUIRE(set_time_zone(hall->settings.time_zone).ok());
    auto zone = TimeZone::named(hall->settings.time_zone);
    REQUIRE(zone.ok());
    ManualClock clock(local("2026-11-27", 10, 0));
    Engine engine(*hall, clock, *zone);

    // The autumn-term fee window (periodic) is open today; the enrolment window is not.
    CHECK(engine.window_open(11));
    CHECK_FALSE(engine.window_open(12));
    CHECK(engine.window_state(12).status == WindowStatus::Closed);
    auto enrol = engine.issue("N", Priority::Normal);
    REQUIRE_FALSE(enrol.ok());
    CHECK(enrol.error().code == "service_closed");
    CHECK(engine.next_open("N") == local("2027-02-22", 8, 30));  // the spring registration period

    auto a = engine.issue("A", Priority::Normal);
    REQUIRE(a.ok());
    CHECK(a->ticket->number == "A001");

    // Friday afternoon: the Finance windows 5 and 6 are closed, but fees (H) can still
    // be paid at the periodic window 11; reimbursements (I) wait until Monday.
    clock.set(local("2026-11-27", 14, 0));
    CHECK_FALSE(engine.window_open(5));
    CHECK(engine.service_open("H"));
    CHECK_FALSE(engine.service_open("I"));
    CHECK(engine.next_open("I") == local("2026-11-30", 8, 30));

    // Saturday morning: only the Campus Card Centre opens.
    clock.set(local("2026-11-28", 10, 0));
    CHECK(engine.service_open("L"));
    CHECK_FALSE(engine.service_open("A"));

    // National Day: closed; the make-up Saturday 2026-10-10 is worked.
    clock.set(local("2026-10-02", 10, 0));
    CHECK_FALSE(engine.service_open("A"));
    clock.set(local("2026-10-10", 10, 0));
    CHECK(engine.service_open("A"));

    // A deadline item's promised date and a bad rating's follow-up skip the holidays.
    CHECK(add_working_days("2026-09-30", hall->settings.followup_working_days,
                           hall->settings.holidays,
                           hall->settings.workdays) == "2026-10-13");  // Sat 10-10 counts
    CHECK(add_working_days("2026-09-30", 5, hall->settings.holidays) == "2026-10-14");
}
