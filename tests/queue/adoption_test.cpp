// Adoption: an offline ticket printed under a number this database never leased to the
// kiosk (another hub's block, a block lost to a restore) is never refused. It keeps its
// printed number when that number is free that day, else it is renumbered; numbers stay
// unique within the day, also after a rebuild from the event log.
#include <doctest/doctest.h>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::issue;

namespace {

Ticket adopt(Engine& engine, const std::string& service, int sequence, TimePoint issued_at,
             const std::string& day = "2026-11-27", Priority priority = Priority::Normal) {
    auto out = engine.adopt(service, priority, day, sequence, issued_at);
    REQUIRE_MESSAGE(out.ok(), out.error().message);
    REQUIRE(out->ticket);
    REQUIRE(out->events.size() == 1);
    return *out->ticket;
}

const TicketIssued& issued_event(const Result<Outcome>& out) {
    return std::get<TicketIssued>(out->events.at(0));
}

}  // namespace

TEST_CASE("a free printed number is adopted as it is, in the order of its issue time") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(issue(engine, "A").number == "A001");
    clock.set(at("2026-11-27", "09:10"));
    CHECK(issue(engine, "A").number == "A002");

    TimePoint printed_at = at("2026-11-27", "09:05");
    auto out = engine.adopt("A", Priority::Green, "2026-11-27", 981, printed_at);
    REQUIRE(out.ok());
    const TicketIssued& e = issued_event(out);
    CHECK(e.adopted);
    CHECK(e.printed.empty());
    CHECK(e.number == "A981");
    CHECK(e.sequence == 981);
    const Ticket& t = *out->ticket;
    CHECK(t.number == "A981");
    CHECK(t.printed.empty());
    CHECK(t.issued_at == printed_at);
    CHECK(t.priority == Priority::Green);
    CHECK(t.service_day == "2026-11-27");
    CHECK(engine.ticket_by_number("2026-11-27", "A981")->id == t.id);
    // 绿色通道 first, by the time on its slip.
    CHECK(engine.waiting("A").front()->number == "A981");

    // The day's count is not pushed to A982: staff go on calling A003.
    CHECK(issue(engine, "A").number == "A003");
}

TEST_CASE(
    "a printed number already issued here is renumbered, and the answer keeps the printed one") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 3; ++i) (void)issue(engine, "B");  // B001 … B003

    TimePoint printed_at = at("2026-11-27", "08:59");
    auto out = engine.adopt("B", Priority::Normal, "2026-11-27", 2, printed_at);
    REQUIRE(out.ok());
    const TicketIssued& e = issued_event(out);
    CHECK_FALSE(e.adopted);
    CHECK(e.printed == "B002");
    CHECK(e.number == "B004");
    CHECK(out->ticket->number == "B004");
    CHECK(out->ticket->printed == "B002");
    CHECK(out->ticket->issued_at == printed_at);
    CHECK(engine.ticket_by_number("2026-11-27", "B002")
              ->printed.empty());  // the first holder keeps it
    CHECK(issue(engine, "B").number == "B005");
}

TEST_CASE(
    "a printed number inside a lease of this database is renumbered: that kiosk may print it") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto lease = engine.lease("A", 20);  // A980 … A999, another kiosk's
    REQUIRE(lease.ok());
    CHECK(std::get<NumbersLeased>(lease->events.at(0)).first == 980);

    Ticket t = adopt(engine, "A", 981, clock.now());
    CHECK(t.number == "A001");
    CHECK(t.printed == "A981");
    // The kiosk holding the block still issues A981 from it.
    auto leased = engine.issue_leased("A", Priority::Normal, 981, clock.now());
    REQUIRE_MESSAGE(leased.ok(), leased.error().message);
    CHECK(leased->ticket->number == "A981");
    // A second slip with the same printed number (two foreign blocks overlapping) is renumbered
    // too.
    Ticket again = adopt(engine, "A", 981, clock.now());
    CHECK(again.number == "A002");
    CHECK(again.printed == "A981");
}

