// Complaints through the real hub (第四十一、四十二条): filed from every channel, routed by
// what they are about, seen by whom they concern and by the complainant with the code, the
// clock stopped while waiting for the complainant, answered with a finding, re-routed by the
// office; reminders and the one escalation from hubs started on later days; the rating's phone
// number reaching the follow-up, and the ticket page telling the applicant what became of it;
// ten complaints an hour from an address for nobody signed in.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

std::string path(const json& c, const std::string& verb = "") {
    return "/api/v1/complaints/" + std::to_string(c["id"].get<int64_t>()) +
           (verb.empty() ? "" : "/" + verb);
}

json file(const HubFixture& f, const json& about, const std::string& channel = "web",
          const std::string& token = "") {
    Answer a = f.post("/api/v1/complaints",
                      {{"channel", channel},
                       {"about", about},
                       {"text", "窗口人员态度生硬"},
                       {"contact", "13800001111"}},
                      token);
    REQUIRE(a.status == 201);
    return a.body["complaint"];
}

int count(const std::vector<SseEvent>& events, const std::string& name) {
    int n = 0;
    for (const auto& e : events) n += e.name == name;
    return n;
}

}  // namespace

TEST_CASE("complaints: filed from each channel, routed, seen by whom they concern, answered") {
    HubFixture f;
    add_office_accounts(f);
    Browser office{f, "", ""}, unit{f, "", ""}, viewer{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);  // JWC's lead
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);

    // Routing by what it is about; a number per day and a code to follow it.
    json by_window = file(f, {{"window", 1}});
    CHECK(by_window["number"] == "TS-20261127-0001");
    CHECK(by_window["unit"] == "JWC");
    CHECK(by_window["status"] == "open");
    CHECK(by_window["due_date"] == "2026-12-11");  // Friday + 10 working days
    CHECK(by_window["code"].get<std::string>().size() == 16);
    json by_staff = file(f, {{"staff", "S002"}}, "kiosk", f.kiosk);
    CHECK(by_staff["unit"] == "CWC");
    CHECK(by_staff["staff"] == "S002");
    json by_service = file(f, {{"service", "B"}});
    CHECK(by_service["unit"] == "CWC");
    json hall = file(f, json::object());
    CHECK(hall["unit"] == "");
    CHECK(hall["number"] == "TS-20261127-0004");
    Answer phoned = office.post(
        "/api/v1/complaints",
        {{"channel", "phone"}, {"about", {{"window", 2}}}, {"text", "电话反映：等候时间过长"}});
    REQUIRE(phoned.status == 201);
    CHECK(phoned.body["complaint"]["entered_by"] == "account:wang");

    // Bad input: a clear refusal, nothing filed.
    auto refused = [&](const json& body) { return f.post("/api/v1/complaints", body).status; };
    CHECK(refused({{"channel", "fax"}, {"about", json::object()}, {"text", "x"}}) == 422);
    CHECK(refused({{"channel", "web"}, {"about", {{"window", 99}}}, {"text", "x"}}) == 422);
    CHECK(refused({{"channel", "web"}, {"about", {{"staff", "S999"}}}, {"text", "x"}}) == 422);
    CHECK(refused({{"channel", "web"}, {"about", {{"room", 1}}}, {"text", "x"}}) == 422);
    CHECK(refused({{"channel", "web"}, {"about", json::object()}}) == 400);
    CHECK(refused({{"channel", "web"}, {"about", json::object()}, {"text", ""}}) == 422);
    CHECK(office.get("/api/v1/complaints").body["complaints"].size() == 5);

    // Who sees what: the unit its own, the office and viewers all, the complainant with the
    // code (without the contact and who did each step).
    CHECK(unit.get("/api/v1/complaints").body["complaints"].size() == 1);
    CHECK(unit.get(path(by_staff)).status == 403);
    CHECK(unit.get(path(hall)).status == 403);
    CHECK(viewer.get(path(hall)).status == 200);
    CHECK(f.get(path(by_window)).status == 401);
    CHECK(f.get(path(by_window) + "?code=0000000000000000").status == 403);
    Answer mine = f.get(path(by_window) + "?code=" + by_window["code"].get<std::string>());
    REQUIRE(mine.status == 200);
    CHECK_FALSE(mine.body["complaint"].contains("contact"));
    CHECK_FALSE(mine.body["complaint"].contains("code"));
    CHECK(mine.body["complaint"]["steps"].size() == 2);  // received, routed
    CHECK(office.get(path(by_window)).body["complaint"]["contact"] == "13800001111");
    CHECK(f.get("/api/v1/complaints/999", f.admin).status == 404);

    // Waiting for the complainant, who adds what was asked with the code.
    CHECK(unit.post(path(by_window, "wait"), json::object()).status == 400);  // note required
    Answer waiting = unit.post(path(by_window, "wait"), {{"note", "请提供办理时间"}});
    REQUIRE(waiting.status == 200);
    CHECK(waiting.body["complaint"]["status"] == "waiting");
    CHECK(f.post(path(by_window, "add"), {{"code", "wrong"}, {"text", "x"}}).status == 403);
    Answer added = f.post(path(by_window, "add"),
                          {{"code", by_window["code"]}, {"text", "11月27日上午10点左右"}});
    REQUIRE(added.status == 200);
    CHECK(added.body["complaint"]["status"] == "open");
    CHECK(added.body["complaint"]["due_date"] == "2026-12-11");  // held no working day

    // Answering: its unit or the office; a substantiated finding needs the action.
    CHECK(unit.post(path(by_staff, "answer"), {{"finding", "unfounded"}, {"reply", "x"}}).status ==
          403);
    CHECK(
        viewer.post(path(by_window, "answer"), {{"finding", "unfounded"}, {"reply", "x"}}).status ==
        403);
    CHECK(unit.post(path(by_window, "answer"), {{"finding", "maybe"}, {"reply", "x"}}).status ==
          422);
    CHECK(unit.post(path(by_window, "answer"), {{"finding", "substantiated"}, {"reply", "x"}})
              .status == 422);
    Answer answered =
        unit.post(path(by_window, "answer"), {{"finding", "substantiated"},
                                              {"action", "约谈当事人，服务规范培训"},
                                              {"reply", "经核实属实，已整改，感谢监督"}});
    REQUIRE(answered.status == 200);
    CHECK(answered.body["complaint"]["status"] == "answered");
    CHECK(answered.body["complaint"]["answered_by"] == "account:zhao");
    CHECK(unit.post(path(by_window, "answer"), {{"finding", "unfounded"}, {"reply", "x"}})
              .body["error"]["code"] == "wrong_status");
    mine = f.get(path(by_window) + "?code=" + by_window["code"].get<std::string>());
    CHECK(mine.body["complaint"]["reply"] == "经核实属实，已整改，感谢监督");
    CHECK(mine.body["complaint"]["finding"] == "substantiated");

    // The office re-routes the hall's own complaint to a unit, which then handles it.
    CHECK(unit.post(path(hall, "route"), {{"unit", "JWC"}}).status == 403);
    CHECK(office.post(path(hall, "route"), {{"unit", "XYZ"}}).status == 422);
    REQUIRE(office.post(path(hall, "route"), {{"unit", "JWC"}}).status == 200);
    CHECK(unit.get(path(hall)).status == 200);
    CHECK(office.get("/api/v1/audit?action=complaint.route").body["entries"].size() == 1);
    CHECK(office.get("/api/v1/complaints?status=all").body["complaints"].size() == 5);
    CHECK(office.get("/api/v1/complaints").body["complaints"].size() == 4);

    // The complainant's page: the number, the unit, the answer.
    Answer page = f.get("/complaint/" + std::to_string(by_window["id"].get<int64_t>()) +
                        "?c=" + by_window["code"].get<std::string>());
    CHECK(page.status == 200);
    CHECK(page.text.find("TS-20261127-0001") != std::string::npos);
    CHECK(page.text.find("经核实属实，已整改") != std::string::npos);
    CHECK(f.get("/complaint/1?c=nope").status == 404);
    CHECK(f.get("/complaint?window=1").text.find("name=\"window\"") != std::string::npos);
}

