#include <doctest/doctest.h>

#include "onestop/counter/machine.h"

using namespace onestop;
using namespace onestop::counter;
using namespace std::chrono_literals;

namespace {

struct Fixture {
    int keys_made = 0;
    Instant t0{};
    Machine m{[] {
                  CounterState s;
                  s.window = 3;
                  s.staff_number = "S001";
                  return s;
              }(),
              800ms, [this] { return "key-" + std::to_string(++keys_made); }};

    std::optional<Command> press(Action a, Instant at, char ch = 0) {
        return m.press(Key{a, ch}, at);
    }

    static net::Ticket ticket(const std::string& number) {
        net::Ticket t;
        t.number = number;
        t.status = "called";
        return t;
    }
    static Outcome ok(std::optional<net::Ticket> t = std::nullopt) {
        return Outcome{true, std::move(t), {}, {}};
    }
    static Outcome err(const std::string& code, const std::string& msg = "") {
        return Outcome{false, {}, code, msg};
    }

    // Calls A001 at t0.
    void call_first() {
        auto c = press(Action::CallNext, t0);
        REQUIRE(c);
        m.on_outcome(*c, ok(ticket("A001")), t0);
    }
};

}  // namespace

TEST_CASE_FIXTURE(Fixture, "call next shows the called number and starts the served timer") {
    auto c = press(Action::CallNext, t0);
    REQUIRE(c);
    CHECK(c->kind == CommandKind::CallNext);
    CHECK(c->idempotency_key == "key-1");
    m.on_outcome(*c, ok(ticket("A001")), t0 + 10ms);
    CHECK(m.state().current == "A001");
    CHECK(m.state().served_since == t0 + 10ms);
    CHECK(m.state().message == Message{"called", {{"number", "A001"}}});
}

TEST_CASE_FIXTURE(Fixture, "nobody waiting clears the current number") {
    call_first();
    auto c = press(Action::CallNext, t0 + 5s);
    m.on_outcome(*c, ok(), t0 + 5s);
    CHECK_FALSE(m.state().current);
    CHECK(m.state().message.key == "nobody_waiting");
}

TEST_CASE_FIXTURE(Fixture,
                  "a double press reuses the idempotency key; a later press gets a new one") {
    auto first = press(Action::CallNext, t0);
    m.on_outcome(*first, ok(ticket("A001")), t0 + 20ms);
    auto second = press(Action::CallNext, t0 + 300ms);
    REQUIRE(second);
    CHECK(second->idempotency_key == first->idempotency_key);
    // The hub answers the repeat with the first answer: the timer does not restart.
    m.on_outcome(*second, ok(ticket("A001")), t0 + 320ms);
    CHECK(m.state().served_since == t0 + 20ms);
    auto third = press(Action::CallNext, t0 + 2s);
    CHECK(third->idempotency_key != first->idempotency_key);
    CHECK(keys_made == 2);
}

TEST_CASE_FIXTURE(Fixture, "different commands in quick succession get their own keys") {
    call_first();
    auto recall = press(Action::Recall, t0 + 100ms);
    REQUIRE(recall);
    CHECK(recall->idempotency_key != "key-1");
}

TEST_CASE_FIXTURE(Fixture,
                  "a press while the hub is away is refused and nothing is kept for later") {
    m.set_online(false);
    CHECK_FALSE(press(Action::CallNext, t0));
    CHECK(m.state().message.key == "hub_away");
    m.set_online(true);
    // Coming back sends nothing by itself: the next press is a fresh one.
    auto c = press(Action::CallNext, t0 + 10s);
    REQUIRE(c);
    CHECK(keys_made == 1);
}

TEST_CASE_FIXTURE(Fixture, "a transport failure marks the link down and the retry keeps the key") {
    auto c = press(Action::CallNext, t0);
    m.on_outcome(*c, err("timeout"), t0 + 5s);
    CHECK_FALSE(m.state().online);
    CHECK(m.state().message.key == "hub_timeout");
    m.set_online(true);
    auto retry = press(Action::CallNext, t0 + 30s);  // long after the repeat guard
    REQUIRE(retry);
    CHECK(retry->idempotency_key == c->idempotency_key);
    m.on_outcome(*retry, ok(ticket("A001")), t0 + 30s);
    auto next = press(Action::CallNext, t0 + 60s);
    CHECK(next->idempotency_key != c->idempotency_key);
}

