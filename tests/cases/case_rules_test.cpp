// The cases' rules without a hub: modes and statuses, the promised date on the hall's
// calendar (holidays, 调休), the clock held while waiting for 补正 materials, due and overdue.
#include <doctest/doctest.h>

#include "onestop/cases/case_rules.h"

using namespace onestop;
using namespace onestop::cases;

namespace {

queue::Settings national_day() {
    queue::Settings s;
    s.holidays = {"2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04",
                  "2026-10-05", "2026-10-06", "2026-10-07"};
    s.workdays = {"2026-10-10"};  // Saturday worked (调休上班)
    return s;
}

}  // namespace

TEST_CASE("each mode opens its case in CONTRACT's status") {
    CHECK(opening_status(Mode::Instant) == Status::Completed);
    CHECK(opening_status(Mode::Deadline) == Status::Accepted);
    CHECK(opening_status(Mode::Supplement) == Status::AwaitingSupplement);
    CHECK(opening_status(Mode::Return) == Status::Returned);
    for (auto m : {Mode::Instant, Mode::Deadline, Mode::Supplement, Mode::Return})
        CHECK(parse_mode(to_string(m)) == m);
    CHECK_FALSE(parse_mode("joint"));
    CHECK(parse_status("awaiting_supplement") == Status::AwaitingSupplement);
    CHECK(is_open(Status::Accepted));
    CHECK_FALSE(is_open(Status::Returned));
}

TEST_CASE("the promised date counts working days: weekends, holidays and 调休 Saturdays") {
    queue::Settings s = national_day();
    // Friday + 3 working days: Monday, Tuesday, Wednesday.
    CHECK(promised_date(s, {"2026-11-27", 3, 0, {}}, "2026-11-27") == "2026-12-02");
    // The National Day week is off; the Saturday after it is worked.
    CHECK(promised_date(s, {"2026-09-30", 2, 0, {}}, "2026-09-30") == "2026-10-09");
    CHECK(promised_date(s, {"2026-09-30", 3, 0, {}}, "2026-09-30") == "2026-10-10");
    CHECK(promised_date(s, {"2026-11-27", 0, 0, {}}, "2026-11-27") == "2026-11-27");
}

TEST_CASE("waiting for materials holds the clock: the promise moves by the working days waited") {
    queue::Settings s = national_day();
    CHECK(working_days_between(s, "2026-11-27", "2026-11-27") == 0);
    CHECK(working_days_between(s, "2026-11-27", "2026-11-30") == 1);  // Friday; not the weekend
    // 30 September, then the 8th, 9th and the worked Saturday 10th.
    CHECK(working_days_between(s, "2026-09-30", "2026-10-11") == 4);
    // Still waiting on Monday: Friday and Monday are held.
    Clock waiting{"2026-11-27", 3, 0, std::string("2026-11-27")};
    CHECK(promised_date(s, waiting, "2026-11-27") == "2026-12-03");
    CHECK(promised_date(s, waiting, "2026-11-30") == "2026-12-04");
    // Resumed on Monday: Friday was held.
    Clock resumed{"2026-11-27", 3, working_days_between(s, "2026-11-27", "2026-11-30"), {}};
    CHECK(promised_date(s, resumed, "2026-12-01") == "2026-12-03");
}

TEST_CASE("due tomorrow, due today, overdue: accepted cases only") {
    queue::Settings s = national_day();
    CHECK(due_state(s, Status::Accepted, "2026-12-02", "2026-11-30") == Due::None);
    CHECK(due_state(s, Status::Accepted, "2026-12-02", "2026-12-01") == Due::Tomorrow);
    CHECK(due_state(s, Status::Accepted, "2026-11-30", "2026-11-27") ==
          Due::Tomorrow);  // over a weekend
    CHECK(due_state(s, Status::Accepted, "2026-12-02", "2026-12-02") == Due::Today);
    CHECK(due_state(s, Status::Accepted, "2026-12-02", "2026-12-03") == Due::Overdue);
    CHECK(due_state(s, Status::AwaitingSupplement, "2026-12-02", "2026-12-03") == Due::None);
    CHECK(due_state(s, Status::Completed, "2026-12-02", "2026-12-03") == Due::None);
    CHECK(overdue_from("2026-12-31") == "2027-01-01");
}

TEST_CASE("补正 is asked once unless the office allows one more") {
    CHECK(may_request_supplement(0, 1));
    CHECK_FALSE(may_request_supplement(1, 1));
    CHECK(may_request_supplement(1, 2));
}
