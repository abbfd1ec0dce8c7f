// Upgrades keep the hall's data. Each tests/store/fixtures/schema_vN.sql is a database that the
// hub of schema N made through its own command line and HTTP API (scripts/schema-fixtures): its
// tokens, a staff member (an office account from schema 5), five tickets, two served and rated
// (5, and 1 with a reason), one no-show (a case from schema 9). Today's hub starts on each: the
// database ends with the schema of a new one (the same tables, columns, indexes, triggers), and
// the hub serves on what it held — the tickets as they were, the ratings and follow-ups, the old
// tokens, PIN and password, a kiosk's repeated request, the day's numbering (the next A is A004).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "hub_fixture.h"
#include "onestop/store/database.h"
#include "onestop/store/hub_store.h"

using namespace onestop;
using namespace onestop::test;
namespace fs = std::filesystem;

namespace {

struct SchemaFixture {
    int version = 0;
    std::string sql;
    std::map<std::string, std::string> tokens;  // role → token, from the header
};

// Every fixture file, oldest schema first.
std::vector<SchemaFixture> schema_fixtures() {
    std::vector<SchemaFixture> out;
    const std::regex name(R"(schema_v(\d+)\.sql)");
    for (const auto& entry : fs::directory_iterator(ONESTOP_SOURCE_DIR "/tests/store/fixtures")) {
        std::smatch m;
        const std::string file = entry.path().filename().string();
        if (!std::regex_match(file, m, name)) continue;
        SchemaFixture f;
        f.version = std::stoi(m[1]);
        std::ifstream in(entry.path());
        std::stringstream text;
        text << in.rdbuf();
        f.sql = text.str();
        const std::regex token(R"(-- token (\w+): (\S+))");
        for (std::sregex_iterator it(f.sql.begin(), f.sql.end(), token), end; it != end; ++it)
            f.tokens[(*it)[1]] = (*it)[2];
        out.push_back(std::move(f));
    }
    std::sort(out.begin(), out.end(),
              [](const auto& a, const auto& b) { return a.version < b.version; });
    return out;
}

std::unique_ptr<store::Database> open(const fs::path& file) {
    auto db = store::Database::open(file);
    REQUIRE_MESSAGE(db, file.string());
    return std::move(*db);
}

// The rows of a query, each as its columns' text joined by " | " (NULL as "").
std::vector<std::string> rows(store::Database& db, const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(db.handle(), sql.c_str(), -1, &st, nullptr) == SQLITE_OK,
                    sql, ": ", sqlite3_errmsg(db.handle()));
    std::vector<std::string> out;
    while (sqlite3_step(st) == SQLITE_ROW) {
        std::string row;
        for (int c = 0; c < sqlite3_column_count(st); ++c) {
            auto text = reinterpret_cast<const char*>(sqlite3_column_text(st, c));
            row += (c ? " | " : "") + std::string(text ? text : "");
        }
        out.push_back(row);
    }
    sqlite3_finalize(st);
    return out;
}

// What a database's schema holds: every table with its columns, every index and trigger.
std::set<std::string> schema_of(store::Database& db) {
    std::set<std::string> out;
    for (const std::string& entry : rows(db,
                                         "SELECT type || ' ' || name FROM sqlite_master WHERE "
                                         "name NOT LIKE 'sqlite_%' ORDER BY name")) {
        out.insert(entry);
        if (!entry.starts_with("table ")) continue;
        const std::string table = entry.substr(6);
        for (const std::string& column :
             rows(db,
                  "SELECT name || ' ' || type || ' ' || \"notnull\" || ' ' || "
                  "ifnull(dflt_value, '') FROM pragma_table_info('" +
                      table + "')"))
            out.insert(table + "." + column);
    }
    return out;
}

}  // namespace

TEST_CASE("a fixture for every earlier schema version") {
    const int now = static_cast<int>(store::hub_migrations().size());
    std::set<int> have;
    for (const auto& f : schema_fixtures()) have.insert(f.version);
    for (int v = 1; v < now; ++v)
        CHECK_MESSAGE(have.count(v), "no tests/store/fixtures/schema_v", v,
                      ".sql: make it with scripts/schema-fixtures ", v);
}

