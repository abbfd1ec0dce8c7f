// The service guide (办事指南) as the office edits it: PUT /api/v1/services/{code} shows at
// once on GET /api/v1/services and the public guide, is versioned with its diff, audited,
// announced as services.updated, kept over restarts, and refused to the wrong role or unit.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

const json kMaterials = {{{"zh", "学生证原件"}, {"en", "Student card (original)"}},
                         {{"zh", "在读证明申请表"}, {"en", "Enrolment certificate form"}}};

json service_in(const Answer& services, const std::string& code) {
    for (const auto& s : services.body["services"])
        if (s["code"] == code) return s;
    return nullptr;
}

// wang (office), zhao (lead of JWC, which owns service A), li (viewer).
void add_accounts(const HubFixture& f) {
    REQUIRE(
        add_account(f, {"--login", "wang", "--name", "王老师", "--role", "office"}, "office-pass-1")
            .status == 0);
    REQUIRE(add_account(f,
                        {"--login", "zhao", "--name", "赵科长", "--role", "unit", "--unit", "JWC"},
                        "unit-pass-1")
                .status == 0);
    REQUIRE(
        add_account(f, {"--login", "li", "--name", "李主任", "--role", "viewer"}, "viewer-pass-1")
            .status == 0);
}

}  // namespace

TEST_CASE("services: the office's edit shows at once, versioned, audited and announced") {
    HubFixture f;
    add_accounts(f);
    OfficeBrowser office{f};
    REQUIRE(office.login("wang", "office-pass-1").status == 200);
    SseReader stream(f.hub.url());
    REQUIRE(stream.wait_for([&](const auto&) { return stream.status() == 200; }));

    auto before = f.get("/api/v1/services/A");
    REQUIRE(before.status == 200);
    CHECK(before.body["service"]["version"] == 0);  // as the hall file has it

    auto edited = office.put("/api/v1/services/A", {{"materials", kMaterials}, {"version", 0}});
    REQUIRE(edited.status == 200);
    CHECK(edited.body["service"]["materials"] == kMaterials);
    int64_t version = edited.body["service"]["version"];
    CHECK(version > 0);

    // Kiosks and the public guide see it at once.
    CHECK(service_in(f.get("/api/v1/services"), "A")["materials"] == kMaterials);
    CHECK(f.get("/").text.find("在读证明申请表") != std::string::npos);
    CHECK(stream.wait_for([](const auto& events) {
        for (const auto& e : events)
            if (e.name == "services.updated" && e.data["service"] == "A" && e.data["unit"] == "JWC")
                return true;
        return false;
    }));

    // The history: who, when, what changed from what.
    auto versions = office.get("/api/v1/services/A/versions");
    REQUIRE(versions.status == 200);
    REQUIRE(versions.body["versions"].size() == 1);
    const json& v = versions.body["versions"][0];
    CHECK(v["version"] == version);
    CHECK(v["who"] == "account:wang");
    REQUIRE(v["changes"].size() == 1);
    CHECK(v["changes"][0]["field"] == "materials");
    CHECK(v["changes"][0]["before"][0]["zh"] == "学生证<原件>");
    CHECK(v["changes"][0]["after"] == kMaterials);
    auto audit = office.get("/api/v1/audit?action=service.");
    REQUIRE(audit.body["entries"].size() == 1);
    CHECK(audit.body["entries"][0]["target"] == "A");

    // An editor who started from the old version is told, and nothing changes.
    auto stale = office.put("/api/v1/services/A", {{"materials", json::array()}, {"version", 0}});
    CHECK(stale.status == 409);
    CHECK(stale.body["error"]["code"] == "stale_version");
    // Saving what is already there keeps no new version.
    CHECK(
        office.put("/api/v1/services/A", {{"materials", kMaterials}}).body["service"]["version"] ==
        version);
    // A second edit: name and mode; the deadline needs its promised days.
    auto no_days = office.put("/api/v1/services/A", {{"mode", "deadline"}});
    CHECK(no_days.status == 422);
    CHECK(no_days.body["error"]["message"].get<std::string>().find("promised_days") !=
          std::string::npos);
    auto second = office.put("/api/v1/services/A",
                             {{"name", {{"zh", "在读证明"}, {"en", "Enrolment certificate"}}},
                              {"mode", "deadline"},
                              {"promised_days", 3}});
    REQUIRE(second.status == 200);
    CHECK(second.body["service"]["version"] > version);
    CHECK(office.get("/api/v1/services/A/versions").body["versions"].size() == 2);

    // Kept over a restart with the same hall file.
    f.hub.terminate();
    f.hub.start();
    auto after = service_in(f.get("/api/v1/services"), "A");
    CHECK(after["materials"] == kMaterials);
    CHECK(after["name"]["zh"] == "在读证明");
    CHECK(after["mode"] == "deadline");
    CHECK(after["promised_days"] == 3);
}

