// The campus feed (issue 18) against a real PostgreSQL started in a temporary folder: two
// hubs with their own halls ship their logs while the campus database is stopped and
// started again mid-stream and one hub is killed with -9 and restarted; at the end the
// campus holds each hall's log exactly (every event once, no gap), both marks agree, and
// the hall kept serving throughout. A campus that holds more of a hall than the hall's log is
// refused. onestop-campus reports it from the command line and over HTTP (signed in). Also: a
// password in the --campus URL is refused.
#include <doctest/doctest.h>

#include <atomic>
#include <fstream>
#include <sstream>
#include <thread>

#include "hub_fixture.h"
#include "onestop/store/database.h"
#include "pg_server.h"
#include "wait.h"

using namespace onestop;
using namespace onestop::test;
using namespace std::chrono_literals;

namespace {

// The test hall under another name: the second hall of the campus.
std::string second_hall(const TempDir& dir) {
    std::ifstream in(ONESTOP_TEST_HALL);
    std::stringstream text;
    text << in.rdbuf();
    std::string hall = text.str();
    hall.replace(hall.find("测试大厅"), std::string("测试大厅").size(), "第二测试大厅");
    auto file = dir / "second_hall.toml";
    std::ofstream(file) << hall;
    return file.string();
}

// What a hall did, to compare with the campus report.
struct Done {
    int tickets = 0, ratings = 0, cases = 0;
};

// One applicant served at window 1: a ticket, called, every third one a case, finished and
// rated. Throws when the hub refuses: the hall must keep working whatever the campus does.
void serve_one(HubFixture& f, const std::string& session, Done& done) {
    json ticket = f.issue("A");
    ++done.tickets;
    Answer called = f.post("/api/v1/windows/1/call-next", nullptr, session);
    if (called.status != 200) throw std::runtime_error("call-next: " + called.text);
    if (done.tickets % 3 == 0) {
        Answer opened = f.post("/api/v1/windows/1/cases", {{"mode", "instant"}}, session);
        if (opened.status != 201) throw std::runtime_error("case: " + opened.text);
        ++done.cases;
    }
    Answer finished = f.post("/api/v1/windows/1/finish", nullptr, session);
    if (finished.status != 200) throw std::runtime_error("finish: " + finished.text);
    Answer rated = f.post("/api/v1/evaluations",
                          {{"ticket", ticket["id"]}, {"code", ticket["code"]}, {"level", 4}});
    if (rated.status != 201) throw std::runtime_error("rating: " + rated.text);
    ++done.ratings;
}

// A figure of the hub's /metrics (-1 when absent).
double metric(const HubFixture& f, const std::string& name) {
    std::string text = f.get("/metrics").text;
    auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(text.substr(at + name.size() + 2));
}

bool caught_up(const HubFixture& f) {
    return metric(f, "onestop_campus_connected") == 1 &&
           metric(f, "onestop_campus_backlog_events") == 0 &&
           metric(f, "onestop_campus_backlog_audit") == 0;
}

using Log = std::vector<std::pair<int64_t, std::string>>;  // (id, type or action), by id

// The hall's log and identity, read from its database beside the running hub.
Log hall_log(const HubFixture& f, std::string& hub_id, int64_t* mark = nullptr,
             const std::string& table = "events") {
    auto db = store::Database::open(f.hub.options().db);
    REQUIRE(db);
    auto meta = (*db)->prepare("SELECT key, value FROM meta");
    REQUIRE(meta);
    while (*(*meta)->step()) {
        if ((*meta)->column_text(0) == "hub_id") hub_id = (*meta)->column_text(1);
        if (mark && (*meta)->column_text(0) == "campus_shipped")
            *mark = std::stoll((*meta)->column_text(1));
    }
    (*meta)->reset();
    auto events = (*db)->prepare(table == "events" ? "SELECT id, type FROM events ORDER BY id"
                                                   : "SELECT id, action FROM audit ORDER BY id");
    REQUIRE(events);
    Log log;
    while (*(*events)->step())
        log.emplace_back((*events)->column_int(0), (*events)->column_text(1));
    (*events)->reset();
    return log;
}

Log campus_log(pg::Connection& db, const std::string& hub_id, const std::string& table = "events") {
    auto rows = db.query(
        table == "events"
            ? "SELECT e.id, e.type FROM campus.events e JOIN campus.halls h ON h.id = e.hall "
              "WHERE h.hub_id = $1 ORDER BY e.id"
            : "SELECT a.id, a.action FROM campus.audit a JOIN campus.halls h ON h.id = a.hall "
              "WHERE h.hub_id = $1 ORDER BY a.id",
        {hub_id});
    REQUIRE(rows);
    Log log;
    for (int i = 0; i < rows->size(); ++i) log.emplace_back(rows->integer(i, 0), rows->text(i, 1));
    return log;
}

}  // namespace

