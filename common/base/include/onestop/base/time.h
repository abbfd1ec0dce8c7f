#pragma once
// Civil time in the hall's time zone. The zone is process-wide (one process
// serves one hall): set it once at start with set_time_zone().

#include <optional>
#include <string>
#include <string_view>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"

namespace onestop {

// Sets the process's zone (IANA name, e.g. "Asia/Shanghai"); fails for unknown names.
Status set_time_zone(const std::string& iana_name);

struct LocalTime {
    int year = 0, month = 0, day = 0;  // calendar date
    int hour = 0, minute = 0, second = 0;
    int weekday = 0;          // 1 = Monday … 7 = Sunday (ISO)
    int utc_offset_min = 0;   // e.g. +480 for Asia/Shanghai

    int minute_of_day() const { return hour * 60 + minute; }
    // "2026-11-27": the service day, used to restart numbering each day.
    std::string date() const;
};

LocalTime to_local(TimePoint t);
// The instant of a local wall-clock time on a given date (date as "YYYY-MM-DD").
std::optional<TimePoint> from_local(const std::string& date, int minute_of_day);

// ISO 8601 with the local offset: "2026-11-27T09:05:00+08:00".
std::string format_iso8601(TimePoint t);
// Accepts "…Z", "…+08:00", and fractional seconds.
std::optional<TimePoint> parse_iso8601(std::string_view text);

// "YYYY-MM-DD" → days since epoch, and back; plus day-of-week (1 = Monday).
std::optional<int> parse_date(std::string_view date);
std::string format_date(int days_since_epoch);
int iso_weekday(int days_since_epoch);

}  // namespace onestop
