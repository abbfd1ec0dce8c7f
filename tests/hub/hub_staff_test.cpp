// The office console's staff (第十二–十七条) and accounts: add, edit, the unit's one window
// lead, disable, PIN reset, training; accounts listed, added and disabled; each change in
// the audit log with its before and after.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// wang (office), li (viewer), zhao (JWC's lead), signed in.
struct Office {
    HubFixture f;
    Browser office{f, "", ""}, viewer{f, "", ""}, unit{f, "", ""};

    Office() {
        add_office_accounts(f);
        REQUIRE(office.login("wang", "office-pass-1").status == 200);
        REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
        REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
    }

    // A counter's sign-in at `window` as `staff` with `pin`.
    int sign_in(int window, const std::string& staff, const std::string& pin) {
        return f
            .post("/api/v1/sessions", {{"window", window}, {"staff", staff}, {"pin", pin}},
                  f.counter)
            .status;
    }

    json audit(const std::string& query) const {
        return office.get("/api/v1/audit?" + query).body["entries"];
    }
};

const json kNewStaff = {{"number", "S003"}, {"name", "王五"}, {"unit", "JWC"}, {"pin", "5678"}};

}  // namespace

TEST_CASE("staff: added with a PIN that signs in at the counter, listed, refused twice") {
    Office o;
    Answer added = o.office.post("/api/v1/staff", kNewStaff);
    REQUIRE(added.status == 201);
    CHECK(added.body["staff"] == json{{"number", "S003"},
                                      {"name", "王五"},
                                      {"unit", "JWC"},
                                      {"lead", false},
                                      {"disabled_at", nullptr},
                                      {"training", json::array()}});
    CHECK(added.text.find("5678") == std::string::npos);
    CHECK(o.sign_in(1, "S003", "5678") == 201);
    CHECK(o.office.post("/api/v1/staff", kNewStaff).body["error"]["code"] == "staff_exists");

    auto refused = [&](json body) { return o.office.post("/api/v1/staff", body).status; };
    CHECK(refused({{"number", "S 4"}, {"name", "x"}, {"unit", "JWC"}, {"pin", "1234"}}) == 422);
    CHECK(refused({{"number", "S004"}, {"name", "x"}, {"unit", "NOPE"}, {"pin", "1234"}}) == 422);
    CHECK(refused({{"number", "S004"}, {"name", "x"}, {"unit", "JWC"}, {"pin", "12"}}) == 422);
    CHECK(refused({{"number", "S004"}, {"name", "a\tb"}, {"unit", "JWC"}, {"pin", "1234"}}) == 422);
    CHECK(refused({{"number", "S004"}, {"unit", "JWC"}, {"pin", "1234"}}) == 400);
    CHECK(refused({{"number", 4}, {"name", "x"}, {"unit", "JWC"}, {"pin", "1234"}}) == 400);

    // Everyone's list for the office and the committee; a unit's lead sees its own unit's.
    auto numbers = [](const Answer& a) {
        std::vector<std::string> out;
        for (const auto& s : a.body["staff"]) out.push_back(s["number"]);
        return out;
    };
    const std::vector<std::string> all{"S001", "S002", "S003"}, jwc{"S001", "S003"};
    CHECK(numbers(o.office.get("/api/v1/staff")) == all);
    CHECK(numbers(o.viewer.get("/api/v1/staff")) == all);
    CHECK(numbers(o.unit.get("/api/v1/staff")) == jwc);
    CHECK(o.unit.get("/api/v1/staff/S003").body["staff"]["name"] == "王五");
    CHECK(o.unit.get("/api/v1/staff/S002").status == 403);
    CHECK(o.office.get("/api/v1/staff/S404").status == 404);

    // A unit's lead adds to its own unit, without naming it or naming it; never to another.
    CHECK(o.unit.post("/api/v1/staff", {{"number", "S005"}, {"name", "钱七"}, {"pin", "1234"}})
              .body["staff"]["unit"] == "JWC");
    CHECK(o.unit
              .post("/api/v1/staff",
                    {{"number", "S006"}, {"name", "孙八"}, {"unit", "CWC"}, {"pin", "1234"}})
              .status == 403);
    CHECK(o.office.post("/api/v1/staff", {{"number", "S006"}, {"name", "孙八"}, {"pin", "1234"}})
              .status == 400);  // the office names the unit

    json log = o.audit("action=staff.");
    REQUIRE(log.size() == 4);  // and the fixture's S001 and S002 (staff add)
    CHECK(log[0]["who"] == "account:zhao");
    CHECK(log[0]["target"] == "S005");
    CHECK(log[1]["action"] == "staff.add");
    CHECK(log[1]["who"] == "account:wang");
    CHECK(log[1]["before"].is_null());
    CHECK(log[1]["after"]["name"] == "王五");
    CHECK(log[1]["after"].dump().find("pin") == std::string::npos);
}

