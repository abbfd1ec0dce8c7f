// The reconciliation rules (issue 14): roster against counter sessions, leave and its
// substitute, corrected punches, time past closing, a month's totals across a holiday and a
// make-up Saturday.
#include <doctest/doctest.h>

#include "onestop/base/time.h"
#include "onestop/people/attendance.h"

using namespace onestop;
using namespace onestop::people;

namespace {

int day(const char* date) {
    return *parse_date(date);
}

int64_t at(const char* date, int hour, int minute) {
    return local_minute(day(date), hour * 60 + minute);
}

constexpr queue::TimeRange kMorning{510, 690};     // 08:30-11:30
constexpr queue::TimeRange kAfternoon{810, 1020};  // 13:30-17:00
const char* kDay = "2026-11-02";                   // a Monday

Expected expect(const std::string& staff, int window, Half half) {
    return {staff, window, day(kDay), half, half == Half::Am ? kMorning : kAfternoon};
}

HalfDay one(const HalfDayInput& in, const LastServed& served = {}) {
    return reconcile(in, served, {{1, kMorning}, {2, kMorning}});
}

HalfDayInput morning(std::vector<Session> sessions) {
    HalfDayInput in;
    in.day = day(kDay);
    in.half = Half::Am;
    in.expected = {expect("S001", 1, Half::Am)};
    in.sessions = std::move(sessions);
    in.now = at("2026-11-30", 9, 0);
    return in;
}

}  // namespace

TEST_CASE("signing in one minute after opening is late by a minute; on the minute is present") {
    auto h = one(morning({{"S001", 1, at(kDay, 8, 31), at(kDay, 11, 30)}}));
    CHECK(h.mark == Mark::Late);
    CHECK(h.late_minutes == 1);
    CHECK(std::string(to_string(h.mark)) == "late");
    CHECK(h.hours == doctest::Approx(179.0 / 60));

    h = one(morning({{"S001", 1, at(kDay, 8, 30), at(kDay, 11, 30)}}));
    CHECK(h.mark == Mark::Present);
    CHECK(h.late_minutes == 0);
    CHECK(h.hours == doctest::Approx(3.0));
}

TEST_CASE("leaving before closing is early; no session at all is absent") {
    auto h = one(morning({{"S001", 1, at(kDay, 8, 25), at(kDay, 11, 0)}}));
    CHECK(h.mark == Mark::Early);
    CHECK(h.early_minutes == 30);
    CHECK(one(morning({})).mark == Mark::Absent);
    // Not yet begun: not absent (yet), though still rostered.
    auto early_today = morning({});
    early_today.now = at(kDay, 8, 0);
    CHECK(one(early_today).mark == Mark::Off);
    CHECK(one(early_today).window == 1);
    // Never signed out on an earlier day: the afternoon's correction request fixes it.
    CHECK(one(morning({{"S001", 1, at(kDay, 8, 30), std::nullopt}})).mark == Mark::Early);
    // Still signed in right now: not early (yet).
    auto now = morning({{"S001", 1, at(kDay, 8, 30), std::nullopt}});
    now.now = at(kDay, 10, 0);
    auto still = one(now);
    CHECK(still.mark == Mark::Present);
    CHECK(still.hours == doctest::Approx(1.5));
    // Signed in yesterday and never out: nothing today.
    auto stale = morning({{"S001", 1, at("2026-11-01", 8, 30), std::nullopt}});
    stale.now = at(kDay, 10, 0);
    CHECK(one(stale).mark == Mark::Absent);
}

TEST_CASE("signing in at another window is on duty elsewhere and counts its hours") {
    auto h = one(morning({{"S001", 2, at(kDay, 8, 30), at(kDay, 11, 30)}}));
    CHECK(h.elsewhere);
    CHECK(h.window == 1);
    CHECK(h.worked_window == 2);
    CHECK(h.mark == Mark::Present);
    CHECK(h.hours == doctest::Approx(3.0));
    // Not rostered at all: off, but the hours still count.
    auto free = morning({{"S001", 2, at(kDay, 8, 30), at(kDay, 11, 30)}});
    free.expected.clear();
    auto off = one(free);
    CHECK(off.mark == Mark::Off);
    CHECK(off.hours == doctest::Approx(3.0));
}

TEST_CASE("staying past closing counts while the counter still served, up to its last applicant") {
    auto in = morning({{"S001", 1, at(kDay, 8, 30), at(kDay, 11, 50)}});
    auto none = one(in);
    CHECK(none.hours ==
          doctest::Approx(3.0));  // nobody served after 11:30: chatting does not count
    CHECK(none.past_closing_hours == 0);
    auto served = one(in, {{{1, day(kDay)}, at(kDay, 11, 45)}});
    CHECK(served.past_closing_hours == doctest::Approx(0.25));
    CHECK(served.hours == doctest::Approx(3.25));
    CHECK(served.mark == Mark::Present);
}

MonthInput month_of_one_day() {
    MonthInput m;
    m.first_day = m.last_day = day(kDay);
    m.staff = {"S001", "S002"};
    m.expected = {expect("S001", 1, Half::Am), expect("S001", 1, Half::Pm)};
    m.open = {{{1, day(kDay), Half::Am}, kMorning}, {{1, day(kDay), Half::Pm}, kAfternoon}};
    m.now = at("2026-11-30", 9, 0);
    m.half_day_hours = 3.5;
    return m;
}

