// Cases (办件, issue 13) through the real hub: the four modes opened at a window for its
// called ticket, the 补正 clock stopping and resuming (the promised date moving later by the
// working days waited), 补正 once, joint items' partner tasks and hand-overs confirmed by
// the receiving staff's PIN, a unit's own cases only (403 by id too), case.overdue once a
// case, the applicant's page, and the completion webhook against a real local receiver.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "hub_fixture.h"
#include "raw_http.h"
#include "wait.h"

using namespace onestop::test;

namespace {

// The test hall with a joint item D (JWC leads, CWC takes part) at window 4, and the
// completion webhook at `notify` when given.
std::string cases_hall(const TempDir& dir, const std::string& notify = "") {
    std::ifstream in(ONESTOP_TEST_HALL);
    std::stringstream text;
    text << in.rdbuf() << R"(
[[services]]
code = "D"
name = { zh = "联合办理事项", en = "Joint item" }
unit = "JWC"
mode = "joint"
promised_days = 5
partner_units = ["CWC"]
minutes_per_ticket = 5
who_may_apply = { zh = "在读学生", en = "Current students" }
steps = [{ zh = "提交材料", en = "Hand in the materials" }]
materials = [{ zh = "申请表", en = "Application form" }, { zh = "成绩单", en = "Transcript" }]

[[windows]]
number = 4
name = { zh = "四号窗口", en = "Window Four" }
unit = "JWC"
services = ["D"]
hours = "always"
)";
    if (!notify.empty()) text << "\n[notify]\ncase_completed = \"" << notify << "\"\n";
    auto file = dir / "cases_hall.toml";
    std::ofstream(file) << text.str();
    return file.string();
}

// A staff session at `window` for `staff` (PIN 1234) on the hub at `url`.
std::string sign_in(const HubFixture& f, int window, const std::string& staff) {
    Answer a = f.post("/api/v1/sessions", {{"window", window}, {"staff", staff}, {"pin", "1234"}},
                      f.counter);
    if (a.status != 201) throw std::runtime_error("sign-in failed: " + a.text);
    return a.body["session"];
}

// Issues a ticket of `service`, calls it at `window` and opens a case for it.
Answer open_case(HubFixture& f, const std::string& service, int window, const std::string& session,
                 const json& body) {
    f.issue(service);
    Answer called =
        f.post("/api/v1/windows/" + std::to_string(window) + "/call-next", nullptr, session);
    if (called.status != 200) throw std::runtime_error("call-next failed: " + called.text);
    return f.post("/api/v1/windows/" + std::to_string(window) + "/cases", body, session);
}

std::string case_path(const json& c) {
    return "/api/v1/cases/" + std::to_string(c["id"].get<int64_t>());
}

std::vector<std::string> step_names(const json& c) {
    std::vector<std::string> out;
    for (const auto& s : c["steps"]) out.push_back(s["what"]);
    return out;
}

}  // namespace

