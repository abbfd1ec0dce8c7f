#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "onestop/net/protocol.h"

using namespace onestop::net;

TEST_CASE("a ticket parses with nulls for the optional fields") {
    auto j =
        Json::parse(R"({"id":7,"number":"A007","service":"A","status":"waiting","priority":true,
        "issued_at":"2026-11-25T10:00:00+08:00","called_at":null,"window":null,"waiting_ahead":3,
        "code":"c0de","estimated_wait_min":15})");
    auto t = parse_ticket(j);
    REQUIRE(t.ok());
    CHECK(t->id == 7);
    CHECK(t->priority);
    CHECK(t->called_at.empty());
    CHECK(t->window == 0);
    CHECK(t->waiting_ahead == 3);
    CHECK(t->code == "c0de");
    CHECK(t->estimated_wait_min == 15);
}

TEST_CASE("a ticket's url (the hub's --public-url link) is read when present") {
    auto j = Json::parse(R"({"id":7,"number":"A007","status":"waiting","code":"c0de",
        "url":"https://hall.example.edu/t/7?c=c0de"})");
    auto t = parse_ticket(j);
    REQUIRE(t.ok());
    CHECK(t->url == "https://hall.example.edu/t/7?c=c0de");
    j.erase("url");
    CHECK(parse_ticket(j)->url.empty());
}

TEST_CASE("a field of the wrong type is named, not thrown") {
    auto t = parse_ticket(Json::parse(R"({"id":"seven","number":"A007","status":"waiting"})"));
    REQUIRE_FALSE(t.ok());
    CHECK(t.error().code == "bad_response");
    CHECK(t.error().message.find("'id'") != std::string::npos);
    CHECK_FALSE(parse_ticket(Json::parse("[1,2]")).ok());
    CHECK_FALSE(parse_ticket(Json::parse(R"({"id":1,"status":"waiting"})")).ok());  // no number
}

TEST_CASE(
    "queue snapshot: window numbers, current number or null, staff or null; names as text or "
    "object") {
    auto q = parse_queue(Json::parse(R"({"now":"2026-11-25T10:00:00+08:00",
        "services":[{"code":"A","waiting":2,"open":true}],
        "windows":[{"number":1,"name":{"zh":"教务综合窗口","en":"Academic Affairs"},"unit":"JWC","services":["A","B"],
                    "status":"open","current":"A012","staff":{"number":"S001","name":"王丽"}},
                   {"number":2,"name":"学籍管理窗口","unit":"JWC","services":["B"],"status":"paused","current":null,"staff":null}],
        "recent_calls":[{"number":"A012","window":1,"at":"2026-11-25T09:59:00+08:00"}]})"));
    REQUIRE(q.ok());
    REQUIRE(q->windows.size() == 2);
    CHECK(q->windows[0].current == std::optional<std::string>("A012"));
    CHECK(q->windows[0].staff->name == "王丽");
    CHECK(q->windows[0].name.en == "Academic Affairs");
    CHECK_FALSE(q->windows[1].current.has_value());
    CHECK_FALSE(q->windows[1].staff.has_value());
    CHECK(q->windows[1].name.zh == "学籍管理窗口");
    CHECK(q->windows[1].name.en == "学籍管理窗口");
    CHECK(q->services[0].waiting == 2);
    CHECK(q->recent_calls[0].window == 1);

    auto bad = parse_queue(Json::parse(R"({"services":[],"windows":[{"number":1,"current":5}]})"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("current") != std::string::npos);
}

TEST_CASE("requests serialise as CONTRACT says") {
    IssueRequest offline{"A", Priority::Normal,           "rid", std::string("2026-11-25"),
                         101, "2026-11-25T10:01:00+08:00"};
    Json j = to_json(offline);
    CHECK(j["priority"] == false);
    CHECK(j["leased"]["sequence"] == 101);
    CHECK(j["leased"]["service_day"] == "2026-11-25");
    CHECK(j["issued_at"] == "2026-11-25T10:01:00+08:00");
    CHECK_FALSE(j["leased"].contains("hub_id"));
    offline.leased_hub_id = "5f0c2a9e";
    CHECK(to_json(offline)["leased"]["hub_id"] == "5f0c2a9e");

    Evaluation e{12, "", 1, {"attitude"}, "", ""};
    Json ej = to_json(e);
    CHECK(ej["ticket"] == 12);
    CHECK_FALSE(ej.contains("code"));
    CHECK(ej["reasons"][0] == "attitude");
}

TEST_CASE("leases and issue answers carry the hub's identity and a renumbered slip") {
    auto lease = parse_lease(Json::parse(
        R"({"service":"A","service_day":"2026-11-27","first":980,"count":20,"hub_id":"5f0c"})"));
    REQUIRE(lease.ok());
    CHECK(lease->hub_id == "5f0c");
    auto held = parse_held_leases(Json::parse(
        R"({"hub_id":"5f0c","leases":[{"service":"B","service_day":"2026-11-27","first":960,"count":20}]})"));
    REQUIRE(held.ok());
    CHECK(held->hub_id == "5f0c");
    REQUIRE(held->leases.size() == 1);
    CHECK(held->leases[0].first == 960);
    CHECK_FALSE(parse_held_leases(Json::parse(R"({"leases":[]})")).ok());
    CHECK_FALSE(parse_held_leases(Json::parse(R"({"hub_id":"x","leases":[{"service":1}]})")).ok());

    const char* ticket = R"("ticket":{"id":4,"number":"A004","status":"waiting"})";
    auto plain = parse_issue_answer(Json::parse(std::string("{") + ticket + "}"));
    REQUIRE(plain.ok());
    CHECK(plain->ticket.number == "A004");
    CHECK(plain->printed.empty());
    auto renumbered = parse_issue_answer(
        Json::parse(std::string("{") + ticket + R"(,"renumbered":{"printed":"A981"}})"));
    REQUIRE(renumbered.ok());
    CHECK(renumbered->printed == "A981");
    CHECK_FALSE(parse_issue_answer(Json::parse(R"({"renumbered":{"printed":"A981"}})")).ok());
    CHECK(parse_health(Json::parse(R"({"status":"ok","hub_id":"5f0c"})"))->hub_id == "5f0c");
}

TEST_CASE("loose field readers fall back instead of throwing") {
    Json d = Json::parse(R"({"window":null,"ticket":9,"number":5,"service":"B"})");
    CHECK(field_int(d, "window", -1) == -1);
    CHECK(field_int(d, "ticket") == 9);
    CHECK(field_string(d, "number", "?") == "?");
    CHECK(field_string(d, "service") == "B");
    CHECK(field_int(Json(nullptr), "x", 4) == 4);
}
