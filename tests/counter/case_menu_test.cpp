// The machine's case menus: opening a case in each mode, picks by number, the unit's
// open cases, a case found by number (typed or scanned), resume and complete, signing a
// hand-over or a leave confirmation with a PIN.
#include <doctest/doctest.h>

#include <cstdio>

#include "onestop/counter/machine.h"
#include "onestop/counter/screen.h"

using namespace onestop;
using namespace onestop::counter;
using namespace std::chrono_literals;

namespace {

struct CaseFixture {
    int keys_made = 0;
    Instant t0{};
    Machine m{[] {
                  CounterState s;
                  s.window = 3;
                  s.staff_number = "S001";
                  s.unit = "JWC";
                  s.current = "A012";
                  return s;
              }(),
              800ms, [this] { return "key-" + std::to_string(++keys_made); }};

    CaseFixture() {
        net::ServiceInfo a;
        a.code = "A";
        a.materials = {{"身份证原件", "ID card"}, {"学生证", "Student card"}, {"申请表", "Form"}};
        m.set_services({a});
        m.set_return_reasons({{"not_in_scope", {"不属于本窗口受理范围", "Not handled here"}},
                              {"incomplete", {"材料不齐", "Incomplete"}}});
    }

    std::optional<Command> key(Action a, char ch = 0) { return m.press(Key{a, ch}, t0); }
    std::optional<Command> digit(char ch) { return key(Action::Char, ch); }
    // The keypad's "0" (the cases key) as the default keymap gives it.
    std::optional<Command> cases_key() { return key(Action::Cases, '0'); }
    std::optional<Command> enter() { return key(Action::Finish); }

    static net::CaseInfo a_case(const std::string& number, const std::string& status,
                                const std::string& due = "") {
        net::CaseInfo c;
        c.id = static_cast<std::int64_t>(number.back());
        c.number = number;
        c.mode = "deadline";
        c.status = status;
        c.due = due;
        return c;
    }
    static Outcome with_cases(std::vector<net::CaseInfo> cases) {
        Outcome o{true, {}, {}, {}};
        o.cases = std::move(cases);
        return o;
    }
};

}  // namespace

TEST_CASE_FIXTURE(CaseFixture, "the cases key opens the menu; 2 then Enter opens a deadline case") {
    CHECK_FALSE(cases_key());
    CHECK(m.state().mode == Mode::CaseMenu);
    CHECK_FALSE(digit('2'));
    CHECK(m.state().mode == Mode::CaseConfirm);
    CHECK(m.state().prompt.key == "case_confirm");
    auto c = enter();
    REQUIRE(c);
    CHECK(c->kind == CommandKind::OpenCase);
    CHECK(c->case_mode == "deadline");
    CHECK(m.state().mode == Mode::Idle);
    auto opened = a_case("JWC-20261130-0001", "accepted");
    m.on_outcome(*c, with_cases({opened}), t0);
    CHECK(m.state().message ==
          Message{"case_opened", {{"number", "JWC-20261130-0001"}, {"mode", "mode_deadline"}}});
}

TEST_CASE_FIXTURE(CaseFixture,
                  "supplement: digits tick the service's materials, Enter sends them") {
    cases_key();
    digit('3');
    REQUIRE(m.state().mode == Mode::MaterialPick);
    CHECK(m.state().items.size() == 3);
    CHECK_FALSE(enter());  // nothing ticked yet
    CHECK(m.state().message.key == "pick_first");
    digit('1');
    digit('3');
    digit('3');  // ticked twice: off again
    digit('2');
    CHECK(m.state().prompt == Message{"pick_materials", {{"n", "2"}}});
    auto c = enter();
    REQUIRE(c);
    CHECK(c->case_mode == "supplement");
    CHECK(c->missing == std::vector<Text>{{"身份证原件", "ID card"}, {"学生证", "Student card"}});
}

TEST_CASE_FIXTURE(CaseFixture, "return: a digit picks the hall's reason; its code is sent") {
    cases_key();
    digit('4');
    REQUIRE(m.state().mode == Mode::ReasonPick);
    digit('9');
    CHECK(m.state().message == Message{"no_such_row", {{"n", "9"}}});
    digit('2');
    CHECK(m.state().chosen == std::optional<size_t>(1));
    auto c = enter();
    REQUIRE(c);
    CHECK(c->case_mode == "return");
    CHECK(c->return_reason == "incomplete");
}

TEST_CASE_FIXTURE(CaseFixture, "opening a case needs a called number; Esc leaves the menu") {
    Machine idle{CounterState{}, 800ms, [] { return std::string("k"); }};
    idle.press(Key{Action::Cases, '0'}, t0);
    CHECK_FALSE(idle.press(Key{Action::Char, '1'}, t0));
    CHECK(idle.state().mode == Mode::CaseMenu);
    CHECK(idle.state().message.key == "case_needs_called");
    idle.press(Key{Action::Cancel, 0}, t0);
    CHECK(idle.state().mode == Mode::Idle);
    CHECK(idle.state().message.key == "cancelled");
}

