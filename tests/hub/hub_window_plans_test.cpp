// The office plans its windows from a date on: a window added today serves at once, a
// change for a later day waits for it, closing the last window of a service is refused,
// the file's rules check every plan, and the plans are kept and audited.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// The tests' Friday is 2026-11-27.
const json kWindow4 = {{"name", {{"zh", "四号窗口"}, {"en", "Window Four"}}},
                       {"unit", "JWC"},
                       {"services", {"A", "C"}},
                       {"hours", {{"weekdays", {"08:30-11:30", "14:00-17:00"}}}},
                       {"number", 4}};

json window_in(const Answer& queue, int number) {
    for (const auto& w : queue.body["windows"])
        if (w["number"] == number) return w;
    return nullptr;
}

}  // namespace

TEST_CASE("window plans: added today serves at once, a later change waits for its day") {
    HubFixture f;
    auto added =
        f.post("/api/v1/windows", {{"effective", "2026-11-27"}, {"window", kWindow4}}, f.admin);
    REQUIRE(added.status == 201);
    CHECK(added.body["plan"]["in_effect"] == true);
    CHECK(added.body["plan"]["plan"]["hours"]["mon"][0] == "08:30-11:30");
    json w4 = window_in(f.get("/api/v1/queue"), 4);
    REQUIRE(w4.is_object());
    CHECK(w4["status"] == "open");  // Friday 09:00 is inside 08:30-11:30
    // The public guide publishes its hours.
    std::string guide = f.get("/").text;
    CHECK(guide.find("四号窗口") != std::string::npos);
    CHECK(guide.find("08:30-11:30, 14:00-17:00") != std::string::npos);
    // Service C had only Saturday's window 3: window 4 opens it today.
    auto ticket =
        f.post("/api/v1/tickets", {{"service", "C"}, {"request_id", "plan-c-1"}}, f.kiosk);
    CHECK(ticket.status == 201);
    CHECK(f.post("/api/v1/windows", {{"effective", "2026-11-27"}, {"window", kWindow4}}, f.admin)
              .status == 409);

    // From Monday window 4 serves only A, afternoons: today it keeps both.
    json monday = kWindow4;
    monday["services"] = {"A"};
    monday["hours"] = {{"weekdays", {"14:00-17:00"}}};
    auto changed =
        f.put("/api/v1/windows/4", {{"effective", "2026-11-30"}, {"window", monday}}, f.admin);
    REQUIRE(changed.status == 200);
    CHECK(changed.body["plan"]["in_effect"] == false);
    CHECK(window_in(f.get("/api/v1/queue"), 4)["services"] == json({"A", "C"}));
    auto office = f.get("/api/v1/office/windows", f.admin);
    REQUIRE(office.status == 200);
    CHECK(office.body["plans"].size() == 2);
    CHECK(office.body["today"] == "2026-11-27");

    // Kept over a restart; the audit names each change.
    f.hub.terminate();
    f.hub.start();
    CHECK(window_in(f.get("/api/v1/queue"), 4)["services"] == json({"A", "C"}));
    auto audit = f.get("/api/v1/audit?action=window.", f.admin);
    REQUIRE(audit.body["entries"].size() == 2);
    CHECK(audit.body["entries"][0]["action"] == "window.change");
    CHECK(audit.body["entries"][0]["target"] == "window 4 from 2026-11-30");
}

TEST_CASE("window plans: the file's rules, the past, the last window of a service, roles") {
    HubFixture f;
    auto plan = [&](const json& window, const std::string& effective = "2026-11-28") {
        return f.post("/api/v1/windows", {{"effective", effective}, {"window", window}}, f.admin);
    };
    json bad = kWindow4;
    bad["hours"] = {{"mon", {"17:00-08:00"}}};
    auto refused = plan(bad);
    CHECK(refused.status == 422);
    CHECK(refused.body["error"]["message"].get<std::string>().find("window.hours.mon[0]") !=
          std::string::npos);
    bad = kWindow4;
    bad["services"] = {"Z"};
    CHECK(plan(bad).status == 422);
    bad = kWindow4;
    bad["kind"] = "periodic";  // without periods
    CHECK(plan(bad).status == 422);
    CHECK(plan(kWindow4, "2026-11-26").status == 422);  // yesterday
    CHECK(plan(kWindow4, "next week").status == 422);

    // Window 3 is service C's only window: closing it is refused, naming C.
    auto closing = f.del("/api/v1/windows/3?effective=2026-11-28", f.admin);
    CHECK(closing.status == 422);
    CHECK(closing.body["error"]["code"] == "service_unserved");
    CHECK(f.del("/api/v1/windows/9?effective=2026-11-28", f.admin).status == 404);
    // With window 4 serving C from Saturday, window 3 may close from then.
    REQUIRE(plan(kWindow4).status == 201);
    CHECK(f.del("/api/v1/windows/3?effective=2026-11-28", f.admin).status == 200);
    CHECK(window_in(f.get("/api/v1/queue"), 3).is_object());  // still today

    CHECK(f.post("/api/v1/windows", {{"effective", "2026-11-28"}, {"window", kWindow4}}).status ==
          401);
    CHECK(f.post("/api/v1/windows", {{"effective", "2026-11-28"}, {"window", kWindow4}}, f.kiosk)
              .status == 403);
    CHECK(f.get("/api/v1/office/windows").status == 401);
}
