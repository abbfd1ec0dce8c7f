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

// The month's follow-ups (回访整改) and complaints per hall and unit, from the records'
// current states (campus.records): opened that month, closed (a follow-up closed, a
// complaint answered) that month, and of those closed no later than their due day — months
// and days in the hall's own zone.
constexpr const char* kOfficeSql = R"sql(
SELECT hall, unit, kind,
       count(*) FILTER (WHERE to_char(opened AT TIME ZONE zone, 'YYYY-MM') = $1),
       count(*) FILTER (WHERE to_char(closed AT TIME ZONE zone, 'YYYY-MM') = $1),
       count(*) FILTER (WHERE to_char(closed AT TIME ZONE zone, 'YYYY-MM') = $1
                          AND to_char(closed AT TIME ZONE zone, 'YYYY-MM-DD') <= due)
  FROM (SELECT r.hall, r.kind, h.zone, coalesce(r.state->>'unit', '') AS unit,
               coalesce(r.state->>'opened_at', r.state->>'received_at')::timestamptz AS opened,
               nullif(coalesce(r.state->>'closed_at', r.state->>'answered_at'), '')::timestamptz
                 AS closed,
               coalesce(r.state->>'deadline', r.state->>'due_date') AS due
          FROM campus.records r JOIN campus.halls h ON h.id = r.hall
         WHERE r.kind IN ('followup', 'complaint')) f
 GROUP BY hall, unit, kind ORDER BY hall, unit)sql";

// The month's scorecards as the halls computed them once it ended: a row a window and a
// person, best first.
constexpr const char* kScorecardsSql = R"sql(
SELECT hall, unit, kind, number, name, points, honoured
  FROM campus.scorecards WHERE month = $1 ORDER BY hall, kind, rank, number)sql";

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

// Follow-ups or complaints of a month: opened, closed, closed on time.
struct Tally {
    int64_t opened = 0, closed = 0, on_time = 0;
    void add(const Tally& o) {
        opened += o.opened;
        closed += o.closed;
        on_time += o.on_time;
    }
    json to_json() const { return {{"opened", opened}, {"closed", closed}, {"on_time", on_time}}; }
};

// The month's scorecards of a hall or unit: how many windows and people were scored, their
// average points, and who was honoured (红旗窗口, 服务之星).
struct Scores {
    int64_t windows = 0, staff = 0;
    double window_points = 0, staff_points = 0;
    json red_flag_windows = json::array(), service_stars = json::array();

    void add(const std::string& kind, const json& who, double points, bool honoured) {
        bool window = kind == "window";
        (window ? windows : staff) += 1;
        (window ? window_points : staff_points) += points;
        if (honoured) (window ? red_flag_windows : service_stars).push_back(who);
    }
    void add(const Scores& o) {
        windows += o.windows;
        staff += o.staff;
        window_points += o.window_points;
        staff_points += o.staff_points;
        for (const auto& w : o.red_flag_windows) red_flag_windows.push_back(w);
        for (const auto& p : o.service_stars) service_stars.push_back(p);
    }
    // Averages to 0.01, null with nobody scored.
    json to_json() const {
        auto average = [](double sum, int64_t n) {
            return n ? json(std::round(sum / static_cast<double>(n) * 100) / 100) : json();
        };
        return {{"windows", windows},
                {"staff", staff},
                {"window_average", average(window_points, windows)},
                {"staff_average", average(staff_points, staff)},
                {"red_flag_windows", red_flag_windows},
                {"service_stars", service_stars}};
    }
};

// What a hall's unit has beside the event figures.
struct Office {
    Tally followups, complaints;
    Scores scores;
    void add(const Office& o) {
        followups.add(o.followups);
        complaints.add(o.complaints);
        scores.add(o.scores);
    }
    void put(json& out) const {
        out["followups"] = followups.to_json();
        out["complaints"] = complaints.to_json();
        out["scorecard"] = scores.to_json();
    }
};

using UnitOffices = std::map<int64_t, std::map<std::string, Office>>;

