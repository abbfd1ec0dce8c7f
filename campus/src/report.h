#pragma once
// The campus's monthly report (CONTRACT: onestop-campus report): per hall, and per unit in
// each hall, the month's tickets issued, ratings (count, average, bad ones) and cases
// opened, from the monthly figures the halls' shippers keep with their events in the campus
// database (campus.unit_months). A hall's month is its own local month (its time zone, as
// its hub counts it).
//
// {"month","halls":[{"hall","hub_id","tickets","ratings","rating_average","bad_ratings",
//   "cases","shipped_at","last_event_at","units":[{"unit","tickets","ratings",…}]}]}

#include <string>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/pg/connection.h"

namespace onestop::campus {

// True iff `text` is YYYY-MM with a month 01…12.
bool valid_month(const std::string& text);

// Every hall the campus knows, those without events that month with zeros.
Result<nlohmann::json> monthly_report(pg::Connection& db, const std::string& month);

}  // namespace onestop::campus
