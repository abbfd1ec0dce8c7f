// Staff sessions, window actions and ratings.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

TEST_CASE("sessions: counter tokens log staff in; wrong PINs; lockout after 5 tries (429)") {
    HubFixture f;
    json good = {{"window", 1}, {"staff", "S001"}, {"pin", "1234"}};
    CHECK(f.post("/api/v1/sessions", good).status == 401);
    CHECK(f.post("/api/v1/sessions", good, f.kiosk).status == 403);
    CHECK(f.post("/api/v1/sessions", {{"window", 1}, {"staff", "S001"}}, f.counter).status == 400);
    CHECK(
        f.post("/api/v1/sessions", {{"window", "1"}, {"staff", "S001"}, {"pin", "1234"}}, f.counter)
            .status == 400);
    CHECK(
        f.post("/api/v1/sessions", {{"window", 42}, {"staff", "S001"}, {"pin", "1234"}}, f.counter)
            .status == 422);

    Answer ok = f.post("/api/v1/sessions", good, f.counter);
    REQUIRE(ok.status == 201);
    CHECK(ok.body["session"].get<std::string>().size() >= 32);
    CHECK(ok.body["staff"] == json({{"number", "S001"}, {"name", "张三"}, {"unit", "JWC"}}));
    CHECK(ok.body["window"]["number"] == 1);
    CHECK(ok.body["window"]["name"]["zh"] == "一号窗口");
    Answer window = f.get("/api/v1/windows/1");
    CHECK(window.body["window"]["staff"] == json({{"number", "S001"}, {"name", "张三"}}));

    json wrong = {{"window", 2}, {"staff", "S002"}, {"pin", "9999"}};
    for (int i = 0; i < 5; ++i) {
        Answer a = f.post("/api/v1/sessions", wrong, f.counter);
        CHECK(a.status == 401);
        CHECK(a.body["error"]["code"] == "wrong_pin");
    }
    Answer locked =
        f.post("/api/v1/sessions", {{"window", 2}, {"staff", "S002"}, {"pin", "1234"}}, f.counter);
    CHECK(locked.status == 429);
    CHECK(locked.body["error"]["code"] == "too_many_tries");
    // Another staff member is not affected; an unknown number is just wrong.
    CHECK(f.post("/api/v1/sessions", {{"window", 2}, {"staff", "S404"}, {"pin", "1234"}}, f.counter)
              .status == 401);

    // Logging out ends the session (attendance check-out) and frees the window.
    std::string session = ok.body["session"];
    CHECK(f.del("/api/v1/sessions/current", f.counter).status == 403);
    Answer out = f.del("/api/v1/sessions/current", session);
    CHECK(out.status == 200);
    CHECK(out.body["ended"] == true);
    CHECK(f.del("/api/v1/sessions/current", session).status == 401);
    CHECK(f.post("/api/v1/windows/1/call-next", nullptr, session).status == 401);
    CHECK(f.get("/api/v1/windows/1").body["window"]["staff"].is_null());
}

