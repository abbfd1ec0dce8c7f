#include "case_figures.h"

#include <map>

#include "cases.h"
#include "onestop/base/time.h"

namespace onestop::hub {

namespace {

void count(CaseFigureRow& row, const store::CaseRecord& c, const queue::Settings& settings,
           const std::string& today) {
    ++row.cases;
    auto mode = cases::parse_mode(c.mode).value_or(cases::Mode::Instant);
    (mode == cases::Mode::Instant      ? row.instant
     : mode == cases::Mode::Deadline   ? row.deadline
     : mode == cases::Mode::Supplement ? row.supplement
                                       : row.returned) += 1;
    if (c.supplements > 0) ++row.supplemented;
    std::string promised = case_promised(c, settings, today);
    if (promised.empty()) return;
    if (c.completed_at) {
        ++row.completed;
        auto at = parse_iso8601(*c.completed_at);
        if (at && to_local(*at).date() <= promised) ++row.on_time;
    } else if (c.status == cases::to_string(cases::Status::Accepted) && today > promised) {
        ++row.overdue;
    }
}

void add(CaseFigureRow& total, const CaseFigureRow& row) {
    total.cases += row.cases;
    total.instant += row.instant;
    total.deadline += row.deadline;
    total.supplement += row.supplement;
    total.returned += row.returned;
    total.completed += row.completed;
    total.on_time += row.on_time;
    total.supplemented += row.supplemented;
    total.overdue += row.overdue;
}

void rates(CaseFigureRow& row) {
    if (row.completed > 0) row.on_time_rate = double(row.on_time) / double(row.completed);
    if (row.cases > 0) row.supplement_rate = double(row.supplemented) / double(row.cases);
}

}  // namespace

std::vector<CaseFigureRow> case_figures(const std::vector<store::CaseRecord>& all,
                                        const queue::Settings& settings, const std::string& today,
                                        const std::function<bool(const std::string&)>& counts) {
    std::map<std::string, CaseFigureRow> units;
    for (const auto& c : all) {
        if (!counts(c.unit)) continue;
        CaseFigureRow& row = units[c.unit];
        row.unit = c.unit;
        count(row, c, settings, today);
    }
    std::vector<CaseFigureRow> out;
    CaseFigureRow total;
    for (auto& [unit, row] : units) {
        rates(row);
        add(total, row);
        out.push_back(row);
    }
    rates(total);
    out.push_back(total);
    return out;
}

json case_figures_json(const CaseFigureRow& r) {
    auto rate = [](const std::optional<double>& v) { return v ? json(*v) : json(nullptr); };
    return {{"unit", r.unit.empty() ? json(nullptr) : json(r.unit)},
            {"cases", r.cases},
            {"modes",
             {{"instant", r.instant},
              {"deadline", r.deadline},
              {"supplement", r.supplement},
              {"return", r.returned}}},
            {"completed", r.completed},
            {"on_time", r.on_time},
            {"on_time_rate", rate(r.on_time_rate)},
            {"supplemented", r.supplemented},
            {"supplement_rate", rate(r.supplement_rate)},
            {"overdue", r.overdue}};
}

report::Table case_figures_table(const std::vector<CaseFigureRow>& rows) {
    report::Table table;
    table.title = "cases";
    table.columns = {{"单位", "Unit"},
                     {"办件数", "Cases"},
                     {"即办", "Instant"},
                     {"限时办结", "Deadline"},
                     {"补正", "Supplement"},
                     {"退回", "Returned"},
                     {"限时办结已办结", "Completed (promised)"},
                     {"按期办结", "On time"},
                     {"按期率", "On-time rate"},
                     {"补正率", "Supplement rate"},
                     {"已超期", "Overdue"}};
    auto cell = [](const std::optional<double>& v) {
        return v ? report::Cell(*v) : report::Cell();
    };
    for (const auto& r : rows)
        table.rows.push_back({r.unit.empty() ? std::string("合计 Total") : r.unit, r.cases,
                              r.instant, r.deadline, r.supplement, r.returned, r.completed,
                              r.on_time, cell(r.on_time_rate), cell(r.supplement_rate), r.overdue});
    return table;
}

}  // namespace onestop::hub
