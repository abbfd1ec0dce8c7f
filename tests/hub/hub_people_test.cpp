// People (issue 14) through the real hub: terms and rosters (drafted by the unit, published
// by the office, changed mid-term only by an approved request, CSV/xlsx out and back in),
// leave through the substitute's confirmation and the office's approval, a missed punch
// corrected, meetings, and the monthly sheet reconciled, written as .xlsx (read back cell
// by cell) and published. The test hall's windows open all day: a half day runs from
// midnight to noon and from noon to midnight.
#include <doctest/doctest.h>

#include "hub_fixture.h"
#include "xlsx_cells.h"

using namespace onestop::test;

namespace {

struct People {
    HubFixture f;
    Browser office{f, "", ""}, viewer{f, "", ""}, unit{f, "", ""};
    int64_t term = 0;

    People() {
        add_office_accounts(f);
        REQUIRE(office.login("wang", "office-pass-1").status == 200);
        REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
        REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
        REQUIRE(office
                    .post("/api/v1/staff",
                          {{"number", "S003"}, {"name", "王五"}, {"unit", "CWC"}, {"pin", "1234"}})
                    .status == 201);
        Answer t = office.post(
            "/api/v1/terms", {{"name", "2026秋"}, {"start", "2026-09-07"}, {"end", "2027-01-15"}});
        REQUIRE(t.status == 201);
        term = t.body["term"]["id"];
    }
    std::string roster(int window) const {
        return "/api/v1/rosters/" + std::to_string(term) + "/" + std::to_string(window);
    }
    // Window 1 (JWC): S001 on Thursday afternoons and Friday mornings; window 2 (CWC): S002 on
    // Friday mornings.
    void publish_rosters() {
        json w1 = {{"pattern",
                    {{{"weekday", 4}, {"half", "pm"}, {"staff", "S001"}},
                     {{"weekday", 5}, {"half", "am"}, {"staff", "S001"}}}}};
        REQUIRE(unit.put(roster(1), w1).status == 200);
        REQUIRE(office
                    .put(roster(2),
                         {{"pattern", {{{"weekday", 5}, {"half", "am"}, {"staff", "S002"}}}}})
                    .status == 200);
        REQUIRE(office.post(roster(1) + "/publish").status == 200);
        REQUIRE(office.post(roster(2) + "/publish").status == 200);
    }
    std::string session(const std::string& staff, int window) const {
        Answer a = f.post("/api/v1/sessions",
                          {{"window", window}, {"staff", staff}, {"pin", "1234"}}, f.counter);
        REQUIRE(a.status == 201);
        return a.body["session"];
    }
};

const json* person(const json& sheet, const std::string& number) {
    for (const auto& s : sheet["staff"])
        if (s["number"] == number) return &s;
    return nullptr;
}

const json* day_of(const json& person, const std::string& date) {
    for (const auto& d : person["days"])
        if (d["date"] == date) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("rosters: the unit drafts, the office publishes; mid-term only by an approved change") {
    People p;
    CHECK(p.office
              .post("/api/v1/terms",
                    {{"name", "重叠"}, {"start", "2027-01-01"}, {"end", "2027-02-01"}})
              .body["error"]["code"] == "term_overlaps");
    json w1 = {{"cycle_weeks", 2},
               {"pattern",
                {{{"week", 1}, {"weekday", 5}, {"half", "am"}, {"staff", "S001"}},
                 {{"week", 2}, {"weekday", 5}, {"half", "am"}, {"staff", "S001"}}}},
               {"exceptions", {{{"date", "2026-12-04"}, {"half", "am"}, {"staff", ""}}}},
               {"duty", {{{"date", "2027-01-25"}, {"half", "am"}, {"staff", "S003"}}}}};
    // Its own unit's window only, its own unit's staff in the rotation (duty may be anyone).
    CHECK(p.unit.put(p.roster(2), w1).status == 403);
    json stranger = w1;
    stranger["pattern"][0]["staff"] = "S002";
    CHECK(p.unit.put(p.roster(1), stranger).body["error"]["code"] == "wrong_unit");
    json bad = w1;
    bad["pattern"][0]["week"] = 3;
    CHECK(p.unit.put(p.roster(1), bad).status == 422);
    Answer draft = p.unit.put(p.roster(1), w1);
    REQUIRE(draft.status == 200);
    CHECK(draft.body["roster"]["state"] == "draft");
    CHECK(p.viewer.put(p.roster(1), w1).status == 403);

    CHECK(p.unit.post(p.roster(1) + "/publish").status == 403);
    REQUIRE(p.office.post(p.roster(1) + "/publish").status == 200);
    CHECK(p.office.post(p.roster(1) + "/publish").body["error"]["code"] == "no_draft");

    // The schedule as published: Fridays in the week shown, nobody on the exception's day.
    Answer week = p.unit.get("/api/v1/schedule?from=2026-11-23&to=2026-12-04");
    REQUIRE(week.status == 200);
    REQUIRE(week.body["schedule"].size() == 1);
    CHECK(week.body["schedule"][0]["date"] == "2026-11-27");
    CHECK(week.body["schedule"][0]["staff"] == "S001");

    // 第十五条: once the term has begun the office publishes a change only on a request.
    json changed = w1;
    changed["pattern"] = {{{"weekday", 1}, {"half", "pm"}, {"staff", "S001"}}};
    changed["cycle_weeks"] = 1;
    REQUIRE(p.unit.put(p.roster(1), changed).status == 200);
    CHECK(p.office.post(p.roster(1) + "/publish").body["error"]["code"] == "change_request_needed");
    Answer ask = p.unit.post("/api/v1/roster-changes", {{"term", p.term},
                                                        {"window", 1},
                                                        {"effective", "2026-11-30"},
                                                        {"reason", "张三调岗，改为周一下午"}});
    REQUIRE(ask.status == 201);
    CHECK(ask.body["change"]["status"] == "pending");
    const std::string id = std::to_string(ask.body["change"]["id"].get<int64_t>());
    CHECK(p.unit.post("/api/v1/roster-changes/" + id + "/approve").status == 403);
    Answer approved =
        p.office.post("/api/v1/roster-changes/" + id + "/approve", {{"reason", "同意"}});
    REQUIRE(approved.status == 200);
    CHECK(approved.body["roster"]["effective"] == "2026-11-30");
    CHECK(approved.body["roster"]["change"]["status"] == "approved");
    CHECK(p.office.post("/api/v1/roster-changes/" + id + "/refuse").body["error"]["code"] ==
          "wrong_status");
    Answer versions = p.viewer.get(p.roster(1));
    REQUIRE(versions.body["published"].size() == 2);
    Answer after = p.unit.get("/api/v1/schedule?from=2026-11-27&to=2026-11-30");
    REQUIRE(after.body["schedule"].size() == 2);  // the old Friday, the new Monday
    CHECK(after.body["schedule"][1]["date"] == "2026-11-30");
    CHECK(after.body["schedule"][1]["half"] == "pm");
    CHECK(p.unit.get("/api/v1/roster-changes").body["changes"].size() == 1);

    // Out as CSV and .xlsx; the CSV back in as the unit's draft, the same roster.
    Answer csv = p.unit.get("/api/v1/rosters/" + std::to_string(p.term) + "/export?format=csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.text.find("窗口 / window,类别 / kind") != std::string::npos);
    Answer xlsx = p.unit.get("/api/v1/rosters/" + std::to_string(p.term) + "/export?format=xlsx");
    REQUIRE(xlsx.status == 200);
    auto cells = xlsx_cells(xlsx.text);
    CHECK(cells["A1"] == "窗口 / window");
    CHECK(cells["G1"] == "工号 / staff");
    CHECK(cells["A2"] == "1");
    CHECK(cells["B2"] == "pattern");
    CHECK(cells["D2"] == "1");
    CHECK(cells["F2"] == "pm");
    CHECK(cells["G2"] == "S001");
    CHECK(cells["B3"] == "exception");
    CHECK(cells["E3"] == "2026-12-04");
    CHECK(cells["B4"] == "duty");
    CHECK(cells["G4"] == "S003");
    CHECK(cells.count("A5") == 0);

    auto client = p.f.client();
    Answer imported = to_answer(client.Post("/api/v1/rosters/" + std::to_string(p.term) + "/import",
                                            p.unit.headers(true), csv.text, "text/csv"));
    REQUIRE(imported.status == 200);
    REQUIRE(imported.body["rosters"].size() == 1);
    const json& back = imported.body["rosters"][0]["roster"];
    const json& published = approved.body["roster"]["roster"];
    CHECK(back["pattern"] == published["pattern"]);
    CHECK(back["exceptions"] == published["exceptions"]);
    CHECK(back["duty"] == published["duty"]);
    // The .xlsx back in as it came out (Excel's own file): the same roster again.
    Answer from_excel = to_answer(client.Post(
        "/api/v1/rosters/" + std::to_string(p.term) + "/import", p.unit.headers(true), xlsx.text,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
    REQUIRE(from_excel.status == 200);
    REQUIRE(from_excel.body["rosters"].size() == 1);
    CHECK(from_excel.body["rosters"][0]["roster"]["pattern"] == published["pattern"]);
    CHECK(from_excel.body["rosters"][0]["roster"]["exceptions"] == published["exceptions"]);
    CHECK(from_excel.body["rosters"][0]["roster"]["duty"] == published["duty"]);
    // A damaged workbook is refused with its reason, nothing saved.
    Answer damaged = to_answer(
        client.Post("/api/v1/rosters/" + std::to_string(p.term) + "/import", p.unit.headers(true),
                    xlsx.text.substr(0, xlsx.text.size() / 2), "application/octet-stream"));
    CHECK(damaged.status == 422);
    CHECK(damaged.body["error"]["message"].get<std::string>().find("Excel") != std::string::npos);
    // A file naming another unit's window is refused whole.
    Answer foreign = to_answer(client.Post(
        "/api/v1/rosters/" + std::to_string(p.term) + "/import", p.unit.headers(true),
        "window,kind,week,weekday,date,half,staff\r\n2,pattern,1,1,,am,S002\r\n", "text/csv"));
    CHECK(foreign.status == 403);
}

TEST_CASE("leave: asked by the staff member, confirmed by the substitute, approved by the office") {
    People p;
    p.publish_rosters();
    std::string s2 = p.session("S002", 2);
    // Only the hall's kinds; only for oneself; a substitute who is someone else.
    json ask = {{"from", "2026-11-27am"},
                {"to", "2026-11-27am"},
                {"kind", "事假"},
                {"reason", "家中有事"},
                {"substitute", "S003"}};
    json wrong_kind = ask;
    wrong_kind["kind"] = "度假";
    CHECK(p.f.post("/api/v1/leave", wrong_kind, s2).status == 422);
    json other = ask;
    other["staff"] = "S001";
    CHECK(p.f.post("/api/v1/leave", other, s2).status == 403);
    CHECK(p.unit.post("/api/v1/leave", other).status == 403);
    Answer asked = p.f.post("/api/v1/leave", ask, s2);
    REQUIRE(asked.status == 201);
    CHECK(asked.body["leave"]["status"] == "awaiting_substitute");
    CHECK(asked.body["leave"]["staff"] == "S002");
    const std::string path =
        "/api/v1/leave/" + std::to_string(asked.body["leave"]["id"].get<int64_t>());

    CHECK(p.office.post(path + "/approve").body["error"]["code"] == "wrong_status");
    CHECK(p.f.post(path + "/confirm", nullptr, s2).status == 403);  // not the substitute
    std::string s3 = p.session("S003", 2);                          // takes window 2 over from S002
    Answer confirmed = p.f.post(path + "/confirm", nullptr, s3);
    REQUIRE(confirmed.status == 200);
    CHECK(confirmed.body["leave"]["status"] == "awaiting_approval");
    CHECK(p.f.get("/api/v1/leave", s3).body["leave"].size() == 1);  // where they stand in
    CHECK(p.unit.get("/api/v1/leave").body["leave"].empty());       // another unit's
    CHECK(p.unit.post(path + "/approve").status == 403);
    Answer approved = p.office.post(path + "/approve");
    REQUIRE(approved.status == 200);
    CHECK(approved.body["leave"]["status"] == "approved");
    CHECK(approved.body["leave"]["decided_by"] == "account:wang");

    // The schedule shows the substitute; the sheet marks the leave and expects S003 there.
    Answer day = p.viewer.get("/api/v1/schedule?from=2026-11-27&to=2026-11-27&window=2");
    REQUIRE(day.body["schedule"].size() == 1);
    CHECK(day.body["schedule"][0]["staff"] == "S003");
    Answer sheet = p.viewer.get("/api/v1/reports/attendance?date=2026-11");
    REQUIRE(sheet.status == 200);
    const json* s2row = person(sheet.body, "S002");
    const json* s3row = person(sheet.body, "S003");
    REQUIRE(s2row);
    REQUIRE(s3row);
    CHECK((*day_of(*s2row, "2026-11-27"))["am"] == "leave");
    CHECK((*day_of(*s2row, "2026-11-20"))["am"] == "absent");
    const json& stand_in = *day_of(*s3row, "2026-11-27");
    CHECK(stand_in["am"] == "late");  // the half day began at midnight in the test hall
    CHECK(stand_in["detail"]["am"]["substitute"] == true);
    CHECK(stand_in["detail"]["am"]["window"] == 2);
    CHECK((*s3row)["required_hours"] == 4.0);
    CHECK((*s2row)["required_hours"] == 3 * 4.0);  // Fridays 6, 13 and 20 (on leave the 27th)
}

TEST_CASE("leave: the substitute confirms with their own PIN at someone else's counter") {
    People p;
    std::string s2 = p.session("S002", 2);
    Answer asked = p.f.post("/api/v1/leave",
                            {{"from", "2026-11-27am"},
                             {"to", "2026-11-27am"},
                             {"kind", "事假"},
                             {"reason", "家中有事"},
                             {"substitute", "S003"}},
                            s2);
    REQUIRE(asked.status == 201);
    const std::string path =
        "/api/v1/leave/" + std::to_string(asked.body["leave"]["id"].get<int64_t>()) + "/confirm";
    // S001's counter at window 1; S003 walks up and signs there.
    std::string s1 = p.session("S001", 1);
    Answer wrong = p.f.post(path, {{"staff", "S003"}, {"pin", "9999"}}, s1);
    CHECK(wrong.status == 403);
    CHECK(wrong.body["error"]["code"] == "wrong_pin");
    Answer not_named = p.f.post(path, {{"staff", "S001"}, {"pin", "1234"}}, s1);
    CHECK(not_named.status == 403);  // the right PIN, but not the substitute
    CHECK(p.f.post(path, {{"pin", "1234"}}, s1).status == 400);  // whose PIN?
    Answer signed_by = p.f.post(path, {{"staff", "S003"}, {"pin", "1234"}}, s1);
    REQUIRE(signed_by.status == 200);
    CHECK(signed_by.body["leave"]["status"] == "awaiting_approval");
    bool audited = false;
    const json entries = p.office.get("/api/v1/audit").body["entries"];
    for (const auto& e : entries)
        audited = audited || (e["action"] == "leave.confirm" && e["who"] == "staff:S003");
    CHECK_MESSAGE(audited, entries.dump());
    // Wrong PINs count towards the sign-in's lock-out.
    Answer again = p.f.post(path, {{"staff", "S003"}, {"pin", "1234"}}, s1);
    CHECK(again.body["error"]["code"] == "wrong_status");
    for (int i = 0; i < 5; ++i) p.f.post(path, {{"staff", "S003"}, {"pin", "0000"}}, s1);
    CHECK(p.f.post(path, {{"staff", "S003"}, {"pin", "1234"}}, s1).status == 429);
}

TEST_CASE("the monthly sheet: corrections, meetings, .xlsx cell by cell, publication") {
    People p;
    p.publish_rosters();
    std::string s1 = p.f.login(1);  // S001 signs in at window 1, Friday 09:00
    Answer before = p.office.get("/api/v1/reports/attendance?date=2026-11");
    REQUIRE(before.status == 200);
    const json* s1row = person(before.body, "S001");
    REQUIRE(s1row);
    CHECK((*day_of(*s1row, "2026-11-26"))["pm"] == "absent");
    const json& today = *day_of(*s1row, "2026-11-27");
    CHECK(today["am"] == "late");
    CHECK(today["detail"]["am"]["late_minutes"] == 9 * 60);
    CHECK(today["detail"]["am"]["worked_window"] == 1);
    CHECK((*s1row)["required_hours"] == 8 * 4.0);    // Thursday pm and Friday am, 6 Nov – 27 Nov
    REQUIRE(before.body["attendance"].size() == 1);  // the raw punch beside the sheet
    CHECK(before.body["attendance"][0]["staff"] == "S001");
    CHECK(before.body["published"].is_null());

    // A missed punch: the staff member asks with a reason, the office approves.
    json fix = {{"date", "2026-11-26"}, {"half", "pm"},         {"window", 1},
                {"check_in", "12:00"},  {"check_out", "18:00"}, {"reason", "忘记签到"}};
    Answer asked = p.f.post("/api/v1/attendance/corrections", fix, s1);
    REQUIRE(asked.status == 201);
    CHECK(asked.body["correction"]["status"] == "pending");
    json other = fix;
    other["staff"] = "S002";
    CHECK(p.unit.post("/api/v1/attendance/corrections", other).status == 403);
    const std::string fix_path = "/api/v1/attendance/corrections/" +
                                 std::to_string(asked.body["correction"]["id"].get<int64_t>());
    CHECK(p.unit.post(fix_path + "/approve").status == 403);
    REQUIRE(p.office.post(fix_path + "/approve").status == 200);

    // A meeting S001 and S002 must attend; S001 came.
    Answer meeting = p.office.post("/api/v1/meetings", {{"date", "2026-11-25"},
                                                        {"half", "pm"},
                                                        {"topic", "服务规范学习"},
                                                        {"must_attend", {"S001", "S002"}}});
    REQUIRE(meeting.status == 201);
    const std::string m = std::to_string(meeting.body["meeting"]["id"].get<int64_t>());
    CHECK(p.office.put("/api/v1/meetings/" + m + "/attendance", {{"came", {"S009"}}}).status ==
          422);
    REQUIRE(p.office.put("/api/v1/meetings/" + m + "/attendance", {{"came", {"S001"}}}).status ==
            200);

    Answer sheet = p.office.get("/api/v1/reports/attendance?date=2026-11");
    const json& s1now = *person(sheet.body, "S001");
    const json& fixed = *day_of(s1now, "2026-11-26");
    CHECK(fixed["pm"] == "early");  // signed in now (12:00–18:00); the test hall closes at midnight
    CHECK(fixed["detail"]["pm"]["corrected"] == true);
    CHECK(fixed["detail"]["pm"]["hours"] == 6.0);
    CHECK(s1now["meetings"]["attended"] == 1);
    CHECK((*person(sheet.body, "S002"))["meetings"]["missed"] == 1);
    // A unit's lead sees its own unit's staff only.
    // (The answer is kept: a range-for over a member of a temporary would read freed memory.)
    const Answer unit_sheet = p.unit.get("/api/v1/reports/attendance?date=2026-11");
    for (const auto& s : unit_sheet.body["staff"]) CHECK(s["unit"] == "JWC");

    // The .xlsx holds the same sheet, cell by cell.
    Answer xlsx = p.office.get("/api/v1/reports/attendance?date=2026-11&format=xlsx");
    REQUIRE(xlsx.status == 200);
    auto cells = xlsx_cells(xlsx.text);
    std::vector<std::string> dates;
    for (const auto& d : s1now["days"]) dates.push_back(d["date"]);
    CHECK(dates.size() == 21);  // November's working days (the test hall has no holidays)
    CHECK(cells["A1"] == "工号 / Number");
    CHECK(cells["C1"] == "单位 / Unit");
    const std::map<std::string, std::string> words = {{"present", "出勤"}, {"late", "迟到"},
                                                      {"early", "早退"},   {"absent", "缺勤"},
                                                      {"leave", "请假"},   {"off", ""}};
    int row = 0;
    for (const auto& s : sheet.body["staff"]) {
        std::string r = std::to_string(row + 2);
        CAPTURE(r);
        CHECK(cells["A" + r] == s["number"].get<std::string>());
        CHECK(cells["B" + r] == s["name"].get<std::string>());
        for (size_t i = 0; i < dates.size(); ++i) {
            std::string am = xlsx_column(3 + 2 * int(i)), pm = xlsx_column(4 + 2 * int(i));
            CHECK(cells[am + "1"] == dates[i].substr(5) + " 上午 / " + dates[i].substr(5) + " am");
            const json* d = day_of(s, dates[i]);
            REQUIRE(d);
            CHECK(cells[am + r] == words.at((*d)["am"]));
            CHECK(cells[pm + r] == words.at((*d)["pm"]));
        }
        std::string hours = xlsx_column(3 + 2 * int(dates.size()));
        std::string required = xlsx_column(4 + 2 * int(dates.size()));
        CHECK(cells[hours + "1"] == "工时 / Hours");
        CHECK(std::stod(cells[required + r]) == s["required_hours"].get<double>());
        ++row;
    }
    CHECK(cells.count("A" + std::to_string(row + 2)) == 0);

    // Published: the month answers the sheet as published; leave for it is refused, a
    // correction approved publishes it again.
    CHECK(p.unit.post("/api/v1/reports/attendance/publish", {{"date", "2026-11"}}).status == 403);
    REQUIRE(p.office.post("/api/v1/reports/attendance/publish", {{"date", "2026-11"}}).status ==
            201);
    CHECK(p.office.post("/api/v1/reports/attendance/publish", {{"date", "2026-11"}})
              .body["error"]["code"] == "month_published");
    Answer published = p.viewer.get("/api/v1/reports/attendance?date=2026-11");
    CHECK(published.body["published"]["who"] == "account:wang");
    CHECK(published.body["staff"] == sheet.body["staff"]);
    Answer leave = p.office.post("/api/v1/leave", {{"staff", "S001"},
                                                   {"from", "2026-11-20"},
                                                   {"to", "2026-11-20"},
                                                   {"kind", "病假"},
                                                   {"reason", "补请"}});
    REQUIRE(leave.status == 201);
    CHECK(leave.body["leave"]["status"] == "awaiting_approval");  // no substitute named
    CHECK(p.office
              .post("/api/v1/leave/" + std::to_string(leave.body["leave"]["id"].get<int64_t>()) +
                    "/approve")
              .body["error"]["code"] == "month_published");
    json late_fix = {{"staff", "S001"},     {"date", "2026-11-20"}, {"half", "am"},
                     {"window", 1},         {"check_in", "00:00"},  {"check_out", "11:59"},
                     {"reason", "病假补记"}};
    Answer second = p.unit.post("/api/v1/attendance/corrections", late_fix);
    REQUIRE(second.status == 201);
    REQUIRE(p.office
                .post("/api/v1/attendance/corrections/" +
                      std::to_string(second.body["correction"]["id"].get<int64_t>()) + "/approve")
                .status == 200);
    Answer again = p.viewer.get("/api/v1/reports/attendance?date=2026-11");
    CHECK(again.body["published"]["reason"].get<std::string>().rfind("correction ", 0) == 0);
    CHECK((*day_of(*person(again.body, "S001"), "2026-11-20"))["am"] == "early");  // left 11:59
}

TEST_CASE("my page: staff sign in with number and PIN and see and ask only their own") {
    People p;
    p.publish_rosters();
    Browser s1{p.f, "", ""}, s3{p.f, "", ""};
    CHECK(s1.staff_login("S001", "9999").status == 401);
    CHECK(s1.staff_login("S001", "").status == 422);
    Answer in = s1.staff_login("S001", "1234");
    REQUIRE(in.status == 200);
    CHECK(in.body["staff"]["number"] == "S001");
    CHECK(in.body["staff"]["leave_kinds"][0] == "事假");
    CHECK(s1.get("/api/v1/me").body["staff"]["unit"] == "JWC");
    REQUIRE(s3.staff_login("S003", "1234").status == 200);

    // Their own half days and attendance row only; nothing of the office's.
    Answer week = s1.get("/api/v1/schedule?from=2026-11-26&to=2026-11-27");
    REQUIRE(week.status == 200);
    REQUIRE(week.body["schedule"].size() == 2);  // Thursday pm and Friday am at window 1
    for (const auto& e : week.body["schedule"]) CHECK(e["staff"] == "S001");
    Answer sheet = s1.get("/api/v1/reports/attendance?date=2026-11");
    REQUIRE(sheet.status == 200);
    REQUIRE(sheet.body["staff"].size() == 1);
    CHECK(sheet.body["staff"][0]["number"] == "S001");
    CHECK(s1.get("/api/v1/staff").status == 403);
    CHECK(s1.get("/api/v1/rosters/" + std::to_string(p.term) + "/1").status == 403);
    CHECK(s1.post("/api/v1/windows/1/call-next").status == 403);  // a counter's, not a phone's

    // Leave from the phone: for themselves only, with the CSRF token; the substitute confirms
    // from theirs; the office decides.
    json ask = {{"from", "2026-11-27am"},
                {"to", "2026-11-27am"},
                {"kind", "年假"},
                {"reason", "探亲"},
                {"substitute", "S003"}};
    CHECK(s1.post("/api/v1/leave", ask, false).status == 403);  // no X-CSRF-Token
    json other = ask;
    other["staff"] = "S002";
    CHECK(s1.post("/api/v1/leave", other).status == 403);
    Answer asked = s1.post("/api/v1/leave", ask);
    REQUIRE(asked.status == 201);
    CHECK(asked.body["leave"]["asked_by"] == "staff:S001");
    const std::string path =
        "/api/v1/leave/" + std::to_string(asked.body["leave"]["id"].get<int64_t>());
    CHECK(s1.post(path + "/confirm").status == 403);  // not the substitute
    Answer confirmed = s3.post(path + "/confirm");
    REQUIRE(confirmed.status == 200);
    CHECK(confirmed.body["leave"]["status"] == "awaiting_approval");
    CHECK(s3.post(path + "/approve").status == 403);
    CHECK(p.office.post(path + "/approve").status == 200);
    CHECK(s1.get("/api/v1/leave").body["leave"][0]["status"] == "approved");

    // The meetings they must attend, and only those.
    REQUIRE(p.office
                .post("/api/v1/meetings", {{"date", "2026-12-03"},
                                           {"half", "pm"},
                                           {"topic", "礼仪培训"},
                                           {"must_attend", {"S001"}}})
                .status == 201);
    CHECK(s1.get("/api/v1/meetings").body["meetings"].size() == 1);
    CHECK(s3.get("/api/v1/meetings").body["meetings"].empty());

    // A wrong PIN counts with the counter's: five within 15 minutes lock the number.
    Browser s2{p.f, "", ""};
    for (int i = 0; i < 5; ++i) CHECK(s2.staff_login("S002", "0000").status == 401);
    CHECK(s2.staff_login("S002", "1234").status == 429);
    CHECK(p.f.post("/api/v1/sessions", {{"window", 2}, {"staff", "S002"}, {"pin", "1234"}},
                   p.f.counter)
              .status == 429);

    // Signed out, or disabled by the office: the page's session ends at once.
    CHECK(p.office.post("/api/v1/staff/S003/disable").status == 200);
    CHECK(s3.get("/api/v1/me").status == 401);
    CHECK(s1.post("/api/v1/logout").status == 200);
    CHECK(s1.get("/api/v1/me").status == 401);
    CHECK(p.office.get("/api/v1/me").body.contains("account"));  // the office's own, untouched
}
