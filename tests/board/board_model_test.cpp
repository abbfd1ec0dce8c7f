// The board's picture from snapshots and events: no call missed, none shown twice.
#include <doctest/doctest.h>

#include "onestop/board/board_model.h"

using namespace onestop;
using namespace onestop::board;
using nlohmann::json;

namespace {

net::QueueSnapshot snapshot(const std::string& now) {
    net::QueueSnapshot s;
    s.now = now;
    s.services = {{"A", 4, true}, {"B", 0, true}};
    net::WindowState w1;
    w1.number = 1;
    w1.name = {"教务窗口", "Academic Affairs"};
    w1.unit = "JWC";
    w1.services = {"A"};
    w1.status = "open";
    w1.current = "A010";
    w1.staff = net::StaffRef{"S001", "张老师", ""};
    net::WindowState w3 = w1;
    w3.number = 3;
    w3.name = {"财务窗口", "Finance"};
    w3.services = {"B"};
    w3.current.reset();
    w3.staff.reset();
    w3.status = "closed";
    s.windows = {w1, w3};
    s.recent_calls = {{"A010", 1, "2026-11-27T09:58:00+08:00"},
                      {"A009", 1, "2026-11-27T09:50:00+08:00"}};
    return s;
}

// As the hub link hands it over: parsed, with the stream's id.
net::LinkEvent event(int id, const std::string& name, const json& data) {
    auto parsed = net::parse_event(name, data);
    REQUIRE_MESSAGE(parsed.ok(), parsed.error().message);
    return net::LinkEvent{std::to_string(id), std::move(*parsed)};
}

net::LinkEvent called(int id, const std::string& number, int window, const std::string& at,
                      int waiting = 3, bool recall = false, int calls = 2) {
    json data{{"ticket", id * 10}, {"number", number},   {"service", number.substr(0, 1)},
              {"window", window},  {"status", "called"}, {"waiting", waiting},
              {"at", at}};
    if (recall) data["calls"] = calls;
    return event(id, recall ? "ticket.recalled" : "ticket.called", data);
}

std::vector<std::string> numbers(const BoardModel& m) {
    std::vector<std::string> out;
    for (const auto& c : m.calls()) out.push_back(c.number + "@" + std::to_string(c.window));
    return out;
}

}  // namespace

TEST_CASE("a snapshot gives windows, waiting and history, and announces nothing") {
    BoardModel m;
    CHECK_FALSE(m.synced());
    m.apply_snapshot(snapshot("2026-11-27T10:00:00+08:00"));
    CHECK(m.synced());
    REQUIRE(m.window(1));
    CHECK(m.window(1)->current == std::optional<std::string>("A010"));
    CHECK(m.window(1)->staff->name == "张老师");
    CHECK(m.window(3)->status == "closed");
    CHECK(numbers(m) == std::vector<std::string>{"A010@1", "A009@1"});
    CHECK(m.services().at(0).code == "A");
    CHECK(m.services().at(0).waiting == 4);
}

TEST_CASE("a call becomes the newest, updates the window and waiting, and is announced once") {
    BoardModel m;
    m.apply_snapshot(snapshot("2026-11-27T10:00:00+08:00"));
    const auto v = m.version();
    auto fx = m.apply_event(called(11, "B001", 3, "2026-11-27T10:01:00+08:00", 2));
    CHECK(fx.changed);
    REQUIRE(fx.announce);
    CHECK(fx.announce->number == "B001");
    CHECK(fx.announce->window == 3);
    CHECK_FALSE(fx.announce->recall);
    CHECK(m.version() > v);
    CHECK(m.newest()->number == "B001");
    CHECK(m.window(3)->current == std::optional<std::string>("B001"));
    CHECK(m.window(3)->status == "open");
    CHECK(m.services().at(1).waiting == 2);

    // The same event again (a replay after a reconnect) changes nothing.
    auto again = m.apply_event(called(11, "B001", 3, "2026-11-27T10:01:00+08:00", 2));
    CHECK_FALSE(again.changed);
    CHECK_FALSE(again.announce);
    CHECK(numbers(m) == std::vector<std::string>{"B001@3", "A010@1", "A009@1"});
}

