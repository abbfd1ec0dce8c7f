// The hall office's accounts: `account add` (password on stdin), sign-in with a session
// cookie and a CSRF token, the lockout after five wrong passwords, roles, and the audit log.
#include <doctest/doctest.h>

#include <set>

#include "hub_fixture.h"
#include "onestop/base/ids.h"

using namespace onestop::test;

namespace {

// wang (office, office-pass-1) and li (viewer, viewer-pass-1).
void add_office_and_viewer(const HubFixture& f) {
    REQUIRE(
        add_account(f, {"--login", "wang", "--name", "王老师", "--role", "office"}, "office-pass-1")
            .status == 0);
    REQUIRE(
        add_account(f, {"--login", "li", "--name", "李主任", "--role", "viewer"}, "viewer-pass-1")
            .status == 0);
}

const json kNotice = {{"text", {{"zh", "今日午休 12:00–13:30"}, {"en", "Lunch 12:00–13:30"}}}};

}  // namespace

TEST_CASE("account add: the password from standard input, a known unit, no duplicates") {
    HubFixture f;
    CHECK(
        add_account(f, {"--login", "wang", "--name", "王老师", "--role", "office"}, "office-pass-1")
            .status == 0);
    auto duplicate =
        add_account(f, {"--login", "wang", "--name", "王", "--role", "office"}, "office-pass-1");
    CHECK(duplicate.status == 1);
    CHECK(duplicate.err.find("exists") != std::string::npos);
    CHECK(add_account(f, {"--login", "li", "--name", "李", "--role", "viewer"}, "short").status ==
          1);
    CHECK(add_account(f, {"--login", "zhao", "--name", "赵", "--role", "unit"}, "unit-pass-1")
              .status == 2);
    CHECK(add_account(f, {"--login", "zhao", "--name", "赵", "--role", "unit", "--unit", "NOPE"},
                      "unit-pass-1")
              .status == 1);
    CHECK(add_account(f, {"--login", "zhao", "--name", "赵", "--role", "unit", "--unit", "JWC"},
                      "unit-pass-1")
              .status == 0);
    CHECK(add_account(f, {"--login", "x", "--name", "X", "--role", "root"}, "password-1").status ==
          2);
}

TEST_CASE("sign-in: a cookie session, CSRF on every change, logout, five wrong passwords → 429") {
    HubFixture f;
    REQUIRE(
        add_account(f, {"--login", "wang", "--name", "王老师", "--role", "office"}, "office-pass-1")
            .status == 0);
    Browser office{f};
    CHECK(office.login("wang", "wrong-password").status == 401);
    Answer in = office.login("wang", "office-pass-1");
    REQUIRE(in.status == 200);
    CHECK(in.body["account"]["role"] == "office");
    CHECK(in.body["account"]["name"] == "王老师");
    CHECK(office.get("/api/v1/me").body["account"]["login"] == "wang");

    // A change with the cookie but without its CSRF token is refused; with it, it is made.
    Answer refused = office.put("/api/v1/notice", kNotice, false);
    CHECK(refused.status == 403);
    CHECK(refused.body["error"]["code"] == "csrf");
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "");
    CHECK(office.put("/api/v1/notice", kNotice).status == 200);
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "今日午休 12:00–13:30");

    // Logged out, the cookie is worth nothing.
    CHECK(office.post("/api/v1/logout", json::object(), false).status ==
          403);  // logout is a change too
    CHECK(office.post("/api/v1/logout").status == 200);
    CHECK(office.get("/api/v1/me").status == 401);
    CHECK(office.put("/api/v1/notice", kNotice).status == 401);

    // Five wrong passwords in 15 minutes lock the login, even against the right one.
    Browser guesser{f};
    for (int i = 0; i < 5; ++i)
        CHECK(guesser.login("wang", "guess-" + std::to_string(i)).status == 401);
    Answer locked = guesser.login("wang", "office-pass-1");
    CHECK(locked.status == 429);
    CHECK(locked.body["error"]["code"] == "too_many_tries");
}

