// The monthly scorecards through the real hub (第十八条): a bad rating, praise and a
// substantiated complaint land on the window and the person who served, each traced to its
// record; an upheld appeal takes the bad rating off; a unit's lead sees their own; the
// workbook reads back with the same points; the year's roll-up ranks by the months' average.
#include <doctest/doctest.h>

#include "hub_fixture.h"
#include "onestop/report/read.h"

using namespace onestop::test;

namespace {

json served(HubFixture& f, int window, const std::string& session) {
    json t = f.issue(window == 1 ? "A" : "B");
    std::string w = "/api/v1/windows/" + std::to_string(window);
    REQUIRE(f.post(w + "/call-next", nullptr, session).status == 200);
    REQUIRE(f.post(w + "/finish", nullptr, session).status == 200);
    return t;
}

void rate(HubFixture& f, const json& t, int level) {
    json body = {{"ticket", t["id"]}, {"code", t["code"]}, {"level", level}};
    if (level <= 2) body["reasons"] = {"long_wait"};
    REQUIRE(f.post("/api/v1/evaluations", body).status == 201);
}

const json& row(const json& list, const json& number) {
    for (const auto& r : list)
        if (r["number"] == number) return r;
    FAIL("no row " << number);
    return list[0];
}

}  // namespace

TEST_CASE("scorecards: every point traced to its record, by whom it concerns, read back") {
    HubFixture f;
    add_office_accounts(f);
    Browser office{f, "", ""}, unit{f, "", ""};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);  // JWC: window 1, S001
    std::string w1 = f.login(1), w2 = f.login(2);
    json bad = served(f, 1, w1), appealed = served(f, 1, w1), praised = served(f, 2, w2);
    rate(f, bad, 1);
    rate(f, appealed, 2);
    rate(f, praised, 5);
    // The second bad rating's appeal is upheld: off the sheet, the record kept.
    json followups = office.get("/api/v1/followups").body["followups"];
    REQUIRE(followups.size() == 2);
    int64_t second = followups[0]["ticket"] == appealed["id"] ? followups[0]["id"].get<int64_t>()
                                                              : followups[1]["id"].get<int64_t>();
    std::string fu = "/api/v1/followups/" + std::to_string(second);
    REQUIRE(unit.post(fu + "/appeal", {{"reason", "申请人误按"}}).status == 200);
    REQUIRE(office.post(fu + "/decide", {{"upheld", true}, {"reason", "录像为证"}}).status == 200);
    // A substantiated complaint about window 1.
    Answer filed = f.post("/api/v1/complaints",
                          {{"channel", "web"}, {"about", {{"window", 1}}}, {"text", "态度差"}});
    REQUIRE(filed.status == 201);
    json c = filed.body["complaint"];
    REQUIRE(unit.post("/api/v1/complaints/" + std::to_string(c["id"].get<int64_t>()) + "/answer",
                      {{"finding", "substantiated"}, {"action", "批评教育"}, {"reply", "属实"}})
                .status == 200);

    Answer a = office.get("/api/v1/reports/scorecard?date=2026-11");
    REQUIRE(a.status == 200);
    const json& one = row(a.body["windows"], 1);
    CHECK(one["points"] == doctest::Approx(93));  // 100 − 2 (bad rating) − 5 (complaint)
    REQUIRE(one["deductions"].size() == 2);
    CHECK(one["deductions"][0]["rule"] == "bad_rating");
    CHECK(one["deductions"][0]["points"] == -2);
    CHECK(one["deductions"][0]["ref"] ==
          "ticket:" + bad["number"].get<std::string>() + "@2026-11-27");
    CHECK(one["deductions"][1]["ref"] == "complaint:" + c["number"].get<std::string>());
    CHECK(one["sections"]["service"] == doctest::Approx(-7));
    const json& two = row(a.body["windows"], 2);
    CHECK(two["points"] == doctest::Approx(100.2));
    CHECK(two["bonuses"][0]["rule"] == "praise");
    CHECK(two["rank"] == 1);
    CHECK(two["honoured"] == true);  // 红旗窗口
    // The person who served loses the bad rating; a complaint about the window is the window's.
    CHECK(row(a.body["staff"], "S001")["points"] == doctest::Approx(98));
    CHECK(row(a.body["staff"], "S001")["name"] == "张三");
    CHECK(row(a.body["staff"], "S002")["rank"] == 1);

    // A unit's lead: their own windows and staff only.
    Answer mine = unit.get("/api/v1/reports/scorecard?date=2026-11");
    REQUIRE(mine.status == 200);
    for (const auto& w : mine.body["windows"]) CHECK(w["unit"] == "JWC");
    for (const auto& s : mine.body["staff"]) CHECK(s["unit"] == "JWC");
    CHECK(f.get("/api/v1/reports/scorecard?date=2026-11").status == 401);
    CHECK(office.get("/api/v1/reports/scorecard?date=2026-13").status == 422);
    CHECK(office.get("/api/v1/reports/scorecard?date=2026-11&format=pdf").status == 422);

    // The workbook: a row a window then a person, the same points.
    Answer xlsx = office.get("/api/v1/reports/scorecard?date=2026-11&format=xlsx");
    REQUIRE(xlsx.status == 200);
    auto rows = onestop::report::read_xlsx(xlsx.text);
    REQUIRE(rows);
    bool found = false;
    for (const auto& r : *rows)
        if (r.size() > 7 && r[0] == "窗口" && r[1] == "1") {
            found = true;
            CHECK(std::stod(r[7]) == doctest::Approx(93));
            CHECK(r[10].find("complaint:" + c["number"].get<std::string>()) != std::string::npos);
        }
    CHECK(found);

    // The year: January to this month, ranked by the months' average.
    Answer year = office.get("/api/v1/reports/scorecard?date=2026");
    REQUIRE(year.status == 200);
    CHECK(year.body["months"].size() == 11);
    const json& y1 = row(year.body["windows"], 1);
    CHECK(y1["months"]["2026-11"] == doctest::Approx(93));
    CHECK(y1["months"]["2026-10"] == doctest::Approx(100));
    CHECK(y1["average"] == doctest::Approx((93 + 10 * 100) / 11.0).epsilon(0.001));
    CHECK(office.get("/api/v1/reports/scorecard?date=2027").status == 422);  // not begun

    // The month's public summary: the upheld appeal's rating is not a bad one.
    Answer summary = f.get("/api/v1/reports/ratings-summary?date=2026-11");
    REQUIRE(summary.status == 200);
    CHECK(summary.body["total"]["ratings"] == 3);
    CHECK(summary.body["total"]["bad"] == 1);
    CHECK(summary.body["total"]["rectification_rate"] == 0);
    const json& jwc = summary.body["units"][summary.body["units"][0]["unit"] == "JWC" ? 0 : 1];
    CHECK(jwc["unit"] == "JWC");
    CHECK(jwc["windows"][0]["window"] == 1);
    CHECK(jwc["average"] == doctest::Approx(1.5));
    Answer page = f.get("/ratings?date=2026-11");
    CHECK(page.status == 200);
    CHECK(page.text.find("教务处") != std::string::npos);
    CHECK(f.get("/ratings?date=2026-99").status == 422);
}
