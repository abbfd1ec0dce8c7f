#include "scorecards.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "attendance.h"
#include "cases.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"

namespace onestop::hub {

namespace {

std::string local_date(const std::string& iso_time, TimeZone zone) {
    auto at = parse_iso8601(iso_time);
    return at ? zone.to_local(*at).date() : iso_time.substr(0, 10);
}

std::string minutes_text(double seconds) {
    char out[32];
    std::snprintf(out, sizeof out, "%.1f", seconds / 60);
    return out;
}

// Attendance: each late, early or absent half day at the window it was rostered at, and each
// meeting missed.
Status add_attendance(store::HubStore& store, const queue::Hall& hall, TimeZone zone, TimePoint now,
                      SheetPeriod period, const std::string& month,
                      std::vector<quality::Occurrence>& out,
                      std::map<std::string, std::vector<std::string>>& worked) {
    auto sheet = compute_sheet(store, hall, zone, now, period);
    if (!sheet) return sheet.error();
    for (const auto& person : *sheet) {
        for (const auto& [day, halves] : person.days) {
            for (int h = 0; h < 2; ++h) {
                const people::HalfDay& half = halves[h];
                std::string ref = "attendance:" + person.staff + ":" + format_date(day) +
                                  (h == 0 ? ":am" : ":pm");
                using people::Mark;
                if (half.mark == Mark::Late)
                    out.push_back({"late", half.window, person.staff, ref});
                if (half.mark == Mark::Early)
                    out.push_back({"early", half.window, person.staff, ref});
                if (half.mark == Mark::Absent)
                    out.push_back({"absent", half.window, person.staff, ref});
                if (half.mark == Mark::Present || half.mark == Mark::Late ||
                    half.mark == Mark::Early) {
                    auto& days = worked[person.staff];
                    if (days.empty() || days.back() != format_date(day))
                        days.push_back(format_date(day));
                }
            }
        }
        for (int i = 0; i < person.meetings.missed; ++i)
            out.push_back(
                {"meeting_missed", 0, person.staff, "meetings:" + person.staff + ":" + month});
    }
    return {};
}

// Ratings: a bad one stands unless its appeal was upheld; its follow-up answered after the
// deadline (or still open past it) costs again; 非常满意 is praise, a month's named together.
void add_ratings(const std::vector<store::Rating>& ratings, TimeZone zone, const std::string& month,
                 const std::string& today, std::vector<quality::Occurrence>& out) {
    std::map<int, int> praised_window;
    std::map<std::string, int> praised_staff;
    for (const auto& r : ratings) {
        if (r.level == 5) {
            ++praised_window[r.window];
            if (!r.staff.empty()) ++praised_staff[r.staff];
        }
        if (r.level > 2 || r.followup_status == "upheld") continue;
        out.push_back(
            {"bad_rating", r.window, r.staff, "ticket:" + r.number + "@" + local_date(r.at, zone)});
        if (r.followup == 0) continue;
        bool late =
            r.closed_at.empty() ? today > r.deadline : local_date(r.closed_at, zone) > r.deadline;
        if (late)
            out.push_back(
                {"followup_late", r.window, r.staff, "followup:" + std::to_string(r.followup)});
    }
    auto ref = [&month](const std::string& who, int n) {
        return "ratings:" + who + ":" + month + " level 5 ×" + std::to_string(n);
    };
    for (const auto& [window, n] : praised_window)
        out.push_back({"praise", window, "", ref("window:" + std::to_string(window), n), n});
    for (const auto& [staff, n] : praised_staff)
        out.push_back({"praise", 0, staff, ref(staff, n), n});
}

void add_complaints(const std::vector<store::Complaint>& complaints,
                    std::vector<quality::Occurrence>& out) {
    for (const auto& c : complaints)
        if (c.finding == "substantiated")
            out.push_back({"complaint", c.window, c.staff, "complaint:" + c.number});
}

void add_cases(const std::vector<store::CaseRecord>& cases, const queue::Settings& settings,
               TimeZone zone, const std::string& today, std::vector<quality::Occurrence>& out) {
    for (const auto& c : cases) {
        std::string promised = case_promised(c, settings, today);
        if (promised.empty()) continue;
        bool overdue = c.completed_at ? local_date(*c.completed_at, zone) > promised
                                      : c.status == "accepted" && today > promised;
        if (overdue) out.push_back({"case_overdue", c.window, c.staff, "case:" + c.number});
    }
}

// A month whose tickets waited longer than the sheet's minutes on average, per window and
// per person who called them.
void add_waits(const std::vector<store::FigureTicket>& tickets, const queue::ScorecardRules& rules,
               const std::string& month, std::vector<quality::Occurrence>& out) {
    struct Sum {
        double seconds = 0;
        int count = 0;
    };
    std::map<int, Sum> by_window;
    std::map<std::string, Sum> by_staff;
    for (const auto& t : tickets) {
        if (!t.wait_s || t.window == 0) continue;
        by_window[t.window].seconds += *t.wait_s;
        ++by_window[t.window].count;
        if (t.staff.empty()) continue;
        by_staff[t.staff].seconds += *t.wait_s;
        ++by_staff[t.staff].count;
    }
    double limit = rules.long_wait_minutes * 60.0;
    auto ref = [&month](const std::string& who, const Sum& s) {
        return "figures:" + who + ":" + month + " (" + minutes_text(s.seconds / s.count) +
               " min over " + std::to_string(s.count) + ")";
    };
    for (const auto& [window, s] : by_window)
        if (s.seconds / s.count > limit)
            out.push_back({"long_wait", window, "", ref("window:" + std::to_string(window), s)});
    for (const auto& [staff, s] : by_staff)
        if (s.seconds / s.count > limit) out.push_back({"long_wait", 0, staff, ref(staff, s)});
}

// 附加事项: a work log note on every day worked.
Status add_worklogs(store::HubStore& store, SheetPeriod period, const std::string& month,
                    const std::map<std::string, std::vector<std::string>>& worked,
                    std::vector<quality::Occurrence>& out) {
    std::map<std::string, std::set<std::string>> noted;  // staff → dates
    for (int day = period.first; day <= period.last; ++day) {
        auto notes = store.worklog_notes(format_date(day));
        if (!notes) return notes.error();
        for (const auto& n : *notes) noted[n.staff].insert(n.date);
    }
    for (const auto& [staff, days] : worked) {
        bool kept = !days.empty();
        for (const auto& d : days) kept = kept && noted[staff].count(d);
        if (kept)
            out.push_back(
                {"worklog_kept", 0, staff,
                 "worklog:" + staff + ":" + month + " (" + std::to_string(days.size()) + " days)"});
    }
    return {};
}

json lines_json(const std::vector<quality::Line>& lines, bool deductions) {
    json out = json::array();
    for (const auto& l : lines)
        if ((l.points < 0) == deductions)
            out.push_back({{"rule", l.rule},
                           {"points", l.points},
                           {"ref", l.ref},
                           {"section", quality::to_string(quality::section_of(l.rule))}});
    return out;
}

json score_json(const quality::Score& s) {
    json sections = {{"discipline", 0.0}, {"service", 0.0}, {"extra", 0.0}};
    for (const auto& l : s.lines)
        sections[quality::to_string(quality::section_of(l.rule))] =
            sections[quality::to_string(quality::section_of(l.rule))].get<double>() + l.points;
    return {{"points", s.points},
            {"rank", s.rank},
            {"honoured", s.honoured},
            {"deducted", s.deducted},
            {"bonus", s.bonus},
            {"sections", sections},
            {"deductions", lines_json(s.lines, true)},
            {"bonuses", lines_json(s.lines, false)}};
}

}  // namespace

Result<std::map<std::string, MonthRecords>> read_months(store::HubStore& store, TimeZone zone,
                                                        const std::string& first_month,
                                                        const std::string& last_month) {
    auto first = month_period(first_month), last = month_period(last_month);
    if (!first || !last) return make_error(errc::invalid_field, "months must be YYYY-MM");
    std::string from = format_date(first->first), to = format_date(last->last);
    std::map<std::string, MonthRecords> out;
    auto in_span = [&](const std::string& month) {
        return month >= first_month && month <= last_month;
    };
    // Ratings by the local month they were given in: the span's years read, its months kept.
    for (int year = std::stoi(first_month.substr(0, 4)); year <= std::stoi(last_month.substr(0, 4));
         ++year) {
        auto ratings = store.ratings(std::to_string(year));
        if (!ratings) return ratings.error();
        for (auto& r : *ratings) {
            std::string month = local_date(r.at, zone).substr(0, 7);
            if (in_span(month)) out[month].ratings.push_back(std::move(r));
        }
    }
    auto tickets = store.figure_tickets(from, to);
    if (!tickets) return tickets.error();
    for (auto& t : *tickets) out[t.day.substr(0, 7)].tickets.push_back(std::move(t));
    auto cases = store.cases_opened(from, to);
    if (!cases) return cases.error();
    for (auto& c : *cases) out[c.day.substr(0, 7)].cases.push_back(std::move(c));
    auto complaints = store.complaints(false);
    if (!complaints) return complaints.error();
    for (auto& c : *complaints) {
        if (c.answered_at.empty()) continue;
        std::string month = local_date(c.answered_at, zone).substr(0, 7);
        if (in_span(month)) out[month].complaints.push_back(std::move(c));
    }
    return out;
}

Result<quality::Sheet> month_scorecard(store::HubStore& store, const queue::Hall& hall,
                                       TimeZone zone, TimePoint now, const std::string& month,
                                       const MonthRecords& records,
                                       const std::vector<store::Staff>& staff) {
    auto period = month_period(month);
    if (!period) return make_error(errc::invalid_field, "date must be YYYY-MM");
    std::string today = zone.to_local(now).date();
    std::vector<quality::Occurrence> occurrences;
    std::map<std::string, std::vector<std::string>> worked;
    if (auto st = add_attendance(store, hall, zone, now, *period, month, occurrences, worked); !st)
        return st.error();
    add_ratings(records.ratings, zone, month, today, occurrences);
    add_complaints(records.complaints, occurrences);
    add_cases(records.cases, hall.settings, zone, today, occurrences);
    add_waits(records.tickets, hall.scorecard, month, occurrences);
    if (auto st = add_worklogs(store, *period, month, worked, occurrences); !st) return st.error();
    std::vector<int> windows;
    for (const auto& w : hall.windows) windows.push_back(w.number);
    std::vector<std::string> people;
    for (const auto& s : staff)
        if (!s.disabled()) people.push_back(s.number);
    return quality::score(occurrences, windows, people, hall.scorecard);
}

json scorecard_json(const quality::Sheet& sheet, const queue::Hall& hall,
                    const std::vector<store::Staff>& staff, const std::string& month,
                    const ScoreFilter& filter) {
    json windows = json::array(), people = json::array();
    for (const auto& s : sheet.windows) {
        int number = std::stoi(s.who);
        const queue::Window* w = hall.find_window(number);
        std::string unit = w ? w->unit : "";
        if (!filter.sees(unit)) continue;
        json row = score_json(s);
        row["number"] = number;
        row["name"] = w ? json{{"zh", w->name.zh}, {"en", w->name.en}} : json(nullptr);
        row["unit"] = unit;
        windows.push_back(row);
    }
    for (const auto& s : sheet.staff) {
        auto found = std::find_if(staff.begin(), staff.end(),
                                  [&](const store::Staff& m) { return m.number == s.who; });
        std::string unit = found != staff.end() ? found->unit : "";
        if (!filter.sees(unit)) continue;
        json row = score_json(s);
        row["number"] = s.who;
        row["name"] = found != staff.end() ? found->name : "";
        row["unit"] = unit;
        people.push_back(row);
    }
    json rules = json::object();
    for (const auto& [rule, points] : hall.scorecard.points) rules[rule] = points;
    return {
        {"date", month},  {"base", hall.scorecard.base}, {"bonus_cap", hall.scorecard.bonus_cap},
        {"rules", rules}, {"windows", windows},          {"staff", people}};
}

report::Table scorecard_table(const json& sc) {
    report::Table t;
    t.title = "考核 " + sc["date"].get<std::string>();
    t.columns = {{"类别", "Kind"},      {"编号", "Number"},         {"名称", "Name"},
                 {"单位", "Unit"},      {"工作纪律", "Discipline"}, {"服务质量", "Service"},
                 {"附加事项", "Extra"}, {"得分", "Points"},         {"名次", "Rank"},
                 {"表彰", "Honour"},    {"扣分明细", "Deductions"}};
    auto add = [&t](const json& row, const std::string& kind, const std::string& number,
                    const std::string& name, const std::string& honour) {
        std::string detail;
        for (const auto& d : row["deductions"])
            detail += (detail.empty() ? "" : "; ") + d["rule"].get<std::string>() + " " +
                      d["ref"].get<std::string>();
        t.rows.push_back({kind, number, name, row["unit"].get<std::string>(),
                          row["sections"]["discipline"].get<double>(),
                          row["sections"]["service"].get<double>(),
                          row["sections"]["extra"].get<double>(), row["points"].get<double>(),
                          int64_t(row["rank"].get<int>()),
                          row["honoured"].get<bool>() ? honour : std::string(), detail});
    };
    for (const auto& w : sc["windows"])
        add(w, "窗口", std::to_string(w["number"].get<int>()),
            w["name"].is_object() ? w["name"]["zh"].get<std::string>() : "", "红旗窗口");
    for (const auto& s : sc["staff"])
        add(s, "人员", s["number"].get<std::string>(), s["name"].get<std::string>(), "服务之星");
    return t;
}

json year_json(const std::vector<std::pair<std::string, json>>& months) {
    // key → (name, unit, month → points)
    struct Row {
        json number, name;
        std::string unit;
        json months = json::object();
        double sum = 0;
        int count = 0;
    };
    std::map<std::string, Row> windows, people;
    for (const auto& [month, sc] : months) {
        for (auto [kind, into] : {std::pair{"windows", &windows}, {"staff", &people}}) {
            for (const auto& r : sc[kind]) {
                std::string key = r["number"].is_string() ? r["number"].get<std::string>()
                                                          : std::to_string(r["number"].get<int>());
                Row& row = (*into)[key];
                row.number = r["number"];
                row.name = r["name"];
                row.unit = r["unit"];
                row.months[month] = r["points"];
                row.sum += r["points"].get<double>();
                ++row.count;
            }
        }
    }
    auto ranked = [](std::map<std::string, Row>& rows) {
        std::vector<json> out;
        for (auto& [key, r] : rows)
            out.push_back({{"number", r.number},
                           {"name", r.name},
                           {"unit", r.unit},
                           {"months", r.months},
                           {"average", std::round(r.sum / r.count * 100) / 100}});
        std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
            return a["average"].get<double>() > b["average"].get<double>();
        });
        for (size_t i = 0; i < out.size(); ++i)
            out[i]["rank"] = i > 0 && out[i]["average"] == out[i - 1]["average"]
                                 ? out[i - 1]["rank"].get<int>()
                                 : int(i) + 1;
        return json(out);
    };
    json list = json::array();
    for (const auto& [month, sc] : months) list.push_back(month);
    return {{"months", list}, {"windows", ranked(windows)}, {"staff", ranked(people)}};
}

