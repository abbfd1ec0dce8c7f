// onestop-hub backup and restore: a backup taken while kiosks issue tickets holds every
// ticket answered before it began; restore refuses while a hub serves the database (and a
// second hub is refused too); rotation keeps --keep; damaged or foreign files are refused.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <mutex>
#include <regex>
#include <thread>

#include "hub_fixture.h"

using namespace onestop::test;
namespace fs = std::filesystem;

namespace {

std::string first_line(const std::string& text) {
    return text.substr(0, text.find('\n'));
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("a backup taken while tickets are issued restores with every ticket answered before") {
    HubFixture f;
    std::mutex mu;
    std::vector<int64_t> answered;  // ids of tickets answered 201, in order
    std::atomic<bool> stop{false};
    std::atomic<int> failures{0};
    std::thread kiosk([&] {
        for (int i = 0; !stop; ++i) {
            Answer a = f.post("/api/v1/tickets",
                              {{"service", i % 2 ? "A" : "B"},
                               {"priority", false},
                               {"request_id", "load-" + std::to_string(i)}},
                              f.kiosk);
            if (a.status != 201) {
                ++failures;
                continue;
            }
            std::lock_guard lock(mu);
            answered.push_back(a.body["ticket"]["id"]);
        }
    });
    auto count = [&] {
        std::lock_guard lock(mu);
        return answered.size();
    };
    while (count() < 30) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::vector<int64_t> before;
    {
        std::lock_guard lock(mu);
        before = answered;
    }
    const fs::path dir = f.dir / "backups";
    RunResult backup =
        hub_cli({"backup", "--db", f.hub.options().db.string(), "--to", dir.string()});
    while (count() < before.size() + 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    stop = true;
    kiosk.join();
    INFO("backup: " << backup.err);
    REQUIRE(backup.status == 0);
    CHECK(failures == 0);
    const fs::path file = first_line(backup.out);
    CHECK(file.parent_path() == dir);
    CHECK(std::regex_match(file.filename().string(), std::regex(R"(hub-\d{8}T\d{6}Z\.db)")));
    CHECK_FALSE(fs::exists(file.string() + ".partial"));

    // Put back in place of a fresh database path and served: every ticket answered before
    // the backup began is there; it stopped somewhere in the load, not after all of it.
    f.hub.terminate();
    const fs::path restored = f.dir / "restored.db";
    RunResult put_back = hub_cli({"restore", "--from", file.string(), "--db", restored.string()});
    INFO("restore: " << put_back.err);
    REQUIRE(put_back.status == 0);
    CHECK(contains(put_back.out, "restored from"));
    HubProcess again(HubOptions{restored, kTestNow, ONESTOP_TEST_HALL, {}});
    again.start();
    httplib::Client c("127.0.0.1", again.port());
    httplib::Headers admin{{"Authorization", "Bearer " + f.admin}};
    size_t found = 0;
    for (int64_t id : before) {
        auto r = c.Get("/api/v1/tickets/" + std::to_string(id), admin);
        found += r && r->status == 200;
    }
    CHECK(found == before.size());
    auto last = c.Get("/api/v1/tickets/" + std::to_string(answered.back()), admin);
    REQUIRE(last);
    CHECK(last->status == 404);
}

TEST_CASE("restore refuses while a hub serves the database; one hub a database") {
    HubFixture f;
    f.issue("A");
    const std::string db = f.hub.options().db.string();
    const fs::path dir = f.dir / "backups";
    RunResult backup = hub_cli({"backup", "--db", db, "--to", dir.string()});
    REQUIRE(backup.status == 0);
    const std::string file = first_line(backup.out);

    RunResult refused = hub_cli({"restore", "--from", file, "--db", db});
    CHECK(refused.status == 1);
    CHECK(contains(refused.err, "another onestop-hub is serving or restoring " + db));
    RunResult second = hub_cli({"serve", "--db", db, "--listen", "127.0.0.1:0"});
    CHECK(second.status == 1);
    CHECK(contains(second.err, "another onestop-hub"));
    CHECK(f.get("/api/v1/queue").status == 200);  // the first one serves on

    // Stopped, the hub's database is replaced and the one it had is kept beside it.
    f.issue("A");  // in the live database only
    f.hub.terminate();
    RunResult done = hub_cli({"restore", "--from", file, "--db", db});
    INFO(done.err);
    REQUIRE(done.status == 0);
    std::smatch kept;
    REQUIRE(std::regex_search(done.out, kept, std::regex(R"(kept as (\S+before-restore\S+\.db))")));
    CHECK(fs::exists(kept[1].str()));
    f.hub.start();
    const json services = f.get("/api/v1/queue").body["services"];
    auto a = std::find_if(services.begin(), services.end(),
                          [](const json& s) { return s["code"] == "A"; });
    REQUIRE(a != services.end());
    CHECK((*a)["waiting"] == 1);  // the backup's one, not the later one
}

TEST_CASE("backups rotate by --keep; damaged, foreign and missing files are refused") {
    HubFixture f;
    const std::string db = f.hub.options().db.string();
    const fs::path dir = f.dir / "backups";
    fs::create_directories(dir);
    std::ofstream(dir / "notes.txt") << "not a backup\n";
    std::vector<std::string> made;
    for (int i = 0; i < 3; ++i) {
        RunResult r = hub_cli({"backup", "--db", db, "--to", dir.string(), "--keep", "2"});
        REQUIRE(r.status == 0);
        made.push_back(first_line(r.out));
    }
    CHECK(made[0] != made[1]);  // a second backup within the same second gets its own name
    CHECK_FALSE(fs::exists(made[0]));
    CHECK(fs::exists(made[1]));
    CHECK(fs::exists(made[2]));
    CHECK(fs::exists(dir / "notes.txt"));  // not one of ours: left alone

    f.hub.terminate();
    const std::string target = (f.dir / "other.db").string();
    RunResult text = hub_cli({"restore", "--from", (dir / "notes.txt").string(), "--db", target});
    CHECK(text.status == 1);
    CHECK(contains(text.err, "cannot restore"));
    // Cut in half: refused before anything is touched.
    const fs::path half = dir / "half.db";
    fs::copy_file(made[2], half);
    fs::resize_file(half, fs::file_size(half) / 2);
    RunResult damaged = hub_cli({"restore", "--from", half.string(), "--db", target});
    CHECK(damaged.status == 1);
    CHECK_FALSE(fs::exists(target));
    CHECK(hub_cli({"restore", "--from", (dir / "none.db").string(), "--db", target}).status == 1);
    RunResult missing =
        hub_cli({"backup", "--db", (f.dir / "typo.db").string(), "--to", dir.string()});
    CHECK(missing.status == 1);
    CHECK(contains(missing.err, "no database at"));
    CHECK(hub_cli({"backup", "--db", db}).status == 2);  // --to is required
    CHECK(hub_cli({"backup", "--db", db, "--to", dir.string(), "--keep", "0"}).status == 2);
}