TEST_CASE("window actions: call, recall, no-show, transfer, finish, pause, resume") {
    HubFixture f;
    std::string w1 = f.login(1);
    std::string w2 = f.login(2);
    CHECK(f.post("/api/v1/windows/1/call-next", nullptr).status == 401);
    CHECK(f.post("/api/v1/windows/1/call-next", nullptr, f.kiosk).status == 403);
    CHECK(f.post("/api/v1/windows/1/call-next", nullptr, w2).status ==
          403);  // another window's session
    CHECK(f.post("/api/v1/windows/77/call-next", nullptr, w1).status == 404);

    Answer none = f.post("/api/v1/windows/1/call-next", nullptr, w1);
    CHECK(none.status == 204);
    CHECK(f.post("/api/v1/windows/1/recall", nullptr, w1).status == 409);

    json a1 = f.issue("A"), a2 = f.issue("A"), a3 = f.issue("A"), b1 = f.issue("B");
    Answer call = f.post("/api/v1/windows/1/call-next", nullptr, w1);
    REQUIRE(call.status == 200);
    CHECK(call.body["ticket"]["number"] == "A001");
    CHECK(call.body["ticket"]["status"] == "called");
    CHECK(call.body["ticket"]["window"] == 1);
    CHECK(call.body["ticket"]["called_at"].is_string());
    CHECK_FALSE(call.body["ticket"].contains("code"));
    CHECK(f.get("/api/v1/queue").body["windows"][0]["current"] == "A001");
    CHECK(f.get("/api/v1/queue").body["windows"][0]["staff"]["number"] == "S001");
    CHECK(f.get("/api/v1/queue").body["recent_calls"][0] ==
          json({{"number", "A001"}, {"window", 1}, {"at", call.body["ticket"]["called_at"]}}));

    Answer recall = f.post("/api/v1/windows/1/recall", nullptr, w1);
    CHECK(recall.status == 200);
    CHECK(recall.body["ticket"]["number"] == "A001");

    Answer noshow = f.post("/api/v1/windows/1/no-show", nullptr, w1);
    CHECK(noshow.status == 200);
    CHECK(noshow.body["ticket"]["status"] == "no_show");

    // A late no-show rejoins behind the next waiting (counter session or admin only).
    std::string a1_id = std::to_string(a1["id"].get<int>());
    CHECK(f.post("/api/v1/tickets/" + a1_id + "/rejoin", nullptr, f.kiosk).status == 403);
    Answer rejoin = f.post("/api/v1/tickets/" + a1_id + "/rejoin", nullptr, w1);
    CHECK(rejoin.status == 200);
    CHECK(rejoin.body["ticket"]["status"] == "waiting");
    CHECK(f.post("/api/v1/tickets/" + a1_id + "/rejoin", nullptr, w1).status == 409);
    CHECK(f.post("/api/v1/tickets/9999/rejoin", nullptr, w1).status == 404);

    // A still-called ticket is finished by the next call.
    Answer next = f.post("/api/v1/windows/1/call-next", nullptr, w1);
    REQUIRE(next.status == 200);
    CHECK(next.body["ticket"]["number"] == "A002");
    CHECK(f.post("/api/v1/transfer", nullptr, w1).status == 404);
    CHECK(f.post("/api/v1/windows/1/transfer", json::object(), w1).status == 400);
    CHECK(f.post("/api/v1/windows/1/transfer", {{"service", "Q"}}, w1).status == 422);
    CHECK(f.post("/api/v1/windows/1/transfer", {{"window", 99}}, w1).status == 422);
    Answer transfer = f.post("/api/v1/windows/1/transfer", {{"service", "B"}}, w1);
    REQUIRE(transfer.status == 200);
    CHECK(transfer.body["ticket"]["number"] == "A002");  // same number
    CHECK(transfer.body["ticket"]["status"] == "waiting");
    CHECK(transfer.body["ticket"]["service"] == "B");

    // Window 2 calls the transferred ticket first.
    Answer w2call = f.post("/api/v1/windows/2/call-next", nullptr, w2);
    REQUIRE(w2call.status == 200);
    CHECK(w2call.body["ticket"]["number"] == "A002");
    // Window 1 does not handle B: sending the ticket there is an invalid target.
    Answer not_serving = f.post("/api/v1/windows/2/transfer", {{"window", 1}}, w2);
    CHECK(not_serving.status == 422);
    CHECK(f.post("/api/v1/windows/2/finish", nullptr, w2).status == 200);
    CHECK(f.post("/api/v1/windows/2/call-next", nullptr, w2).body["ticket"]["number"] == "A003");
    Answer to_window = f.post("/api/v1/windows/2/transfer", {{"window", 1}}, w2);
    REQUIRE_MESSAGE(to_window.status == 200, to_window.text);
    CHECK(to_window.body["ticket"]["status"] == "waiting");
    f.issue("A");  // A005 waits too, but the ticket sent to window 1 comes first there
    CHECK(f.post("/api/v1/windows/1/call-next", nullptr, w1).body["ticket"]["number"] == "A003");
    Answer finish = f.post("/api/v1/windows/1/finish", nullptr, w1);
    REQUIRE(finish.status == 200);
    CHECK(finish.body["ticket"]["status"] == "done");
    CHECK(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 409);

    Answer pause = f.post("/api/v1/windows/1/pause", {{"reason", "meeting"}}, w1);
    REQUIRE(pause.status == 200);
    CHECK(pause.body["window"]["status"] == "paused");
    CHECK(pause.body["window"]["pause_reason"] == "meeting");
    CHECK(f.post("/api/v1/windows/1/pause", {{"reason", "nap"}}, w1).status == 422);
    Answer paused_call = f.post("/api/v1/windows/1/call-next", nullptr, w1);
    CHECK(paused_call.status == 409);
    CHECK(paused_call.body["error"]["code"] == "window_paused");
    CHECK(f.post("/api/v1/windows/1/resume", nullptr, w1).status == 200);
    CHECK(f.post("/api/v1/windows/1/resume", nullptr, w1).status == 409);
    CHECK(f.post("/api/v1/windows/1/call-next", nullptr, f.admin).status ==
          200);  // admin may act anywhere
    (void)a3;
    (void)b1;
}

