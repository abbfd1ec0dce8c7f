// Bounded history without HTTP: what load_state() holds in memory after earlier days, and
// what a running hub forgets at its first write of a new day.
#include <doctest/doctest.h>

#include "commands.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::hub;

namespace {

struct Day {
    Day() : clock(*parse_iso8601("2026-11-27T09:00:00+08:00")) {
        REQUIRE(set_time_zone("Asia/Shanghai").ok());
        auto loaded = config::load_hall(ONESTOP_TEST_HALL);
        REQUIRE(loaded.ok());
        hall = *loaded;
        auto opened = store::HubStore::open(dir / "h.db");
        REQUIRE(opened.ok());
        store = std::move(*opened);
        state = load();
    }
    std::unique_ptr<HubState> load() {
        auto loaded = load_state(*store, hall, clock, zone);
        REQUIRE_MESSAGE(loaded.ok(), loaded.error().message);
        return std::move(*loaded);
    }
    template <typename F>
    Reply run(F&& command) {
        std::vector<Published> outbox;
        WriteContext ctx(*store, *state, clock, outbox);
        Reply reply = command(ctx);
        REQUIRE_FALSE(ctx.failed());
        return reply;
    }
    int64_t issue() {
        IssueRequest req;
        req.device = 1;
        req.service = "A";
        req.request_id = "r" + std::to_string(++requests);
        Reply r = run([&](WriteContext& c) { return issue_ticket(c, req); });
        REQUIRE(r.status == 201);
        return nlohmann::json::parse(r.body)["ticket"]["id"].get<int64_t>();
    }
    void window(WindowAction action) {
        WindowRequest req;
        req.window = 1;
        req.action = action;
        Reply r = run([&](WriteContext& c) { return window_action(c, req); });
        REQUIRE(r.status < 400);
    }

    test::TempDir dir;
    ManualClock clock;
    TimeZone zone = *TimeZone::named("Asia/Shanghai");
    queue::Hall hall;
    std::unique_ptr<store::HubStore> store;
    std::unique_ptr<HubState> state;
    int requests = 0;
};

}  // namespace

TEST_CASE("a start on a later day holds the tickets still open, not the closed ones") {
    Day d;
    int64_t done = d.issue();
    int64_t missed = d.issue();
    d.clock.advance(std::chrono::minutes(5));
    d.window(WindowAction::CallNext);
    d.window(WindowAction::CallNext);  // finishes `done`
    d.window(WindowAction::NoShow);
    d.clock.advance(std::chrono::minutes(5));
    int64_t open = d.issue();  // still waiting at closing
    CHECK(d.state->records.size() == 3);

    d.clock.set(*parse_iso8601("2026-11-30T09:00:00+08:00"));
    auto later = d.load();
    CHECK(later->engine.ticket(done) == nullptr);
    CHECK(later->engine.ticket(missed) == nullptr);
    REQUIRE(later->engine.ticket(open) != nullptr);
    CHECK(later->engine.waiting_count("A") == 1);
    CHECK(later->records.size() == 1);
    CHECK(later->requests.size() == 1);
    CHECK(later->tickets_issued == 3);
    CHECK(later->calls == 2);
    CHECK(later->engine.recent_calls(10).size() == 2);  // the board still shows Friday's calls

    // A rejoin of Friday's no-show reads it back, and the next start replays from its issue.
    d.state = std::move(later);
    Reply rejoined = d.run([&](WriteContext& c) { return rejoin_ticket(c, missed); });
    CHECK(rejoined.status == 200);
    auto again = d.load();
    REQUIRE(again->engine.ticket(missed) != nullptr);
    CHECK(again->engine.ticket(missed)->status == queue::TicketStatus::Waiting);
    CHECK(again->engine.waiting_count("A") == 2);
}

TEST_CASE("a running hub forgets earlier days' closed tickets at its first write of a new day") {
    Day d;
    int64_t done = d.issue();
    int64_t open = d.issue();
    d.window(WindowAction::CallNext);
    d.window(WindowAction::Finish);
    d.state->trim(d.clock.now());
    CHECK(d.state->engine.ticket(done) != nullptr);  // still Friday: nothing to forget

    d.clock.set(*parse_iso8601("2026-11-30T09:00:00+08:00"));
    d.state->trim(d.clock.now());
    CHECK(d.state->engine.ticket(done) == nullptr);
    CHECK(d.state->records.count(done) == 0);
    CHECK(d.state->requests.size() == 1);
    CHECK(d.state->engine.ticket(open) != nullptr);
    // Asked for again, it is read back from the tables.
    Reply rating = d.run([&](WriteContext& c) {
        return evaluate(c, {done, 5, {}, "", "admin", 0});
    });
    CHECK(rating.status == 201);
    CHECK(d.state->evaluated.count(done) == 1);
}
