// The office console /office/ in a real browser: Debian's chromium, headless at 1366×768 (and
// a tablet), driven by playwright-core (console.js). An office account signs in, sees a call
// appear on the live hall, edits a service's materials (kiosks see the change), creates a
// device whose token shows as text and as a QR code, revokes it, and is refused a change
// without its CSRF token; a unit lead is refused another unit's service and the office's
// pages. Every page is shot in Chinese and English into the build folder, for a person to
// look at, with no errors in the browser's console.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include "../kiosk/qr_decode.h"
#include "browser_tools.h"
#include "hub_fixture.h"

using namespace onestop::test;

TEST_CASE("the office console: sign-in, live hall, service guide, devices, CSRF, unit refusal") {
    std::string missing = missing_tools(
        {ONESTOP_SOURCE_DIR "/assets/office/node_modules/echarts/dist/echarts.esm.min.js"});
    if (!missing.empty())
        FAIL("missing:" << missing
                        << "; run scripts/setup (it installs chromium and nodejs, and runs npm "
                           "ci in tests/browser and assets/office)");

    HubFixture f;
    f.hub.add_account("wang", "王老师", "office", "", "office-pass-1");
    f.hub.add_account("zhao", "赵科长", "unit", "JWC", "unit-pass-1");
    // Some life in the hall for the screenshots: people waiting, window 2 serving.
    for (int i = 0; i < 3; ++i) f.issue("A");
    f.issue("B");
    std::string window2 = f.login(2);
    REQUIRE(f.post("/api/v1/windows/2/call-next", json::object(), window2).status == 200);

    const std::filesystem::path out = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out);
    const json material = {{"zh", "一寸照片两张"}, {"en", "Two passport photos"}};
    json config = {{"hub", f.hub.url()},
                   {"out", out.string()},
                   {"kiosk", f.kiosk},
                   {"admin", f.admin},
                   {"session", f.login(1)},
                   {"office", {{"login", "wang"}, {"password", "office-pass-1"}}},
                   {"unit", {{"login", "zhao"}, {"password", "unit-pass-1"}}},
                   {"material", material}};
    ChildProcess node({kNode, (kBrowserTests / "console.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(150));
    INFO("console.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json r = json::parse(node.output(), nullptr, false);
    REQUIRE(r.is_object());
    // What the console showed, whole, for a person to read when a check fails.
    std::ofstream(out / "console-result.json") << r.dump(2);
    INFO("everything console.js saw: " << (out / "console-result.json").string());

    CHECK(r["login_en_button"] == "Sign in");
    CHECK(r["wrong_password"] == "登录名或密码错误");
    CHECK(r["signed_in_as"].get<std::string>().find("王老师") != std::string::npos);

    // The call shows on the live hall within a second, without a reload.
    CHECK_FALSE(r["call"]["reloaded"].get<bool>());
    CHECK(r["call"]["shown_ms"].get<int>() <= 1000);
    std::cout << "console: call-next → " << r["call"]["number"].get<std::string>()
              << " on the live hall in " << r["call"]["shown_ms"] << " ms" << std::endl;

    // The closing round on the live hall: who, the unticked check, the note, and the alert.
    const std::string box = r["closing"]["box"].get<std::string>();
    CHECK(box.find("闭馆检查") != std::string::npos);
    CHECK(box.find("报告有未完成项") != std::string::npos);
    CHECK(box.find("✗ 空调已关") != std::string::npos);
    CHECK(box.find("备注：空调遥控器没电") != std::string::npos);
    CHECK(r["closing"]["alert"].get<std::string>().find("空调未关") != std::string::npos);

    // The new material is what kiosks read next.
    CHECK(r["service_saved"].get<std::string>().find("已保存") != std::string::npos);
    CHECK(r["versions_shown"].get<int>() >= 1);
    CHECK(r["kiosk_materials"].back() == material);

    // The token: 64 hex digits, the same in the QR code; refused once revoked.
    CHECK(r["token_length"] == 64);
    auto decoded = kiosk_test::decode_qr(r["qr_file"].get<std::string>());
    REQUIRE(decoded.size() == 1);
    CHECK(decoded[0].size() == 64);
    CHECK(r["token_before_revoke"] == 200);
    CHECK(r["token_after_revoke"] == 401);

    // The window plan made in the console: kept by the hub, to take effect tomorrow.
    CHECK(r["window_plan"] ==
          json::array(
              {{{"window", 2}, {"in_effect", false}, {"fri", json::array({"08:30-11:30"})}}}));
    CHECK(r["window_plan_shown"] == 1);
    // Per unit → JWC's staff (S001 called at window 1; S002 is CWC's) → S001's days.
    CHECK(r["unit_staff_rows"] == json::array({"S001"}));
    CHECK(r["person_filter"].get<std::string>().find("S001") != std::string::npos);
    CHECK(r["csrf"]["status"] == 403);
    CHECK(r["csrf"]["code"] == "csrf");

    // Every page answered in both languages, with no failure shown and no console error.
    CHECK(r["errors"] == json::array());
    REQUIRE(r["pages"].size() == 34);
    for (const auto& [name, page] : r["pages"].items()) {
        CAPTURE(name);
        CHECK(page["failed"] == json::array());
        CHECK_FALSE(page["heading"].get<std::string>().empty());
    }
    CHECK(r["pages"]["hall-zh"]["heading"] == "实时大厅");
    CHECK(r["pages"]["hall-en"]["heading"] == "Live hall");

    // The unit lead: no office pages in the nav, another unit's service read-only, its PUT
    // refused, the devices page refused with a message rather than a blank page.
    CHECK(r["unit_nav"] == json::array({"#hall", "#services", "#windows", "#cases", "#staff",
                                        "#roster", "#attendance", "#leave", "#worklog", "#quality",
                                        "#scorecard", "#figures", "#assets"}));
    CHECK(r["unit_other_service"]["note"].get<std::string>().find("财务处") != std::string::npos);
    CHECK(r["unit_other_service"]["save_buttons"] == 0);
    CHECK(r["unit_put_other"] == 403);
    CHECK(r["unit_devices"].get<std::string>().find("403") != std::string::npos);
    CHECK(r["unit_devices_forms"] == 0);
    CHECK(r["unit_page_errors"] == json::array());

    std::cout << "console screenshots:";
    for (const auto& shot : r["screenshots"]) {
        std::cout << " " << std::filesystem::path(shot.get<std::string>()).filename().string();
        CHECK(std::filesystem::file_size(shot.get<std::string>()) > 10000);
    }
    std::cout << " in " << out.string() << std::endl;
}