auto always = [](int) { return true; };

TEST_CASE("leave for the morning marks it leave; the substitute who signs in is expected there") {
    MonthInput m = month_of_one_day();
    m.leave = {{"S001", day(kDay), Half::Am, "S002"}};
    m.sessions = {{"S002", 1, at(kDay, 8, 29), at(kDay, 11, 30)},
                  {"S001", 1, at(kDay, 13, 30), at(kDay, 17, 0)}};
    auto sheet = reconcile_month(m, always);
    REQUIRE(sheet.size() == 2);
    const StaffMonth& s1 = sheet[0];
    const StaffMonth& s2 = sheet[1];
    REQUIRE(s1.days.size() == 1);
    CHECK(s1.days[0].second[0].mark == Mark::Leave);
    CHECK(s1.days[0].second[1].mark == Mark::Present);
    CHECK(s1.required_hours == doctest::Approx(3.5));  // the afternoon only
    CHECK(s1.hours == doctest::Approx(3.5));
    REQUIRE(s2.days.size() == 1);
    CHECK(s2.days[0].second[0].mark == Mark::Present);  // not "not rostered"
    CHECK(s2.days[0].second[0].substitute);
    CHECK(s2.days[0].second[0].window == 1);
    CHECK(s2.days[0].second[1].mark == Mark::Off);
    CHECK(s2.required_hours == doctest::Approx(3.5));
}

TEST_CASE("the substitute who does not come is absent; the one on leave is not") {
    MonthInput m = month_of_one_day();
    m.leave = {{"S001", day(kDay), Half::Am, "S002"}};
    auto sheet = reconcile_month(m, always);
    CHECK(sheet[0].days[0].second[0].mark == Mark::Leave);
    CHECK(sheet[1].days[0].second[0].mark == Mark::Absent);
}

TEST_CASE("a missed punch corrected by an approved request makes the half day present") {
    MonthInput m = month_of_one_day();
    m.expected = {expect("S001", 1, Half::Am)};
    CHECK(reconcile_month(m, always)[0].days[0].second[0].mark == Mark::Absent);
    m.sessions = {{"S001", 1, at(kDay, 8, 30), at(kDay, 11, 30), true}};
    auto h = reconcile_month(m, always)[0].days[0].second[0];
    CHECK(h.mark == Mark::Present);
    CHECK(h.corrected);
}

TEST_CASE("meetings: attended, excused by leave, missed") {
    MonthInput m = month_of_one_day();
    m.leave = {{"S002", day(kDay), Half::Pm, ""}};
    m.meetings = {{1, day(kDay), Half::Pm, {"S001", "S002"}, {}},
                  {2, day(kDay), Half::Am, {"S001"}, {"S001"}}};
    auto sheet = reconcile_month(m, always);
    CHECK(sheet[0].meetings.required == 2);
    CHECK(sheet[0].meetings.attended == 1);
    CHECK(sheet[0].meetings.missed == 1);
    CHECK(sheet[1].meetings.excused == 1);
}

TEST_CASE("a month across a holiday and a make-up Saturday: expected, worked, required") {
    queue::Settings settings;
    settings.holidays = {"2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"};
    settings.workdays = {"2026-10-10"};  // Saturday, worked as a Monday
    queue::Calendar calendar(settings, TimeZone::utc());
    queue::Window w;
    w.number = 1;
    for (int d = 0; d < 5; ++d) w.hours[d] = {kMorning, kAfternoon};
    Term term{1, "2026秋", "2026-09-07", "2027-01-15"};
    Roster r;
    r.window = 1;
    for (int wd = 1; wd <= 5; ++wd) r.pattern.push_back({1, wd, Half::Am, "S001"});

    MonthInput m;
    m.first_day = day("2026-10-01");
    m.last_day = day("2026-10-10");
    m.staff = {"S001"};
    m.half_day_hours = 3.5;
    m.now = at("2026-11-30", 9, 0);
    for (int d = m.first_day; d <= m.last_day; ++d) {
        if (auto who = rostered(r, term, calendar, w, d, Half::Am))
            for (const auto& s : who->staff) m.expected.push_back({s, 1, d, Half::Am, who->range});
        if (auto range = half_range(calendar.hours_on(w, d), Half::Am))
            m.open[{1, d, Half::Am}] = *range;
        // Worked every morning the window opened, on time.
        if (calendar.is_working_day(d))
            m.sessions.push_back({"S001", 1, local_minute(d, 510), local_minute(d, 690)});
    }
    auto sheet = reconcile_month(m, [&](int d) { return calendar.is_working_day(d); });
    REQUIRE(sheet.size() == 1);
    // Working days: Thu 8, Fri 9 October and the make-up Saturday 10.
    REQUIRE(sheet[0].days.size() == 3);
    CHECK(format_date(sheet[0].days[0].first) == "2026-10-08");
    CHECK(format_date(sheet[0].days[2].first) == "2026-10-10");
    CHECK(sheet[0].days[2].second[0].mark == Mark::Present);
    CHECK(sheet[0].days[2].second[1].mark == Mark::Off);
    CHECK(sheet[0].required_hours == doctest::Approx(3 * 3.5));
    CHECK(sheet[0].hours == doctest::Approx(3 * 3.0));
}
