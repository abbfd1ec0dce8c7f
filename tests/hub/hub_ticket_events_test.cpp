// One ticket's event stream (GET /api/v1/tickets/{id}/events?code=C), which the ticket page
// /t/{id} follows: its view at once, each change, the end at a final state; and the page
// that follows it with scripts and refreshes without them.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;
using namespace std::chrono_literals;

namespace {

std::string stream_path(const json& ticket, const std::string& code) {
    return "/api/v1/tickets/" + std::to_string(ticket["id"].get<int>()) + "/events?code=" + code;
}

std::string stream_path(const json& ticket) {
    return stream_path(ticket, ticket["code"].get<std::string>());
}

}  // namespace

TEST_CASE("a ticket's stream sends its view at once, then each change, and ends when it is done") {
    HubFixture f({"--ping-seconds", "1"});
    f.issue("A");
    json mine = f.issue("A");
    SseReader stream(f.hub.url(), "", stream_path(mine));
    REQUIRE(stream.wait_for([](const auto& e) { return e.size() == 1; }));
    CHECK(stream.status() == 200);
    SseEvent opened = stream.events()[0];
    CHECK(opened.name == "ticket");
    CHECK(opened.data["id"] == mine["id"]);
    CHECK(opened.data["number"] == mine["number"]);
    CHECK(opened.data["service"] == "A");
    CHECK(opened.data["status"] == "waiting");
    CHECK(opened.data["waiting_ahead"] == 1);
    CHECK(opened.data["estimated_wait_min"].get<int>() > 0);
    CHECK(opened.data["calls"] == 0);
    CHECK_FALSE(opened.data.contains("code"));
    // The same view as the answer to GET /api/v1/tickets/{id}, plus the number of calls.
    json answered = f.get("/api/v1/tickets/" + std::to_string(mine["id"].get<int>()) +
                          "?code=" + mine["code"].get<std::string>())
                        .body["ticket"];
    answered["calls"] = 0;
    CHECK(opened.data == answered);

    // A ticket issued behind it changes nothing it shows: no event for it.
    f.issue("A");
    std::string w1 = f.login(1);
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(stream.wait_for([](const auto& e) { return e.size() >= 2; }));
    auto events = stream.events();
    CHECK(events.size() == 2);
    CHECK(events[1].data["status"] == "waiting");
    CHECK(events[1].data["waiting_ahead"] == 0);

    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(stream.wait_for([](const auto& e) { return e.size() >= 3; }));
    SseEvent called = stream.events()[2];
    CHECK(called.data["status"] == "called");
    CHECK(called.data["window"] == 1);
    CHECK(called.data["calls"] == 1);
    // A recall in the same second leaves T as it was; the count still tells the phone.
    REQUIRE(f.post("/api/v1/windows/1/recall", nullptr, w1).status == 200);
    REQUIRE(stream.wait_for([](const auto& e) { return e.size() >= 4; }));
    CHECK(stream.events()[3].data["calls"] == 2);

    CHECK_FALSE(stream.ended());
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    REQUIRE(stream.wait_for([&](const auto& e) { return e.size() >= 5 && stream.ended(); }));
    events = stream.events();
    CHECK(events.size() == 5);
    CHECK(events.back().data["status"] == "done");
}

TEST_CASE("a ticket's stream pings while nothing changes; a finished ticket's sends it and ends") {
    HubFixture f({"--ping-seconds", "1"});
    json waiting = f.issue("A");
    SseReader idle(f.hub.url(), "", stream_path(waiting));
    CHECK(idle.wait_for([&](const auto&) { return idle.pings() >= 1; }, 4s));
    CHECK(idle.events().size() == 1);

    std::string w1 = f.login(1);
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/windows/1/no-show", nullptr, w1).status == 200);
    CHECK(idle.wait_for([&](const auto& e) {
        return idle.ended() && !e.empty() && e.back().data["status"] == "no_show";
    }));
    SseReader late(f.hub.url(), "", stream_path(waiting));
    REQUIRE(late.wait_for([&](const auto&) { return late.ended(); }));
    REQUIRE(late.events().size() == 1);
    CHECK(late.events()[0].data["status"] == "no_show");
}

