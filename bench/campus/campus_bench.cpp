// campus-bench: the campus feed (issue 18) on a real PostgreSQL (fsync on) in a temporary
// folder, on the Unix socket.
//   1. lag: HALLS hubs each issue RATE tickets/s for SECONDS; a ticket's lag is the time from
//      its issue at the hub (the ticket_issued payload's `at`, in ms; the log's own `at` has
//      whole seconds) to when a poll (every 5 ms) first sees it in campus.events.
//   2. catch-up: a hub issues CATCHUP tickets with no campus (a day offline), is stopped and
//      started again with --campus: the time until the campus mark reaches its last event.
//   3. report: REPORT_HALLS halls × one year of synthetic events (EVENTS_PER_DAY each working
//      day) put straight into PostgreSQL and counted into the monthly figures
//      (campus.project, one call a hall, side by side); onestop-campus report for one month,
//      5 runs, then for each month of the year (the console's charts).
// Usage: campus-bench [--halls N] [--rate R] [--seconds S] [--catchup N] [--report-halls N]
//                     [--events-per-day N] [--skip lag,catchup,report]
#include <httplib.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <memory>
#include <thread>

#include <nlohmann/json.hpp>

#include "bench_hub.h"
#include "child_process.h"
#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/store/database.h"
#include "pg_server.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::bench;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

constexpr const char* kProgram = "campus-bench";

struct Config {
    int halls = 2, rate = 50, seconds = 60, catchup = 30000, report_halls = 5,
        events_per_day = 6000;
    std::string skip;
};

std::string hall_file() {
    return std::string(ONESTOP_SOURCE_DIR) + "/tests/hub/test_hall.toml";
}

struct Hall {
    test::TempDir dir;
    std::unique_ptr<test::HubProcess> hub;
    BenchTokens tokens;
};

std::unique_ptr<Hall> start_hall(const test::PgServer* pg) {
    auto hall = std::make_unique<Hall>();
    std::vector<std::string> args;
    if (pg) args = {"--campus", pg->url(), "--campus-passfile", pg->passfile().string()};
    hall->hub = std::make_unique<test::HubProcess>(
        test::HubOptions{hall->dir / "hub.db", "", hall_file(), args, {}, "/dev/null"});
    hall->tokens = start_bench_hub(*hall->hub, kProgram);
    return hall;
}

bool issue(httplib::Client& c, const std::string& kiosk) {
    json body = {{"service", "A"}, {"priority", false}, {"request_id", new_uuid()}};
    auto r = c.Post("/api/v1/tickets", {{"Authorization", "Bearer " + kiosk}}, body.dump(),
                    "application/json");
    return r && r->status == 201;
}

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string hub_id(const Hall& hall, int64_t* last = nullptr) {
    auto db = store::Database::open(hall.hub->options().db);
    if (!db) die(kProgram, db.error().message);
    auto st = (*db)->prepare(
        "SELECT (SELECT value FROM meta WHERE key = 'hub_id'), (SELECT max(id) FROM events)");
    if (!st || !*(*st)->step()) die(kProgram, "cannot read the hall database");
    std::string id = (*st)->column_text(0);
    if (last) *last = (*st)->column_int(1);
    (*st)->reset();
    return id;
}

