// Opening hours: issuing only while some window of the service is open (hours edges,
// lunch, weekends, holidays, periodic windows, make-up working days), next_open, and
// calling on after closing until none waits.
#include <doctest/doctest.h>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::call;
using test::issue;

TEST_CASE("hours edges: the opening minute is open, the closing minute closed") {
    ManualClock clock(at("2026-11-27", "08:29", 59));  // a Friday
    Engine engine(test::small_hall(), clock, test::shanghai());
    struct Probe {
        const char* time;
        int seconds;
        bool open;
    };
    for (Probe p : {Probe{"08:29", 59, false}, Probe{"08:30", 0, true}, Probe{"11:29", 59, true},
                    Probe{"11:30", 0, false}, Probe{"13:29", 59, false}, Probe{"13:30", 0, true},
                    Probe{"16:59", 59, true}, Probe{"17:00", 0, false}}) {
        clock.set(at("2026-11-27", p.time, p.seconds));
        INFO(p.time << ":" << p.seconds);
        CHECK(engine.window_open(1) == p.open);
        CHECK(engine.service_open("A") == p.open);
        CHECK(engine.issue("A", Priority::Normal).ok() == p.open);
        CHECK(engine.window_state(1).status ==
              (p.open ? WindowStatus::Open : WindowStatus::Closed));
    }
}

TEST_CASE("a closed service says when it opens next") {
    ManualClock clock(at("2026-11-27", "17:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto out = engine.issue("A", Priority::Normal);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == "service_closed");
    CHECK(out.error().message.find("2026-11-30T08:30:00+08:00") != std::string::npos);  // Monday
    CHECK(engine.next_open("A") == at("2026-11-30", "08:30"));

    clock.set(at("2026-11-27", "12:00"));  // lunch
    CHECK(engine.next_open("A") == at("2026-11-27", "13:30"));
    clock.set(at("2026-11-27", "07:00"));
    CHECK(engine.next_open("A") == at("2026-11-27", "08:30"));
    clock.set(at("2026-11-28", "10:00"));  // Saturday
    CHECK_FALSE(engine.service_open("A"));
    CHECK(engine.next_open("A") == at("2026-11-30", "08:30"));
    clock.set(at("2026-11-27", "10:00"));  // open now: next_open is now
    CHECK(engine.next_open("A") == clock.now());
    CHECK(engine.window_next_open(1) == clock.now());
}

TEST_CASE("next_open skips holidays") {
    ManualClock clock(at("2026-12-31", "17:00"));  // Thursday; 2027-01-01 is a holiday
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(engine.next_open("A") == at("2027-01-04", "08:30"));
    clock.set(at("2027-01-01", "10:00"));
    CHECK_FALSE(engine.window_open(1));
    CHECK(engine.issue("A", Priority::Normal).error().code == "service_closed");
    CHECK_FALSE(engine.service_open("E"));  // even the around-the-clock window closes on holidays
}

TEST_CASE("periodic windows open only inside their periods") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(engine.window_open(4));
    CHECK(issue(engine, "D").number == "D001");
    clock.set(at("2026-11-30", "16:59"));  // last day of the period
    CHECK(engine.service_open("D"));
    clock.set(at("2026-12-01", "09:00"));
    CHECK_FALSE(engine.window_open(4));
    CHECK(engine.window_state(4).status == WindowStatus::Closed);
    auto out = engine.issue("D", Priority::Normal);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == "service_closed");
    CHECK(engine.next_open("D") == at("2027-02-22", "08:30"));  // the spring period
    CHECK(out.error().message.find("2027-02-22T08:30:00+08:00") != std::string::npos);
    clock.set(at("2027-03-13", "09:00"));
    CHECK_FALSE(engine.next_open("D").has_value());  // no period left
    CHECK(engine.issue("D", Priority::Normal).error().message.find("no window") !=
          std::string::npos);
}

TEST_CASE("a service is open while any window serving it is open") {
    auto hall = test::small_hall();
    hall.windows[1].hours[5] = {{9 * 60, 12 * 60}};  // window 2 (B only) also on Saturday mornings
    ManualClock clock(at("2026-11-28", "10:00"));
    Engine engine(hall, clock, test::shanghai());
    CHECK(engine.service_open("B"));
    CHECK_FALSE(engine.service_open("A"));
    CHECK(issue(engine, "B").number == "B001");
    CHECK(engine.window_state(1).status == WindowStatus::Closed);
    CHECK(engine.window_state(2).status == WindowStatus::Open);
    clock.set(at("2026-11-28", "12:00"));
    CHECK(engine.next_open("B") == at("2026-11-30", "08:30"));
}

TEST_CASE("tickets issued before closing are still called after it") {
    ManualClock clock(at("2026-11-27", "16:58"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    issue(engine, "B");
    clock.set(at("2026-11-27", "17:30"));
    CHECK_FALSE(engine.service_open("A"));
    CHECK(engine.issue("A", Priority::Normal).error().code == "service_closed");
    CHECK(call(engine, 1) == "A001");
    CHECK(engine.window_state(1).status == WindowStatus::Closed);
    CHECK(engine.window_state(1).current.has_value());
    CHECK(engine.recall(1).ok());
    CHECK(call(engine, 2) == "B001");
    CHECK(call(engine, 1) == "");  // none waits any more
}

TEST_CASE("a make-up working day opens with Monday hours") {
    auto hall = test::small_hall();
    hall.settings.workdays = {"2026-11-28"};         // a Saturday worked (调休上班)
    hall.windows[0].hours[0] = {{9 * 60, 12 * 60}};  // window 1's Monday differs from Friday
    ManualClock clock(at("2026-11-28", "08:45"));
    Engine engine(hall, clock, test::shanghai());
    CHECK_FALSE(engine.window_open(1));
    CHECK(engine.window_open(2));  // standard Monday hours from 08:30
    clock.set(at("2026-11-28", "11:45"));
    CHECK(engine.window_open(1));
    CHECK(engine.calendar().is_working_day(*parse_date("2026-11-28")));
    CHECK_FALSE(engine.calendar().is_working_day(*parse_date("2026-11-29")));
    clock.set(at("2026-11-27", "17:00"));
    CHECK(engine.next_open("B") == at("2026-11-28", "08:30"));
}

TEST_CASE("two halls in two time zones in one process keep their own local times") {
    // Friday 2026-11-27 01:00 UTC: 09:00 on Friday in Shanghai, 20:00 on Thursday in New York.
    ManualClock clock(*parse_iso8601("2026-11-27T01:00:00Z"));
    auto new_york = TimeZone::named("America/New_York");
    REQUIRE(new_york.ok());
    REQUIRE(set_time_zone("UTC").ok());  // the process default is neither hall's zone
    Engine shanghai(test::small_hall(), clock, test::shanghai());
    Engine ny(test::small_hall(), clock, *new_york);

    CHECK(shanghai.service_open("A"));
    CHECK(issue(shanghai, "A").service_day == "2026-11-27");
    CHECK_FALSE(ny.service_open("A"));
    auto closed = ny.issue("A", Priority::Normal);
    REQUIRE_FALSE(closed.ok());
    CHECK(closed.error().message.find("2026-11-27T08:30:00-05:00") != std::string::npos);
    CHECK(ny.next_open("A") == parse_iso8601("2026-11-27T13:30:00Z"));
    CHECK(issue(ny, "E").service_day == "2026-11-26");  // window 5 is open around the clock
    CHECK(shanghai.zone().to_local(clock.now()).hour == 9);
    CHECK(ny.zone().to_local(clock.now()).hour == 20);
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
}
