// The SDL programs' common flags on a CLI::App, as onestop-kiosk and onestop-board use them.
#include <doctest/doctest.h>

#include <CLI/CLI.hpp>

#include "onestop/ui/options.h"

using namespace onestop::ui;

TEST_CASE("common flags: values, sizes, a trailing slash on --hub, bad values name the flag") {
    CommonOptions o;
    CLI::App app("test", "test");
    add_common_flags(app, o);
    app.parse(
        "--lang en --window-size 1920x1080 --headless --exit-after=500 --hub http://h:1/ --script "
        "s.txt");
    CHECK(o.lang == onestop::config::Lang::En);
    REQUIRE(o.window_size);
    CHECK(o.window_size->w == 1920);
    CHECK(o.window_size->h == 1080);
    CHECK(o.headless);
    CHECK(o.exit_after_ms == 500);
    CHECK(o.hub == "http://h:1");
    CHECK(o.script == "s.txt");

    auto fails = [](const std::string& line) -> std::string {
        CommonOptions other;
        CLI::App again("test", "test");
        add_common_flags(again, other);
        try {
            again.parse(line);
        } catch (const CLI::ParseError& e) {
            return e.what();
        }
        return "";
    };
    CHECK(fails("--frobnicate").find("--frobnicate") != std::string::npos);
    CHECK(fails("--window-size big").find("--window-size") != std::string::npos);
    CHECK(fails("--exit-after -3").find("--exit-after") != std::string::npos);
    CHECK(fails("--lang fr").find("--lang") != std::string::npos);
    CHECK(fails("--hub 127.0.0.1:8080").find("--hub") != std::string::npos);
}

TEST_CASE("common flags: defaults") {
    CommonOptions o;
    CLI::App app("test", "test");
    add_common_flags(app, o);
    app.parse("");
    CHECK(o.hub == "http://127.0.0.1:8080");
    CHECK(o.lang == onestop::config::Lang::Zh);
    CHECK_FALSE(o.window_size);
    CHECK(o.exit_after_ms == -1);
}
