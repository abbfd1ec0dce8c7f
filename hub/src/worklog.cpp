#include "worklog.h"

#include <algorithm>
#include <map>

#include "figures.h"
#include "onestop/cases/case_rules.h"

namespace onestop::hub {

namespace {

struct Day {
    WorklogRow row;
    double service_s = 0;
    std::vector<std::pair<TimePoint, TimePoint>> spans;  // at a window, within the day
    bool open_session = false;
    bool active = false;  // did something that day
};

// "staff:S001" → "S001"; "" for accounts, tokens and the hub itself.
std::string staff_of(const std::string& who) {
    const std::string prefix = "staff:";
    return who.rfind(prefix, 0) == 0 ? who.substr(prefix.size()) : std::string();
}

bool within(const WorklogInput& in, const std::optional<std::string>& iso) {
    if (!iso) return false;
    auto t = parse_iso8601(*iso);
    return t && *t >= in.day_start && *t < in.day_end;
}

std::string clock_text(const WorklogInput& in, TimePoint t) {
    LocalTime lt = in.zone.to_local(t);
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", lt.hour, lt.minute);
    return text;
}

// The minutes the spans cover, overlaps once: a counter and a phone session at the same
// time are one stretch of work.
int64_t covered_minutes(std::vector<std::pair<TimePoint, TimePoint>> spans) {
    std::sort(spans.begin(), spans.end());
    std::chrono::seconds total{0};
    std::optional<std::pair<TimePoint, TimePoint>> run;
    for (const auto& s : spans) {
        if (run && s.first <= run->second) {
            run->second = std::max(run->second, s.second);
            continue;
        }
        if (run)
            total += std::chrono::duration_cast<std::chrono::seconds>(run->second - run->first);
        run = s;
    }
    if (run) total += std::chrono::duration_cast<std::chrono::seconds>(run->second - run->first);
    return total.count() / 60;
}

}  // namespace

std::vector<WorklogRow> worklog_day(const WorklogInput& in,
                                    const std::function<bool(const store::Staff&)>& counts) {
    std::map<std::string, Day> days;
    for (const auto& s : in.staff) {
        if (!counts(s)) continue;
        Day& d = days[s.number];
        d.row.staff = s.number;
        d.row.name = s.name;
        d.row.unit = s.unit;
    }
    auto day_of = [&](const std::string& number) -> Day* {
        auto it = days.find(number);
        return it == days.end() ? nullptr : &it->second;
    };
    for (const auto& t : in.tickets)
        if (Day* d = day_of(t.staff); d && t.status == "done" && t.day == in.date) {
            ++d->row.tickets_served;
            d->service_s += t.service_s.value_or(0);
            d->active = true;
        }
    for (const auto& c : in.cases)
        if (Day* d = day_of(c.staff); d && c.day == in.date) {
            auto mode = cases::parse_mode(c.mode).value_or(cases::Mode::Instant);
            (mode == cases::Mode::Instant      ? d->row.instant
             : mode == cases::Mode::Deadline   ? d->row.deadline
             : mode == cases::Mode::Supplement ? d->row.supplement
                                               : d->row.returned) += 1;
            d->active = true;
        }
    for (const auto& s : in.steps)
        if (Day* d = day_of(staff_of(s.who)); d && s.what == "completed" && within(in, s.at)) {
            ++d->row.cases_completed;
            d->active = true;
        }
    for (const auto& h : in.handovers) {
        if (Day* d = day_of(h.from_staff); d && within(in, h.at)) {
            ++d->row.handovers_sent;
            d->active = true;
        }
        if (Day* d = day_of(h.to_staff.value_or("")); d && within(in, h.confirmed_at)) {
            ++d->row.handovers_confirmed;
            d->active = true;
        }
    }
    for (const auto& s : in.sessions) {
        Day* d = day_of(s.staff);
        auto start = parse_iso8601(s.started_at);
        auto end =
            s.ended_at.empty() ? std::optional<TimePoint>(in.now) : parse_iso8601(s.ended_at);
        // A phone session is not time at a window.
        if (!d || s.window <= 0 || !start || !end) continue;
        TimePoint a = std::max(*start, in.day_start), b = std::min(*end, in.day_end);
        if (a >= b) continue;
        d->spans.emplace_back(a, b);
        d->open_session = d->open_session || (s.ended_at.empty() && *end <= in.day_end);
        d->active = true;
    }
    for (const auto& n : in.notes)
        if (Day* d = day_of(n.staff); d && n.date == in.date) {
            d->row.notes.push_back(n);
            d->active = true;
        }

    std::vector<WorklogRow> out;
    for (auto& [number, d] : days) {
        if (!d.active) continue;
        if (d.row.tickets_served)
            d.row.average_service_min = minutes(d.service_s / double(d.row.tickets_served));
        if (!d.spans.empty()) {
            auto first = std::min_element(d.spans.begin(), d.spans.end());
            auto last = std::max_element(d.spans.begin(), d.spans.end(),
                                         [](auto& x, auto& y) { return x.second < y.second; });
            d.row.first_in = clock_text(in, first->first);
            if (!d.open_session) d.row.last_out = clock_text(in, last->second);
            d.row.signed_in_min = covered_minutes(d.spans);
        }
        out.push_back(std::move(d.row));
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const WorklogRow& a, const WorklogRow& b) { return a.unit < b.unit; });
    return out;
}

