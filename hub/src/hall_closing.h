#pragma once
// The closing round (闭馆检查, 第三十九条): the last staff member signing out of the hall on a
// day confirms at the counter that doors and windows are shut and the lights, the air
// conditioning and other power are off. Each round is kept as given (who, when, the four
// answers, a note); a check not done or a note alerts the office (`hall.closed` with
// `all_done` false, and the live hall's alerts). On a working day someone worked, when no
// round is recorded by the hall's `closing_check_by`, the clock tells the office once
// (`hall.closing_overdue`).

#include <optional>
#include <string>

#include "reply.h"
#include "writer.h"

namespace onestop::hub {

struct ClosingAnswers {
    bool doors_windows = false, lights = false, air_conditioning = false, other_power = false;
    std::string note;
};

// R in docs/api.md: {"id","date","at","staff","name","window","checks":{…},"all_done","note"}.
json closing_json(const store::HallClosing& round);

// Records the round given by the counter session `by`; 201 {"closing":R}.
Reply record_closing(WriteContext& ctx, const OnDuty& by, const ClosingAnswers& answers);

// The clock's look (at start, and at each day's closing_check_by): raises today's
// `hall.closing_overdue` once when it is due, then sets state.closing_due to the next look.
Reply check_closing(WriteContext& ctx);

// Where a day's round stands: "done" (the day's last round has every check), "incomplete"
// (it reports a check not done), "overdue" (none by closing_check_by on a working day someone
// worked), "pending" (none yet, not yet due) or "not_needed" (no working day, or nobody worked).
struct ClosingDay {
    std::string date;
    std::string due;     // "HH:MM"
    std::string due_at;  // the same as an instant (ISO 8601)
    std::string status;
    std::optional<store::HallClosing> last;  // the day's last round
};
json closing_day_json(const ClosingDay& day);

// `date`'s standing read from `store` (closings, and whether any counter session was open that
// day) at `now`.
Result<ClosingDay> closing_day(store::HubStore& store, const queue::Settings& settings,
                               TimeZone zone, const std::string& date, TimePoint now);

}  // namespace onestop::hub
