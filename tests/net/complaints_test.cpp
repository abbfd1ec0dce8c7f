// A complaint as a device files it (POST /api/v1/complaints) and the part of the answer
// it shows. The hub's side of the wire is tested against these in tests/kiosk's e2e.

#include "onestop/net/complaints.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

using namespace onestop::net;

TEST_CASE("complaint request: about a window, a service or the hall; contact only when given") {
    ComplaintRequest r{"kiosk", {ComplaintAbout::Kind::Window, 3, ""}, "服务态度", ""};
    CHECK(to_json(r) ==
          Json::parse(R"({"channel":"kiosk","about":{"window":3},"text":"服务态度"})"));
    r.about = {ComplaintAbout::Kind::Service, 0, "A"};
    r.contact = "13800001111";
    CHECK(to_json(r) == Json::parse(R"({"channel":"kiosk","about":{"service":"A"},
                                        "text":"服务态度","contact":"13800001111"})"));
    r.about = {};
    CHECK(to_json(r)["about"] == Json::object());
}

TEST_CASE("filed complaint: parsed from the answer; its page from the hub's url or built") {
    auto body = Json::parse(R"({"complaint":{"id":7,"number":"TS-20261127-0001","code":"9f0c",
        "unit":"","due_date":"2026-12-11","status":"open","text":"…","steps":[]}})");
    auto c = parse_filed_complaint(body);
    REQUIRE(c.ok());
    CHECK(c->id == 7);
    CHECK(c->number == "TS-20261127-0001");
    CHECK(c->unit.empty());
    CHECK(complaint_page_url(*c, "http://10.0.0.2:8080/") ==
          "http://10.0.0.2:8080/complaint/7?c=9f0c");
    c->url = "https://hall.example.edu/complaint/7?c=9f0c";
    CHECK(complaint_page_url(*c, "http://10.0.0.2:8080") == c->url);

    CHECK_FALSE(parse_filed_complaint(Json::parse(R"({"error":{"code":"x"}})")).ok());
    CHECK_FALSE(parse_filed_complaint(Json::parse(R"({"complaint":{"number":"TS"}})")).ok());
}
