#include <doctest/doctest.h>

#include "onestop/ui/script.h"

using onestop::ui::parse_script;
using Kind = onestop::ui::ScriptStep::Kind;

TEST_CASE("script: every step kind parses with its line number") {
    auto r = parse_script(
        "# comment\n\ntap 10 20\ntap-text 取号\nkey escape\nwait 250\nshot out.png\n"
        "expect A001\nexpect Take a number 900\nexpect-gone 离线 3000\n",
        "s.txt");
    REQUIRE(r.ok());
    auto& s = *r;
    REQUIRE(s.size() == 8);
    CHECK(s[0].kind == Kind::Tap);
    CHECK(s[0].x == 10);
    CHECK(s[0].y == 20);
    CHECK(s[0].line == 3);
    CHECK(s[1].kind == Kind::TapText);
    CHECK(s[1].text == "取号");
    CHECK(s[2].kind == Kind::Key);
    CHECK(s[2].text == "escape");
    CHECK(s[3].kind == Kind::Wait);
    CHECK(s[3].ms == 250);
    CHECK(s[4].kind == Kind::Shot);
    CHECK(s[4].text == "out.png");
    CHECK(s[5].kind == Kind::Expect);
    CHECK(s[5].ms == 5000);
    CHECK(s[6].text == "Take a number");
    CHECK(s[6].ms == 900);
    CHECK(s[7].kind == Kind::ExpectGone);
    CHECK(s[7].text == "离线");
    CHECK(s[7].ms == 3000);
}

TEST_CASE("script: an unknown step names its line") {
    auto r = parse_script("tap 1 2\njump 3\n", "s.txt");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("s.txt:2") != std::string::npos);
    CHECK(r.error().message.find("jump") != std::string::npos);
}

TEST_CASE("script: malformed arguments are refused") {
    CHECK_FALSE(parse_script("tap 1\n", "s").ok());
    CHECK_FALSE(parse_script("tap a b\n", "s").ok());
    CHECK_FALSE(parse_script("tap 1 2 3\n", "s").ok());
    CHECK_FALSE(parse_script("wait soon\n", "s").ok());
    CHECK_FALSE(parse_script("tap-text\n", "s").ok());
    CHECK_FALSE(parse_script("shot\n", "s").ok());
    CHECK_FALSE(parse_script("key two words\n", "s").ok());
}
