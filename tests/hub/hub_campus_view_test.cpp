// onestop-campus serve's sign-in and the monthly report's waits and cases on time, against a
// real PostgreSQL started in a temporary folder, fed by a real hub: the hall's office and
// viewer accounts sign in with their own passwords, a unit lead's, a disabled or an unknown
// account do not, nothing but health answers without a session, and the report's waits and
// cases on time are the hall's own.
#include <doctest/doctest.h>

#include <cstdlib>
#include <map>

#include "hub_fixture.h"
#include "onestop/report/read.h"
#include "onestop/store/database.h"
#include "pg_server.h"
#include "wait.h"

using namespace onestop;
using namespace onestop::test;
using namespace std::chrono_literals;

namespace {

// A browser on the campus view: the cookie its sign-in set goes back on every request.
struct CampusBrowser {
    std::string url;
    std::string cookie{};

    Answer login(const std::string& login, const std::string& password) {
        httplib::Client http(url);
        auto r = http.Post("/api/v1/login", json{{"login", login}, {"password", password}}.dump(),
                           "application/json");
        if (r && r->status == 200) {
            set_cookie = r->get_header_value("Set-Cookie");
            cookie = set_cookie.substr(0, set_cookie.find(';'));
        }
        return to_answer(r);
    }
    Answer get(const std::string& path) const {
        httplib::Client http(url);
        return to_answer(http.Get(path, {{"Cookie", cookie}}));
    }
    Answer post(const std::string& path) const {
        httplib::Client http(url);
        return to_answer(http.Post(path, {{"Cookie", cookie}}, "", "application/json"));
    }
    std::string set_cookie{};
};

// The hall's log: its last event id, and its waits (issue → first call, ms) summed, from
// its own database.
std::pair<int64_t, int64_t> hall_log(const HubFixture& f) {
    auto db = store::Database::open(f.hub.options().db);
    REQUIRE(db);
    auto st = (*db)->prepare(R"sql(
SELECT (SELECT max(id) FROM events),
       (SELECT sum(round((julianday(c.at) - julianday(i.at)) * 86400000))
          FROM events i JOIN events c
            ON c.type = 'ticket_called'
           AND json_extract(c.payload, '$.id') = json_extract(i.payload, '$.id')
           AND c.id = (SELECT min(id) FROM events WHERE type = 'ticket_called'
                          AND json_extract(payload, '$.id') = json_extract(i.payload, '$.id'))
         WHERE i.type = 'ticket_issued'))sql");
    REQUIRE(st);
    REQUIRE(*(*st)->step());
    std::pair<int64_t, int64_t> out{(*st)->column_int(0), (*st)->column_int(1)};
    (*st)->reset();
    return out;
}

}  // namespace

