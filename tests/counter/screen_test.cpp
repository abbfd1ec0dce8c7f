#include <doctest/doctest.h>

#include "onestop/counter/screen.h"

using namespace onestop;
using namespace onestop::counter;
using namespace std::chrono_literals;

namespace {

config::Catalogue catalogue() {
    auto c = config::Catalogue::load_asset("counter");
    REQUIRE_MESSAGE(c.ok(), (c.ok() ? "" : c.error().message));
    return *c;
}

}  // namespace

TEST_CASE("display width counts Chinese characters as two columns") {
    CHECK(display_width("A012") == 4);
    CHECK(display_width("窗口 3") == 6);
    CHECK(fit("窗口窗口", 5) == "窗口");
    CHECK(fit("abc", 10) == "abc");
    auto lines = wrap("Hub unreachable: not done, press later again please", 20);
    for (const auto& l : lines) CHECK(display_width(l) <= 20);
    CHECK(lines.front() == "Hub unreachable:");
}

TEST_CASE("every screen fits 40 columns and 10 lines, in both languages") {
    auto cat = catalogue();
    Instant t0{};
    CounterState s;
    s.window = 12;
    s.window_name = {"研究生院学位证明与成绩单综合服务窗口",
                     "Graduate School degree certificates and transcripts"};
    s.staff_number = "S010";
    s.staff_name = "吴芳";
    s.current = "A123";
    s.served_since = t0;
    s.waiting = 17;
    const std::vector<Message> messages = {
        {"ready", {}},
        {"hub_away", {}},
        {"transfer_to_service", {{"number", "A123"}, {"service", "B"}}},
        {"finished", {{"number", "A123"}}},
        {"hub_error", {{"message", std::string(200, 'x')}}},
        {"paused_done", {{"reason", "meeting"}}},
    };
    for (auto lang : {config::Lang::Zh, config::Lang::En}) {
        for (int mode = 0; mode < 3; ++mode) {
            for (const auto& msg : messages) {
                s.mode = static_cast<Mode>(mode);
                s.message = msg;
                s.online = mode != 1;
                s.paused = mode == 2;
                s.pause_reason = "break";
                auto lines = render_screen(s, cat, lang, t0 + 3725s);
                CHECK(lines.size() <= 10);
                for (const auto& l : lines) {
                    CAPTURE(l);
                    CHECK(display_width(l) <= 40);
                    CHECK(l.find("⟦") == std::string::npos);  // every key exists
                }
            }
        }
    }
}

TEST_CASE("the screen shows window, staff, number with served time, waiting, result and link") {
    auto cat = catalogue();
    Instant t0{};
    CounterState s;
    s.window = 3;
    s.window_name = {"教务综合", "Academic"};
    s.staff_number = "S001";
    s.staff_name = "王丽";
    s.current = "A012";
    s.served_since = t0;
    s.waiting = 5;
    s.message = {"called", {{"number", "A012"}}};
    auto en = render_screen(s, cat, config::Lang::En, t0 + 125s);
    std::string all;
    for (const auto& l : en) all += l + "\n";
    CAPTURE(all);
    CHECK(all.find("Window 3 Academic") != std::string::npos);
    CHECK(all.find("Staff S001 王丽") != std::string::npos);
    CHECK(all.find("A012  for 02:05") != std::string::npos);
    CHECK(all.find("Waiting 5") != std::string::npos);
    CHECK(all.find("Called A012") != std::string::npos);
    CHECK(all.find("Hub: online") != std::string::npos);

    s.online = false;
    s.paused = true;
    s.pause_reason = "meeting";
    auto zh = render_screen(s, cat, config::Lang::Zh, t0 + 125s);
    all.clear();
    for (const auto& l : zh) all += l + "\n";
    CHECK(all.find("暂停（开会）") != std::string::npos);
    CHECK(all.find("中心：离线") != std::string::npos);
}

TEST_CASE("the unit's cases falling due stay on the second message line, under printer trouble") {
    auto cat = catalogue();
    CounterState s;
    s.window = 3;
    s.message = {"ready", {}};
    auto line7 = [&](config::Lang lang) { return render_screen(s, cat, lang, Instant{})[7]; };
    CHECK(line7(config::Lang::Zh).empty());  // nothing due: nothing said
    s.cases_overdue = 1;
    s.cases_due_soon = 12;
    CHECK(line7(config::Lang::Zh) == "办件：超期1件 临期12件（0 5查看）");
    CHECK(line7(config::Lang::En) == "Cases: 1 overdue, 12 due soon (0 5)");
    s.printer = {"printer_paper_end", {{"slip", "slip_deadline"}}};
    CHECK(line7(config::Lang::Zh).find("办件") == std::string::npos);
    for (auto lang : {config::Lang::Zh, config::Lang::En})
        for (const auto& l : render_screen(s, cat, lang, Instant{})) CHECK(display_width(l) <= 40);
}

TEST_CASE("message reasons are translated") {
    auto cat = catalogue();
    CHECK(message_text({"paused_done", {{"reason", "break"}}}, cat, config::Lang::Zh) ==
          "窗口已暂停（休息），按 / 恢复");
}
