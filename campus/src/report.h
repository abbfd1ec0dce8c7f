#pragma once
// The campus's monthly report (CONTRACT: onestop-campus report): per hall, and per unit in
// each hall, the month's tickets issued, ratings (count, average, bad ones), cases opened,
// waits (tickets called a first time and their average wait from issue, in the month and
// unit of the issue) and cases on time (promised cases completed that month, and how many
// of them before they went overdue), from the monthly figures the halls' shippers keep with
// their events in the campus database (campus.unit_months). A hall's month is its own local
// month (its time zone, as its hub counts it). From the halls' office records beside the
// events: the month's follow-ups and complaints (opened, closed, closed on time, from the
// records' current states) and its scorecards once the month has ended (windows and staff
// scored, their average points, the 红旗窗口 and 服务之星), per hall and per unit.
//
// {"month","halls":[{"hall","hub_id","tickets","ratings","rating_average","bad_ratings",
//   "cases","called","average_wait_min","cases_completed","cases_on_time","on_time_rate",
//   "followups":{"opened","closed","on_time"},"complaints":{…},"scorecard":{"windows","staff",
//   "window_average","staff_average","red_flag_windows":[{"number","name"}],"service_stars":[…]},
//   "shipped_at","last_event_at","units":[{"unit","tickets","ratings",…}]}]}
// (rating_average, average_wait_min and on_time_rate are null without anything to average.)

#include <string>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/pg/connection.h"
#include "onestop/report/table.h"

namespace onestop::campus {

// True iff `text` is YYYY-MM with a month 01…12.
bool valid_month(const std::string& text);

// Every hall the campus knows, those without events that month with zeros.
Result<nlohmann::json> monthly_report(pg::Connection& db, const std::string& month);

// The report as one table (its .xlsx and .csv exports): a row per hall, then one per unit of
// that hall, every figure a column.
report::Table report_table(const nlohmann::json& report);

}  // namespace onestop::campus
