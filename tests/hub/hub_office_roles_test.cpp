// Every office route × every role (CONTRACT "Office accounts"): without credentials 401, a
// device token 403, the committee's viewer reads but changes nothing (403), a unit's lead
// reads and changes its own unit's records only (another unit's → 403, also by number or
// id), the office and admin tokens everything. Every change allowed leaves exactly one
// audit entry naming who, what and which record; a refused one leaves none.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

struct Case {
    std::string method, path;
    json body;  // null: none
    int viewer, unit, office;
    std::string action;  // the audit entry of an allowed change; empty for reads
    std::string target;
};

constexpr int kFiltered = 200;  // a unit's lead reads the list, its own unit's rows only

// Run in this order, with the office's turn last: a row's change must not decide a later
// row's answer for another role. Staff: S001 JWC (zhao's unit), S002 CWC.
const std::vector<Case> kCases = {
    // reads
    {"GET", "/api/v1/staff", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/staff/S001", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/staff/S002", nullptr, 200, 403, 200, "", ""},
    {"GET", "/api/v1/reports/figures?by=staff", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/reports/figures?format=csv", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/reports/ratings", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/reports/attendance", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/followups", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/audit", nullptr, 200, 403, 200, "", ""},
    {"GET", "/api/v1/accounts", nullptr, 403, 403, 200, "", ""},
    {"GET", "/api/v1/devices", nullptr, 403, 403, 200, "", ""},
    {"GET", "/api/v1/office/hall", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/office/windows", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/notices", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/services/A/versions", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/services/B/versions", nullptr, 200, 403, 200, "", ""},
    // the service guide: the unit's lead edits its own unit's (hub_services_test), not CWC's B
    {"PUT",
     "/api/v1/services/B",
     {{"materials", {{{"zh", "报销单（签字）"}, {"en", "Signed claim form"}}}}},
     403,
     403,
     200,
     "service.update",
     "B"},
    // staff: the unit's lead on its own unit's, the office on all
    {"POST",
     "/api/v1/staff",
     {{"number", "S010"}, {"name", "周九"}, {"unit", "CWC"}, {"pin", "1234"}},
     403,
     403,
     201,
     "staff.add",
     "S010"},
    {"POST",
     "/api/v1/staff",
     {{"number", "S011"}, {"name", "吴十"}, {"unit", "JWC"}, {"pin", "1234"}},
     403,
     201,
     409,
     "staff.add",
     "S011"},
    {"PUT", "/api/v1/staff/S002", {{"name", "李四四"}}, 403, 403, 200, "staff.edit", "S002"},
    {"PUT", "/api/v1/staff/S001", {{"name", "张三三"}}, 403, 200, 200, "staff.edit", "S001"},
    {"PUT", "/api/v1/staff/S011", {{"unit", "CWC"}}, 403, 403, 200, "staff.edit", "S011"},
    {"POST", "/api/v1/staff/S002/pin", {{"pin", "4321"}}, 403, 403, 200, "staff.pin", "S002"},
    {"POST", "/api/v1/staff/S001/pin", {{"pin", "4321"}}, 403, 200, 200, "staff.pin", "S001"},
    {"POST",
     "/api/v1/staff/S002/training",
     {{"date", "2026-09-01"}, {"topic", "上岗培训"}, {"passed", true}},
     403,
     403,
     201,
     "staff.training",
     "S002"},
    {"POST",
     "/api/v1/staff/S001/training",
     {{"date", "2026-09-01"}, {"topic", "上岗培训"}, {"passed", true}},
     403,
     201,
     201,
     "staff.training",
     "S001"},
    {"POST", "/api/v1/staff/S002/disable", nullptr, 403, 403, 200, "staff.disable", "S002"},
    {"POST", "/api/v1/staff/S011/disable", nullptr, 403, 403, 200, "staff.disable", "S011"},
    // accounts, devices, the notice: the office's only
    {"POST",
     "/api/v1/accounts",
     {{"login", "qian"}, {"name", "钱"}, {"role", "viewer"}, {"password", "viewer-pass-2"}},
     403,
     403,
     201,
     "account.add",
     "qian"},
    {"POST", "/api/v1/accounts/qian/disable", nullptr, 403, 403, 200, "account.disable", "qian"},
    {"POST",
     "/api/v1/devices",
     {{"role", "kiosk"}, {"name", "东门"}},
     403,
     403,
     201,
     "device.create",
     "8"},
    {"DELETE", "/api/v1/devices/8", nullptr, 403, 403, 200, "device.revoke", "8"},
    {"PUT",
     "/api/v1/notice",
     {{"text", {{"zh", "午休"}, {"en", "Lunch"}}}},
     403,
     403,
     200,
     "notice.set",
     "notice"},
    {"POST",
     "/api/v1/notices",
     {{"text", {{"zh", "周六加班"}, {"en", "Open Saturday"}}}},
     403,
     403,
     201,
     "notice.add",
     "notice 2"},
    {"POST", "/api/v1/notices/2/end", nullptr, 403, 403, 200, "notice.end", "notice 2"},
    // windows: the office's only
    {"POST",
     "/api/v1/windows",
     {{"effective", "2026-11-28"},
      {"window",
       {{"number", 4},
        {"name", {{"zh", "四号窗口"}, {"en", "Window Four"}}},
        {"unit", "JWC"},
        {"services", {"A"}},
        {"hours", {{"weekdays", {"08:30-11:30"}}}}}}},
     403,
     403,
     201,
     "window.add",
     "window 4 from 2026-11-28"},
    {"DELETE", "/api/v1/windows/4?effective=2026-11-30", nullptr, 403, 403, 200, "window.close",
     "window 4 from 2026-11-30"},
    // people (issue 14): terms, rosters, changes, leave, corrections, meetings, the sheet
    {"GET", "/api/v1/terms", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/roster-changes", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/leave", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/attendance/corrections", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/meetings?date=2026-11", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/schedule?from=2026-11-23&to=2026-11-29", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/reports/attendance?date=2026-11&format=xlsx", nullptr, 200, kFiltered, 200, "",
     ""},
    {"GET", "/api/v1/rosters/1/export?format=csv", nullptr, 200, kFiltered, 200, "", ""},
    {"POST",
     "/api/v1/terms",
     {{"name", "2026秋"}, {"start", "2026-09-07"}, {"end", "2027-01-15"}},
     403,
     403,
     201,
     "term.add",
     "term:1"},
    {"GET", "/api/v1/rosters/1/1", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/rosters/1/2", nullptr, 200, 403, 200, "", ""},
    {"PUT",
     "/api/v1/rosters/1/2",
     {{"pattern", {{{"weekday", 5}, {"half", "am"}, {"staff", "S010"}}}}},
     403,
     403,
     200,
     "roster.draft",
     "roster:1/2"},
    {"PUT",
     "/api/v1/rosters/1/1",
     {{"pattern", {{{"weekday", 5}, {"half", "am"}, {"staff", "S001"}}}}},
     403,
     200,
     200,
     "roster.draft",
     "roster:1/1"},
    {"POST", "/api/v1/rosters/1/2/publish", nullptr, 403, 403, 200, "roster.publish", "roster:1/2"},
    {"POST",
     "/api/v1/roster-changes",
     {{"term", 1}, {"window", 2}, {"effective", "2026-11-30"}, {"reason", "调整"}},
     403,
     403,
     409,  // no draft newer than the published roster
     "",
     ""},
    {"POST",
     "/api/v1/roster-changes",
     {{"term", 1}, {"window", 1}, {"effective", "2026-11-30"}, {"reason", "调整"}},
     403,
     201,
     201,
     "roster_change.ask",
     "roster:1/1"},
    {"POST", "/api/v1/roster-changes/1/approve", nullptr, 403, 403, 200, "roster_change.approve",
     "roster:1/1"},
    {"POST",
     "/api/v1/roster-changes/2/refuse",
     {{"reason", "重复"}},
     403,
     403,
     200,
     "roster_change.refuse",
     "roster:1/1"},
    {"POST",
     "/api/v1/leave",
     {{"staff", "S001"},
      {"from", "2026-11-30"},
      {"to", "2026-11-30am"},
      {"kind", "事假"},
      {"reason", "家中有事"},
      {"substitute", "S010"}},
     403,
     403,
     201,
     "leave.ask",
     "S001"},
    {"POST", "/api/v1/leave/3/confirm", nullptr, 403, 403, 200, "leave.confirm", "S001"},
    {"POST", "/api/v1/leave/3/approve", nullptr, 403, 403, 200, "leave.approve", "S001"},
    {"POST",
     "/api/v1/attendance/corrections",
     {{"staff", "S001"},
      {"date", "2026-11-26"},
      {"half", "pm"},
      {"window", 1},
      {"check_in", "13:30"},
      {"check_out", "17:00"},
      {"reason", "忘记签到"}},
     403,
     201,
     201,
     "correction.ask",
     "S001"},
    {"POST",
     "/api/v1/attendance/corrections",
     {{"staff", "S010"},
      {"date", "2026-11-26"},
      {"half", "pm"},
      {"window", 2},
      {"check_in", "13:30"},
      {"check_out", "17:00"},
      {"reason", "忘记签到"}},
     403,
     403,  // another unit's staff member
     201,
     "correction.ask",
     "S010"},
    {"POST", "/api/v1/attendance/corrections/4/approve", nullptr, 403, 403, 200,
     "correction.approve", "S001"},
    {"POST", "/api/v1/attendance/corrections/5/refuse", nullptr, 403, 403, 200, "correction.refuse",
     "S001"},
    {"POST",
     "/api/v1/meetings",
     {{"date", "2026-11-25"}, {"half", "pm"}, {"topic", "服务规范学习"}, {"must_attend", {"S001"}}},
     403,
     403,
     201,
     "meeting.add",
     "meeting:1"},
    {"PUT",
     "/api/v1/meetings/1/attendance",
     {{"came", {"S001"}}},
     403,
     403,
     200,
     "meeting.attendance",
     "meeting:1"},
    {"POST",
     "/api/v1/reports/attendance/publish",
     {{"date", "2026-10"}},
     403,
     403,
     201,
     "attendance.publish",
     "attendance:2026-10"},
    // cases (opened before the loop): 1 CWC's, 2 JWC's with hand-over 1 to CWC pending
    {"GET", "/api/v1/cases", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/cases?overdue=1", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/cases?unit=CWC", nullptr, 200, 403, 200, "", ""},
    {"GET", "/api/v1/cases/1", nullptr, 200, 403, 200, "", ""},
    {"GET", "/api/v1/cases/2", nullptr, 200, 200, 200, "", ""},
    {"GET", "/api/v1/handovers", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/reports/cases", nullptr, 200, kFiltered, 200, "", ""},
    {"POST", "/api/v1/cases/2/allow-supplement", nullptr, 403, 403, 200, "case.allow_supplement",
     "case JWC-20261127-0001"},
    {"POST",
     "/api/v1/cases/1/complete",
     {{"result", "已办结"}},
     403,
     403,
     200,
     "case.complete",
     "case CWC-20261127-0001"},
    {"POST", "/api/v1/cases/1/resume", nullptr, 403, 403, 409, "case.resume", ""},
    // a staff session's only: the office does not stand at a counter
    {"POST", "/api/v1/cases/2/supplement", {{"missing", {"学生证"}}}, 403, 403, 403, "", ""},
    {"POST",
     "/api/v1/cases/2/handovers",
     {{"to_unit", "CWC"}, {"items", {"成绩单"}}},
     403,
     403,
     403,
     "",
     ""},
    {"POST",
     "/api/v1/handovers/1/confirm",
     {{"staff", "S002"}, {"pin", "1234"}},
     403,
     403,
     403,
     "",
     ""},
    // the work log (第十八条): read by unit; a note by a session of that staff member or the office
    {"GET", "/api/v1/worklog", nullptr, 200, kFiltered, 200, "", ""},
    {"GET", "/api/v1/worklog?unit=CWC", nullptr, 200, 403, 200, "", ""},
    {"GET", "/api/v1/worklog?format=xlsx", nullptr, 200, kFiltered, 200, "", ""},
    {"PUT",
     "/api/v1/worklog/S001/2026-11-27/note",
     {{"note", "补记：下午参加培训"}},
     403,
     403,
     200,
     "worklog.note",
     "worklog S001 2026-11-27"},
    // hall assets (第三十三–三十七条): the office writes, the unit's lead reads its unit's own
    {"GET", "/api/v1/assets", nullptr, 200, kFiltered, 200, "", ""},
    {"POST",
     "/api/v1/assets",
     {{"name", "高拍仪"}, {"category", "fixed"}, {"location", "window:1"}, {"owner", "JWC"}},
     403,
     403,
     201,
     "asset.register",
     "asset ZC-000001"},
    {"GET", "/api/v1/assets/ZC-000001", nullptr, 200, 200, 200, "", ""},
    {"PUT",
     "/api/v1/assets/ZC-000001",
     {{"serial", "SN1"}},
     403,
     403,
     200,
     "asset.edit",
     "asset ZC-000001"},
    {"POST",
     "/api/v1/assets/ZC-000001/move",
     {{"location", "window:2"}, {"reason", "窗口调整"}},
     403,
     403,
     200,
     "asset.move",
     "asset ZC-000001"},
    {"GET", "/api/v1/stocktakes", nullptr, 200, 403, 200, "", ""},
    {"POST",
     "/api/v1/stocktakes",
     {{"name", "2026年度盘点"}},
     403,
     403,
     201,
     "stocktake.open",
     "stocktake 1"},
    {"POST",
     "/api/v1/stocktakes/1/scans",
     {{"tag", "ZC-000001"}, {"location", "window:2"}},
     403,
     403,
     201,
     "",
     ""},
    {"POST", "/api/v1/stocktakes/1/close", json::object(), 403, 403, 200, "stocktake.close",
     "stocktake 1"},
};

// Cases for the rows above, opened by the windows' sessions: 1 (CWC, service B at window 2)
// and 2 (JWC, service A at window 1) accepted, and hand-over 1 of case 2 to CWC.
void open_cases(HubFixture& f) {
    for (int window : {2, 1}) {
        std::string session = f.login(window);
        f.issue(window == 2 ? "B" : "A");
        std::string base = "/api/v1/windows/" + std::to_string(window);
        REQUIRE(f.post(base + "/call-next", nullptr, session).status == 200);
        REQUIRE(f.post(base + "/cases", {{"mode", "deadline"}}, session).status == 201);
        if (window == 1)
            REQUIRE(f.post("/api/v1/cases/2/handovers", {{"to_unit", "CWC"}, {"items", {"申请表"}}},
                           session)
                        .status == 201);
    }
}

Answer send(const HubFixture& f, const Case& c, const httplib::Headers& headers) {
    auto client = f.client();
    std::string body = c.body.is_null() ? "" : c.body.dump();
    if (c.method == "GET") return to_answer(client.Get(c.path, headers));
    if (c.method == "PUT") return to_answer(client.Put(c.path, headers, body, "application/json"));
    if (c.method == "DELETE") return to_answer(client.Delete(c.path, headers));
    return to_answer(client.Post(c.path, headers, body, "application/json"));
}

}  // namespace

TEST_CASE(
    "office routes × roles: 401, 403, a unit's own records only, and one audit entry a change") {
    HubFixture f;
    add_office_accounts(f);
    open_cases(f);
    Browser office{f, "", ""}, viewer{f, "", ""}, unit{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
    const httplib::Headers admin{{"Authorization", "Bearer " + f.admin}},
        kiosk{{"Authorization", "Bearer " + f.kiosk}};
    const int64_t before = office.get("/api/v1/audit?limit=1").body["entries"][0]["id"];

    struct Expected {
        std::string who, action, target;
    };
    std::vector<Expected> expected;
    for (const auto& c : kCases) {
        std::string name = c.method + " " + c.path;
        CAPTURE(name);
        CHECK(send(f, c, {}).status == 401);
        CHECK(send(f, c, kiosk).status == 403);
        CHECK(send(f, c, viewer.headers(true)).status == c.viewer);
        CHECK(send(f, c, unit.headers(true)).status == c.unit);
        if (c.action.empty())
            CHECK(send(f, c, admin).status == c.office);  // admin tokens act as the office
        CHECK(send(f, c, office.headers(true)).status == c.office);
        if (c.action.empty()) continue;
        if (c.unit / 100 == 2) expected.push_back({"account:zhao", c.action, c.target});
        // A staff member saved again as the unit's lead just saved them changes nothing and
        // leaves no entry (a roster draft saved again is a new version, and logged).
        bool repeated = c.action == "staff.edit" && c.unit / 100 == 2;
        if (c.office / 100 == 2 && !repeated)
            expected.push_back({"account:wang", c.action, c.target});
    }

    // A unit's lead reading a list sees its own unit's rows only. (The answers are kept: a
    // range-for over a member of a temporary would read freed memory.)
    const Answer staff = unit.get("/api/v1/staff");
    for (const auto& s : staff.body["staff"]) CHECK(s["unit"] == "JWC");
    const Answer by_staff = unit.get("/api/v1/reports/figures?by=staff");
    for (const auto& r : by_staff.body["rows"]) CHECK(r["key"] == "S001");
    Answer cases = unit.get("/api/v1/cases");
    REQUIRE(cases.body["cases"].size() == 1);
    CHECK(cases.body["cases"][0]["unit"] == "JWC");
    const Answer case_figures = unit.get("/api/v1/reports/cases");
    for (const auto& r : case_figures.body["units"]) CHECK(r["unit"] == "JWC");
    const Answer worklog = unit.get("/api/v1/worklog");
    for (const auto& r : worklog.body["rows"]) CHECK(r["unit"] == "JWC");

    json entries = office.get("/api/v1/audit?limit=1000").body["entries"];
    std::vector<json> made;
    for (const auto& e : entries)
        if (e["id"].get<int64_t>() > before) made.insert(made.begin(), e);  // oldest first
    REQUIRE(made.size() == expected.size());
    for (size_t i = 0; i < made.size(); ++i) {
        CAPTURE(i);
        CHECK(made[i]["who"] == expected[i].who);
        CHECK(made[i]["action"] == expected[i].action);
        CHECK(made[i]["target"] == expected[i].target);
        CHECK((made[i]["before"].is_object() || made[i]["after"].is_object()));
    }
}
