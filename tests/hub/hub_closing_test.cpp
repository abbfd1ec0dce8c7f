// The closing round (闭馆检查, 第三十九条) through the real hub: a counter session learns whether
// it is the last one in the hall, records the round (who, when, the four checks, a note),
// audited and sent as hall.closed; the office, the committee and the units' leads read the
// rounds by dates and see today's on the live hall, a check not done as an alert; and hubs
// started later that day tell the office once when nobody did the round by closing_check_by.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

json all_done(bool lights = true) {
    return {{"doors_windows", true},
            {"lights", lights},
            {"air_conditioning", true},
            {"other_power", true}};
}

int count(const std::vector<SseEvent>& events, const std::string& name) {
    int n = 0;
    for (const auto& e : events) n += e.name == name;
    return n;
}

const json* alert_of(const json& hall, const std::string& kind) {
    for (const auto& a : hall["alerts"])
        if (a["kind"] == kind) return &a;
    return nullptr;
}

}  // namespace

TEST_CASE("closing round: the last one out records it; who reads it; a check not done alerts") {
    HubFixture f;
    add_office_accounts(f);
    std::string s1 = f.login(1), s2 = f.login(2);
    Answer me = f.get("/api/v1/sessions/current", s1);
    REQUIRE(me.status == 200);
    CHECK(me.body["session"]["staff"] == "S001");
    CHECK(me.body["others_signed_in"] == 1);
    CHECK(me.body["last_in_hall"] == false);
    REQUIRE(f.del("/api/v1/sessions/current", s2).status == 200);
    CHECK(f.get("/api/v1/sessions/current", s1).body["last_in_hall"] == true);
    CHECK(f.get("/api/v1/sessions/current", f.counter).status == 403);

    // Only a counter session confirms a round; the four checks are required booleans.
    CHECK(f.post("/api/v1/hall/closings", all_done(), f.admin).status == 403);
    CHECK(f.post("/api/v1/hall/closings", all_done(), "").status == 401);
    json partial = all_done();
    partial.erase("other_power");
    CHECK(f.post("/api/v1/hall/closings", partial, s1).status == 400);
    json long_note = all_done();
    long_note["note"] = std::string(501, 'x');
    Answer too_long = f.post("/api/v1/hall/closings", long_note, s1);
    CHECK(too_long.status == 422);
    CHECK(too_long.body["error"]["code"] == "invalid_field");

    SseReader events(f.hub.url(), "0");
    json round = all_done(false);
    round["note"] = "灯控开关坏了，已报修";
    Answer recorded = f.post("/api/v1/hall/closings", round, s1);
    REQUIRE(recorded.status == 201);
    const json& r = recorded.body["closing"];
    CHECK(r["date"] == "2026-11-27");
    CHECK(r["staff"] == "S001");
    CHECK(r["window"] == 1);
    CHECK(r["checks"] == all_done(false));
    CHECK(r["all_done"] == false);
    CHECK(r["note"] == "灯控开关坏了，已报修");
    REQUIRE(events.wait_for([](const auto& e) { return count(e, "hall.closed") == 1; }));
    for (const auto& e : events.events())
        if (e.name == "hall.closed") {
            CHECK(e.data["all_done"] == false);
            CHECK(e.data["noted"] == true);
            CHECK(e.data["window"] == 1);
            CHECK_FALSE(e.data.contains("note"));  // events carry no free text
        }

    // The office, the committee and a unit's lead read the rounds; others do not.
    Browser office{f, "", ""}, viewer{f, "", ""}, unit{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
    for (const Browser* b : {&office, &viewer, &unit}) {
        Answer list = b->get("/api/v1/hall/closings?from=2026-11-01&to=2026-11-30");
        REQUIRE(list.status == 200);
        REQUIRE(list.body["closings"].size() == 1);
        CHECK(list.body["closings"][0] == r);
        CHECK(list.body["today"]["status"] == "incomplete");
    }
    CHECK(f.get("/api/v1/hall/closings").status == 401);
    CHECK(f.get("/api/v1/hall/closings", s1).status == 403);
    CHECK(
        office.get("/api/v1/hall/closings?from=2026-12-01&to=2026-12-31").body["closings"].empty());
    CHECK(office.get("/api/v1/hall/closings?from=2026-11-30&to=2026-11-01").status == 422);
    CHECK(office.get("/api/v1/hall/closings?from=2026-13-01").status == 422);
    CHECK(office.get("/api/v1/hall/closings?from=2025-01-01&to=2026-11-30").status == 422);

    // The live hall: today's round and the alert for the light left on.
    Answer hall = office.get("/api/v1/office/hall");
    REQUIRE(hall.status == 200);
    CHECK(hall.body["closing"]["status"] == "incomplete");
    CHECK(hall.body["closing"]["due"] == "18:00");
    CHECK(hall.body["closing"]["last"] == r);
    const json* a = alert_of(hall.body, "closing_incomplete");
    REQUIRE(a);
    CHECK((*a)["message"]["zh"] ==
          "闭馆检查：灯未关（S001 张三，1号窗口），备注：灯控开关坏了，已报修");
    CHECK((*a)["message"]["en"] ==
          "Closing round: lights on (S001 张三, window 1); note: 灯控开关坏了，已报修");

    bool audited = false;
    const json entries = office.get("/api/v1/audit").body["entries"];
    for (const auto& e : entries)
        audited = audited || (e["action"] == "hall.closing" && e["who"] == "staff:S001");
    CHECK(audited);

    // A round with all four done clears the alert; the day's last round is the one shown.
    REQUIRE(f.post("/api/v1/hall/closings", all_done(), s1).status == 201);
    hall = office.get("/api/v1/office/hall");
    CHECK(hall.body["closing"]["status"] == "done");
    CHECK_FALSE(alert_of(hall.body, "closing_incomplete"));
    CHECK(office.get("/api/v1/hall/closings").body["closings"].size() == 2);
}

TEST_CASE(
    "closing round overdue: the office is told once, after closing_check_by, on a day worked") {
    HubFixture f;
    add_office_accounts(f);
    f.login(1);  // Friday 27 November: someone worked
    REQUIRE(f.hub.terminate() == 0);
    {
        LaterHub before(f, "2026-11-27T17:58:00+08:00");
        Answer hall = before.get("/api/v1/office/hall", f.admin);
        CHECK(hall.body["closing"]["status"] == "pending");
        CHECK_FALSE(alert_of(hall.body, "closing_overdue"));
    }
    {
        LaterHub after(f, "2026-11-27T18:05:00+08:00");
        SseReader events(after.hub.url(), "0");
        REQUIRE(
            events.wait_for([](const auto& e) { return count(e, "hall.closing_overdue") == 1; }));
        for (const auto& e : events.events())
            if (e.name == "hall.closing_overdue") {
                CHECK(e.data["date"] == "2026-11-27");
                CHECK(e.data["due"] == "18:00");
            }
        Answer hall = after.get("/api/v1/office/hall", f.admin);
        CHECK(hall.body["closing"]["status"] == "overdue");
        const json* a = alert_of(hall.body, "closing_overdue");
        REQUIRE(a);
        CHECK((*a)["message"]["zh"] == "未完成闭馆检查（应于 18:00 前完成）");
        CHECK((*a)["since"] == "2026-11-27T18:00:00+08:00");
        CHECK(after.get("/api/v1/hall/closings", f.admin).body["today"]["status"] == "overdue");
    }
    {
        // Started again the same evening: not a second time.
        LaterHub again(f, "2026-11-27T19:00:00+08:00");
        SseReader events(again.hub.url(), "0");
        REQUIRE(
            events.wait_for([](const auto& e) { return count(e, "hall.closing_overdue") == 1; }));
        CHECK_FALSE(
            events.wait_for([](const auto& e) { return count(e, "hall.closing_overdue") > 1; },
                            std::chrono::seconds(3)));
    }
    {
        // Monday, nobody signed in (Friday's forgotten session does not count): nothing due.
        LaterHub monday(f, "2026-11-30T18:30:00+08:00");
        Answer hall = monday.get("/api/v1/office/hall", f.admin);
        CHECK(hall.body["closing"]["status"] == "not_needed");
        CHECK_FALSE(alert_of(hall.body, "closing_overdue"));
    }
}
