#pragma once
// The monthly scorecards (考核, 第十八条; GET /api/v1/reports/scorecard): what the records of
// a month hold against each window and person — attendance (late, early, absent half days,
// meetings missed), ratings (bad ones that stood, praise), follow-ups answered late,
// substantiated complaints, overdue cases, a month of long waits, a work log kept every day
// worked — scored by the hall's sheet (onestop/quality/scorecard.h), as CONTRACT's JSON and as
// a table; and a year's roll-up of the months for the year-end review.

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "onestop/base/time.h"

#include "onestop/quality/scorecard.h"
#include "onestop/report/table.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

// The records the scorecards of a span of months read, each under the month it counts in:
// ratings by when they were given, tickets and cases by their day, complaints by when they
// were answered. Read once for a year (four queries), not once a month.
struct MonthRecords {
    std::vector<store::Rating> ratings;
    std::vector<store::FigureTicket> tickets;
    std::vector<store::CaseRecord> cases;
    std::vector<store::Complaint> complaints;
};
Result<std::map<std::string, MonthRecords>> read_months(store::HubStore& store, TimeZone zone,
                                                        const std::string& first_month,
                                                        const std::string& last_month);

// The month's sheet for the hall's windows and every staff member not disabled: `records`
// from read_months, the attendance and work logs read here; `now` bounds what is overdue.
Result<quality::Sheet> month_scorecard(store::HubStore& store, const queue::Hall& hall,
                                       TimeZone zone, TimePoint now, const std::string& month,
                                       const MonthRecords& records,
                                       const std::vector<store::Staff>& staff);

// Whose scores a reader sees: a unit's lead its own windows and staff, the others all.
struct ScoreFilter {
    std::function<bool(const std::string& unit)> sees;
};

// CONTRACT's {"windows":[{"number","points","rank","deductions":[{"rule","points","ref"}]}],
// "staff":[…]} with the bonuses, sections, names and units beside them.
json scorecard_json(const quality::Sheet& sheet, const queue::Hall& hall,
                    const std::vector<store::Staff>& staff, const std::string& month,
                    const ScoreFilter& filter);
// The month as one table: a row a window, then a row a person.
report::Table scorecard_table(const json& scorecard);

// A year of months (YYYY-01 … the last month begun): per window and person the months'
// points, their average and the rank by it.
json year_json(const std::vector<std::pair<std::string, json>>& months);
report::Table year_table(const json& year);

}  // namespace onestop::hub
