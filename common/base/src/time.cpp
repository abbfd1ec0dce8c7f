#include "onestop/base/time.h"
#include "onestop/base/error_codes.h"

#include <date/tz.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>

namespace onestop {

namespace {

Error unknown_zone(const std::string& name) {
    return make_error(
        errc::unknown_time_zone,
        "unknown time zone '" + name + "' (expected an IANA name such as Asia/Shanghai)");
}

const date::time_zone* locate(const std::string& name) {
    // The tz database would also look for names outside zoneinfo ("../x").
    if (name.empty() || name.find("..") != std::string::npos) return nullptr;
    try {
        return date::locate_zone(name);
    } catch (const std::exception&) {
        return nullptr;
    }
}

// $TZ (as a name; glibc also takes a leading ':'), else /etc/localtime, else UTC: what
// localtime_r used before a hall's zone was known.
const date::time_zone* initial_zone() {
    if (const char* tz = std::getenv("TZ"); tz && *tz) {
        if (const auto* z = locate(tz[0] == ':' ? tz + 1 : tz)) return z;
    }
    try {
        return date::current_zone();
    } catch (const std::exception&) {
        return date::locate_zone("UTC");
    }
}

std::atomic<const date::time_zone*>& default_zone() {
    static std::atomic<const date::time_zone*> zone{initial_zone()};
    return zone;
}

}  // namespace

Result<TimeZone> TimeZone::named(const std::string& iana_name) {
    const auto* zone = locate(iana_name);
    if (!zone) return unknown_zone(iana_name);
    return TimeZone(zone);
}

TimeZone TimeZone::utc() {
    static const date::time_zone* zone = date::locate_zone("UTC");
    return TimeZone(zone);
}

std::string TimeZone::name() const {
    return std::string(zone_->name());
}

LocalTime TimeZone::to_local(TimePoint t) const {
    auto secs = std::chrono::floor<std::chrono::seconds>(t);
    auto info = zone_->get_info(secs);
    auto local = secs + info.offset;  // wall-clock seconds counted as if UTC
    auto day = std::chrono::floor<date::days>(local);
    date::year_month_day ymd{day};
    date::hh_mm_ss hms{local - day};
    LocalTime lt;
    lt.year = static_cast<int>(ymd.year());
    lt.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    lt.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    lt.hour = static_cast<int>(hms.hours().count());
    lt.minute = static_cast<int>(hms.minutes().count());
    lt.second = static_cast<int>(hms.seconds().count());
    lt.weekday = static_cast<int>(date::weekday{day}.iso_encoding());
    lt.utc_offset_min =
        static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(info.offset).count());
    return lt;
}

std::optional<TimePoint> TimeZone::from_local(const std::string& day, int minute_of_day) const {
    auto days = parse_date(day);
    if (!days) return std::nullopt;
    date::local_seconds local{date::days{*days} + std::chrono::minutes{minute_of_day}};
    // An ambiguous time (clocks turned back) is its first occurrence, like mktime's.
    auto sys = zone_->to_sys(local, date::choose::earliest);
    return TimePoint{std::chrono::duration_cast<Millis>(sys.time_since_epoch())};
}

std::string TimeZone::format_iso8601(TimePoint t) const {
    LocalTime lt = to_local(t);
    int off = lt.utc_offset_min;
    char sign = off < 0 ? '-' : '+';
    if (off < 0) off = -off;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", lt.year, lt.month,
                  lt.day, lt.hour, lt.minute, lt.second, sign, off / 60, off % 60);
    return buf;
}

Status set_time_zone(const std::string& iana_name) {
    auto zone = locate(iana_name);
    if (!zone) return unknown_zone(iana_name);
    default_zone().store(zone);
    return {};
}

TimeZone default_time_zone() {
    return TimeZone(default_zone().load());
}

std::string LocalTime::date() const {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
    return buf;
}

LocalTime to_local(TimePoint t) {
    return default_time_zone().to_local(t);
}

std::optional<TimePoint> from_local(const std::string& date, int minute_of_day) {
    return default_time_zone().from_local(date, minute_of_day);
}

std::string format_iso8601(TimePoint t) {
    return default_time_zone().format_iso8601(t);
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

// The number written in s[at, at + n) with digits only; -1 when anything else is there.
static int digits_at(std::string_view s, size_t at, size_t n) {
    if (at + n > s.size()) return -1;
    int value = 0;
    for (size_t k = at; k < at + n; ++k) {
        if (s[k] < '0' || s[k] > '9') return -1;
        value = value * 10 + (s[k] - '0');
    }
    return value;
}

// By hand rather than sscanf: reports read every stored time of a year (a scorecard, 600,000
// of them), and sscanf also took " 9" and "+9" for a two-digit field.
std::optional<TimePoint> parse_iso8601(std::string_view text) {
    if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' ||
        text[13] != ':' || text[16] != ':')
        return std::nullopt;
    int y = digits_at(text, 0, 4), mo = digits_at(text, 5, 2), d = digits_at(text, 8, 2),
        h = digits_at(text, 11, 2), mi = digits_at(text, 14, 2), sec = digits_at(text, 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 ||
        sec < 0 || sec > 60)
        return std::nullopt;
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
        int oh = digits_at(text, i + 1, 2), om = digits_at(text, i + 4, 2);
        if (text.size() - i != 6 || text[i + 3] != ':' || oh < 0 || om < 0) return std::nullopt;
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
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &y, &m, &d, &consumed) != 3 || consumed != 10 ||
        text.size() != 10)
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
