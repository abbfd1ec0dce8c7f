// 好差评 follow-ups through the real hub: a bad rating's follow-up closed by its unit's lead
// with the call-back and rectification, or appealed and decided by the office (rejected: open
// again; upheld: resolved, kept), who may do which, and the clock's daily reminders and the
// one escalation of an overdue follow-up, seen from hubs started on later days.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// A served ticket at `window` rated 1 by the window's pad; its follow-up's id.
int64_t bad_rating(HubFixture& f, int window, const std::string& session) {
    json t = f.issue(window == 1 ? "A" : "B");
    REQUIRE(f.post("/api/v1/windows/" + std::to_string(window) + "/call-next", nullptr, session)
                .status == 200);
    REQUIRE(
        f.post("/api/v1/windows/" + std::to_string(window) + "/finish", nullptr, session).status ==
        200);
    REQUIRE(f.post("/api/v1/evaluations",
                   {{"ticket", t["id"]}, {"level", 1}, {"reasons", {"long_wait"}}},
                   window == 1 ? f.pad1 : f.pad2)
                .status == 201);
    Answer all = f.get("/api/v1/followups?status=all", f.admin);
    for (const auto& x : all.body["followups"])
        if (x["ticket"] == t["id"]) return x["id"];
    FAIL("no follow-up for ticket " << t["id"] << ": " << all.status << " " << all.text);
    return 0;
}

std::string path(int64_t id, const std::string& verb = "") {
    return "/api/v1/followups/" + std::to_string(id) + (verb.empty() ? "" : "/" + verb);
}

}  // namespace

TEST_CASE("follow-ups: closed by the unit, appealed and decided by the office, kept") {
    HubFixture f;
    add_office_accounts(f);
    Browser office{f, "", ""}, unit{f, "", ""}, viewer{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);  // JWC's lead
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    std::string w1 = f.login(1), w2 = f.login(2);
    int64_t a = bad_rating(f, 1, w1), b = bad_rating(f, 1, w1), c = bad_rating(f, 2, w2);

    Answer one = unit.get(path(a));
    REQUIRE(one.status == 200);
    CHECK(one.body["followup"]["status"] == "open");
    CHECK(one.body["followup"]["deadline"] == "2026-12-04");  // Friday + 5 working days
    CHECK(one.body["followup"]["overdue"] == false);
    CHECK(unit.get(path(c)).status == 403);  // CWC's
    CHECK(unit.get(path(999)).status == 404);

    // Closing: the rectification is required, the call-back optional; its unit only.
    CHECK(unit.post(path(a, "close"), {{"callback", "已电话回访"}}).status == 400);  // missing
    CHECK(unit.post(path(c, "close"), {{"rectification", "x"}}).status == 403);
    CHECK(viewer.post(path(a, "close"), {{"rectification", "x"}}).status == 403);
    CHECK(f.post(path(a, "close"), {{"rectification", "x"}}, w1).status == 403);  // a counter
    Answer closed = unit.post(path(a, "close"), {{"callback", "已电话回访，申请人认可"},
                                                 {"rectification", "窗口人员服务用语培训"}});
    REQUIRE(closed.status == 200);
    CHECK(closed.body["followup"]["status"] == "closed");
    CHECK(closed.body["followup"]["closed_by"] == "account:zhao");
    CHECK(unit.post(path(a, "close"), {{"rectification", "再次"}}).body["error"]["code"] ==
          "wrong_status");

    // An appeal: by the unit, decided by the office; rejected it is open again.
    CHECK(office.post(path(b, "appeal"), {{"reason", "误评"}}).status == 403);
    CHECK(unit.post(path(b, "decide"), {{"upheld", true}, {"reason", "x"}}).status == 403);
    REQUIRE(unit.post(path(b, "appeal"), {{"reason", "申请人误按"}}).status == 200);
    CHECK(office.post(path(b, "decide"), {{"reason", "x"}}).status == 422);  // upheld missing
    Answer rejected =
        office.post(path(b, "decide"), {{"upheld", false}, {"reason", "监控显示确有等待过长"}});
    REQUIRE(rejected.status == 200);
    CHECK(rejected.body["followup"]["status"] == "open");
    CHECK(rejected.body["followup"]["decision"] == "rejected");
    REQUIRE(unit.post(path(b, "appeal"), {{"reason", "补充：系统故障致误评"}}).status == 200);
    Answer upheld = office.post(path(b, "decide"), {{"upheld", true}, {"reason", "系统日志为证"}});
    REQUIRE(upheld.status == 200);
    CHECK(upheld.body["followup"]["status"] == "upheld");
    CHECK(upheld.body["followup"]["decided_by"] == "account:wang");

    // Unresolved ones by default, every one with status=all; all audited.
    CHECK(office.get("/api/v1/followups").body["followups"].size() == 1);  // c
    CHECK(office.get("/api/v1/followups?status=all").body["followups"].size() == 3);
    CHECK(unit.get("/api/v1/followups?status=all").body["followups"].size() == 2);
    Answer audit = office.get("/api/v1/audit?action=followup.decide");
    CHECK(audit.body["entries"].size() == 2);
}

TEST_CASE("follow-ups: reminded daily while due, escalated once when overdue") {
    HubFixture f;
    std::string w1 = f.login(1);
    int64_t id = bad_rating(f, 1, w1);  // due Friday 4 December
    REQUIRE(f.hub.terminate() == 0);
    auto count = [](const std::vector<SseEvent>& events, const std::string& name) {
        int n = 0;
        for (const auto& e : events) n += e.name == name;
        return n;
    };
    {
        // Tuesday 1 December: not yet due, no reminder.
        LaterHub tuesday(f, "2026-12-01T09:00:00+08:00");
        SseReader events(tuesday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "evaluation.submitted"); }));
        CHECK(count(events.events(), "followup.due") == 0);
    }
    {
        // Thursday: due the next working day, the unit is reminded, once that day.
        LaterHub thursday(f, "2026-12-03T09:00:00+08:00");
        SseReader events(thursday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "followup.due") == 1; }));
        const auto& seen = events.events();
        CHECK(count(seen, "followup.overdue") == 0);
    }
    {
        LaterHub again(f, "2026-12-03T15:00:00+08:00");
        SseReader events(again.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "evaluation.submitted"); }));
        CHECK(count(events.events(), "followup.due") == 1);  // not twice on one day
    }
    {
        // Monday 7 December: overdue; reminded again and escalated to the office once.
        LaterHub monday(f, "2026-12-07T09:00:00+08:00");
        SseReader events(monday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "followup.overdue") == 1; }));
        for (const auto& e : events.events())
            if (e.name == "followup.overdue") {
                CHECK(e.data["followup"] == id);
                CHECK(e.data["unit"] == "JWC");
                CHECK(e.data["window"] == 1);
            }
        CHECK(count(events.events(), "followup.due") == 2);
        Answer listed = monday.get(path(id), f.admin);
        CHECK(listed.body["followup"]["overdue"] == true);
        CHECK(listed.body["followup"]["escalated_at"].is_string());
    }
    {
        LaterHub tuesday(f, "2026-12-08T09:00:00+08:00");
        SseReader events(tuesday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "followup.due") == 3; }));
        CHECK(count(events.events(), "followup.overdue") == 1);
    }
}
