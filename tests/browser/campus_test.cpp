// The campus view (onestop-campus serve) in a real browser: Debian's chromium, headless at
// 1366×768, driven by playwright-core (campus.js), over a real PostgreSQL fed by a real hub.
// Signed out it shows the sign-in page; a unit lead's account is refused; the committee's
// viewer sees the month per hall and unit as charts (the hall console's) and a table, the
// follow-ups, complaints and (the month having ended) scorecards as another, in
// Chinese and English, downloads it as Excel, and signs out. Every page is shot into the build
// folder, for a person to look at, with no errors in the browser's console.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "browser_tools.h"
#include "hub_fixture.h"
#include "pg_server.h"
#include "wait.h"

using namespace onestop;
using namespace onestop::test;
using namespace std::chrono_literals;

TEST_CASE("the campus view: sign-in, the month as charts and a table, the Excel export") {
    std::string missing = missing_tools(
        {ONESTOP_SOURCE_DIR "/assets/office/node_modules/echarts/dist/echarts.esm.min.js"});
    if (auto why = PgServer::missing()) missing += " " + *why;
    if (!missing.empty())
        FAIL("missing:" << missing
                        << "; run scripts/setup (chromium, nodejs, postgresql-15, npm ci)");

    PgServer pg;
    HubFixture f({"--campus", pg.url(), "--campus-passfile", pg.passfile().string()});
    add_office_accounts(f);  // li (the committee's viewer), zhao (JWC's lead)
    // A morning at the hall: tickets at two units' windows, one waiting, a case on time.
    std::string w1 = f.login(1), w2 = f.login(2);
    json first = f.issue("A");
    for (int i = 0; i < 2; ++i) f.issue("A");
    for (int i = 0; i < 2; ++i) f.issue("B");
    for (int i = 0; i < 2; ++i)
        REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/windows/2/call-next", nullptr, w2).status == 200);
    Answer opened = f.post("/api/v1/windows/2/cases", {{"mode", "deadline"}}, w2);
    REQUIRE(opened.status == 201);
    REQUIRE(f.post("/api/v1/cases/" + std::to_string(opened.body["case"]["id"].get<int64_t>()) +
                       "/complete",
                   {{"result", "已办结"}}, w2)
                .status == 200);
    // The first applicant at window 1 rates it badly (a follow-up for JWC), and complains
    // about window 1; the office records reach the campus beside the log.
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/evaluations", {{"ticket", first["id"]},
                                           {"code", first["code"]},
                                           {"level", 1},
                                           {"reasons", {"long_wait"}}})
                .status == 201);
    REQUIRE(f.post("/api/v1/complaints", {{"channel", "web"},
                                          {"about", {{"window", 1}}},
                                          {"text", "窗口人员态度生硬"},
                                          {"contact", "13800001111"}})
                .status == 201);
    auto db = pg.connect();
    REQUIRE(wait_until(
        [&] {
            auto held = db->query(
                "SELECT (SELECT sum(called) FROM campus.unit_months), "
                "(SELECT count(*) FROM campus.accounts), "
                "(SELECT count(*) FROM campus.records WHERE kind IN ('followup', 'complaint'))");
            return held && held->integer(0, 0) == 3 && held->integer(0, 1) == 3 &&
                   held->integer(0, 2) == 2;
        },
        20s));
    // November ends: the hub started again on 1 December sends its scorecard to the campus.
    REQUIRE(f.hub.terminate() == 0);
    HubProcess december(
        HubOptions{f.dir / "hub.db",
                   "2026-12-01T09:00:00+08:00",
                   ONESTOP_TEST_HALL,
                   {"--campus", pg.url(), "--campus-passfile", pg.passfile().string()}});
    december.start();
    REQUIRE(wait_until(
        [&] {
            auto month = db->query("SELECT scorecard_month FROM campus.halls");
            return month && month->size() == 1 && !month->null(0, 0) &&
                   month->text(0, 0) == "2026-11";
        },
        20s));
    httplib::Client hall_http(december.url());
    auto own = hall_http.Get("/api/v1/reports/scorecard?date=2026-11",
                             {{"Authorization", "Bearer " + f.admin}});
    REQUIRE(own);
    REQUIRE(own->status == 200);
    json scorecard = json::parse(own->body);

    ChildProcess view({bin_path("onestop-campus"), "serve", "--pg", pg.url(), "--passfile",
                       pg.passfile().string(), "--listen", "127.0.0.1:0"},
                      ChildOptions{.out = Stream::pipe()});
    auto line = view.read_line();
    REQUIRE(line);
    const std::filesystem::path out = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out);
    json config = {{"campus", line->substr(std::string("listening on ").size())},
                   {"out", out.string()},
                   {"month", "2026-11"},
                   {"viewer", {{"login", "li"}, {"password", "viewer-pass-1"}}},
                   {"unit", {{"login", "zhao"}, {"password", "unit-pass-1"}}}};
    ChildProcess node({kNode, (kBrowserTests / "campus.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(120));
    INFO("campus.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json r = json::parse(node.output(), nullptr, false);
    REQUIRE(r.is_object());
    std::ofstream(out / "campus-result.json") << r.dump(2);
    INFO("everything campus.js saw: " << (out / "campus-result.json").string());

    CHECK(r["login_title"] == "校区一站式服务大厅 · 各大厅数据");
    CHECK(r["login_en_hint"].get<std::string>().find("sign in with your hall console") !=
          std::string::npos);
    CHECK(r["unit_refused"] == "登录名或密码错误");
    CHECK(r["zh"]["heading"] == "2026-11 各大厅数据");
    CHECK(r["zh"]["who"] == "李主任（管委会（只读） · 测试大厅）");
    CHECK(r["en"]["heading"] == "Every hall, 2026-11");
    CHECK(r["en"]["title"] == "Campus service halls · Figures");
    for (const char* lang : {"zh", "en"}) {
        CAPTURE(lang);
        const json& page = r[lang];
        CHECK(page["failed"] == json::array());
        CHECK(page["charts"] ==
              json::array({"chart-halls", "chart-units", "chart-trend", "chart-trend-waits",
                           "chart-office", "chart-trend-scores"}));
        // The office's table: the hall, then CWC and JWC; one follow-up and one complaint of
        // JWC's, none closed; November's scorecard: as many windows and people as the hall's.
        REQUIRE(page["office"].size() == 3);
        const json& office = page["office"][0];
        CHECK(office[0] == "测试大厅");
        CHECK(office[1] == "1");
        CHECK(office[2] == "0");
        CHECK(office[3] == "1");
        CHECK(office[4] == "0");
        // "3（均分 99.33）", "3 (average 99.33)"
        const std::string open = std::string(lang) == "zh" ? "（" : " (";
        CHECK(office[5].get<std::string>().rfind(std::to_string(scorecard["windows"].size()) + open,
                                                 0) == 0);
        CHECK(office[6].get<std::string>().rfind(std::to_string(scorecard["staff"].size()) + open,
                                                 0) == 0);
        CHECK(page["office"][2][0] == "JWC");
        CHECK(page["office"][2][1] == "1");
        CHECK(page["units"] == json::array({"CWC", "JWC"}));
        REQUIRE(page["halls"].size() == 1);
        // Hall, tickets 5, called 3, average wait, ratings 1, 1.00, bad 1, cases 1, completed 1,
        // on time 100 %, as of.
        const json& hall = page["halls"][0];
        CHECK(hall[0] == "测试大厅");
        CHECK(hall[1] == "5");
        CHECK(hall[2] == "3");
        CHECK(hall[4] == "1");
        CHECK(hall[6] == "1");
        CHECK(hall[7] == "1");
        CHECK(hall[8] == "1");
        CHECK(hall[9] == "100.0%");
    }
    CHECK(r["en"]["columns"][2] == "Called");
    CHECK(r["zh"]["office_heading"] == "2026-11 回访整改、投诉与考核");
    CHECK(r["en"]["office_columns"][1] == "Follow-ups opened");
    CHECK(r["zh"]["office_columns"][7] == "红旗窗口");
    CHECK(r["xlsx"]["name"] == "campus-2026-11.xlsx");
    CHECK(r["xlsx"]["zip"] == "PK");
    CHECK(r["signed_out"] == true);
    CHECK(r["errors"] == json::array());

    std::cout << "campus screenshots:";
    for (const auto& shot : r["screenshots"]) {
        std::cout << " " << std::filesystem::path(shot.get<std::string>()).filename().string();
        CHECK(std::filesystem::file_size(shot.get<std::string>()) > 10000);
    }
    std::cout << " in " << out.string() << std::endl;
    CHECK(view.stop() == 0);
}