TEST_CASE("a recall is flashed and announced again, listed again") {
    BoardModel m;
    m.apply_snapshot(snapshot("2026-11-27T10:00:00+08:00"));
    m.apply_event(called(11, "B001", 3, "2026-11-27T10:01:00+08:00"));
    auto fx = m.apply_event(called(12, "B001", 3, "2026-11-27T10:02:00+08:00", 3, true));
    REQUIRE(fx.announce);
    CHECK(fx.announce->recall);
    CHECK(m.newest()->recall);
    CHECK(numbers(m) == std::vector<std::string>{"B001@3", "B001@3", "A010@1", "A009@1"});
}

TEST_CASE(
    "the hub stamps whole seconds: a recall in the same second as its call is still a recall") {
    BoardModel m;
    m.apply_event(called(11, "B001", 3, "2026-11-27T10:01:00+08:00"));
    auto fx = m.apply_event(called(12, "B001", 3, "2026-11-27T10:01:00+08:00", 3, true, 2));
    REQUIRE(fx.announce);
    CHECK(fx.announce->recall);
    auto third = m.apply_event(called(13, "B001", 3, "2026-11-27T10:01:00+08:00", 3, true, 3));
    CHECK(third.announce);
    CHECK(m.calls().size() == 3);
    // A snapshot listing that call once more adds nothing.
    net::QueueSnapshot s;
    s.now = "2026-11-27T10:01:05+08:00";
    s.recent_calls = {{"B001", 3, "2026-11-27T10:01:00+08:00"}};
    m.apply_snapshot(s);
    CHECK(m.calls().size() == 3);
}

TEST_CASE(
    "a snapshot that already lists a call makes its late event a no-op, not an announcement") {
    BoardModel m;
    net::QueueSnapshot s;
    s.now = "2026-11-27T10:01:05+08:00";
    s.recent_calls = {{"C002", 2, "2026-11-27T10:01:00+08:00"}};
    m.apply_snapshot(s);
    auto fx = m.apply_event(called(40, "C002", 2, "2026-11-27T10:01:00+08:00"));
    CHECK_FALSE(fx.announce);
    CHECK(m.calls().size() == 1);
    // Its recall a moment later is new.
    CHECK(m.apply_event(called(41, "C002", 2, "2026-11-27T10:01:00+08:00", 3, true, 2)).announce);
}

TEST_CASE(
    "finishing or a no-show clears the window's current number; pause and resume set its status") {
    BoardModel m;
    m.apply_snapshot(snapshot("2026-11-27T10:00:00+08:00"));
    m.apply_event(event(20, "ticket.finished",
                        {{"ticket", 1},
                         {"number", "A010"},
                         {"service", "A"},
                         {"window", 1},
                         {"status", "done"},
                         {"waiting", 4},
                         {"at", "2026-11-27T10:03:00+08:00"}}));
    CHECK_FALSE(m.window(1)->current);
    m.apply_event(event(21, "window.paused",
                        {{"window", 1}, {"reason", "break"}, {"at", "2026-11-27T10:04:00+08:00"}}));
    CHECK(m.window(1)->status == "paused");
    CHECK(m.window(1)->pause_reason == "break");
    m.apply_event(
        event(22, "window.resumed", {{"window", 1}, {"at", "2026-11-27T10:05:00+08:00"}}));
    CHECK(m.window(1)->status == "open");
    CHECK(m.window(1)->pause_reason.empty());
    // A finish for another number leaves the window's current call alone.
    m.apply_event(called(23, "A011", 1, "2026-11-27T10:06:00+08:00"));
    m.apply_event(event(24, "ticket.no_show",
                        {{"number", "A005"},
                         {"service", "A"},
                         {"window", 1},
                         {"waiting", 2},
                         {"at", "2026-11-27T10:07:00+08:00"}}));
    CHECK(m.window(1)->current == std::optional<std::string>("A011"));
}

