// The quality loop in a real browser (quality.js): a complaint from the phone page to its
// answer (the office's list, a phone call entered, the unit's lead answering, the
// complainant's page), and the scorecard page with window 1's deduction traced to that
// complaint, charts and the year's roll-up. Pages are shot in both languages into the build
// folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "browser_tools.h"
#include "hub_fixture.h"

using namespace onestop::test;

TEST_CASE("quality pages: a complaint from the phone page to its answer, the scorecard") {
    std::string missing = missing_tools();
    if (!missing.empty()) FAIL("missing:" << missing << "; run scripts/setup");

    HubFixture f;
    f.hub.add_account("wang", "王老师", "office", "", "office-pass-1");
    f.hub.add_account("zhao", "赵科长", "unit", "JWC", "unit-pass-1");
    const std::filesystem::path out = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out);
    json config = {{"hub", f.hub.url()},
                   {"out", out.string()},
                   {"office", {{"login", "wang"}, {"password", "office-pass-1"}}},
                   {"unit", {{"login", "zhao"}, {"password", "unit-pass-1"}}},
                   {"month", std::string(kTestNow).substr(0, 7)}};
    ChildProcess node({kNode, (kBrowserTests / "quality.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(120));
    INFO("quality.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json r = json::parse(node.output(), nullptr, false);
    REQUIRE(r.is_object());
    std::ofstream(out / "quality-result.json") << r.dump(2);
    INFO("everything quality.js saw: " << (out / "quality-result.json").string());

    auto has = [&](const char* key, const std::string& text) {
        return r[key].get<std::string>().find(text) != std::string::npos;
    };
    CHECK(r["refused"] == "提交失败：大厅没有这个窗口号");
    const std::string number = r["number"];
    CHECK(r["form_window"] == "1");
    CHECK(number.rfind("TS-20261127-", 0) == 0);
    CHECK(has("status", "教务处"));  // window 1's unit handles it
    CHECK(has("office_row", number));
    CHECK(has("entered", "TS-20261127-0002"));
    CHECK(r["lead_rows"] == 1);  // the hall's own complaint is the office's
    CHECK(has("answered", "经核实情况属实"));
    CHECK(has("answered_en", "Answered"));
    CHECK(has("window1", "95"));  // 100 − 5 for the substantiated complaint
    CHECK(has("window1_detail", "complaint:" + number));
    CHECK(r["charts"] == 2);
    CHECK(r["year_rows"].get<int>() > 0);
    CHECK(has("xlsx", "format=xlsx"));
    CHECK(r["heading_en"] == "Scorecards");
    CHECK(r["errors"] == json::array());
}
