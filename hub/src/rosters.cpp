#include "rosters.h"

#include <algorithm>
#include <sstream>

#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"

namespace onestop::hub {

namespace {

Error invalid(const std::string& message) {
    return Error{errc::invalid_field, message};
}

json dated_json(const std::vector<people::DatedSlot>& slots) {
    json out = json::array();
    for (const auto& s : slots)
        out.push_back({{"date", s.date}, {"half", people::to_string(s.half)}, {"staff", s.staff}});
    return out;
}

// Reads `what`[i] fields; an entry that is not an object or misses a field is invalid.
Result<std::vector<people::DatedSlot>> parse_dated(const json& body, const char* what) {
    std::vector<people::DatedSlot> out;
    if (!body.contains(what)) return out;
    const json& list = body[what];
    if (!list.is_array()) return invalid(std::string(what) + " must be an array");
    for (size_t i = 0; i < list.size(); ++i) {
        const json& e = list[i];
        std::string where = std::string(what) + "[" + std::to_string(i) + "]";
        if (!e.is_object() || !e.value("date", json()).is_string() ||
            !e.value("half", json()).is_string() || !e.value("staff", json()).is_string())
            return invalid(where + " must be {\"date\",\"half\",\"staff\"}");
        auto half = people::parse_half(e["half"].get<std::string>());
        if (!half) return invalid(where + ": half must be am or pm");
        out.push_back({e["date"].get<std::string>(), *half, e["staff"].get<std::string>()});
    }
    return out;
}

}  // namespace

json roster_json(const people::Roster& r) {
    json pattern = json::array();
    for (const auto& s : r.pattern)
        pattern.push_back({{"week", s.week},
                           {"weekday", s.weekday},
                           {"half", people::to_string(s.half)},
                           {"staff", s.staff}});
    return {{"window", r.window},
            {"cycle_weeks", r.cycle_weeks},
            {"pattern", pattern},
            {"exceptions", dated_json(r.exceptions)},
            {"duty", dated_json(r.duty)}};
}

Result<people::Roster> parse_roster(const json& body, int window) {
    if (!body.is_object()) return invalid("the roster must be a JSON object");
    people::Roster r;
    r.window = window;
    if (body.contains("cycle_weeks")) {
        if (!body["cycle_weeks"].is_number_integer())
            return invalid("cycle_weeks must be a number");
        r.cycle_weeks = body["cycle_weeks"].get<int>();
    }
    if (body.contains("pattern")) {
        const json& list = body["pattern"];
        if (!list.is_array()) return invalid("pattern must be an array");
        for (size_t i = 0; i < list.size(); ++i) {
            const json& e = list[i];
            std::string where = "pattern[" + std::to_string(i) + "]";
            if (!e.is_object() || !e.value("weekday", json()).is_number_integer() ||
                !e.value("half", json()).is_string() || !e.value("staff", json()).is_string())
                return invalid(where + " must be {\"week\"?,\"weekday\",\"half\",\"staff\"}");
            auto half = people::parse_half(e["half"].get<std::string>());
            if (!half) return invalid(where + ": half must be am or pm");
            int week = 1;
            if (e.contains("week")) {
                if (!e["week"].is_number_integer())
                    return invalid(where + ": week must be a number");
                week = e["week"].get<int>();
            }
            r.pattern.push_back(
                {week, e["weekday"].get<int>(), *half, e["staff"].get<std::string>()});
        }
    }
    auto exceptions = parse_dated(body, "exceptions");
    if (!exceptions) return exceptions.error();
    r.exceptions = std::move(*exceptions);
    auto duty = parse_dated(body, "duty");
    if (!duty) return duty.error();
    r.duty = std::move(*duty);
    return r;
}

report::Table roster_table(const std::string& title, const std::vector<people::Roster>& rosters) {
    report::Table t;
    t.title = title;
    t.columns = {{"窗口", "window"}, {"类别", "kind"}, {"周次", "week"}, {"星期", "weekday"},
                 {"日期", "date"},   {"时段", "half"}, {"工号", "staff"}};
    for (const auto& r : rosters) {
        for (const auto& s : r.pattern)
            t.rows.push_back({int64_t(r.window), std::string("pattern"), int64_t(s.week),
                              int64_t(s.weekday), std::monostate{},
                              std::string(people::to_string(s.half)), s.staff});
        auto dated = [&](const std::vector<people::DatedSlot>& slots, const char* kind) {
            for (const auto& s : slots)
                t.rows.push_back({int64_t(r.window), std::string(kind), std::monostate{},
                                  std::monostate{}, s.date, std::string(people::to_string(s.half)),
                                  s.staff});
        };
        dated(r.exceptions, "exception");
        dated(r.duty, "duty");
    }
    return t;
}

namespace {

std::optional<int> number(const std::string& text) {
    if (text.empty() || text.size() > 6) return std::nullopt;
    int n = 0;
    for (char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        n = n * 10 + (c - '0');
    }
    return n;
}

// A date typed into Excel is kept as its serial number (days since 1899-12-30): back to
// YYYY-MM-DD; any other text as it is (the roster's own check names a bad one).
std::string excel_date(const std::string& text) {
    auto serial = number(text);
    if (!serial || *serial < 20000 || *serial > 80000) return text;
    return format_date(*serial - 25569);  // 25569: the serial of 1970-01-01
}

}  // namespace

Result<std::map<int, people::Roster>> parse_roster_rows(const report::Rows& rows) {
    if (rows.empty()) return invalid("the file is empty");
    // The header: "窗口 / window" or "window"; columns by their English name.
    std::map<std::string, size_t> column;
    for (size_t i = 0; i < rows[0].size(); ++i) {
        std::string name = rows[0][i];
        if (auto slash = name.rfind(" / "); slash != std::string::npos)
            name = name.substr(slash + 3);
        column[name] = i;
    }
    for (const char* need : {"window", "kind", "week", "weekday", "date", "half", "staff"})
        if (!column.count(need)) return invalid(std::string("line 1: no column ") + need);
    std::map<int, people::Roster> out;
    for (size_t line = 2; line <= rows.size(); ++line) {
        const std::vector<std::string>& fields = rows[line - 1];
        if (std::all_of(fields.begin(), fields.end(), [](const auto& f) { return f.empty(); }))
            continue;
        auto cell = [&](const char* name) -> std::string {
            size_t i = column[name];
            return i < fields.size() ? fields[i] : std::string();
        };
        std::string where = "line " + std::to_string(line) + ": ";
        auto window = number(cell("window"));
        if (!window || *window < 1) return invalid(where + "window must be a window number");
        auto half = people::parse_half(cell("half"));
        if (!half) return invalid(where + "half must be am or pm");
        std::string kind = cell("kind"), staff = cell("staff");
        people::Roster& r = out[*window];
        r.window = *window;
        if (kind == "pattern") {
            auto week = number(cell("week")), weekday = number(cell("weekday"));
            if (!week || !weekday) return invalid(where + "a pattern row needs week and weekday");
            r.pattern.push_back({*week, *weekday, *half, staff});
            r.cycle_weeks = std::max(r.cycle_weeks, *week);
        } else if (kind == "exception" || kind == "duty") {
            (kind == "duty" ? r.duty : r.exceptions)
                .push_back({excel_date(cell("date")), *half, staff});
        } else {
            return invalid(where + "kind must be pattern, exception or duty");
        }
    }
    return out;
}

people::Term to_term(const store::TermRow& row) {
    return {row.id, row.name, row.start, row.end};
}

Result<Expectations> expectations(store::HubStore& store, const queue::Hall& hall,
                                  const queue::Calendar& calendar, int first, int last) {
    Expectations out;
    for (const auto& w : hall.windows)
        for (int day = first; day <= last; ++day)
            for (people::Half half : {people::Half::Am, people::Half::Pm})
                if (auto range = people::half_range(calendar.hours_on(w, day), half))
                    out.open[{w.number, day, half}] = *range;
    auto terms = store.terms();
    if (!terms) return terms.error();
    for (const auto& row : *terms) {
        people::Term term = to_term(row);
        auto versions = store.roster_versions(row.id);
        if (!versions) return versions.error();
        // Per window: the published versions by the date they take effect, then as made.
        std::map<int, std::vector<std::pair<std::string, people::Roster>>> published;
        std::vector<store::RosterVersion> sorted;
        for (auto& v : *versions)
            if (v.state == "published") sorted.push_back(v);
        std::stable_sort(sorted.begin(), sorted.end(),
                         [](const auto& a, const auto& b) { return a.effective < b.effective; });
        for (const auto& v : sorted) {
            auto body = json::parse(v.body, nullptr, false);
            auto roster = parse_roster(body, v.window);
            if (!roster) return roster.error();
            published[v.window].emplace_back(v.effective, std::move(*roster));
        }
        for (const auto& [number, list] : published) {
            const queue::Window* w = hall.find_window(number);
            if (!w) continue;  // a window closed since
            for (int day = first; day <= last; ++day) {
                std::string date = format_date(day);
                const people::Roster* in_force = nullptr;
                for (const auto& [effective, roster] : list)
                    if (effective <= date) in_force = &roster;
                if (!in_force) continue;
                for (people::Half half : {people::Half::Am, people::Half::Pm})
                    if (auto who = people::rostered(*in_force, term, calendar, *w, day, half))
                        for (const auto& s : who->staff)
                            out.expected.push_back({s, number, day, half, who->range});
            }
        }
    }
    return out;
}

namespace {

// A half day's index: day × 2 + (0 am, 1 pm); a bare date is its morning (`end`: its afternoon).
std::optional<int> half_day_index(const std::string& text, bool end) {
    if (text.size() != 10 && text.size() != 12) return std::nullopt;
    auto day = parse_date(text.substr(0, 10));
    if (!day || format_date(*day) != text.substr(0, 10)) return std::nullopt;
    if (text.size() == 10) return *day * 2 + (end ? 1 : 0);
    auto half = people::parse_half(text.substr(10));
    if (!half) return std::nullopt;
    return *day * 2 + (*half == people::Half::Pm ? 1 : 0);
}

}  // namespace

std::optional<std::pair<int, int>> leave_span(const std::string& from, const std::string& to) {
    auto a = half_day_index(from, false), b = half_day_index(to, true);
    if (!a || !b || *b < *a) return std::nullopt;
    return std::make_pair(*a, *b);
}

}  // namespace onestop::hub
