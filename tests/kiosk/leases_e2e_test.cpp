// End-to-end: offline numbers printed from blocks the hub's database does not know (it
// was restored from an older copy, or the kiosk moved to another hall) arrive at the hub
// exactly once, adopted or renumbered, and the kiosk drops those blocks.

#include <doctest/doctest.h>

#include <sqlite3.h>

#include <algorithm>
#include <map>
#include <set>

#include "kiosk_harness.h"
#include "onestop/config/catalogue.h"
#include "outbox.h"

using namespace kiosk_test;
using onestop::config::Lang;
using onestop::kiosk::KioskState;
using onestop::kiosk::LeaseBlock;

namespace {

const char* kTranscripts = "成绩单打印与认证";  // service A in the test hall

std::string zh(const char* key) {
    static auto cat = onestop::config::Catalogue::load_asset("kiosk");
    return cat->text(key, Lang::Zh);
}

std::string take_number() {
    return std::string("tap-text ") + kTranscripts + "\ntap-text " + zh("take_number") + "\n" +
           "expect " + zh("your_number") + " 5000\n";
}

std::vector<onestop::kiosk::HeldLease> held_by_kiosk(const fs::path& state) {
    auto st = KioskState::open(state);
    REQUIRE_MESSAGE(st.ok(), st.error().message);
    return st->leases().value();
}

bool kiosk_holds(const fs::path& state, const std::string& service) {
    auto held = held_by_kiosk(state);
    return std::any_of(held.begin(), held.end(),
                       [&](const auto& l) { return l.block.service == service; });
}

int64_t outbox_pending(const fs::path& state) {
    auto st = KioskState::open(state);
    REQUIRE(st.ok());
    return st->pending_count().value();
}

// Every ticket of the hub's database (ids count from 1), read with an admin token.
std::vector<onestop::net::Ticket> hub_tickets(const Hall& hall) {
    auto admin = hall.client(hall.admin_token);
    std::vector<onestop::net::Ticket> out;
    for (int64_t id = 1;; ++id) {
        auto t = admin.get_ticket(id, "");
        if (!t) break;
        out.push_back(*t);
    }
    return out;
}

// The device alerts in the hub's database: kind → messages.
std::multimap<std::string, std::string> hub_alerts(const fs::path& db_file) {
    std::multimap<std::string, std::string> out;
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(db_file.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    sqlite3_stmt* st = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT kind, message FROM alerts ORDER BY id", -1, &st,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW)
        out.emplace(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)),
                    reinterpret_cast<const char*>(sqlite3_column_text(st, 1)));
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
}

std::string hub_id(const Hall& hall) {
    auto health = hall.client("").health();
    REQUIRE(health.ok());
    return health->hub_id;
}

// Runs the kiosk on `state` until the hub holds `tickets` tickets and the kiosk's outbox
// is empty (each run connects, replays, and leaves after a moment); at most five runs.
void settle(const Hall& hall, const fs::path& work, const fs::path& state, const std::string& token,
            size_t tickets) {
    for (int run = 0; run < 5; ++run) {
        if (hub_tickets(hall).size() >= tickets && outbox_pending(state) == 0) return;
        KioskRun again;
        again.state = state;
        again.script = std::string("expect ") + kTranscripts + " 10000\nwait 1500\n";
        REQUIRE(run_kiosk(hall, work / ("settle-" + std::to_string(run)), again, token) == 0);
    }
}

// Whether the kiosk holds only blocks the hub lists for it.
void check_blocks_known(const Hall& hall, const fs::path& state, const std::string& token) {
    auto listed = hall.client(token).held_leases();
    REQUIRE(listed.ok());
    CHECK(listed->hub_id == hub_id(hall));
    auto held = held_by_kiosk(state);
    CHECK_FALSE(held.empty());
    for (const auto& h : held) {
        CAPTURE(h.block.service);
        CAPTURE(h.block.first);
        CHECK(h.hub_id == listed->hub_id);
        bool known = std::any_of(listed->leases.begin(), listed->leases.end(), [&](const auto& l) {
            return LeaseBlock{l.service, l.service_day, l.first, l.count} == h.block;
        });
        CHECK(known);
    }
}

bool mentions(const std::multimap<std::string, std::string>& alerts, const std::string& kind,
              const std::string& a, const std::string& b) {
    auto [from, to] = alerts.equal_range(kind);
    return std::any_of(from, to, [&](const auto& e) {
        return e.second.find(a) != std::string::npos && e.second.find(b) != std::string::npos;
    });
}

}  // namespace

