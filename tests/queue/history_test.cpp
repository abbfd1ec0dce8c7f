// Bounded memory: an engine that starts from part of the log (resume(), then today's
// events) or forgets closed tickets of earlier days goes on like one that replayed all.
#include <doctest/doctest.h>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;
using test::call;
using test::issue;

namespace {

// Runs `command`, appending its events to `log`.
Outcome logged(Result<Outcome> out, std::vector<Event>& log) {
    REQUIRE_MESSAGE(out.ok(), out.error().message);
    log.insert(log.end(), out->events.begin(), out->events.end());
    return *out;
}

}  // namespace

TEST_CASE("an engine resumed from today's events continues ids, calls and the waiting line") {
    auto hall = test::small_hall();
    hall.settings.priority_one_in = 3;  // the windows' call history counts across the restart
    ManualClock clock(at("2026-11-26", "09:00"));
    Engine full(hall, clock, test::shanghai());
    std::vector<Event> yesterday, today;
    logged(full.issue("A", Priority::Normal), yesterday);
    logged(full.issue("B", Priority::Green), yesterday);
    logged(full.call_next(1), yesterday);
    logged(full.call_next(1), yesterday);
    logged(full.finish(1), yesterday);  // A001 and B001 done
    clock.set(at("2026-11-26", "16:00"));
    size_t open_from = yesterday.size();
    logged(full.issue("A", Priority::Normal), yesterday);  // A002 still waits overnight

    clock.set(at("2026-11-27", "09:00"));
    logged(full.issue("A", Priority::Normal), today);
    logged(full.issue("B", Priority::Green), today);

    // A hub starting now replays from A002's issue (the oldest open ticket) and reads
    // the next id and the calls before it from its tables.
    Engine resumed(hall, clock, test::shanghai());
    History history{4, {}};
    for (const Call& c : full.recent_calls(100))
        history.calls.push_back({c, false, c.number == "B001"});
    resumed.resume(history);
    std::vector<Event> replay(yesterday.begin() + static_cast<std::ptrdiff_t>(open_from),
                              yesterday.end());
    replay.insert(replay.end(), today.begin(), today.end());
    for (const Event& e : replay) resumed.apply(e);

    CHECK(resumed.ticket(1) == nullptr);
    REQUIRE(resumed.ticket(3));
    CHECK(resumed.ticket(3)->status == TicketStatus::Waiting);
    CHECK(resumed.waiting_count("A") == full.waiting_count("A"));
    CHECK(resumed.waiting_ahead(4) == full.waiting_ahead(4));
    auto calls = resumed.recent_calls(100);
    REQUIRE(calls.size() == 2);
    CHECK(calls[0].number == "A001");
    CHECK(calls[1].number == "B001");

    // Both go on alike: the same next id and number, the same call order.
    TimePoint now = clock.now();
    Ticket a = issue(full, "A");
    clock.set(now);
    Ticket b = issue(resumed, "A");
    CHECK(a.id == 6);
    CHECK(b.id == 6);
    CHECK(a.number == b.number);
    // priority_one_in: yesterday's call of B001 makes window 1 take yesterday's A002 before
    // today's B001 (numbers start again each day: today's A001, B001, A002).
    for (const char* expected : {"A002", "B001", "A001", "A002"}) {
        CAPTURE(expected);
        CHECK(call(full, 1) == expected);
        CHECK(call(resumed, 1) == expected);
    }
}

TEST_CASE("a past day's numbers recalled from the tables keep leases and numbers unique") {
    ManualClock clock(at("2026-11-26", "09:00"));
    Engine full(test::small_hall(), clock, test::shanghai());
    Ticket a1 = issue(full, "A");
    auto lease = full.lease("A", 5);
    REQUIRE(lease.ok());
    const auto& block = std::get<NumbersLeased>(lease->events.at(0));
    clock.set(at("2026-11-27", "09:00"));

    // What the hub's tables say of 2026-11-26: A001 issued, one lease; nothing replayed.
    Engine resumed(test::small_hall(), clock, test::shanghai());
    resumed.resume({a1.id + 1, {}});
    resumed.recall_numbers({"A", "2026-11-26", {{block.first, block.count}}, {{"A001", a1.id}}});

    // A kiosk's offline ticket from yesterday's block is issued once under its number...
    TimePoint printed = at("2026-11-26", "16:00");
    auto first = resumed.issue_leased("A", Priority::Normal, "2026-11-26", block.first, printed);
    REQUIRE(first.ok());
    CHECK(first->ticket->number ==
          full.issue_leased("A", Priority::Normal, "2026-11-26", block.first, printed)
              ->ticket->number);
    CHECK(resumed.issue_leased("A", Priority::Normal, "2026-11-26", block.first, printed)
              .error()
              .code == "lease_unknown");
    // ...and an unknown one printed as yesterday's A001 is renumbered, as with the full log.
    auto adopted = resumed.adopt("A", Priority::Normal, "2026-11-26", 1, printed);
    auto adopted_full = full.adopt("A", Priority::Normal, "2026-11-26", 1, printed);
    REQUIRE(adopted.ok());
    CHECK(adopted->ticket->printed == "A001");
    CHECK(adopted->ticket->number == adopted_full->ticket->number);
    CHECK(adopted->ticket->id == adopted_full->ticket->id);
}

TEST_CASE("forgetting earlier days keeps open tickets; a forgotten no-show is restored to rejoin") {
    ManualClock clock(at("2026-11-26", "09:00"));
    Engine engine(test::small_hall(), clock, test::shanghai());
    Ticket done = issue(engine, "A");
    Ticket missed = issue(engine, "A");
    Ticket waiting = issue(engine, "A");
    CHECK(call(engine, 1) == done.number);
    CHECK(call(engine, 1) == missed.number);  // finishes A001
    REQUIRE(engine.no_show(1).ok());

    clock.set(at("2026-11-27", "09:00"));
    Ticket fresh = issue(engine, "A");
    CHECK(engine.forget_before("2026-11-27") == 2);
    CHECK(engine.ticket(done.id) == nullptr);
    CHECK(engine.ticket(missed.id) == nullptr);
    CHECK(engine.ticket(waiting.id) != nullptr);
    CHECK(engine.waiting_count("A") == 2);
    CHECK(call(engine, 1) == waiting.number);  // yesterday's waiting ticket is still first

    CHECK(engine.rejoin(missed.id).error().code == "ticket_unknown");
    Ticket stored = missed;
    stored.status = TicketStatus::NoShow;
    stored.window = 1;
    CHECK_FALSE(engine.restore(fresh));  // known already
    REQUIRE(engine.restore(stored));
    auto rejoined = engine.rejoin(missed.id);
    REQUIRE(rejoined.ok());
    CHECK(rejoined->ticket->status == TicketStatus::Waiting);
    CHECK(issue(engine, "A").id == fresh.id + 1);  // ids go on
}
