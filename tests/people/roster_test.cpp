// Term rosters: the weekly pattern over a cycle of weeks, exceptions, duty, the calendar.
#include <doctest/doctest.h>

#include "onestop/base/time.h"
#include "onestop/people/roster.h"

using namespace onestop;
using namespace onestop::people;

namespace {

int day(const char* date) {
    return *parse_date(date);
}

queue::Window window_with_standard_hours() {
    queue::Window w;
    w.number = 1;
    w.unit = "JWC";
    for (int d = 0; d < 5; ++d) w.hours[d] = {{510, 690}, {810, 1020}};  // 08:30-11:30, 13:30-17:00
    return w;
}

// Autumn 2026: Monday 7 September to Friday 15 January.
const Term kTerm{1, "2026秋", "2026-09-07", "2027-01-15"};

}  // namespace

TEST_CASE("half_range joins the morning's and the afternoon's opening ranges") {
    std::vector<queue::TimeRange> hours{{510, 600}, {610, 690}, {810, 1020}};
    CHECK(half_range(hours, Half::Am)->start == 510);
    CHECK(half_range(hours, Half::Am)->end == 690);
    CHECK(half_range(hours, Half::Pm)->start == 810);
    CHECK_FALSE(half_range({{510, 690}}, Half::Pm));
    // A day without a lunch break is cut at noon.
    CHECK(half_range({{480, 1020}}, Half::Am)->end == 720);
    CHECK(half_range({{480, 1020}}, Half::Pm)->start == 720);
}

TEST_CASE("a two-week rotation alternates, exceptions replace a half day, duty covers a vacation") {
    queue::Settings settings;
    queue::Calendar calendar(settings, TimeZone::utc());
    queue::Window w = window_with_standard_hours();
    Roster r;
    r.window = 1;
    r.cycle_weeks = 2;
    r.pattern = {{1, 1, Half::Am, "S001"},
                 {2, 1, Half::Am, "S002"},
                 {1, 1, Half::Pm, "S003"},
                 {2, 1, Half::Pm, "S003"}};
    r.exceptions = {{"2026-09-21", Half::Am, "S009"}, {"2026-09-21", Half::Pm, ""}};
    r.duty = {{"2027-01-25", Half::Am, "S010"}};
    REQUIRE(validate(r, kTerm).ok());

    auto at = [&](const char* date, Half h) {
        return rostered(r, kTerm, calendar, w, day(date), h);
    };
    CHECK(at("2026-09-07", Half::Am)->staff == std::vector<std::string>{"S001"});
    CHECK(at("2026-09-07", Half::Am)->range.start == 510);
    CHECK(at("2026-09-14", Half::Am)->staff == std::vector<std::string>{"S002"});
    CHECK(at("2026-09-28", Half::Am)->staff ==
          std::vector<std::string>{"S002"});  // week 4 = week 2
    CHECK(at("2026-09-21", Half::Am)->staff == std::vector<std::string>{"S009"});
    CHECK_FALSE(at("2026-09-21", Half::Pm));  // the exception names nobody
    CHECK_FALSE(at("2026-09-08", Half::Am));  // Tuesday: nobody in the pattern
    CHECK_FALSE(at("2026-09-05", Half::Am));  // before the term
    CHECK(at("2027-01-25", Half::Am)->staff == std::vector<std::string>{"S010"});  // duty
    CHECK_FALSE(at("2027-01-26", Half::Am));  // a vacation day without duty
}

TEST_CASE("a holiday has nobody; a make-up Saturday (调休) is worked like a Monday") {
    queue::Settings settings;
    settings.holidays = {"2026-10-05"};  // a Monday
    settings.workdays = {"2026-10-10"};  // a Saturday
    queue::Calendar calendar(settings, TimeZone::utc());
    queue::Window w = window_with_standard_hours();
    Roster r;
    r.window = 1;
    r.pattern = {{1, 1, Half::Am, "S001"}};
    CHECK_FALSE(rostered(r, kTerm, calendar, w, day("2026-10-05"), Half::Am));
    auto saturday = rostered(r, kTerm, calendar, w, day("2026-10-10"), Half::Am);
    REQUIRE(saturday);
    CHECK(saturday->staff == std::vector<std::string>{"S001"});
    CHECK_FALSE(
        rostered(r, kTerm, calendar, w, day("2026-10-17"), Half::Am));  // an ordinary Saturday
}

TEST_CASE("validate names the first bad slot") {
    Roster r;
    r.window = 1;
    r.cycle_weeks = 2;
    r.pattern = {{3, 1, Half::Am, "S001"}};
    auto st = validate(r, kTerm);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("pattern[0]") == 0);
    r.pattern = {{1, 8, Half::Am, "S001"}};
    CHECK_FALSE(validate(r, kTerm).ok());
    r.pattern = {};
    r.exceptions = {{"2027-02-01", Half::Am, "S001"}};
    CHECK(validate(r, kTerm).error().message.find("outside the term") != std::string::npos);
    r.exceptions = {};
    r.duty = {{"2026-10-01", Half::Am, "S001"}};
    CHECK(validate(r, kTerm).error().message.find("inside the term") != std::string::npos);
    r.duty = {};
    r.cycle_weeks = 9;
    CHECK_FALSE(validate(r, kTerm).ok());
}