TEST_CASE_FIXTURE(Fixture, "recall, no-show and finish need a current number") {
    CHECK_FALSE(press(Action::Recall, t0));
    CHECK(m.state().message.key == "no_current");
    CHECK_FALSE(press(Action::NoShow, t0));
    CHECK_FALSE(press(Action::Finish, t0));
    CHECK_FALSE(press(Action::Transfer, t0));
    CHECK(keys_made == 0);

    call_first();
    auto recall = press(Action::Recall, t0 + 1s);
    REQUIRE(recall);
    CHECK(recall->kind == CommandKind::Recall);
    m.on_outcome(*recall, ok(ticket("A001")), t0 + 1s);
    CHECK(m.state().message == Message{"recalled", {{"number", "A001"}}});

    auto noshow = press(Action::NoShow, t0 + 2s);
    REQUIRE(noshow);
    auto t = ticket("A001");
    t.status = "no_show";
    m.on_outcome(*noshow, ok(t), t0 + 2s);
    CHECK_FALSE(m.state().current);
    CHECK(m.state().message.key == "no_show_done");
}

TEST_CASE_FIXTURE(Fixture, "finish clears the number and says the rating was asked for") {
    call_first();
    auto c = press(Action::Finish, t0 + 3s);
    REQUIRE(c);
    CHECK(c->kind == CommandKind::Finish);
    m.on_outcome(*c, ok(ticket("A001")), t0 + 3s);
    CHECK_FALSE(m.state().current);
    CHECK(m.state().message == Message{"finished", {{"number", "A001"}}});
    // The next can be called at once.
    CHECK(press(Action::CallNext, t0 + 3s + 100ms));
}

TEST_CASE_FIXTURE(Fixture, "transfer to a window: digits, preview, Enter sends") {
    call_first();
    CHECK_FALSE(press(Action::Transfer, t0 + 1s));
    CHECK(m.state().mode == Mode::TransferEntry);
    CHECK(m.state().message.key == "transfer_prompt");
    CHECK_FALSE(press(Action::Char, t0 + 1s, '1'));
    CHECK_FALSE(press(Action::Char, t0 + 1s, '2'));
    CHECK(m.state().message ==
          Message{"transfer_to_window", {{"number", "A001"}, {"window", "12"}}});
    CHECK_FALSE(press(Action::Backspace, t0 + 1s));
    CHECK(m.state().entry == "1");
    CHECK_FALSE(press(Action::CallNext, t0 + 1s));  // other actions wait for the entry
    auto c = press(Action::Finish, t0 + 2s);
    REQUIRE(c);
    CHECK(c->kind == CommandKind::TransferWindow);
    CHECK(c->to_window == 1);
    CHECK(m.state().mode == Mode::Idle);
    m.on_outcome(*c, ok(ticket("A001")), t0 + 2s);
    CHECK_FALSE(m.state().current);
    CHECK(m.state().message ==
          Message{"transferred_window", {{"number", "A001"}, {"window", "1"}}});
}

TEST_CASE_FIXTURE(Fixture, "transfer to a service: a letter, or * stepping through the codes") {
    m.set_service_codes({"A", "B", "C"});
    call_first();
    press(Action::Transfer, t0);
    press(Action::Char, t0, 'C');
    CHECK(m.state().message ==
          Message{"transfer_to_service", {{"number", "A001"}, {"service", "C"}}});
    press(Action::Transfer, t0);  // C → wraps to A
    CHECK(m.state().entry == "A");
    press(Action::Transfer, t0);
    CHECK(m.state().entry == "B");
    press(Action::Char, t0, '4');  // a digit replaces the letter
    CHECK(m.state().entry == "4");
    press(Action::Transfer, t0);
    CHECK(m.state().entry == "A");
    press(Action::Transfer, t0);
    auto c = press(Action::Finish, t0);
    REQUIRE(c);
    CHECK(c->kind == CommandKind::TransferService);
    CHECK(c->to_service == "B");
    m.on_outcome(*c, ok(ticket("A001")), t0);
    CHECK(m.state().message ==
          Message{"transferred_service", {{"number", "A001"}, {"service", "B"}}});
}

TEST_CASE_FIXTURE(
    Fixture,
    "transfer entry: Enter on nothing keeps asking; Esc cancels; backspace on empty cancels") {
    call_first();
    press(Action::Transfer, t0);
    CHECK_FALSE(press(Action::Finish, t0));
    CHECK(m.state().mode == Mode::TransferEntry);
    press(Action::Cancel, t0);
    CHECK(m.state().mode == Mode::Idle);
    CHECK(m.state().message.key == "cancelled");
    CHECK(m.state().current == "A001");
    press(Action::Transfer, t0);
    press(Action::Backspace, t0);
    CHECK(m.state().mode == Mode::Idle);
}

