// The work log (工作日志, 第十八条) through the real hub: a staff member's day counted from
// the records (tickets served, cases by mode, a completion, hand-overs sent and confirmed,
// time signed in), the note written by a session of that staff member (counter or my page) or
// the office and kept in versions (each audited), and who reads which rows.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// Serves a ticket of `service` at `window`, opening a case of `mode` for it first; the case.
json serve_with_case(HubFixture& f, int window, const std::string& session,
                     const std::string& service, const std::string& mode) {
    f.issue(service);
    const std::string base = "/api/v1/windows/" + std::to_string(window);
    REQUIRE(f.post(base + "/call-next", nullptr, session).status == 200);
    Answer opened = f.post(base + "/cases", {{"mode", mode}}, session);
    REQUIRE(opened.status == 201);
    REQUIRE(f.post(base + "/finish", nullptr, session).status == 200);
    return opened.body["case"];
}

const json* row_of(const json& answer, const std::string& staff) {
    for (const auto& r : answer["rows"])
        if (r["staff"] == staff) return &r;
    return nullptr;
}

}  // namespace

TEST_CASE("work log: a day from the records, notes in versions, who reads and writes which") {
    HubFixture f;
    add_office_accounts(f);
    std::string s1 = f.login(1), s2 = f.login(2);  // S001 at JWC's window 1, S002 at CWC's 2
    serve_with_case(f, 1, s1, "A", "instant");
    json deadline = serve_with_case(f, 1, s1, "A", "deadline");
    Answer sent =
        f.post("/api/v1/cases/" + std::to_string(deadline["id"].get<int64_t>()) + "/handovers",
               {{"to_unit", "CWC"}, {"items", {"申请表"}}}, s1);
    REQUIRE(sent.status == 201);
    const std::string confirm = "/api/v1/handovers/" +
                                std::to_string(sent.body["handover"]["id"].get<int64_t>()) +
                                "/confirm";
    REQUIRE(f.post(confirm, {{"staff", "S002"}, {"pin", "1234"}}, s2).status == 200);

    // The note: the staff member's own session writes it; a save is a new version.
    const std::string today = f.get("/api/v1/queue").body["now"].get<std::string>().substr(0, 10);
    const std::string note1 = "/api/v1/worklog/S001/" + today + "/note";
    Answer first = f.put(note1, {{"note", "上午受理 2 件"}}, s1);
    REQUIRE(first.status == 200);
    CHECK(first.body["note"]["version"] == 1);
    CHECK(first.body["note"]["by"] == "staff:S001");
    Answer second = f.put(note1, {{"note", "上午受理 2 件；下午整理档案"}}, s1);
    CHECK(second.body["note"]["version"] == 2);
    Answer again = f.put(note1, {{"note", "上午受理 2 件；下午整理档案"}}, s1);
    CHECK(again.status == 200);
    CHECK(again.body["note"]["version"] == 2);  // the same words are no new version
    // Another staff member's note: refused to a session of someone else.
    CHECK(f.put("/api/v1/worklog/S002/" + today + "/note", {{"note", "替人写"}}, s1).status == 403);
    CHECK(f.put(note1, {{"note", "替人写"}}, s2).status == 403);
    CHECK(f.put(note1, {{"note", "无登录"}}).status == 401);
    CHECK(f.put("/api/v1/worklog/S001/2099-01-01/note", {{"note", "明天"}}, s1).status == 422);
    CHECK(f.put(note1, {{"text", "字段错"}}, s1).status == 400);
    CHECK(f.put("/api/v1/worklog/S404/" + today + "/note", {{"note", "x"}}, f.admin).status == 404);

    Browser office{f, "", ""}, viewer{f, "", ""}, unit{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
    // The staff member's my page (phone) is a session of theirs too; it reads only its own row.
    Browser phone{f, "", ""};
    REQUIRE(phone.staff_login("S002", "1234").status == 200);
    CHECK(phone.put("/api/v1/worklog/S002/" + today + "/note", {{"note", "手机补记"}}).status ==
          200);
    CHECK(phone.put(note1, {{"note", "替人写"}}).status == 403);
    Answer phone_rows = phone.get("/api/v1/worklog");
    REQUIRE(phone_rows.status == 200);
    REQUIRE(phone_rows.body["rows"].size() == 1);
    CHECK(phone_rows.body["rows"][0]["staff"] == "S002");
    // The office may write anyone's note (a correction the staff member asked for).
    CHECK(office.put("/api/v1/worklog/S002/" + today + "/note", {{"note", "接收教务处材料"}})
              .status == 200);

    Answer all = office.get("/api/v1/worklog?date=" + today);
    REQUIRE(all.status == 200);
    CHECK(all.body["date"] == today);
    const json* zhang = row_of(all.body, "S001");
    const json* li = row_of(all.body, "S002");
    REQUIRE(zhang);
    REQUIRE(li);
    CHECK((*zhang)["unit"] == "JWC");
    CHECK((*zhang)["tickets_served"] == 2);
    CHECK((*zhang)["cases_opened"] ==
          json{{"instant", 1}, {"deadline", 1}, {"supplement", 0}, {"return", 0}});
    CHECK((*zhang)["cases_completed"] == 1);  // the instant one
    CHECK((*zhang)["handovers_sent"] == 1);
    CHECK((*zhang)["handovers_confirmed"] == 0);
    CHECK((*zhang)["note"] == "上午受理 2 件；下午整理档案");
    CHECK((*zhang)["note_versions"].size() == 2);
    CHECK((*zhang)["first_in"].is_string());
    CHECK((*zhang)["last_out"].is_null());  // still signed in
    CHECK((*li)["handovers_confirmed"] == 1);
    CHECK((*li)["tickets_served"] == 0);
    CHECK((*li)["note"] == "接收教务处材料");
    CHECK((*li)["note_versions"][0]["by"] == "staff:S002");
    CHECK((*li)["note_versions"][1]["by"] == "account:wang");

    // Who reads which rows: the committee all, a unit's lead its own unit, a staff session itself.
    CHECK(viewer.get("/api/v1/worklog?date=" + today).body["rows"].size() ==
          all.body["rows"].size());
    Answer own = unit.get("/api/v1/worklog?date=" + today);
    REQUIRE(own.status == 200);
    REQUIRE_FALSE(own.body["rows"].empty());
    for (const auto& r : own.body["rows"]) CHECK(r["unit"] == "JWC");
    CHECK(unit.get("/api/v1/worklog?unit=CWC").status == 403);
    Answer mine = f.get("/api/v1/worklog", s1);
    REQUIRE(mine.status == 200);
    REQUIRE(mine.body["rows"].size() == 1);
    CHECK(mine.body["rows"][0]["staff"] == "S001");
    CHECK(f.get("/api/v1/worklog?staff=S002", s1).status == 403);
    CHECK(f.get("/api/v1/worklog").status == 401);
    CHECK(f.get("/api/v1/worklog", f.kiosk).status == 403);
    CHECK(office.get("/api/v1/worklog?date=2026-13-01").status == 422);

    // The exports carry the same rows.
    Answer csv = office.get("/api/v1/worklog?format=csv&date=" + today);
    REQUIRE(csv.status == 200);
    CHECK(csv.text.find("工作日志") != std::string::npos);
    CHECK(csv.text.find("上午受理 2 件；下午整理档案") != std::string::npos);
    CHECK(office.get("/api/v1/worklog?format=xlsx").status == 200);

    // Every saved version is in the audit log, with the text before it.
    json entries = office.get("/api/v1/audit?action=worklog.note").body["entries"];
    REQUIRE(entries.size() == 4);
    // Newest first: wang's and the phone's for S002, then S001's second and first.
    CHECK(entries[0]["who"] == "account:wang");
    CHECK(entries[0]["before"]["note"] == "手机补记");
    CHECK(entries[2]["who"] == "staff:S001");
    CHECK(entries[2]["target"] == "worklog S001 " + today);
    CHECK(entries[2]["before"]["note"] == "上午受理 2 件");
    CHECK(entries[3]["before"].is_null());
}
