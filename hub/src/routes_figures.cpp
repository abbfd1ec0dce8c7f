// GET /api/v1/reports/figures: tickets, no-shows, waits and service times by day, unit,
// service, window or staff (narrowed to one unit or one staff member), and
// GET /api/v1/reports/cases: the cases' figures per unit; as JSON, CSV (UTF-8 with a BOM, for
// Excel) or .xlsx. Read through the reader connection; nothing here changes the hall.
#include <map>

#include "body_fields.h"
#include "case_figures.h"
#include "figures.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"

namespace onestop::hub {

namespace {

// A period is at most a year: the report reads every ticket in it.
constexpr int kMaxDays = 366;

// ?from=&to= (YYYY-MM-DD; default: this month up to today) and ?format=json|csv|xlsx.
struct Period {
    std::string from, to, format;
};
std::variant<Period, Reply> read_period(const Request& req, const std::string& today) {
    Period p{req.get_param_value("from"), req.get_param_value("to"), req.get_param_value("format")};
    if (p.to.empty()) p.to = today;
    if (p.from.empty()) p.from = p.to.substr(0, 8) + "01";
    auto first = parse_date(p.from), last = parse_date(p.to);
    if (!first || !last || format_date(*first) != p.from || format_date(*last) != p.to)
        return error_reply(422, errc::invalid_field, "from and to must be YYYY-MM-DD");
    if (*first > *last || *last - *first >= kMaxDays)
        return error_reply(422, errc::invalid_field,
                           "from must not be after to, and the period at most 366 days");
    if (p.format.empty()) p.format = "json";
    if (p.format != "json" && p.format != "csv" && p.format != "xlsx")
        return error_reply(422, errc::invalid_field, "format must be json, csv or xlsx");
    return p;
}

// The table as the file `name`-from-to in the format asked, else `json_body`.
Reply table_reply(const Period& p, const report::Table& table, const std::string& name,
                  const json& json_body) {
    return report_reply(p.format, table, name + "-" + p.from + "-" + p.to, json_body);
}

}  // namespace

void Hub::install_figure_routes() {
    get("/api/v1/reports/figures", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "reports are for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);

        auto period = read_period(req, to_local(clock_->now()).date());
        if (auto* bad = std::get_if<Reply>(&period)) return *bad;
        const Period& pd = std::get<Period>(period);
        const std::string &from = pd.from, &to = pd.to;
        std::string by_text = req.get_param_value("by");
        if (by_text.empty()) by_text = "day";
        auto by = parse_figures_by(by_text);
        if (!by)
            return error_reply(422, errc::invalid_field,
                               "by must be day, unit, service, window or staff");
        // ?unit=CODE narrows to one unit (a unit's figures per staff member, say), ?staff=NO
        // to one person (their days).
        std::string unit = req.get_param_value("unit"), staff_number = req.get_param_value("staff");
        if (!unit.empty() && !hall_.find_unit(unit))
            return error_reply(422, errc::invalid_field, "unit " + unit + " is not in this hall");
        if (!staff_number.empty() && !is_staff_number(staff_number))
            return error_reply(422, errc::invalid_field, "staff must be a staff number");
        if (!unit.empty() && !principal.sees(unit))
            return error_reply(403, errc::forbidden, "a unit's lead reads only their own unit");

        Result<std::vector<store::FigureTicket>> tickets = std::vector<store::FigureTicket>{};
        Result<std::vector<store::Staff>> staff = std::vector<store::Staff>{};
        {
            std::lock_guard lock(reader_.mu);
            tickets = reader_.store->figure_tickets(from, to);
            if (*by == FiguresBy::Staff) staff = reader_.store->all_staff();
        }
        if (!tickets || !staff) {
            logger("hub")->error("reading the figures: {}",
                                 (!tickets ? tickets.error() : staff.error()).message);
            return internal_error_reply();
        }
        std::map<std::string, std::string> names;
        for (const auto& s : *staff) names[s.number] = s.name;
        if (!staff_number.empty())
            std::erase_if(*tickets, [&](const auto& t) { return t.staff != staff_number; });
        auto rows = figures(
            *tickets, *by, hall_,
            [&](const std::string& u) { return principal.sees(u) && (unit.empty() || u == unit); },
            names);

        json answer = {{"from", from}, {"to", to}, {"by", by_text}, {"rows", figures_json(rows)}};
        if (!unit.empty()) answer["unit"] = unit;
        if (!staff_number.empty()) answer["staff"] = staff_number;
        return table_reply(pd, figures_table(rows, *by),
                           "figures-by-" + by_text + (unit.empty() ? "" : "-" + unit) +
                               (staff_number.empty() ? "" : "-" + staff_number),
                           answer);
    });

    // The cases' figures (issue 13): per unit, by mode, on time, 补正, overdue; the last row
    // the total of the units the asker sees.
    get("/api/v1/reports/cases", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "reports are for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        std::string today = to_local(clock_->now()).date();
        auto period = read_period(req, today);
        if (auto* bad = std::get_if<Reply>(&period)) return *bad;
        const Period& pd = std::get<Period>(period);
        Result<std::vector<store::CaseRecord>> cases = std::vector<store::CaseRecord>{};
        {
            std::lock_guard lock(reader_.mu);
            cases = reader_.store->cases_opened(pd.from, pd.to);
        }
        if (!cases) {
            logger("hub")->error("reading the case figures: {}", cases.error().message);
            return internal_error_reply();
        }
        auto rows =
            case_figures(*cases, hall_.settings, today,
                         [&principal](const std::string& unit) { return principal.sees(unit); });
        json units = json::array();
        for (size_t i = 0; i + 1 < rows.size(); ++i) units.push_back(case_figures_json(rows[i]));
        return table_reply(pd, case_figures_table(rows), "cases",
                           {{"from", pd.from},
                            {"to", pd.to},
                            {"units", units},
                            {"total", case_figures_json(rows.back())}});
    });
}

}  // namespace onestop::hub
