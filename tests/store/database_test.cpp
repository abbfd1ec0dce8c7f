#include <doctest/doctest.h>

#include "onestop/store/database.h"
#include "onestop/store/hub_store.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::store;

TEST_CASE("a new database is in WAL mode with full synchronous commits") {
    test::TempDir dir;
    auto db = Database::open(dir / "x.db");
    REQUIRE(db.ok());
    auto mode = (*db)->prepare("PRAGMA journal_mode");
    REQUIRE(mode.ok());
    REQUIRE(*(*mode)->step());
    CHECK((*mode)->column_text(0) == "wal");
    auto sync = (*db)->prepare("PRAGMA synchronous");
    REQUIRE(*(*sync)->step());
    CHECK((*sync)->column_int(0) == 2);  // FULL
}

TEST_CASE("migrations run once each and record the version") {
    test::TempDir dir;
    std::vector<std::string> steps = {"CREATE TABLE a (x INTEGER);", "CREATE TABLE b (y INTEGER);"};
    {
        auto db = Database::open(dir / "m.db");
        REQUIRE(db.ok());
        CHECK((*db)->user_version() == 0);
        REQUIRE((*db)->migrate({steps[0]}).ok());
        CHECK((*db)->user_version() == 1);
    }
    auto db = Database::open(dir / "m.db");
    REQUIRE(db.ok());
    // Version 1 is not run again (it would fail: table a exists); version 2 is added.
    REQUIRE((*db)->migrate(steps).ok());
    CHECK((*db)->user_version() == 2);
    REQUIRE((*db)->exec("INSERT INTO b (y) VALUES (1)").ok());
}

TEST_CASE("a failing migration leaves the schema and version as they were") {
    test::TempDir dir;
    auto db = Database::open(dir / "f.db");
    REQUIRE(db.ok());
    auto st = (*db)->migrate({"CREATE TABLE ok1 (x INTEGER);",
                              "CREATE TABLE ok2 (x INTEGER); SELECT nonsense FROM nowhere;"});
    CHECK_FALSE(st.ok());
    CHECK(st.error().code == "migration_failed");
    CHECK((*db)->user_version() == 1);
    auto probe = (*db)->prepare("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ok2'");
    REQUIRE(probe.ok());
    REQUIRE(*(*probe)->step());
    CHECK((*probe)->column_int(0) == 0);
}

TEST_CASE("the hub schema reaches the latest version and reopening changes nothing") {
    test::TempDir dir;
    {
        auto store = HubStore::open(dir / "hub.db");
        REQUIRE(store.ok());
        CHECK((*store)->db().user_version() == static_cast<int>(hub_migrations().size()));
    }
    auto store = HubStore::open(dir / "hub.db");
    REQUIRE(store.ok());
    CHECK((*store)->db().user_version() == static_cast<int>(hub_migrations().size()));
}

TEST_CASE(
    "every hub database has its own identity, kept across reopening and made for older ones") {
    test::TempDir dir;
    std::string first;
    {
        auto store = HubStore::open(dir / "one.db");
        REQUIRE(store.ok());
        auto id = (*store)->hub_id();
        REQUIRE(id.ok());
        CHECK(id->size() == 32);
        CHECK(id->find_first_not_of("0123456789abcdef") == std::string::npos);
        first = *id;
    }
    auto again = HubStore::open(dir / "one.db");
    REQUIRE(again.ok());
    CHECK(*(*again)->hub_id() == first);
    auto other = HubStore::open(dir / "two.db");
    REQUIRE(other.ok());
    CHECK(*(*other)->hub_id() != first);

    // A database of schema 1 (before identities) gets one when it is migrated.
    {
        auto old = Database::open(dir / "old.db");
        REQUIRE(old.ok());
        REQUIRE((*old)->migrate({hub_migrations().front()}).ok());
        REQUIRE((*old)->exec("INSERT INTO meta (key, value) VALUES ('hall_toml', 'x')").ok());
    }
    auto migrated = HubStore::open(dir / "old.db");
    REQUIRE(migrated.ok());
    auto id = (*migrated)->hub_id();
    REQUIRE(id.ok());
    CHECK(id->size() == 32);
    CHECK(*id != first);
    CHECK(*(*migrated)->hall_text() == std::optional<std::string>("x"));
}

TEST_CASE("rollback undoes a transaction; constraint errors are reported") {
    test::TempDir dir;
    auto db = Database::open(dir / "r.db");
    REQUIRE(db.ok());
    REQUIRE((*db)->exec("CREATE TABLE t (k TEXT PRIMARY KEY)").ok());
    REQUIRE((*db)->begin().ok());
    auto ins = (*db)->prepare("INSERT INTO t (k) VALUES (?)");
    REQUIRE(ins.ok());
    REQUIRE((*ins)->bind(1, "a").run().ok());
    auto dup = (*ins)->reset().bind(1, "a").run();
    CHECK_FALSE(dup.ok());
    CHECK(dup.error().code == "constraint");
    REQUIRE((*db)->rollback().ok());
    auto count = (*db)->prepare("SELECT COUNT(*) FROM t");
    REQUIRE(*(*count)->step());
    CHECK((*count)->column_int(0) == 0);
}