TEST_CASE(
    "resync: a snapshot after a reconnect neither repeats calls nor rolls newer events back") {
    BoardModel m;
    m.apply_snapshot(snapshot("2026-11-27T10:00:00+08:00"));
    m.set_online(true);
    CHECK(m.set_online(false));
    CHECK_FALSE(m.online());
    // While offline the hub called A011 at window 1; the replay brings the event…
    m.set_online(true);
    auto fx = m.apply_event(called(30, "A011", 1, "2026-11-27T10:10:00+08:00", 3));
    CHECK(fx.announce);
    // …and the snapshot fetched on reconnect, taken *before* that call, arrives after it.
    auto old = snapshot("2026-11-27T10:09:00+08:00");
    m.apply_snapshot(old);
    CHECK(m.window(1)->current == std::optional<std::string>("A011"));  // not rolled back to A010
    CHECK(m.services().at(0).waiting == 3);
    // A later snapshot that lists the same call (in +00:00 form) adds no second line.
    auto later = snapshot("2026-11-27T10:11:00+08:00");
    later.windows[0].current = "A011";
    later.recent_calls.insert(later.recent_calls.begin(),
                              net::RecentCall{"A011", 1, "2026-11-27T02:10:00Z"});
    m.apply_snapshot(later);
    CHECK(numbers(m) == std::vector<std::string>{"A011@1", "A010@1", "A009@1"});
}

TEST_CASE("a call missed while offline and only seen in the snapshot is listed, not announced") {
    BoardModel m;
    m.apply_snapshot(snapshot("2026-11-27T10:00:00+08:00"));
    auto s = snapshot("2026-11-27T10:20:00+08:00");
    s.recent_calls.insert(s.recent_calls.begin(),
                          net::RecentCall{"A012", 1, "2026-11-27T10:15:00+08:00"});
    s.windows[0].current = "A012";
    m.apply_snapshot(s);
    CHECK(m.newest()->number == "A012");
    CHECK(m.window(1)->current == std::optional<std::string>("A012"));
}

TEST_CASE("the list keeps the newest N calls; notices and staff changes") {
    BoardModel m(3);
    for (int i = 1; i <= 6; ++i) {
        char at[40];
        std::snprintf(at, sizeof at, "2026-11-27T10:%02d:00+08:00", i);
        m.apply_event(called(100 + i, "C00" + std::to_string(i), 2, at));
    }
    CHECK(numbers(m) == std::vector<std::string>{"C006@2", "C005@2", "C004@2"});

    m.apply_event(event(
        200, "notice.updated",
        {{"text", {{"zh", "今天下午三点后暂停办理"}, {"en", "Closed after 3 pm"}}}, {"at", "x"}}));
    CHECK(m.notice().zh == "今天下午三点后暂停办理");
    CHECK(m.notice().en == "Closed after 3 pm");

    auto fx = m.apply_event(event(
        201, "session.started",
        {{"window", 2}, {"staff", {{"number", "S007"}}}, {"at", "2026-11-27T10:30:00+08:00"}}));
    CHECK(fx.refresh_window == 2);
    CHECK(m.window(2)->staff->number == "S007");
    net::WindowInfo info;
    info.window.number = 2;
    info.window.name = {"学工窗口", "Student Affairs"};
    info.window.status = "open";
    info.window.services = {"C", "D"};
    info.window.staff = net::StaffRef{"S007", "李老师", ""};
    info.waiting = 5;
    m.apply_window_info(info);
    CHECK(m.window(2)->staff->name == "李老师");
    CHECK(m.window(2)->waiting == 5);
    fx = m.apply_event(event(
        202, "session.ended",
        {{"window", 2}, {"staff", {{"number", "S007"}}}, {"at", "2026-11-27T12:00:00+08:00"}}));
    CHECK(fx.refresh_window == 2);
    CHECK_FALSE(m.window(2)->staff);

    // Events the board does not show change nothing.
    const auto v = m.version();
    CHECK_FALSE(
        m.apply_event(event(203, "evaluation.submitted",
                            {{"ticket", 1}, {"number", "C006"}, {"window", 2}, {"level", 5}}))
            .changed);
    CHECK(m.version() == v);
}
