// The writer's group commit and failure handling, and the event bus, without HTTP.
#include <doctest/doctest.h>

#include <condition_variable>
#include <thread>

#include <sqlite3.h>

#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "onestop/store/event_codec.h"
#include "temp_dir.h"
#include "writer.h"

using namespace onestop;
using namespace onestop::hub;

namespace {

struct WriterFixture {
    WriterFixture() : clock(*parse_iso8601("2026-11-27T09:00:00+08:00")) {
        REQUIRE(set_time_zone("Asia/Shanghai").ok());
        auto loaded = config::load_hall(ONESTOP_TEST_HALL);
        REQUIRE(loaded.ok());
        hall = *loaded;
        open();
    }
    void open() {
        auto store = store::HubStore::open(dir / "w.db");
        REQUIRE(store.ok());
        auto state = load_state(**store, hall, clock, zone);
        REQUIRE(state.ok());
        bus = std::make_unique<EventBus>(*(*store)->last_event_id());
        writer = std::make_unique<Writer>(
            std::move(*store), std::move(*state), clock, *bus, mu,
            [this](store::HubStore& s) { return load_state(s, hall, clock, zone); });
    }
    int waiting(const std::string& service) {
        std::shared_lock lock(mu);
        return writer->state().engine.waiting_count(service);
    }

    test::TempDir dir;
    ManualClock clock;
    TimeZone zone = *TimeZone::named("Asia/Shanghai");
    queue::Hall hall;
    std::shared_mutex mu;
    std::unique_ptr<EventBus> bus;
    std::unique_ptr<Writer> writer;
};

// Issues a ticket and logs it as published event "ticket.issued".
Reply issue_command(WriteContext& ctx) {
    auto o = ctx.state.engine.issue("A", queue::Priority::Normal);
    if (!o) return engine_error_reply(o.error());
    const auto& t = *o->ticket;
    auto encoded = store::encode_event(o->events.front());
    if (!ctx.log(encoded.type, encoded.fields.dump(), "ticket.issued", {{"number", t.number}},
                 t.issued_at))
        return internal_error_reply();
    return json_reply(201, {{"number", t.number}});
}

}  // namespace

TEST_CASE("commands from many threads are all answered, each once, in one log order") {
    WriterFixture f;
    constexpr int kThreads = 8, kEach = 25;
    std::vector<std::thread> threads;
    std::mutex mu;
    std::set<std::string> numbers;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&] {
            for (int j = 0; j < kEach; ++j) {
                Reply r = f.writer->submit(issue_command);
                REQUIRE(r.status == 201);
                std::lock_guard lock(mu);
                numbers.insert(nlohmann::json::parse(r.body)["number"].get<std::string>());
            }
        });
    }
    for (auto& t : threads) t.join();
    CHECK(numbers.size() == kThreads * kEach);
    CHECK(f.waiting("A") == kThreads * kEach);
    auto batch = f.bus->wait_after(0, std::chrono::milliseconds(0));
    REQUIRE(batch.events.size() == kThreads * kEach);
    for (size_t i = 1; i < batch.events.size(); ++i)
        CHECK(batch.events[i].id > batch.events[i - 1].id);
}

TEST_CASE("a failed write answers 500, keeps nothing, and rebuilds the state from the database") {
    WriterFixture f;
    REQUIRE(f.writer->submit(issue_command).status == 201);
    Reply failed = f.writer->submit([](WriteContext& ctx) {
        auto o = ctx.state.engine.issue("A", queue::Priority::Normal);  // changes memory …
        REQUIRE(o.ok());
        return ctx.fail(make_error("database_error", "disk on fire"));  // … then the write fails
    });
    CHECK(failed.status == 500);
    CHECK(nlohmann::json::parse(failed.body)["error"]["code"] == "internal_error");
    CHECK(f.waiting("A") == 1);  // the failed ticket is gone from memory too
    Reply next = f.writer->submit(issue_command);
    CHECK(nlohmann::json::parse(next.body)["number"] == "A002");
    CHECK(f.bus->last_id() == 2);
}