TEST_CASE("window actions with an Idempotency-Key act once") {
    HubFixture f;
    std::string w1 = f.login(1);
    f.issue("A");
    f.issue("A");
    httplib::Headers key = {{"Idempotency-Key", "7c9e6679-7425-40de-944b-e07fc1f90ae7"}};
    Answer first = f.post("/api/v1/windows/1/call-next", nullptr, w1, key);
    Answer second = f.post("/api/v1/windows/1/call-next", nullptr, w1, key);
    REQUIRE(first.status == 200);
    CHECK(second.status == 200);
    CHECK(second.body == first.body);
    CHECK(f.get("/api/v1/queue").body["services"][0]["waiting"] == 1);  // only one call happened
    Answer other =
        f.post("/api/v1/windows/1/call-next", nullptr, w1, {{"Idempotency-Key", "another"}});
    CHECK(other.body["ticket"]["number"] == "A002");

    // The keys are kept in the database: a repeat after a restart still acts once.
    f.hub.terminate();
    f.hub.start();
    Answer after_restart = f.post("/api/v1/windows/1/call-next", nullptr, w1, key);
    CHECK(after_restart.status == 200);
    CHECK(after_restart.body == first.body);
    // A token made while the hub runs works at once.
    std::string late_kiosk = f.hub.create_token("kiosk", "late kiosk");
    CHECK(f.post("/api/v1/tickets", {{"service", "A"}, {"request_id", "late-1"}}, late_kiosk)
              .status == 201);
}

TEST_CASE(
    "ratings: pad of the serving window or the ticket's code; one per ticket; reasons for 1–2") {
    HubFixture f;
    std::string w1 = f.login(1);
    SseReader stream(f.hub.url());
    json t = f.issue("A");
    json id = t["id"];
    json rating = {{"ticket", id}, {"level", 4}};
    CHECK(f.post("/api/v1/evaluations", rating, f.pad1).status == 409);  // not called yet
    f.post("/api/v1/windows/1/call-next", nullptr, w1);
    Answer not_done = f.post("/api/v1/evaluations", rating, f.pad1);
    CHECK(not_done.status == 409);
    CHECK(not_done.body["error"]["code"] == "ticket_not_done");
    f.post("/api/v1/windows/1/finish", nullptr, w1);

    CHECK(f.post("/api/v1/evaluations", rating).status == 401);
    CHECK(f.post("/api/v1/evaluations", rating, f.pad2).status == 403);  // another window's pad
    CHECK(f.post("/api/v1/evaluations", rating, f.kiosk).status == 403);
    CHECK(f.post("/api/v1/evaluations", {{"ticket", id}, {"code", "bad"}, {"level", 4}}).status ==
          403);
    CHECK(f.post("/api/v1/evaluations", {{"ticket", 9999}, {"level", 4}}, f.pad1).status == 404);
    CHECK(f.post("/api/v1/evaluations", {{"ticket", id}, {"level", 6}}, f.pad1).status == 422);
    CHECK(f.post("/api/v1/evaluations", {{"ticket", id}, {"level", "5"}}, f.pad1).status == 400);
    Answer no_reason = f.post("/api/v1/evaluations", {{"ticket", id}, {"level", 2}}, f.pad1);
    CHECK(no_reason.status == 422);
    CHECK(no_reason.body["error"]["code"] == "reason_required");
    CHECK(
        f.post("/api/v1/evaluations", {{"ticket", id}, {"level", 1}, {"reasons", {"rude"}}}, f.pad1)
            .status == 422);

    Answer bad = f.post("/api/v1/evaluations",
                        {{"ticket", id},
                         {"level", 1},
                         {"reasons", {"attitude", "long_wait"}},
                         {"comment", "等了很久"}},
                        f.pad1);
    REQUIRE(bad.status == 201);
    // A bad rating opens a follow-up for the window's unit, 5 working days later (Fri → next Fri).
    CHECK(bad.body["evaluation"]["followup"] ==
          json({{"unit", "JWC"}, {"deadline", "2026-12-04"}}));
    Answer twice =
        f.post("/api/v1/evaluations", {{"ticket", id}, {"code", t["code"]}, {"level", 5}});
    CHECK(twice.status == 409);
    CHECK(twice.body["error"]["code"] == "already_evaluated");

    REQUIRE(stream.wait_for([](const auto& events) {
        for (const auto& e : events)
            if (e.name == "evaluation.submitted") return true;
        return false;
    }));
    for (const auto& e : stream.events()) {
        if (e.name == "evaluation.requested") {
            CHECK(e.data["window"] == 1);
            CHECK(e.data["number"] == "A001");
        }
        if (e.name == "evaluation.submitted") {
            CHECK(e.data["level"] == 1);
            CHECK(e.data["ticket"] == id);
            CHECK_FALSE(e.data.contains("comment"));
        }
    }
}

