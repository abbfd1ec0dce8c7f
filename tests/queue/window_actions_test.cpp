// Counter actions: call-next (finishing a still-called ticket), recall with its
// limit, no-show and late rejoin (过号重排), transfer, finish, pause/resume, cancel,
// and the errors each refuses with.
#include <doctest/doctest.h>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::call;
using test::issue;
using test::tick;

namespace {
std::vector<std::string> numbers(const std::vector<const Ticket*>& tickets) {
    std::vector<std::string> out;
    for (const auto* t : tickets) out.push_back(t->number);
    return out;
}
}  // namespace

TEST_CASE("call-next finishes the still-called ticket first") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto a1 = issue(engine, "A");
    issue(engine, "A");
    tick(clock);
    auto first = engine.call_next(1);
    REQUIRE(first.ok());
    CHECK(first->ticket->number == "A001");
    CHECK(first->ticket->status == TicketStatus::Called);
    CHECK(first->ticket->window == 1);
    CHECK(first->ticket->calls == 1);
    CHECK(first->ticket->called_at == clock.now());
    CHECK(engine.window_state(1).current == a1.id);
    tick(clock);
    auto second = engine.call_next(1);
    REQUIRE(second.ok());
    REQUIRE(second->events.size() == 2);
    CHECK(std::get<TicketFinished>(second->events[0]).id == a1.id);
    CHECK(std::get<TicketCalled>(second->events[1]).window == 1);
    CHECK(engine.ticket(a1.id)->status == TicketStatus::Done);
    CHECK(engine.ticket(a1.id)->finished_at == clock.now());
    CHECK(second->ticket->number == "A002");
    // Nobody waits: the called ticket is still finished, no ticket in the answer.
    auto third = engine.call_next(1);
    REQUIRE(third.ok());
    CHECK_FALSE(third->ticket.has_value());
    REQUIRE(third->events.size() == 1);
    CHECK(std::holds_alternative<TicketFinished>(third->events[0]));
    CHECK(engine.window_state(1).current == std::nullopt);
    auto idle = engine.call_next(1);
    REQUIRE(idle.ok());
    CHECK(idle->events.empty());
}

TEST_CASE("recall up to the limit of calls in all") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    CHECK(engine.recall(1).error().code == "nothing_called");
    call(engine, 1);
    tick(clock);
    auto r1 = engine.recall(1);
    REQUIRE(r1.ok());
    CHECK(r1->ticket->calls == 2);
    CHECK(r1->ticket->called_at == clock.now());
    CHECK(std::get<TicketRecalled>(r1->events.at(0)).window == 1);
    CHECK(std::holds_alternative<TicketRecalled>(r1->events[0]));
    CHECK(engine.recall(1).ok());
    auto r3 = engine.recall(1);
    REQUIRE_FALSE(r3.ok());
    CHECK(r3.error().code == "recall_limit_reached");
    CHECK(r3.error().message.find("A001") != std::string::npos);
    CHECK(engine.window_state(1).current.has_value());  // still called: no-show or finish next
    auto calls = engine.recent_calls(10);
    REQUIRE(calls.size() == 3);
    CHECK(calls[0].number == "A001");
    CHECK(calls[0].window == 1);
}

TEST_CASE("the recall limit is a hall setting") {
    auto hall = test::small_hall();
    hall.settings.recall_limit = 1;
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(hall, clock, test::shanghai());
    issue(engine, "A");
    call(engine, 1);
    CHECK(engine.recall(1).error().code == "recall_limit_reached");
}

TEST_CASE("no-show frees the window") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    issue(engine, "A");
    CHECK(engine.no_show(1).error().code == "nothing_called");
    call(engine, 1);
    auto out = engine.no_show(1);
    REQUIRE(out.ok());
    CHECK(out->ticket->status == TicketStatus::NoShow);
    CHECK(std::holds_alternative<TicketNoShow>(out->events.at(0)));
    CHECK(engine.window_state(1).current == std::nullopt);
    CHECK(engine.recall(1).error().code == "nothing_called");
    CHECK(call(engine, 1) == "A002");  // the no-show is not called again
}

