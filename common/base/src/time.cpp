#include "onestop/base/time.h"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

namespace onestop {

Status set_time_zone(const std::string& iana_name) {
    if (iana_name.empty() || iana_name.find("..") != std::string::npos ||
        !std::filesystem::exists("/usr/share/zoneinfo/" + iana_name)) {
        return make_error("unknown_time_zone", "unknown time zone '" + iana_name +
                                                   "' (expected an IANA name such as Asia/Shanghai)");
    }
    setenv("TZ", iana_name.c_str(), 1);
    tzset();
    return {};
}

std::string LocalTime::date() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

LocalTime to_local(TimePoint t) {
    std::time_t secs = std::chrono::floor<std::chrono::seconds>(t).time_since_epoch().count();
    std::tm tm{};
    localtime_r(&secs, &tm);
    LocalTime lt;
    lt.year = tm.tm_year + 1900;
    lt.month = tm.tm_mon + 1;
    lt.day = tm.tm_mday;
    lt.hour = tm.tm_hour;
    lt.minute = tm.tm_min;
    lt.second = tm.tm_sec;
    lt.weekday = tm.tm_wday == 0 ? 7 : tm.tm_wday;
    lt.utc_offset_min = static_cast<int>(tm.tm_gmtoff / 60);
    return lt;
}

std::optional<TimePoint> from_local(const std::string& date, int minute_of_day) {
    int y, m, d;
    if (std::sscanf(date.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return std::nullopt;
    std::tm tm{};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = minute_of_day / 60;
    tm.tm_min = minute_of_day % 60;
    tm.tm_isdst = -1;
    std::time_t secs = mktime(&tm);
    if (secs == -1) return std::nullopt;
    return TimePoint{std::chrono::seconds{secs}};
}

std::string format_iso8601(TimePoint t) {
    LocalTime lt = to_local(t);
    int off = lt.utc_offset_min;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", lt.year, lt.month,
                  lt.day, lt.hour, lt.minute, lt.second, sign, off / 60, off % 60);
    return buf;
}

// Howard Hinnant's days_from_civil, so parsing never depends on the process zone.
static long long days_from_civil(long long y, unsigned m, unsigned d) {
    y -= m <= 2;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<long long>(doe) - 719468;
}

std::optional<TimePoint> parse_iso8601(std::string_view s) {
    int y, mo, d, h, mi, sec;
    int consumed = 0;
    std::string text(s);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec,
                    &consumed) != 6 ||
        consumed != 19)
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    size_t i = 19;
    long long millis = 0;
    if (i < text.size() && text[i] == '.') {
        ++i;
        int digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (digits < 3) millis = millis * 10 + (text[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0) return std::nullopt;
        for (int k = digits; k < 3; ++k) millis *= 10;
    }
    int offset_min = 0;
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
        ++i;
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        int oh, om;
        if (text.size() - i != 6 || std::sscanf(text.c_str() + i + 1, "%2d:%2d", &oh, &om) != 2)
            return std::nullopt;
        offset_min = (text[i] == '-' ? -1 : 1) * (oh * 60 + om);
        i += 6;
    } else {
        return std::nullopt;  // an instant needs its offset
    }
    if (i != text.size()) return std::nullopt;
    long long days = days_from_civil(y, mo, d);
    long long secs = days * 86400 + h * 3600 + mi * 60 + sec - offset_min * 60;
    return TimePoint{Millis{secs * 1000 + millis}};
}

std::optional<int> parse_date(std::string_view date) {
    int y, m, d, consumed = 0;
    std::string text(date);
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &consumed) != 3 ||
        consumed != 10 || text.size() != 10)
        return std::nullopt;
    if (m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    long long days = days_from_civil(y, m, d);
    if (format_date(static_cast<int>(days)) != text) return std::nullopt;  // e.g. 02-30
    return static_cast<int>(days);
}

std::string format_date(int z) {
    // civil_from_days
    long long zz = z + 719468;
    const long long era = (zz >= 0 ? zz : zz - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(zz - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long y = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char buf[32];  // room for any year the format can print
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", y, m, d);
    return buf;
}

int iso_weekday(int days_since_epoch) {
    // 1970-01-01 was a Thursday (4).
    int w = ((days_since_epoch % 7) + 7 + 3) % 7;  // 0 = Monday
    return w + 1;
}

}  // namespace onestop
