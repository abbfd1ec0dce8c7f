// Bounded history: a hub restarted on a later day holds today's tickets in memory and
// reads earlier days' from its tables, and answers about them as before: an old ticket
// by its code, its rating once, a kiosk's repeated or offline request of an earlier day,
// ticket ids and metrics that go on.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// The value of metric `name` at `hub`; -1 when it is not there.
long metric(const LaterHub& hub, const std::string& name) {
    std::string text = hub.get("/metrics").text;
    auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stol(text.substr(at + name.size() + 2));
}

json ticket_request(const std::string& request_id) {
    return {{"service", "A"}, {"priority", false}, {"request_id", request_id}};
}

}  // namespace

TEST_CASE("a hub restarted on a later day answers about earlier days' tickets as before") {
    HubFixture f;
    // Friday morning: A001 served and rated, A002 and A003 served and not rated; in the
    // afternoon A004, still waiting at closing.
    Answer first = f.post("/api/v1/tickets", ticket_request("fri-1"), f.kiosk);
    REQUIRE(first.status == 201);
    json rated = first.body["ticket"];
    json unrated = f.issue("A");
    f.issue("A");
    Answer lease = f.post("/api/v1/leases", {{"service", "A"}, {"count", 5}}, f.kiosk);
    REQUIRE(lease.status == 201);
    int leased = lease.body["first"];
    std::string w1 = f.login(1);
    for (int i = 0; i < 3; ++i)
        REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/evaluations",
                   {{"ticket", rated["id"]}, {"level", 5}, {"code", rated["code"]}})
                .status == 201);
    REQUIRE(f.hub.terminate() == 0);
    json waiting;
    Answer metrics;
    {
        LaterHub afternoon(f, "2026-11-27T15:00:00+08:00");
        Answer issued = afternoon.post("/api/v1/tickets", ticket_request("fri-2"), f.kiosk);
        REQUIRE(issued.status == 201);
        waiting = issued.body["ticket"];
        metrics = afternoon.get("/metrics");
        REQUIRE(afternoon.hub.terminate() == 0);
    }

    // Monday: memory holds A004 (still waiting), not the morning's tickets.
    LaterHub later(f, "2026-11-30T09:00:00+08:00");
    auto path = [](const json& t) {
        return "/api/v1/tickets/" + std::to_string(t["id"].get<int>()) +
               "?code=" + t["code"].get<std::string>();
    };
    Answer old = later.get(path(rated));
    REQUIRE(old.status == 200);
    CHECK(old.body["ticket"]["number"] == "A001");
    CHECK(old.body["ticket"]["status"] == "done");
    CHECK(old.body["ticket"]["service_day"] == "2026-11-27");
    CHECK(later.get("/api/v1/tickets/" + std::to_string(rated["id"].get<int>()) + "?code=bad")
              .status == 403);

    // One rating per service, also for an earlier day's; an unrated one can still be rated.
    Answer again = later.post(
        "/api/v1/evaluations",
        {{"ticket", rated["id"]}, {"level", 1}, {"code", rated["code"]}, {"reasons", {"attitude"}}},
        "");
    CHECK(again.status == 409);
    CHECK(again.body["error"]["code"] == "already_evaluated");
    Answer late =
        later.post("/api/v1/evaluations",
                   {{"ticket", unrated["id"]}, {"level", 4}, {"code", unrated["code"]}}, "");
    CHECK(late.status == 201);
    CHECK(later
              .get("/t/" + std::to_string(unrated["id"].get<int>()) +
                   "?c=" + unrated["code"].get<std::string>())
              .status == 200);

    // The kiosk repeats Friday's request: the same ticket, not a new one.
    Answer repeated = later.post("/api/v1/tickets", ticket_request("fri-1"), f.kiosk);
    CHECK(repeated.status == 200);
    CHECK(repeated.body["ticket"]["id"] == rated["id"]);
    CHECK(repeated.body["ticket"]["code"] == rated["code"]);

    // An offline ticket from Friday's block arrives on Monday: issued once under its number;
    // the same number under another request id is renumbered, never a second A00n.
    char number[8];
    std::snprintf(number, sizeof number, "A%03d", leased);
    json offline = ticket_request("off-fri-1");
    offline["leased"] = {{"service_day", "2026-11-27"}, {"sequence", leased}};
    offline["issued_at"] = "2026-11-27T16:00:00+08:00";
    Answer arrived = later.post("/api/v1/tickets", offline, f.kiosk);
    REQUIRE(arrived.status == 201);
    CHECK(arrived.body["ticket"]["number"] == number);
    CHECK(arrived.body["ticket"]["service_day"] == "2026-11-27");
    CHECK(later.post("/api/v1/tickets", offline, f.kiosk).body["ticket"]["id"] ==
          arrived.body["ticket"]["id"]);
    json twice = offline;
    twice["request_id"] = "off-fri-2";
    Answer renumbered = later.post("/api/v1/tickets", twice, f.kiosk);
    CHECK(renumbered.status == 201);
    CHECK(renumbered.body["renumbered"]["printed"] == number);
    CHECK(renumbered.body["ticket"]["number"] == "A005");  // after Friday's A001–A004
    // Printed as Friday's A003 from another database's block: taken here, so renumbered.
    json foreign = ticket_request("off-fri-3");
    foreign["leased"] = {{"service_day", "2026-11-27"},
                         {"sequence", 3},
                         {"hub_id", "0123456789abcdef0123456789abcdef"}};
    foreign["issued_at"] = "2026-11-27T16:10:00+08:00";
    Answer adopted = later.post("/api/v1/tickets", foreign, f.kiosk2);
    CHECK(adopted.status == 201);
    CHECK(adopted.body["renumbered"]["printed"] == "A003");
    CHECK(adopted.body["ticket"]["number"] == "A006");

    // Ids go on; Monday's numbers start again; Friday's waiting ticket is called first.
    Answer monday = later.post("/api/v1/tickets", ticket_request("mon-1"), f.kiosk);
    REQUIRE(monday.status == 201);
    CHECK(monday.body["ticket"]["number"] == "A001");
    CHECK(monday.body["ticket"]["id"].get<int>() == adopted.body["ticket"]["id"].get<int>() + 1);
    Answer called = later.post("/api/v1/windows/1/call-next", nullptr, w1);  // Friday's session
    REQUIRE(called.status == 200);
    CHECK(called.body["ticket"]["id"] == waiting["id"]);

    // The counters count the whole log, not what memory holds.
    auto counter = [](const std::string& text, const std::string& name) {
        auto at = text.find("\n" + name + " ");
        return std::stol(text.substr(at + name.size() + 2));
    };
    long issued = counter(metrics.text, "onestop_tickets_issued_total");
    long calls = counter(metrics.text, "onestop_calls_total");
    CHECK(issued == 4);
    CHECK(calls == 3);
    CHECK(metric(later, "onestop_tickets_issued_total") == issued + 4);
    CHECK(metric(later, "onestop_calls_total") == calls + 1);

    // A second restart the same day rebuilds the same: the offline tickets of Friday issued
    // on Monday are still known under their request ids.
    REQUIRE(later.hub.terminate() == 0);
    later.hub.start();
    CHECK(later.post("/api/v1/tickets", twice, f.kiosk).body["ticket"]["id"] ==
          renumbered.body["ticket"]["id"]);
    CHECK(later.get(path(unrated)).body["ticket"]["status"] == "done");
    CHECK(metric(later, "onestop_tickets_issued_total") == issued + 4);
}