TEST_CASE(
    "the campus view signs in the halls' office and viewer accounts only, and reports the "
    "hall's waits and cases on time") {
    if (auto why = PgServer::missing()) {
        MESSAGE("skipped: " << *why);
        return;
    }
    PgServer pg;
    HubFixture f({"--campus", pg.url(), "--campus-passfile", pg.passfile().string()});
    add_office_accounts(f);  // wang (office), li (viewer), zhao (JWC's lead)

    // The hall's morning: two tickets served at window 1 (JWC), and at window 2 (CWC) a
    // deadline case opened and completed the same day, so on time.
    std::string w1 = f.login(1), w2 = f.login(2);
    for (int i = 0; i < 2; ++i) {
        f.issue("A");
        REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
        REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    }
    f.issue("B");
    REQUIRE(f.post("/api/v1/windows/2/call-next", nullptr, w2).status == 200);
    Answer opened = f.post("/api/v1/windows/2/cases", {{"mode", "deadline"}}, w2);
    REQUIRE(opened.status == 201);
    Answer completed = f.post(
        "/api/v1/cases/" + std::to_string(opened.body["case"]["id"].get<int64_t>()) + "/complete",
        {{"result", "已办结"}}, w2);
    REQUIRE(completed.status == 200);

    // The campus holds the hall's log and its accounts: hashes of office and viewer only.
    auto db = pg.connect();
    auto [last, waits_ms] = hall_log(f);
    REQUIRE(wait_until(
        [&, last = last] {
            auto held = db->query(
                "SELECT (SELECT shipped_id FROM campus.halls), "
                "(SELECT count(*) FROM campus.accounts)");
            return held && held->size() == 1 && held->integer(0, 0) == last &&
                   held->integer(0, 1) == 3;
        },
        20s));
    auto hashed = db->query(
        "SELECT string_agg(login, ',' ORDER BY login) FROM campus.accounts "
        "WHERE password_hash IS NOT NULL");
    REQUIRE(hashed);
    CHECK(hashed->text(0, 0) == "li,wang");

    ChildProcess view({bin_path("onestop-campus"), "serve", "--pg", pg.url(), "--passfile",
                       pg.passfile().string(), "--listen", "127.0.0.1:0"},
                      ChildOptions{.out = Stream::pipe()});
    auto line = view.read_line();
    REQUIRE(line);
    const std::string url = line->substr(std::string("listening on ").size());

    // Without a session: the API answers 401, the browser gets the sign-in page.
    CampusBrowser nobody{url};
    for (const char* path : {"/api/v1/report?date=2026-11", "/api/v1/halls", "/api/v1/me"}) {
        Answer refused = nobody.get(path);
        CHECK(refused.status == 401);
        CHECK(refused.body["error"]["code"] == "unauthorized");
    }
    CHECK(nobody.get("/api/v1/health").status == 200);
    Answer sign_in_page = nobody.get("/");
    CHECK(sign_in_page.status == 200);
    CHECK(sign_in_page.text.find("campus_sign_in_hint") != std::string::npos);
    CHECK(sign_in_page.text.find("/campus.js") == std::string::npos);
    CHECK(nobody.get("/office/login.js").status == 200);  // the hall console's form, shared

    // Wrong passwords, a unit lead's account and an unknown login are refused alike.
    CampusBrowser li{url}, zhao{url}, wang{url};
    CHECK(li.login("li", "office-pass-1").status == 401);
    Answer lead = zhao.login("zhao", "unit-pass-1");
    CHECK(lead.status == 401);
    CHECK(lead.body["error"]["code"] == "wrong_password");
    CHECK(nobody.login("nobody", "viewer-pass-1").status == 401);
    CHECK(nobody.login("li", "").status == 401);

    // The committee's viewer signs in: an HttpOnly cookie of its own name.
    Answer viewer = li.login("li", "viewer-pass-1");
    REQUIRE(viewer.status == 200);
    CHECK(viewer.body["account"] ==
          json{{"login", "li"}, {"name", "李主任"}, {"role", "viewer"}, {"hall", "测试大厅"}});
    CHECK(li.set_cookie.rfind("onestop_campus_session=", 0) == 0);
    CHECK(li.set_cookie.find("HttpOnly") != std::string::npos);
    CHECK(li.set_cookie.find("SameSite=Strict") != std::string::npos);
    CHECK(li.get("/").text.find("/campus.js") != std::string::npos);
    CHECK(li.get("/api/v1/me").body["account"]["role"] == "viewer");
    CHECK(li.get("/api/v1/halls").status == 200);

    // The report: waits and cases on time beside the counts, as the hall's log has them.
    Answer report = li.get("/api/v1/report?date=2026-11");
    REQUIRE(report.status == 200);
    json hall = report.body["halls"][0];
    CHECK(hall["tickets"] == 3);
    CHECK(hall["called"] == 3);
    CHECK(hall["cases"] == 1);
    CHECK(hall["cases_completed"] == 1);
    CHECK(hall["cases_on_time"] == 1);
    CHECK(hall["on_time_rate"] == 1.0);
    CHECK(hall["average_wait_min"].is_number());
    auto kept = db->query("SELECT sum(wait_ms) FROM campus.unit_months");
    REQUIRE(kept);
    CHECK(std::llabs(kept->integer(0, 0) - waits_ms) <= 3);  // the hall's times, to the ms
    std::map<std::string, json> units;
    for (const auto& u : hall["units"]) units[u["unit"]] = u;
    CHECK(units["JWC"]["called"] == 2);
    CHECK(units["JWC"]["cases_completed"] == 0);
    CHECK(units["JWC"]["on_time_rate"].is_null());
    CHECK(units["CWC"]["called"] == 1);
    CHECK(units["CWC"]["cases_on_time"] == 1);
    // The same table as an Excel workbook: a row per hall, then its units.
    Answer book = li.get("/api/v1/report?date=2026-11&format=xlsx");
    CHECK(book.status == 200);
    auto sheet = report::read_xlsx(book.text);
    REQUIRE(sheet);
    REQUIRE(sheet->size() == 4);  // the header, the hall, CWC and JWC
    CHECK((*sheet)[0][3] == "已叫号 / Called");
    CHECK((*sheet)[1][0] == "测试大厅");
    CHECK((*sheet)[1][3] == "3");
    CHECK((*sheet)[1][10] == "1");
    CHECK(nobody.get("/api/v1/report?date=2026-11&format=xlsx").status == 401);
    RunResult printed = run_program({bin_path("onestop-campus"), "report", "--pg", pg.url(),
                                     "--passfile", pg.passfile().string(), "--date", "2026-11"});
    REQUIRE(printed.status == 0);
    CHECK(json::parse(printed.out)["halls"] == report.body["halls"]);

    // The hall office signs in too; then disables li in the hall: li's session ends as soon
    // as the hall's shipper has sent the change, and li cannot sign in again.
    REQUIRE(wang.login("wang", "office-pass-1").status == 200);
    Browser office{f};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(office.post("/api/v1/accounts/li/disable").status == 200);
    CHECK(wait_until([&] { return li.get("/api/v1/report?date=2026-11").status == 401; }, 10s));
    CHECK(li.login("li", "viewer-pass-1").status == 401);
    CHECK(wang.get("/api/v1/report?date=2026-11").status == 200);

    // Signing out ends the session.
    Answer out = wang.post("/api/v1/logout");
    CHECK(out.status == 200);
    CHECK(wang.get("/api/v1/report?date=2026-11").status == 401);
    CHECK(view.stop() == 0);
}