TEST_CASE_FIXTURE(CaseFixture, "the unit's open cases: due first, + scrolls, two digits from ten") {
    cases_key();
    auto c = digit('5');
    REQUIRE(c);
    CHECK(c->kind == CommandKind::ListCases);
    std::vector<net::CaseInfo> open;
    for (int i = 1; i <= 11; ++i) {
        char n[32];
        std::snprintf(n, sizeof n, "JWC-20261130-%04d", i);
        open.push_back(a_case(n, "accepted", i == 7 ? "overdue" : ""));
    }
    m.on_outcome(*c, with_cases(open), t0);
    REQUIRE(m.state().mode == Mode::CaseList);
    CHECK(m.state().items[0].text.zh == "JWC-20261130-0007");  // the overdue one leads
    CHECK(m.state().items[0].tag == "overdue");
    key(Action::CallNext, '+');
    CHECK(m.state().first == kMenuRows);
    digit('1');
    CHECK(m.state().mode == Mode::CaseList);  // 11 rows: "1" waits for its second digit
    digit('1');
    REQUIRE(m.state().mode == Mode::CaseActions);
    CHECK(m.state().prompt.args.at("number") == "JWC-20261130-0011");
}

TEST_CASE_FIXTURE(CaseFixture, "a scanned number starts in Idle; '-' types; resume is sent") {
    m.press(Key{Action::Char, 'J'}, t0);
    REQUIRE(m.state().mode == Mode::CaseNumberEntry);
    for (char ch : std::string("WC")) digit(ch);
    key(Action::NoShow, '-');  // the keypad's - is part of a case number here
    for (char ch : std::string("20261130")) digit(ch);
    key(Action::NoShow, '-');
    key(Action::Cases, '0');  // the cases key types its 0
    for (char ch : std::string("007")) digit(ch);
    CHECK(m.state().entry == "JWC-20261130-0007");
    auto find = enter();
    REQUIRE(find);
    CHECK(find->kind == CommandKind::FindCase);
    CHECK(find->number == "JWC-20261130-0007");
    m.on_outcome(*find, with_cases({a_case("JWC-20261130-0007", "awaiting_supplement")}), t0);
    REQUIRE(m.state().mode == Mode::CaseActions);
    REQUIRE(m.state().items.size() == 1);  // waiting for materials: resume only
    CHECK(m.state().items[0].tag == "action_resume");
    auto resume = digit('1');
    REQUIRE(resume);
    CHECK(resume->kind == CommandKind::ResumeCase);
    m.on_outcome(*resume, with_cases({a_case("JWC-20261130-0007", "accepted")}), t0);
    CHECK(m.state().message.key == "case_resumed");
}

TEST_CASE_FIXTURE(CaseFixture, "digits alone are this unit's case number; unknown says so") {
    cases_key();
    digit('6');
    for (char ch : std::string("20261130-0003"))
        m.press(Key{ch == '-' ? Action::NoShow : Action::Char, ch}, t0);
    auto find = enter();
    REQUIRE(find);
    CHECK(find->number == "JWC-20261130-0003");
    m.on_outcome(*find, with_cases({}), t0);
    CHECK(m.state().mode == Mode::Idle);
    CHECK(m.state().message == Message{"case_not_found", {{"number", "JWC-20261130-0003"}}});
}

TEST_CASE_FIXTURE(CaseFixture, "complete: the result is a fixed choice naming this window") {
    m.press(Key{Action::Char, 'J'}, t0);
    auto find = enter();
    REQUIRE(find);
    m.on_outcome(*find, with_cases({a_case("JWC-20261130-0002", "accepted")}), t0);
    REQUIRE(m.state().items.size() == 1);  // running: complete only (resume is for a wait)
    CHECK(m.state().items[0].tag == "action_complete");
    digit('1');
    REQUIRE(m.state().mode == Mode::ResultPick);
    digit('2');
    auto done = enter();
    REQUIRE(done);
    CHECK(done->kind == CommandKind::CompleteCase);
    CHECK(done->result == Message{"result_pickup", {{"window", "3"}}});
}

TEST_CASE_FIXTURE(CaseFixture, "a closed case offers nothing") {
    m.press(Key{Action::Char, 'J'}, t0);
    auto find = enter();
    m.on_outcome(*find, with_cases({a_case("JWC-20261130-0002", "completed")}), t0);
    CHECK(m.state().items.empty());
    CHECK(m.state().message.key == "case_closed_already");
    CHECK_FALSE(digit('1'));
}

