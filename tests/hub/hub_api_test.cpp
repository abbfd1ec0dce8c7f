// Public reads, ticket issuing, input checks and the error statuses of CONTRACT.md.
#include <doctest/doctest.h>

#include "hub_fixture.h"
#include "onestop/base/ids.h"

using namespace onestop::test;

namespace {
void check_error_body(const Answer& a, int status, const std::string& code = "") {
    CHECK(a.status == status);
    REQUIRE_MESSAGE(a.body.is_object(), a.text);
    REQUIRE(a.body.contains("error"));
    CHECK(a.body["error"]["message"].is_string());
    CHECK_FALSE(a.body["error"]["message"].get<std::string>().empty());
    if (!code.empty()) CHECK(a.body["error"]["code"] == code);
}
}  // namespace

TEST_CASE("public reads: health, services, queue, rating reasons, notice, window") {
    HubFixture f;
    Answer health = f.get("/api/v1/health");
    CHECK(health.status == 200);
    CHECK(health.body["status"] == "ok");
    CHECK(health.body["version"].is_string());

    Answer services = f.get("/api/v1/services");
    REQUIRE(services.status == 200);
    REQUIRE(services.body["services"].size() == 3);
    const json& a = services.body["services"][0];
    CHECK(a["code"] == "A");
    CHECK(a["name"]["zh"] == "成绩单打印");
    CHECK(a["name"]["en"] == "Transcripts");
    CHECK(a["unit"] == "JWC");
    CHECK(a["mode"] == "instant");
    CHECK(a["materials"][0]["zh"] == "学生证<原件>");
    CHECK(a["open"] == true);
    CHECK(services.body["services"][1]["mode"] == "deadline");
    const json& c = services.body["services"][2];
    CHECK(c["open"] == false);
    CHECK(c["next_open"] == "2026-11-28T09:00:00+08:00");

    f.issue("A");
    f.issue("B");
    Answer queue = f.get("/api/v1/queue");
    REQUIRE(queue.status == 200);
    CHECK(queue.body["now"].get<std::string>().substr(0, 10) == "2026-11-27");
    CHECK(queue.body["now"].get<std::string>().find("+08:00") != std::string::npos);
    CHECK(queue.body["services"][0]["waiting"] == 1);
    CHECK(queue.body["services"][1]["waiting"] == 1);
    REQUIRE(queue.body["windows"].size() == 3);
    const json& w1 = queue.body["windows"][0];
    CHECK(w1["number"] == 1);
    CHECK(w1["name"]["zh"] == "一号窗口");
    CHECK(w1["unit"] == "JWC");
    CHECK(w1["services"] == json::array({"A"}));
    CHECK(w1["status"] == "open");
    CHECK(w1["current"].is_null());
    CHECK(w1["staff"].is_null());
    CHECK(queue.body["windows"][2]["status"] == "closed");
    CHECK(queue.body["recent_calls"].empty());

    Answer reasons = f.get("/api/v1/rating-reasons");
    REQUIRE(reasons.status == 200);
    CHECK(reasons.body["reasons"][0] ==
          json({{"code", "attitude"}, {"zh", "态度不好"}, {"en", "Unfriendly attitude"}}));

    Answer notice = f.get("/api/v1/notice");
    CHECK(notice.status == 200);
    CHECK(notice.body["text"] == json({{"zh", ""}, {"en", ""}}));

    Answer window = f.get("/api/v1/windows/2");
    REQUIRE(window.status == 200);
    CHECK(window.body["window"]["waiting"] == 2);  // window 2 calls A and B
    CHECK(window.body["window"]["pause_reason"].is_null());
    check_error_body(f.get("/api/v1/windows/99"), 404, "window_unknown");
    check_error_body(f.get("/api/v1/no-such-route"), 404);
}

