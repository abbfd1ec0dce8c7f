// The client side against the real hub on loopback: every typed helper parses what the
// hub really sends, and the event stream resumes without gaps across a hub restart.
#include <doctest/doctest.h>

#include <chrono>
#include <set>
#include <thread>

#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::net;
using namespace std::chrono_literals;

namespace {

constexpr const char* kOfficeHours = "2026-11-25T10:00:00+08:00";  // a Wednesday, 10:00

// The value of a successful result (a copy: the Result is usually a temporary).
template <typename T>
T ok(const Result<T>& r) {
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string() : r.error().code + ": " + r.error().message));
    return r.value();
}

}  // namespace

TEST_CASE("typed helpers against the real hub") {
    test::TempDir dir;
    test::HubProcess hub({dir / "hall.db", kOfficeHours, "", {}});
    hub.start();
    std::string kiosk_token = hub.create_token("kiosk", "k1");
    std::string counter_token = hub.create_token("counter", "c1");
    std::string pad_token = hub.create_token("pad", "p1", 1);
    std::string admin_token = hub.create_token("admin", "office");
    hub.add_staff("S001", "王丽", "JWC", "1234");

    HubClient anyone({hub.url(), ""});
    CHECK(ok(anyone.health()).status == "ok");

    auto services = ok(anyone.services());
    REQUIRE(services.size() >= 12);
    CHECK(services[0].code == "A");
    CHECK_FALSE(services[0].name.zh.empty());
    CHECK_FALSE(services[0].name.en.empty());
    CHECK(services[0].open);

    // Issue: 201, then the same request_id answers the same ticket.
    HubClient kiosk({hub.url(), kiosk_token});
    IssueRequest req{"A", Priority::Normal, new_uuid(), {}, {}, {}};
    Ticket t = ok(kiosk.issue_ticket(req));
    CHECK(t.number == "A001");
    CHECK(t.status == "waiting");
    CHECK_FALSE(t.code.empty());
    Ticket again = ok(kiosk.issue_ticket(req));
    CHECK(again.id == t.id);
    Ticket green = ok(kiosk.issue_ticket({"A", Priority::Green, new_uuid(), {}, {}, {}}));
    CHECK(green.priority);

    Ticket looked_up = ok(anyone.get_ticket(t.id, t.code));
    CHECK(looked_up.number == "A001");
    CHECK(looked_up.estimated_wait_min.has_value());
    auto wrong_code = anyone.get_ticket(t.id, "not-the-code");
    REQUIRE_FALSE(wrong_code.ok());
    CHECK_FALSE(wrong_code.error().code.empty());

    // A wrong PIN is the hub's error code, not a transport failure.
    HubClient counter({hub.url(), counter_token});
    auto refused = counter.create_session(1, "S001", "0000");
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().code == "wrong_pin");

    SessionInfo session = ok(counter.create_session(1, "S001", "1234"));
    CHECK_FALSE(session.session.empty());
    CHECK(session.staff.name == "王丽");
    CHECK(session.window == 1);
    counter.set_token(session.session);

    // Priority first; the idempotency key replays the first answer.
    auto called = ok(counter.call_next(1, "press-1"));
    REQUIRE(called.has_value());
    CHECK(called->number == "A002");
    auto replay = ok(counter.call_next(1, "press-1"));
    REQUIRE(replay.has_value());
    CHECK(replay->id == called->id);

    WindowInfo w = ok(anyone.window_info(1));
    CHECK(w.window.number == 1);
    CHECK(w.window.current == std::optional<std::string>("A002"));
    CHECK(w.waiting == 1);
    REQUIRE(w.window.staff.has_value());
    CHECK(w.window.staff->number == "S001");

    CHECK(ok(counter.recall(1, new_uuid())).number == "A002");
    Ticket done = ok(counter.finish(1, new_uuid()));
    CHECK(done.status == "done");
    auto again_finish = counter.finish(1, new_uuid());
    REQUIRE_FALSE(again_finish.ok());
    CHECK(again_finish.error().code == "nothing_called");

    // The pad of window 1 rates it; a second rating is refused.
    auto reasons = ok(anyone.rating_reasons());
    REQUIRE_FALSE(reasons.empty());
    HubClient pad({hub.url(), pad_token});
    Evaluation e{done.id, "", 2, {reasons[0].code}, "", ""};
    auto rated = pad.submit_evaluation(e);
    CHECK_MESSAGE(rated.ok(), (rated.ok() ? "" : rated.error().code));
    auto twice = pad.submit_evaluation(e);
    CHECK_FALSE(twice.ok());

    Status paused = counter.pause(1, PauseReason::Meeting, new_uuid());
    CHECK(paused.ok());
    WindowInfo p = ok(anyone.window_info(1));
    CHECK(p.window.status == "paused");
    CHECK(p.pause_reason == "meeting");
    auto refused_call = counter.call_next(1, new_uuid());
    REQUIRE_FALSE(refused_call.ok());
    CHECK(refused_call.error().code == "window_paused");
    CHECK(counter.resume(1, new_uuid()).ok());

    auto none_left = ok(counter.call_next(1, new_uuid()));
    REQUIRE(none_left.has_value());  // A001
    CHECK(ok(counter.transfer_to_service(1, "C", new_uuid())).status == "waiting");
    CHECK_FALSE(ok(counter.call_next(1, new_uuid())).has_value());  // 204: nobody waits for A/B

    QueueSnapshot q = ok(anyone.queue());
    CHECK_FALSE(q.now.empty());
    CHECK(q.windows.size() >= 10);
    CHECK_FALSE(q.recent_calls.empty());

    Lease lease = ok(kiosk.take_lease("B", 5));
    CHECK(lease.service == "B");
    CHECK(lease.count == 5);
    CHECK(kiosk.send_alert("printer_paper_end", "纸将用尽").ok());

    HubClient admin({hub.url(), admin_token});
    CHECK(admin.set_notice({"今日午休 12:00–13:30", "Lunch break 12:00–13:30"}).ok());
    CHECK(ok(anyone.notice()).en == "Lunch break 12:00–13:30");

    CHECK(counter.end_session().ok());
    auto ended = counter.end_session();
    REQUIRE_FALSE(ended.ok());
    // The ended session token is no longer accepted at all.
    CHECK((ended.error().code == "unauthorized" || ended.error().code == "bad_token"));
}