TEST_CASE("staff: one window lead a unit (第十三条); a move or a disable ends the lead") {
    Office o;
    REQUIRE(o.office.post("/api/v1/staff", kNewStaff).status == 201);
    Answer first = o.unit.put("/api/v1/staff/S001", {{"lead", true}});
    REQUIRE(first.status == 200);
    CHECK(first.body["staff"]["lead"] == true);
    // S003 leads now: S001 no longer.
    CHECK(o.unit.put("/api/v1/staff/S003", {{"lead", true}, {"name", "王五一"}})
              .body["staff"]["name"] == "王五一");
    CHECK(o.office.get("/api/v1/staff/S001").body["staff"]["lead"] == false);
    CHECK(o.office.get("/api/v1/staff/S003").body["staff"]["lead"] == true);
    // CWC's lead is CWC's own.
    CHECK(o.office.put("/api/v1/staff/S002", {{"lead", true}}).status == 200);
    CHECK(o.office.get("/api/v1/staff/S003").body["staff"]["lead"] == true);

    json log = o.audit("action=staff.edit");
    REQUIRE(log.size() == 4);  // S002; S001 unmarked, S003; S001
    CHECK(log[1]["target"] == "S001");
    CHECK(log[1]["before"]["lead"] == true);
    CHECK(log[1]["after"]["lead"] == false);
    CHECK(log[2]["target"] == "S003");
    CHECK(log[2]["before"]["name"] == "王五");
    CHECK(log[2]["after"]["name"] == "王五一");
    CHECK(log[2]["who"] == "account:zhao");

    // Only the office moves a member to another unit; the lead stays with the unit left.
    CHECK(o.unit.put("/api/v1/staff/S003", {{"unit", "CWC"}}).status == 403);
    CHECK(o.unit.put("/api/v1/staff/S003", {{"unit", "JWC"}}).status == 200);  // no move
    CHECK(o.audit("action=staff.edit").size() == 4);  // and no change to log
    Answer moved = o.office.put("/api/v1/staff/S003", {{"unit", "CWC"}});
    CHECK(moved.body["staff"]["unit"] == "CWC");
    CHECK(moved.body["staff"]["lead"] == false);
    CHECK(o.office.get("/api/v1/staff/S002").body["staff"]["lead"] == true);
    CHECK(o.unit.put("/api/v1/staff/S003", {{"name", "x"}}).status == 403);  // CWC's now
    CHECK(o.office.put("/api/v1/staff/S003", {{"unit", "NOPE"}}).status == 422);
    CHECK(o.office.put("/api/v1/staff/S003", {{"lead", "yes"}}).status == 400);
    CHECK(o.office.put("/api/v1/staff/S404", {{"name", "x"}}).status == 404);

    // Disabled: signed out of the counter at once, refused there, leads no more, and cannot
    // be made lead.
    std::string on_duty = o.f.login(2);
    REQUIRE(o.f.post("/api/v1/windows/2/call-next", nullptr, on_duty).status != 401);
    REQUIRE(o.office.get("/api/v1/office/hall").body["windows"][1]["staff"]["number"] == "S002");
    Answer disabled = o.office.post("/api/v1/staff/S002/disable");
    REQUIRE(disabled.status == 200);
    CHECK(disabled.body["staff"]["disabled_at"].is_string());
    CHECK(disabled.body["staff"]["lead"] == false);
    CHECK(o.sign_in(2, "S002", "1234") == 403);
    CHECK(o.f.post("/api/v1/windows/2/call-next", nullptr, on_duty).status == 401);
    CHECK(o.office.get("/api/v1/office/hall").body["windows"][1]["staff"].is_null());
    CHECK(o.office.put("/api/v1/staff/S002", {{"lead", true}}).status == 409);
    json off = o.audit("action=staff.disable").at(0);
    CHECK(off["before"]["disabled_at"].is_null());
    CHECK(off["before"]["lead"] == true);
    CHECK(off["after"]["lead"] == false);
    CHECK(o.unit.post("/api/v1/staff/S002/disable").status == 403);
}

