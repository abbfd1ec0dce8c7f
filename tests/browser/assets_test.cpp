// The console's 资产 page in a real browser (assets.js): the register, an asset's page with its
// QR labels, a requisition approved and its slip, a change request, and a stock-take with a found,
// a missing, a misplaced and an unknown tag — scanned by a USB scanner's typing in the console and
// by a staff member's phone page — closed by the office. The nav (seventeen pages) stays on one
// line at 1366 px in both languages. Pages are shot in both languages into the build folder.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "browser_tools.h"
#include "hub_fixture.h"

using namespace onestop::test;

TEST_CASE("assets page: a stock-take with a missing, a misplaced and an unknown tag") {
    std::string missing = missing_tools();
    if (!missing.empty()) FAIL("missing:" << missing << "; run scripts/setup");

    HubFixture f;
    f.hub.add_account("wang", "王老师", "office", "", "office-pass-1");
    for (const auto& [name, location] : std::vector<std::pair<std::string, std::string>>{
             {"窗口电脑", "window:1"}, {"打印机", "window:1"}, {"评价器", "window:2"}})
        REQUIRE(f.post("/api/v1/assets",
                       {{"name", name}, {"category", "fixed"}, {"location", location}}, f.admin)
                    .status == 201);
    // Registered but then lost: not expected at the stock-take.
    REQUIRE(f.post("/api/v1/assets",
                   {{"name", "旧扫描仪"}, {"category", "fixed"}, {"location", "仓库"}}, f.admin)
                .status == 201);
    REQUIRE(f.post("/api/v1/assets/ZC-000004/losses",
                   {{"kind", "lost"}, {"what", "搬迁时遗失"}, {"decision", "报损"}}, f.admin)
                .status == 200);

    // A staff member at window 1 asks for the printer and for its replacement.
    std::string session = f.login(1);
    REQUIRE(f.post("/api/v1/requisitions", {{"tag", "ZC-000002"}, {"reason", "窗口打印"}}, session)
                .status == 201);
    REQUIRE(
        f.post("/api/v1/change-requests",
               {{"kind", "replace"}, {"tag", "ZC-000002"}, {"text", "打印机卡纸频繁，申请更换"}},
               session)
            .status == 201);

    const std::filesystem::path out = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out);
    json config = {{"hub", f.hub.url()},
                   {"out", out.string()},
                   {"admin", f.admin},
                   {"office", {{"login", "wang"}, {"password", "office-pass-1"}}},
                   {"staff", {{"number", "S002"}, {"pin", "1234"}}}};
    ChildProcess node({kNode, (kBrowserTests / "assets.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(120));
    INFO("assets.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json r = json::parse(node.output(), nullptr, false);
    REQUIRE(r.is_object());
    std::ofstream(out / "assets-result.json") << r.dump(2);
    INFO("everything assets.js saw: " << (out / "assets-result.json").string());

    auto has = [&](const char* key, const std::string& text) {
        return r[key].get<std::string>().find(text) != std::string::npos;
    };
    CHECK(r["register"] == json::array({"ZC-000001", "ZC-000002", "ZC-000003", "ZC-000004"}));
    CHECK(has("requisition", "打印机"));
    CHECK(has("requisition", "张三"));
    CHECK(has("requisition_approved", "已批准"));
    CHECK(has("slip", "/api/v1/requisitions/1/slip"));
    CHECK(has("change", "更换"));
    CHECK(has("change", "打印机卡纸频繁"));
    CHECK(has("scan_found", "在位"));
    CHECK(has("scan_misplaced", "2号窗口"));  // where it should be
    CHECK(has("scan_unknown", "不在盘点清单内"));
    CHECK(has("phone", "不在盘点清单内"));  // ZC-000004 was lost before the stock-take opened
    CHECK(has("phone_en", "Record"));
    for (const std::string lang : {"zh", "en"}) {
        CAPTURE(lang);
        const json& seen = r["lang"][lang];
        CHECK(seen["nav"].size() == 17);
        CHECK(seen["nav_one_line"] == true);
        CHECK(seen["found"] == json::array({"ZC-000001"}));
        CHECK(seen["missing"] == json::array({"ZC-000002"}));
        CHECK(seen["misplaced"] == json::array({"ZC-000003"}));
        CHECK(seen["unknown"] == json::array({"ZC-000004", "ZC-000099"}));
        CHECK(seen["label_widths"] == json::array({320, 400}));
        CHECK(seen["history"] == 1);
    }
    CHECK(r["lang"]["en"]["heading"] == "Assets");
    CHECK(r["closed"]["status"] == "closed");
    CHECK(r["closed"]["closed_by"] == "account:wang");
    CHECK(r["errors"] == json::array());
}
