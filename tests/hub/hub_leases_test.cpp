// The database's identity and offline tickets of leases it does not know: a kiosk's
// replayed ticket is adopted under its printed number or renumbered, never refused.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// An offline ticket as the kiosk replays it: printed from block `hub_id`.
json offline(const std::string& request_id, int sequence, const std::string& hub_id,
             const std::string& service = "A") {
    json leased = {{"service_day", "2026-11-27"}, {"sequence", sequence}};
    if (!hub_id.empty()) leased["hub_id"] = hub_id;
    return {{"service", service},
            {"priority", false},
            {"request_id", request_id},
            {"leased", leased},
            {"issued_at", "2026-11-27T08:55:00+08:00"}};
}

const std::string kOtherHub = "0123456789abcdef0123456789abcdef";

}  // namespace

TEST_CASE("leases: each database says who it is, in health, lease answers and the held list") {
    HubFixture f;
    Answer health = f.get("/api/v1/health");
    REQUIRE(health.status == 200);
    std::string id = health.body["hub_id"];
    CHECK(id.size() == 32);

    Answer lease = f.post("/api/v1/leases", {{"service", "A"}, {"count", 20}}, f.kiosk);
    REQUIRE(lease.status == 201);
    CHECK(lease.body["hub_id"] == id);
    Answer held = f.get("/api/v1/leases", f.kiosk);
    REQUIRE(held.status == 200);
    CHECK(held.body["hub_id"] == id);
    REQUIRE(held.body["leases"].size() == 1);
    CHECK(held.body["leases"][0] == json({{"service", "A"},
                                          {"service_day", "2026-11-27"},
                                          {"first", lease.body["first"]},
                                          {"count", 20}}));
    Answer none = f.get("/api/v1/leases", f.kiosk2);
    REQUIRE(none.status == 200);
    CHECK(none.body["leases"].empty());
    CHECK(f.get("/api/v1/leases").status == 401);
    CHECK(f.get("/api/v1/leases", f.pad1).status == 403);

    // The identity is the database's: the same after a restart, another for another database.
    f.hub.terminate();
    f.hub.start();
    CHECK(f.get("/api/v1/health").body["hub_id"] == id);
    HubFixture other;
    CHECK(other.get("/api/v1/health").body["hub_id"] != id);
}

TEST_CASE("leases: an offline ticket of another database's block keeps its number when free") {
    HubFixture f;
    Answer adopted = f.post("/api/v1/tickets", offline("x-1", 981, kOtherHub), f.kiosk);
    REQUIRE(adopted.status == 201);
    CHECK(adopted.body["ticket"]["number"] == "A981");
    CHECK(adopted.body["ticket"]["issued_at"] == "2026-11-27T08:55:00+08:00");
    CHECK_FALSE(adopted.body.contains("renumbered"));
    // The hall's own count is not moved by it, and never hands it out again.
    CHECK(f.issue("A")["number"] == "A001");
    // A block of this kiosk's own that this database never leased is adopted the same way.
    Answer unleased = f.post("/api/v1/tickets", offline("x-2", 2, ""), f.kiosk);
    REQUIRE(unleased.status == 201);
    CHECK(unleased.body["ticket"]["number"] == "A002");
    CHECK(f.issue("A")["number"] == "A003");
    Answer lease = f.post("/api/v1/leases", {{"service", "A"}, {"count", 20}}, f.kiosk2);
    REQUIRE(lease.status == 201);
    CHECK(lease.body["first"] == 961);  // A981 is taken: the block goes below it
}

TEST_CASE(
    "leases: a printed number taken here is renumbered, said in the answer, once per request") {
    HubFixture f;
    Answer lease = f.post("/api/v1/leases", {{"service", "A"}, {"count", 20}}, f.kiosk2);
    REQUIRE(lease.status == 201);
    REQUIRE(lease.body["first"] == 980);

    // The kiosk's block came from another database: A985 is kiosk 2's here.
    Answer moved = f.post("/api/v1/tickets", offline("m-1", 985, kOtherHub), f.kiosk);
    REQUIRE(moved.status == 201);
    CHECK(moved.body["ticket"]["number"] == "A001");
    CHECK(moved.body["renumbered"] == json({{"printed", "A985"}}));
    CHECK(moved.body["ticket"]["issued_at"] == "2026-11-27T08:55:00+08:00");
    CHECK(moved.body["ticket"]["code"].is_string());
    // Kiosk 2 still issues A985 from its own block.
    std::string own_id = lease.body["hub_id"];
    Answer own = f.post("/api/v1/tickets", offline("k2-1", 985, own_id), f.kiosk2);
    REQUIRE(own.status == 201);
    CHECK(own.body["ticket"]["number"] == "A985");
    CHECK_FALSE(own.body.contains("renumbered"));
    // The same number again from the same block (a number issued twice) is renumbered too.
    Answer twice = f.post("/api/v1/tickets", offline("k2-2", 985, own_id), f.kiosk2);
    REQUIRE(twice.status == 201);
    CHECK(twice.body["ticket"]["number"] == "A002");
    CHECK(twice.body["renumbered"]["printed"] == "A985");

    // The same request again: the same ticket and the same news, never a second ticket.
    Answer again = f.post("/api/v1/tickets", offline("m-1", 985, kOtherHub), f.kiosk);
    CHECK(again.status == 200);
    CHECK(again.body["ticket"]["id"] == moved.body["ticket"]["id"]);
    CHECK(again.body["renumbered"]["printed"] == "A985");

    // Also after a restart: the log rebuilds who was renumbered, and numbers stay unique.
    f.hub.terminate();
    f.hub.start();
    Answer after = f.post("/api/v1/tickets", offline("m-1", 985, kOtherHub), f.kiosk);
    CHECK(after.status == 200);
    CHECK(after.body["ticket"]["id"] == moved.body["ticket"]["id"]);
    CHECK(after.body["ticket"]["number"] == "A001");
    CHECK(after.body["renumbered"]["printed"] == "A985");
    CHECK(f.issue("A")["number"] == "A003");
    Answer queue = f.get("/api/v1/queue");
    CHECK(queue.body["services"][0]["waiting"] == 4);
}

TEST_CASE("leases: the kiosk's alert about a renumbered ticket reaches the office") {
    HubFixture f;
    SseReader stream(f.hub.url());
    json alert = {{"kind", "ticket_renumbered"},
                  {"message", "离线凭条 A985 号已改为 A001 号 / slip A985 is now A001"}};
    Answer raised = f.post("/api/v1/alerts", alert, f.kiosk);
    REQUIRE(raised.status == 201);
    CHECK(raised.body["alert"]["kind"] == "ticket_renumbered");
    CHECK(f.post("/api/v1/alerts", {{"kind", "ticket_refused"}}, f.kiosk).status == 201);
    CHECK(stream.wait_for([](const std::vector<SseEvent>& events) {
        for (const auto& e : events)
            if (e.name == "device.alert" && e.data["kind"] == "ticket_renumbered") return true;
        return false;
    }));
}
