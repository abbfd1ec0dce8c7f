// Exactly-once calls under concurrency, durability across kill -9, graceful SIGTERM.
#include <doctest/doctest.h>

#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "hub_fixture.h"
#include "onestop/base/ids.h"

using namespace onestop::test;

TEST_CASE("two windows pressing call-next at the same instant never get the same ticket") {
    HubFixture f;
    std::string w1 = f.login(1);
    std::string w2 = f.login(2);
    constexpr int kRounds = 8;
    constexpr int kTickets = 25;
    for (int round = 0; round < kRounds; ++round) {
        std::set<int> issued;
        for (int i = 0; i < kTickets; ++i) issued.insert(f.issue("A")["id"].get<int>());
        std::vector<int> got[2];
        std::atomic<bool> go{false};
        auto caller = [&](int window, const std::string& session, std::vector<int>& out) {
            auto c = f.client();
            httplib::Headers h = {{"Authorization", "Bearer " + session}};
            while (!go) std::this_thread::yield();
            for (;;) {
                auto r = c.Post("/api/v1/windows/" + std::to_string(window) + "/call-next", h, "",
                                "application/json");
                REQUIRE(r);
                if (r->status == 204) break;
                REQUIRE(r->status == 200);
                out.push_back(json::parse(r->body)["ticket"]["id"].get<int>());
            }
        };
        std::thread a(caller, 1, w1, std::ref(got[0]));
        std::thread b(caller, 2, w2, std::ref(got[1]));
        go = true;
        a.join();
        b.join();
        std::multiset<int> all(got[0].begin(), got[0].end());
        all.insert(got[1].begin(), got[1].end());
        CHECK(all.size() == issued.size());
        CHECK(std::set<int>(all.begin(), all.end()) == issued);  // each exactly once
    }
    // Both windows called, and the calls metric agrees with what was answered.
    Answer m = f.get("/metrics");
    CHECK(m.text.find("onestop_calls_total " + std::to_string(kRounds * kTickets) + "\n") !=
          std::string::npos);
}

TEST_CASE("kill -9 right after 201s loses no answered ticket; numbering continues without reuse") {
    HubFixture f;
    struct Issued {
        int id;
        std::string number, code;
    };
    std::mutex mu;
    std::vector<Issued> answered;
    std::atomic<bool> stop{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t) {
        threads.emplace_back([&] {
            auto c = f.client();
            httplib::Headers h = {{"Authorization", "Bearer " + f.kiosk}};
            while (!stop) {
                json body = {{"service", "A"}, {"request_id", onestop::new_uuid()}};
                auto r = c.Post("/api/v1/tickets", h, body.dump(), "application/json");
                if (!r) break;  // the hub is gone
                if (r->status != 201) continue;
                json t = json::parse(r->body)["ticket"];
                std::lock_guard lock(mu);
                answered.push_back({t["id"].get<int>(), t["number"], t["code"]});
            }
        });
    }
    // Kill while the kiosks are still issuing.
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    for (;;) {
        {
            std::lock_guard lock(mu);
            if (answered.size() >= 300) break;
        }
        REQUIRE(std::chrono::steady_clock::now() < deadline);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    f.hub.kill9();
    stop = true;
    for (auto& t : threads) t.join();
    int port = f.hub.port();
    f.hub.start(port);

    std::set<std::string> numbers;
    int max_seq = 0;
    for (const auto& t : answered) {
        Answer a = f.get("/api/v1/tickets/" + std::to_string(t.id) + "?code=" + t.code);
        REQUIRE_MESSAGE(a.status == 200, "ticket ", t.number, " lost after kill -9");
        CHECK(a.body["ticket"]["number"] == t.number);
        CHECK(numbers.insert(t.number).second);  // never two tickets with one number
        max_seq = std::max(max_seq, std::stoi(t.number.substr(1)));
    }
    json next = f.issue("A");
    int next_seq = std::stoi(next["number"].get<std::string>().substr(1));
    CHECK(next_seq > max_seq);
    CHECK(numbers.count(next["number"]) == 0);
}

TEST_CASE("SIGTERM: requests in flight finish, the database closes, exit status 0") {
    HubFixture f;
    f.issue("A");
    SseReader stream(f.hub.url());
    REQUIRE(stream.wait_for([&](const auto&) { return stream.status() == 200; }));
    std::atomic<int> ok{0};
    std::thread kiosk([&] {
        auto c = f.client();
        httplib::Headers h = {{"Authorization", "Bearer " + f.kiosk}};
        for (int i = 0; i < 50; ++i) {
            auto r = c.Post("/api/v1/tickets", h,
                            json({{"service", "A"}, {"request_id", onestop::new_uuid()}}).dump(),
                            "application/json");
            if (!r) break;
            if (r->status == 201) ++ok;
        }
    });
    while (ok < 5) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    auto started = std::chrono::steady_clock::now();
    CHECK(f.hub.terminate() == 0);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(8));
    kiosk.join();
    // A clean close leaves no write-ahead log behind.
    CHECK_FALSE(std::filesystem::exists(f.dir / "hub.db-wal"));
    f.hub.start();
    Answer q = f.get("/api/v1/queue");
    CHECK(q.body["services"][0]["waiting"] == 1 + ok.load());
}

TEST_CASE(
    "the command line: --help, --version, bad arguments, token create prints only the token") {
    auto help = run_program({bin_path("onestop-hub"), "--help"});
    CHECK(help.status == 0);
    CHECK(help.out.find("token create") != std::string::npos);
    auto version = run_program({bin_path("onestop-hub"), "--version"});
    CHECK(version.status == 0);
    CHECK(version.out.find("onestop-hub") != std::string::npos);
    CHECK(run_program({bin_path("onestop-hub"), "--bogus", "1"}).status != 0);
    TempDir dir;
    std::string db = (dir / "cli.db").string();
    REQUIRE(run_program({bin_path("onestop-hub"), "init", "--db", db, "--hall", ONESTOP_TEST_HALL})
                .status == 0);
    auto token = run_program(
        {bin_path("onestop-hub"), "token", "create", "--db", db, "--role", "kiosk", "--name", "k"});
    CHECK(token.status == 0);
    CHECK(token.out.size() == 65);  // 64 hex characters and a newline
    CHECK(run_program({bin_path("onestop-hub"), "token", "create", "--db", db, "--role", "pad",
                       "--name", "p"})
              .status != 0);
    CHECK(run_program({bin_path("onestop-hub"), "token", "create", "--db", db, "--role", "root",
                       "--name", "p"})
              .status != 0);
    CHECK(run_program({bin_path("onestop-hub"), "staff", "add", "--db", db, "--number", "S9",
                       "--name", "王五", "--unit", "NOPE", "--pin", "1234"})
              .status != 0);
}