TEST_CASE("serve --campus refuses a password in the URL and says where it goes instead") {
    TempDir dir;
    for (const std::string url : {"postgresql://onestop:secret@campus-db/onestop",
                                  "postgresql://onestop@campus-db/onestop?password=secret"}) {
        RunResult r = hub_cli({"serve", "--db", (dir / "hub.db").string(), "--campus", url});
        INFO(r.err);
        CHECK(r.status == 2);
        CHECK(r.err.find("carries a password") != std::string::npos);
        CHECK(r.err.find("--campus-passfile") != std::string::npos);
        CHECK(r.err.find("secret") == std::string::npos);  // not echoed to logs either
        CHECK_FALSE(std::filesystem::exists(dir / "hub.db"));
    }
    RunResult r = hub_cli(
        {"serve", "--db", (dir / "hub.db").string(), "--campus", "mysql://campus-db/onestop"});
    CHECK(r.status == 2);
    CHECK(r.err.find("postgresql:// URL") != std::string::npos);
}

TEST_CASE(
    "two halls ship to a real PostgreSQL through its stop and start and a hub's kill -9: "
    "the campus holds each hall's log exactly") {
    if (auto why = PgServer::missing()) {
        MESSAGE("skipped: " << *why);
        return;
    }
    PgServer pg;
    const std::vector<std::string> campus = {"--campus", pg.url(), "--campus-passfile",
                                             pg.passfile().string()};
    TempDir dir;
    HubFixture a(campus);
    HubFixture b(campus, second_hall(dir));
    add_office_accounts(a);  // li, the committee's viewer, reads the campus view below
    Done done_a, done_b;

    // Hall B serves without pause the whole time, on its own thread.
    std::atomic<bool> stop_b{false};
    std::string b_failed;
    std::thread traffic_b([&] {
        try {
            std::string session = b.login(1);
            while (!stop_b) serve_one(b, session, done_b);
        } catch (const std::exception& e) {
            b_failed = e.what();
        }
    });

    std::string session = a.login(1);
    for (int i = 0; i < 15; ++i) serve_one(a, session, done_a);
    REQUIRE(wait_until([&] { return metric(a, "onestop_campus_shipped_event_id") > 0; }, 10s));

    // The campus goes away mid-stream: hall A keeps serving, its backlog grows on /metrics.
    pg.stop();
    for (int i = 0; i < 15; ++i) serve_one(a, session, done_a);
    CHECK(wait_until([&] { return metric(a, "onestop_campus_connected") == 0; }, 10s));
    CHECK(wait_until([&] { return metric(a, "onestop_campus_backlog_events") > 50; }, 5s));
    CHECK(metric(a, "onestop_campus_lag_seconds") > 0);
    // An office change meanwhile goes to the audit log, which waits to be shipped too.
    CHECK(
        a.post("/api/v1/devices", {{"role", "board"}, {"name", "campus-board"}}, a.admin).status ==
        201);
    CHECK(wait_until([&] { return metric(a, "onestop_campus_backlog_audit") == 1; }, 5s));
    CHECK(a.get("/api/v1/office/hall", a.admin).text.find("\"campus_backlog\"") !=
          std::string::npos);  // the office's live hall says so too

    // Hall A's hub crashes with the backlog unshipped and comes back while the campus is
    // still away: it serves, and knows its backlog from its own mark.
    a.hub.kill9();
    a.hub.start(a.hub.port());
    session = a.login(1);
    for (int i = 0; i < 10; ++i) serve_one(a, session, done_a);
    CHECK(wait_until([&] { return metric(a, "onestop_campus_backlog_events") > 100; }, 5s));

    // The campus is back; hall A's hub crashes again right after a burst, while it ships.
    pg.start();
    for (int i = 0; i < 15; ++i) serve_one(a, session, done_a);
    a.hub.kill9();
    a.hub.start(a.hub.port());
    session = a.login(1);
    for (int i = 0; i < 15; ++i) serve_one(a, session, done_a);

    stop_b = true;
    traffic_b.join();
    CHECK(b_failed == "");
    CHECK(done_b.tickets > 10);
    CHECK(wait_until([&] { return caught_up(a) && caught_up(b); }, 60s));
    CHECK(a.get("/api/v1/office/hall", a.admin).text.find("campus_") == std::string::npos);

    auto db = pg.connect();
    int64_t campus_rows = 0, hall_rows = 0;
    for (HubFixture* f : {&a, &b}) {
        std::string hub_id;
        Log hall = hall_log(*f, hub_id);
        Log shipped = campus_log(*db, hub_id);
        CHECK(shipped.size() == hall.size());
        CHECK(shipped == hall);  // every event once, in the hall's order, nothing else
        hall_rows += static_cast<int64_t>(hall.size());
        auto mark = db->query("SELECT shipped_id FROM campus.halls WHERE hub_id = $1", {hub_id});
        REQUIRE(mark);
        CHECK(mark->integer(0, 0) == hall.back().first);
        Log audit = hall_log(*f, hub_id, nullptr, "audit");
        CHECK(audit.size() >= 9);  // the fixture's tokens and staff, made from the command line
        CHECK(campus_log(*db, hub_id, "audit") == audit);
    }
    auto total = db->query("SELECT count(*), count(DISTINCT (hall, id)) FROM campus.events");
    REQUIRE(total);
    campus_rows = total->integer(0, 0);
    CHECK(campus_rows == hall_rows);
    CHECK(total->integer(0, 1) == campus_rows);

    // The campus report counts what the halls did, per hall and per unit.
    RunResult report = run_program({bin_path("onestop-campus"), "report", "--pg", pg.url(),
                                    "--passfile", pg.passfile().string(), "--date", "2026-11"});
    INFO(report.err);
    REQUIRE(report.status == 0);
    json figures = json::parse(report.out);
    REQUIRE(figures["halls"].size() == 2);
    for (const auto& [name, done] : {std::pair{"测试大厅", done_a}, {"第二测试大厅", done_b}}) {
        json hall;
        for (const auto& h : figures["halls"])
            if (h["hall"] == name) hall = h;
        INFO(name);
        CHECK(hall["tickets"] == done.tickets);
        CHECK(hall["ratings"] == done.ratings);
        CHECK(hall["cases"] == done.cases);
        REQUIRE(hall["units"].size() == 1);  // service A and window 1 are JWC's
        CHECK(hall["units"][0]["unit"] == "JWC");
        CHECK(hall["units"][0]["tickets"] == done.tickets);
        CHECK(hall["rating_average"] == 4.0);
    }
    RunResult other_month =
        run_program({bin_path("onestop-campus"), "report", "--pg", pg.url(), "--passfile",
                     pg.passfile().string(), "--date", "2026-12"});
    CHECK(json::parse(other_month.out)["halls"][0]["tickets"] == 0);

    // onestop-campus serve: the same report over HTTP, each hall's state, the console page.
    ChildProcess view({bin_path("onestop-campus"), "serve", "--pg", pg.url(), "--passfile",
                       pg.passfile().string(), "--listen", "127.0.0.1:0"},
                      ChildOptions{.out = Stream::pipe()});
    auto line = view.read_line();
    REQUIRE(line);
    REQUIRE(line->rfind("listening on http://127.0.0.1:", 0) == 0);
    httplib::Client campus_http(line->substr(std::string("listening on ").size()));
    auto signed_in = campus_http.Post("/api/v1/login",
                                      json{{"login", "li"}, {"password", "viewer-pass-1"}}.dump(),
                                      "application/json");
    REQUIRE(signed_in);
    REQUIRE(signed_in->status == 200);
    std::string cookie = signed_in->get_header_value("Set-Cookie");
    campus_http.set_default_headers({{"Cookie", cookie.substr(0, cookie.find(';'))}});
    auto served = campus_http.Get("/api/v1/report?date=2026-11");
    REQUIRE(served);
    CHECK(served->status == 200);
    CHECK(json::parse(served->body)["halls"] == figures["halls"]);
    auto states = campus_http.Get("/api/v1/halls");
    REQUIRE(states);
    json halls = json::parse(states->body)["halls"];
    REQUIRE(halls.size() == 2);
    CHECK(halls[0]["shipped_id"].get<int64_t>() > 0);
    CHECK(halls[0]["complete_at"].is_string());  // both hubs, caught up, said so
    CHECK(halls[1]["complete_at"].is_string());
    CHECK(halls[0]["behind_seconds"].get<int64_t>() < 60);
    CHECK(campus_http.Get("/api/v1/report?date=2026-13")->status == 422);
    auto page = campus_http.Get("/");
    REQUIRE(page);
    CHECK(page->body.find("/campus.js") != std::string::npos);
    CHECK(view.stop() == 0);

    // A campus holding more of hall B than B's log (as after B's database was restored from
    // an older backup) is refused: B ships nothing more, and says so on /metrics.
    std::string b_id;
    Log b_before = hall_log(b, b_id);
    REQUIRE(db->query("UPDATE campus.halls SET shipped_id = 1000000 WHERE hub_id = $1", {b_id}));
    CHECK(b.hub.terminate() == 0);
    b.hub.start(b.hub.port());
    CHECK(wait_until([&] { return metric(b, "onestop_campus_refused") == 1; }, 10s));
    CHECK(b.get("/api/v1/office/hall", b.admin).text.find("\"campus_refused\"") !=
          std::string::npos);
    std::string b_session = b.login(1);
    serve_one(b, b_session, done_b);  // the hall still serves
    CHECK(hall_log(b, b_id).size() > b_before.size());
    CHECK(campus_log(*db, b_id) == b_before);

    // A stopped hub has written the campus mark into its own database too.
    CHECK(a.hub.terminate() == 0);
    std::string hub_id;
    int64_t hall_mark = 0;
    Log hall = hall_log(a, hub_id, &hall_mark);
    CHECK(hall_mark == hall.back().first);
}
