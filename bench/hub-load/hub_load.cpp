// hub-load: how fast the hub issues durable tickets, how quickly a call reaches 100 event
// subscribers, against the raw durable SQLite insert rate on the same disk, a bare GET
// round trip, and the hub's resident memory after 10,000 tickets. See RESULTS.md.
//
//   hub-load [--clients N] [--tickets T] [--subscribers M] [--calls C] [--dir DIR] [--hub-bin PATH]

#include <sqlite3.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_hub.h"
#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/cli/cli.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"

using namespace onestop;
using namespace std::chrono_literals;
using bench::SteadyClock;

namespace {

struct Options {
    int clients = 8;
    int tickets = 10000;
    int subscribers = 100;
    int calls = 200;
    std::filesystem::path dir;
    std::filesystem::path hub_bin;
};

using bench::ms;
using bench::stats;
using bench::Stats;

[[noreturn]] void die(const std::string& what) {
    bench::die("hub-load", what);
}

// The raw durable single-insert rate: WAL, synchronous=FULL, one transaction per row,
// a table shaped like a ticket row, for about `seconds`.
double raw_sqlite_rate(const std::filesystem::path& file, double seconds, int& inserted) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.c_str(), &db) != SQLITE_OK) die("cannot open " + file.string());
    sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", nullptr, nullptr,
                 nullptr);
    sqlite3_exec(
        db,
        "CREATE TABLE t(id INTEGER PRIMARY KEY, request_id TEXT UNIQUE, service TEXT, number TEXT, "
        "status TEXT, issued_at TEXT)",
        nullptr, nullptr, nullptr);
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(
        db, "INSERT INTO t(request_id, service, number, status, issued_at) VALUES(?,?,?,?,?)", -1,
        &st, nullptr);
    auto t0 = SteadyClock::now();
    inserted = 0;
    while (ms(SteadyClock::now() - t0) < seconds * 1000) {
        std::string rid = new_uuid();
        sqlite3_bind_text(st, 1, rid.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(st, 2, "A", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, "A001", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 4, "waiting", -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 5, "2026-11-25T10:00:00+08:00", -1, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) die(std::string("raw insert: ") + sqlite3_errmsg(db));
        sqlite3_reset(st);
        ++inserted;
    }
    double elapsed = ms(SteadyClock::now() - t0) / 1000.0;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return inserted / elapsed;
}

}  // namespace