Status read_offices(pg::Connection& db, const std::string& month, UnitOffices& out) {
    auto tallies = db.query(kOfficeSql, {month});
    if (!tallies) return tallies.error();
    for (int i = 0; i < tallies->size(); ++i) {
        Office& o = out[tallies->integer(i, 0)][tallies->text(i, 1)];
        Tally& t = tallies->text(i, 2) == "followup" ? o.followups : o.complaints;
        t = {tallies->integer(i, 3), tallies->integer(i, 4), tallies->integer(i, 5)};
    }
    auto scores = db.query(kScorecardsSql, {month});
    if (!scores) return scores.error();
    for (int i = 0; i < scores->size(); ++i) {
        std::string kind = scores->text(i, 2);
        json who = {{"number", kind == "window" ? json(std::stoi(scores->text(i, 3)))
                                                : json(scores->text(i, 3))},
                    {"name", scores->text(i, 4)}};
        out[scores->integer(i, 0)][scores->text(i, 1)].scores.add(
            kind, who, std::stod(scores->text(i, 5)), scores->text(i, 6) == "t");
    }
    return {};
}

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
    UnitOffices offices;
    if (auto st = read_offices(db, month, offices); !st) return st.error();
    json out = {{"month", month}, {"halls", json::array()}};
    for (int i = 0; i < halls->size(); ++i) {
        json hall = {{"hall", halls->text(i, 2)},
                     {"hub_id", halls->text(i, 1)},
                     {"shipped_at", halls->null(i, 3) ? json() : json(halls->text(i, 3))},
                     {"last_event_at", halls->null(i, 4) ? json() : json(halls->text(i, 4))},
                     {"units", json::array()}};
        // A unit with office records but no events that month is listed too.
        const int64_t id = halls->integer(i, 0);
        std::map<std::string, Figures> figures;
        for (const auto& [unit, f] : units[id]) figures[unit] = f;
        for (const auto& [unit, o] : offices[id]) figures.try_emplace(unit);
        Figures total;
        Office office;
        for (const auto& [unit, f] : figures) {
            json u = {{"unit", unit}};
            f.put(u);
            offices[id][unit].put(u);
            hall["units"].push_back(u);
            total.add(f);
            office.add(offices[id][unit]);
        }
        total.put(hall);
        office.put(hall);
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
                     {"按期率", "On-time rate"},
                     {"回访整改新开", "Follow-ups opened"},
                     {"回访整改办结", "Follow-ups closed"},
                     {"回访按期办结", "Follow-ups closed on time"},
                     {"投诉受理", "Complaints received"},
                     {"投诉答复", "Complaints answered"},
                     {"投诉按期答复", "Complaints answered on time"},
                     {"考核窗口数", "Windows scored"},
                     {"窗口平均分", "Windows' average"},
                     {"考核人员数", "Staff scored"},
                     {"人员平均分", "Staff average"},
                     {"红旗窗口", "Red-flag windows"},
                     {"服务之星", "Service stars"}};
    auto cell = [](const json& value) {
        if (value.is_number_integer()) return report::Cell(value.get<int64_t>());
        if (value.is_number()) return report::Cell(value.get<double>());
        return report::Cell();
    };
    auto names = [](const json& who) {
        std::string text;
        for (const auto& w : who) {
            std::string name = w["name"];
            if (name.empty())
                name = w["number"].is_string() ? w["number"].get<std::string>()
                                               : std::to_string(w["number"].get<int>());
            text += (text.empty() ? "" : "、") + name;
        }
        return text;
    };
    auto row = [&](const std::string& hall, const std::string& unit, const json& f) {
        const json &fu = f["followups"], &co = f["complaints"], &sc = f["scorecard"];
        table.rows.push_back({hall,
                              unit,
                              cell(f["tickets"]),
                              cell(f["called"]),
                              cell(f["average_wait_min"]),
                              cell(f["ratings"]),
                              cell(f["rating_average"]),
                              cell(f["bad_ratings"]),
                              cell(f["cases"]),
                              cell(f["cases_completed"]),
                              cell(f["cases_on_time"]),
                              cell(f["on_time_rate"]),
                              cell(fu["opened"]),
                              cell(fu["closed"]),
                              cell(fu["on_time"]),
                              cell(co["opened"]),
                              cell(co["closed"]),
                              cell(co["on_time"]),
                              cell(sc["windows"]),
                              cell(sc["window_average"]),
                              cell(sc["staff"]),
                              cell(sc["staff_average"]),
                              names(sc["red_flag_windows"]),
                              names(sc["service_stars"])});
    };
    for (const auto& hall : report["halls"]) {
        row(hall["hall"], "全部 All", hall);
        for (const auto& unit : hall["units"]) row(hall["hall"], unit["unit"], unit);
    }
    return table;
}

}  // namespace onestop::campus
