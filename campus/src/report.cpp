#include "report.h"

#include <map>

namespace onestop::campus {

using nlohmann::json;

namespace {

// The month's figures as the shippers counted them (campus.unit_months, kept with the
// events in the same transactions): a few rows a hall, however many events the month holds.
constexpr const char* kFiguresSql = R"sql(
SELECT hall, unit, tickets, ratings, rating_sum, bad_ratings, cases
  FROM campus.unit_months WHERE month = $1 ORDER BY hall, unit)sql";

constexpr const char* kHallsSql = R"sql(
SELECT id, hub_id, name,
       to_char(shipped_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
       to_char(last_event_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
  FROM campus.halls ORDER BY name, hub_id)sql";

struct Figures {
    int64_t tickets = 0, ratings = 0, level_sum = 0, bad = 0, cases = 0;

    void add(const Figures& o) {
        tickets += o.tickets;
        ratings += o.ratings;
        level_sum += o.level_sum;
        bad += o.bad;
        cases += o.cases;
    }
    void put(json& out) const {
        out["tickets"] = tickets;
        out["ratings"] = ratings;
        out["rating_average"] =
            ratings ? json(static_cast<double>(level_sum) / static_cast<double>(ratings)) : json();
        out["bad_ratings"] = bad;
        out["cases"] = cases;
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
                     rows->integer(i, 5), rows->integer(i, 6)}});
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

}  // namespace onestop::campus