TEST_CASE("cases: the four modes at the counter, numbers per unit and day, who may read one") {
    TempDir dir;
    HubFixture f({}, cases_hall(dir));
    std::string w1 = f.login(1), w2 = f.login(2);

    // 即办: completed at once, nothing promised.
    Answer instant = open_case(f, "A", 1, w1, {{"mode", "instant"}});
    REQUIRE(instant.status == 201);
    json c = instant.body["case"];
    CHECK(c["number"] == "JWC-20261127-0001");
    CHECK(c["status"] == "completed");
    CHECK(c["mode"] == "instant");
    CHECK(c["unit"] == "JWC");
    CHECK(c["service"] == "A");
    CHECK(c["promised_date"].is_null());
    CHECK(c["code"].is_string());
    CHECK(step_names(c) == std::vector<std::string>{"opened", "completed"});
    // The same ticket has its case: another mode is refused.
    Answer again = f.post("/api/v1/windows/1/cases", {{"mode", "deadline"}}, w1);
    CHECK(again.status == 409);
    CHECK(again.body["error"]["code"] == "case_exists");

    // 限时办结: accepted, promised Friday + 3 working days = Wednesday.
    Answer deadline = open_case(f, "B", 2, w2, {{"mode", "deadline"}});
    REQUIRE(deadline.status == 201);
    CHECK(deadline.body["case"]["number"] == "CWC-20261127-0001");
    CHECK(deadline.body["case"]["status"] == "accepted");
    CHECK(deadline.body["case"]["promised_date"] == "2026-12-02");
    CHECK(deadline.body["case"]["window"] == 2);

    // 退回: a reason from the hall's list (the default one here) and the staff's words.
    Answer reasons = f.get("/api/v1/return-reasons");
    REQUIRE(reasons.status == 200);
    CHECK(reasons.body["reasons"].size() == 5);
    f.issue("B");
    REQUIRE(f.post("/api/v1/windows/2/call-next", nullptr, w2).status == 200);
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "return"}}, w2).body["error"]["code"] ==
          "reason_required");
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "return"}, {"reason", "nope"}}, w2)
              .body["error"]["code"] == "reason_unknown");
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "supplement"}}, w2).status == 422);
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "later"}}, w2).status == 422);
    Answer returned =
        f.post("/api/v1/windows/2/cases",
               {{"mode", "return"}, {"reason", "not_eligible"}, {"note", "非本校学生"}}, w2);
    REQUIRE(returned.status == 201);
    CHECK(returned.body["case"]["status"] == "returned");
    CHECK(returned.body["case"]["number"] == "CWC-20261127-0002");
    CHECK(returned.body["case"]["reason"] == "不符合办理条件：非本校学生");
    CHECK(returned.body["case"]["reason_code"] == "not_eligible");

    // Only the window's own session opens a case, for a ticket it has called.
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "instant"}}, w1).status == 403);
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "instant"}}).status == 401);
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    CHECK(f.post("/api/v1/windows/1/cases", {{"mode", "instant"}}, w1).body["error"]["code"] ==
          "nothing_called");

    // The applicant reads the case with its code; a wrong code 403, none 401, no case 404.
    std::string path = case_path(deadline.body["case"]);
    std::string code = deadline.body["case"]["code"];
    Answer read = f.get(path + "?code=" + code);
    REQUIRE(read.status == 200);
    CHECK(read.body["case"]["number"] == "CWC-20261127-0001");
    CHECK_FALSE(read.body["case"].contains("code"));
    CHECK(f.get(path + "?code=0000").status == 403);
    CHECK(f.get(path).status == 401);
    CHECK(f.get("/api/v1/cases/999?code=" + code).status == 404);
    // A unit's staff read their own unit's cases, not another's (also by id).
    CHECK(f.get(path, w2).status == 200);
    CHECK(f.get(path, w1).status == 403);

    // A unit's lead reads their own unit's cases only; the office and viewer all of them.
    add_office_accounts(f);
    Browser zhao{f}, li{f};
    REQUIRE(zhao.login("zhao", "unit-pass-1").status == 200);
    REQUIRE(li.login("li", "viewer-pass-1").status == 200);
    CHECK(zhao.get(path).status == 403);
    CHECK(zhao.get(case_path(c)).status == 200);
    Answer own = zhao.get("/api/v1/cases");
    REQUIRE(own.status == 200);
    REQUIRE(own.body["cases"].size() == 1);
    CHECK(own.body["cases"][0]["unit"] == "JWC");
    CHECK(zhao.get("/api/v1/cases?unit=CWC").status == 403);
    CHECK(li.get("/api/v1/cases").body["cases"].size() == 3);
    CHECK(li.get("/api/v1/cases?status=accepted").body["cases"].size() == 1);
    CHECK(li.get("/api/v1/cases?unit=CWC&status=returned").body["cases"].size() == 1);
    CHECK(li.get("/api/v1/cases?status=nonsense").status == 422);
    // The counter finds a case by its number (its own unit's only).
    Answer by_number = f.get("/api/v1/cases?number=CWC-20261127-0002", w2);
    REQUIRE(by_number.body["cases"].size() == 1);
    CHECK(by_number.body["cases"][0]["status"] == "returned");
    CHECK(f.get("/api/v1/cases?number=CWC-20261127-0002&unit=CWC", w1).status == 403);
    CHECK(zhao.get("/api/v1/cases?number=CWC-20261127-0002").body["cases"].empty());

    // The page the slip's QR opens: the progress, the promised date; a wrong code is refused.
    Answer page =
        f.get("/c/" + std::to_string(deadline.body["case"]["id"].get<int64_t>()) + "?c=" + code);
    REQUIRE(page.status == 200);
    CHECK(page.text.find("CWC-20261127-0001") != std::string::npos);
    CHECK(page.text.find("2026-12-02") != std::string::npos);
    CHECK(page.text.find("办理中") != std::string::npos);
    Answer english = f.get("/c/" + std::to_string(deadline.body["case"]["id"].get<int64_t>()) +
                           "?c=" + code + "&lang=en");
    CHECK(english.text.find("In progress") != std::string::npos);
    CHECK(english.text.find("Promised by: 2026-12-02") != std::string::npos);
    CHECK(f.get("/c/" + std::to_string(deadline.body["case"]["id"].get<int64_t>()) + "?c=bad")
              .status == 403);
}

