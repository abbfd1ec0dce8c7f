#pragma once
// Term rosters as the hub keeps and moves them (第十四、十五、二十九条): a roster's JSON (the
// body of PUT /api/v1/rosters/{term}/{window}), its rows in a CSV or .xlsx file, and who is
// expected where from the published versions, for attendance and the schedule.

#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "onestop/people/attendance.h"
#include "onestop/report/read.h"
#include "onestop/report/table.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

json roster_json(const people::Roster& roster);
// errc::invalid_field naming the bad entry; the window comes from the path.
Result<people::Roster> parse_roster(const json& body, int window);

// A term's rosters as rows: window, kind (pattern | exception | duty), week, weekday, date,
// half, staff — the same columns the import reads back.
report::Table roster_table(const std::string& title, const std::vector<people::Roster>& rosters);
// The rows of roster_table read back from CSV or .xlsx (headers "中文 / English" or bare
// English names): the rosters by window. errc::invalid_field naming the line.
Result<std::map<int, people::Roster>> parse_roster_rows(const report::Rows& rows);

people::Term to_term(const store::TermRow& row);

// Who the published rosters expect on days `first`…`last` (days since the epoch) before
// leave, and each window's open minutes in each half day (for hours at any window).
struct Expectations {
    std::vector<people::Expected> expected;
    std::map<std::tuple<int, int, people::Half>, queue::TimeRange> open;
};
Result<Expectations> expectations(store::HubStore& store, const queue::Hall& hall,
                                  const queue::Calendar& calendar, int first, int last);

// Leave from `from` to `to`, each "YYYY-MM-DD" (the whole day) or "YYYY-MM-DDam|pm" (CONTRACT):
// the first and last half day as day × 2 + (0 am, 1 pm). Nullopt for another shape or when
// `to` comes before `from`.
std::optional<std::pair<int, int>> leave_span(const std::string& from, const std::string& to);

}  // namespace onestop::hub
