// The applicant's ticket page in a real browser: Debian's chromium, headless at a phone's
// size, driven by playwright-core (ticket_page.js) while window 1 calls numbers. The page
// must show "请到 1 号窗口" within a second of call-next, vibrate, and reload into the
// rating form once served; the screenshots land in the build folder for a person to look at.
#include <doctest/doctest.h>

#include <filesystem>
#include <iostream>

#include "browser_tools.h"
#include "hub_fixture.h"

using namespace onestop::test;

TEST_CASE("the ticket page shows the call within a second, vibrates, and asks for a rating") {
    std::string missing = missing_tools();
    if (!missing.empty())
        FAIL("missing:" << missing
                        << "; run scripts/setup (it installs chromium and nodejs, "
                           "and runs npm ci in tests/browser)");

    HubFixture f;
    f.issue("A");
    json zh = f.issue("A");
    json en = f.issue("A");
    const std::filesystem::path out = ONESTOP_BROWSER_OUT;
    std::filesystem::create_directories(out);
    json config = {{"hub", f.hub.url()},
                   {"window", 1},
                   {"session", f.login(1)},
                   {"out", out.string()},
                   {"pages",
                    {{{"lang", "zh"}, {"id", zh["id"]}, {"code", zh["code"]}},
                     {{"lang", "en"}, {"id", en["id"]}, {"code", en["code"]}}}}};
    ChildProcess node({kNode, (kBrowserTests / "ticket_page.js").string(), config.dump()},
                      {.out = Stream::pipe(), .err = Stream::pipe()});
    int status = node.wait(std::chrono::seconds(90));
    INFO("ticket_page.js stderr: " << node.errors());
    REQUIRE(status == 0);
    json result = json::parse(node.output(), nullptr, false);
    REQUIRE(result.is_object());

    CHECK(result["refresh_without_scripts"] == json::array({"15"}));
    const char* call_text[] = {"请到 1 号窗口", "Please go to window 1"};
    const char* waiting_text[] = {"前面还有 1 人", "2 ahead of you"};
    const char* next_text[] = {"您是下一位，请留意叫号", "1 ahead of you"};
    REQUIRE(result["pages"].size() == 2);
    for (size_t i = 0; i < 2; ++i) {
        const json& page = result["pages"][i];
        CAPTURE(page.dump());
        int ms = page["call_ms"].get<int>();
        std::cout << "ticket page (" << page["lang"].get<std::string>() << "): call-next → "
                  << call_text[i] << " shown in " << ms << " ms; screenshots:";
        for (const auto& shot : page["screenshots"]) std::cout << " " << shot.get<std::string>();
        std::cout << std::endl;
        CHECK(page["errors"].empty());
        CHECK(page["refresh_with_scripts"] == 0);  // scripts on: no 15 s reload
        CHECK(page["waiting"] == waiting_text[i]);
        CHECK(page["moved_up"] == next_text[i]);  // updated in place
        CHECK(page["call"] == call_text[i]);
        CHECK(ms <= 1000);
        CHECK(page["vibrations"].size() == 1);
        CHECK_FALSE(page["reloaded"].get<bool>());
        for (const auto& shot : page["screenshots"])
            CHECK(std::filesystem::file_size(shot.get<std::string>()) > 10000);
    }
    // The tapped page chimes (two tones).
    CHECK(result["pages"][0]["chime_tones"] == 2);
    // The third call finished the first page's ticket: it reloaded into the rating form.
    CHECK(result["pages"][0]["final_status"] == "已办结");
}