json worklog_json(const WorklogRow& r) {
    json versions = json::array();
    for (const auto& n : r.notes)
        versions.push_back({{"note", n.note}, {"at", n.at}, {"by", n.who}});
    auto text = [](const std::optional<std::string>& v) { return v ? json(*v) : json(nullptr); };
    return {{"staff", r.staff},
            {"name", r.name},
            {"unit", r.unit},
            {"tickets_served", r.tickets_served},
            {"average_service_min",
             r.average_service_min ? json(*r.average_service_min) : json(nullptr)},
            {"cases_opened",
             {{"instant", r.instant},
              {"deadline", r.deadline},
              {"supplement", r.supplement},
              {"return", r.returned}}},
            {"cases_completed", r.cases_completed},
            {"handovers_sent", r.handovers_sent},
            {"handovers_confirmed", r.handovers_confirmed},
            {"signed_in_min", r.signed_in_min},
            {"first_in", text(r.first_in)},
            {"last_out", text(r.last_out)},
            {"note", r.notes.empty() ? json(nullptr) : json(r.notes.back().note)},
            {"note_versions", versions}};
}

report::Table worklog_table(const std::vector<WorklogRow>& rows) {
    report::Table table;
    table.title = "worklog";
    table.columns = {{"工号", "Staff"},
                     {"姓名", "Name"},
                     {"单位", "Unit"},
                     {"办结取号", "Tickets served"},
                     {"平均办理（分钟）", "Average service (min)"},
                     {"即办", "Instant"},
                     {"限时办结", "Deadline"},
                     {"补正", "Supplement"},
                     {"退回", "Returned"},
                     {"办结办件", "Cases completed"},
                     {"移交", "Hand-overs sent"},
                     {"接收确认", "Hand-overs confirmed"},
                     {"签到", "Signed in"},
                     {"签退", "Signed out"},
                     {"在岗（分钟）", "At the window (min)"},
                     {"工作日志", "Note"}};
    auto cell = [](const auto& v) { return v ? report::Cell(*v) : report::Cell(); };
    for (const auto& r : rows)
        table.rows.push_back(
            {r.staff, r.name, r.unit, r.tickets_served, cell(r.average_service_min), r.instant,
             r.deadline, r.supplement, r.returned, r.cases_completed, r.handovers_sent,
             r.handovers_confirmed, cell(r.first_in), cell(r.last_out), r.signed_in_min,
             r.notes.empty() ? report::Cell() : report::Cell(r.notes.back().note)});
    return table;
}

}  // namespace onestop::hub