void lag(const Config& cfg, const test::PgServer& pg) {
    std::vector<std::unique_ptr<Hall>> halls;
    for (int i = 0; i < cfg.halls; ++i) halls.push_back(start_hall(&pg));
    auto db = pg.connect();
    std::vector<int64_t> ids;
    for (auto& h : halls) {
        std::string id = hub_id(*h);
        int64_t hall = 0;
        auto deadline = SteadyClock::now() + 20s;
        while (!hall && SteadyClock::now() < deadline) {
            auto row = db->query("SELECT id FROM campus.halls WHERE hub_id = $1", {id});
            if (row && row->size()) hall = row->integer(0, 0);
            std::this_thread::sleep_for(10ms);
        }
        if (!hall) die(kProgram, "a hub never reached the campus database");
        ids.push_back(hall);
    }
    std::atomic<bool> done{false};
    std::atomic<int> failed{0}, issued{0};
    std::vector<std::thread> load;
    for (auto& h : halls)
        load.emplace_back([&, hall = h.get()] {
            httplib::Client c(hall->hub->url());
            auto start = SteadyClock::now();
            for (int i = 0; i < cfg.rate * cfg.seconds; ++i) {
                std::this_thread::sleep_until(start + i * 1000ms / cfg.rate);
                if (issue(c, hall->tokens.kiosk))
                    ++issued;
                else
                    ++failed;
            }
        });
    std::vector<double> lags;
    std::vector<int64_t> seen(ids.size(), 0);
    std::thread poll([&] {
        while (!done) {
            for (size_t h = 0; h < ids.size(); ++h) {
                auto rows = db->query(
                    "SELECT id, (payload->>'at')::bigint FROM campus.events "
                    "WHERE hall = $1 AND id > $2 AND type = 'ticket_issued' ORDER BY id",
                    {std::to_string(ids[h]), std::to_string(seen[h])});
                int64_t now = now_ms();
                if (!rows) continue;
                for (int i = 0; i < rows->size(); ++i) {
                    lags.push_back(static_cast<double>(now - rows->integer(i, 1)));
                    seen[h] = rows->integer(i, 0);
                }
            }
            std::this_thread::sleep_for(5ms);
        }
    });
    for (auto& t : load) t.join();
    std::this_thread::sleep_for(3s);  // the last events arrive
    done = true;
    poll.join();
    Stats s = stats(lags);
    std::printf(
        "lag: %d halls × %d tickets/s for %d s: %d issued (%d failed), %zu events seen in the "
        "campus; lag p50 %.0f ms, p99 %.0f ms, max %.0f ms (target p99 ≤ 1000 ms)\n",
        cfg.halls, cfg.rate, cfg.seconds, issued.load(), failed.load(), lags.size(), s.p50, s.p99,
        s.max);
}

void catchup(const Config& cfg, const test::PgServer& pg) {
    auto hall = start_hall(nullptr);
    std::atomic<int> next{0}, failed{0};
    std::vector<std::thread> kiosks;
    for (int k = 0; k < 8; ++k)
        kiosks.emplace_back([&] {
            httplib::Client c(hall->hub->url());
            while (next++ < cfg.catchup)
                if (!issue(c, hall->tokens.kiosk)) ++failed;
        });
    for (auto& t : kiosks) t.join();
    hall->hub->terminate();
    int64_t last = 0;
    std::string id = hub_id(*hall, &last);

    test::HubProcess shipping(
        test::HubOptions{hall->hub->options().db,
                         "",
                         hall_file(),
                         {"--campus", pg.url(), "--campus-passfile", pg.passfile().string()},
                         {},
                         "/dev/null"});
    auto db = pg.connect();
    auto started = SteadyClock::now();
    shipping.start();
    auto listening = SteadyClock::now();
    int64_t shipped = 0;
    while (shipped < last && SteadyClock::now() - started < 300s) {
        auto row = db->query("SELECT shipped_id FROM campus.halls WHERE hub_id = $1", {id});
        shipped = row && row->size() ? row->integer(0, 0) : 0;
        if (shipped < last) std::this_thread::sleep_for(5ms);
    }
    auto end = SteadyClock::now();
    std::printf(
        "catch-up: %lld events waiting (%d tickets, %d failed) shipped in %.2f s from the hub's "
        "start (%.2f s after it listened): %.0f events/s (target ≤ 10 s)\n",
        static_cast<long long>(last), cfg.catchup, failed.load(), ms(end - started) / 1000,
        ms(end - listening) / 1000, static_cast<double>(last) / (ms(end - listening) / 1000));
    if (shipped < last) die(kProgram, "the campus mark never reached the hall's last event");
}

