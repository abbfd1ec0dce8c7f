#pragma once
// The work log (工作日志, 第十八条): each staff member's day, produced from the records —
// tickets served and how long they took, cases opened by mode and completed, hand-overs
// sent and confirmed, time signed in at a window — with the note they add at sign-out. A
// pure function of the day's rows, so the JSON, the CSV and the .xlsx are one table.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/time.h"
#include "onestop/report/table.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

struct WorklogInput {
    std::string date;  // YYYY-MM-DD
    TimeZone zone = TimeZone::utc();
    TimePoint day_start, day_end;  // the date's local midnights
    TimePoint now;                 // an open session counts up to now
    std::vector<store::Staff> staff;
    std::vector<store::FigureTicket> tickets;  // the date's service day
    std::vector<store::CaseRecord> cases;      // opened that day
    std::vector<store::CaseStep> steps;        // taken that day
    std::vector<store::Handover> handovers;    // made or confirmed that day
    std::vector<store::SessionSpan> sessions;  // overlapping the day
    std::vector<store::WorklogNote> notes;     // the day's, by staff then oldest first
};

struct WorklogRow {
    std::string staff, name, unit;
    int64_t tickets_served = 0;
    std::optional<double> average_service_min;                        // none when none was served
    int64_t instant = 0, deadline = 0, supplement = 0, returned = 0;  // cases opened by mode
    int64_t cases_completed = 0;  // completions they made (an instant case's too)
    int64_t handovers_sent = 0, handovers_confirmed = 0;
    int64_t signed_in_min = 0;  // at a window, overlapping sessions counted once
    std::optional<std::string> first_in, last_out;  // local "HH:MM"; last_out none while signed in
    std::vector<store::WorklogNote> notes;          // oldest first; the last is the note
};

// A row per staff member `counts` holds with anything recorded that day (a note alone
// counts), by unit then number.
std::vector<WorklogRow> worklog_day(const WorklogInput& in,
                                    const std::function<bool(const store::Staff&)>& counts);

json worklog_json(const WorklogRow& row);
report::Table worklog_table(const std::vector<WorklogRow>& rows);

}  // namespace onestop::hub
