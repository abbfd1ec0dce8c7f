#include "onestop/queue/calendar.h"

#include "onestop/base/time.h"
#include "onestop/queue/engine.h"

namespace onestop::queue {

namespace {

std::unordered_set<int> parse_days(const std::vector<std::string>& dates) {
    std::unordered_set<int> days;
    for (const auto& d : dates)
        if (auto day = parse_date(d)) days.insert(*day);
    return days;
}

bool weekend(int day) {
    return iso_weekday(day) >= 6;
}

const std::vector<TimeRange> kClosed;

}  // namespace

Calendar::Calendar(const Settings& settings, TimeZone zone)
    : holidays_(parse_days(settings.holidays)),
      workdays_(parse_days(settings.workdays)),
      zone_(zone) {}

bool Calendar::is_holiday(int day) const {
    return holidays_.count(day) != 0;
}

bool Calendar::is_working_day(int day) const {
    if (is_holiday(day)) return false;
    return !weekend(day) || workdays_.count(day) != 0;
}

const std::vector<TimeRange>& Calendar::hours_on(const Window& window, int day) const {
    if (is_holiday(day)) return kClosed;
    if (window.kind == WindowKind::Periodic) {
        bool inside = false;
        for (const auto& p : window.periods) {
            auto from = parse_date(p.from), to = parse_date(p.to);
            if (from && to && *from <= day && day <= *to) {
                inside = true;
                break;
            }
        }
        if (!inside) return kClosed;
    }
    // A make-up working day (调休) is worked like a Monday.
    if (weekend(day) && workdays_.count(day)) return window.hours[0];
    return window.hours[iso_weekday(day) - 1];
}

bool Calendar::open_at(const Window& window, TimePoint t) const {
    LocalTime lt = zone_.to_local(t);
    auto day = parse_date(lt.date());
    if (!day) return false;
    int minute = lt.minute_of_day();
    for (const auto& r : hours_on(window, *day))
        if (r.start <= minute && minute < r.end) return true;
    return false;
}

std::optional<TimePoint> Calendar::next_open(const Window& window, TimePoint t,
                                             int horizon_days) const {
    LocalTime lt = zone_.to_local(t);
    auto today = parse_date(lt.date());
    if (!today) return std::nullopt;
    int minute = lt.minute_of_day();
    for (int day = *today; day <= *today + horizon_days; ++day) {
        for (const auto& r : hours_on(window, day)) {
            if (day == *today) {
                if (r.end <= minute) continue;    // already over today
                if (r.start <= minute) return t;  // open right now
            }
            if (auto at = zone_.from_local(format_date(day), r.start)) return *at;
        }
    }
    return std::nullopt;
}

std::string add_working_days(const std::string& date, int days,
                             const std::vector<std::string>& holidays,
                             const std::vector<std::string>& workdays) {
    auto start = parse_date(date);
    if (!start) return date;
    Settings s;
    s.holidays = holidays;
    s.workdays = workdays;
    Calendar cal(s, TimeZone::utc());  // dates only: no instant is converted
    int day = *start;
    for (int left = days; left > 0;) {
        ++day;
        if (cal.is_working_day(day)) --left;
    }
    return format_date(day);
}

std::string add_working_days(const std::string& date, int days,
                             const std::vector<std::string>& holidays) {
    return add_working_days(date, days, holidays, {});
}

}  // namespace onestop::queue