TEST_CASE("issuing: 201 with the code, the same request_id gives the same ticket (200)") {
    HubFixture f;
    std::string rid = onestop::new_uuid();
    Answer first = f.post("/api/v1/tickets",
                          {{"service", "A"}, {"priority", false}, {"request_id", rid}}, f.kiosk);
    REQUIRE(first.status == 201);
    const json& t = first.body["ticket"];
    CHECK(t["number"] == "A001");
    CHECK(t["service"] == "A");
    CHECK(t["status"] == "waiting");
    CHECK(t["priority"] == false);
    CHECK(t["called_at"].is_null());
    CHECK(t["waiting_ahead"] == 0);
    CHECK(t["issued_at"].get<std::string>().find("+08:00") != std::string::npos);
    REQUIRE(t["code"].is_string());

    Answer again = f.post("/api/v1/tickets",
                          {{"service", "A"}, {"priority", false}, {"request_id", rid}}, f.kiosk);
    CHECK(again.status == 200);
    CHECK(again.body["ticket"]["id"] == t["id"]);
    CHECK(again.body["ticket"]["number"] == "A001");

    // The same request id from another kiosk is another request.
    Answer other = f.post("/api/v1/tickets", {{"service", "A"}, {"request_id", rid}}, f.kiosk2);
    CHECK(other.status == 201);
    CHECK(other.body["ticket"]["number"] == "A002");
    Answer green = f.post("/api/v1/tickets",
                          {{"service", "A"}, {"priority", true}, {"request_id", "g1"}}, f.admin);
    CHECK(green.status == 201);
    CHECK(green.body["ticket"]["priority"] == true);
    CHECK(green.body["ticket"]["waiting_ahead"] == 0);  // 绿色通道 goes first

    // The code is only in the kiosk's answer; others need it to read the ticket.
    std::string id = std::to_string(t["id"].get<int>());
    std::string code = t["code"];
    Answer read = f.get("/api/v1/tickets/" + id + "?code=" + code);
    REQUIRE(read.status == 200);
    CHECK_FALSE(read.body["ticket"].contains("code"));
    CHECK(read.body["ticket"]["waiting_ahead"] == 1);
    CHECK(read.body["ticket"].contains("estimated_wait_min"));
    check_error_body(f.get("/api/v1/tickets/" + id + "?code=00000000"), 403);
    check_error_body(f.get("/api/v1/tickets/" + id), 401);
    check_error_body(f.get("/api/v1/tickets/9999?code=" + code), 404, "ticket_unknown");
    CHECK(f.get("/api/v1/tickets/" + id, f.admin).status == 200);
}

TEST_CASE("issuing: auth, roles, closed services and input checks") {
    HubFixture f;
    json ok = {{"service", "A"}, {"request_id", "r-1"}};
    check_error_body(f.post("/api/v1/tickets", ok), 401);
    check_error_body(f.post("/api/v1/tickets", ok, "not-a-token"), 401);
    check_error_body(f.post("/api/v1/tickets", ok, f.pad1), 403);
    check_error_body(f.post("/api/v1/tickets", ok, f.board), 403);

    Answer closed = f.post("/api/v1/tickets", {{"service", "C"}, {"request_id", "r-c"}}, f.kiosk);
    check_error_body(closed, 409, "service_closed");
    CHECK(closed.body["error"]["next_open"] == "2026-11-28T09:00:00+08:00");
    CHECK(closed.body["next_open"] == "2026-11-28T09:00:00+08:00");

    check_error_body(f.post_raw("/api/v1/tickets", "{\"service\": \"A\"", f.kiosk), 400,
                     "malformed_json");
    check_error_body(f.post_raw("/api/v1/tickets", "[1, 2]", f.kiosk), 400, "malformed_json");
    check_error_body(f.post_raw("/api/v1/tickets", "{\"service\": \"A\xff\xfe\"}", f.kiosk), 400,
                     "malformed_json");
    check_error_body(f.post("/api/v1/tickets", {{"service", 1}}, f.kiosk), 400, "wrong_type");
    check_error_body(f.post("/api/v1/tickets", {{"service", "A"}, {"priority", "yes"}}, f.kiosk),
                     400, "wrong_type");
    check_error_body(f.post("/api/v1/tickets", {{"priority", false}}, f.kiosk), 400,
                     "missing_field");
    check_error_body(f.post("/api/v1/tickets", {{"service", "Z"}, {"request_id", "r-z"}}, f.kiosk),
                     422, "service_unknown");
    check_error_body(f.post("/api/v1/tickets", {{"service", "A"}, {"request_id", ""}}, f.kiosk),
                     422);

    std::string big = "{\"service\":\"A\",\"pad\":\"" + std::string(70 * 1024, 'x') + "\"}";
    check_error_body(f.post_raw("/api/v1/tickets", big, f.kiosk), 413);

    // Unknown fields are tolerated; nothing above issued a ticket.
    Answer tolerated = f.post(
        "/api/v1/tickets", {{"service", "A"}, {"request_id", "r-2"}, {"kiosk_note", "x"}}, f.kiosk);
    CHECK(tolerated.status == 201);
    CHECK(tolerated.body["ticket"]["number"] == "A001");
}

