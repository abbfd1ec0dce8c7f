#include "report.h"

#include <cmath>
#include <map>

namespace onestop::campus {

using nlohmann::json;

namespace {

// The month's figures as the shippers counted them (campus.unit_months, kept with the
// events in the same transactions): a few rows a hall, however many events the month holds.
constexpr const char* kFiguresSql = R"sql(
SELECT hall, unit, tickets, ratings, rating_sum, bad_ratings, cases, called, wait_ms,
       cases_completed, cases_on_time
  FROM campus.unit_months WHERE month = $1 ORDER BY hall, unit)sql";

constexpr const char* kHallsSql = R"sql(
SELECT id, hub_id, name,
       to_char(shipped_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(last_event_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  FROM campus.halls ORDER BY name, hub_id)sql";

// a / b, or null without any b.
json ratio(int64_t a, int64_t b) {
    return b ? json(static_cast<double>(a) / static_cast<double>(b)) : json();
}

struct Figures {
    int64_t tickets = 0, ratings = 0, level_sum = 0, bad = 0, cases = 0;
    int64_t called = 0, wait_ms = 0, completed = 0, on_time = 0;

    void add(const Figures& o) {
        tickets += o.tickets;
        ratings += o.ratings;
        level_sum += o.level_sum;
        bad += o.bad;
        cases += o.cases;
        called += o.called;
        wait_ms += o.wait_ms;
        completed += o.completed;
        on_time += o.on_time;
    }
    void put(json& out) const {
        out["tickets"] = tickets;
        out["ratings"] = ratings;
        out["rating_average"] = ratio(level_sum, ratings);
        out["bad_ratings"] = bad;
        out["cases"] = cases;
        out["called"] = called;
        // To 0.1 min, as the hall's own figures report rounds it.
        out["average_wait_min"] =
            called ? json(static_cast<double>(std::lround(static_cast<double>(wait_ms) /
                                                          static_cast<double>(called) / 6000.0)) /
                          10.0)
                   : json();
        out["cases_completed"] = completed;
        out["cases_on_time"] = on_time;
        out["on_time_rate"] = ratio(on_time, completed);
    }
};

}  // namespace

bool valid_month(const std::string& text) {
    if (text.size() != 7 || text[4] != '-') return false;
    for (int i : {0, 1, 2, 3, 5, 6})
        if (text[i] < '0' || text[i] > '9') return false;
    int month = std::stoi(text.substr(5));
    return month >= 1 && month <= 12;
}

Result<json> monthly_report(pg::Connection& db, const std::string& month) {
    auto halls = db.query(kHallsSql);
    if (!halls) return halls.error();
    auto rows = db.query(kFiguresSql, {month});
    if (!rows) return rows.error();
    std::map<int64_t, std::vector<std::pair<std::string, Figures>>> units;
    for (int i = 0; i < rows->size(); ++i)
        units[rows->integer(i, 0)].push_back(
            {rows->text(i, 1),
             Figures{rows->integer(i, 2), rows->integer(i, 3), rows->integer(i, 4),
                     rows->integer(i, 5), rows->integer(i, 6), rows->integer(i, 7),
                     rows->integer(i, 8), rows->integer(i, 9), rows->integer(i, 10)}});
    json out = {{"month", month}, {"halls", json::array()}};
    for (int i = 0; i < halls->size(); ++i) {
        json hall = {{"hall", halls->text(i, 2)},
                     {"hub_id", halls->text(i, 1)},
                     {"shipped_at", halls->null(i, 3) ? json() : json(halls->text(i, 3))},
                     {"last_event_at", halls->null(i, 4) ? json() : json(halls->text(i, 4))},
                     {"units", json::array()}};
        Figures total;
        for (const auto& [unit, figures] : units[halls->integer(i, 0)]) {
            json u = {{"unit", unit}};
            figures.put(u);
            hall["units"].push_back(u);
            total.add(figures);
        }
        total.put(hall);
        out["halls"].push_back(hall);
    }
    return out;
}

report::Table report_table(const json& report) {
    report::Table table;
    table.title = "campus " + report["month"].get<std::string>();
    table.columns = {{"大厅", "Hall"},
                     {"单位", "Unit"},
                     {"取号数", "Tickets"},
                     {"已叫号", "Called"},
                     {"平均等候(分钟)", "Average wait (min)"},
                     {"评价数", "Ratings"},
                     {"平均评分", "Average rating"},
                     {"差评", "Bad ratings"},
                     {"办件数", "Cases opened"},
                     {"限时件办结", "Promised, completed"},
                     {"按期办结", "On time"},
                     {"按期率", "On-time rate"}};
    auto cell = [](const json& value) {
        if (value.is_number_integer()) return report::Cell(value.get<int64_t>());
        if (value.is_number()) return report::Cell(value.get<double>());
        return report::Cell();
    };
    auto row = [&](const std::string& hall, const std::string& unit, const json& f) {
        table.rows.push_back({hall, unit, cell(f["tickets"]), cell(f["called"]),
                              cell(f["average_wait_min"]), cell(f["ratings"]),
                              cell(f["rating_average"]), cell(f["bad_ratings"]), cell(f["cases"]),
                              cell(f["cases_completed"]), cell(f["cases_on_time"]),
                              cell(f["on_time_rate"])});
    };
    for (const auto& hall : report["halls"]) {
        row(hall["hall"], "全部 All", hall);
        for (const auto& unit : hall["units"]) row(hall["hall"], unit["unit"], unit);
    }
    return table;
}

}  // namespace onestop::campus
