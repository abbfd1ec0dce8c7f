// How the hub serves: one hub per port, event streams by the hundred beside the API,
// --max-streams, half-sent requests dropped, POSTs without a body, 405 for a known path asked with
// the wrong method, the ticket's public url, and which staff may sign in at a window.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <thread>

#include "hub_fixture.h"
#include "onestop/base/ids.h"
#include "raw_http.h"
#include "wait.h"

using namespace onestop::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const std::string kEventsRequest = "GET /api/v1/events HTTP/1.1\r\nHost: hub\r\n\r\n";

// The raw response's CONTRACT error code ("" when the body is not one).
std::string error_code(const RawResponse& r) {
    json body = json::parse(r.body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) return "";
    return body["error"].value("code", "");
}

}  // namespace

TEST_CASE(
    "a second hub on a taken port exits 1 naming the port and why; the first keeps every request") {
    HubFixture f;
    json ticket = f.issue("A");
    const std::string where = "127.0.0.1:" + std::to_string(f.hub.port());
    fs::path second_db = f.dir / "second.db";

    // stderr joined to stdout; `timeout` ends a second hub that would wrongly serve.
    RunResult r =
        run_program({"/bin/sh", "-c", "exec timeout 10 \"$0\" \"$@\" 2>&1", bin_path("onestop-hub"),
                     "serve", "--db", second_db.string(), "--listen", where, "--now", kTestNow});
    INFO(r.out);
    CHECK(r.status == 1);
    CHECK(r.out.find("cannot listen on " + where + ": address already in use") !=
          std::string::npos);
    CHECK(r.out.find("listening on") == std::string::npos);
    CHECK_FALSE(fs::exists(second_db));  // refused before it made a database

    // Started the way tests start hubs, it does not come up either...
    HubProcess second(HubOptions{second_db, kTestNow, ONESTOP_TEST_HALL, {}});
    std::string refusal;
    try {
        second.start(f.hub.port());
    } catch (const std::exception& e) {
        refusal = e.what();
    }
    CHECK(refusal.find("address already in use") != std::string::npos);
    // ...so every new connection reaches the first hub, which knows the ticket.
    std::string path = "/api/v1/tickets/" + std::to_string(ticket["id"].get<long long>());
    for (int i = 0; i < 10; ++i) CHECK(f.get(path, f.admin).status == 200);
}

TEST_CASE("event streams stop at --max-streams: 503 too_many_streams, the API still answers") {
    HubFixture f({"--max-streams", "8", "--ping-seconds", "1"});
    const int limit = 8, tries = 20;
    std::vector<std::unique_ptr<RawConnection>> tried;
    for (int i = 0; i < tries; ++i) {
        tried.push_back(std::make_unique<RawConnection>(f.hub.port()));
        tried.back()->send(kEventsRequest);
    }
    std::vector<std::unique_ptr<RawConnection>> open;
    int refused = 0;
    for (auto& c : tried) {
        RawResponse r = c->read_response(3s);
        if (r.status == 200) {
            open.push_back(std::move(c));
        } else {
            CHECK(r.status == 503);
            CHECK(error_code(r) == "too_many_streams");
            CHECK(r.headers.count("retry-after") == 1);
            ++refused;
            c->close();  // as a client told "Connection: close" does
        }
    }
    CHECK(open.size() == limit);
    CHECK(refused == tries - limit);

    // With every stream the hub allows open, kiosks and counters are still served.
    CHECK(f.get("/api/v1/health").status == 200);
    json ticket = f.issue("A");
    std::string w1 = f.login(1);
    Answer called = f.post("/api/v1/windows/1/call-next", nullptr, w1);
    CHECK(called.status == 200);
    CHECK(called.body["ticket"]["number"] == ticket["number"]);
    for (auto& c : open) CHECK(c->wait_for("event: ticket.called", 5s));

    // A closed stream gives its place back (noticed at its next ping).
    open.pop_back();
    bool reopened = false;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!reopened && std::chrono::steady_clock::now() < deadline) {
        auto c = std::make_unique<RawConnection>(f.hub.port());
        c->send(kEventsRequest);
        reopened = c->read_response(3s).status == 200;
        if (reopened)
            open.push_back(std::move(c));
        else
            std::this_thread::sleep_for(100ms);
    }
    CHECK(reopened);
}