TEST_CASE("today's hub migrates each earlier database and serves its data on") {
    TempDir dir;
    const std::string hall = ONESTOP_SOURCE_DIR "/assets/halls/default.toml";
    HubProcess fresh(HubOptions{dir / "fresh.db", {}, hall, {}});
    fresh.init();
    const std::set<std::string> new_schema = schema_of(*open(dir / "fresh.db"));
    const int now = static_cast<int>(store::hub_migrations().size());

    for (const SchemaFixture& fixture : schema_fixtures()) {
        CAPTURE(fixture.version);
        const fs::path file = dir / ("v" + std::to_string(fixture.version) + ".db");
        std::vector<std::string> tickets, ratings, followups;
        {
            auto db = open(file);
            REQUIRE(db->exec(fixture.sql));
            CHECK(db->user_version() == fixture.version);
            tickets = rows(*db, "SELECT id, number, service, status FROM tickets ORDER BY id");
            ratings = rows(
                *db, "SELECT ticket, level, reasons, comment FROM evaluations ORDER BY ticket");
            followups = rows(*db, "SELECT ticket, unit, status FROM followups ORDER BY ticket");
        }
        // The morning the fixture script played: priority A003 served first and rated 5, A001
        // rated 1 with a reason, A002 no-show, C001 (not window 1's) waiting.
        CHECK(tickets == std::vector<std::string>{"1 | A001 | A | done", "2 | A002 | A | no_show",
                                                  fixture.version >= 9 ? "3 | B001 | B | called"
                                                                       : "3 | B001 | B | waiting",
                                                  "4 | A003 | A | done", "5 | C001 | C | waiting"});
        CHECK(ratings ==
              std::vector<std::string>{"1 | 1 | [\"long_wait\"] | 等了很久", "4 | 5 | [] | 很快"});
        CHECK(followups == std::vector<std::string>{"1 | JWC | open"});  // the bad rating's

        HubProcess hub(HubOptions{file, "2026-11-27T10:00:00+08:00", hall, {}});
        hub.start();
        httplib::Client c("127.0.0.1", hub.port());
        auto bearer = [&](const std::string& role) {
            return httplib::Headers{{"Authorization", "Bearer " + fixture.tokens.at(role)}};
        };
        for (const std::string& row : tickets) {
            const std::string id = row.substr(0, row.find(' '));
            Answer a = to_answer(c.Get("/api/v1/tickets/" + id, bearer("admin")));
            REQUIRE(a.status == 200);
            CHECK(row.find(" | " + a.body["ticket"]["number"].get<std::string>() + " | ") !=
                  std::string::npos);
            CHECK(row.ends_with(" | " + a.body["ticket"]["status"].get<std::string>()));
        }
        // The kiosk's token still issues: a repeated request is the same ticket, a new one the
        // day's next number.
        const std::string ticket_body = R"({"service":"A","priority":false,"request_id":")";
        Answer again = to_answer(c.Post("/api/v1/tickets", bearer("kiosk"),
                                        ticket_body + "fixture-1\"}", "application/json"));
        CHECK(again.status == 200);
        CHECK(again.body["ticket"]["id"] == 1);
        Answer next = to_answer(c.Post("/api/v1/tickets", bearer("kiosk"),
                                       ticket_body + "after-upgrade\"}", "application/json"));
        CHECK(next.status == 201);
        CHECK(next.body["ticket"]["number"] == "A004");
        // The counter's token with the staff member's PIN.
        Answer session =
            to_answer(c.Post("/api/v1/sessions", bearer("counter"),
                             R"({"window":1,"staff":"S001","pin":"2468"})", "application/json"));
        CHECK(session.status == 201);
        if (fixture.version >= 5) {
            Answer login = to_answer(c.Post("/api/v1/login",
                                            R"({"login":"office","password":"fixture-password-1"})",
                                            "application/json"));
            CHECK(login.status == 200);
        }
        if (fixture.version >= 9) {
            Answer cases = to_answer(c.Get("/api/v1/cases", bearer("admin")));
            REQUIRE(cases.status == 200);
            REQUIRE(cases.body["cases"].size() == 1);
            CHECK(cases.body["cases"][0]["ticket"] == 3);
            CHECK(cases.body["cases"][0]["status"] == "accepted");
        }
        CHECK(hub.terminate() == 0);

        auto db = open(file);
        CHECK(db->user_version() == now);
        CHECK(schema_of(*db) == new_schema);
        auto after = rows(*db, "SELECT id, number, service, status FROM tickets ORDER BY id");
        REQUIRE(after.size() == tickets.size() + 1);
        CHECK(std::equal(tickets.begin(), tickets.end(), after.begin()));
        CHECK(
            rows(*db, "SELECT ticket, level, reasons, comment FROM evaluations ORDER BY ticket") ==
            ratings);
        CHECK(rows(*db, "SELECT ticket, unit, status FROM followups ORDER BY ticket") == followups);
        // Migration 13 logged each record the hall had once, for the campus shipper.
        CHECK(
            rows(*db,
                 "SELECT kind, record FROM record_changes WHERE kind IN ('followup', 'rating', "
                 "'case') ORDER BY id") ==
            (fixture.version >= 9
                 ? std::vector<std::string>{"case | 1", "followup | 1", "rating | 1", "rating | 4"}
                 : std::vector<std::string>{"followup | 1", "rating | 1", "rating | 4"}));
    }
}

TEST_CASE("a database from a newer hub is refused and left as it was") {
    TempDir dir;
    HubProcess made(HubOptions{dir / "newer.db", {}, {}, {}});
    made.init();
    const int newer = static_cast<int>(store::hub_migrations().size()) + 1;
    REQUIRE(open(dir / "newer.db")->exec("PRAGMA user_version = " + std::to_string(newer)));
    for (const std::vector<std::string>& command :
         {std::vector<std::string>{"serve", "--db", (dir / "newer.db").string(), "--listen",
                                   "127.0.0.1:0"},
          {"token", "list", "--db", (dir / "newer.db").string()}}) {
        RunResult r = hub_cli(command);
        CHECK(r.status == 1);
        CHECK(r.err.find("was made by a newer onestop-hub (schema " + std::to_string(newer)) !=
              std::string::npos);
    }
    CHECK(open(dir / "newer.db")->user_version() == newer);
}