TEST_CASE("补正: the clock stops while materials are missing, resumes, and is asked once") {
    TempDir dir;
    std::string hall = cases_hall(dir);
    HubFixture f({}, hall);
    std::string w2 = f.login(2);
    Answer opened = open_case(
        f, "B", 2, w2, {{"mode", "supplement"}, {"missing", {"报销单", "发票原件（盖章）"}}});
    REQUIRE(opened.status == 201);
    json c = opened.body["case"];
    std::string path = case_path(c);
    CHECK(c["status"] == "awaiting_supplement");
    CHECK(c["missing"] == json{"报销单", "发票原件（盖章）"});
    // Waiting since today (Friday): today is held, so Wednesday becomes Thursday.
    CHECK(c["promised_date"] == "2026-12-03");
    CHECK(c["due"].is_null());  // never due while the clock stands
    Answer page = f.get("/c/" + std::to_string(c["id"].get<int64_t>()) +
                        "?c=" + c["code"].get<std::string>());
    CHECK(page.text.find("发票原件（盖章）") != std::string::npos);  // what is missing
    CHECK(page.text.find("补正") != std::string::npos);

    // 一次告知: a second request is refused, by either route.
    Answer second = f.post(path + "/supplement", {{"missing", {"身份证"}}}, w2);
    CHECK(second.status == 409);
    CHECK(second.body["error"]["code"] == "supplement_once");
    CHECK(f.post("/api/v1/windows/2/cases", {{"mode", "supplement"}, {"missing", {"身份证"}}}, w2)
              .body["error"]["code"] == "supplement_once");
    Answer early = f.post(path + "/complete", {{"result", "已办结"}}, w2);
    CHECK(early.status == 409);
    CHECK(early.body["error"]["code"] == "case_awaiting_supplement");
    REQUIRE(f.hub.terminate() == 0);

    // Monday: still waiting, Friday and Monday are held: Friday + 3 + 2 = Friday 4 December.
    LaterHub monday(f, "2026-11-30T10:00:00+08:00", hall);
    std::string m2 = monday.sign_in(2, "S002");
    CHECK(monday.get(path, m2).body["case"]["promised_date"] == "2026-12-04");
    // The applicant brings them on Monday: Friday was held, the promise is Thursday.
    Answer resumed = monday.post(path + "/resume", nullptr, m2);
    REQUIRE(resumed.status == 200);
    CHECK(resumed.body["case"]["status"] == "accepted");
    CHECK(resumed.body["case"]["promised_date"] == "2026-12-03");
    CHECK(step_names(resumed.body["case"]) == std::vector<std::string>{"opened", "resumed"});
    CHECK(monday.post(path + "/resume", nullptr, m2).body["error"]["code"] == "case_not_awaiting");

    // Only the office allows one more request; then exactly one more is taken.
    CHECK(monday.post(path + "/allow-supplement", nullptr, m2).status == 403);
    REQUIRE(monday.post(path + "/allow-supplement", nullptr, f.admin).status == 200);
    Answer another = monday.post(path + "/supplement", {{"missing", {"身份证"}}}, m2);
    REQUIRE(another.status == 200);
    CHECK(another.body["case"]["status"] == "awaiting_supplement");
    CHECK(another.body["case"]["missing"] == json{"身份证"});
    CHECK(monday.post(path + "/supplement", {{"missing", {"学生证"}}}, m2).body["error"]["code"] ==
          "supplement_once");
}

