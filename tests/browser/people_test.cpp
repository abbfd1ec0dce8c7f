// The people pages in a real browser (people.js): a roster edited, published and changed
// mid-term through an approved request in the console; a unit lead limited to its windows;
// leave asked on one phone's my page, confirmed on the substitute's, approved by the office;
// a training's sign-in sheet; the month's sheet published. Pages are shot in both languages into
// the build folder.
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>

#include "browser_tools.h"
#include "hub_fixture.h"
#include "onestop/base/time.h"

using namespace onestop::test;

TEST_CASE("people pages: roster editing and a change, leave on phones, the published sheet") {
    std::string missing = missing_tools();
    if (!missing.empty()) FAIL("missing:" << missing << "; run scripts/setup");

    HubFixture f;
    f.hub.add_account("wang", "王老师", "office", "", "office-pass-1");
    f.hub.add_account("zhao", "赵科长", "unit", "JWC", "unit-pass-1");
    // The hub's own today (kTestNow, a Friday), so the dates the pages type match its clock.
    int today = *onestop::parse_date(std::string(kTestNow).substr(0, 10));
    // The phones' pages list what comes after their own (real) today.
    int real_today = static_cast<int>(
        std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now().time_since_epoch())
            .count());
    const std::filesystem::path out = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out);
    json config = {{"hub", f.hub.url()},
                   {"out", out.string()},
                   {"office", {{"login", "wang"}, {"password", "office-pass-1"}}},
                   {"unit", {{"login", "zhao"}, {"password", "unit-pass-1"}}},
                   {"today", onestop::format_date(today)},
                   {"tomorrow", onestop::format_date(today + 1)},
                   {"meeting_day", onestop::format_date(std::max(today, real_today) + 7)}};
    ChildProcess node({kNode, (kBrowserTests / "people.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(150));
    INFO("people.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json r = json::parse(node.output(), nullptr, false);
    REQUIRE(r.is_object());
    std::ofstream(out / "people-result.json") << r.dump(2);
    INFO("everything people.js saw: " << (out / "people-result.json").string());

    auto has = [&](const char* key, const std::string& text) {
        return r[key].get<std::string>().find(text) != std::string::npos;
    };
    CHECK(has("draft", "草稿"));
    CHECK(has("week_window1", "S001"));
    CHECK(has("publish_refused", "第十五条"));
    CHECK(has("change_row", "周三下午参加培训"));
    CHECK(has("change_approved", "已批准"));
    CHECK(r["unit_windows"] == json::array({"1"}));  // JWC has window 1 only
    CHECK(r["unit_publish_buttons"] == 1);           // save, no publish
    CHECK(has("my_roster", "1 号窗口"));
    CHECK(has("worklog_saved", "已于"));
    CHECK(has("stand_in", "替 S001 值班"));
    CHECK(has("confirmed", "待北区办审批"));
    CHECK(has("approved", "已批准"));
    CHECK(has("meeting_row", "实到 1 / 应到 2"));
    CHECK(has("my_meetings", "政务服务礼仪培训"));
    CHECK(has("sheet_published", "已于"));
    CHECK(has("sheet_s001", "S001"));
    CHECK(r["errors"] == json::array());

    // What the hub kept: the change approved from tomorrow, the leave approved.
    Browser office{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    Answer changes = office.get("/api/v1/roster-changes");
    REQUIRE(changes.body["changes"].size() == 1);
    CHECK(changes.body["changes"][0]["effective"] == config["tomorrow"]);
    CHECK(changes.body["changes"][0]["status"] == "approved");
    Answer log = office.get("/api/v1/worklog?staff=S001");
    REQUIRE(log.body["rows"].size() == 1);
    CHECK(log.body["rows"][0]["note"] == "上午受理 6 件；下午整理档案");
    Answer leave = office.get("/api/v1/leave");
    REQUIRE(leave.body["leave"].size() == 1);
    CHECK(leave.body["leave"][0]["staff"] == "S001");
    CHECK(leave.body["leave"][0]["substitute"] == "S002");
    CHECK(leave.body["leave"][0]["status"] == "approved");
    CHECK(leave.body["leave"][0]["confirmed_at"].is_string());
}