TEST_CASE(
    "e2e: hub database restored from an older copy under a running kiosk — offline numbers arrive "
    "once") {
    Hall hall;
    std::string other_kiosk = hall.hub.create_token("kiosk", "second kiosk");
    // The older copy, made before the kiosk leased anything (a clean stop leaves it whole).
    int port = hall.hub.port();
    fs::path db = hall.hub.options().db;
    REQUIRE(hall.hub.terminate() == 0);
    fs::copy_file(db, hall.dir / "older-copy.db");
    hall.hub.start(port);
    std::string identity = hub_id(hall);

    fs::path work = hall.dir / "restore";
    fs::path state = work / "kiosk-state.db";
    KioskRun run;
    run.script = std::string("expect ") + kTranscripts + " 10000\n" + "shot " +
                 (work / "up.png").string() + "\n" + "expect " + zh("offline_mark") + " 20000\n" +
                 take_number() + "expect " + zh("offline_ticket") + "\ntap-text " + zh("done") +
                 "\n" + take_number() + "tap-text " + zh("done") + "\n" + take_number() + "shot " +
                 (work / "third.png").string() + "\ntap-text " + zh("done") + "\n" +
                 "expect-gone " + zh("offline_mark") + " 30000\n" + "wait 1500\n";
    int status = -1;
    std::thread kiosk([&] { status = run_kiosk(hall, work, run, hall.kiosk_token); });

    // The kiosk leased its blocks from the current database; then the hub goes down and
    // the older copy is put in its place.
    bool leased = wait_until([&] { return fs::exists(work / "up.png") && kiosk_holds(state, "A"); },
                             std::chrono::seconds(30));
    if (leased) {
        hall.hub.kill9();
        for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(db.string() + suffix);
        fs::copy_file(hall.dir / "older-copy.db", db);
    }
    // Three numbers from the block the restored database never leased: A980, A981, A982.
    bool issued = leased && wait_until([&] { return fs::exists(work / "third.png"); },
                                       std::chrono::seconds(40));
    if (issued) {
        // Meanwhile another kiosk leases A981–A999 from the restored database.
        hall.hub.start(0);
        auto lease = hall.client(other_kiosk).take_lease("A", 19);
        REQUIRE(lease.ok());
        CHECK(lease->first == 981);
        REQUIRE(hall.hub.terminate() == 0);
    }
    if (leased) hall.hub.start(port);
    kiosk.join();
    REQUIRE(leased);
    REQUIRE(issued);
    REQUIRE(status == 0);
    CHECK(hub_id(hall) == identity);  // a copy of the same database: the same identity

    settle(hall, work, state, hall.kiosk_token, 3);
    // Each offline ticket once: A980 was free and kept; A981 and A982 were the other
    // kiosk's, so they got the day's next numbers, and the office was told.
    auto tickets = hub_tickets(hall);
    std::set<std::string> numbers;
    for (const auto& t : tickets) numbers.insert(t.number);
    CHECK(tickets.size() == 3);
    CHECK(numbers == std::set<std::string>{"A980", "A001", "A002"});
    auto alerts = hub_alerts(db);
    CHECK(alerts.count("ticket_renumbered") == 2);
    CHECK(mentions(alerts, "ticket_renumbered", "A981", "A001"));
    CHECK(mentions(alerts, "ticket_renumbered", "A982", "A002"));
    // The kiosk dropped the block the restored database forgot and leased afresh.
    check_blocks_known(hall, state, hall.kiosk_token);
    for (const auto& h : held_by_kiosk(state))
        if (h.block.service == "A")
            CHECK(h.block.first == 960);  // below the other kiosk's and A980

    // Once more on the same state file: nothing is sent twice.
    KioskRun again;
    again.state = state;
    again.script = std::string("expect ") + kTranscripts + " 10000\nwait 1500\n";
    REQUIRE(run_kiosk(hall, work / "again", again, hall.kiosk_token) == 0);
    CHECK(hub_tickets(hall).size() == 3);
    CHECK(hub_alerts(db).count("ticket_renumbered") == 2);
}

TEST_CASE(
    "e2e: kiosk moved to another hall — its offline numbers arrive there once, its blocks are "
    "dropped") {
    Hall first_hall;
    fs::path work = first_hall.dir / "moved";
    fs::path state = work / "kiosk-state.db";
    KioskRun before;
    before.script = std::string("expect ") + kTranscripts + " 10000\n" + "shot " +
                    (work / "up.png").string() + "\n" + "expect " + zh("offline_mark") +
                    " 20000\n" + take_number() + "tap-text " + zh("done") + "\n" + take_number() +
                    "tap-text " + zh("done") + "\n";
    int status = -1;
    std::thread kiosk(
        [&] { status = run_kiosk(first_hall, work, before, first_hall.kiosk_token); });
    bool leased = wait_until([&] { return fs::exists(work / "up.png") && kiosk_holds(state, "A"); },
                             std::chrono::seconds(30));
    if (leased) first_hall.hub.kill9();  // A980 and A981 are printed offline
    kiosk.join();
    REQUIRE(leased);
    REQUIRE(status == 0);
    std::string first_identity;
    for (const auto& h : held_by_kiosk(state)) first_identity = h.hub_id;

    // Another hall: another database, where a kiosk of its own holds A981–A999.
    Hall second_hall;
    CHECK(hub_id(second_hall) != first_identity);
    std::string resident = second_hall.hub.create_token("kiosk", "resident kiosk");
    auto lease = second_hall.client(resident).take_lease("A", 19);
    REQUIRE(lease.ok());
    CHECK(lease->first == 981);
    onestop::net::IssueRequest at_the_counter;
    at_the_counter.service = "A";
    at_the_counter.request_id = "online-1";
    auto online = second_hall.client(resident).issue_ticket(at_the_counter);
    REQUIRE(online.ok());
    CHECK(online->number == "A001");

    // The kiosk, set up with the new hall's address and token, keeps its state file.
    settle(second_hall, work, state, second_hall.kiosk_token, 3);
    auto tickets = hub_tickets(second_hall);
    std::set<std::string> numbers;
    for (const auto& t : tickets) numbers.insert(t.number);
    CHECK(tickets.size() == 3);
    CHECK(numbers == std::set<std::string>{"A001", "A980", "A002"});
    auto alerts = hub_alerts(second_hall.hub.options().db);
    CHECK(alerts.count("ticket_renumbered") == 1);
    CHECK(mentions(alerts, "ticket_renumbered", "A981", "A002"));
    check_blocks_known(second_hall, state, second_hall.kiosk_token);
    for (const auto& h : held_by_kiosk(state)) CHECK(h.hub_id != first_identity);
}