TEST_CASE_FIXTURE(Fixture,
                  "pause asks for a reason; / resumes; call next is refused while paused") {
    CHECK_FALSE(press(Action::PauseResume, t0));
    CHECK(m.state().mode == Mode::PauseChoice);
    auto c = press(Action::Char, t0, '2');
    REQUIRE(c);
    CHECK(c->kind == CommandKind::Pause);
    CHECK(c->reason == net::PauseReason::Meeting);
    m.on_outcome(*c, ok(), t0);
    CHECK(m.state().paused);
    CHECK(m.state().pause_reason == "meeting");
    CHECK(m.state().message == Message{"paused_done", {{"reason", "meeting"}}});

    CHECK_FALSE(press(Action::CallNext, t0 + 1s));
    CHECK(m.state().message.key == "paused_refuse");

    auto r = press(Action::PauseResume, t0 + 2s);
    REQUIRE(r);
    CHECK(r->kind == CommandKind::Resume);
    m.on_outcome(*r, ok(), t0 + 2s);
    CHECK_FALSE(m.state().paused);
    CHECK(m.state().message.key == "resumed");
}

TEST_CASE_FIXTURE(Fixture, "pause choice: Enter means break, / cancels, other digits do nothing") {
    press(Action::PauseResume, t0);
    CHECK_FALSE(press(Action::Char, t0, '7'));
    CHECK(m.state().mode == Mode::PauseChoice);
    press(Action::PauseResume, t0);
    CHECK(m.state().mode == Mode::Idle);
    CHECK(m.state().message.key == "cancelled");
    press(Action::PauseResume, t0);
    auto c = press(Action::Finish, t0);
    REQUIRE(c);
    CHECK(c->reason == net::PauseReason::Break);
}

TEST_CASE_FIXTURE(Fixture, "hub refusals become plain messages and fix the local view") {
    call_first();
    auto recall = press(Action::Recall, t0 + 1s);
    m.on_outcome(*recall, err("recall_limit_reached", "called 3 times"), t0 + 1s);
    CHECK(m.state().message.key == "recall_limit");
    CHECK(m.state().current == "A001");

    auto again = press(Action::Recall, t0 + 5s);
    m.on_outcome(*again, err("nothing_called"), t0 + 5s);
    CHECK_FALSE(m.state().current);

    auto call = press(Action::CallNext, t0 + 6s);
    m.on_outcome(*call, err("window_paused"), t0 + 6s);
    CHECK(m.state().paused);
    CHECK(m.state().message.key == "paused_refuse");

    m.set_online(true);
    auto resume = press(Action::PauseResume, t0 + 7s);
    m.on_outcome(*resume, err("service_unknown", "no service Q"), t0 + 7s);
    CHECK(m.state().message == Message{"hub_error", {{"message", "no service Q"}}});
}

TEST_CASE_FIXTURE(Fixture, "going offline drops a half-typed transfer") {
    call_first();
    press(Action::Transfer, t0);
    press(Action::Char, t0, '5');
    m.set_online(false);
    CHECK(m.state().mode == Mode::Idle);
    CHECK_FALSE(press(Action::Finish, t0));
    CHECK(m.state().message.key == "hub_away");
}

TEST_CASE_FIXTURE(Fixture, "sync takes the hub's view of the window") {
    net::WindowInfo info;
    info.window.number = 3;
    info.window.name = {"教务综合", "Academic affairs"};
    info.window.status = "paused";
    info.window.current = "B007";
    info.window.staff = net::StaffRef{"S001", "王丽", ""};
    info.waiting = 4;
    info.pause_reason = "break";
    m.sync(info, t0);
    CHECK(m.state().current == "B007");
    CHECK(m.state().served_since == t0);
    CHECK(m.state().paused);
    CHECK(m.state().pause_reason == "break");
    CHECK(m.state().waiting == 4);
    CHECK(m.state().staff_name == "王丽");
    m.sync(info, t0 + 5s);
    CHECK(m.state().served_since == t0);  // same number: the timer keeps running
}

TEST_CASE_FIXTURE(Fixture, "logout is always possible") {
    press(Action::PauseResume, t0);
    auto c = press(Action::Logout, t0);
    REQUIRE(c);
    CHECK(c->kind == CommandKind::Logout);
}
