// The order a window calls in: transferred-in, then 绿色通道, then the rest; first
// come first served inside each group across the window's services; the optional
// priority_one_in interleave.
#include <doctest/doctest.h>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::call;
using test::issue;
using test::tick;

TEST_CASE("a window calls across its services by issue time") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "B"), tick(clock);
    issue(engine, "A"), tick(clock);
    issue(engine, "B"), tick(clock);
    issue(engine, "A"), tick(clock);
    CHECK(call(engine, 1) == "B001");
    CHECK(call(engine, 1) == "A001");
    CHECK(call(engine, 2) == "B002");  // window 2 serves only B
    CHECK(call(engine, 2) == "");
    CHECK(call(engine, 1) == "A002");
    CHECK(call(engine, 1) == "");
}

TEST_CASE("priority tickets come before the rest, oldest first") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A"), tick(clock);
    issue(engine, "B", Priority::Green), tick(clock);
    issue(engine, "A"), tick(clock);
    issue(engine, "A", Priority::Green), tick(clock);
    CHECK(call(engine, 1) == "B001");
    CHECK(call(engine, 1) == "A003");
    CHECK(call(engine, 1) == "A001");
    CHECK(call(engine, 1) == "A002");
}

TEST_CASE("tickets transferred in come first, in order of transfer") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A", Priority::Green), tick(clock);
    issue(engine, "A"), tick(clock);
    issue(engine, "C"), tick(clock);
    issue(engine, "C"), tick(clock);
    CHECK(call(engine, 3) == "C001");
    REQUIRE(engine.transfer(3, {"B", 0}).ok());
    tick(clock);
    CHECK(call(engine, 3) == "C002");
    REQUIRE(engine.transfer(3, {"A", 0}).ok());
    tick(clock);
    CHECK(call(engine, 1) == "C001");  // transferred first, before 绿色通道 A001
    CHECK(call(engine, 1) == "C002");
    CHECK(call(engine, 1) == "A001");
    CHECK(call(engine, 1) == "A002");
}

TEST_CASE("a ticket transferred to a window waits for that window only") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "C"), tick(clock);
    issue(engine, "B"), tick(clock);
    CHECK(call(engine, 3) == "C001");
    auto out = engine.transfer(3, {"B", 1});
    REQUIRE(out.ok());
    const Ticket& t = *out->ticket;
    CHECK(t.number == "C001");  // keeps its number
    CHECK(t.status == TicketStatus::Waiting);
    CHECK(t.service == "B");
    CHECK(t.target_window == 1);
    CHECK(t.transferred);
    CHECK(t.from_service == "C");
    CHECK(t.from_window == 3);
    auto& e = std::get<TicketTransferred>(out->events.at(0));
    CHECK(e.to_service == "B");
    CHECK(e.to_window == 1);
    CHECK(e.from_window == 3);
    CHECK(std::holds_alternative<TicketTransferred>(out->events[0]));
    CHECK(engine.window_state(3).current == std::nullopt);
    tick(clock);
    CHECK(call(engine, 2) == "B001");  // window 2 serves B but the transfer named window 1
    CHECK(call(engine, 2) == "");
    CHECK(call(engine, 1) == "C001");
    CHECK(engine.ticket(t.id)->window == 1);
}

TEST_CASE("a transfer to a window keeps the ticket's service when the window serves it") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "B");
    issue(engine, "A");
    CHECK(call(engine, 1) == "B001");
    auto out = engine.transfer(1, {"", 2});
    REQUIRE(out.ok());
    CHECK(out->ticket->service == "B");
    CHECK(out->ticket->target_window == 2);
    CHECK(out->ticket->from_service == "B");
    CHECK(call(engine, 1) == "A001");
    CHECK(call(engine, 2) == "B001");
}

TEST_CASE("strict priority when priority_one_in is 0") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 3; ++i) issue(engine, "A", Priority::Green), tick(clock);
    for (int i = 0; i < 3; ++i) issue(engine, "B"), tick(clock);
    std::vector<std::string> calls;
    for (int i = 0; i < 6; ++i) calls.push_back(call(engine, 1));
    CHECK(calls == std::vector<std::string>{"A001", "A002", "A003", "B001", "B002", "B003"});
}

TEST_CASE("priority_one_in interleaves priority and normal calls") {
    auto hall = test::small_hall();
    hall.settings.priority_one_in = 3;
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(hall, clock, test::shanghai());
    for (int i = 0; i < 3; ++i) issue(engine, "A", Priority::Green), tick(clock);
    for (int i = 0; i < 3; ++i) issue(engine, "B"), tick(clock);
    std::vector<std::string> calls;
    for (int i = 0; i < 6; ++i) calls.push_back(call(engine, 1));
    // At most one priority call in any 3 consecutive calls while normal tickets wait;
    // when none does, the last priority ticket is called at once.
    CHECK(calls == std::vector<std::string>{"A001", "B001", "B002", "A002", "B003", "A003"});
}

TEST_CASE("priority_one_in counts each window's own calls") {
    auto hall = test::small_hall();
    hall.settings.priority_one_in = 2;
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(hall, clock, test::shanghai());
    issue(engine, "B", Priority::Green), tick(clock);
    issue(engine, "B", Priority::Green), tick(clock);
    issue(engine, "B"), tick(clock);
    CHECK(call(engine, 1) == "B001");
    CHECK(call(engine, 2) == "B002");  // window 2 has made no priority call yet
    CHECK(call(engine, 1) == "B003");
}

TEST_CASE("transferred tickets are not held back by the interleave") {
    auto hall = test::small_hall();
    hall.settings.priority_one_in = 2;
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(hall, clock, test::shanghai());
    issue(engine, "A", Priority::Green), tick(clock);
    issue(engine, "A"), tick(clock);
    issue(engine, "C"), tick(clock);
    CHECK(call(engine, 1) == "A001");
    CHECK(call(engine, 3) == "C001");
    REQUIRE(engine.transfer(3, {"A", 0}).ok());
    CHECK(call(engine, 1) == "C001");
    CHECK(call(engine, 1) == "A002");
}

TEST_CASE("waiting lists a service in call order, transferred-in tickets included") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "B"), tick(clock);
    issue(engine, "B", Priority::Green), tick(clock);
    issue(engine, "C"), tick(clock);
    CHECK(call(engine, 3) == "C001");
    REQUIRE(engine.transfer(3, {"B", 2}).ok());
    auto waiting = engine.waiting("B");
    REQUIRE(waiting.size() == 3);
    CHECK(waiting[0]->number == "C001");
    CHECK(waiting[1]->number == "B002");
    CHECK(waiting[2]->number == "B001");
    CHECK(engine.waiting_count("B") == 3);
    CHECK(engine.waiting_count("C") == 0);
    CHECK(engine.waiting_for_window(2) == 3);
    CHECK(engine.waiting_for_window(1) == 2);  // the ticket sent to window 2 is not window 1's
    CHECK(engine.waiting_for_window(3) == 0);
}
