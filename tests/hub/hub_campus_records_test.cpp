// The halls' office records on the campus (issue 18) against a real PostgreSQL: two hubs ship
// their cases, follow-ups, complaints, ratings and attendance punches; one hall changes records
// while the campus database is down and its hub is killed with -9 — every change arrives
// once, in order, and each record's campus row follows its latest state. Once November has
// ended (a hub started on 1 December) its scorecard reaches the campus, and the campus report's
// follow-ups, complaints and scorecard figures equal what the hall's own API says.
#include <doctest/doctest.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "hub_fixture.h"
#include "onestop/store/database.h"
#include "pg_server.h"
#include "wait.h"

using namespace onestop;
using namespace onestop::test;
using namespace std::chrono_literals;

namespace {

double metric(const std::string& url, const std::string& name) {
    httplib::Client c(url);
    auto r = c.Get("/metrics");
    if (!r) return -1;
    auto at = r->body.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stod(r->body.substr(at + name.size() + 2));
}

bool caught_up(const std::string& url) {
    return metric(url, "onestop_campus_connected") == 1 &&
           metric(url, "onestop_campus_backlog_events") == 0 &&
           metric(url, "onestop_campus_backlog_records") == 0;
}

// What one hall does in the morning: a ticket rated badly at window 1 (a follow-up for JWC), a
// deadline case opened at window 2 (CWC), a complaint about window 1. The ids, to change them.
struct Morning {
    int64_t ticket = 0, followup = 0, case_id = 0, complaint = 0;
};

Morning morning(HubFixture& f) {
    Morning m;
    std::string w1 = f.login(1), w2 = f.login(2);
    json t = f.issue("A");
    m.ticket = t["id"];
    REQUIRE(f.post("/api/v1/windows/1/call-next", nullptr, w1).status == 200);
    REQUIRE(f.post("/api/v1/windows/1/finish", nullptr, w1).status == 200);
    REQUIRE(
        f.post("/api/v1/evaluations",
               {{"ticket", t["id"]}, {"code", t["code"]}, {"level", 2}, {"reasons", {"long_wait"}}})
            .status == 201);
    json followups = f.get("/api/v1/followups?status=all", f.admin).body["followups"];
    REQUIRE(followups.size() == 1);
    m.followup = followups[0]["id"];
    f.issue("B");
    REQUIRE(f.post("/api/v1/windows/2/call-next", nullptr, w2).status == 200);
    Answer opened = f.post("/api/v1/windows/2/cases", {{"mode", "deadline"}}, w2);
    REQUIRE(opened.status == 201);
    m.case_id = opened.body["case"]["id"];
    Answer filed = f.post("/api/v1/complaints", {{"channel", "web"},
                                                 {"about", {{"window", 1}}},
                                                 {"text", "窗口人员态度生硬"},
                                                 {"contact", "13800001111"}});
    REQUIRE(filed.status == 201);
    m.complaint = filed.body["complaint"]["id"];
    return m;
}

std::string hub_id_of(const HubFixture& f) {
    auto db = store::Database::open(f.hub.options().db);
    REQUIRE(db);
    auto st = (*db)->prepare("SELECT value FROM meta WHERE key = 'hub_id'");
    REQUIRE(st);
    REQUIRE(*(*st)->step());
    std::string id = (*st)->column_text(0);
    (*st)->reset();
    return id;
}

using Changes = std::vector<std::tuple<int64_t, std::string, std::string>>;  // id, kind, record

Changes hall_changes(const HubFixture& f) {
    auto db = store::Database::open(f.hub.options().db);
    REQUIRE(db);
    auto st = (*db)->prepare("SELECT id, kind, record FROM record_changes ORDER BY id");
    REQUIRE(st);
    Changes out;
    while (*(*st)->step())
        out.emplace_back((*st)->column_int(0), (*st)->column_text(1), (*st)->column_text(2));
    (*st)->reset();
    return out;
}

Changes campus_changes(pg::Connection& db, const std::string& hub_id) {
    auto rows = db.query(
        "SELECT c.id, c.kind, c.record FROM campus.record_changes c "
        "JOIN campus.halls h ON h.id = c.hall WHERE h.hub_id = $1 ORDER BY c.id",
        {hub_id});
    REQUIRE(rows);
    Changes out;
    for (int i = 0; i < rows->size(); ++i)
        out.emplace_back(rows->integer(i, 0), rows->text(i, 1), rows->text(i, 2));
    return out;
}

// A record's state on the campus, as JSON (null when it has none).
json campus_state(pg::Connection& db, const std::string& hub_id, const std::string& kind,
                  int64_t record) {
    auto rows = db.query(
        "SELECT r.state FROM campus.records r JOIN campus.halls h ON h.id = r.hall "
        "WHERE h.hub_id = $1 AND r.kind = $2 AND r.record = $3",
        {hub_id, kind, std::to_string(record)});
    REQUIRE(rows);
    return rows->size() ? json::parse(rows->text(0, 0)) : json();
}

json campus_report(const PgServer& pg, const std::string& month) {
    RunResult r = run_program({bin_path("onestop-campus"), "report", "--pg", pg.url(), "--passfile",
                               pg.passfile().string(), "--date", month});
    INFO(r.err);
    REQUIRE(r.status == 0);
    return json::parse(r.out);
}

json hall_in(const json& report, const std::string& hub_id) {
    for (const auto& h : report["halls"])
        if (h["hub_id"] == hub_id) return h;
    FAIL("hall " << hub_id << " is not in the report");
    return {};
}

// The hall's own follow-ups or complaints of November as the campus counts them: opened,
// closed (closed, answered), closed no later than their due day.
json hall_tally(const json& list, const char* opened, const char* closed, const char* due) {
    int64_t n = 0, done = 0, on_time = 0;
    for (const auto& r : list) {
        n += r[opened].get<std::string>().rfind("2026-11", 0) == 0;
        if (r[closed].is_null()) continue;
        ++done;  // all on 27 November here, local and UTC alike
        on_time += "2026-11-27" <= r[due].get<std::string>();
    }
    return {{"opened", n}, {"closed", done}, {"on_time", on_time}};
}

}  // namespace

