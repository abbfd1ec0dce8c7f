// Numbering: service code + 3 digits from 001 each service day (local midnight),
// never reused within the day, also after a rebuild from the event log and with leases.
#include <doctest/doctest.h>

#include "onestop/queue/numbering.h"
#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::issue;

TEST_CASE("numbers count per service from 001") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(issue(engine, "A").number == "A001");
    CHECK(issue(engine, "A").number == "A002");
    CHECK(issue(engine, "B").number == "B001");
    auto a3 = issue(engine, "A", Priority::Green);
    CHECK(a3.number == "A003");  // 绿色通道 shares the service's count
    CHECK(a3.service_day == "2026-11-27");
    CHECK(a3.status == TicketStatus::Waiting);
    CHECK(a3.issued_at == clock.now());
    CHECK(engine.ticket_by_number("2026-11-27", "A003")->id == a3.id);
    CHECK(engine.ticket_by_number("2026-11-26", "A003") == nullptr);
}

TEST_CASE("ids are unique and the issue event describes the ticket") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto out = engine.issue("B", Priority::Green);
    REQUIRE(out.ok());
    REQUIRE(out->events.size() == 1);
    auto& e = std::get<TicketIssued>(out->events[0]);
    CHECK(e.number == "B001");
    CHECK(e.sequence == 1);
    CHECK(e.priority == Priority::Green);
    CHECK(e.service_day == "2026-11-27");
    CHECK(std::holds_alternative<TicketIssued>(out->events[0]));
    CHECK(event_time(out->events[0]) == clock.now());
    CHECK(issue(engine, "B").id != e.id);
}

TEST_CASE("numbering restarts at local midnight, not UTC midnight") {
    // Window 5 (service E) is open around the clock.
    ManualClock clock(at("2026-11-27", "07:59"));  // 2026-11-26 23:59 UTC
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto first = issue(engine, "E");
    CHECK(first.service_day == "2026-11-27");
    clock.set(at("2026-11-27", "23:59", 59));
    CHECK(issue(engine, "E").number == "E002");
    clock.set(at("2026-11-28", "00:00"));
    auto next_day = issue(engine, "E");
    CHECK(next_day.number == "E001");
    CHECK(next_day.service_day == "2026-11-28");
    CHECK(engine.ticket_by_number("2026-11-27", "E001")->id == first.id);
    CHECK(engine.ticket_by_number("2026-11-28", "E001")->id == next_day.id);
}

TEST_CASE("a rebuilt engine continues the day's count") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    std::vector<Event> log;
    for (int i = 0; i < 3; ++i) {
        auto out = engine.issue("A", Priority::Normal);
        REQUIRE(out.ok());
        log.insert(log.end(), out->events.begin(), out->events.end());
    }
    Engine rebuilt(test::small_hall(), clock, test::shanghai());
    for (const auto& e : log) rebuilt.apply(e);
    auto next = issue(rebuilt, "A");
    CHECK(next.number == "A004");
    CHECK(next.id > engine.ticket_by_number("2026-11-27", "A003")->id);
}

TEST_CASE("numbers past 999 keep counting") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 999; ++i) (void)engine.issue("C", Priority::Normal);
    CHECK(issue(engine, "C").number == "C1000");
}

TEST_CASE("leases come from the top of the day's range and are issued once from the lease") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(issue(engine, "A").number == "A001");
    auto lease = engine.lease("A", 20);
    REQUIRE(lease.ok());
    auto& leased = std::get<NumbersLeased>(lease->events.at(0));
    CHECK(leased.first == 980);
    CHECK(leased.count == 20);
    CHECK(leased.service_day == "2026-11-27");
    clock.set(at("2026-11-27", "09:01"));
    CHECK(issue(engine, "A").number ==
          "A002");  // a kiosk's block does not move the counter's numbers

    // The kiosk's offline ticket arrives later with its own issue time.
    TimePoint offline_at = at("2026-11-27", "09:00", 30);
    clock.set(at("2026-11-27", "09:10"));
    auto replayed = engine.issue_leased("A", Priority::Normal, 985, offline_at);
    REQUIRE_MESSAGE(replayed.ok(), replayed.error().message);
    CHECK(replayed->ticket->number == "A985");
    CHECK(replayed->ticket->issued_at == offline_at);
    // It waits in the order of its real issue time: before A002.
    auto waiting = engine.waiting("A");
    REQUIRE(waiting.size() == 3);
    CHECK(waiting[1]->number == "A985");
    CHECK(issue(engine, "A").number == "A003");

    auto again = engine.issue_leased("A", Priority::Normal, 985, offline_at);
    REQUIRE_FALSE(again.ok());
    CHECK(again.error().code == "lease_unknown");
    auto outside = engine.issue_leased("A", Priority::Normal, 5, offline_at);
    REQUIRE_FALSE(outside.ok());
    CHECK(outside.error().code == "lease_unknown");
    auto other_day = engine.issue_leased("A", Priority::Normal, "2026-11-26", 985, offline_at);
    REQUIRE_FALSE(other_day.ok());
    CHECK(other_day.error().code == "lease_unknown");
    CHECK(engine.issue_leased("Z", Priority::Normal, 985, offline_at).error().code ==
          "service_unknown");
}

TEST_CASE("when the counter reaches the leased top, it steps over the blocks and leases go above") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 975; ++i) (void)engine.issue("C", Priority::Normal);
    auto top = engine.lease("C", 20);
    REQUIRE(top.ok());
    CHECK(std::get<NumbersLeased>(top->events.at(0)).first == 980);
    auto above = engine.lease("C", 20);  // 960–979 would collide with the counter's numbers
    REQUIRE(above.ok());
    CHECK(std::get<NumbersLeased>(above->events.at(0)).first == 1000);
    for (int i = 0; i < 4; ++i) (void)engine.issue("C", Priority::Normal);  // C976 … C979
    CHECK(issue(engine, "C").number == "C1020");
}

TEST_CASE("a lease replayed from the log still reserves its block") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto lease = engine.lease("B", 10);
    REQUIRE(lease.ok());
    Engine rebuilt(test::small_hall(), clock, test::shanghai());
    for (const auto& e : lease->events) rebuilt.apply(e);
    CHECK(issue(rebuilt, "B").number == "B001");
    auto leased = rebuilt.issue_leased("B", Priority::Green, 993, clock.now());
    REQUIRE(leased.ok());
    CHECK(leased->ticket->number == "B993");
    CHECK(leased->ticket->priority == Priority::Green);
    CHECK(rebuilt.lease("B", 10).ok());
    CHECK(issue(rebuilt, "B").number == "B002");
}

TEST_CASE("a lease asks for a sensible count of a known service") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(engine.lease("Z", 10).error().code == "service_unknown");
    CHECK(engine.lease("A", 0).error().code == "invalid_lease_count");
    CHECK(engine.lease("A", 1000).error().code == "invalid_lease_count");
}

TEST_CASE("an unknown service is refused") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto out = engine.issue("Z", Priority::Normal);
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == "service_unknown");
    CHECK(out.error().message.find("'Z'") != std::string::npos);
}

TEST_CASE("format_number: the engine's form, public for a kiosk's offline slips") {
    CHECK(format_number("A", 7) == "A007");
    CHECK(format_number("B", 12) == "B012");
    CHECK(format_number("C", 999) == "C999");
    CHECK(format_number("A", 1000) == "A1000");  // past a lease's top, never cut
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 6; ++i) issue(engine, "A");
    CHECK(issue(engine, "A").number == format_number("A", 7));
}