TEST_CASE(
    "two slips printed with the same free number: the first keeps it, the second is renumbered") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    Ticket first = adopt(engine, "C", 990, at("2026-11-27", "08:50"));
    Ticket second = adopt(engine, "C", 990, at("2026-11-27", "08:51"));
    CHECK(first.number == "C990");
    CHECK(first.printed.empty());
    CHECK(second.number == "C001");
    CHECK(second.printed == "C990");
    CHECK(first.id != second.id);
}

TEST_CASE("the day's count and new leases step over adopted numbers") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(adopt(engine, "C", 2, clock.now()).number == "C002");
    CHECK(adopt(engine, "C", 4, clock.now()).number == "C004");
    CHECK(issue(engine, "C").number == "C001");
    CHECK(issue(engine, "C").number == "C003");
    CHECK(issue(engine, "C").number == "C005");

    // A block from the top would hold the adopted C985: it goes under it.
    CHECK(adopt(engine, "C", 985, clock.now()).number == "C985");
    auto lease = engine.lease("C", 20);
    REQUIRE(lease.ok());
    CHECK(std::get<NumbersLeased>(lease->events.at(0)).first == 965);
    // Above 999 too: a block starts after an adopted number in its way.
    CHECK(adopt(engine, "C", 1005, clock.now()).number == "C1005");
    for (int i = 0; i < 973; ++i)
        (void)engine.issue("C", Priority::Normal);  // C006 … C964, C986 … C999
    CHECK(issue(engine, "C").number == "C1000");
    auto above = engine.lease("C", 10);
    REQUIRE(above.ok());
    CHECK(std::get<NumbersLeased>(above->events.at(0)).first == 1006);
    CHECK(issue(engine, "C").number == "C1001");
}

TEST_CASE("adoption counts on the slip's own day") {
    ManualClock clock(at("2026-11-28", "09:00"));  // Saturday: E is open around the clock
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(issue(engine, "E").number == "E001");
    Ticket late = adopt(engine, "E", 1, at("2026-11-27", "17:59"), "2026-11-27");
    CHECK(late.number == "E001");
    CHECK(late.service_day == "2026-11-27");
    CHECK(late.printed.empty());
    CHECK(engine.ticket_by_number("2026-11-28", "E001")->id != late.id);
}

TEST_CASE("adoption refuses only an unknown service") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto out = engine.adopt("Z", Priority::Normal, "2026-11-27", 981, clock.now());
    REQUIRE_FALSE(out.ok());
    CHECK(out.error().code == "service_unknown");
    // Closed hours do not matter: the applicant already holds the slip.
    clock.set(at("2026-11-27", "12:00"));
    REQUIRE_FALSE(engine.service_open("A"));
    CHECK(adopt(engine, "A", 981, at("2026-11-27", "11:29")).number == "A981");
}

TEST_CASE("a rebuilt engine knows adopted and renumbered tickets and keeps numbers unique") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    std::vector<Event> log;
    auto keep = [&](Result<Outcome> out) {
        REQUIRE_MESSAGE(out.ok(), out.error().message);
        log.insert(log.end(), out->events.begin(), out->events.end());
    };
    keep(engine.issue("A", Priority::Normal));                                  // A001
    keep(engine.lease("A", 20));                                                // A980 … A999
    keep(engine.adopt("A", Priority::Normal, "2026-11-27", 3, clock.now()));    // adopted A003
    keep(engine.adopt("A", Priority::Normal, "2026-11-27", 985, clock.now()));  // renumbered A002
    keep(engine.adopt("A", Priority::Normal, "2026-11-27", 3, clock.now()));    // renumbered A004

    Engine rebuilt(test::small_hall(), clock, test::shanghai());
    for (const auto& e : log) rebuilt.apply(e);
    const Ticket* renumbered = rebuilt.ticket_by_number("2026-11-27", "A002");
    REQUIRE(renumbered);
    CHECK(renumbered->printed == "A985");
    CHECK(rebuilt.ticket_by_number("2026-11-27", "A004")->printed == "A003");
    CHECK(rebuilt.ticket_by_number("2026-11-27", "A003")->printed.empty());
    CHECK(issue(rebuilt, "A").number == "A005");
    CHECK(issue(engine, "A").number == "A005");
    auto lease = rebuilt.lease("A", 5);
    REQUIRE(lease.ok());
    CHECK(std::get<NumbersLeased>(lease->events.at(0)).first == 975);
}
