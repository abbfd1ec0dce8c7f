// The machine's closing round (第三十九条): asked only when the hub says the session is the
// last one in the hall; 1–4 tick, Enter records once all are ticked, a second Enter reports
// the unticked ones, 0 writes a note, Esc stays signed in; the screen in zh and en.
#include <doctest/doctest.h>

#include "onestop/counter/machine.h"
#include "onestop/counter/screen.h"
#include "sign_out_fixture.h"

using namespace onestop;
using namespace onestop::counter;
using namespace std::chrono_literals;

using ClosingFixture = counter::test::SignOutFixture;

TEST_CASE_FIXTURE(ClosingFixture, "not the last one out: the sign-out goes ahead at once") {
    sign_out(false);
    CHECK(m.state().leaving);
    CHECK(m.state().mode == Mode::Idle);
}

TEST_CASE_FIXTURE(ClosingFixture, "the hub away at sign-out: no round can be kept, it goes ahead") {
    auto c = key(Action::Logout);
    REQUIRE(c);
    m.on_outcome(*c, Outcome{false, {}, "hub_unreachable", "down"}, t0);
    CHECK(m.state().leaving);
}

TEST_CASE_FIXTURE(ClosingFixture, "the last one out ticks all four and Enter records the round") {
    sign_out(true);
    CHECK_FALSE(m.state().leaving);
    CHECK(m.state().mode == Mode::ClosingCheck);
    for (char d : {'1', '2', '3'}) CHECK_FALSE(digit(d));
    CHECK_FALSE(digit('4'));
    auto c = enter();
    REQUIRE(c);
    CHECK(c->kind == CommandKind::CloseHall);
    CHECK(c->checks == std::vector<bool>{true, true, true, true});
    CHECK(c->note.empty());
    CHECK_FALSE(m.state().leaving);  // not before the hub has kept it
    m.on_outcome(*c, Outcome{true, {}, {}, {}}, t0);
    CHECK(m.state().leaving);
    CHECK(m.state().message.key == "closing_recorded");
}

TEST_CASE_FIXTURE(ClosingFixture, "a check not done: Enter warns, a second Enter reports it") {
    sign_out(true);
    digit('1');
    digit('3');
    digit('3');  // a second press unticks
    digit('4');
    CHECK_FALSE(enter());
    CHECK(m.state().message == Message{"closing_unticked", {{"items", "2 3"}}});
    digit('3');  // ticking again asks again
    CHECK_FALSE(enter());
    CHECK(m.state().message == Message{"closing_unticked", {{"items", "2"}}});
    auto c = enter();
    REQUIRE(c);
    CHECK(c->checks == std::vector<bool>{true, false, true, true});
}

TEST_CASE_FIXTURE(ClosingFixture,
                  "0 writes the note; Backspace edits, Esc goes back, Enter sends") {
    sign_out(true);
    digit('0');
    CHECK(m.state().mode == Mode::ClosingNote);
    for (char ch : std::string("AC2X")) digit(ch);
    key(Action::Backspace);
    CHECK(m.state().entry == "AC2");
    key(Action::Cancel);  // back to the checks, the note kept
    CHECK(m.state().mode == Mode::ClosingCheck);
    digit('1');
    digit('0');
    auto c = enter();  // from the note: sent as it stands
    REQUIRE(c);
    CHECK(c->checks == std::vector<bool>{true, false, false, false});
    CHECK(c->note == "AC2");
}

TEST_CASE_FIXTURE(ClosingFixture, "Esc stays signed in; a refused round stays on the screen") {
    sign_out(true);
    key(Action::Cancel);
    CHECK(m.state().mode == Mode::Idle);
    CHECK(m.state().message.key == "closing_stay");
    CHECK_FALSE(m.state().leaving);

    sign_out(true);
    for (char d : {'1', '2', '3', '4'}) digit(d);
    auto c = enter();
    REQUIRE(c);
    m.on_outcome(*c, Outcome{false, {}, "invalid_field", "note: at most 500 bytes"}, t0);
    CHECK_FALSE(m.state().leaving);
    CHECK(m.state().mode == Mode::ClosingCheck);
    CHECK(m.state().message.key == "hub_error");
}

TEST_CASE_FIXTURE(ClosingFixture, "the case menu's 9 signs out, as the logout key") {
    key(Action::Cases, '0');
    auto c = digit('9');
    REQUIRE(c);
    CHECK(c->kind == CommandKind::Logout);
}

TEST_CASE_FIXTURE(ClosingFixture, "the checklist fits the screen in zh and en") {
    auto cat = config::Catalogue::load_asset("counter");
    REQUIRE(cat.ok());
    sign_out(true);
    digit('1');
    auto zh = render_screen(m.state(), *cat, config::Lang::Zh, t0);
    CHECK(zh[4] == "最后离馆：闭馆检查，逐项确认");
    CHECK(zh[5] == "[x]1 门窗已关好  [ ]2 灯已关");
    CHECK(zh[6] == "[ ]3 空调已关  [ ]4 其他电源已断");
    CHECK(zh[7] == "0 写明未做到的事（报告办公室）");
    CHECK(zh[8] == "1-4勾选 0备注 ⏎确认 Esc不签退");
    auto en = render_screen(m.state(), *cat, config::Lang::En, t0);
    CHECK(en[5] == "[x]1 Doors/windows shut  [ ]2 Lights off");
    CHECK(en[6] == "[ ]3 A/C off  [ ]4 Other power off");
    digit('0');
    digit('A');
    en = render_screen(m.state(), *cat, config::Lang::En, t0);
    CHECK(en[4] == "Note what is not done, Enter sends");
    CHECK(en[7] == "> A_");
    for (const auto& lines : {zh, en}) {
        CHECK(lines.size() == kScreenLines);
        for (const auto& l : lines) CHECK(display_width(l) <= kScreenColumns);
    }
}
