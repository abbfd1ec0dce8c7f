#pragma once
// The rules of a case (办件): the four handling modes of 第二十五条 and the status each
// leaves a case in, the promised date on the hall's calendar (holidays and 调休 counted)
// that moves later by the working days the case waited for 补正 materials, and whether an
// open case is due soon or overdue. Pure: dates are local "YYYY-MM-DD" given by the caller.

#include <optional>
#include <string>
#include <vector>

#include "onestop/queue/hall.h"

namespace onestop::cases {

// 即办 / 限时办结 / 补正（一次告知）/ 退回.
enum class Mode { Instant, Deadline, Supplement, Return };
// CONTRACT's statuses.
enum class Status { Completed, Accepted, AwaitingSupplement, Returned };

const char* to_string(Mode mode);  // "instant" | "deadline" | "supplement" | "return"
const char* to_string(
    Status status);  // "completed" | "accepted" | "awaiting_supplement" | "returned"
std::optional<Mode> parse_mode(const std::string& text);
std::optional<Status> parse_status(const std::string& text);

// instant → completed at once, deadline → accepted, supplement → awaiting_supplement,
// return → returned.
Status opening_status(Mode mode);
// Accepted and awaiting_supplement cases are still being handled; the others are closed.
bool is_open(Status status);

// The case's clock. `paused_days` are the working days of earlier, finished waits for
// materials; `paused_since` the day the current wait began (none: the clock runs).
struct Clock {
    std::string accepted_day;  // the day the case was opened
    int promised_days = 0;     // the service's promised working days
    int paused_days = 0;
    std::optional<std::string> paused_since;
};

// Working days in [from, to) on the hall's calendar: how long a wait from `from` that
// ended on `to` held the clock (a wait begun and ended on one day holds it for none).
int working_days_between(const queue::Settings& settings, const std::string& from,
                         const std::string& to);

// accepted_day + promised_days working days, later by the working days spent waiting for
// materials, counting a wait still going on up to `today`.
std::string promised_date(const queue::Settings& settings, const Clock& clock,
                          const std::string& today);

// An accepted case past its promised date is overdue; on it or the working day before, due.
enum class Due { None, Tomorrow, Today, Overdue };
const char* to_string(Due due);  // "" | "due_tomorrow" | "due_today" | "overdue"
Due due_state(const queue::Settings& settings, Status status, const std::string& promised,
              const std::string& today);

// The first day a case promised for `promised` is overdue: the day after it.
std::string overdue_from(const std::string& promised);

// A second 补正 request on one case is refused (一次告知: every missing material is named
// at once) unless the office allowed one more: `requested` counts those already made,
// `allowed` how many the case may have (1, raised by the office).
bool may_request_supplement(int requested, int allowed);

}  // namespace onestop::cases
