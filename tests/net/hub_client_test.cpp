#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "fake_hub_server.h"
#include "onestop/net/hub_client.h"

using namespace onestop;
using namespace onestop::net;
using onestop::test::FakeHubServer;

namespace {

const char* kTicket =
    R"({"ticket":{"id":12,"number":"A012","service":"A","status":"called","priority":false,)"
    R"("issued_at":"2026-11-27T10:00:00+08:00","called_at":"2026-11-27T10:05:00+08:00",)"
    R"("window":3,"waiting_ahead":0}})";

}  // namespace

TEST_CASE("the hub's error body becomes the Error; other failures map to fixed codes") {
    FakeHubServer fake;
    auto& s = fake.server();
    s.Post("/api/v1/windows/3/recall", [](const httplib::Request&, httplib::Response& res) {
        res.status = 409;
        res.set_content(
            R"({"error":{"code":"nothing_called","message":"no ticket is called at window 3"}})",
            "application/json");
    });
    s.Get("/api/v1/queue", [](const httplib::Request&, httplib::Response& res) {
        res.status = 500;
        res.set_content("<html>oops</html>", "text/html");
    });
    s.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok","version":"0.1.0"})", "application/json");
    });
    s.Get("/api/v1/services", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(
            R"({"services":[{"code":"A","name":{"zh":"成绩证明","en":"Transcripts"},)"
            R"("unit":"JWC","mode":"instant","materials":[{"zh":"学生证","en":"Student card"}],)"
            R"("open":true,"next_open":null},{"code":7}]})",
            "application/json");
    });
    fake.start();

    HubClient client(
        {fake.url(), "tok", std::chrono::milliseconds(1000), std::chrono::milliseconds(2000)});

    auto recall = client.recall(3);
    REQUIRE_FALSE(recall.ok());
    CHECK(recall.error().code == "nothing_called");
    CHECK(recall.error().message == "no ticket is called at window 3");

    auto queue = client.queue();
    REQUIRE_FALSE(queue.ok());
    CHECK(queue.error().code == "http_500");

    auto health = client.health();
    REQUIRE(health.ok());
    CHECK(health->version == "0.1.0");

    // A malformed entry is reported with the field's name, not thrown.
    auto services = client.services();
    REQUIRE_FALSE(services.ok());
    CHECK(services.error().code == "bad_response");
    CHECK(services.error().message.find("code") != std::string::npos);
}

TEST_CASE("headers: bearer token, idempotency key, per-call token; 204 means nobody waits") {
    FakeHubServer fake;
    std::string seen_auth, seen_key;
    int calls = 0;
    fake.server().Post("/api/v1/windows/3/call-next",
                       [&](const httplib::Request& req, httplib::Response& res) {
                           seen_auth = req.get_header_value("Authorization");
                           seen_key = req.get_header_value("Idempotency-Key");
                           if (++calls == 1) {
                               res.set_content(kTicket, "application/json");
                           } else {
                               res.status = 204;
                           }
                       });
    fake.start();

    HubClient client({fake.url(), "counter-token"});
    auto first = client.call_next(3, "key-1");
    REQUIRE(first.ok());
    REQUIRE(first->has_value());
    CHECK((*first)->number == "A012");
    CHECK((*first)->window == 3);
    CHECK(seen_auth == "Bearer counter-token");
    CHECK(seen_key == "key-1");

    client.set_token("session-abc");
    auto second = client.call_next(3);
    REQUIRE(second.ok());
    CHECK_FALSE(second->has_value());
    CHECK(seen_auth == "Bearer session-abc");
    CHECK(seen_key.empty());
}

TEST_CASE("a closed port is hub_unreachable; a stalled answer is timeout") {
    int closed_port;
    {
        FakeHubServer gone;
        gone.start();
        closed_port = gone.port();
    }
    HubClient nowhere({"http://127.0.0.1:" + std::to_string(closed_port), ""});
    auto r = nowhere.health();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "hub_unreachable");

    FakeHubServer slow;
    slow.server().Get("/api/v1/health", [&](const httplib::Request&, httplib::Response& res) {
        for (int i = 0; i < 100 && !slow.stopping; ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        res.set_content(R"({"status":"ok"})", "application/json");
    });
    slow.start();
    HubClient impatient(
        {slow.url(), "", std::chrono::milliseconds(500), std::chrono::milliseconds(300)});
    auto t0 = std::chrono::steady_clock::now();
    auto late = impatient.health();
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().code == "timeout");
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(1500));
}

TEST_CASE("service_closed keeps next_open readable; bodies are sent as JSON") {
    FakeHubServer fake;
    std::string seen_body, seen_type;
    fake.server().Post("/api/v1/tickets", [&](const httplib::Request& req, httplib::Response& res) {
        seen_body = req.body;
        seen_type = req.get_header_value("Content-Type");
        res.status = 409;
        res.set_content(
            R"({"error":{"code":"service_closed","message":"closed","next_open":"2026-11-30T08:30:00+08:00"},)"
            R"("next_open":"2026-11-30T08:30:00+08:00"})",
            "application/json");
    });
    fake.start();
    HubClient client({fake.url(), "kiosk"});
    IssueRequest req{"B", Priority::Green, "req-1", {}, {}, {}};
    auto r = client.issue_ticket(req);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "service_closed");
    auto closed = parse_api_error(client.last_error_body());
    REQUIRE(closed.ok());
    CHECK(closed->next_open == std::optional<std::string>("2026-11-30T08:30:00+08:00"));
    auto sent = nlohmann::json::parse(seen_body);
    CHECK(sent["service"] == "B");
    CHECK(sent["priority"] == true);
    CHECK(sent["request_id"] == "req-1");
    CHECK_FALSE(sent.contains("leased"));
    CHECK(seen_type == "application/json");
}