TEST_CASE(
    "400 event streams, more than the old 256 worker threads: tickets are issued, called "
    "and rated, and every stream hears the call") {
    HubFixture f;
    const int streams = 400;
    std::vector<std::unique_ptr<RawConnection>> open;
    for (int i = 0; i < streams; ++i) {
        open.push_back(std::make_unique<RawConnection>(f.hub.port()));
        open.back()->send(kEventsRequest);
    }
    for (auto& c : open) REQUIRE(c->read_response(5s).status == 200);
    CHECK(f.get("/metrics").text.find("onestop_event_subscribers " + std::to_string(streams)) !=
          std::string::npos);

    json ticket = f.issue("A");
    std::string w1 = f.login(1);
    Answer called = f.post("/api/v1/windows/1/call-next", nullptr, w1);
    REQUIRE(called.status == 200);
    CHECK(called.body["ticket"]["number"] == ticket["number"]);
    int heard = 0;
    for (auto& c : open) heard += c->wait_for("event: ticket.called", 5s) ? 1 : 0;
    CHECK(heard == streams);
    CHECK(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    Answer rated = f.post("/api/v1/evaluations",
                          {{"ticket", ticket["id"]}, {"code", ticket["code"]}, {"level", 5}});
    CHECK(rated.status == 201);
    for (auto& c : open) CHECK(c->wait_for("event: evaluation.submitted", 5s));
}

TEST_CASE("a stream that stops reading is dropped; the other streams and the writer go on") {
    HubFixture f;
    RawConnection stalled(f.hub.port(), 4096);
    stalled.send(kEventsRequest);
    REQUIRE(stalled.read_response(5s).status == 200);  // and then never reads again
    SseReader reading(f.hub.url());
    REQUIRE(wait_until([&] { return f.hub.event_subscribers() == 2; }, 5s));

    // About 750 KB of ticket.issued events: more than the kernel buffers and the 256 KiB a
    // stream may have unsent.
    const int tickets = 3000, kiosks = 4;
    std::vector<std::thread> issuing;
    for (int k = 0; k < kiosks; ++k)
        issuing.emplace_back([&] {
            for (int i = 0; i < tickets / kiosks; ++i) f.issue("A");
        });
    for (auto& t : issuing) t.join();

    // Dropped for what it left unsent, before its blocked write would time out (10 s).
    CHECK(wait_until([&] { return f.hub.event_subscribers() == 1; }, 5s));
    CHECK(reading.wait_for(
        [&](const std::vector<SseEvent>& events) {
            return std::count_if(events.begin(), events.end(), [](const SseEvent& e) {
                       return e.name == "ticket.issued";
                   }) == tickets;
        },
        10s));
    CHECK(f.get("/api/v1/health").status == 200);
}

TEST_CASE("a request sent halfway and left is dropped after the read time-out; others are served") {
    HubFixture f;
    std::vector<std::unique_ptr<RawConnection>> idle, half;
    for (int i = 0; i < 50; ++i) {
        idle.push_back(std::make_unique<RawConnection>(f.hub.port()));  // sends nothing
        half.push_back(std::make_unique<RawConnection>(f.hub.port()));
        half.back()->send(
            "POST /api/v1/tickets HTTP/1.1\r\nHost: hub\r\nContent-Length: 40\r\n\r\n{\"ser");
    }
    auto started = std::chrono::steady_clock::now();
    CHECK(f.get("/api/v1/health").status == 200);
    CHECK(f.issue("A")["number"].is_string());
    // Neither kind holds the hub: both are closed (end of stream, no answer) after 5 s.
    for (auto* group : {&idle, &half})
        for (auto& c : *group) CHECK(c->read_response(10s).status == 0);
    auto waited = std::chrono::steady_clock::now() - started;
    CHECK(waited >= 4s);
    CHECK(waited < 9s);
}

TEST_CASE("actions without a body take no body, Content-Length: 0 or {}; wrong methods get 405") {
    HubFixture f;
    json first = f.issue("A");
    json second = f.issue("A");
    std::string w1 = f.login(1);
    const int port = f.hub.port();
    // Exactly what `curl -X POST URL` sends when `extra` is empty: no body, no
    // Content-Length, no Content-Type. 5 s is under the hub's read timeout (10 s).
    auto send = [&](const std::string& method, const std::string& path, const std::string& extra,
                    const std::string& token) {
        std::string auth = token.empty() ? "" : "Authorization: Bearer " + token + "\r\n";
        return raw_request(port, method + " " + path + " HTTP/1.1\r\nHost: hub\r\n" + auth + extra,
                           5s);
    };
    const std::string none = "\r\n", zero = "Content-Length: 0\r\n\r\n",
                      empty_object =
                          "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";

    RawResponse call = send("POST", "/api/v1/windows/1/call-next", none, w1);
    CHECK(call.status == 200);
    CHECK(json::parse(call.body)["ticket"]["number"] == first["number"]);
    call = send("POST", "/api/v1/windows/1/call-next", zero, w1);
    CHECK(call.status == 200);
    CHECK(json::parse(call.body)["ticket"]["number"] == second["number"]);
    CHECK(send("POST", "/api/v1/windows/1/recall", empty_object, w1).status == 200);
    CHECK(send("POST", "/api/v1/windows/1/no-show", none, w1).status == 200);
    CHECK(send("POST", "/api/v1/windows/1/call-next", none, w1).status == 204);  // none waits
    CHECK(send("POST", "/api/v1/windows/1/pause", none, w1).status == 200);
    CHECK(send("POST", "/api/v1/windows/1/resume", zero, w1).status == 200);
    f.issue("A");
    CHECK(send("POST", "/api/v1/windows/1/call-next", empty_object, w1).status == 200);
    CHECK(send("POST", "/api/v1/windows/1/finish", none, w1).status == 200);
    // A route that needs a body says which field is missing, at once.
    RawResponse transfer = send("POST", "/api/v1/windows/1/transfer", none, w1);
    CHECK(transfer.status == 400);
    CHECK(error_code(transfer) == "missing_field");
    CHECK(send("DELETE", "/api/v1/sessions/current", none, w1).status == 200);  // sign out

    // A known path with a method it does not take: 405, Allow, CONTRACT's body.
    struct Wrong {
        std::string method, path, allow;
    };
    for (const Wrong& w :
         {Wrong{"GET", "/api/v1/windows/1/call-next", "POST"},
          Wrong{"PUT", "/api/v1/tickets", "POST"}, Wrong{"DELETE", "/api/v1/health", "GET, HEAD"},
          Wrong{"POST", "/api/v1/tickets/1", "GET, HEAD"}, Wrong{"GET", "/api/v1/sessions", "POST"},
          Wrong{"PUT", "/api/v1/sessions/current", "GET, HEAD, DELETE"},
          Wrong{"POST", "/api/v1/events", "GET, HEAD"},
          Wrong{"DELETE", "/api/v1/notice", "GET, HEAD, PUT"}}) {
        INFO(w.method << " " << w.path);
        RawResponse r = send(w.method, w.path, w.method == "GET" ? none : zero, f.admin);
        CHECK(r.status == 405);
        CHECK(r.headers["allow"] == w.allow);
        CHECK(error_code(r) == "method_not_allowed");
    }
    // Unknown paths stay 404.
    for (const char* path :
         {"/api/v1/nothing", "/api/v1/windows/x/call-next", "/api/v1/tickets/1/x"}) {
        INFO(path);
        RawResponse r = send("GET", path, none, "");
        CHECK(r.status == 404);
        CHECK(error_code(r) == "not_found");
        CHECK(r.headers.count("allow") == 0);
    }
}

TEST_CASE("ticket url: with --public-url the issuing kiosk's answer links the ticket's page") {
    HubFixture f({"--public-url", "https://hall.example.edu/"});
    std::string request_id = onestop::new_uuid();
    json body = {{"service", "A"}, {"request_id", request_id}};
    Answer issued = f.post("/api/v1/tickets", body, f.kiosk);
    REQUIRE(issued.status == 201);
    const json& t = issued.body["ticket"];
    std::string id = std::to_string(t["id"].get<long long>());
    std::string code = t["code"];
    CHECK(t["url"] == "https://hall.example.edu/t/" + id + "?c=" + code);
    // The same request again (a kiosk's retry) carries the same link.
    Answer again = f.post("/api/v1/tickets", body, f.kiosk);
    CHECK(again.status == 200);
    CHECK(again.body["ticket"]["url"] == t["url"]);
    // Read back with the code: neither the code nor the link is repeated.
    Answer read = f.get("/api/v1/tickets/" + id + "?code=" + code);
    CHECK(read.status == 200);
    CHECK_FALSE(read.body["ticket"].contains("code"));
    CHECK_FALSE(read.body["ticket"].contains("url"));
    // The link's path and query are the hub's ticket page.
    CHECK(f.get("/t/" + id + "?c=" + code).status == 200);

    HubFixture plain;
    json without = plain.issue("A");
    CHECK(without.contains("code"));
    CHECK_FALSE(without.contains("url"));
}

TEST_CASE(
    "staff sign in at their own unit's windows; others only where the hall file allows (403 "
    "wrong_unit)") {
    HubFixture f;  // S001 is JWC's, S002 CWC's; window 1 is JWC's, 2 and 3 CWC's, 3 takes anyone
    auto sign_in = [&](int window, const std::string& staff, const std::string& pin = "1234") {
        return f.post("/api/v1/sessions", {{"window", window}, {"staff", staff}, {"pin", pin}},
                      f.counter);
    };
    Answer refused = sign_in(2, "S001");
    CHECK(refused.status == 403);
    CHECK(refused.body["error"]["code"] == "wrong_unit");
    std::string message = refused.body["error"]["message"];
    CHECK(message.find("S001") != std::string::npos);
    CHECK(message.find("教务处 (JWC)") != std::string::npos);
    CHECK(message.find("财务处 (CWC)") != std::string::npos);
    CHECK(f.get("/api/v1/windows/2").body["window"]["staff"].is_null());
    CHECK(sign_in(1, "S002").status == 403);
    // Without the right PIN the answer says nothing about units.
    CHECK(sign_in(2, "S001", "0000").status == 401);

    CHECK(sign_in(1, "S001").status == 201);
    CHECK(sign_in(2, "S002").status == 201);
    Answer guest = sign_in(3, "S001");  // window 3: accepts_other_units = true
    CHECK(guest.status == 201);
    CHECK(f.get("/api/v1/windows/3").body["window"]["staff"]["number"] == "S001");
}