// Holds the writer inside SQLite's commit until the test lets it go, then fails the
// commit (a commit hook that returns non-zero turns COMMIT into a rollback).
struct StalledCommit {
    std::mutex mu;
    std::condition_variable cv;
    bool inside = false, release = false, fail = false;

    static int hook(void* self) {
        auto* s = static_cast<StalledCommit*>(self);
        std::unique_lock lock(s->mu);
        s->inside = true;
        s->cv.notify_all();
        s->cv.wait(lock, [&] { return s->release; });
        return s->fail ? 1 : 0;
    }
};

TEST_CASE("readers never see a change whose commit then fails") {
    StalledCommit stall;  // outlives the writer that calls it
    stall.fail = true;
    WriterFixture f;
    REQUIRE(f.writer->submit(issue_command).status == 201);
    auto store = store::HubStore::open(f.dir / "w.db");  // the writer's own handle is private
    f.writer->stop();
    f.writer.reset();
    REQUIRE(store.ok());
    auto state = load_state(**store, f.hall, f.clock, f.zone);
    REQUIRE(state.ok());
    sqlite3_commit_hook((*store)->db().handle(), &StalledCommit::hook, &stall);
    f.writer = std::make_unique<Writer>(
        std::move(*store), std::move(*state), f.clock, *f.bus, f.mu,
        [&f](store::HubStore& s) { return load_state(s, f.hall, f.clock, f.zone); });

    Reply answer;
    std::thread submitter([&] { answer = f.writer->submit(issue_command); });
    {
        std::unique_lock lock(stall.mu);
        stall.cv.wait(lock, [&] { return stall.inside; });
    }
    // The commit is under way and will fail: its ticket must not be visible yet.
    bool could_read = f.mu.try_lock_shared();
    int seen = -1;
    if (could_read) {
        seen = f.writer->state().engine.waiting_count("A");
        f.mu.unlock_shared();
    }
    {
        std::lock_guard lock(stall.mu);
        stall.release = true;
    }
    stall.cv.notify_all();
    submitter.join();
    CHECK_FALSE(could_read);
    CHECK(seen != 2);
    CHECK(answer.status == 500);
    CHECK(f.waiting("A") == 1);
}

TEST_CASE("after stop, the database is closed and new commands are refused") {
    WriterFixture f;
    REQUIRE(f.writer->submit(issue_command).status == 201);
    f.writer->stop();
    CHECK(f.writer->submit(issue_command).status == 503);
    CHECK_FALSE(std::filesystem::exists(f.dir / "w.db-wal"));
}

TEST_CASE("the event bus serves recent events from memory and sends older cursors to the log") {
    EventBus bus(10, 3);  // ids up to 10 are only in the log; keep 3 in memory
    auto before = bus.wait_after(5, std::chrono::milliseconds(0));
    CHECK(before.from_log);
    bus.publish({{11, "a", "{}"}, {12, "b", "{}"}});
    auto recent = bus.wait_after(10, std::chrono::milliseconds(0));
    CHECK_FALSE(recent.from_log);
    REQUIRE(recent.events.size() == 2);
    CHECK(recent.events[0].id == 11);
    bus.publish({{14, "c", "{}"}, {15, "d", "{}"}});  // 11 falls out of memory
    CHECK(bus.floor() == 11);
    CHECK(bus.wait_after(10, std::chrono::milliseconds(0)).from_log);
    auto tail = bus.wait_after(12, std::chrono::milliseconds(0));
    REQUIRE(tail.events.size() == 2);
    CHECK(tail.events[0].id == 14);

    // A waiting stream wakes when an event comes.
    std::thread later([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        bus.publish({{16, "e", "{}"}});
    });
    auto woke = bus.wait_after(15, std::chrono::seconds(5));
    later.join();
    REQUIRE(woke.events.size() == 1);
    CHECK(woke.events[0].name == "e");
    bus.shutdown();
    CHECK(bus.wait_after(16, std::chrono::seconds(5)).events.empty());
}
