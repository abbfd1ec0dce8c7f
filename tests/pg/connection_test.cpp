// The libpq wrapper against a real PostgreSQL: COPY's text format carries any text the halls
// log (tabs, line breaks, backslashes, NULLs, Chinese) unchanged, errors are values, and a
// server that went away is told apart from a statement it refused.
#include <doctest/doctest.h>

#include "onestop/base/error_codes.h"
#include "pg_server.h"

using namespace onestop;
using namespace onestop::test;

TEST_CASE("COPY round-trips awkward text; errors say whether the connection is gone") {
    if (auto why = PgServer::missing()) {
        MESSAGE("skipped: " << *why);
        return;
    }
    PgServer server;
    auto db = server.connect();
    REQUIRE(db->exec("CREATE TABLE t (id int, text text, doc jsonb)"));

    const std::vector<std::optional<std::string>> texts = {
        "tab\there", "line\nbreak\r\n", "back\\slash \\N \\t", std::nullopt, "", "大厅 ✓ 🎫"};
    std::string rows;
    for (size_t i = 0; i < texts.size(); ++i) {
        pg::copy_field(rows, std::to_string(i));
        rows += '\t';
        pg::copy_field(rows, texts[i]);
        rows += '\t';
        // A JSON document whose string holds the same characters, escaped as JSON escapes them.
        pg::copy_field(rows, std::string(R"({"s":"a\tb\nc\\d\"e"})"));
        rows += '\n';
    }
    REQUIRE(db->copy_in("COPY t (id, text, doc) FROM STDIN", rows));
    auto back = db->query("SELECT id, text, doc->>'s' FROM t ORDER BY id");
    REQUIRE(back);
    REQUIRE(back->size() == static_cast<int>(texts.size()));
    for (int i = 0; i < back->size(); ++i) {
        CHECK(back->null(i, 1) == !texts[i].has_value());
        if (texts[i]) CHECK(back->text(i, 1) == *texts[i]);
        CHECK(back->text(i, 2) == "a\tb\nc\\d\"e");
    }

    // A refused statement: campus_sql, and the connection still works.
    auto refused = db->query("SELECT * FROM no_such_table");
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == errc::campus_sql);
    CHECK(refused.error().message.find("no_such_table") != std::string::npos);
    auto bad_copy = db->copy_in("COPY t (id, text, doc) FROM STDIN", "x\ty\tz\n");
    REQUIRE_FALSE(bad_copy);
    CHECK(bad_copy.error().code == errc::campus_sql);
    CHECK(db->ok());
    CHECK(db->query("SELECT count(*) FROM t")->integer(0, 0) == static_cast<int64_t>(texts.size()));

    // The server goes away: campus_unreachable, and the connection says it is gone.
    server.stop();
    auto gone = db->query("SELECT 1");
    REQUIRE_FALSE(gone);
    CHECK(gone.error().code == errc::campus_unreachable);
    CHECK_FALSE(db->ok());
    auto target = pg::make_target(server.url(), server.passfile());
    auto again = pg::Connection::open(*target, "onestop-test", 2);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == errc::campus_unreachable);
}
