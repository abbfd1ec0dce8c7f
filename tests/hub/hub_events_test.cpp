// The event stream: names, data, increasing ids, Last-Event-ID resume, pings.
#include <doctest/doctest.h>

#include <set>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {
std::vector<long long> ids_of(const std::vector<SseEvent>& events) {
    std::vector<long long> out;
    for (const auto& e : events) out.push_back(e.id);
    return out;
}
}  // namespace

TEST_CASE("events carry CONTRACT's names and data, with increasing ids") {
    HubFixture f({"--ping-seconds", "1"});
    SseReader stream(f.hub.url());
    REQUIRE(stream.wait_for([&](const auto&) { return stream.status() == 200; }));
    std::string w1 = f.login(1);
    json t = f.issue("A");
    f.issue("A", true);
    f.post("/api/v1/windows/1/call-next", nullptr, w1);  // the priority ticket A002
    f.post("/api/v1/windows/1/recall", nullptr, w1);
    f.post("/api/v1/windows/1/transfer", {{"service", "B"}}, w1);
    f.post("/api/v1/windows/1/call-next", nullptr, w1);  // A001
    f.post("/api/v1/windows/1/no-show", nullptr, w1);
    f.post("/api/v1/windows/1/pause", {{"reason", "break"}}, w1);
    f.post("/api/v1/windows/1/resume", nullptr, w1);
    f.post("/api/v1/windows/1/call-next", nullptr, f.admin);  // none waits for A any more → 204
    std::string w2 = f.login(2);
    f.post("/api/v1/windows/2/call-next", nullptr, w2);  // A002 (now B)
    f.post("/api/v1/windows/2/finish", nullptr, w2);

    std::vector<std::string> expected = {
        "session.started", "ticket.issued",       "ticket.issued",   "ticket.called",
        "ticket.recalled", "ticket.transferred",  "ticket.called",   "ticket.no_show",
        "window.paused",   "window.resumed",      "session.started", "ticket.called",
        "ticket.finished", "evaluation.requested"};
    REQUIRE(stream.wait_for([&](const auto& events) { return events.size() >= expected.size(); }));
    auto events = stream.events();
    REQUIRE(events.size() == expected.size());
    for (size_t i = 0; i < expected.size(); ++i) CHECK(events[i].name == expected[i]);
    for (size_t i = 1; i < events.size(); ++i) CHECK(events[i].id > events[i - 1].id);

    const json& issued = events[1].data;
    CHECK(issued["ticket"] == t["id"]);
    CHECK(issued["number"] == "A001");
    CHECK(issued["service"] == "A");
    CHECK(issued["window"] == 0);
    CHECK(issued["status"] == "waiting");
    CHECK(issued["waiting"] == 1);
    CHECK(issued["at"].get<std::string>().find("+08:00") != std::string::npos);
    CHECK(events[3].data["number"] == "A002");
    CHECK(events[3].data["window"] == 1);
    CHECK(events[3].data["status"] == "called");
    CHECK(events[3].data["waiting"] == 1);
    CHECK(events[4].data["calls"] == 2);
    CHECK(events[5].data["to_service"] == "B");
    CHECK(events[5].data["to_window"] == 0);
    CHECK(events[8].data ==
          json({{"window", 1}, {"reason", "break"}, {"at", events[8].data["at"]}}));
    CHECK(events[10].data["staff"] == json({{"number", "S002"}}));
    CHECK(events[13].data["window"] == 2);
    // Never applicant data or staff names on the public stream.
    for (const auto& e : events) CHECK(e.data.dump().find("李四") == std::string::npos);

    // Idle streams get a ping comment (here every second; CONTRACT: at least every 15 s).
    CHECK(
        stream.wait_for([&](const auto&) { return stream.pings() >= 1; }, std::chrono::seconds(4)));
}

TEST_CASE("Last-Event-ID resumes without gaps or repeats, also from the log after a restart") {
    HubFixture f;
    std::vector<SseEvent> seen;
    {
        SseReader stream(f.hub.url());
        REQUIRE(stream.wait_for([&](const auto&) { return stream.status() == 200; }));
        for (int i = 0; i < 5; ++i) f.issue("A");
        REQUIRE(stream.wait_for([](const auto& e) { return e.size() >= 5; }));
        seen = stream.events();
    }
    // Missed while away: five more tickets.
    for (int i = 0; i < 5; ++i) f.issue("A");
    {
        SseReader resumed(f.hub.url(), std::to_string(seen.back().id));
        REQUIRE(resumed.wait_for([](const auto& e) { return e.size() >= 5; }));
        auto events = resumed.events();
        CHECK(events.size() == 5);
        CHECK(events.front().data["number"] == "A006");
        CHECK(events.back().data["number"] == "A010");
        CHECK(events.front().id > seen.back().id);
    }
    // From the start of the log, after a restart (the memory of recent events is gone).
    f.hub.terminate();
    f.hub.start();
    SseReader all(f.hub.url(), "0");
    REQUIRE(all.wait_for([](const auto& e) { return e.size() >= 10; }));
    f.issue("A");
    REQUIRE(all.wait_for([](const auto& e) { return e.size() >= 11; }));
    auto events = all.events();
    CHECK(events.size() == 11);
    auto ids = ids_of(events);
    std::set<long long> unique(ids.begin(), ids.end());
    CHECK(unique.size() == events.size());
    for (size_t i = 0; i < events.size(); ++i) {
        char number[24];
        std::snprintf(number, sizeof number, "A%03zu", i + 1);
        CHECK(events[i].data["number"] == number);
    }

    // A cursor from another database (beyond this log's end) replays this log.
    SseReader stale(f.hub.url(), "999999");
    REQUIRE(stale.wait_for([](const auto& e) { return e.size() >= 11; }));
    CHECK(stale.events().front().data["number"] == "A001");

    // Clients that cannot set headers resume with ?last_event_id=.
    {
        httplib::Client c(f.hub.url());
        std::string got;
        c.Get("/api/v1/events?last_event_id=" + std::to_string(events[9].id), httplib::Headers{},
              [&](const char* data, size_t n) {
                  got.append(data, n);
                  return got.find("A011") == std::string::npos;
              });
        CHECK(got.find("A010") == std::string::npos);
        CHECK(got.find("A011") != std::string::npos);
    }

    Answer bad =
        to_answer(httplib::Client(f.hub.url()).Get("/api/v1/events", {{"Last-Event-ID", "abc"}}));
    CHECK(bad.status == 400);
}

TEST_CASE("many subscribers each get every event; the metric counts them") {
    HubFixture f;
    std::vector<std::unique_ptr<SseReader>> streams;
    for (int i = 0; i < 20; ++i) streams.push_back(std::make_unique<SseReader>(f.hub.url()));
    for (auto& s : streams) REQUIRE(s->wait_for([&](const auto&) { return s->status() == 200; }));
    Answer m = f.get("/metrics");
    CHECK(m.text.find("onestop_event_subscribers 20\n") != std::string::npos);
    for (int i = 0; i < 10; ++i) f.issue("A");
    for (auto& s : streams) {
        REQUIRE(s->wait_for([](const auto& e) { return e.size() >= 10; }));
        CHECK(s->events().size() == 10);
    }
}