TEST_CASE("services: bad edits are refused by name and change nothing") {
    HubFixture f;
    auto put = [&](const json& body) { return f.put("/api/v1/services/A", body, f.admin); };
    struct Case {
        json body;
        const char* names;
    } cases[] = {
        {{{"materials", "学生证"}}, "materials"},
        {{{"materials", {{{"zh", "学生证"}}}}}, "materials[0]"},
        {{{"materials", {{{"zh", ""}, {"en", "x"}}}}}, "materials[0]"},
        {{{"steps", {{{"zh", "一\n二"}, {"en", "one"}}}}}, "steps[0]"},
        {{{"name", {{"zh", "名"}, {"en", ""}}}}, "name"},
        {{{"mode", "fast"}}, "mode"},
        {{{"promised_days", 61}}, "promised_days"},
        {{{"unit", "CWC"}}, "unit"},
        {{{"version", "1"}}, "version"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.body.dump());
        auto a = put(c.body);
        CHECK(a.status == 422);
        CHECK(a.body["error"]["message"].get<std::string>().find(c.names) != std::string::npos);
    }
    CHECK(f.put("/api/v1/services/Z", {{"mode", "instant"}}, f.admin).status == 404);
    CHECK(f.get("/api/v1/services/A").body["service"]["version"] == 0);
    // Who may apply is a paragraph: its line breaks are kept.
    auto paragraph = put({{"who_may_apply", {{"zh", "在校本科生\n研究生"}, {"en", "Students"}}}});
    CHECK(paragraph.status == 200);
}

TEST_CASE("services: the office edits every unit's, a unit's lead only its own") {
    HubFixture f;
    add_accounts(f);
    OfficeBrowser lead{f}, viewer{f};
    REQUIRE(lead.login("zhao", "unit-pass-1").status == 200);
    REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    const json edit = {{"materials", kMaterials}};

    CHECK(lead.put("/api/v1/services/A", edit).status == 200);  // JWC's own
    auto other = lead.put("/api/v1/services/B", edit);          // CWC's
    CHECK(other.status == 403);
    CHECK(lead.get("/api/v1/services/B/versions").status == 403);
    CHECK(lead.get("/api/v1/services/A/versions").status == 200);
    auto no_csrf = lead.put("/api/v1/services/A", edit, false);
    CHECK(no_csrf.status == 403);
    CHECK(no_csrf.body["error"]["code"] == "csrf");
    CHECK(viewer.put("/api/v1/services/A", edit).status == 403);
    CHECK(viewer.get("/api/v1/services/B/versions").status == 200);
    CHECK(f.put("/api/v1/services/A", edit).status == 401);
    CHECK(f.put("/api/v1/services/A", edit, f.kiosk).status == 403);
    CHECK(f.get("/api/v1/services/A/versions").status == 401);
    CHECK(f.put("/api/v1/services/B", edit, f.admin).status == 200);  // scripts act as the office
    CHECK(service_in(f.get("/api/v1/services"), "C")["materials"] != kMaterials);
}
