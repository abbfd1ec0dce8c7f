#pragma once
// The monthly attendance sheet (第二十六–二十八、三十二条): the published rosters, approved
// leave, approved missed-punch corrections, meetings and the counter sessions of a period,
// reconciled by the people rules, as CONTRACT's JSON and as a table (.xlsx, CSV).

#include <string>
#include <vector>

#include "http_server.h"
#include "onestop/people/attendance.h"
#include "onestop/report/table.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

struct SheetPeriod {
    int first = 0;  // days since the epoch, both included
    int last = 0;
};

// `?date=` as "YYYY-MM" (a month) or "YYYY-MM-DD" (a day); default: this month
// (routes_office.cpp; the reports share it).
Result<std::string> date_prefix(const Request& req, TimePoint now);

// "YYYY-MM" → the month's days; nullopt for another shape.
std::optional<SheetPeriod> month_period(const std::string& month);

// Approved leave expanded to half days (from "YYYY-MM-DD[am|pm]" to the same), of every
// approved request whose body holds `from`/`to`/`substitute`.
std::vector<people::LeaveHalf> approved_leave(const std::vector<store::PeopleRequest>& leave);

// Reads what the period needs from `store` and reconciles it for every staff member who
// is enabled, or had anything in the period. `now` bounds sessions still open.
Result<std::vector<people::StaffMonth>> compute_sheet(store::HubStore& store,
                                                      const queue::Hall& hall, TimeZone zone,
                                                      TimePoint now, SheetPeriod period);

// CONTRACT: {"staff":[{"number","name","unit","days":[{"date","am","pm"}],"hours",
// "required_hours"}]} with each day's details and the meetings beside them.
json sheet_json(const std::vector<people::StaffMonth>& sheet,
                const std::vector<store::Staff>& staff);
// The sheet's JSON as a table: one row a person, two columns a day (上午/下午), then the hours.
report::Table sheet_table(const json& sheet, const std::string& month);

}  // namespace onestop::hub
