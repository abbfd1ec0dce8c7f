// GET /api/v1/reports/scorecard?date=YYYY-MM (a month) or YYYY (the year's roll-up), as JSON,
// &format=csv or xlsx (scorecards.h): the office and the committee's viewers see every window
// and person, a unit's lead its own.
#include "attendance.h"
#include "figures.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "scorecards.h"

namespace onestop::hub {

Result<std::vector<std::pair<std::string, json>>> Hub::scorecards(
    const std::vector<std::string>& months, const std::function<bool(const std::string&)>& sees) {
    TimePoint now = clock_->now();
    queue::Hall hall = with_state([](const HubState& s) { return s.engine.hall(); });
    std::vector<std::pair<std::string, json>> sheets;
    std::lock_guard lock(reader_.mu);
    auto staff = reader_.store->all_staff();
    if (!staff) return staff.error();
    auto records = read_months(*reader_.store, zone_, months.front(), months.back());
    if (!records) return records.error();
    for (const auto& month : months) {
        auto sheet =
            month_scorecard(*reader_.store, hall, zone_, now, month, (*records)[month], *staff);
        if (!sheet) return sheet.error();
        sheets.emplace_back(month, scorecard_json(*sheet, hall, *staff, month, {sees}));
    }
    return sheets;
}

void Hub::install_scorecard_routes() {
    get("/api/v1/reports/scorecard", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "scorecards are for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        ScoreFilter filter{[&principal](const std::string& unit) { return principal.sees(unit); }};
        std::string format = req.get_param_value("format");
        if (format.empty()) format = "json";
        if (format != "json" && format != "csv" && format != "xlsx")
            return error_reply(422, errc::invalid_field, "format must be json, csv or xlsx");
        TimePoint now = clock_->now();
        std::string this_month = zone_.to_local(now).date().substr(0, 7);
        std::string date = req.get_param_value("date");
        if (date.empty()) date = this_month;
        bool year = date.size() == 4;
        std::vector<std::string> months;
        if (year) {
            for (int m = 1; m <= 12; ++m) {
                char month[8];
                std::snprintf(month, sizeof month, "%s-%02d", date.c_str(), m);
                if (month <= this_month) months.push_back(month);
            }
        } else {
            months.push_back(date);
        }
        if (months.empty() || !month_period(months.front()))
            return error_reply(422, errc::invalid_field,
                               "date must be YYYY-MM (a month) or YYYY (a year begun)");
        auto computed = scorecards(months, filter.sees);
        if (!computed) {
            logger("hub")->error("the scorecards of {}: {}", date, computed.error().message);
            return internal_error_reply();
        }
        const auto& sheets = *computed;
        if (year) {
            json roll_up = year_json(sheets);
            roll_up["date"] = date;
            return report_reply(format, year_table(roll_up), "scorecard-" + date, roll_up);
        }
        const json& sc = sheets.front().second;
        return report_reply(format, scorecard_table(sc), "scorecard-" + date, sc);
    });
}

}  // namespace onestop::hub