TEST_CASE("leases: numbers set aside for a kiosk, replayed offline tickets keep them") {
    HubFixture f;
    Answer lease = f.post("/api/v1/leases", {{"service", "A"}, {"count", 20}}, f.kiosk);
    REQUIRE(lease.status == 201);
    CHECK(lease.body["service"] == "A");
    CHECK(lease.body["service_day"] == "2026-11-27");
    CHECK(lease.body["count"] == 20);
    int first = lease.body["first"];

    // The hub's own numbering skips the leased block.
    json online = f.issue("A");
    int online_seq = std::stoi(online["number"].get<std::string>().substr(1));
    CHECK((online_seq < first || online_seq >= first + 20));

    char number[24];
    std::snprintf(number, sizeof number, "A%03d", first + 1);
    json offline = {{"service", "A"},
                    {"priority", false},
                    {"request_id", "off-1"},
                    {"leased", {{"service_day", "2026-11-27"}, {"sequence", first + 1}}},
                    {"issued_at", "2026-11-27T09:00:00+08:00"}};
    Answer replayed = f.post("/api/v1/tickets", offline, f.kiosk);
    REQUIRE(replayed.status == 201);
    CHECK(replayed.body["ticket"]["number"] == number);
    CHECK(replayed.body["ticket"]["issued_at"] == "2026-11-27T09:00:00+08:00");
    Answer twice = f.post("/api/v1/tickets", offline, f.kiosk);
    CHECK(twice.status == 200);
    CHECK(twice.body["ticket"]["id"] == replayed.body["ticket"]["id"]);

    // Never refused (hub_leases_test.cpp has the rules): another device's number, or a
    // number issued twice, is renumbered; a number outside every lease is adopted.
    json foreign = offline;
    foreign["request_id"] = "off-2";
    Answer renumbered = f.post("/api/v1/tickets", foreign, f.kiosk2);
    CHECK(renumbered.status == 201);
    CHECK(renumbered.body["ticket"]["number"] == "A002");
    CHECK(renumbered.body["renumbered"]["printed"] == number);
    json reused = offline;  // the same leased number under another request id
    reused["request_id"] = "off-4";
    CHECK(f.post("/api/v1/tickets", reused, f.kiosk).body["ticket"]["number"] == "A003");
    json outside = offline;
    outside["request_id"] = "off-3";
    outside["leased"]["sequence"] = first + 25;
    Answer adopted = f.post("/api/v1/tickets", outside, f.kiosk);
    CHECK(adopted.status == 201);
    CHECK(adopted.body["ticket"]["number"] == "A" + std::to_string(first + 25));
    CHECK_FALSE(adopted.body.contains("renumbered"));

    check_error_body(f.post("/api/v1/leases", {{"service", "A"}, {"count", 0}}, f.kiosk), 422);
    check_error_body(f.post("/api/v1/leases", {{"service", "A"}, {"count", 5}}, f.pad1), 403);
    check_error_body(f.post("/api/v1/leases", {{"service", "A"}, {"count", 5}}), 401);
}

TEST_CASE("notice and device alerts") {
    HubFixture f;
    SseReader stream(f.hub.url());
    json text = {{"text", {{"zh", "今天下午三点起暂停办理"}, {"en", "Closed from 3 pm today"}}}};
    check_error_body(f.put("/api/v1/notice", text), 401);
    check_error_body(f.put("/api/v1/notice", text, f.kiosk), 403);
    check_error_body(f.put("/api/v1/notice", {{"text", "plain"}}, f.admin), 400);
    Answer put = f.put("/api/v1/notice", text, f.admin);
    CHECK(put.status == 200);
    CHECK(f.get("/api/v1/notice").body == text);

    json alert = {{"kind", "printer_paper_end"}, {"message", "纸将用尽"}};
    check_error_body(f.post("/api/v1/alerts", alert), 401);
    check_error_body(f.post("/api/v1/alerts", alert, f.counter), 403);
    check_error_body(f.post("/api/v1/alerts", {{"kind", "on_fire"}}, f.kiosk), 422);
    Answer raised = f.post("/api/v1/alerts", alert, f.kiosk);
    CHECK(raised.status == 201);

    REQUIRE(stream.wait_for([](const auto& events) { return events.size() >= 2; }));
    auto events = stream.events();
    CHECK(events[0].name == "notice.updated");
    CHECK(events[0].data["text"] == text["text"]);
    CHECK(events[1].name == "device.alert");
    CHECK(events[1].data["kind"] == "printer_paper_end");
    CHECK(events[1].data["device"] == "大厅入口一号机");
    CHECK(events[1].data["at"].is_string());
}

