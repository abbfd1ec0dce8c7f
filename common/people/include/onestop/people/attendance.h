#pragma once
// Attendance reconciliation (第二十六–二十八、三十、三十二条): for each staff member and half
// day, what the roster expected (after approved leave moved it to the substitute) against
// the counter sessions they signed in and out with. Times are local minutes: days since
// the epoch × 1440 + minute of the day.

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "onestop/people/roster.h"

namespace onestop::people {

constexpr int64_t kDayMinutes = 1440;
inline int64_t local_minute(int day, int minute_of_day) {
    return int64_t(day) * kDayMinutes + minute_of_day;
}

// Someone expected at a window for a half day.
struct Expected {
    std::string staff;
    int window = 0;
    int day = 0;
    Half half = Half::Am;
    queue::TimeRange range;
};

// A counter session (sign-in to sign-out) or a missed punch the office approved.
struct Session {
    std::string staff;
    int window = 0;
    int64_t in = 0;
    std::optional<int64_t> out;  // still signed in (or never signed out)
    bool corrected = false;      // from an approved correction request
};

// Approved leave for one half day, naming who stands in.
struct LeaveHalf {
    std::string staff;
    int day = 0;
    Half half = Half::Am;
    std::string substitute;
};

enum class Mark { Present, Late, Early, Absent, Leave, Off };
// CONTRACT's words: present late early absent leave off.
const char* to_string(Mark mark);

struct HalfDay {
    Mark mark = Mark::Off;
    int window = 0;           // where they were expected (0: not rostered)
    int worked_window = 0;    // where they signed in (0: nowhere)
    bool elsewhere = false;   // signed in only at another window than the rostered one
    bool substitute = false;  // expected because they stand in for someone on leave
    bool corrected = false;   // a missed punch corrected by an approved request counts here
    int late_minutes = 0;
    int early_minutes = 0;
    double hours = 0;               // time signed in while the window was open, and after
    double past_closing_hours = 0;  // of it: after closing while the counter still served
};

// When each window served its last applicant on each day: time past closing counts up to
// it (第二十八条: an item handed in before closing is finished first).
using LastServed = std::map<std::pair<int, int>, int64_t>;  // (window, day) → local minute

// Leave moves the expectation: the person on leave is marked `leave`, the substitute is
// expected at that window instead (not "not rostered").
std::vector<Expected> apply_leave(std::vector<Expected> expected,
                                  const std::vector<LeaveHalf>& leave);

// One staff member's half day. `expected` are theirs for that half day (after
// apply_leave; usually none or one), `sessions` theirs overlapping it, `on_leave` whether
// approved leave covers it, `range_of(window)` that window's open minutes that half day
// (for hours worked at a window they were not rostered at). `now`: sessions still open
// count to it; on an earlier day an open session counts nothing after its sign-in.
struct HalfDayInput {
    int day = 0;
    Half half = Half::Am;
    std::vector<Expected> expected;
    std::vector<Session> sessions;
    bool on_leave = false;
    int64_t now = 0;
};
HalfDay reconcile(const HalfDayInput& input, const LastServed& last_served,
                  const std::map<int, queue::TimeRange>& open_ranges);

// A meeting or training the office organised (第三十一条).
struct Meeting {
    int64_t id = 0;
    int day = 0;
    Half half = Half::Am;
    std::vector<std::string> must_attend;
    std::set<std::string> came;
};

struct MeetingCount {
    int required = 0;
    int attended = 0;
    int excused = 0;  // on approved leave that half day
    int missed = 0;
};

// A month's sheet (第三十二条).
struct StaffMonth {
    std::string staff;
    std::vector<std::pair<int, std::array<HalfDay, 2>>> days;  // day → am, pm
    double hours = 0;
    double required_hours = 0;  // rostered half days not on leave × the hall's half-day hours
    MeetingCount meetings;
};

struct MonthInput {
    int first_day = 0;  // days since the epoch, both included
    int last_day = 0;
    std::vector<std::string> staff;  // everyone the sheet lists
    std::vector<Expected> expected;  // before leave
    std::vector<Session> sessions;
    std::vector<LeaveHalf> leave;
    std::vector<Meeting> meetings;
    LastServed last_served;
    // (window, day, half) → open minutes; a half day missing here: the window was closed.
    std::map<std::tuple<int, int, Half>, queue::TimeRange> open;
    double half_day_hours = 4;
    int64_t now = 0;
};

// Lists every day of the range that is a working day or has anything for the person
// (`working(day)` from the hall calendar), in staff order as given.
std::vector<StaffMonth> reconcile_month(const MonthInput& input,
                                        const std::function<bool(int day)>& working);

}  // namespace onestop::people