TEST_CASE("a late no-show rejoins behind the next three waiting of its service") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 6; ++i) issue(engine, "A"), tick(clock);
    call(engine, 1);
    auto missed = engine.no_show(1);
    REQUIRE(missed.ok());
    int64_t id = missed->ticket->id;
    tick(clock);
    auto out = engine.rejoin(id);
    REQUIRE(out.ok());
    CHECK(out->ticket->status == TicketStatus::Waiting);
    CHECK(out->ticket->number == "A001");
    CHECK(std::holds_alternative<TicketRejoined>(out->events.at(0)));
    CHECK(numbers(engine.waiting("A")) ==
          std::vector<std::string>{"A002", "A003", "A004", "A001", "A005", "A006"});
    CHECK(engine.waiting_ahead(id) == 3);
    CHECK(call(engine, 1) == "A002");
    CHECK(engine.waiting_ahead(id) == 2);
}

TEST_CASE("each rejoiner goes behind exactly three waiting; with fewer, last") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    for (int i = 0; i < 6; ++i) issue(engine, "B"), tick(clock);
    call(engine, 2);
    int64_t b1 = engine.no_show(2)->ticket->id;
    call(engine, 2);
    int64_t b2 = engine.no_show(2)->ticket->id;
    REQUIRE(engine.rejoin(b1).ok());  // behind B3 B4 B5
    CHECK(numbers(engine.waiting("B")) ==
          std::vector<std::string>{"B003", "B004", "B005", "B001", "B006"});
    REQUIRE(engine.rejoin(b2).ok());  // behind B3 B4 B5 as well: so ahead of B1
    CHECK(numbers(engine.waiting("B")) ==
          std::vector<std::string>{"B003", "B004", "B005", "B002", "B001", "B006"});
    call(engine, 2), call(engine, 2);  // B003, B004
    int64_t b4 = engine.ticket_by_number("2026-11-27", "B004")->id;
    REQUIRE(engine.no_show(2).ok());
    REQUIRE(engine.rejoin(b4).ok());  // behind B005 B002 B001 (a rejoiner counts as waiting)
    CHECK(numbers(engine.waiting("B")) ==
          std::vector<std::string>{"B005", "B002", "B001", "B004", "B006"});

    ManualClock clock2(at("2026-11-27", "09:00"));
    Engine few(test::small_hall(), clock2, test::shanghai());
    issue(few, "A");
    issue(few, "A");
    call(few, 1);
    int64_t a1 = few.no_show(1)->ticket->id;
    REQUIRE(few.rejoin(a1).ok());
    CHECK(numbers(few.waiting("A")) == std::vector<std::string>{"A002", "A001"});
    call(few, 1), call(few, 1);
    int64_t again = few.no_show(1)->ticket->id;
    CHECK(again == a1);
    REQUIRE(few.rejoin(a1).ok());  // nobody waits: next
    CHECK(few.waiting_ahead(a1) == 0);
    CHECK(call(few, 1) == "A001");
}

TEST_CASE("rejoin refuses what is not a no-show") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto t = issue(engine, "A");
    CHECK(engine.rejoin(t.id).error().code == "not_no_show");
    CHECK(engine.rejoin(999).error().code == "ticket_unknown");
    call(engine, 1);
    CHECK(engine.rejoin(t.id).error().code == "not_no_show");
}

TEST_CASE("transfer takes only the called ticket and checks its target") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    CHECK(engine.transfer(1, {"B", 0}).error().code == "nothing_called");
    call(engine, 1);
    CHECK(engine.transfer(1, {"Z", 0}).error().code == "transfer_target_unknown");
    CHECK(engine.transfer(1, {"", 42}).error().code == "transfer_target_unknown");
    CHECK(engine.transfer(1, {"", 0}).error().code == "transfer_target_unknown");
    auto not_serving = engine.transfer(1, {"", 3});  // window 3 does not handle A
    REQUIRE_FALSE(not_serving.ok());
    CHECK(not_serving.error().code == "window_not_serving");
    CHECK(engine.transfer(1, {"A", 2}).error().code == "window_not_serving");
    CHECK(engine.transfer(42, {"B", 0}).error().code == "window_unknown");
    // Nothing changed by the refusals.
    CHECK(engine.window_state(1).current.has_value());
    CHECK(engine.waiting_count("A") == 0);
    auto ok = engine.transfer(1, {"C", 0});
    REQUIRE(ok.ok());
    CHECK(ok->ticket->service == "C");
    CHECK(ok->ticket->target_window == 0);
    CHECK(ok->ticket->calls == 0);
    CHECK(engine.waiting_count("C") == 1);
    CHECK(call(engine, 3) == "A001");
    CHECK(engine.ticket(ok->ticket->id)->from_window == 1);
}

TEST_CASE("a ticket transferred twice records the last hand-over") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    call(engine, 1);
    REQUIRE(engine.transfer(1, {"C", 0}).ok());
    call(engine, 3);
    auto out = engine.transfer(3, {"B", 2});
    REQUIRE(out.ok());
    CHECK(out->ticket->from_service == "C");
    CHECK(out->ticket->from_window == 3);
    CHECK(out->ticket->number == "A001");
}