TEST_CASE("joint items: partner tasks, hand-overs confirmed by the receiving staff's PIN") {
    TempDir dir;
    HubFixture f({}, cases_hall(dir));
    f.hub.add_staff("S004", "赵六", "JWC", "1234");
    std::string lead = sign_in(f, 4, "S004"), partner = f.login(2), other = f.login(1);
    Answer opened = open_case(f, "D", 4, lead, {{"mode", "deadline"}});
    REQUIRE(opened.status == 201);
    json c = opened.body["case"];
    std::string path = case_path(c);
    CHECK(c["promised_date"] == "2026-12-04");
    REQUIRE(c["tasks"].size() == 1);
    CHECK(c["tasks"][0]["unit"] == "CWC");
    CHECK(c["tasks"][0]["due_date"] == "2026-12-04");
    CHECK(c["tasks"][0]["status"] == "open");
    // The partner unit's staff read the case they take part in.
    CHECK(f.get(path, partner).status == 200);

    Answer handed = f.post(path + "/handovers", {{"to_unit", "CWC"}, {"items", {"申请表"}}}, lead);
    REQUIRE(handed.status == 201);
    json h = handed.body["handover"];
    CHECK(h["status"] == "pending");
    CHECK(h["from_unit"] == "JWC");
    CHECK(h["from_staff"] == "S004");
    CHECK(h["to_unit"] == "CWC");
    CHECK(f.post(path + "/handovers", {{"to_unit", "JWC"}, {"items", {"x"}}}, lead).status == 422);
    CHECK(f.post(path + "/handovers", {{"to_unit", "XYZ"}, {"items", {"x"}}}, lead).status == 422);
    // Pending shows on both sides.
    for (const auto& session : {lead, partner}) {
        Answer pending = f.get("/api/v1/handovers?status=pending", session);
        REQUIRE(pending.status == 200);
        REQUIRE(pending.body["handovers"].size() == 1);
        CHECK(pending.body["handovers"][0]["id"] == h["id"]);
    }

    std::string confirm =
        "/api/v1/handovers/" + std::to_string(h["id"].get<int64_t>()) + "/confirm";
    // The sending unit cannot confirm its own hand-over; the receiver's PIN must be right.
    CHECK(f.post(confirm, {{"staff", "S004"}, {"pin", "1234"}}, lead).status == 403);
    Answer wrong = f.post(confirm, {{"staff", "S002"}, {"pin", "9999"}}, partner);
    CHECK(wrong.status == 403);
    CHECK(wrong.body["error"]["code"] == "wrong_pin");
    CHECK(f.post(confirm, {{"staff", "S001"}, {"pin", "1234"}}, partner).body["error"]["code"] ==
          "wrong_unit");
    Answer confirmed = f.post(confirm, {{"staff", "S002"}, {"pin", "1234"}}, partner);
    REQUIRE(confirmed.status == 200);
    CHECK(confirmed.body["handover"]["status"] == "confirmed");
    CHECK(confirmed.body["handover"]["to_staff"] == "S002");
    CHECK(f.post(confirm, {{"staff", "S002"}, {"pin", "1234"}}, partner).status == 409);
    CHECK(f.get("/api/v1/handovers?status=pending", partner).body["handovers"].empty());

    // The case completes only when every partner task is done.
    Answer early = f.post(path + "/complete", {{"result", "已办结"}}, lead);
    CHECK(early.status == 409);
    CHECK(early.body["error"]["code"] == "tasks_open");
    CHECK(f.post(path + "/tasks/done", nullptr, other).status == 403);  // JWC leads; not a partner
    REQUIRE(f.post(path + "/tasks/done", nullptr, partner).status == 200);
    CHECK(f.post(path + "/complete", {{"result", "已办结"}}, partner).status == 403);
    Answer done = f.post(path + "/complete", {{"result", "请凭回执到 4 号窗口领取"}}, lead);
    REQUIRE(done.status == 200);
    json finished = done.body["case"];
    CHECK(finished["status"] == "completed");
    CHECK(finished["result"] == "请凭回执到 4 号窗口领取");
    CHECK(finished["tasks"][0]["status"] == "done");
    CHECK(step_names(finished) == std::vector<std::string>{"opened", "handover",
                                                           "handover_confirmed", "task_done",
                                                           "completed"});
    for (const auto& s : finished["steps"])
        CHECK(s["who"].get<std::string>().rfind("staff:", 0) == 0);
}

