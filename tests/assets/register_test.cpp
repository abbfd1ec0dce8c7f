// The register's vocabulary: category codes, the hub's tags and a hall's own, locations.
#include <doctest/doctest.h>

#include "onestop/assets/register.h"

using namespace onestop::assets;

TEST_CASE("the four categories by code; only fixed assets are not counted stock") {
    for (const char* code : {"fixed", "office", "it_consumable", "low_value"}) {
        auto c = parse_category(code);
        REQUIRE(c);
        CHECK(std::string(to_string(*c)) == code);
    }
    CHECK(std::string(name_zh(Category::ItConsumable)) == "电脑耗材");
    CHECK_FALSE(parse_category("Fixed"));
    CHECK_FALSE(parse_category(""));
    CHECK_FALSE(counted(Category::Fixed));
    CHECK(counted(Category::Office));
    CHECK(counted(Category::LowValue));
}

TEST_CASE("tags: the hub's numbered ones and a hall's own") {
    CHECK(format_tag(123) == "ZC-000123");
    CHECK(format_tag(1234567) == "ZC-1234567");
    CHECK(valid_tag("ZC-000123"));
    CHECK(valid_tag("BQ.2019_07"));
    CHECK_FALSE(valid_tag(""));
    CHECK_FALSE(valid_tag("ZC/1"));
    CHECK_FALSE(valid_tag("资产1"));
    CHECK_FALSE(valid_tag("ZC 1"));
    CHECK_FALSE(valid_tag(std::string(33, 'A')));
}

TEST_CASE("locations: a window by number or a room by name") {
    CHECK(normal_location("window:03") == "window:3");
    CHECK(window_of("window:3") == 3);
    CHECK(window_of("北区101室") == 0);
    CHECK(normal_location("北区101室") == "北区101室");
    CHECK_FALSE(normal_location("window:0"));
    CHECK_FALSE(normal_location("window:x"));
    CHECK_FALSE(normal_location(""));
    CHECK_FALSE(normal_location("a\nb"));
    CHECK_FALSE(normal_location(std::string(65, 'r')));
}