TEST_CASE("a ticket's stream refuses what GET /api/v1/tickets/{id} refuses, with the same answer") {
    HubFixture f;
    json t = f.issue("A");
    const std::string id = std::to_string(t["id"].get<int>());
    for (const std::string& query :
         {"/" + id + "?code=wrong", "/" + id, "/99999?code=" + t["code"].get<std::string>()}) {
        CAPTURE(query);
        auto q = query.find('?');
        std::string events =
            query.substr(0, q) + "/events" + (q == std::string::npos ? "" : query.substr(q));
        Answer plain = f.get("/api/v1/tickets" + query);
        Answer streamed = f.get("/api/v1/tickets" + events);
        CHECK(plain.status >= 400);
        CHECK(streamed.status == plain.status);
        CHECK(streamed.body == plain.body);
    }
    // An admin token reads any ticket, as GET does.
    auto c = f.client();
    std::string seen;
    c.Get("/api/v1/tickets/" + id + "/events", {{"Authorization", "Bearer " + f.admin}},
          [&](const char* data, size_t n) {
              seen.append(data, n);
              return seen.find("\n\n", seen.find("event: ticket")) == std::string::npos;
          });
    CHECK(seen.find("\"number\":\"A001\"") != std::string::npos);
}

TEST_CASE("the ticket page follows its stream with scripts and refreshes every 15 s without") {
    HubFixture f;
    json t = f.issue("A");
    std::string page =
        "/t/" + std::to_string(t["id"].get<int>()) + "?c=" + t["code"].get<std::string>();
    Answer waiting = f.get(page);
    REQUIRE(waiting.status == 200);
    // The refresh is inside <noscript>: a browser running scripts ignores it.
    CHECK(waiting.text.find("<noscript><meta http-equiv=\"refresh\" content=\"15\"></noscript>") !=
          std::string::npos);
    CHECK(waiting.text.find("data-stream=\"" + stream_path(t) + "\"") != std::string::npos);
    CHECK(waiting.text.find("new EventSource") != std::string::npos);

    std::string w1 = f.login(1);
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    Answer called = f.get(page);
    CHECK(called.text.find("请到 1 号窗口") != std::string::npos);
    CHECK(called.text.find("http-equiv=\"refresh\"") != std::string::npos);
    CHECK(f.get(page + "&lang=en").text.find("Please go to window 1") != std::string::npos);

    // A final state: nothing left to follow or refresh.
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    Answer done = f.get(page);
    CHECK(done.text.find("http-equiv=\"refresh\"") == std::string::npos);
    CHECK(done.text.find("EventSource") == std::string::npos);
    CHECK(done.text.find("请对本次服务进行评价") != std::string::npos);
}

TEST_CASE("phones hold at most half of the event streams: the devices keep the rest") {
    // At most 8 streams, 4 of them phones'.
    HubFixture f({"--max-streams", "8", "--ping-seconds", "1"});
    json t = f.issue("A");
    std::vector<std::unique_ptr<SseReader>> phones;
    for (int i = 0; i < 4; ++i) {
        phones.push_back(std::make_unique<SseReader>(f.hub.url(), "", stream_path(t)));
        REQUIRE(phones.back()->wait_for([](const auto& e) { return e.size() == 1; }));
    }
    SseReader refused(f.hub.url(), "", stream_path(t));
    REQUIRE(refused.wait_for([&](const auto&) { return refused.ended(); }));
    CHECK(refused.status() == 503);
    // Devices still get their streams.
    SseReader board(f.hub.url());
    // Counted by the hub before this reader has parsed the answer's status line: wait for both.
    REQUIRE(board.wait_for(
        [&](const auto&) { return f.hub.event_subscribers() == 5 && board.status() == 200; }));
    CHECK_FALSE(board.ended());
    // A phone that leaves gives its place back (noticed at its next ping).
    phones.pop_back();
    bool reopened = false;
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!reopened && std::chrono::steady_clock::now() < deadline) {
        SseReader again(f.hub.url(), "", stream_path(t));
        again.wait_for([&](const auto& e) { return again.ended() || !e.empty(); });
        reopened = again.status() == 200;
        if (!reopened) std::this_thread::sleep_for(100ms);
    }
    CHECK(reopened);
}
