#include <doctest/doctest.h>

#include "onestop/base/time.h"

using namespace onestop;

TEST_CASE("ISO 8601 round trip in the hall's zone") {
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
    auto t = parse_iso8601("2026-11-27T09:05:00+08:00");
    REQUIRE(t);
    CHECK(format_iso8601(*t) == "2026-11-27T09:05:00+08:00");
    CHECK(parse_iso8601("2026-11-27T01:05:00Z") == t);
    CHECK(parse_iso8601("2026-11-27T01:05:00.250Z")->time_since_epoch().count() % 1000 == 250);
    LocalTime lt = to_local(*t);
    CHECK(lt.date() == "2026-11-27");
    CHECK(lt.weekday == 5);  // a Friday
    CHECK(lt.minute_of_day() == 9 * 60 + 5);
}

TEST_CASE("malformed instants and dates are refused") {
    CHECK_FALSE(parse_iso8601("2026-11-27 09:05:00+08:00"));
    CHECK_FALSE(parse_iso8601("2026-11-27T09:05:00"));  // no offset
    CHECK_FALSE(parse_iso8601("2026-13-27T09:05:00Z"));
    CHECK_FALSE(parse_iso8601("2026-11-27T09:05:00+08:00junk"));
    CHECK_FALSE(parse_iso8601("2026-11-27T 9:05:00+08:00"));  // each field all digits
    CHECK_FALSE(parse_iso8601("2026-11-27T+9:05:00+08:00"));
    CHECK_FALSE(parse_iso8601("2026-11-27T09:05:00+0800"));
    CHECK_FALSE(parse_iso8601("2026-11-27T09:05"));
    CHECK(parse_iso8601("2026-11-27T09:05:00-05:30")->time_since_epoch().count() ==
          parse_iso8601("2026-11-27T14:35:00Z")->time_since_epoch().count());
    CHECK_FALSE(parse_date("2026-02-30"));
    CHECK(format_date(*parse_date("2024-02-29")) == "2024-02-29");
    CHECK(iso_weekday(*parse_date("2026-11-30")) == 1);  // Monday
    CHECK_FALSE(set_time_zone("Mars/Olympus").ok());
}

TEST_CASE("local midnight is where the service day turns") {
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
    auto before = *parse_iso8601("2026-11-27T23:59:59+08:00");
    auto after = *parse_iso8601("2026-11-28T00:00:00+08:00");
    CHECK(to_local(before).date() == "2026-11-27");
    CHECK(to_local(after).date() == "2026-11-28");
    CHECK(from_local("2026-11-28", 0) == after);
}

TEST_CASE("a TimeZone converts in its own zone, whatever the default zone is") {
    REQUIRE(set_time_zone("UTC").ok());
    auto ny = TimeZone::named("America/New_York");
    REQUIRE(ny.ok());
    TimePoint t = *parse_iso8601("2026-07-01T12:00:00Z");
    LocalTime lt = ny->to_local(t);
    CHECK(lt.hour == 8);
    CHECK(lt.utc_offset_min == -240);  // summer time
    CHECK(ny->format_iso8601(t) == "2026-07-01T08:00:00-04:00");
    CHECK(to_local(t).hour == 12);  // the default zone is untouched
    // 02:30 does not exist on the spring-forward night: the change's instant (03:00 EDT).
    CHECK(ny->from_local("2026-03-08", 2 * 60 + 30) == parse_iso8601("2026-03-08T07:00:00Z"));
    CHECK_FALSE(TimeZone::named("Mars/Olympus").ok());
    CHECK_FALSE(TimeZone::named("../../etc/passwd").ok());
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
}
