// Place in line and estimated wait: waiting_ahead counts the tickets the windows
// would call before this one; the estimate is ahead × minutes_per_ticket ÷ open
// windows serving it, rounded up. Also: it stays fast with a full day of tickets.
#include <doctest/doctest.h>

#include <chrono>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::call;
using test::issue;
using test::tick;

TEST_CASE("waiting_ahead follows the call order across a window's services") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto a1 = issue(engine, "A");
    tick(clock);
    auto b1 = issue(engine, "B");
    tick(clock);
    auto a2 = issue(engine, "A", Priority::Green);
    tick(clock);
    auto b2 = issue(engine, "B");
    tick(clock);
    auto c1 = issue(engine, "C");
    CHECK(engine.waiting_ahead(a2.id) == 0);  // 绿色通道 first
    CHECK(engine.waiting_ahead(a1.id) == 1);
    CHECK(engine.waiting_ahead(b1.id) == 2);  // windows 1 and 2 serve B; window 1 also serves A
    CHECK(engine.waiting_ahead(b2.id) == 3);
    CHECK(engine.waiting_ahead(c1.id) == 0);  // window 3 serves only C
    CHECK(call(engine, 1) == "A002");
    CHECK(engine.waiting_ahead(a2.id) == 0);  // called: not waiting
    CHECK(engine.waiting_ahead(a1.id) == 0);
    CHECK(engine.waiting_ahead(b2.id) == 2);
    CHECK(engine.waiting_ahead(12345) == 0);
}

TEST_CASE("estimated wait divides by the open windows serving the service") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto a1 = issue(engine, "A");
    tick(clock);
    auto b1 = issue(engine, "B");
    tick(clock);
    auto a2 = issue(engine, "A", Priority::Green);
    tick(clock);
    auto b2 = issue(engine, "B");
    CHECK(engine.estimated_wait_minutes(a2.id) == 0);
    CHECK(engine.estimated_wait_minutes(a1.id) == 4);         // 1 ahead × 4 min ÷ 1 window
    CHECK(engine.estimated_wait_minutes(b2.id) == 8);         // 3 × 5 ÷ 2 = 7.5 → 8
    CHECK(engine.estimated_wait_minutes(b1.id) == 5);         // 2 × 5 ÷ 2
    CHECK(engine.estimated_wait_minutes_for_new("B") == 10);  // 4 × 5 ÷ 2
    CHECK(engine.estimated_wait_minutes_for_new("A") == 16);  // 4 × 4 ÷ 1
    CHECK(engine.estimated_wait_minutes_for_new("C") == 0);
    REQUIRE(engine.pause(2, "break").ok());
    CHECK(engine.estimated_wait_minutes(b2.id) == 15);  // only window 1 left
    REQUIRE(engine.resume(2).ok());
    clock.set(at("2026-11-27", "17:30"));  // after closing the windows still call
    CHECK(engine.estimated_wait_minutes(b2.id) == 8);
    CHECK(engine.estimated_wait_minutes(12345) == 0);
}

TEST_CASE("a ticket sent to one window waits for that window alone") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    issue(engine, "B");
    tick(clock);
    issue(engine, "B");
    tick(clock);
    issue(engine, "A");
    tick(clock);
    auto c1 = issue(engine, "C");
    call(engine, 3);
    REQUIRE(engine.transfer(3, {"B", 2}).ok());
    CHECK(engine.waiting_ahead(c1.id) == 0);
    CHECK(engine.estimated_wait_minutes(c1.id) == 0);
    auto b1 = engine.ticket_by_number("2026-11-27", "B001");
    CHECK(engine.waiting_ahead(b1->id) == 1);  // behind the transfer to window 2
}

TEST_CASE("a full day stays fast: 30,000 tickets issued, placed and called") {
    ManualClock clock(at("2026-11-27", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    auto start = std::chrono::steady_clock::now();
    const char* services[] = {"A", "B", "C"};
    for (int i = 0; i < 30000; ++i) {
        auto out = engine.issue(services[i % 3], i % 10 == 0 ? Priority::Green : Priority::Normal);
        REQUIRE(out.ok());
        if (i % 100 == 0) (void)engine.estimated_wait_minutes(out->ticket->id);
        clock.advance(std::chrono::milliseconds(1));
    }
    long long total_ahead = 0;
    for (int64_t id = 1; id <= 30000; id += 7) total_ahead += engine.waiting_ahead(id);
    CHECK(total_ahead > 0);
    int called = 0;
    for (int window : {1, 2, 3}) {
        while (true) {
            auto out = engine.call_next(window);
            REQUIRE(out.ok());
            if (!out->ticket) break;
            ++called;
        }
    }
    CHECK(called == 30000);
    auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    MESSAGE("30,000 tickets in " << seconds << " s");
    CHECK(seconds < 20.0);  // quadratic work would take minutes here
}
