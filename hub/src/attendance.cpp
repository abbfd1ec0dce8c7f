#include "attendance.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "onestop/base/time.h"
#include "rosters.h"

namespace onestop::hub {

std::optional<SheetPeriod> month_period(const std::string& month) {
    if (month.size() != 7) return std::nullopt;
    auto first = parse_date(month + "-01");
    if (!first || format_date(*first).substr(0, 7) != month) return std::nullopt;
    int last = *first;
    while (format_date(last + 1).substr(0, 7) == month) ++last;
    return SheetPeriod{*first, last};
}

std::vector<people::LeaveHalf> approved_leave(const std::vector<store::PeopleRequest>& leave) {
    std::vector<people::LeaveHalf> out;
    for (const auto& r : leave) {
        if (r.status != "approved") continue;
        json body = json::parse(r.body, nullptr, false);
        if (!body.is_object()) continue;
        auto span = leave_span(body.value("from", ""), body.value("to", ""));
        if (!span) continue;
        std::string substitute = body.value("substitute", "");
        auto [a, b] = *span;
        for (int h = a; h <= b; ++h)
            out.push_back(
                {r.staff, h / 2, h % 2 ? people::Half::Pm : people::Half::Am, substitute});
    }
    return out;
}

namespace {

std::optional<int64_t> local_minute_of(TimeZone zone, const std::string& iso) {
    auto t = parse_iso8601(iso);
    if (!t) return std::nullopt;
    LocalTime lt = zone.to_local(*t);
    auto day = parse_date(lt.date());
    if (!day) return std::nullopt;
    return people::local_minute(*day, lt.minute_of_day());
}

// "HH:MM" → minute of the day.
std::optional<int> clock_minute(const std::string& text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (size_t i : {0u, 1u, 3u, 4u})
        if (text[i] < '0' || text[i] > '9') return std::nullopt;
    int h = (text[0] - '0') * 10 + (text[1] - '0'), m = (text[3] - '0') * 10 + (text[4] - '0');
    if (h > 23 || m > 59) return std::nullopt;
    return h * 60 + m;
}

double rounded(double hours) {
    return std::round(hours * 100) / 100;
}

}  // namespace

Result<std::vector<people::StaffMonth>> compute_sheet(store::HubStore& store,
                                                      const queue::Hall& hall, TimeZone zone,
                                                      TimePoint now, SheetPeriod period) {
    queue::Calendar calendar(hall.settings, zone);
    auto expected = expectations(store, hall, calendar, period.first, period.last);
    if (!expected) return expected.error();
    people::MonthInput in;
    in.first_day = period.first;
    in.last_day = period.last;
    in.expected = std::move(expected->expected);
    in.open = std::move(expected->open);
    in.half_day_hours = hall.settings.half_day_minutes / 60.0;
    LocalTime local_now = zone.to_local(now);
    in.now = people::local_minute(*parse_date(local_now.date()), local_now.minute_of_day());

    // Sessions a day either side: one may run across midnight into the period.
    auto from = zone.from_local(format_date(period.first - 1), 0);
    auto to = zone.from_local(format_date(period.last + 2), 0);
    if (!from || !to) return Error{"internal", "the period has no local midnight"};
    auto sessions = store.sessions_between(zone.format_iso8601(*from), zone.format_iso8601(*to));
    if (!sessions) return sessions.error();
    for (const auto& s : *sessions) {
        auto a = local_minute_of(zone, s.started_at);
        if (!a) continue;
        std::optional<int64_t> b;
        if (!s.ended_at.empty()) b = local_minute_of(zone, s.ended_at);
        in.sessions.push_back({s.staff, s.window, *a, b, false});
    }
    auto corrections = store.requests("correction");
    if (!corrections) return corrections.error();
    for (const auto& c : *corrections) {
        if (c.status != "approved") continue;
        json body = json::parse(c.body, nullptr, false);
        if (!body.is_object()) continue;
        auto day = parse_date(body.value("date", ""));
        auto a = clock_minute(body.value("check_in", "")),
             b = clock_minute(body.value("check_out", ""));
        if (!day || !a || !b || *day < period.first || *day > period.last) continue;
        in.sessions.push_back({c.staff, body.value("window", 0), people::local_minute(*day, *a),
                               people::local_minute(*day, *b), true});
    }
    auto leave = store.requests("leave");
    if (!leave) return leave.error();
    in.leave = approved_leave(*leave);
    auto meetings = store.meetings(format_date(period.first).substr(0, 7));
    if (!meetings) return meetings.error();
    for (const auto& m : *meetings) {
        auto day = parse_date(m.date);
        auto half = people::parse_half(m.half);
        if (!day || !half) continue;
        in.meetings.push_back(
            {m.id, *day, *half, m.must, std::set<std::string>(m.came.begin(), m.came.end())});
    }
    auto served = store.last_finished(format_date(period.first), format_date(period.last));
    if (!served) return served.error();
    for (const auto& [window, day, at] : *served) {
        auto d = parse_date(day);
        auto minute = local_minute_of(zone, at);
        if (d && minute) in.last_served[{window, *d}] = *minute;
    }

    // Everyone enabled, and whoever (disabled since) had anything in the period.
    auto staff = store.all_staff();
    if (!staff) return staff.error();
    std::set<std::string> involved;
    for (const auto& e : in.expected) involved.insert(e.staff);
    for (const auto& s : in.sessions)
        if (s.in >= people::local_minute(period.first, 0) &&
            s.in < people::local_minute(period.last + 1, 0))
            involved.insert(s.staff);
    for (const auto& l : in.leave)
        if (l.day >= period.first && l.day <= period.last) involved.insert(l.staff);
    for (const auto& s : *staff)
        if (!s.disabled() || involved.count(s.number)) in.staff.push_back(s.number);
    return people::reconcile_month(in, [&](int day) { return calendar.is_working_day(day); });
}

json sheet_json(const std::vector<people::StaffMonth>& sheet,
                const std::vector<store::Staff>& staff) {
    std::map<std::string, const store::Staff*> by_number;
    for (const auto& s : staff) by_number[s.number] = &s;
    json out = json::array();
    for (const auto& m : sheet) {
        const store::Staff* s = by_number.count(m.staff) ? by_number[m.staff] : nullptr;
        json days = json::array();
        double past = 0;
        for (const auto& [day, halves] : m.days) {
            json detail = json::object();
            for (int i = 0; i < 2; ++i) {
                const people::HalfDay& h = halves[i];
                past += h.past_closing_hours;
                if (h.mark == people::Mark::Off && !h.worked_window) continue;
                json d = {{"window", h.window},
                          {"worked_window", h.worked_window},
                          {"hours", rounded(h.hours)}};
                if (h.late_minutes) d["late_minutes"] = h.late_minutes;
                if (h.early_minutes) d["early_minutes"] = h.early_minutes;
                if (h.past_closing_hours > 0)
                    d["past_closing_hours"] = rounded(h.past_closing_hours);
                if (h.elsewhere) d["elsewhere"] = true;
                if (h.substitute) d["substitute"] = true;
                if (h.corrected) d["corrected"] = true;
                detail[i == 0 ? "am" : "pm"] = d;
            }
            days.push_back({{"date", format_date(day)},
                            {"am", people::to_string(halves[0].mark)},
                            {"pm", people::to_string(halves[1].mark)},
                            {"detail", detail}});
        }
        out.push_back({{"number", m.staff},
                       {"name", s ? s->name : ""},
                       {"unit", s ? s->unit : ""},
                       {"days", days},
                       {"hours", rounded(m.hours)},
                       {"required_hours", rounded(m.required_hours)},
                       {"past_closing_hours", rounded(past)},
                       {"meetings",
                        {{"required", m.meetings.required},
                         {"attended", m.meetings.attended},
                         {"excused", m.meetings.excused},
                         {"missed", m.meetings.missed}}}});
    }
    return out;
}

report::Table sheet_table(const json& sheet, const std::string& month) {
    static const std::map<std::string, std::string> kWords = {
        {"present", "出勤"}, {"late", "迟到"},  {"early", "早退"},
        {"absent", "缺勤"},  {"leave", "请假"}, {"off", ""}};
    report::Table t;
    t.title = "考勤 " + month;
    t.columns = {{"工号", "Number"}, {"姓名", "Name"}, {"单位", "Unit"}};
    // The days any row lists, in order: every row gets a cell for each.
    std::set<std::string> dates;
    for (const auto& s : sheet)
        for (const auto& d : s["days"]) dates.insert(d["date"].get<std::string>());
    for (const auto& date : dates) {
        std::string md = date.substr(5);
        t.columns.push_back({md + " 上午", md + " am"});
        t.columns.push_back({md + " 下午", md + " pm"});
    }
    t.columns.push_back({"工时", "Hours"});
    t.columns.push_back({"应达工时", "Required hours"});
    for (const auto& s : sheet) {
        std::vector<report::Cell> row{s["number"].get<std::string>(), s["name"].get<std::string>(),
                                      s["unit"].get<std::string>()};
        std::map<std::string, const json*> by_date;
        for (const auto& d : s["days"]) by_date[d["date"].get<std::string>()] = &d;
        for (const auto& date : dates) {
            auto it = by_date.find(date);
            for (const char* half : {"am", "pm"}) {
                std::string word =
                    it == by_date.end() ? "" : kWords.at((*it->second)[half].get<std::string>());
                row.push_back(word.empty() ? report::Cell{} : report::Cell{word});
            }
        }
        row.push_back(s["hours"].get<double>());
        row.push_back(s["required_hours"].get<double>());
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace onestop::hub