TEST_CASE("complaints from nobody signed in: ten an hour from one address, then 429") {
    HubFixture f;
    add_office_accounts(f);
    for (int i = 0; i < 10; ++i) file(f, {{"window", 1}});
    Answer refused = f.post("/api/v1/complaints",
                            {{"channel", "web"}, {"about", json::object()}, {"text", "又一条"}});
    CHECK(refused.status == 429);
    CHECK(refused.body["error"]["code"] == "too_many_tries");
    // The kiosk and the office (phone calls, box letters) are not held back.
    file(f, {{"window", 1}}, "kiosk", f.kiosk);
    Browser office{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    CHECK(office
              .post("/api/v1/complaints",
                    {{"channel", "phone"}, {"about", json::object()}, {"text", "电话投诉"}})
              .status == 201);
    CHECK(office.get("/api/v1/complaints").body["complaints"].size() == 12);
}

TEST_CASE("complaints: the clock stops while waiting, reminders daily, escalated once") {
    HubFixture f;
    json c = file(f, {{"window", 1}});  // Friday 27 November, due Friday 11 December
    json w = file(f, {{"window", 2}});
    REQUIRE(f.post(path(w, "wait"), {{"note", "请补充时间"}}, f.admin).status == 200);
    REQUIRE(f.hub.terminate() == 0);
    {
        // Thursday 10 December: due the next working day: reminded (the waiting one not).
        LaterHub thursday(f, "2026-12-10T09:00:00+08:00");
        SseReader events(thursday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "complaint.due") == 1; }));
        for (const auto& e : events.events())
            if (e.name == "complaint.due") CHECK(e.data["number"] == c["number"]);
        // The complainant adds after nine working days of waiting: the due date moves on.
        Answer added =
            thursday.post(path(w, "add"), {{"code", w["code"]}, {"text", "上午十点"}}, "");
        REQUIRE(added.status == 200);
        CHECK(added.body["complaint"]["due_date"] == "2026-12-24");
    }
    {
        // Monday 14 December: overdue, escalated to the office once.
        LaterHub monday(f, "2026-12-14T09:00:00+08:00");
        SseReader events(monday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "complaint.overdue") == 1; }));
        Answer one = monday.get(path(c), f.admin);
        CHECK(one.body["complaint"]["overdue"] == true);
        CHECK(one.body["complaint"]["escalated_at"].is_string());
    }
    {
        LaterHub tuesday(f, "2026-12-15T09:00:00+08:00");
        SseReader events(tuesday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return count(e, "complaint.due") == 3; }));
        CHECK(count(events.events(), "complaint.overdue") == 1);
    }
}