TEST_CASE("roles: a viewer reads the audit log but changes nothing; a unit lead reads no log") {
    HubFixture f;
    add_office_and_viewer(f);
    REQUIRE(add_account(f,
                        {"--login", "zhao", "--name", "赵科长", "--role", "unit", "--unit", "JWC"},
                        "unit-pass-1")
                .status == 0);
    Browser office{f}, viewer{f}, unit{f};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);

    CHECK(viewer.put("/api/v1/notice", kNotice).status == 403);
    CHECK(unit.put("/api/v1/notice", kNotice).status == 403);
    CHECK(office.put("/api/v1/notice", kNotice).status == 200);
    CHECK(f.put("/api/v1/notice", {{"text", {{"zh", "停电"}, {"en", "Power cut"}}}}, f.admin)
              .status == 200);

    // A bad rating at window 1 (JWC) and at window 2 (CWC): the office and the committee
    // see both units' rows, JWC's lead only JWC's.
    for (int window : {1, 2}) {
        json t = f.issue("A");
        std::string session = f.login(window);
        REQUIRE(f.post("/api/v1/windows/" + std::to_string(window) + "/call-next", nullptr, session)
                    .status == 200);
        REQUIRE(f.post("/api/v1/windows/" + std::to_string(window) + "/finish", nullptr, session)
                    .status == 200);
        REQUIRE(f.post("/api/v1/evaluations", {{"ticket", t["id"]},
                                               {"code", t["code"]},
                                               {"level", 1},
                                               {"reasons", {"attitude"}}})
                    .status == 201);
    }
    auto units = [](const json& rows) {
        std::set<std::string> out;
        for (const auto& r : rows) out.insert(r["unit"].get<std::string>());
        return out;
    };
    const std::set<std::string> both{"CWC", "JWC"}, jwc{"JWC"};
    CHECK(units(viewer.get("/api/v1/followups").body["followups"]) == both);
    CHECK(units(unit.get("/api/v1/followups").body["followups"]) == jwc);
    CHECK(units(office.get("/api/v1/reports/ratings").body["windows"]) == both);
    CHECK(units(unit.get("/api/v1/reports/ratings").body["windows"]) == jwc);
    CHECK(office.get("/api/v1/reports/attendance").body["attendance"].size() == 2);
    Answer own = unit.get("/api/v1/reports/attendance");
    REQUIRE(own.body["attendance"].size() == 1);
    CHECK(own.body["attendance"][0]["window"] == 1);
    CHECK(f.get("/api/v1/reports/ratings", f.kiosk).status == 403);

    CHECK(f.get("/api/v1/audit").status == 401);
    CHECK(unit.get("/api/v1/audit").status == 403);
    CHECK(f.get("/api/v1/audit", f.kiosk).status == 403);
    Answer log = viewer.get("/api/v1/audit");
    REQUIRE(log.status == 200);
    const json& entries = log.body["entries"];
    // Newest first: the admin token's notice, the office account's, the three accounts, the
    // fixture's two staff (staff add), then its seven devices (token create).
    REQUIRE(entries.size() == 14);
    CHECK(entries[5]["action"] == "staff.add");
    CHECK(entries[7]["action"] == "device.create");
    CHECK(entries[13]["after"]["name"] == "大厅入口一号机");
    CHECK(entries[0]["action"] == "notice.set");
    CHECK(entries[0]["who"].get<std::string>().rfind("device:", 0) == 0);
    CHECK(entries[0]["before"]["zh"] == "今日午休 12:00–13:30");
    CHECK(entries[0]["after"]["zh"] == "停电");
    CHECK(entries[1]["who"] == "account:wang");
    CHECK(entries[1]["before"]["zh"] == "");
    CHECK(entries[1]["after"]["en"] == "Lunch 12:00–13:30");
    CHECK(entries[2]["action"] == "account.add");
    CHECK(entries[2]["target"] == "zhao");
    CHECK(entries[2]["who"].get<std::string>().rfind("command line (uid ", 0) == 0);
    CHECK(entries[2]["after"]["unit"] == "JWC");

    // Filters: by who, by action prefix, and a bounded count.
    CHECK(office.get("/api/v1/audit?who=account:wang").body["entries"].size() == 1);
    CHECK(office.get("/api/v1/audit?action=account.").body["entries"].size() == 3);
    CHECK(office.get("/api/v1/audit?limit=2").body["entries"].size() == 2);
    CHECK(office.get("/api/v1/audit?limit=0").status == 422);
}

TEST_CASE("devices: the office lists, creates (token shown once) and revokes; refused at once") {
    HubFixture f;
    add_office_and_viewer(f);
    Browser office{f}, viewer{f};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);

    Answer list = office.get("/api/v1/devices");
    REQUIRE(list.status == 200);
    CHECK(list.body["devices"].size() == 7);  // the fixture's
    CHECK(list.text.find("token") == std::string::npos);
    CHECK(viewer.get("/api/v1/devices").status == 403);
    CHECK(f.get("/api/v1/devices", f.kiosk).status == 403);
    CHECK(f.get("/api/v1/devices").status == 401);

    auto create = [&](const json& body) {
        auto c = f.client();
        return to_answer(
            c.Post("/api/v1/devices", office.headers(true), body.dump(), "application/json"));
    };
    CHECK(create({{"role", "pad"}, {"name", "pad-3"}}).status == 422);  // a pad needs a window
    CHECK(create({{"role", "root"}, {"name", "x"}}).status == 422);
    CHECK(create({{"role", "kiosk"}, {"name", "x"}, {"window", 99}}).body["error"]["code"] ==
          "window_unknown");
    CHECK(create({{"name", "x"}}).status == 400);
    Answer made = create({{"role", "kiosk"}, {"name", "东门自助机"}});
    REQUIRE(made.status == 201);
    std::string token = made.body["token"];
    CHECK(token.size() == 64);
    int id = made.body["device"]["id"];
    json ticket = {{"service", "A"}, {"priority", false}, {"request_id", onestop::new_uuid()}};
    CHECK(f.post("/api/v1/tickets", ticket, token).status == 201);

    auto c = f.client();
    auto revoked =
        to_answer(c.Delete("/api/v1/devices/" + std::to_string(id), office.headers(true)));
    CHECK(revoked.status == 200);
    CHECK(revoked.body["device"]["revoked_at"].is_string());
    CHECK(f.get("/api/v1/leases", token).status == 401);  // the very next request
    CHECK(to_answer(c.Delete("/api/v1/devices/9999", office.headers(true))).status == 404);

    json log = office.get("/api/v1/audit?action=device.&who=account:wang").body["entries"];
    REQUIRE(log.size() == 2);
    CHECK(log[0]["action"] == "device.revoke");
    CHECK(log[0]["before"]["revoked_at"].is_null());
    CHECK(log[0]["after"]["revoked_at"].is_string());
    CHECK(log[1]["action"] == "device.create");
    CHECK(log[1]["after"]["name"] == "东门自助机");
    CHECK(log[1]["who"] == "account:wang");
}