TEST_CASE(
    "office records reach the campus once through an outage and a kill -9, follow their "
    "changes, and the report's office figures equal each hall's own") {
    if (auto why = PgServer::missing()) {
        MESSAGE("skipped: " << *why);
        return;
    }
    PgServer pg;
    const std::vector<std::string> campus = {"--campus", pg.url(), "--campus-passfile",
                                             pg.passfile().string()};
    HubFixture a(campus), b(campus);
    const std::string a_id = hub_id_of(a), b_id = hub_id_of(b);
    Morning ma = morning(a), mb = morning(b);
    REQUIRE(wait_until([&] { return caught_up(a.hub.url()) && caught_up(b.hub.url()); }, 20s));

    auto db = pg.connect();
    for (auto [id, m] : {std::pair{a_id, ma}, {b_id, mb}}) {
        INFO(id);
        json kase = campus_state(*db, id, "case", m.case_id);
        CHECK(kase["status"] == "accepted");
        CHECK(kase["unit"] == "CWC");
        CHECK(campus_state(*db, id, "followup", m.followup)["status"] == "open");
        json complaint = campus_state(*db, id, "complaint", m.complaint);
        CHECK(complaint["status"] == "open");
        CHECK(complaint["unit"] == "JWC");
        CHECK_FALSE(complaint.contains("contact"));  // the complainant's stays in the hall
        CHECK_FALSE(complaint.contains("text"));
        CHECK(campus_state(*db, id, "rating", m.ticket)["level"] == 2);
        auto punches = db->query(
            "SELECT count(*) FROM campus.records r JOIN campus.halls h ON h.id = r.hall "
            "WHERE h.hub_id = $1 AND r.kind = 'attendance'",
            {id});
        REQUIRE(punches);
        CHECK(punches->integer(0, 0) == 2);  // the staff at windows 1 and 2 checked in
    }

    // Hall A works on while the campus is down: the case completed, the complaint answered,
    // the follow-up closed; the changes wait on /metrics; its hub is killed and comes back.
    pg.stop();
    std::string w2 = a.login(2);
    Browser unit{a, "", ""};
    add_office_accounts(a);
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);  // JWC's lead
    REQUIRE(a.post("/api/v1/cases/" + std::to_string(ma.case_id) + "/complete",
                   {{"result", "已办结"}}, w2)
                .status == 200);
    REQUIRE(unit.post("/api/v1/complaints/" + std::to_string(ma.complaint) + "/answer",
                      {{"finding", "substantiated"},
                       {"action", "约谈当事人，服务规范培训"},
                       {"reply", "经核实属实，已整改"}})
                .status == 200);
    REQUIRE(unit.post("/api/v1/followups/" + std::to_string(ma.followup) + "/close",
                      {{"callback", "已回访"}, {"rectification", "高峰时段增开窗口"}})
                .status == 200);
    CHECK(wait_until([&] { return metric(a.hub.url(), "onestop_campus_backlog_records") >= 3; },
                     10s));
    a.hub.kill9();
    a.hub.start(a.hub.port());
    pg.start();
    REQUIRE(wait_until([&] { return caught_up(a.hub.url()) && caught_up(b.hub.url()); }, 60s));
    db = pg.connect();  // this test's connection went with the server

    // Every change once, in the hall's order; each record's row at its latest state.
    for (HubFixture* f : {&a, &b}) {
        std::string id = hub_id_of(*f);
        Changes hall = hall_changes(*f);
        // Two punches, a rating, its follow-up, a case, a complaint; in hall A three changes.
        CHECK(hall.size() >= (f == &a ? 9u : 6u));
        CHECK(campus_changes(*db, id) == hall);
    }
    CHECK(campus_state(*db, a_id, "case", ma.case_id)["status"] == "completed");
    CHECK(campus_state(*db, a_id, "case", ma.case_id)["completed_at"].is_string());
    CHECK(campus_state(*db, a_id, "complaint", ma.complaint)["finding"] == "substantiated");
    CHECK(campus_state(*db, a_id, "followup", ma.followup)["closed_at"].is_string());
    CHECK(campus_state(*db, b_id, "case", mb.case_id)["status"] == "accepted");

    // The report's follow-ups and complaints of November equal each hall's own lists.
    json november = campus_report(pg, "2026-11");
    INFO(november.dump());
    for (HubFixture* f : {&a, &b}) {
        json hall = hall_in(november, hub_id_of(*f));
        json followups = f->get("/api/v1/followups?status=all", f->admin).body["followups"];
        json complaints = f->get("/api/v1/complaints?status=all", f->admin).body["complaints"];
        CHECK(hall["followups"] == hall_tally(followups, "opened_at", "closed_at", "deadline"));
        CHECK(hall["complaints"] ==
              hall_tally(complaints, "received_at", "answered_at", "due_date"));
        CHECK(hall["scorecard"]["windows"] == 0);  // November has not ended
    }
    CHECK(hall_in(november, a_id)["followups"]["closed"] == 1);
    CHECK(hall_in(november, a_id)["complaints"]["on_time"] == 1);
    CHECK(hall_in(november, b_id)["complaints"]["closed"] == 0);
    json jwc, hall_a = hall_in(november, a_id);
    for (const auto& u : hall_a["units"])
        if (u["unit"] == "JWC") jwc = u;
    CHECK(jwc["followups"]["opened"] == 1);
    CHECK(jwc["complaints"]["opened"] == 1);

    // 1 December: hall A's hub, started again, sends November's scorecard; the campus report
    // says what the hall's own scorecard says.
    CHECK(a.hub.terminate() == 0);
    HubProcess december(
        HubOptions{a.dir / "hub.db", "2026-12-01T09:00:00+08:00", ONESTOP_TEST_HALL, campus});
    december.start();
    std::ifstream log(a.dir / "hub.db.hub-stderr.log");
    std::stringstream hub_log;
    INFO("the hub's log: " << (hub_log << log.rdbuf(), hub_log.str()));
    REQUIRE(wait_until(
        [&] {
            auto month =
                db->query("SELECT scorecard_month FROM campus.halls WHERE hub_id = $1", {a_id});
            return month && month->size() == 1 && !month->null(0, 0) &&
                   month->text(0, 0) == "2026-11";
        },
        20s));
    httplib::Client hall_http(december.url());
    auto own = hall_http.Get("/api/v1/reports/scorecard?date=2026-11",
                             {{"Authorization", "Bearer " + a.admin}});
    REQUIRE(own);
    REQUIRE(own->status == 200);
    json sc = json::parse(own->body);
    json summary = hall_in(campus_report(pg, "2026-11"), a_id)["scorecard"];
    REQUIRE(sc["windows"].size() > 0);
    CHECK(summary["windows"] == sc["windows"].size());
    CHECK(summary["staff"] == sc["staff"].size());
    double sum = 0;
    json flags = json::array();
    for (const auto& w : sc["windows"]) {
        sum += w["points"].get<double>();
        if (w["honoured"].get<bool>()) flags.push_back(w["number"]);
    }
    CHECK(summary["window_average"].get<double>() ==
          doctest::Approx(std::round(sum / static_cast<double>(sc["windows"].size()) * 100) / 100));
    json campus_flags = json::array();
    for (const auto& w : summary["red_flag_windows"]) campus_flags.push_back(w["number"]);
    CHECK(campus_flags == flags);
    // Window 1's complaint was substantiated: it lost points, on the campus too.
    auto w1 = db->query(
        "SELECT s.points, s.score FROM campus.scorecards s JOIN campus.halls h ON h.id = s.hall "
        "WHERE h.hub_id = $1 AND s.month = '2026-11' AND s.kind = 'window' AND s.number = '1'",
        {a_id});
    REQUIRE(w1);
    REQUIRE(w1->size() == 1);
    for (const auto& w : sc["windows"])
        if (w["number"] == 1) CHECK(json::parse(w1->text(0, 1)) == w);
    // The hall's mark says so too, once written.
    CHECK(december.terminate() == 0);
    auto hall_db = store::Database::open(a.hub.options().db);
    REQUIRE(hall_db);
    auto mark = (*hall_db)->prepare("SELECT value FROM meta WHERE key = 'campus_scorecard_month'");
    REQUIRE(mark);
    REQUIRE(*(*mark)->step());
    CHECK((*mark)->column_text(0) == "2026-11");
    (*mark)->reset();
}
