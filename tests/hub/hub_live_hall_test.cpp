// GET /api/v1/office/hall: the office's live hall — windows with staff, current number and
// pause, each service's line and waits, and the alerts (paused too long, long wait, printer
// trouble until the kiosk issues again, devices not seen) — scoped to a unit's lead's unit.
#include <doctest/doctest.h>

#include "hub_fixture.h"
#include "wait.h"

using namespace onestop::test;

namespace {

json find_by(const json& list, const char* key, const json& value) {
    for (const auto& item : list)
        if (item.value(key, json()) == value) return item;
    return nullptr;
}

bool has_alert(const json& hall, const std::string& kind, const char* key, const json& value) {
    for (const auto& a : hall["alerts"])
        if (a["kind"] == kind && a.value(key, json()) == value) return true;
    return false;
}

}  // namespace

TEST_CASE("live hall: who is at each window, why one is paused, how long people wait") {
    HubFixture f;
    std::string s1 = f.login(1), s2 = f.login(2);
    for (int i = 0; i < 3; ++i) f.issue("A");
    f.issue("B");
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, s1).status == 200);
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, s1).status == 200);
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, s1).status == 200);
    REQUIRE(f.post("/api/v1/windows/2/pause", {{"reason", "meeting"}}, s2).status == 200);

    auto hall = f.get("/api/v1/office/hall", f.admin);
    REQUIRE(hall.status == 200);
    json w1 = find_by(hall.body["windows"], "number", 1);
    CHECK(w1["status"] == "open");
    CHECK(w1["staff"]["number"] == "S001");
    CHECK(w1["current"]["number"] == "A002");
    CHECK(w1["served_today"] == 1);
    json w2 = find_by(hall.body["windows"], "number", 2);
    CHECK(w2["status"] == "paused");
    CHECK(w2["pause_reason"] == "meeting");
    CHECK(w2["pause_reason_text"]["zh"] == "开会");
    CHECK(w2["paused_at"].is_string());
    json a = find_by(hall.body["services"], "code", "A");
    CHECK(a["waiting"] == 1);
    CHECK(a["longest_wait_min"] == 0);
    CHECK(a["average_wait_today_min"] == 0);
    CHECK(find_by(hall.body["services"], "code", "B")["average_wait_today_min"].is_null());
    // Nothing has lasted 30 minutes yet.
    CHECK(hall.body["alerts"].empty());

    // With the thresholds at 0 the pause and the waits are alerts, the pause with its reason.
    auto strict = f.get("/api/v1/office/hall?paused_minutes=0&wait_minutes=0", f.admin);
    REQUIRE(strict.status == 200);
    CHECK(has_alert(strict.body, "window_paused", "window", 2));
    CHECK(has_alert(strict.body, "long_wait", "service", "A"));
    CHECK(has_alert(strict.body, "long_wait", "service", "B"));
    for (const auto& al : strict.body["alerts"])
        if (al["kind"] == "window_paused")
            CHECK(al["message"]["zh"].get<std::string>().find("开会") != std::string::npos);
    CHECK(f.get("/api/v1/office/hall?wait_minutes=soon", f.admin).status == 422);
}

TEST_CASE("live hall: a printer alert stands until its kiosk issues again; unseen devices") {
    HubFixture f;
    REQUIRE(
        f.post("/api/v1/alerts", {{"kind", "printer_paper_end"}, {"message", "paper out"}}, f.kiosk)
            .status == 201);
    auto hall = f.get("/api/v1/office/hall", f.admin);
    REQUIRE(has_alert(hall.body, "printer", "trouble", "printer_paper_end"));
    for (const auto& al : hall.body["alerts"])
        if (al["kind"] == "printer")
            CHECK(al["message"]["zh"].get<std::string>().find("缺纸") != std::string::npos);
    // The kiosk issues again (refilled) in a later second: the hub's times are to the second.
    std::string raised = f.get("/api/v1/queue").body["now"];
    REQUIRE(wait_until([&] { return f.get("/api/v1/queue").body["now"] != raised; },
                       std::chrono::seconds(3)));
    f.issue("A");
    CHECK(!has_alert(f.get("/api/v1/office/hall", f.admin).body, "printer", "trouble",
                     "printer_paper_end"));

    // Every device was seen this minute: not offline at 10 minutes, offline at 0.
    CHECK(!has_alert(f.get("/api/v1/office/hall", f.admin).body, "device_offline", "window",
                     nullptr));
    auto strict = f.get("/api/v1/office/hall?offline_minutes=0", f.admin);
    bool kiosk_listed = false;
    for (const auto& al : strict.body["alerts"])
        kiosk_listed =
            kiosk_listed || (al["kind"] == "device_offline" &&
                             al["message"]["en"].get<std::string>().find("大厅入口一号机") == 0);
    CHECK(kiosk_listed);
}

TEST_CASE("live hall: a unit's lead sees its own unit's windows and services only") {
    HubFixture f;
    REQUIRE(add_account(f,
                        {"--login", "zhao", "--name", "赵科长", "--role", "unit", "--unit", "JWC"},
                        "unit-pass-1")
                .status == 0);
    OfficeBrowser lead{f};
    REQUIRE(lead.login("zhao", "unit-pass-1").status == 200);
    auto hall = lead.get("/api/v1/office/hall");
    REQUIRE(hall.status == 200);
    for (const auto& w : hall.body["windows"]) CHECK(w["unit"] == "JWC");
    for (const auto& s : hall.body["services"]) CHECK(s["unit"] == "JWC");
    CHECK(!hall.body["windows"].empty());
    CHECK(f.get("/api/v1/office/hall").status == 401);
    CHECK(f.get("/api/v1/office/hall", f.kiosk).status == 403);
}