TEST_CASE("metrics on loopback in Prometheus text") {
    HubFixture f;
    f.issue("A");
    f.issue("A");
    Answer m = f.get("/metrics");
    REQUIRE(m.status == 200);
    CHECK(m.text.find("onestop_tickets_issued_total 2\n") != std::string::npos);
    CHECK(m.text.find("onestop_calls_total 0\n") != std::string::npos);
    CHECK(m.text.find("onestop_waiting{service=\"A\"} 2\n") != std::string::npos);
    CHECK(m.text.find("onestop_event_subscribers 0\n") != std::string::npos);
    CHECK(m.text.find("onestop_longest_wait_seconds{service=\"A\"} ") != std::string::npos);
    CHECK(m.text.find("onestop_longest_wait_seconds{service=\"C\"} 0\n") != std::string::npos);
    CHECK(m.text.find("onestop_windows_open 2\n") != std::string::npos);  // 1 and 2 (09:00)
    // The kiosk that issued was seen; its printer's paper runs out.
    CHECK(m.text.find("onestop_device_last_seen_timestamp_seconds{device=\"1\",role=\"kiosk\","
                      "name=\"大厅入口一号机\",window=\"\"} ") != std::string::npos);
    REQUIRE(
        f.post("/api/v1/alerts", {{"kind", "printer_paper_end"}, {"message", "paper out"}}, f.kiosk)
            .status < 300);
    CHECK(f.get("/metrics")
              .text.find("onestop_device_printer_trouble{device=\"1\",name=\"大厅入口一号机\","
                         "trouble=\"printer_paper_end\"} 1\n") != std::string::npos);
    CHECK(m.text.find("# TYPE onestop_http_request_duration_seconds histogram") !=
          std::string::npos);
    CHECK(m.text.find("onestop_http_request_duration_seconds_bucket{le=\"+Inf\"}") !=
          std::string::npos);
    CHECK(m.text.find("onestop_http_request_duration_seconds_count ") != std::string::npos);
    CHECK(m.text.back() == '\n');
}

TEST_CASE("web pages: the public guide and the ticket page escape what they show") {
    HubFixture f;
    Answer zh = f.get("/");
    REQUIRE(zh.status == 200);
    CHECK(zh.text.find("办事指南") != std::string::npos);
    CHECK(zh.text.find("成绩单打印") != std::string::npos);
    CHECK(zh.text.find("申请对象") != std::string::npos);
    CHECK(zh.text.find("学生证&lt;原件&gt;") != std::string::npos);  // escaped
    CHECK(zh.text.find("<原件>") == std::string::npos);
    CHECK(zh.text.find("限时办结：3 个工作日内办结") != std::string::npos);
    Answer en = f.get("/?lang=en");
    CHECK(en.text.find("Service guide") != std::string::npos);
    CHECK(en.text.find("Student card &lt;original&gt;") != std::string::npos);
    CHECK(en.text.find("Who may apply") != std::string::npos);

    json t1 = f.issue("A");
    json t2 = f.issue("A");
    std::string page =
        "/t/" + std::to_string(t2["id"].get<int>()) + "?c=" + t2["code"].get<std::string>();
    Answer waiting = f.get(page);
    REQUIRE(waiting.status == 200);
    CHECK(waiting.text.find("A002") != std::string::npos);
    CHECK(waiting.text.find("前面还有 1 人") != std::string::npos);
    CHECK(waiting.text.find("http-equiv=\"refresh\"") != std::string::npos);
    CHECK(f.get("/t/" + std::to_string(t2["id"].get<int>()) + "?c=wrong").status == 404);

    std::string w1 = f.login(1);
    f.post("/api/v1/windows/1/call-next", nullptr, w1);
    f.post("/api/v1/windows/1/call-next", nullptr, w1);
    Answer called = f.get(page + "&lang=en");
    CHECK(called.text.find("Please go to window 1") != std::string::npos);
    f.post("/api/v1/windows/1/finish", nullptr, w1);
    Answer done = f.get(page);
    CHECK(done.text.find("请对本次服务进行评价") != std::string::npos);
    CHECK(done.text.find("/api/v1/evaluations") != std::string::npos);
    CHECK(done.text.find("态度不好") != std::string::npos);
    Answer rated =
        f.post("/api/v1/evaluations", {{"ticket", t2["id"]}, {"code", t2["code"]}, {"level", 5}});
    CHECK(rated.status == 201);
    CHECK(f.get(page).text.find("感谢您的评价") != std::string::npos);
}
