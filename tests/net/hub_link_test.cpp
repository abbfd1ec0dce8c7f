// The one hub link every device uses, against a real hub on loopback: its online state
// (known within about a second, also when the hub was never there), events, refreshes
// after a reconnect, jobs in order, and a request's failure showing at once; against a
// fake hub: events arrive parsed, an unknown name passes, a malformed event is dropped.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string_view>
#include <thread>
#include <variant>
#include <vector>

#include "fake_hub_server.h"
#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/net/hub_link.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::net;
using namespace std::chrono_literals;

namespace {

constexpr const char* kOfficeHours = "2026-11-25T10:00:00+08:00";  // a Wednesday, 10:00

// Stands in for a device's UI thread: the link posts here, the test runs what was posted.
class UiThread {
  public:
    void post(std::function<void()> fn) {
        {
            std::lock_guard lock(mu_);
            posted_.push_back(std::move(fn));
        }
        cv_.notify_all();
    }
    // Runs what was posted until `done` holds or `timeout` passes.
    bool run_until(const std::function<bool()>& done, std::chrono::milliseconds timeout = 10s) {
        const auto until = std::chrono::steady_clock::now() + timeout;
        for (;;) {
            if (done()) return true;
            std::unique_lock lock(mu_);
            if (!cv_.wait_until(lock, until, [&] { return !posted_.empty(); })) return done();
            auto fn = std::move(posted_.front());
            posted_.pop_front();
            lock.unlock();
            fn();
        }
    }

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> posted_;
};

// What the device saw, only touched on the "UI thread" (the test's).
struct Seen {
    std::vector<bool> online;
    std::vector<LinkEvent> events;
    bool saw(std::string_view name) const {
        return std::any_of(events.begin(), events.end(),
                           [&](const LinkEvent& e) { return event_name(e.event) == name; });
    }
};

struct Device {
    UiThread ui;
    Seen seen;
    std::atomic<int> refreshes{0};  // counted on the link's worker
    std::unique_ptr<HubLink> link;

    explicit Device(const std::string& url, std::chrono::milliseconds refresh_every = 30s) {
        LinkOptions o;
        o.client = ClientOptions{url, "", 300ms, 1000ms};
        o.refresh_every = refresh_every;
        o.retry_after = 300ms;
        o.probe_every = 300ms;
        o.reconnect_max = 300ms;
        LinkHandlers h;
        h.event = [this](LinkEvent e) { seen.events.push_back(std::move(e)); };
        h.online = [this](bool online) { seen.online.push_back(online); };
        link = std::make_unique<HubLink>(
            o, [this](std::function<void()> fn) { ui.post(std::move(fn)); }, h,
            [this](HubClient& c) {
                ++refreshes;
                return c.health().ok();
            });
    }
    bool last_online() const { return !seen.online.empty() && seen.online.back(); }
    bool last_offline() const { return !seen.online.empty() && !seen.online.back(); }
};

}  // namespace

TEST_CASE("a hub that was never there: offline is known within about a second") {
    test::TempDir dir;
    test::HubProcess hub({dir / "hall.db", kOfficeHours, "", {}});
    hub.start();
    const int port = hub.port();
    hub.terminate();  // the port is free again: nothing answers there

    Device d("http://127.0.0.1:" + std::to_string(port));
    const auto t0 = std::chrono::steady_clock::now();
    d.link->start();
    REQUIRE(d.ui.run_until([&] { return !d.seen.online.empty(); }, 5s));
    CHECK(d.seen.online == std::vector<bool>{false});
    CHECK(std::chrono::steady_clock::now() - t0 < 2s);
    CHECK_FALSE(d.link->online());
}