TEST_CASE("staff: a PIN reset replaces the PIN and lifts the lockout; training is kept") {
    Office o;
    for (int i = 0; i < 5; ++i) CHECK(o.sign_in(1, "S001", "0000") == 401);
    CHECK(o.sign_in(1, "S001", "1234") == 429);
    CHECK(o.unit.post("/api/v1/staff/S001/pin", {{"pin", "12"}}).status == 422);
    CHECK(o.unit.post("/api/v1/staff/S001/pin", json::object()).status == 400);
    CHECK(o.unit.post("/api/v1/staff/S001/pin", {{"pin", "24680"}}).status == 200);
    CHECK(o.sign_in(1, "S001", "1234") == 401);
    CHECK(o.sign_in(1, "S001", "24680") == 201);
    json pin = o.audit("action=staff.pin").at(0);
    CHECK(pin["target"] == "S001");
    CHECK(pin["after"] == json{{"pin", "reset"}});

    Answer trained = o.unit.post("/api/v1/staff/S001/training",
                                 {{"date", "2026-09-01"}, {"topic", "上岗培训"}, {"passed", true}});
    REQUIRE(trained.status == 201);
    CHECK(trained.body["training"]["topic"] == "上岗培训");
    CHECK(o.office
              .post("/api/v1/staff/S001/training",
                    {{"date", "2026-02-30"}, {"topic", "x"}, {"passed", true}})
              .status == 422);
    CHECK(o.office.post("/api/v1/staff/S001/training", {{"date", "2026-03-01"}, {"topic", "x"}})
              .status == 400);
    CHECK(o.office
              .post("/api/v1/staff/S001/training",
                    {{"date", "2026-03-01"}, {"topic", "服务规范"}, {"passed", false}})
              .status == 201);
    json training = o.viewer.get("/api/v1/staff/S001").body["staff"]["training"];
    REQUIRE(training.size() == 2);
    CHECK(training[0]["date"] == "2026-03-01");  // by date
    CHECK(training[0]["passed"] == false);
    CHECK(training[1]["topic"] == "上岗培训");
    json log = o.audit("action=staff.training");
    REQUIRE(log.size() == 2);
    CHECK(log[1]["who"] == "account:zhao");
    CHECK(log[1]["after"]["date"] == "2026-09-01");
}

TEST_CASE("accounts: the office lists, adds and disables them; a disabled one is signed out") {
    Office o;
    Answer list = o.office.get("/api/v1/accounts");
    REQUIRE(list.status == 200);
    REQUIRE(list.body["accounts"].size() == 3);
    CHECK(list.body["accounts"][2]["login"] == "zhao");
    CHECK(list.body["accounts"][2]["unit"] == "JWC");
    CHECK(list.body["accounts"][2]["created_at"].is_string());
    CHECK(list.body["accounts"][2]["disabled_at"].is_null());
    CHECK(list.text.find("argon") == std::string::npos);

    const json sun = {{"login", "sun"},
                      {"name", "孙科长"},
                      {"role", "unit"},
                      {"unit", "CWC"},
                      {"password", "unit-pass-2"}};
    Answer added = o.office.post("/api/v1/accounts", sun);
    REQUIRE(added.status == 201);
    CHECK(added.body["account"]["role"] == "unit");
    CHECK(o.office.post("/api/v1/accounts", sun).body["error"]["code"] == "account_exists");
    json bad = sun;
    bad.erase("unit");
    CHECK(o.office.post("/api/v1/accounts", bad).status == 422);
    bad = sun;
    bad["password"] = "short";
    CHECK(o.office.post("/api/v1/accounts", bad).status == 422);
    bad = sun;
    bad["login"] = "a/b";
    CHECK(o.office.post("/api/v1/accounts", bad).status == 422);

    Browser s{o.f, "", ""};
    REQUIRE(s.login("sun", "unit-pass-2").status == 200);
    CHECK(s.get("/api/v1/staff").body["staff"].size() == 1);  // CWC's S002

    CHECK(o.office.post("/api/v1/accounts/wang/disable").status == 422);  // not oneself
    CHECK(o.office.post("/api/v1/accounts/nobody/disable").status == 404);
    Answer off = o.office.post("/api/v1/accounts/sun/disable");
    REQUIRE(off.status == 200);
    CHECK(off.body["account"]["disabled_at"].is_string());
    CHECK(s.get("/api/v1/staff").status == 401);  // its open session ended
    CHECK(s.login("sun", "unit-pass-2").status == 401);

    json log = o.audit("action=account.&who=account:wang");
    REQUIRE(log.size() == 2);
    CHECK(log[0]["action"] == "account.disable");
    CHECK(log[0]["before"]["disabled_at"].is_null());
    CHECK(log[0]["after"]["disabled_at"].is_string());
    CHECK(log[1]["action"] == "account.add");
    CHECK(log[1]["after"]["unit"] == "CWC");
    CHECK(log[1]["after"].dump().find("password") == std::string::npos);
}