TEST_CASE_FIXTURE(CaseFixture, "hand-over: pick, staff prefilled, PIN unshown, confirm sent") {
    cases_key();
    auto list = digit('7');
    REQUIRE(list);
    Outcome o{true, {}, {}, {}};
    o.handovers = {{5, 9, {"成绩单"}, "CWC", "S007", "JWC", "pending", ""},
                   {6, 9, {"x"}, "JWC", "S001", "CWC", "pending", ""}};  // sent by us: not ours
    m.on_outcome(*list, o, t0);
    REQUIRE(m.state().mode == Mode::HandoverList);
    CHECK(m.state().items.size() == 1);
    digit('1');
    REQUIRE(m.state().mode == Mode::StaffEntry);
    CHECK(m.state().entry == "S001");
    enter();
    REQUIRE(m.state().mode == Mode::PinEntry);
    for (char ch : std::string("1234")) digit(ch);
    auto lines = menu_lines(m.state(), config::Catalogue{}, config::Lang::En);
    CHECK(lines[1] == "> ****_");
    auto confirm = enter();
    REQUIRE(confirm);
    CHECK(confirm->kind == CommandKind::ConfirmHandover);
    CHECK(confirm->target_id == 5);
    CHECK(confirm->staff == "S001");
    CHECK(confirm->pin == "1234");
    CHECK(m.state().pin_typed.empty());
    m.on_outcome(*confirm, Outcome{false, {}, "wrong_pin", ""}, t0);
    CHECK(m.state().message.key == "sign_wrong_pin");
}

TEST_CASE_FIXTURE(CaseFixture, "leave: the substitute named signs with their PIN") {
    cases_key();
    auto list = digit('8');
    REQUIRE(list);
    Outcome o{true, {}, {}, {}};
    o.leave = {{11, "S002", "2026-12-03", "2026-12-03", "事假", "S001", "awaiting_substitute"},
               {12, "S001", "2026-12-04", "2026-12-04", "事假", "S002", "awaiting_substitute"}};
    m.on_outcome(*list, o, t0);
    REQUIRE(m.state().items.size() == 1);  // the second is our own request
    digit('1');
    CHECK(m.state().entry == "S001");
    enter();
    digit('9');
    auto confirm = enter();
    REQUIRE(confirm);
    CHECK(confirm->kind == CommandKind::ConfirmLeave);
    CHECK(confirm->target_id == 11);
    CHECK(confirm->pin == "9");
    m.on_outcome(*confirm, Outcome{true, {}, {}, {}}, t0);
    CHECK(m.state().message == Message{"leave_confirmed", {{"staff", "S001"}}});
}

TEST_CASE_FIXTURE(CaseFixture, "in a transfer the cases key types 0 (window 10)") {
    m.press(Key{Action::Transfer, '*'}, t0);
    digit('1');
    key(Action::Cases, '0');
    auto c = enter();
    REQUIRE(c);
    CHECK(c->kind == CommandKind::TransferWindow);
    CHECK(c->to_window == 10);
}

TEST_CASE_FIXTURE(CaseFixture, "offline the case menu does not open") {
    m.set_online(false);
    cases_key();
    CHECK(m.state().mode == Mode::Idle);
    CHECK(m.state().message.key == "hub_away");
}

TEST_CASE_FIXTURE(CaseFixture, "every case screen keeps to 10 lines of 40 columns, zh and en") {
    auto cat = config::Catalogue::load_asset("counter");
    REQUIRE(cat.ok());
    auto check_screen = [&] {
        for (auto lang : {config::Lang::Zh, config::Lang::En}) {
            auto lines = render_screen(m.state(), *cat, lang, t0);
            CHECK(lines.size() == kScreenLines);
            for (const auto& l : lines) {
                CAPTURE(l);
                CHECK(display_width(l) <= kScreenColumns);
                CHECK(l.find("⟦") == std::string::npos);  // no missing catalogue key
            }
        }
    };
    cases_key();
    check_screen();
    digit('3');
    digit('1');
    check_screen();
    key(Action::Cancel);
    cases_key();
    digit('4');
    digit('1');
    check_screen();
    key(Action::Cancel);
    m.press(Key{Action::Char, 'J'}, t0);
    check_screen();
    auto find = enter();
    m.on_outcome(*find, with_cases({a_case("JWC-20261130-0002", "accepted", "due_today")}), t0);
    check_screen();
    digit('1');
    digit('2');
    check_screen();
    key(Action::Cancel);
    m.note_printer({"printer_paper_end", {{"slip", "slip_supplement"}}});
    check_screen();
    CHECK(render_screen(m.state(), *cat, config::Lang::Zh, t0)[7] ==
          "打印机缺纸：补正告知单未打出");
}