static int run(int argc, char** argv) {
    Options opt;
    CLI::App cli(
        "hub-load: issue rate, call → event latency, raw SQLite rate, GET round trip, hub memory",
        "hub-load");
    cli.add_option("--clients", opt.clients, "kiosks issuing at once")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--tickets", opt.tickets, "tickets to issue")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--subscribers", opt.subscribers, "event streams open")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--calls", opt.calls, "calls to time")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--dir", opt.dir, "scratch folder (default a new folder under /tmp)");
    cli.add_option("--hub-bin", opt.hub_bin,
                   "the onestop-hub to run (default: next to this program)");
    if (auto code = onestop::cli::parse(cli, argc, argv)) return *code;
    if (opt.hub_bin.empty())
        opt.hub_bin = std::filesystem::canonical("/proc/self/exe").parent_path() / "onestop-hub";
    spdlog::set_level(spdlog::level::warn);
    bool own_dir = opt.dir.empty();
    if (own_dir) {
        char tmpl[] = "/tmp/hub-load.XXXXXX";
        if (!mkdtemp(tmpl)) die("mkdtemp failed");
        opt.dir = tmpl;
    }
    std::filesystem::create_directories(opt.dir);
    const auto db = opt.dir / "hub.db";

    // A Wednesday at 10:00 in the hall: every fixed window is open. The hub's request log
    // goes to /dev/null: writing it would skew the timing.
    test::HubProcess hub({db, "2026-11-25T10:00:00+08:00", "", {}, opt.hub_bin, "/dev/null"});
    auto [kiosk_token, counter_token] = bench::start_bench_hub(hub, "hub-load");
    std::printf("hub-load: %s, db %s, %d clients, %d tickets, %d subscribers, %d calls\n",
                hub.url().c_str(), db.c_str(), opt.clients, opt.tickets, opt.subscribers,
                opt.calls);

    // 1. A bare GET round trip.
    net::HubClient probe({hub.url(), ""});
    std::vector<double> health;
    for (int i = 0; i < 1000; ++i) {
        auto t0 = SteadyClock::now();
        if (!probe.health()) die("health failed");
        health.push_back(ms(SteadyClock::now() - t0));
    }
    Stats hs = stats(health);
    std::printf(
        "GET /api/v1/health round trip: mean %.3f ms, p50 %.3f ms, p99 %.3f ms (1000 sequential)\n",
        hs.mean, hs.p50, hs.p99);

    // 2. Durable ticket issuing by N concurrent kiosks, spread over the services open now.
    auto services = probe.services();
    if (!services) die("services: " + services.error().message);
    std::vector<std::string> open;
    for (const auto& s : *services)
        if (s.open) open.push_back(s.code);
    if (open.empty()) die("no service is open at the hub's clock");
    std::vector<std::vector<double>> per_client(static_cast<size_t>(opt.clients));
    std::atomic<int> failures{0};
    std::string first_failure;
    std::mutex failure_mu;
    auto issue_start = SteadyClock::now();
    std::vector<std::thread> workers;
    for (int c = 0; c < opt.clients; ++c) {
        workers.emplace_back([&, c] {
            net::HubClient kiosk({hub.url(), kiosk_token, 2000ms, 10000ms});
            for (int i = c; i < opt.tickets; i += opt.clients) {
                net::IssueRequest req{open[static_cast<size_t>(i) % open.size()],
                                      net::Priority::Normal,
                                      new_uuid(),
                                      {},
                                      {},
                                      {}};
                auto t0 = SteadyClock::now();
                auto t = kiosk.issue_ticket(req);
                per_client[static_cast<size_t>(c)].push_back(ms(SteadyClock::now() - t0));
                if (!t) {
                    if (failures++ == 0) {
                        std::lock_guard lock(failure_mu);
                        first_failure = t.error().code + ": " + t.error().message;
                    }
                }
            }
        });
    }
    for (auto& w : workers) w.join();
    double issue_s = ms(SteadyClock::now() - issue_start) / 1000.0;
    std::vector<double> issue_lat;
    for (auto& v : per_client) issue_lat.insert(issue_lat.end(), v.begin(), v.end());
    Stats is = stats(issue_lat);
    double issue_rate = (opt.tickets - failures) / issue_s;
    std::printf(
        "issue: %d tickets (%d failed%s%s) by %d clients in %.2f s = %.0f tickets/s durable; per "
        "request p50 "
        "%.2f ms, p99 %.2f ms\n",
        opt.tickets - failures.load(), failures.load(), failures ? ", first: " : "",
        first_failure.c_str(), opt.clients, issue_s, issue_rate, is.p50, is.p99);
    long rss_after_tickets = hub.rss_kib();
    std::printf("hub RSS after %d tickets: %.1f MB\n", opt.tickets - failures.load(),
                rss_after_tickets / 1024.0);

    // 3. The raw durable SQLite single-insert rate on the same disk.
    int inserted = 0;
    double raw_rate = raw_sqlite_rate(opt.dir / "raw.db", 3.0, inserted);
    std::printf(
        "raw SQLite: %d single-row inserts (WAL, synchronous=FULL, one transaction each) = %.0f "
        "inserts/s\n",
        inserted, raw_rate);
    std::printf("ratio issue rate / raw rate: %.2f\n", issue_rate / raw_rate);

    // 4. call → ticket.called at M subscribers.
    // Subscribers connect a few at a time, as a hall's boards and pads do: cpp-httplib's
    // listen backlog is small, and a burst of 100 simultaneous connects overflows it
    // (dropped handshakes then wait for the kernel's SYN-ACK retries).
    std::vector<std::unique_ptr<net::EventStream>> streams;
    auto connect_start = SteadyClock::now();
    for (int i = 0; i < opt.subscribers; ++i) {
        net::StreamOptions so;
        so.base_url = hub.url();
        streams.push_back(std::make_unique<net::EventStream>(so));
        streams.back()->start();
        if (streams.size() % 4 == 0 || i + 1 == opt.subscribers) {
            auto batch_deadline = SteadyClock::now() + 10s;
            for (size_t k = streams.size() - std::min<size_t>(4, streams.size());
                 k < streams.size(); ++k)
                while (!streams[k]->online() && SteadyClock::now() < batch_deadline)
                    std::this_thread::sleep_for(1ms);
        }
    }
    double connect_s = ms(SteadyClock::now() - connect_start) / 1000.0;
    int online = static_cast<int>(
        std::count_if(streams.begin(), streams.end(), [](auto& s) { return s->online(); }));
    std::this_thread::sleep_for(200ms);
    for (auto& s : streams)
        while (s->poll()) {
        }  // drop anything replayed

    net::HubClient counter({hub.url(), counter_token});
    auto session = counter.create_session(1, "L001", "1234");
    if (!session) die("session: " + session.error().message);
    counter.set_token(session->session);
    std::map<std::string, SteadyClock::time_point> sent;      // number → when call-next was sent
    std::map<std::string, SteadyClock::time_point> answered;  // number → when its answer arrived
    std::vector<double> answer_ms;
    for (int i = 0; i < opt.calls; ++i) {
        auto t0 = SteadyClock::now();
        auto t = counter.call_next(1, new_uuid());
        answer_ms.push_back(ms(SteadyClock::now() - t0));
        if (!t || !t->has_value()) die("call-next failed at call " + std::to_string(i));
        sent[(*t)->number] = t0;
        answered[(*t)->number] = SteadyClock::now();
        std::this_thread::sleep_for(10ms);  // a hall's pace, compressed: calls do not overlap
    }
    std::vector<double> latency;
    std::vector<double> fan_out;  // arrival after the caller's answer: the broadcast's own cost
    size_t missing = 0;
    for (auto& s : streams) {
        size_t got = 0;
        auto until = SteadyClock::now() + 3s;
        while (got < sent.size() && SteadyClock::now() < until) {
            auto ev = s->wait(100ms);
            if (!ev || ev->name != "ticket.called") continue;
            auto it = sent.find(net::field_string(ev->data, "number"));
            if (it == sent.end()) continue;
            latency.push_back(ms(ev->received - it->second));
            fan_out.push_back(ms(ev->received - answered[it->first]));
            ++got;
        }
        missing += sent.size() - got;
    }
    long rss_after_events = hub.rss_kib();
    for (auto& s : streams) s->stop();
    Stats ls = stats(latency);
    Stats as = stats(answer_ms);
    Stats fs = stats(fan_out);
    std::printf("subscribers: %d of %d online after %.2f s (connecting 4 at a time)\n", online,
                opt.subscribers, connect_s);
    std::printf(
        "events: %d calls x %d subscribers (%d online): call -> ticket.called p50 %.2f ms, p99 "
        "%.2f ms, max "
        "%.2f ms; %zu missing; call-next answer p50 %.2f ms, p99 %.2f ms\n",
        opt.calls, opt.subscribers, online, ls.p50, ls.p99, ls.max, missing, as.p50, as.p99);
    std::printf(
        "fan-out: event arrival minus the call-next answer's arrival: p50 %.2f ms, p99 %.2f ms "
        "(negative: "
        "the event came first)\n",
        fs.p50, fs.p99);
    std::printf("hub RSS with %d subscribers after the calls: %.1f MB\n", opt.subscribers,
                rss_after_events / 1024.0);

    bool ok_rate = issue_rate >= 1000, ok_ratio = issue_rate / raw_rate >= 0.5,
         ok_p99 = ls.p99 <= 20 && missing == 0, ok_rss = rss_after_tickets / 1024.0 <= 50;
    std::printf(
        "targets: >=1000 tickets/s %s; >=0.5x raw %s; p99 <=20 ms with %d subscribers %s; <=50 MB "
        "RSS %s\n",
        ok_rate ? "MET" : "MISSED", ok_ratio ? "MET" : "MISSED", opt.subscribers,
        ok_p99 ? "MET" : "MISSED", ok_rss ? "MET" : "MISSED");
    hub.terminate();
    if (own_dir) std::filesystem::remove_all(opt.dir);
    return 0;
}

int main(int argc, char** argv) {
    return bench::guarded("hub-load", [&] { return run(argc, argv); });
}
