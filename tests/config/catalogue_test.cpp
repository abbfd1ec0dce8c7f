#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "onestop/base/paths.h"
#include "onestop/config/catalogue.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::config;

TEST_CASE("catalogue fills placeholders and shows missing keys") {
    test::TempDir dir;
    std::ofstream(dir / "c.toml")
        << "[ahead]\nzh = \"前面还有 {n} 人\"\nen = \"{n} ahead of you\"\n";
    auto cat = Catalogue::load(dir / "c.toml");
    REQUIRE(cat.ok());
    CHECK(cat->text("ahead", Lang::Zh, {{"n", "3"}}) == "前面还有 3 人");
    CHECK(cat->text("ahead", Lang::En, {{"n", "3"}}) == "3 ahead of you");
    CHECK(cat->text("nope", Lang::En) == "⟦nope⟧");
}

TEST_CASE("a key in only one language is refused") {
    test::TempDir dir;
    std::ofstream(dir / "c.toml") << "[only_zh]\nzh = \"取号\"\n";
    auto cat = Catalogue::load(dir / "c.toml");
    REQUIRE_FALSE(cat.ok());
    CHECK(cat.error().message.find("only_zh") != std::string::npos);
}

TEST_CASE("every shipped catalogue has both languages for every key") {
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(asset_path("i18n"))) {
        if (entry.path().extension() != ".toml") continue;
        ++files;
        auto cat = Catalogue::load(entry.path());
        CHECK_MESSAGE(cat.ok(), entry.path().string()
                                    << ": " << (cat.ok() ? "" : cat.error().message));
    }
}
