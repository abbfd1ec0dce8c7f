#include "onestop/people/attendance.h"

#include <algorithm>

namespace onestop::people {

const char* to_string(Mark mark) {
    switch (mark) {
        case Mark::Present:
            return "present";
        case Mark::Late:
            return "late";
        case Mark::Early:
            return "early";
        case Mark::Absent:
            return "absent";
        case Mark::Leave:
            return "leave";
        case Mark::Off:
            return "off";
    }
    return "off";
}

namespace {

using HalfKey = std::tuple<std::string, int, Half>;  // staff, day, half

std::set<HalfKey> leave_keys(const std::vector<LeaveHalf>& leave) {
    std::set<HalfKey> out;
    for (const auto& l : leave) out.insert({l.staff, l.day, l.half});
    return out;
}

}  // namespace

std::vector<Expected> apply_leave(std::vector<Expected> expected,
                                  const std::vector<LeaveHalf>& leave) {
    std::map<HalfKey, std::string> substitute;
    for (const auto& l : leave) substitute[{l.staff, l.day, l.half}] = l.substitute;
    std::vector<Expected> out;
    out.reserve(expected.size());
    for (auto& e : expected) {
        auto it = substitute.find({e.staff, e.day, e.half});
        if (it != substitute.end()) {
            if (it->second.empty()) continue;
            e.staff = it->second;
        }
        out.push_back(std::move(e));
    }
    return out;
}

HalfDay reconcile(const HalfDayInput& in, const LastServed& last_served,
                  const std::map<int, queue::TimeRange>& open_ranges) {
    HalfDay out;
    const int64_t base = local_minute(in.day, 0);
    const int64_t from = base + (in.half == Half::Am ? 0 : 720);
    const int64_t to = from + 720;
    const Expected* e = in.expected.empty() ? nullptr : &in.expected.front();
    if (e) out.window = e->window;

    struct Span {
        int window;
        int64_t in, out;
        bool corrected;
    };
    std::vector<Span> spans;
    // A session never signed out counts up to now on its own day, and nothing after its
    // sign-in once that half day is over (the correction request fixes it).
    auto open_end = [&](const Session& s) {
        int64_t day_end = (s.in / kDayMinutes + 1) * kDayMinutes;
        return in.now < to ? std::min(in.now, day_end) : s.in;
    };
    for (const auto& s : in.sessions) {
        int64_t end = s.out ? *s.out : open_end(s);
        int64_t a = std::max(s.in, from), b = std::min(end, to);
        // An empty span is a sign-in inside this half day that has no time (yet) to count.
        if (a > b || (a == b && (s.out || s.in < from))) continue;
        spans.push_back({s.window, a, b, s.corrected});
    }
    // Only another window's sessions: on duty elsewhere; they are what the half day counts.
    bool at_rostered = e && std::any_of(spans.begin(), spans.end(),
                                        [&](const Span& s) { return s.window == e->window; });
    if (e && !at_rostered && !spans.empty()) out.elsewhere = true;

    for (const auto& s : spans) {
        if (!out.worked_window || (e && s.window == e->window)) out.worked_window = s.window;
        out.corrected = out.corrected || s.corrected;
        std::optional<queue::TimeRange> range;
        if (e && s.window == e->window) {
            range = e->range;
        } else if (auto it = open_ranges.find(s.window); it != open_ranges.end()) {
            range = it->second;
        }
        if (!range) continue;  // the window was closed: nothing to count
        int64_t open = base + range->start, close = base + range->end;
        int64_t a = std::max(s.in, open), b = std::min(s.out, close);
        if (b > a) out.hours += double(b - a) / 60.0;
        if (s.out > close) {
            auto served = last_served.find({s.window, in.day});
            if (served != last_served.end() && served->second > close) {
                double past = double(std::min(s.out, served->second) - close) / 60.0;
                out.past_closing_hours += past;
                out.hours += past;
            }
        }
    }

    if (in.on_leave) {
        out.mark = Mark::Leave;
        return out;
    }
    if (!e) {
        out.mark = Mark::Off;
        return out;
    }
    std::vector<Span> counted;
    for (const auto& s : spans)
        if (!at_rostered || s.window == e->window) counted.push_back(s);
    int64_t open = base + e->range.start, close = base + e->range.end;
    if (counted.empty()) {
        // A half day still to come is nobody's absence yet.
        out.mark = in.now < open ? Mark::Off : Mark::Absent;
        return out;
    }
    int64_t first = counted.front().in, last = counted.front().out;
    for (const auto& s : counted) {
        first = std::min(first, s.in);
        last = std::max(last, s.out);
    }
    out.late_minutes = first > open ? int(first - open) : 0;
    // An open session on the current day has not left early yet.
    bool still_in = std::any_of(in.sessions.begin(), in.sessions.end(),
                                [&](const Session& s) { return !s.out && open_end(s) == in.now; });
    out.early_minutes = (!still_in && last < close) ? int(close - last) : 0;
    out.mark = out.late_minutes > 0    ? Mark::Late
               : out.early_minutes > 0 ? Mark::Early
                                       : Mark::Present;
    return out;
}

std::vector<StaffMonth> reconcile_month(const MonthInput& input,
                                        const std::function<bool(int day)>& working) {
    std::vector<Expected> expected = apply_leave(input.expected, input.leave);
    std::set<HalfKey> leave = leave_keys(input.leave);
    // The substitutes: whoever is expected in a half day someone else took leave from.
    std::set<std::tuple<std::string, int, int, Half>> standing_in;  // staff, window, day, half
    {
        std::map<std::tuple<int, int, Half>, std::set<std::string>> before;
        for (const auto& e : input.expected) before[{e.window, e.day, e.half}].insert(e.staff);
        for (const auto& e : expected)
            if (!before[{e.window, e.day, e.half}].count(e.staff))
                standing_in.insert({e.staff, e.window, e.day, e.half});
    }
    std::map<std::string, std::map<std::pair<int, Half>, std::vector<Expected>>> by_staff;
    for (auto& e : expected) by_staff[e.staff][{e.day, e.half}].push_back(e);
    std::map<std::string, std::vector<Session>> sessions;
    for (const auto& s : input.sessions) sessions[s.staff].push_back(s);
    std::map<std::pair<int, Half>, std::map<int, queue::TimeRange>> open_by_half;
    for (const auto& [key, range] : input.open)
        open_by_half[{std::get<1>(key), std::get<2>(key)}][std::get<0>(key)] = range;
    const std::map<int, queue::TimeRange> none;

    std::vector<StaffMonth> out;
    out.reserve(input.staff.size());
    for (const auto& number : input.staff) {
        StaffMonth month;
        month.staff = number;
        const auto& mine = by_staff[number];
        const auto& my_sessions = sessions[number];
        for (int day = input.first_day; day <= input.last_day; ++day) {
            std::array<HalfDay, 2> halves;
            bool any = working(day);
            for (Half half : {Half::Am, Half::Pm}) {
                HalfDayInput in;
                in.day = day;
                in.half = half;
                in.now = input.now;
                if (auto it = mine.find({day, half}); it != mine.end()) in.expected = it->second;
                int64_t from = local_minute(day, half == Half::Am ? 0 : 720), to = from + 720;
                for (const auto& s : my_sessions)
                    if (s.in < to && (!s.out || *s.out > from)) in.sessions.push_back(s);
                in.on_leave = leave.count({number, day, half}) != 0;
                auto open = open_by_half.find({day, half});
                HalfDay h = reconcile(in, input.last_served,
                                      open == open_by_half.end() ? none : open->second);
                if (!in.expected.empty()) {
                    h.substitute = standing_in.count({number, h.window, day, half}) != 0;
                    month.required_hours += input.half_day_hours;
                }
                any = any || h.mark != Mark::Off || h.worked_window != 0;
                month.hours += h.hours;
                halves[half == Half::Am ? 0 : 1] = h;
            }
            if (any) month.days.emplace_back(day, halves);
        }
        for (const auto& m : input.meetings) {
            if (m.day < input.first_day || m.day > input.last_day) continue;
            if (std::find(m.must_attend.begin(), m.must_attend.end(), number) ==
                m.must_attend.end())
                continue;
            ++month.meetings.required;
            if (m.came.count(number))
                ++month.meetings.attended;
            else if (leave.count({number, m.day, m.half}))
                ++month.meetings.excused;
            else
                ++month.meetings.missed;
        }
        out.push_back(std::move(month));
    }
    return out;
}

}  // namespace onestop::people
