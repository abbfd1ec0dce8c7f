#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

#include "fake_hub_server.h"
#include "onestop/net/event_stream.h"

using namespace std::chrono_literals;
using onestop::net::EventStream;
using onestop::net::LinkState;
using onestop::net::StreamOptions;
using onestop::test::FakeHubServer;

namespace {

// Polls `pred` until true or the deadline passes.
template <typename Pred>
bool eventually(Pred pred, std::chrono::milliseconds within = 5000ms) {
    auto deadline = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < deadline) {
        if (pred()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return pred();
}

std::string event_text(int id) {
    return "id: " + std::to_string(id) +
           "\nevent: ticket.called\ndata: {\"ticket\":" + std::to_string(id) + ",\"number\":\"A" +
           std::to_string(100 + id) + "\",\"window\":3}\n\n";
}

}  // namespace

TEST_CASE("events arrive in order; after a drop the stream reconnects with Last-Event-ID") {
    FakeHubServer fake;
    std::mutex mu;
    std::vector<std::string> resume_headers;
    std::atomic<int> connections{0};
    fake.server().Get("/api/v1/events", [&](const httplib::Request& req, httplib::Response& res) {
        int first = 1;
        {
            std::lock_guard lock(mu);
            resume_headers.push_back(req.get_header_value("Last-Event-ID"));
            if (!resume_headers.back().empty()) first = std::stoi(resume_headers.back()) + 1;
        }
        ++connections;
        // The first connection sends events 1 and 2 and then closes; later ones continue
        // from the resume point and stay open.
        res.set_chunked_content_provider(
            "text/event-stream",
            [&fake, first, n = connections.load()](size_t, httplib::DataSink& sink) {
                std::string out = ": ping\n";
                for (int id = first; id < first + 2; ++id) out += event_text(id);
                sink.write(out.data(), out.size());
                if (n == 1) {
                    sink.done();
                    return true;
                }
                while (!fake.stopping && sink.is_writable()) std::this_thread::sleep_for(20ms);
                return false;
            });
    });
    fake.start();

    std::atomic<int> went_online{0};
    StreamOptions opt;
    opt.base_url = fake.url();
    opt.backoff_min = 50ms;
    opt.on_state = [&](LinkState s) {
        if (s == LinkState::Online) ++went_online;
    };
    EventStream stream(opt);
    stream.start();

    std::vector<std::string> ids;
    REQUIRE(eventually([&] {
        while (auto ev = stream.poll()) {
            CHECK(ev->name == "ticket.called");
            CHECK(ev->data["window"] == 3);
            ids.push_back(ev->id);
        }
        return ids.size() >= 4;
    }));
    CHECK(ids == std::vector<std::string>{"1", "2", "3", "4"});
    CHECK(stream.online());
    CHECK(went_online.load() == 2);
    CHECK(stream.connects() == 2);
    {
        std::lock_guard lock(mu);
        REQUIRE(resume_headers.size() >= 2);
        CHECK(resume_headers[0].empty());
        CHECK(resume_headers[1] == "2");
    }
    auto t0 = std::chrono::steady_clock::now();
    stream.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 1000ms);
    CHECK_FALSE(stream.online());
}

TEST_CASE("a silent link is declared dropped by the watchdog and reconnected") {
    FakeHubServer fake;
    std::atomic<int> connections{0};
    fake.server().Get("/api/v1/events", [&](const httplib::Request&, httplib::Response& res) {
        ++connections;
        res.set_chunked_content_provider("text/event-stream",
                                         [&fake](size_t, httplib::DataSink& sink) {
                                             // Headers went out; then nothing at all, as when a
                                             // cable is pulled.
                                             while (!fake.stopping && sink.is_writable())
                                                 std::this_thread::sleep_for(20ms);
                                             return false;
                                         });
    });
    fake.start();

    std::atomic<int> offline_after_online{0};
    StreamOptions opt;
    opt.base_url = fake.url();
    opt.idle_timeout = 400ms;
    opt.backoff_min = 50ms;
    opt.on_state = [&](LinkState s) {
        if (s == LinkState::Offline) ++offline_after_online;
    };
    EventStream stream(opt);
    stream.start();
    REQUIRE(eventually([&] { return stream.online(); }));
    REQUIRE(eventually([&] { return offline_after_online.load() >= 1; }, 3000ms));
    REQUIRE(eventually([&] { return connections.load() >= 2 && stream.online(); }, 3000ms));
    stream.stop();
}

TEST_CASE("with no hub the stream stays offline, backs off, and still stops promptly") {
    int closed_port;
    {
        FakeHubServer gone;
        gone.start();
        closed_port = gone.port();
    }
    StreamOptions opt;
    opt.base_url = "http://127.0.0.1:" + std::to_string(closed_port);
    opt.backoff_min = 100ms;
    opt.backoff_max = 10000ms;
    EventStream stream(opt);
    stream.start();
    std::this_thread::sleep_for(
        300ms);  // under test: 300 ms of refused tries, then a back-off to cut short
    CHECK_FALSE(stream.online());
    CHECK_FALSE(stream.poll().has_value());
    auto t0 = std::chrono::steady_clock::now();
    stream.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < 500ms);
}

TEST_CASE("a hub that refuses the stream (HTTP 401) never shows as online") {
    FakeHubServer fake;
    std::atomic<int> tries{0};
    fake.server().Get("/api/v1/events", [&](const httplib::Request&, httplib::Response& res) {
        ++tries;
        res.status = 401;
        res.set_content(R"({"error":{"code":"unauthorized","message":"bad token"}})",
                        "application/json");
    });
    fake.start();
    StreamOptions opt;
    opt.base_url = fake.url();
    opt.backoff_min = 20ms;
    EventStream stream(opt);
    stream.start();
    REQUIRE(eventually([&] { return tries.load() >= 2; }));
    CHECK_FALSE(stream.online());
    CHECK(stream.connects() == 0);
    CHECK_FALSE(stream.poll().has_value());
    stream.stop();
}

TEST_CASE("after a working connection the stream waits the server's retry: before reconnecting") {
    FakeHubServer fake;
    std::mutex mu;
    std::vector<std::chrono::steady_clock::time_point> connected_at;
    fake.server().Get("/api/v1/events", [&](const httplib::Request&, httplib::Response& res) {
        {
            std::lock_guard lock(mu);
            connected_at.push_back(std::chrono::steady_clock::now());
        }
        res.set_chunked_content_provider("text/event-stream", [](size_t, httplib::DataSink& sink) {
            std::string out = "retry: 400\n\n" + event_text(1);
            sink.write(out.data(), out.size());
            sink.done();
            return true;
        });
    });
    fake.start();
    StreamOptions opt;
    opt.base_url = fake.url();
    opt.backoff_min = 20ms;
    EventStream stream(opt);
    stream.start();
    REQUIRE(eventually([&] {
        std::lock_guard lock(mu);
        return connected_at.size() >= 2;
    }));
    stream.stop();
    std::lock_guard lock(mu);
    CHECK(connected_at[1] - connected_at[0] >= 380ms);
}
