// Sign-out's work-log step (工作日志, 第十八条): the hub's counts of the day and a note typed
// with every character a terminal sends (spaces, punctuation, UTF-8), Backspace taking one
// character; Enter saves a new note, an unchanged or empty one is not sent; Esc stays
// signed in; after the note the last one out gets the closing round. Spaces and Chinese do
// nothing outside the notes.
#include <doctest/doctest.h>

#include "onestop/counter/machine.h"
#include "onestop/counter/screen.h"
#include "sign_out_fixture.h"

using namespace onestop;
using namespace onestop::counter;
using namespace std::chrono_literals;

namespace {

// The day as the hub counts it: 14 served, 3 cases opened, 2 completed, 1 hand-over.
net::WorklogDay day(std::string note = {}) {
    return net::WorklogDay{"2026-11-27", 14, 3, 2, 1, std::move(note)};
}

using WorklogFixture = counter::test::SignOutFixture;

}  // namespace

TEST_CASE_FIXTURE(WorklogFixture, "the note is typed, edited and saved; then the session ends") {
    sign_out(false, day());
    CHECK(m.state().mode == Mode::WorklogNote);
    CHECK(m.state().worklog ==
          Message{"worklog_counts",
                  {{"served", "14"}, {"opened", "3"}, {"completed", "2"}, {"handovers", "1"}}});
    type("AM: 6 CASES; 下午整理档案x");
    key(Action::Backspace);  // the x
    key(Action::Backspace);  // 案: three bytes at once
    CHECK(m.state().entry == "AM: 6 CASES; 下午整理档");
    // Bound keys type their character in a note: . + - * / are text here.
    key(Action::Recall, '.');
    CHECK(m.state().entry == "AM: 6 CASES; 下午整理档.");
    CHECK_FALSE(m.state().leaving);
    auto c = enter();
    REQUIRE(c);
    CHECK(c->kind == CommandKind::SaveNote);
    CHECK(c->note == "AM: 6 CASES; 下午整理档.");
    CHECK(c->date == "2026-11-27");
    CHECK_FALSE(m.state().leaving);  // not before the hub has kept it
    m.on_outcome(*c, Outcome{true, {}, {}, {}}, t0);
    CHECK(m.state().leaving);
}

TEST_CASE_FIXTURE(WorklogFixture, "a full note takes no new character and never half of one") {
    sign_out(false, day());
    type(std::string(239, 'A'));
    type("整理");  // the first starts at byte 239 and is finished; the second does not start
    CHECK(m.state().entry == std::string(239, 'A') + "整");
    type("B");
    CHECK(m.state().entry.size() == 242);
}

TEST_CASE_FIXTURE(WorklogFixture, "no note, or the one already kept: nothing is sent") {
    sign_out(false, day());
    CHECK_FALSE(enter());
    CHECK(m.state().leaving);

    WorklogFixture kept;
    kept.sign_out(false, day("上午受理 6 件"));
    CHECK(kept.m.state().entry == "上午受理 6 件");  // written earlier: shown to be kept
    CHECK_FALSE(kept.enter());
    CHECK(kept.m.state().leaving);
}

TEST_CASE_FIXTURE(WorklogFixture, "Esc stays signed in; a refused note stays to be sent again") {
    sign_out(false, day());
    type("X");
    key(Action::Cancel);
    CHECK(m.state().mode == Mode::Idle);
    CHECK(m.state().message.key == "closing_stay");
    CHECK_FALSE(m.state().leaving);

    sign_out(false, day());
    CHECK(m.state().entry.empty());  // the Esc'd text is gone
    type("Y");
    auto c = enter();
    REQUIRE(c);
    m.on_outcome(*c, Outcome{false, {}, "invalid_field", "note: at most 2000 bytes"}, t0);
    CHECK(m.state().mode == Mode::WorklogNote);
    CHECK(m.state().entry == "Y");
    CHECK(m.state().message.key == "hub_error");
    CHECK_FALSE(m.state().leaving);
}

TEST_CASE_FIXTURE(WorklogFixture, "the last one out: the note, then the closing round") {
    sign_out(true, day());
    type("OK");
    auto c = enter();
    REQUIRE(c);
    m.on_outcome(*c, Outcome{true, {}, {}, {}}, t0);
    CHECK_FALSE(m.state().leaving);
    CHECK(m.state().mode == Mode::ClosingCheck);
    CHECK(m.state().entry.empty());  // the round's own note starts empty
}

TEST_CASE_FIXTURE(WorklogFixture, "spaces and Chinese are no keys outside the notes") {
    CHECK_FALSE(key(Action::Char, ' '));
    CHECK_FALSE(key(Action::Char, '\xE6'));
    CHECK(m.state().mode == Mode::Idle);
    key(Action::Char, 'J');  // a letter starts a case number
    CHECK(m.state().mode == Mode::CaseNumberEntry);
    key(Action::Char, ' ');
    key(Action::Char, ',');
    key(Action::Char, 'W');
    CHECK(m.state().entry == "JW");
}

TEST_CASE_FIXTURE(WorklogFixture, "the work-log step fits the screen in zh and en") {
    auto cat = config::Catalogue::load_asset("counter");
    REQUIRE(cat.ok());
    sign_out(false, day());
    auto zh = render_screen(m.state(), *cat, config::Lang::Zh, t0);
    CHECK(zh[4] == "签退：2026-11-27 工作日志");
    CHECK(zh[5] == "接待14人 办件3 办结2 交接1");
    CHECK(zh[6] == "> _");
    CHECK(zh[7] == "打字写今天的备注（可不写）");
    CHECK(zh[8] == "⏎签退  ←删除  Esc不签退");
    // A long note shows its end, where the typing is.
    type("一二三四五六七八九十一二三四五六七八九十ABC");
    zh = render_screen(m.state(), *cat, config::Lang::Zh, t0);
    CHECK(zh[6] == "> 四五六七八九十一二三四五六七八九十ABC_");
    CHECK(zh[7].empty());
    for (auto lang : {config::Lang::Zh, config::Lang::En})
        for (const auto& line : render_screen(m.state(), *cat, lang, t0))
            CHECK(display_width(line) <= kScreenColumns);
}