TEST_CASE("the event stream follows the hub across a restart, without gaps") {
    test::TempDir dir;
    test::HubProcess hub({dir / "hall.db", kOfficeHours, "", {}});
    hub.start();
    std::string kiosk_token = hub.create_token("kiosk", "k1");
    HubClient kiosk({hub.url(), kiosk_token});

    StreamOptions so;
    so.base_url = hub.url();
    so.backoff_min = 50ms;
    so.backoff_max = 500ms;
    EventStream stream(so);
    stream.start();
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!stream.online() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    REQUIRE(stream.online());

    std::set<std::string> seen;
    auto collect = [&](size_t want) {
        auto until = std::chrono::steady_clock::now() + 8s;
        while (seen.size() < want && std::chrono::steady_clock::now() < until)
            if (auto ev = stream.wait(100ms); ev && ev->name == "ticket.issued")
                seen.insert(ev->data.value("number", ""));
    };
    for (int i = 0; i < 3; ++i)
        ok(kiosk.issue_ticket({"A", Priority::Normal, new_uuid(), {}, {}, {}}));
    collect(3);
    CHECK(seen.size() == 3);

    int port = hub.port();
    hub.kill9();
    deadline = std::chrono::steady_clock::now() + 5s;
    while (stream.online() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    CHECK_FALSE(stream.online());

    // Tickets issued while the stream is away arrive after it reconnects (Last-Event-ID).
    hub.start(port);
    HubClient kiosk2({hub.url(), kiosk_token});
    for (int i = 0; i < 2; ++i)
        ok(kiosk2.issue_ticket({"A", Priority::Normal, new_uuid(), {}, {}, {}}));
    collect(5);
    CHECK(seen == std::set<std::string>{"A001", "A002", "A003", "A004", "A005"});
    CHECK(stream.connects() >= 2);
    stream.stop();
}
