#pragma once
// Civil time in a hall's time zone, on the IANA database the system keeps in
// /usr/share/zoneinfo (Howard Hinnant's date/tz). A TimeZone is an object handed to
// whoever needs local time (the queue engine takes it beside its clock), so two halls in
// two zones can live in one process. Code with no zone at hand (log lines, the stores
// and views of a program that serves one hall) uses the default zone that
// set_time_zone() sets; nothing changes the process's TZ.

#include <optional>
#include <string>
#include <string_view>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"

namespace date {
class time_zone;
}

namespace onestop {

struct LocalTime {
    int year = 0, month = 0, day = 0;  // calendar date
    int hour = 0, minute = 0, second = 0;
    int weekday = 0;         // 1 = Monday … 7 = Sunday (ISO)
    int utc_offset_min = 0;  // e.g. +480 for Asia/Shanghai

    int minute_of_day() const { return hour * 60 + minute; }
    // "2026-11-27": the service day, used to restart numbering each day.
    std::string date() const;
};

// A zone of the tz database; a small handle, cheap to copy (zones live as long as the process).
class TimeZone {
  public:
    // An IANA name such as "Asia/Shanghai"; fails with unknown_time_zone.
    static Result<TimeZone> named(const std::string& iana_name);
    static TimeZone utc();

    std::string name() const;
    LocalTime to_local(TimePoint t) const;
    // The instant of a wall-clock time on a date ("YYYY-MM-DD"); a time skipped by a
    // daylight-saving change gives the instant the change happens.
    std::optional<TimePoint> from_local(const std::string& date, int minute_of_day) const;
    // ISO 8601 with the zone's offset: "2026-11-27T09:05:00+08:00".
    std::string format_iso8601(TimePoint t) const;

  private:
    friend TimeZone default_time_zone();
    explicit TimeZone(const date::time_zone* zone) : zone_(zone) {}
    const date::time_zone* zone_;
};

// Sets the default zone (for code without a TimeZone at hand); fails for unknown names.
// Until it is called the default is $TZ, else the system's zone, else UTC.
Status set_time_zone(const std::string& iana_name);
TimeZone default_time_zone();

// The same as the TimeZone members, in the default zone.
LocalTime to_local(TimePoint t);
std::optional<TimePoint> from_local(const std::string& date, int minute_of_day);
std::string format_iso8601(TimePoint t);
// Accepts "…Z", "…+08:00", and fractional seconds.
std::optional<TimePoint> parse_iso8601(std::string_view text);

// "YYYY-MM-DD" → days since epoch, and back; plus day-of-week (1 = Monday).
std::optional<int> parse_date(std::string_view date);
std::string format_date(int days_since_epoch);
int iso_weekday(int days_since_epoch);

}  // namespace onestop
