#pragma once
// Term rosters (第十四条): who works each window in each half day of a term — a weekly
// pattern over a cycle of weeks (fixed staff: a cycle of one week; rotating shifts: one
// slot a week of the cycle), exceptions by date, and vacation duty days (第二十九条).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/queue/calendar.h"
#include "onestop/queue/hall.h"

namespace onestop::people {

enum class Half { Am, Pm };
const char* to_string(Half half);  // "am" | "pm"
std::optional<Half> parse_half(std::string_view text);

// A term, both dates included (YYYY-MM-DD). The vacations lie between terms.
struct Term {
    int64_t id = 0;
    std::string name;
    std::string start;
    std::string end;
};

// Week `week` (1…cycle_weeks) of the cycle, counted from the week (Monday) the term
// starts in; weekday 1 = Monday … 7 = Sunday.
struct PatternSlot {
    int week = 1;
    int weekday = 1;
    Half half = Half::Am;
    std::string staff;
};

// One half day by date. As an exception the date's slots replace the pattern's for that
// half day (an empty staff: nobody works it); as duty they name the vacation's staff.
struct DatedSlot {
    std::string date;
    Half half = Half::Am;
    std::string staff;
};

struct Roster {
    int window = 0;
    int cycle_weeks = 1;
    std::vector<PatternSlot> pattern;
    std::vector<DatedSlot> exceptions;  // dates inside the term
    std::vector<DatedSlot> duty;        // dates outside every term (寒暑假值班)
};

// The minutes of a day a window opens in a half day: its opening ranges cut at noon (am
// before, pm after), joined from the first start to the last end.
std::optional<queue::TimeRange> half_range(const std::vector<queue::TimeRange>& hours, Half half);

// Errors (errc::invalid_field) name the first bad slot: cycle 1…8 weeks, week inside the
// cycle, weekday 1…7, exceptions inside the term, duty dates outside it.
Status validate(const Roster& roster, const Term& term);

struct HalfDayRoster {
    std::vector<std::string> staff;
    queue::TimeRange range;  // the minutes they are expected
};

// Who is expected at the roster's window on `day` (days since the epoch) in `half`: duty
// slots on vacation days (by the window's hours that day, else its Monday hours: duty
// may fall on a weekend), else inside the term on working days the date's exceptions or
// the pattern. Nullopt outside the term (but for duty), on days off, when the window does
// not open that half day or nobody is named.
std::optional<HalfDayRoster> rostered(const Roster& roster, const Term& term,
                                      const queue::Calendar& calendar, const queue::Window& window,
                                      int day, Half half);

}  // namespace onestop::people
