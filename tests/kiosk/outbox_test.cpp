#include <doctest/doctest.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "outbox.h"
#include "temp_dir.h"

using onestop::kiosk::FollowUp;
using onestop::kiosk::KioskState;
using onestop::kiosk::LeaseBlock;
using onestop::kiosk::settles;

TEST_CASE("outbox: leased numbers are handed out once, in order, and survive reopening") {
    onestop::test::TempDir dir;
    auto path = dir / "state.db";
    {
        auto st = KioskState::open(path);
        REQUIRE(st.ok());
        CHECK(st->remaining("A", "2026-11-27").value() == 0);
        auto none = st->issue_offline("A", "2026-11-27", "r0", R"({"service":"A"})",
                                      "2026-11-27T09:00:00+08:00");
        REQUIRE_FALSE(none.ok());
        CHECK(none.error().code == "no_lease");
        CHECK(st->pending_count().value() == 0);  // nothing queued for a number never given

        REQUIRE(st->add_lease({"A", "2026-11-27", 101, 2}, "hub-1").ok());
        REQUIRE(st->add_lease({"A", "2026-11-26", 50, 5}, "hub-1")
                    .ok());  // yesterday's: not used today
        CHECK(st->remaining("A", "2026-11-27").value() == 2);
        auto a = st->issue_offline("A", "2026-11-27", "r1",
                                   R"({"service":"A","priority":false,"request_id":"r1"})",
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

    auto items = st->pending().value();
    REQUIRE(items.size() == 3);
    CHECK(items[0].request_id == "r1");
    CHECK(items[1].kind == "rating");
    CHECK(items[2].request_id == "r3");
    auto body = nlohmann::json::parse(items[0].body);
    CHECK(body["leased"]["sequence"] == 101);
    CHECK(body["leased"]["service_day"] == "2026-11-27");
    CHECK(body["issued_at"] == "2026-11-27T09:01:00+08:00");
    CHECK(body["request_id"] == "r1");
    CHECK(body["leased"]["hub_id"] == "hub-1");  // which database's block it came from

    REQUIRE(st->mark_done(items[0].seq, "201").ok());
    CHECK(st->pending_count().value() == 2);
    CHECK(st->pending().value().front().request_id == "r2");
    // The same request_id cannot be queued twice.
    CHECK_FALSE(st->enqueue("rating", "r2", "{}").ok());
}

TEST_CASE("outbox: key-value cache") {
    onestop::test::TempDir dir;
    auto st = KioskState::open(dir / "s.db");
    REQUIRE(st.ok());
    CHECK_FALSE(st->get("services").value().has_value());
    REQUIRE(st->put("services", "[1]").ok());
    REQUIRE(st->put("services", "[2]").ok());
    CHECK(*st->get("services").value() == "[2]");
}

TEST_CASE("outbox: blocks the hub does not list, or of another database, are dropped") {
    onestop::test::TempDir dir;
    auto st = KioskState::open(dir / "state.db");
    REQUIRE(st.ok());
    LeaseBlock a{"A", "2026-11-27", 980, 20}, b{"B", "2026-11-27", 980, 20},
        c{"C", "2026-11-27", 960, 20};
    REQUIRE(st->add_lease(a, "hub-1").ok());
    REQUIRE(st->add_lease(b, "hub-1").ok());
    REQUIRE(st->add_lease(c, "hub-0").ok());
    REQUIRE(st->issue_offline("A", "2026-11-27", "r1", R"({"service":"A"})", "t").ok());

    // hub-1 lists A only: B (forgotten, e.g. a restored database) and C (another database) go.
    auto dropped = st->keep_leases("hub-1", {a});
    REQUIRE(dropped.ok());
    CHECK(*dropped == 2);
    auto held = st->leases().value();
    REQUIRE(held.size() == 1);
    CHECK(held[0].block == a);
    CHECK(held[0].hub_id == "hub-1");
    CHECK(held[0].next == 981);
    CHECK(st->remaining("B", "2026-11-27").value() == 0);
    CHECK(*st->keep_leases("hub-1", {a}) == 0);
    // Another database knows none of them.
    CHECK(*st->keep_leases("hub-2", {a}) == 1);
    CHECK(st->leases().value().empty());
    CHECK(st->pending_count().value() == 1);  // the ticket already handed out still goes to the hub
}

TEST_CASE("outbox: the same block leased again keeps its place; another database's starts afresh") {
    onestop::test::TempDir dir;
    auto st = KioskState::open(dir / "state.db");
    REQUIRE(st.ok());
    LeaseBlock a{"A", "2026-11-27", 980, 20};
    REQUIRE(st->add_lease(a, "hub-1").ok());
    REQUIRE(st->issue_offline("A", "2026-11-27", "r1", R"({"service":"A"})", "t").ok());
    REQUIRE(st->add_lease(a, "hub-1").ok());  // a database that lost its first grant
    CHECK(st->leases().value().at(0).next == 981);
    REQUIRE(st->add_lease(a, "hub-2").ok());
    CHECK(st->leases().value().at(0).next == 980);
    CHECK(st->leases().value().at(0).hub_id == "hub-2");
    auto n = st->issue_offline("A", "2026-11-27", "r2", R"({"service":"A"})", "t");
    REQUIRE(n.ok());
    CHECK(n->sequence == 980);
    CHECK(nlohmann::json::parse(st->pending().value().back().body)["leased"]["hub_id"] == "hub-2");
}

TEST_CASE(
    "outbox: a state file from before hub identities keeps its outbox, its blocks go at the next "
    "contact") {
    onestop::test::TempDir dir;
    auto path = dir / "old.db";
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(path.c_str(), &db) == SQLITE_OK);
        const char* old_schema =
            "CREATE TABLE kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "CREATE TABLE leases(service TEXT NOT NULL, service_day TEXT NOT NULL,"
            "  first INTEGER NOT NULL, count INTEGER NOT NULL, next INTEGER NOT NULL,"
            "  PRIMARY KEY(service, service_day, first));"
            "CREATE TABLE outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            "  kind TEXT NOT NULL, request_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,"
            "  done INTEGER NOT NULL DEFAULT 0, result TEXT);"
            "INSERT INTO leases VALUES('A', '2026-11-27', 980, 20, 982);"
            "INSERT INTO outbox(kind, request_id, body) VALUES('ticket', 'r1', '{}');";
        REQUIRE(sqlite3_exec(db, old_schema, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    auto st = KioskState::open(path);
    REQUIRE_MESSAGE(st.ok(), st.error().message);
    auto held = st->leases().value();
    REQUIRE(held.size() == 1);
    CHECK(held[0].hub_id.empty());
    CHECK(held[0].next == 982);
    CHECK(st->pending_count().value() == 1);
    CHECK(*st->keep_leases("hub-1", {held[0].block}) == 1);
    CHECK(KioskState::open(path).ok());  // opening again migrates nothing twice
}

TEST_CASE("outbox: an item answered queues its follow-up once, in the same step") {
    onestop::test::TempDir dir;
    auto st = KioskState::open(dir / "state.db");
    REQUIRE(st.ok());
    auto seq = st->enqueue("ticket", "r1", "{}");
    REQUIRE(seq.ok());
    FollowUp alert{"alert", "ticket_renumbered:r1", R"({"kind":"ticket_renumbered"})"};
    REQUIRE(st->mark_done(*seq, "201", alert).ok());
    // The same answer again (a crash before the alert went out, a repeated replay): one alert.
    REQUIRE(st->mark_done(*seq, "200", alert).ok());
    auto items = st->pending().value();
    REQUIRE(items.size() == 1);
    CHECK(items[0].kind == "alert");
    CHECK(items[0].request_id == "ticket_renumbered:r1");
}

TEST_CASE(
    "outbox: only an answer about the item settles it; the hub's trouble does not drop a ticket") {
    for (long status : {200L, 201L, 400L, 403L, 404L, 409L, 413L, 422L}) {
        CAPTURE(status);
        CHECK(settles(status));
    }
    for (long status : {401L, 408L, 429L, 500L, 502L, 503L}) {
        CAPTURE(status);
        CHECK_FALSE(settles(status));
    }
}

TEST_CASE("outbox: a state file that is not a database is refused with the reason, not half used") {
    onestop::test::TempDir dir;
    auto path = dir / "kiosk-state.db";
    std::ofstream(path) << "this is a printer log, not the kiosk's state\n";
    auto st = KioskState::open(path);
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("not a database") != std::string::npos);
}