TEST_CASE("a rating's phone number reaches the follow-up; the ticket page tells the outcome") {
    HubFixture f;
    add_office_accounts(f);
    Browser unit{f, "", ""};
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
    std::string w1 = f.login(1);
    json t = f.issue("A");
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    json rating = {
        {"ticket", t["id"]}, {"code", t["code"]}, {"level", 2}, {"reasons", {"long_wait"}}};
    rating["contact"] = "call me";
    CHECK(f.post("/api/v1/evaluations", rating).status == 422);
    rating["contact"] = "138-0000 2222";
    REQUIRE(f.post("/api/v1/evaluations", rating).status == 201);
    json followup = unit.get("/api/v1/followups").body["followups"][0];
    CHECK(followup["contact"] == "138-0000 2222");

    std::string page =
        "/t/" + std::to_string(t["id"].get<int64_t>()) + "?c=" + t["code"].get<std::string>();
    CHECK(f.get(page).text.find("2026-12-04") != std::string::npos);  // with the unit until
    REQUIRE(
        unit.post("/api/v1/followups/" + std::to_string(followup["id"].get<int64_t>()) + "/close",
                  {{"callback", "已回访"}, {"rectification", "高峰时段增开窗口"}})
            .status == 200);
    CHECK(f.get(page).text.find("高峰时段增开窗口") != std::string::npos);
}
