#pragma once
// The cases' figures (GET /api/v1/reports/cases): per unit, the cases opened in a period by
// mode, how many of the completed ones kept their promised date, how many needed 补正,
// and how many open ones are overdue. A pure function of the case rows and the calendar,
// so the JSON, the CSV and the .xlsx are one table.

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "onestop/queue/hall.h"
#include "onestop/report/table.h"
#include "onestop/store/hub_store.h"
#include "reply.h"

namespace onestop::hub {

struct CaseFigureRow {
    std::string unit;  // empty: the hall's total
    int64_t cases = 0;
    int64_t instant = 0, deadline = 0, supplement = 0, returned = 0;  // by opening mode
    int64_t completed = 0;     // deadline-type cases completed (instant ones are not promised)
    int64_t on_time = 0;       // of those, completed on or before the promised date
    int64_t supplemented = 0;  // cases with a 补正 request
    int64_t overdue = 0;       // accepted and past the promised date `today`
    std::optional<double> on_time_rate;     // on_time / completed, 0…1; none without completions
    std::optional<double> supplement_rate;  // supplemented / cases
};

// One row a unit (in code order) whose cases `counts`, then the total of those rows.
std::vector<CaseFigureRow> case_figures(const std::vector<store::CaseRecord>& cases,
                                        const queue::Settings& settings, const std::string& today,
                                        const std::function<bool(const std::string&)>& counts);

json case_figures_json(const CaseFigureRow& row);
report::Table case_figures_table(const std::vector<CaseFigureRow>& rows);

}  // namespace onestop::hub