TEST_CASE("online without a flash, events, a refresh after each reconnect, jobs in order") {
    test::TempDir dir;
    test::HubProcess hub({dir / "hall.db", kOfficeHours, "", {}});
    hub.start();
    const std::string kiosk_token = hub.create_token("kiosk", "k1");

    Device d(hub.url());
    d.link->start();
    REQUIRE(d.ui.run_until([&] { return d.last_online(); }));
    CHECK(d.seen.online == std::vector<bool>{true});  // never "offline" while connecting
    REQUIRE(d.ui.run_until([&] { return d.refreshes >= 1; }));

    // An event reaches the UI thread.
    HubClient kiosk({hub.url(), kiosk_token});
    REQUIRE(kiosk.issue_ticket({"A", Priority::Normal, new_uuid(), {}, {}, {}}).ok());
    REQUIRE(d.ui.run_until([&] { return d.seen.saw(event_names::kTicketIssued); }));

    // Jobs run in the order submitted, on the worker, with the link's client.
    std::vector<int> order;
    std::vector<bool> answered;
    std::mutex order_mu;
    for (int i = 0; i < 5; ++i)
        d.link->submit([&, i](HubClient& c) {
            const bool ok = c.health().ok();
            std::lock_guard lock(order_mu);
            order.push_back(i);
            answered.push_back(ok);
        });
    auto jobs_done = [&] {
        std::lock_guard lock(order_mu);
        return order.size() == 5;
    };
    REQUIRE(d.ui.run_until(jobs_done, 5s));
    {
        std::lock_guard lock(order_mu);
        CHECK(order == std::vector<int>{0, 1, 2, 3, 4});
        CHECK(answered == std::vector<bool>(5, true));
    }

    // A request that found no hub shows offline at once; the next answer clears it.
    d.link->note(false);
    REQUIRE(d.ui.run_until([&] { return d.last_offline(); }, 2s));
    d.link->note(true);
    REQUIRE(d.ui.run_until([&] { return d.last_online(); }, 2s));

    // The hub dies: offline; back on the same port: online again and refreshed again.
    hub.kill9();
    REQUIRE(d.ui.run_until([&] { return d.last_offline(); }, 5s));
    const int before = d.refreshes;
    hub.start(hub.port());
    REQUIRE(d.ui.run_until([&] { return d.last_online(); }, 10s));
    REQUIRE(d.ui.run_until([&] { return d.refreshes > before; }, 5s));

    // stop() runs what was already submitted before it returns.
    std::atomic<bool> last_job_ran{false};
    d.link->submit([&](HubClient&) { last_job_ran = true; });
    d.link->stop();
    CHECK(last_job_ran);
}

TEST_CASE("refreshes repeat every refresh_every while online") {
    test::TempDir dir;
    test::HubProcess hub({dir / "hall.db", kOfficeHours, "", {}});
    hub.start();
    Device d(hub.url(), 200ms);
    d.link->start();
    REQUIRE(d.ui.run_until([&] { return d.last_online(); }));
    CHECK(d.ui.run_until([&] { return d.refreshes >= 4; }, 5s));
}

TEST_CASE("events arrive parsed with their ids; an unknown name passes, a malformed one does not") {
    test::FakeHubServer fake;
    fake.server().Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok"})", "application/json");
    });
    fake.server().Get("/api/v1/events", [&](const httplib::Request&, httplib::Response& res) {
        res.set_chunked_content_provider(
            "text/event-stream", [&fake](size_t, httplib::DataSink& sink) {
                const std::string out =
                    "id: 1\nevent: ticket.called\n"
                    "data: {\"ticket\":7,\"number\":\"A007\",\"window\":3}\n\n"
                    "id: 2\nevent: ticket.called\ndata: {\"ticket\":\"seven\"}\n\n"
                    "id: 3\nevent: window.renamed\ndata: {\"window\":3}\n\n"
                    "id: 4\nevent: window.paused\ndata: {\"window\":3,\"reason\":\"break\"}\n\n";
                sink.write(out.data(), out.size());
                while (!fake.stopping && sink.is_writable()) std::this_thread::sleep_for(20ms);
                return false;
            });
    });
    fake.start();

    Device d(fake.url());
    d.link->start();
    REQUIRE(d.ui.run_until([&] { return d.seen.saw(event_names::kWindowPaused); }));
    REQUIRE(d.seen.events.size() == 3);
    CHECK(d.seen.events[0].id == "1");
    const auto* called = std::get_if<TicketCalled>(&d.seen.events[0].event);
    REQUIRE(called);
    CHECK(called->number == "A007");
    CHECK(called->window == 3);
    // A newer hub's event passes as it came (the board still counts its id).
    CHECK(d.seen.events[1].id == "3");
    CHECK(d.seen.events[1].event == Event{UnknownEvent{"window.renamed", Json{{"window", 3}}}});
    CHECK(d.seen.events[2].id == "4");
    CHECK(d.seen.events[2].event == Event{WindowPaused{3, "break", ""}});
    d.link->stop();
}
