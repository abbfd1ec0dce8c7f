#include "onestop/people/roster.h"

#include <algorithm>

#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"

namespace onestop::people {

const char* to_string(Half half) {
    return half == Half::Am ? "am" : "pm";
}

std::optional<Half> parse_half(std::string_view text) {
    if (text == "am") return Half::Am;
    if (text == "pm") return Half::Pm;
    return std::nullopt;
}

std::optional<queue::TimeRange> half_range(const std::vector<queue::TimeRange>& hours, Half half) {
    constexpr int kNoon = 12 * 60;
    const int lo = half == Half::Am ? 0 : kNoon, hi = half == Half::Am ? kNoon : 24 * 60;
    std::optional<queue::TimeRange> out;
    for (const auto& r : hours) {
        int a = std::max(r.start, lo), b = std::min(r.end, hi);
        if (a >= b) continue;
        if (!out)
            out = queue::TimeRange{a, b};
        else
            out = queue::TimeRange{std::min(out->start, a), std::max(out->end, b)};
    }
    return out;
}

namespace {

Error bad(const std::string& where, const std::string& what) {
    return Error{errc::invalid_field, where + ": " + what};
}

// The slot's date as days since the epoch, inside [from, to] or outside it as `inside` asks.
Status check_date(const DatedSlot& s, const std::string& where, int from, int to, bool inside) {
    auto day = parse_date(s.date);
    if (!day) return bad(where, "date must be YYYY-MM-DD");
    if ((from <= *day && *day <= to) != inside)
        return bad(where, s.date + (inside ? " is outside the term" : " lies inside the term"));
    return {};
}

}  // namespace

Status validate(const Roster& roster, const Term& term) {
    auto from = parse_date(term.start), to = parse_date(term.end);
    if (!from || !to || *to < *from) return bad("term", "start and end must be dates, in order");
    if (roster.cycle_weeks < 1 || roster.cycle_weeks > 8)
        return bad("cycle_weeks", "must be 1 to 8");
    for (size_t i = 0; i < roster.pattern.size(); ++i) {
        const auto& s = roster.pattern[i];
        std::string where = "pattern[" + std::to_string(i) + "]";
        if (s.week < 1 || s.week > roster.cycle_weeks)
            return bad(where, "week must be 1 to cycle_weeks");
        if (s.weekday < 1 || s.weekday > 7) return bad(where, "weekday must be 1 (Monday) to 7");
        if (s.staff.empty()) return bad(where, "staff is empty");
    }
    for (size_t i = 0; i < roster.exceptions.size(); ++i)
        if (auto st = check_date(roster.exceptions[i], "exceptions[" + std::to_string(i) + "]",
                                 *from, *to, true);
            !st)
            return st;
    for (size_t i = 0; i < roster.duty.size(); ++i) {
        std::string where = "duty[" + std::to_string(i) + "]";
        if (auto st = check_date(roster.duty[i], where, *from, *to, false); !st) return st;
        if (roster.duty[i].staff.empty()) return bad(where, "staff is empty");
    }
    return {};
}

std::optional<HalfDayRoster> rostered(const Roster& roster, const Term& term,
                                      const queue::Calendar& calendar, const queue::Window& window,
                                      int day, Half half) {
    auto from = parse_date(term.start), to = parse_date(term.end);
    if (!from || !to) return std::nullopt;
    HalfDayRoster out;
    auto add_dated = [&](const std::vector<DatedSlot>& slots) {
        bool named = false;
        for (const auto& s : slots) {
            if (s.half != half || parse_date(s.date) != day) continue;
            named = true;
            if (!s.staff.empty()) out.staff.push_back(s.staff);
        }
        return named;
    };
    std::optional<queue::TimeRange> range;
    if (day < *from || day > *to) {
        if (!add_dated(roster.duty)) return std::nullopt;
        range = half_range(calendar.hours_on(window, day), half);
        if (!range) range = half_range(window.hours[0], half);
    } else {
        if (!calendar.is_working_day(day)) return std::nullopt;
        range = half_range(calendar.hours_on(window, day), half);
        if (!range) return std::nullopt;
        if (!add_dated(roster.exceptions)) {
            // Weeks of the cycle run from the Monday of the term's first week.
            int first_monday = *from - (iso_weekday(*from) - 1);
            int week = ((day - first_monday) / 7) % roster.cycle_weeks + 1;
            // A make-up working day (调休) is worked like a Monday, as the window's hours are.
            int weekday = iso_weekday(day) >= 6 ? 1 : iso_weekday(day);
            for (const auto& s : roster.pattern)
                if (s.week == week && s.weekday == weekday && s.half == half)
                    out.staff.push_back(s.staff);
        }
    }
    if (!range || out.staff.empty()) return std::nullopt;
    out.range = *range;
    return out;
}

}  // namespace onestop::people
