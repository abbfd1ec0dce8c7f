// The campus's monthly figures (common/pg/src/campus_schema.cpp) against a real PostgreSQL:
// migration 6 recounts waits and cases on time from the events already shipped, and
// campus.project then keeps them batch by batch — a ticket's first call only, in its issue's
// local month and unit; a promised case completed, on time unless it went overdue first;
// migration 7's per-batch plans count the same. And the office records' latest states
// (campus.apply_records).
#include <doctest/doctest.h>

#include "onestop/pg/campus_schema.h"
#include "pg_server.h"

using namespace onestop;
using namespace onestop::test;

namespace {

struct Shipped {
    pg::Connection& db;
    std::string hall;
    int64_t id = 0;

    // One event of the hall, as a shipper writes it (its payload is the event's data).
    void event(const std::string& at, const std::string& type, const std::string& unit,
               const std::string& payload) {
        auto added = db.query(
            "INSERT INTO campus.events (hall, id, at, type, unit, payload) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            {hall, std::to_string(++id), at, type, unit, payload});
        REQUIRE(added);
    }
};

// called, wait_ms, cases_completed, cases_on_time of the hall's unit JWC in `month`.
std::vector<int64_t> figures(pg::Connection& db, const std::string& month) {
    auto rows = db.query(
        "SELECT called, wait_ms, cases_completed, cases_on_time, tickets FROM campus.unit_months "
        "WHERE month = $1 AND unit = 'JWC'",
        {month});
    REQUIRE(rows);
    if (rows->size() != 1) return {};
    return {rows->integer(0, 0), rows->integer(0, 1), rows->integer(0, 2), rows->integer(0, 3),
            rows->integer(0, 4)};
}

}  // namespace

TEST_CASE("waits and cases on time: recounted by their migration, then kept by campus.project") {
    if (auto why = PgServer::missing()) {
        MESSAGE("skipped: " << *why);
        return;
    }
    PgServer server;
    auto db = server.connect();
    // The schema as it was before migration 6, with a hall's events shipped and counted.
    const auto& migrations = pg::campus_migrations();
    REQUIRE(migrations.size() >= 6);
    REQUIRE(db->exec("CREATE SCHEMA campus"));
    for (size_t v = 0; v < 5; ++v) REQUIRE(db->exec(migrations[v]));
    auto hall = db->query(
        "INSERT INTO campus.halls (hub_id, name, zone) VALUES ('h1', '测试大厅', "
        "'Asia/Shanghai') RETURNING id");
    REQUIRE(hall);
    REQUIRE(db->exec("SELECT campus.ensure_month('2026-11-01')"));
    Shipped hall_log{*db, hall->text(0, 0)};
    hall_log.event("2026-11-27T01:00:00Z", "ticket_issued", "JWC", R"({"id":1,"service":"A"})");
    hall_log.event("2026-11-27T01:01:00Z", "ticket_issued", "JWC", R"({"id":2,"service":"A"})");
    hall_log.event("2026-11-27T01:05:00Z", "ticket_called", "JWC", R"({"id":1,"window":1})");
    // Called again (after a transfer): not a wait of its own.
    hall_log.event("2026-11-27T01:20:00Z", "ticket_called", "XSC", R"({"id":1,"window":2})");
    hall_log.event("2026-11-27T01:11:00Z", "ticket_called", "JWC", R"({"id":2,"window":1})");
    hall_log.event("2026-11-27T01:12:00Z", "hub.case_completed", "JWC",
                   R"({"id":7,"unit":"JWC","mode":"deadline"})");
    hall_log.event("2026-11-28T00:00:00Z", "hub.case_overdue", "JWC",
                   R"({"id":8,"unit":"JWC","mode":"supplement"})");
    hall_log.event("2026-11-28T02:00:00Z", "hub.case_completed", "JWC",
                   R"({"id":8,"unit":"JWC","mode":"supplement"})");
    // An instant case promises no date: not counted.
    hall_log.event("2026-11-28T02:10:00Z", "hub.case_completed", "JWC",
                   R"({"id":9,"unit":"JWC","mode":"instant"})");
    REQUIRE(db->query("SELECT campus.project($1, 0, $2)",
                      {hall_log.hall, std::to_string(hall_log.id)}));
    REQUIRE(db->query("UPDATE campus.halls SET shipped_id = $1", {std::to_string(hall_log.id)}));

    REQUIRE(db->exec(migrations[5]));
    // Waits of 5 and 10 minutes; of two promised cases, one before it went overdue.
    CHECK(figures(*db, "2026-11") == std::vector<int64_t>{2, 900000, 2, 1, 2});

    // The next batches: a ticket issued at 00:30 on 1 December in the hall (16:30 UTC the day
    // before) counts in the hall's December, its call in a batch of its own.
    int64_t after = hall_log.id;
    hall_log.event("2026-11-30T16:30:00Z", "ticket_issued", "JWC", R"({"id":3,"service":"A"})");
    REQUIRE(db->query("SELECT campus.project($1, $2, $3)",
                      {hall_log.hall, std::to_string(after), std::to_string(hall_log.id)}));
    after = hall_log.id;
    hall_log.event("2026-11-30T16:33:30Z", "ticket_called", "JWC", R"({"id":3,"window":1})");
    REQUIRE(db->query("SELECT campus.project($1, $2, $3)",
                      {hall_log.hall, std::to_string(after), std::to_string(hall_log.id)}));
    CHECK(figures(*db, "2026-12") == std::vector<int64_t>{1, 210000, 0, 0, 1});
    CHECK(figures(*db, "2026-11") == std::vector<int64_t>{2, 900000, 2, 1, 2});

    // Migration 7 plans each batch for its own range: the same counts. A ticket issued in one
    // batch and called twice in the next (once counted), a case overdue then completed.
    REQUIRE(db->exec(migrations[6]));
    REQUIRE(db->exec("SELECT campus.ensure_month('2026-12-01')"));
    after = hall_log.id;
    hall_log.event("2026-12-01T01:00:00Z", "ticket_issued", "JWC", R"({"id":4,"service":"A"})");
    REQUIRE(db->query("SELECT campus.project($1, $2, $3)",
                      {hall_log.hall, std::to_string(after), std::to_string(hall_log.id)}));
    after = hall_log.id;
    hall_log.event("2026-12-01T01:02:00Z", "ticket_called", "JWC", R"({"id":4,"window":1})");
    hall_log.event("2026-12-01T01:09:00Z", "ticket_called", "JWC", R"({"id":4,"window":1})");
    hall_log.event("2026-12-02T00:00:00Z", "hub.case_overdue", "JWC",
                   R"({"id":10,"unit":"JWC","mode":"deadline"})");
    hall_log.event("2026-12-02T01:00:00Z", "hub.case_completed", "JWC",
                   R"({"id":10,"unit":"JWC","mode":"deadline"})");
    hall_log.event("2026-12-02T01:30:00Z", "hub.case_completed", "JWC",
                   R"({"id":11,"unit":"JWC","mode":"deadline"})");
    REQUIRE(db->query("SELECT campus.project($1, $2, $3)",
                      {hall_log.hall, std::to_string(after), std::to_string(hall_log.id)}));
    CHECK(figures(*db, "2026-12") == std::vector<int64_t>{2, 330000, 2, 1, 2});
}

TEST_CASE("office records: each record's latest state, whatever order the batches bring") {
    if (auto why = PgServer::missing()) {
        MESSAGE("skipped: " << *why);
        return;
    }
    PgServer server;
    auto db = server.connect();
    REQUIRE(pg::migrate_campus(*db));
    auto hall = db->query(
        "INSERT INTO campus.halls (hub_id, name, zone) VALUES ('h1', '测试大厅', "
        "'Asia/Shanghai') RETURNING id");
    REQUIRE(hall);
    const std::string h = hall->text(0, 0);
    auto change = [&](int id, const std::string& kind, const std::string& record,
                      const std::string& state) {
        REQUIRE(
            db->query("INSERT INTO campus.record_changes (hall, id, at, kind, record, state) "
                      "VALUES ($1, $2, now(), $3, $4, $5)",
                      {h, std::to_string(id), kind, record, state}));
    };
    auto state = [&](const std::string& kind, const std::string& record) {
        auto row = db->query(
            "SELECT state->>'status', change_id FROM campus.records "
            "WHERE hall = $1 AND kind = $2 AND record = $3",
            {h, kind, record});
        REQUIRE(row);
        return row->size() ? row->text(0, 0) + "@" + row->text(0, 1) : std::string("none");
    };
    // One batch: case 1 opened and completed (the later state wins), complaint 1 filed.
    change(1, "case", "1", R"({"status":"accepted"})");
    change(2, "complaint", "1", R"({"status":"open"})");
    change(3, "case", "1", R"({"status":"completed"})");
    REQUIRE(db->query("SELECT campus.apply_records($1, 0, 3)", {h}));
    CHECK(state("case", "1") == "completed@3");
    CHECK(state("complaint", "1") == "open@2");
    // The next batch answers the complaint; a batch applied again changes nothing back.
    change(4, "complaint", "1", R"({"status":"answered"})");
    REQUIRE(db->query("SELECT campus.apply_records($1, 3, 4)", {h}));
    REQUIRE(db->query("SELECT campus.apply_records($1, 0, 2)", {h}));
    CHECK(state("complaint", "1") == "answered@4");
    CHECK(state("case", "1") == "completed@3");
    CHECK(state("case", "2") == "none");
}