TEST_CASE("finish marks the ticket done") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    CHECK(engine.finish(1).error().code == "nothing_called");
    call(engine, 1);
    tick(clock);
    auto out = engine.finish(1);
    REQUIRE(out.ok());
    CHECK(out->ticket->status == TicketStatus::Done);
    CHECK(out->ticket->finished_at == clock.now());
    CHECK(std::holds_alternative<TicketFinished>(out->events.at(0)));
    CHECK(engine.finish(1).error().code == "nothing_called");
}

TEST_CASE("pause and resume") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "B");
    auto paused = engine.pause(2, "break");
    REQUIRE(paused.ok());
    CHECK(std::get<WindowPaused>(paused->events.at(0)).reason == "break");
    CHECK(std::holds_alternative<WindowPaused>(paused->events[0]));
    auto state = engine.window_state(2);
    CHECK(state.status == WindowStatus::Paused);
    CHECK(state.paused);
    CHECK(state.pause_reason == "break");
    CHECK(engine.pause(2, "meeting").error().code == "already_paused");
    auto refused = engine.call_next(2);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "window_paused");
    CHECK(call(engine, 1) == "B001");  // other windows go on
    auto resumed = engine.resume(2);
    REQUIRE(resumed.ok());
    CHECK(std::holds_alternative<WindowResumed>(resumed->events.at(0)));
    CHECK(engine.window_state(2).status == WindowStatus::Open);
    CHECK(engine.window_state(2).pause_reason.empty());
    CHECK(engine.resume(2).error().code == "not_paused");
}

TEST_CASE("a paused window can still finish what it called") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "B");
    call(engine, 2);
    REQUIRE(engine.pause(2, "other").ok());
    CHECK(engine.finish(2).ok());
}

TEST_CASE("unknown windows are refused by every window action") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    CHECK(engine.call_next(9).error().code == "window_unknown");
    CHECK(engine.recall(9).error().code == "window_unknown");
    CHECK(engine.no_show(9).error().code == "window_unknown");
    CHECK(engine.finish(9).error().code == "window_unknown");
    CHECK(engine.pause(9, "break").error().code == "window_unknown");
    CHECK(engine.resume(9).error().code == "window_unknown");
    CHECK(engine.transfer(9, {"A", 0}).error().code == "window_unknown");
    CHECK(engine.call_next(0).error().code == "window_unknown");
}

TEST_CASE("cancel takes a waiting ticket out of line") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto a1 = issue(engine, "A");
    auto a2 = issue(engine, "A");
    auto out = engine.cancel(a1.id);
    REQUIRE(out.ok());
    CHECK(out->ticket->status == TicketStatus::Cancelled);
    CHECK(engine.waiting_count("A") == 1);
    CHECK(engine.cancel(a1.id).error().code == "not_waiting");
    CHECK(engine.cancel(777).error().code == "ticket_unknown");
    CHECK(call(engine, 1) == "A002");
    CHECK(engine.cancel(a2.id).error().code == "not_waiting");
}

TEST_CASE("refused commands leave no trace") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "A");
    call(engine, 1);
    REQUIRE(engine.recall(1).ok());
    REQUIRE(engine.recall(1).ok());
    auto before = *engine.ticket(1);
    CHECK_FALSE(engine.recall(1).ok());
    CHECK(engine.ticket(1)->calls == before.calls);
    CHECK(engine.recent_calls(10).size() == 3);
}

TEST_CASE("a late no-show sent to one window rejoins that window's line") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "C");
    for (int i = 0; i < 4; ++i) issue(engine, "B"), tick(clock);
    call(engine, 3);
    REQUIRE(engine.transfer(3, {"B", 2}).ok());
    auto called = engine.call_next(2);
    REQUIRE(called.ok());
    CHECK(called->ticket->number == "C001");
    int64_t id = called->ticket->id;
    REQUIRE(engine.no_show(2).ok());
    REQUIRE(engine.rejoin(id).ok());
    CHECK(engine.ticket(id)->target_window == 2);
    CHECK(call(engine, 1) == "B001");  // window 1 never sees it
    CHECK(call(engine, 1) == "B002");
    CHECK(call(engine, 1) == "B003");
    CHECK(call(engine, 1) == "B004");
    CHECK(call(engine, 1) == "");
    CHECK(call(engine, 2) == "C001");
}
