// Working days: promised dates of deadline items and follow-up deadlines.
#include <doctest/doctest.h>

#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"
#include "onestop/queue/engine.h"

using namespace onestop;
using namespace onestop::queue;

namespace {
const std::vector<std::string> kNationalDay = {"2026-10-01", "2026-10-02", "2026-10-03",
                                               "2026-10-04", "2026-10-05", "2026-10-06",
                                               "2026-10-07"};
}

TEST_CASE("working days skip weekends") {
    CHECK(add_working_days("2026-11-27", 0, {}) == "2026-11-27");
    CHECK(add_working_days("2026-11-27", 1, {}) == "2026-11-30");  // Friday → Monday
    CHECK(add_working_days("2026-11-27", 5, {}) == "2026-12-04");
    CHECK(add_working_days("2026-11-28", 1, {}) == "2026-11-30");  // from a Saturday
    CHECK(add_working_days("2026-11-23", 3, {}) == "2026-11-26");
}

TEST_CASE("working days skip holidays, across months and years") {
    CHECK(add_working_days("2026-09-30", 1, kNationalDay) == "2026-10-08");
    CHECK(add_working_days("2026-09-29", 5, kNationalDay) == "2026-10-13");
    CHECK(add_working_days("2026-12-31", 1, {"2027-01-01"}) == "2027-01-04");
}

TEST_CASE("make-up working days count") {
    CHECK(add_working_days("2026-10-09", 1, kNationalDay, {"2026-10-10"}) == "2026-10-10");
    CHECK(add_working_days("2026-10-09", 1, kNationalDay) == "2026-10-12");
    CHECK(add_working_days("2026-09-18", 1, {}, {"2026-09-20"}) == "2026-09-20");
}

TEST_CASE("the calendar tells working days and a window's hours per date") {
    Settings s;
    s.holidays = {"2026-12-25"};
    s.workdays = {"2026-12-26"};
    Calendar cal(s, *TimeZone::named("Asia/Shanghai"));
    CHECK(cal.is_working_day(*parse_date("2026-12-24")));
    CHECK_FALSE(cal.is_working_day(*parse_date("2026-12-25")));
    CHECK(cal.is_holiday(*parse_date("2026-12-25")));
    CHECK(cal.is_working_day(*parse_date("2026-12-26")));
    CHECK_FALSE(cal.is_working_day(*parse_date("2026-12-27")));

    Window w;
    w.hours[4] = {{510, 690}};                                      // Friday mornings
    w.hours[0] = {{600, 660}};                                      // Monday 10–11
    CHECK(cal.hours_on(w, *parse_date("2026-12-18")).size() == 1);  // a Friday
    CHECK(cal.hours_on(w, *parse_date("2026-12-25")).empty());      // holiday Friday
    CHECK(cal.hours_on(w, *parse_date("2026-12-26")).at(0).start ==
          600);  // worked Saturday: Monday hours
    w.kind = WindowKind::Periodic;
    w.periods = {{"2026-12-01", "2026-12-20"}};
    CHECK(cal.hours_on(w, *parse_date("2026-12-18")).size() == 1);
    CHECK(cal.hours_on(w, *parse_date("2026-12-21")).empty());
}