report::Table year_table(const json& year) {
    report::Table t;
    t.title = "年度考核";
    t.columns = {{"类别", "Kind"}, {"编号", "Number"}, {"名称", "Name"}, {"单位", "Unit"}};
    for (const auto& m : year["months"])
        t.columns.push_back({m.get<std::string>(), m.get<std::string>()});
    t.columns.push_back({"平均分", "Average"});
    t.columns.push_back({"名次", "Rank"});
    for (auto [kind, label] : {std::pair{"windows", "窗口"}, {"staff", "人员"}}) {
        for (const auto& r : year[kind]) {
            auto& row = t.rows.emplace_back();
            row.emplace_back(std::string(label));
            row.emplace_back(r["number"].is_string() ? r["number"].get<std::string>()
                                                     : std::to_string(r["number"].get<int>()));
            row.emplace_back(r["name"].is_object()   ? r["name"]["zh"].get<std::string>()
                             : r["name"].is_string() ? r["name"].get<std::string>()
                                                     : std::string());
            row.emplace_back(r["unit"].get<std::string>());
            for (const auto& m : year["months"]) {
                const std::string month = m.get<std::string>();
                if (r["months"].contains(month))
                    row.emplace_back(r["months"][month].get<double>());
                else
                    row.emplace_back(std::monostate{});
            }
            row.emplace_back(r["average"].get<double>());
            row.emplace_back(int64_t(r["rank"].get<int>()));
        }
    }
    return t;
}

}  // namespace onestop::hub