TEST_CASE("the hall office's reports: follow-ups, ratings per window, attendance") {
    HubFixture f;
    std::string w1 = f.login(1);
    for (int level : {1, 5}) {
        json t = f.issue("A");
        f.post("/api/v1/windows/1/call-next", nullptr, w1);
        f.post("/api/v1/windows/1/finish", nullptr, w1);
        json rating = {{"ticket", t["id"]}, {"level", level}};
        if (level == 1) rating["reasons"] = {"long_wait"};
        REQUIRE(f.post("/api/v1/evaluations", rating, f.pad1).status == 201);
    }
    CHECK(f.get("/api/v1/followups").status == 401);
    CHECK(f.get("/api/v1/followups", f.kiosk).status == 403);
    Answer followups = f.get("/api/v1/followups", f.admin);
    REQUIRE(followups.status == 200);
    REQUIRE(followups.body["followups"].size() == 1);
    CHECK(followups.body["followups"][0]["number"] == "A001");
    CHECK(followups.body["followups"][0]["unit"] == "JWC");
    CHECK(followups.body["followups"][0]["deadline"] == "2026-12-04");
    CHECK(followups.body["followups"][0]["status"] == "open");

    Answer ratings = f.get("/api/v1/reports/ratings?date=2026-11-27", f.admin);
    REQUIRE(ratings.status == 200);
    REQUIRE(ratings.body["windows"].size() == 1);
    CHECK(ratings.body["windows"][0]["window"] == 1);
    CHECK(ratings.body["windows"][0]["count"] == 2);
    CHECK(ratings.body["windows"][0]["average"] == 3.0);
    CHECK(ratings.body["windows"][0]["bad"] == 1);
    CHECK(f.get("/api/v1/reports/ratings?date=2026-11-28", f.admin).body["windows"].empty());
    CHECK(f.get("/api/v1/reports/ratings?date=yesterday", f.admin).status == 422);

    CHECK(f.del("/api/v1/sessions/current", w1).status == 200);
    Answer attendance = f.get("/api/v1/reports/attendance", f.admin);  // this month
    REQUIRE(attendance.status == 200);
    CHECK(attendance.body["date"] == "2026-11");
    REQUIRE(attendance.body["attendance"].size() == 1);
    const json& a = attendance.body["attendance"][0];
    CHECK(a["staff"] == "S001");
    CHECK(a["half"] == "morning");
    CHECK(a["day"] == "2026-11-27");
    CHECK(a["check_out"].is_string());
}