TEST_CASE("case.overdue is published once a case, when an accepted case passes its date") {
    TempDir dir;
    std::string hall = cases_hall(dir);
    HubFixture f({}, hall);
    std::string w2 = f.login(2);
    Answer late =
        open_case(f, "B", 2, w2, {{"mode", "deadline"}});  // promised Wednesday 2 December
    REQUIRE(late.status == 201);
    std::string number = late.body["case"]["number"];
    REQUIRE(f.hub.terminate() == 0);

    auto overdue_of = [](const std::vector<SseEvent>& events, const std::string& n) {
        int count = 0;
        for (const auto& e : events)
            if (e.name == "case.overdue" && e.data["case"] == n) ++count;
        return count;
    };
    std::string second;
    {
        LaterHub thursday(f, "2026-12-03T09:00:00+08:00", hall);
        SseReader events(thursday.hub.url(), "0");
        REQUIRE(events.wait_for([&](const auto& e) { return overdue_of(e, number) == 1; }));
        for (const auto& e : events.events())
            if (e.name == "case.overdue") {
                CHECK(e.data["unit"] == "CWC");
                CHECK(e.data["window"] == 2);
                CHECK_FALSE(e.data.contains("staff"));
            }
        Answer listed = thursday.get("/api/v1/cases?overdue=1", f.admin);
        REQUIRE(listed.body["cases"].size() == 1);
        CHECK(listed.body["cases"][0]["number"] == number);
        CHECK(listed.body["cases"][0]["due"] == "overdue");
        // A case of service A promised for today (0 working days), due today, overdue tomorrow.
        std::string t2 = thursday.sign_in(2, "S002");
        thursday.post("/api/v1/tickets",
                      {{"service", "A"}, {"priority", false}, {"request_id", "thu-1"}}, f.kiosk);
        REQUIRE(thursday.post("/api/v1/windows/2/call-next", nullptr, t2).status == 200);
        Answer today = thursday.post("/api/v1/windows/2/cases", {{"mode", "deadline"}}, t2);
        REQUIRE(today.status == 201);
        CHECK(today.body["case"]["due"] == "due_today");
        second = today.body["case"]["number"];
        REQUIRE(thursday.hub.terminate() == 0);
    }
    // Friday: the second case falls overdue in the same scan that would repeat the first.
    LaterHub friday(f, "2026-12-04T09:00:00+08:00", hall);
    SseReader events(friday.hub.url(), "0");
    REQUIRE(events.wait_for([&](const auto& e) { return overdue_of(e, second) == 1; }));
    CHECK(overdue_of(events.events(), number) == 1);
}

TEST_CASE("the completion webhook: delivered once, retried after the receiver was down") {
    // A receiver on a port of its own, down when the first case completes.
    std::mutex mu;
    std::map<std::string, int> received;
    std::vector<json> bodies;
    auto serve = [&](httplib::Server& server) {
        server.set_keep_alive_max_count(1);  // stop() does not wait out a kept connection
        server.Post(R"(/notify/(.*))", [&](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(mu);
            ++received[req.matches[1]];
            bodies.push_back(json::parse(req.body, nullptr, false));
            res.status = 204;
        });
    };
    int port = free_port();
    TempDir dir;
    std::string hall =
        cases_hall(dir, "http://127.0.0.1:" + std::to_string(port) + "/notify/{number}");
    HubFixture f({}, hall);
    std::string w2 = f.login(2);
    Answer first = open_case(f, "B", 2, w2, {{"mode", "deadline"}});
    REQUIRE(first.status == 201);
    std::string number = first.body["case"]["number"];
    REQUIRE(f.post(case_path(first.body["case"]) + "/complete",
                   {{"result", "已办结，请到 2 号窗口领取"}}, w2)
                .status == 200);
    // The hub tried and failed (nothing listens): its log says so.
    auto log = f.dir / "hub.db.hub-stderr.log";
    REQUIRE(wait_until(
        [&] {
            std::ifstream in(log);
            std::stringstream text;
            text << in.rdbuf();
            return text.str().find("not delivered") != std::string::npos;
        },
        std::chrono::seconds(5)));

    httplib::Server receiver;
    serve(receiver);
    REQUIRE(receiver.bind_to_port("127.0.0.1", port));
    std::thread listening([&] { receiver.listen_after_bind(); });
    struct Stop {
        httplib::Server& server;
        std::thread& thread;
        ~Stop() {
            server.stop();
            thread.join();
        }
    } stop{receiver, listening};
    auto count = [&](const std::string& n) {
        std::lock_guard lock(mu);
        return received.count(n) ? received[n] : 0;
    };
    CHECK(wait_until([&] { return count(number) == 1; }, std::chrono::seconds(10)));

    // With the receiver up a completion is delivered at once, and the first not again.
    std::string second;
    Answer next = open_case(f, "B", 2, w2, {{"mode", "deadline"}});
    REQUIRE(next.status == 201);
    second = next.body["case"]["number"];
    REQUIRE(f.post(case_path(next.body["case"]) + "/complete", {{"result", "已办结"}}, w2).status ==
            200);
    CHECK(wait_until([&] { return count(second) == 1; }, std::chrono::seconds(5)));
    CHECK(count(number) == 1);
    {
        std::lock_guard lock(mu);
        REQUIRE(bodies.size() == 2);
        CHECK(bodies[0]["event"] == "case.completed");
        CHECK(bodies[0]["case"] == number);
        CHECK(bodies[0]["result"] == "已办结，请到 2 号窗口领取");
    }
}
