#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "outbox.h"
#include "temp_dir.h"

using onestop::kiosk::KioskState;

TEST_CASE("outbox: leased numbers are handed out once, in order, and survive reopening") {
    onestop::test::TempDir dir;
    auto path = dir / "state.db";
    {
        auto st = KioskState::open(path);
        REQUIRE(st.ok());
        CHECK(st->remaining("A", "2026-11-27") == 0);
        auto none = st->issue_offline("A", "2026-11-27", "r0", R"({"service":"A"})", "2026-11-27T09:00:00+08:00");
        REQUIRE_FALSE(none.ok());
        CHECK(none.error().code == "no_lease");
        CHECK(st->pending_count() == 0);  // nothing queued for a number never given

        REQUIRE(st->add_lease("A", "2026-11-27", 101, 2).ok());
        REQUIRE(st->add_lease("A", "2026-11-26", 50, 5).ok());  // yesterday's: not used today
        CHECK(st->remaining("A", "2026-11-27") == 2);
        auto a = st->issue_offline("A", "2026-11-27", "r1", R"({"service":"A","priority":false,"request_id":"r1"})",
                                   "2026-11-27T09:01:00+08:00");
        REQUIRE(a.ok());
        CHECK(a->sequence == 101);
        REQUIRE(st->enqueue("rating", "r2", R"({"ticket":7,"level":5})").ok());
    }
    auto st = KioskState::open(path);
    REQUIRE(st.ok());
    auto b = st->issue_offline("A", "2026-11-27", "r3", R"({"service":"A","request_id":"r3"})",
                               "2026-11-27T09:02:00+08:00");
    REQUIRE(b.ok());
    CHECK(b->sequence == 102);
    CHECK_FALSE(st->issue_offline("A", "2026-11-27", "r4", R"({"service":"A"})", "x").ok());

    auto items = st->pending();
    REQUIRE(items.size() == 3);
    CHECK(items[0].request_id == "r1");
    CHECK(items[1].kind == "rating");
    CHECK(items[2].request_id == "r3");
    auto body = nlohmann::json::parse(items[0].body);
    CHECK(body["leased"]["sequence"] == 101);
    CHECK(body["leased"]["service_day"] == "2026-11-27");
    CHECK(body["issued_at"] == "2026-11-27T09:01:00+08:00");
    CHECK(body["request_id"] == "r1");

    REQUIRE(st->mark_done(items[0].seq, "201").ok());
    CHECK(st->pending_count() == 2);
    CHECK(st->pending().front().request_id == "r2");
    // The same request_id cannot be queued twice.
    CHECK_FALSE(st->enqueue("rating", "r2", "{}").ok());
}

TEST_CASE("outbox: key-value cache") {
    onestop::test::TempDir dir;
    auto st = KioskState::open(dir / "s.db");
    REQUIRE(st.ok());
    CHECK_FALSE(st->get("services").has_value());
    REQUIRE(st->put("services", "[1]").ok());
    REQUIRE(st->put("services", "[2]").ok());
    CHECK(*st->get("services") == "[2]");
}
