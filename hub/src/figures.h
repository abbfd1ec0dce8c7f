#pragma once
// The figures report (GET /api/v1/reports/figures): tickets, no-shows, waits and service
// times of a period, grouped by day, unit, service, window or staff. A pure function of the
// period's ticket records and the hall, so the JSON, the CSV and the .xlsx are one table.

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/text.h"
#include "onestop/queue/hall.h"
#include "onestop/report/table.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

// Seconds as minutes to 0.1 min, as the reports show them.
double minutes(double seconds);

enum class FiguresBy { Day, Unit, Service, Window, Staff };
std::optional<FiguresBy> parse_figures_by(const std::string& text);
const char* to_string(FiguresBy by);

struct FigureRow {
    std::string key;            // the day, unit code, service code, window or staff number
    std::optional<Text> label;  // the unit's, service's or window's name, the staff member's
    int64_t tickets = 0;
    int64_t served = 0;
    int64_t no_show = 0;
    std::optional<double> average_wait_min;  // none when no ticket was called
    std::optional<double> max_wait_min;
    std::optional<double> average_service_min;  // none when none was served
};

// The unit a ticket counts for: its window's (who handled it), else its service's (who it
// waits for).
std::string ticket_unit(const store::FigureTicket& ticket, const queue::Hall& hall);

// Rows in key order (days and windows as dates and numbers sort). Only tickets whose unit
// `counts` holds are counted; by window and by staff, only tickets that were called (a
// ticket nobody called has neither). `staff_names` by number, for the labels.
std::vector<FigureRow> figures(const std::vector<store::FigureTicket>& tickets, FiguresBy by,
                               const queue::Hall& hall,
                               const std::function<bool(const std::string& unit)>& counts,
                               const std::map<std::string, std::string>& staff_names);

json figures_json(const std::vector<FigureRow>& rows);  // the "rows" array
report::Table figures_table(const std::vector<FigureRow>& rows, FiguresBy by);

// The table as the file `file`.csv or `file`.xlsx when `format` is csv or xlsx, else
// `json_body` (the route checked `format`).
Reply report_reply(const std::string& format, const report::Table& table, const std::string& file,
                   const json& json_body);

}  // namespace onestop::hub
