// The console's cases and work-log pages and the applicant's case page in a real browser
// (cases.js): cases opened through the API at the windows show in the list with their counts,
// a joint case's history has every step and its hand-overs pending and confirmed, the office
// completes a case and allows a second 补正 request from the console, the work log shows each
// person's day with their note, the figures page the case figures; a unit's lead sees their
// own unit only; the applicant's page shows the progress line, the promised date and the
// missing materials in Chinese and English. Screenshots of each go to the build folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "browser_tools.h"
#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// Calls a ticket of `service` at `window` and opens a case for it; the case (with its code).
json open_case(HubFixture& f, int window, const std::string& session, const std::string& service,
               const json& body) {
    f.issue(service);
    const std::string base = "/api/v1/windows/" + std::to_string(window);
    REQUIRE(f.post(base + "/call-next", nullptr, session).status == 200);
    Answer opened = f.post(base + "/cases", body, session);
    REQUIRE(opened.status == 201);
    REQUIRE(f.post(base + "/finish", nullptr, session).status == 200);
    return opened.body["case"];
}

std::string id_of(const json& c) {
    return std::to_string(c["id"].get<int64_t>());
}

}  // namespace

TEST_CASE("the console's cases and work log, and the applicant's case page, in a browser") {
    std::string missing = missing_tools();
    if (!missing.empty())
        FAIL("missing:" << missing
                        << "; run scripts/setup (chromium, nodejs, npm ci in tests/browser)");

    HubFixture f;
    f.hub.add_account("wang", "王老师", "office", "", "office-pass-1");
    f.hub.add_account("zhao", "赵科长", "unit", "JWC", "unit-pass-1");
    std::string s1 = f.login(1), s2 = f.login(2);  // S001 JWC, S002 CWC
    const json materials = {"身份证复印件", "成绩单原件"};
    json supplement = open_case(f, 1, s1, "A", {{"mode", "supplement"}, {"missing", materials}});
    json deadline = open_case(f, 1, s1, "A", {{"mode", "deadline"}});
    open_case(f, 2, s2, "B", {{"mode", "instant"}});
    // Materials to CWC and back: one confirmed with S002's PIN, one still pending.
    Answer out = f.post("/api/v1/cases/" + id_of(deadline) + "/handovers",
                        {{"to_unit", "CWC"}, {"items", {"申请表"}}}, s1);
    REQUIRE(out.status == 201);
    REQUIRE(f.post("/api/v1/handovers/" + id_of(out.body["handover"]) + "/confirm",
                   {{"staff", "S002"}, {"pin", "1234"}}, s2)
                .status == 200);
    REQUIRE(f.post("/api/v1/cases/" + id_of(deadline) + "/handovers",
                   {{"to_unit", "CWC"}, {"items", {"成绩单"}}}, s1)
                .status == 201);
    const std::string today = f.get("/api/v1/queue").body["now"].get<std::string>().substr(0, 10);
    REQUIRE(f.put("/api/v1/worklog/S001/" + today + "/note",
                  {{"note", "上午受理 2 件，1 件待补正"}}, s1)
                .status == 200);

    const std::filesystem::path out_dir = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out_dir);
    json config = {{"hub", f.hub.url()},
                   {"out", out_dir.string()},
                   {"office", {{"login", "wang"}, {"password", "office-pass-1"}}},
                   {"unit", {{"login", "zhao"}, {"password", "unit-pass-1"}}},
                   {"supplement",
                    {{"id", supplement["id"]},
                     {"number", supplement["number"]},
                     {"code", supplement["code"]}}},
                   {"deadline", {{"id", deadline["id"]}, {"number", deadline["number"]}}}};
    ChildProcess node({kNode, (kBrowserTests / "cases.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(150));
    INFO("cases.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json r = json::parse(node.output(), nullptr, false);
    REQUIRE(r.is_object());
    std::ofstream(out_dir / "cases-result.json") << r.dump(2);
    INFO("everything cases.js saw: " << (out_dir / "cases-result.json").string());

    CHECK(r["errors"] == json::array());
    for (const std::string lang : {"zh", "en"}) {
        CAPTURE(lang);
        const json& seen = r["lang"][lang];
        // Seventeen pages on one line at 1366 px.
        CHECK(seen["nav_one_line"] == true);
        CHECK(seen["nav"].size() == 17);
        CHECK(seen["numbers"].size() == 3);
        CHECK(seen["awaiting"] == json::array({supplement["number"]}));
        CHECK(seen["handovers"] == json::array({"confirmed", "pending"}));
        CHECK(seen["failed"] == json::array());
        CHECK(seen["worklog_staff"] == json::array({"S002", "S001"}));  // CWC, then JWC
        CHECK(seen["worklog_csv"].get<std::string>().find("format=csv") != std::string::npos);
        CHECK(seen["case_figures"] == json::array({"CWC", "JWC", "total"}));
        CHECK(seen["case_figures_xlsx"].get<std::string>().find("/api/v1/reports/cases") !=
              std::string::npos);
        const std::string s001 = seen["worklog_s001"].dump();
        CHECK(s001.find("上午受理 2 件，1 件待补正") != std::string::npos);
    }
    const json& zh = r["lang"]["zh"];
    CHECK(zh["counts"][0] == "全部 3");
    CHECK(zh["counts"][2] == "待补正 1");
    CHECK(zh["heading"].get<std::string>().find(deadline["number"].get<std::string>()) !=
          std::string::npos);
    CHECK(zh["steps"] == json::array({"opened", "handover", "handover_confirmed", "handover"}));
    CHECK(zh["step_texts"][1].get<std::string>().find("→ CWC（申请表）") != std::string::npos);
    CHECK(zh["step_texts"][2].get<std::string>().find("S002 签收") != std::string::npos);
    CHECK(zh["handover_texts"][0].get<std::string>().find("已确认") != std::string::npos);
    CHECK(zh["handover_texts"][1].get<std::string>().find("待确认") != std::string::npos);
    CHECK(zh["complete_message"] == "");  // no refusal shown
    CHECK(zh["after_complete"].back() == "completed");
    CHECK(zh["allowed"] == true);
    CHECK(r["lang"]["en"]["counts"][2] == "Awaiting materials 1");
    CHECK(r["lang"]["en"]["steps"].back() == "completed");
    CHECK(r["lang"]["en"]["handover_texts"][1].get<std::string>().find("Pending") !=
          std::string::npos);

    // The unit's lead: JWC's cases and staff only, no unit picker.
    CHECK(r["unit"]["units"] == json::array({"JWC", "JWC"}));
    CHECK(r["unit"]["pickers"] == 0);
    CHECK(r["unit"]["worklog"] == json::array({"JWC"}));

    // The applicant's page: waiting for materials, both named, the promised date shown.
    Answer now = f.get("/api/v1/cases/" + id_of(supplement) +
                       "?code=" + supplement["code"].get<std::string>());
    REQUIRE(now.status == 200);
    const std::string promised = now.body["case"]["promised_date"];
    const json& zh_page = r["applicant"]["zh"];
    CHECK(zh_page["number"] == supplement["number"]);
    CHECK(zh_page["fits"] == true);  // the number on one line, no sideways scrolling
    CHECK(r["applicant"]["en"]["fits"] == true);
    CHECK(zh_page["progress"] == json::array({"受理", "补正", "办理中", "办结"}));
    CHECK(zh_page["now"] == "补正");
    CHECK(zh_page["missing"] == materials);
    CHECK(zh_page["text"].get<std::string>().find(promised) != std::string::npos);
    const json& en_page = r["applicant"]["en"];
    CHECK(en_page["progress"].size() == 4);
    CHECK(en_page["missing"] == materials);
    CHECK(en_page["text"].get<std::string>().find(promised) != std::string::npos);
    CHECK(en_page["text"].get<std::string>().find("Case") != std::string::npos);

    std::cout << "cases screenshots:";
    for (const auto& shot : r["screenshots"]) {
        std::cout << " " << std::filesystem::path(shot.get<std::string>()).filename().string();
        CHECK(std::filesystem::file_size(shot.get<std::string>()) > 10000);
    }
    std::cout << " in " << out_dir.string() << std::endl;
}