void report(const Config& cfg, const test::PgServer& pg) {
    auto db = pg.connect();
    // The schema as a hub would make it: run one migration through onestop-campus.
    test::RunResult migrated =
        test::run_program({test::bin_path("onestop-campus"), "migrate", "--pg", pg.url(),
                           "--passfile", pg.passfile().string()});
    if (migrated.status != 0) die(kProgram, migrated.err);
    auto started = SteadyClock::now();
    for (const std::string& sql : std::vector<std::string>{
             "INSERT INTO campus.halls (hub_id, name, zone) SELECT 'bench-' || h, '基准大厅' || h, "
             "'Asia/Shanghai' FROM generate_series(1, " +
                 std::to_string(cfg.report_halls) + ") h",
             "SELECT campus.ensure_month(d::date) FROM generate_series(date '2025-12-01', "
             "date '2027-01-01', interval '1 month') d",
             "INSERT INTO campus.events (hall, id, at, type, unit, payload, name, data) "
             "SELECT h.id, d.n * $1::int + i + 1, "
             "(d.day + time '08:30' + i * (interval '9 hours' / $1::int)) AT TIME ZONE "
             "'Asia/Shanghai', "
             "(ARRAY['ticket_issued','ticket_called','ticket_finished',"
             "'hub.case_completed','hub.evaluation_submitted','hub.case_opened'])[1 + i % "
             "6], "
             // Each six events are one ticket's (its issue, first call, …) and one case's.
             "(ARRAY['JWC','CWC','XSC','TSG'])[1 + (i / 6) % 4], "
             "jsonb_build_object('service', 'A', 'mode', 'deadline', "
             "'id', (d.n * $1::int + i) / 6), "
             "NULL, jsonb_build_object('level', 1 + (i / 6) % 5) "
             "FROM campus.halls h, "
             "(SELECT n, date '2026-01-01' + n AS day FROM generate_series(0, 364) n "
             " WHERE extract(isodow FROM date '2026-01-01' + n) < 6) d, "
             "generate_series(0, $1::int - 1) i WHERE h.hub_id LIKE 'bench-%'",
             "ANALYZE campus.events",
             // What the halls' office records of such a year are on the campus: a rating a
             // ticket, a follow-up for one ticket in a hundred and a complaint for one in five
             // hundred (each closed 2-8 days after, so some late), and each month's scorecard
             // of 30 windows and 60 staff.
             "INSERT INTO campus.records (hall, kind, record, state, change_id, changed_at) "
             "SELECT h.id, k.kind, n::text, jsonb_build_object("
             "'unit', (ARRAY['JWC','CWC','XSC','TSG'])[1 + n % 4], 'level', 1 + n % 5, "
             "'opened_at', o.at, 'received_at', o.at, "
             "'closed_at', o.at + (2 + n % 7) * interval '1 day', "
             "'answered_at', o.at + (2 + n % 7) * interval '1 day', "
             "'deadline', to_char(o.at + interval '5 days', 'YYYY-MM-DD'), "
             "'due_date', to_char(o.at + interval '5 days', 'YYYY-MM-DD')), n, o.at "
             "FROM campus.halls h, "
             "(VALUES ('rating', 1), ('followup', 100), ('complaint', 500)) k(kind, every), "
             "generate_series(1, 261 * $1::int / 6) n, "
             "LATERAL (SELECT (date '2026-01-01' + (n::bigint * 365 / (261 * $1::int / 6))::int "
             "+ time '10:00') AT TIME ZONE 'Asia/Shanghai' AS at) o "
             "WHERE h.hub_id LIKE 'bench-%' AND n % k.every = 0",
             "INSERT INTO campus.scorecards (hall, month, kind, number, name, unit, points, "
             "rank, honoured, score) "
             "SELECT h.id, '2026-' || lpad((m + 1)::text, 2, '0'), k.kind, w::text, "
             "k.kind || w, (ARRAY['JWC','CWC','XSC','TSG'])[1 + w % 4], 90 + w % 10, w, "
             "w <= 3, '{}' "
             "FROM campus.halls h, generate_series(0, 11) m, "
             "(VALUES ('window', 30), ('staff', 60)) k(kind, n), "
             "LATERAL generate_series(1, k.n) w WHERE h.hub_id LIKE 'bench-%'",
             "ANALYZE campus.records, campus.scorecards"}) {
        auto r = sql.find("$1") != std::string::npos
                     ? db->query(sql, {std::to_string(cfg.events_per_day)})
                     : db->query(sql);
        if (!r) die(kProgram, r.error().message);
    }
    auto loaded = SteadyClock::now();
    // The monthly figures: one campus.project call over each hall's year, as migration 6's
    // recount of an existing campus does (the shippers' batches are the lag and catch-up
    // rows), the halls side by side.
    auto halls = db->query(
        "SELECT id, (SELECT max(id) FROM campus.events e WHERE e.hall = h.id) "
        "FROM campus.halls h WHERE h.hub_id LIKE 'bench-%' ORDER BY id");
    if (!halls) die(kProgram, halls.error().message);
    std::vector<std::thread> counters;
    for (int h = 0; h < halls->size(); ++h)
        counters.emplace_back([&, hall = halls->text(h, 0), last = halls->text(h, 1)] {
            auto own = pg.connect();
            auto r = own->query("SELECT campus.project($1, 0, $2)", {hall, last});
            if (!r) die(kProgram, r.error().message);
        });
    for (auto& t : counters) t.join();
    auto rows = db->query(
        "SELECT (SELECT count(*) FROM campus.events), (SELECT count(*) FROM campus.records), "
        "(SELECT count(*) FROM campus.scorecards)");
    std::printf(
        "report: %lld events (and %lld office records, %lld scorecard rows) of %d halls × a year "
        "(%d events a working day) loaded in %.0f s, counted in %.0f s\n",
        static_cast<long long>(rows ? rows->integer(0, 0) : 0),
        static_cast<long long>(rows ? rows->integer(0, 1) : 0),
        static_cast<long long>(rows ? rows->integer(0, 2) : 0), cfg.report_halls,
        cfg.events_per_day, ms(loaded - started) / 1000, ms(SteadyClock::now() - loaded) / 1000);
    std::vector<double> times;
    std::string out;
    for (int run = 0; run < 5; ++run) {
        auto t0 = SteadyClock::now();
        test::RunResult r =
            test::run_program({test::bin_path("onestop-campus"), "report", "--pg", pg.url(),
                               "--passfile", pg.passfile().string(), "--date", "2026-06"});
        times.push_back(ms(SteadyClock::now() - t0));
        if (r.status != 0) die(kProgram, r.err);
        out = r.out;
    }
    json figures = json::parse(out);
    long long tickets = 0, followups = 0, windows = 0;
    for (const auto& h : figures["halls"]) {
        tickets += h["tickets"].get<long long>();
        followups += h["followups"]["opened"].get<long long>();
        windows += h["scorecard"]["windows"].get<long long>();
    }
    Stats s = stats(times);
    std::printf(
        "report: onestop-campus report --date 2026-06 (whole process, %zu halls, %lld tickets, "
        "%lld follow-ups opened, %lld windows scored): median %.0f ms, max %.0f ms (target ≤ "
        "2000 ms)\n",
        figures["halls"].size(), tickets, followups, windows, s.p50, s.max);
    // The console's year: its charts ask for each of the last 12 months' reports.
    auto t0 = SteadyClock::now();
    for (int m = 1; m <= 12; ++m) {
        char month[8];
        std::snprintf(month, sizeof month, "2026-%02d", m);
        test::RunResult r =
            test::run_program({test::bin_path("onestop-campus"), "report", "--pg", pg.url(),
                               "--passfile", pg.passfile().string(), "--date", month});
        if (r.status != 0) die(kProgram, r.err);
    }
    std::printf("report: the 12 months of 2026, one onestop-campus report each: %.0f ms in all\n",
                ms(SteadyClock::now() - t0));
}

}  // namespace

int main(int argc, char** argv) {
    return guarded(kProgram, [&] {
        Config cfg;
        for (int i = 1; i + 1 < argc; i += 2) {
            std::string flag = argv[i], value = argv[i + 1];
            if (flag == "--halls")
                cfg.halls = std::stoi(value);
            else if (flag == "--rate")
                cfg.rate = std::stoi(value);
            else if (flag == "--seconds")
                cfg.seconds = std::stoi(value);
            else if (flag == "--catchup")
                cfg.catchup = std::stoi(value);
            else if (flag == "--report-halls")
                cfg.report_halls = std::stoi(value);
            else if (flag == "--events-per-day")
                cfg.events_per_day = std::stoi(value);
            else if (flag == "--skip")
                cfg.skip = value;
            else
                die(kProgram, "unknown flag " + flag);
        }
        if (auto why = test::PgServer::missing()) die(kProgram, *why);
        test::PgServer pg(/*durable=*/true);
        if (cfg.skip.find("lag") == std::string::npos) lag(cfg, pg);
        if (cfg.skip.find("catchup") == std::string::npos) catchup(cfg, pg);
        if (cfg.skip.find("report") == std::string::npos) report(cfg, pg);
        return 0;
    });
}
