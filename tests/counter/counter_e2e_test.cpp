// onestop-counter end to end: the real program driven through --input tty against a real
// hub on loopback, in English so the expected texts read plainly (they come from the
// same catalogue the program uses).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <fstream>

#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"
#include "temp_dir.h"

using namespace onestop;
using namespace std::chrono_literals;
using test::HubProcess;
using Json = net::Json;

namespace {

// A Wednesday at 10:00 in the hall: every fixed window is open.
constexpr const char* kOfficeHours = "2026-11-25T10:00:00+08:00";

std::string text(const std::string& key, const std::map<std::string, std::string>& args = {}) {
    static const config::Catalogue cat = *config::Catalogue::load_asset("counter");
    return cat.text(key, config::Lang::En, args);
}

struct Hall {
    test::TempDir dir;
    HubProcess hub{{dir / "hall.db", kOfficeHours, "", {}}};
    std::string kiosk_token;
    std::string counter_token;

    Hall() {
        hub.start();
        kiosk_token = hub.create_token("kiosk", "kiosk-test");
        counter_token = hub.create_token("counter", "counter-test");
        hub.add_staff("S001", "王丽", "JWC", "1234");
    }

    net::Ticket issue(const std::string& service) {
        net::HubClient kiosk({hub.url(), kiosk_token});
        auto t = kiosk.issue_ticket({service, net::Priority::Normal, new_uuid(), {}, {}, {}});
        REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().message));
        return *t;
    }
    net::WindowInfo window(int n) {
        net::HubClient anyone({hub.url(), ""});
        auto w = anyone.window_info(n);
        REQUIRE_MESSAGE(w.ok(), (w.ok() ? "" : w.error().message));
        return *w;
    }
    net::Ticket ticket(const net::Ticket& t) {
        net::HubClient anyone({hub.url(), ""});
        auto r = anyone.get_ticket(t.id, t.code);
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
        return *r;
    }
    // The token travels in a file, as in a real hall: never on the command line.
    std::vector<std::string> counter_args(const std::string& pin = "1234", int window = 1) {
        const auto token_file = dir / "counter.token";
        std::ofstream(token_file) << counter_token << "\n";
        return {"--window",     std::to_string(window),
                "--staff",      "S001",
                "--pin",        pin,
                "--hub",        hub.url(),
                "--token-file", token_file.string(),
                "--lang",       "en",
                "--input",      "tty"};
    }
    // Keys go in on a pipe, the screen comes out on one: a test presses step by step and
    // waits for what the screen shows.
    test::ChildProcess counter() {
        auto args = counter_args();
        args.insert(args.begin(), test::bin_path("onestop-counter"));
        return test::ChildProcess(args, {.in = test::Stream::pipe(), .out = test::Stream::pipe()});
    }
};

}  // namespace

TEST_CASE("call, recall, no-show, call, finish; the finish asks the pad for a rating") {
    Hall hall;
    auto a1 = hall.issue("A");
    auto a2 = hall.issue("A");
    hall.issue("B");

    net::StreamOptions so;
    so.base_url = hall.hub.url();
    net::EventStream events(so);
    events.start();

    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for("Waiting 3"));
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    counter.write(".");
    REQUIRE(counter.wait_for(text("recalled", {{"number", "A001"}})));
    counter.write("-");
    REQUIRE(counter.wait_for(text("no_show_done", {{"number", "A001"}})));
    CHECK(hall.ticket(a1).status == "no_show");

    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A002"}})));
    counter.write("\n");
    REQUIRE(counter.wait_for(text("finished", {{"number", "A002"}})));
    CHECK(hall.ticket(a2).status == "done");
    CHECK_FALSE(hall.window(1).window.current.has_value());

    counter.close_input();
    REQUIRE(counter.wait_for(text("logged_out", {{"staff", "S001"}})));
    CHECK(counter.wait(10s) == 0);

    // The stream saw the sign-in, the rating request for window 1 and the sign-out.
    bool started = false, rating = false, ended = false;
    auto deadline = std::chrono::steady_clock::now() + 5s;
    while (!(started && rating && ended) && std::chrono::steady_clock::now() < deadline) {
        auto ev = events.wait(200ms);
        if (!ev) continue;
        if (ev->name == "session.started" && ev->data.value("window", 0) == 1) started = true;
        if (ev->name == "evaluation.requested" && ev->data.value("number", "") == "A002" &&
            ev->data.value("window", 0) == 1)
            rating = true;
        if (ev->name == "session.ended" && ev->data.value("window", 0) == 1) ended = true;
    }
    CHECK(started);
    CHECK(rating);
    CHECK(ended);
}

TEST_CASE("transfer to a window and to a service keeps the number waiting") {
    Hall hall;
    auto a1 = hall.issue("A");
    auto a2 = hall.issue("A");
    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));

    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    // Window 10 (the hall office's general window) also serves A.
    counter.write("*10");
    REQUIRE(counter.wait_for(text("transfer_to_window", {{"number", "A001"}, {"window", "10"}})));
    counter.write("\n");
    REQUIRE(counter.wait_for(text("transferred_window", {{"number", "A001"}, {"window", "10"}})));
    auto t1 = hall.ticket(a1);
    CHECK(t1.status == "waiting");
    CHECK(t1.number == "A001");
    CHECK(hall.window(10).waiting >= 1);

    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A002"}})));
    // A service code typed as a letter; window 2 serves C.
    CHECK(hall.window(2).waiting == 0);
    counter.write("*c\n");
    REQUIRE(counter.wait_for(text("transferred_service", {{"number", "A002"}, {"service", "C"}})));
    auto t2 = hall.ticket(a2);
    CHECK(t2.status == "waiting");
    CHECK(t2.number == "A002");
    CHECK(hall.window(2).waiting == 1);

    counter.write("+");
    REQUIRE(counter.wait_for(text("nobody_waiting")));
    counter.close_input();
    CHECK(counter.wait(10s) == 0);
}

TEST_CASE("pause with a reason and resume; call next is refused while paused") {
    Hall hall;
    hall.issue("B");
    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("/");
    REQUIRE(counter.wait_for(text("help_pause")));
    counter.write("2");
    REQUIRE(counter.wait_for(text("paused_done", {{"reason", text("reason_meeting")}})));
    auto w = hall.window(1);
    CHECK(w.window.status == "paused");
    CHECK(w.pause_reason == "meeting");

    counter.write("+");
    REQUIRE(counter.wait_for(text("paused_refuse")));
    CHECK_FALSE(hall.window(1).window.current.has_value());

    counter.write("/");
    REQUIRE(counter.wait_for(text("resumed")));
    CHECK(hall.window(1).window.status == "open");
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "B001"}})));
    counter.close_input();
    CHECK(counter.wait(10s) == 0);
}

TEST_CASE("a double press calls one number, not two") {
    Hall hall;
    hall.issue("A");
    hall.issue("A");
    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("++");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    counter.close_input();
    CHECK(counter.wait(10s) == 0);
    auto w = hall.window(1);
    CHECK(w.window.current == std::optional<std::string>("A001"));
    CHECK(w.waiting == 1);  // A002 still waits
    CHECK(counter.output().find(text("called", {{"number", "A002"}})) == std::string::npos);
}

TEST_CASE("a wrong PIN says so and exits non-zero; repeated wrong PINs lock the account") {
    Hall hall;
    auto wrong = test::run_program([&] {
        auto a = hall.counter_args("9999");
        a.insert(a.begin(), test::bin_path("onestop-counter"));
        return a;
    }());
    CHECK(wrong.status == 3);
    CHECK(wrong.out.find(text("login_wrong_pin", {{"staff", "S001"}})) != std::string::npos);

    test::RunResult last;
    for (int i = 0; i < 6; ++i) {
        auto a = hall.counter_args("0000");
        a.insert(a.begin(), test::bin_path("onestop-counter"));
        last = test::run_program(a);
        if (last.out.find(text("login_locked", {{"staff", "S001"}})) != std::string::npos) break;
    }
    CHECK(last.status == 3);
    CHECK(last.out.find(text("login_locked", {{"staff", "S001"}})) != std::string::npos);

    // Without any PIN and no terminal to type it on.
    auto a = hall.counter_args();
    a.erase(a.begin() + 4, a.begin() + 6);  // drop --pin 1234
    a.insert(a.begin(), test::bin_path("onestop-counter"));
    auto none = test::run_program(a);
    CHECK(none.status == 2);
    CHECK(none.out.find(text("no_pin")) != std::string::npos);
}

TEST_CASE(
    "hub down mid-shift: presses are refused, nothing fires later, work resumes when it is back") {
    Hall hall;
    hall.issue("A");
    hall.issue("A");
    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));

    int port = hall.hub.port();
    hall.hub.kill9();
    REQUIRE(counter.wait_for(text("link_offline")));
    counter.write("+");
    REQUIRE(counter.wait_for(text("hub_away")));

    hall.hub.start(port);
    REQUIRE(counter.wait_for(text("link_online"), 10s));
    // The refused press did not fire on reconnect: A001 is still the one at the window.
    auto w = hall.window(1);
    CHECK(w.window.current == std::optional<std::string>("A001"));
    CHECK(w.waiting == 1);

    counter.write("\n");
    REQUIRE(counter.wait_for(text("finished", {{"number", "A001"}})));
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A002"}})));
    counter.close_input();
    REQUIRE(counter.wait_for(text("logged_out", {{"staff", "S001"}})));
    CHECK(counter.wait(10s) == 0);
}

TEST_CASE("sign-out shows the day's work log and keeps the note typed there (第十八条)") {
    Hall hall;
    hall.hub.add_staff("S002", "李明", "JWC", "1234");
    hall.issue("A");
    const std::string admin_token = hall.hub.create_token("admin", "admin-test");
    net::HubClient office({hall.hub.url(), admin_token});
    // Someone else stays on duty, so no closing round follows the note.
    net::HubClient other({hall.hub.url(), hall.counter_token});
    REQUIRE(other.create_session(2, "S002", "1234").ok());

    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    counter.write("\n");
    REQUIRE(counter.wait_for(text("finished", {{"number", "A001"}})));
    counter.write("09");
    REQUIRE(counter.wait_for(
        text("worklog_counts",
             {{"served", "1"}, {"opened", "0"}, {"completed", "0"}, {"handovers", "0"}})));
    // A terminal's keyboard: letters, a space, a comma and an input method's Chinese; one
    // Backspace takes the last character (three bytes) off.
    counter.write("quiet day, \xE6\x95\xB4\xE7\x90\x86\xE6\xA1\xA3\xE6\xA1\x88\xE6\x9D\xA5\x7f");
    REQUIRE(counter.wait_for("> QUIET DAY, 整理档案_"));
    counter.write("\n");
    REQUIRE(counter.wait_for(text("logged_out", {{"staff", "S001"}})));
    CHECK(counter.wait(10s) == 0);
    CHECK(counter.output().find(text("closing_prompt")) == std::string::npos);

    auto log = office.call(net::Method::Get, "/api/v1/worklog?staff=S001");
    REQUIRE_MESSAGE(log.ok(), (log.ok() ? "" : log.error().message));
    REQUIRE(log->body["rows"].size() == 1);
    CHECK(log->body["rows"][0]["tickets_served"] == 1);
    CHECK(log->body["rows"][0]["note"] == "QUIET DAY, 整理档案");

    // Signing in again the same day: the note is shown, and Enter keeps it (no new version).
    auto again = hall.counter();
    INFO("second counter output:\n" << again.output());
    REQUIRE(again.wait_for(text("ready")));
    again.write("09");
    REQUIRE(again.wait_for("> QUIET DAY, 整理档案_"));
    again.write("\n");
    REQUIRE(again.wait_for(text("logged_out", {{"staff", "S001"}})));
    log = office.call(net::Method::Get, "/api/v1/worklog?staff=S001");
    REQUIRE(log.ok());
    CHECK(log->body["rows"][0]["note_versions"].size() == 1);
}

TEST_CASE("the last one out answers the closing round before signing out; others are not asked") {
    Hall hall;
    hall.hub.add_staff("S002", "李明", "JWC", "1234");
    const std::string admin_token = hall.hub.create_token("admin", "admin-test");
    net::HubClient office({hall.hub.url(), admin_token});
    auto closings = [&] {
        auto r = office.call(net::Method::Get, "/api/v1/hall/closings");
        REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message));
        return r->body["closings"];
    };
    // S002 is signed in at window 2: S001 is not the last one out.
    net::HubClient other({hall.hub.url(), hall.counter_token});
    auto session = other.create_session(2, "S002", "1234");
    REQUIRE(session.ok());
    {
        auto counter = hall.counter();
        INFO("counter output:\n" << counter.output());
        REQUIRE(counter.wait_for(text("ready")));
        counter.write("09");  // the menu's sign-out: first the day's work log and its note
        REQUIRE(counter.wait_for(text("worklog_hint")));
        counter.write("\n");  // no note
        REQUIRE(counter.wait_for(text("logged_out", {{"staff", "S001"}})));
        CHECK(counter.wait(10s) == 0);
        CHECK(counter.output().find(text("closing_prompt")) == std::string::npos);
    }
    other.set_token(session->session);
    REQUIRE(other.end_session().ok());
    CHECK(closings().empty());

    // Now S001 is the last one out: the checklist, one check not done, a note.
    auto counter = hall.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("09\n");  // the work log without a note, then the round
    REQUIRE(counter.wait_for(text("closing_prompt")));
    counter.write("\x1b");  // Esc: stays signed in
    REQUIRE(counter.wait_for(text("closing_stay")));
    counter.write("09\n");
    REQUIRE(counter.wait_for(text("closing_prompt")));
    counter.write("124");
    REQUIRE(counter.wait_for("[x]1 " + text("closing_doors_windows") + "  [x]2 " +
                             text("closing_lights")));
    counter.write("\n");
    REQUIRE(counter.wait_for(text("closing_unticked", {{"items", "3"}})));
    counter.write("0ACBROKEN\n");
    REQUIRE(counter.wait_for(text("closing_recorded")));
    REQUIRE(counter.wait_for(text("logged_out", {{"staff", "S001"}})));
    CHECK(counter.wait(10s) == 0);

    Json rounds = closings();
    REQUIRE(rounds.size() == 1);
    CHECK(rounds[0]["staff"] == "S001");
    CHECK(rounds[0]["window"] == 1);
    CHECK(rounds[0]["checks"] == Json{{"doors_windows", true},
                                      {"lights", true},
                                      {"air_conditioning", false},
                                      {"other_power", true}});
    CHECK(rounds[0]["all_done"] == false);
    CHECK(rounds[0]["note"] == "ACBROKEN");
}

TEST_CASE("the unit's cases falling due stay on the counter's screen (第二十五条)") {
    Hall hall;
    hall.issue("A");
    std::string number;
    {
        auto counter = hall.counter();
        INFO("counter output:\n" << counter.output());
        REQUIRE(counter.wait_for(text("ready")));
        counter.write("+");
        REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
        counter.write("02\n");  // a deadline case, promised days ahead: not due yet
        REQUIRE(counter.wait_for(text("mode_deadline")));
        CHECK(counter.output().find(text("cases_due", {{"overdue", "0"}, {"soon", "1"}})) ==
              std::string::npos);
        counter.close_input();
        CHECK(counter.wait(10s) == 0);
    }
    net::HubClient admin({hall.hub.url(), hall.hub.create_token("admin", "admin-test")});
    auto open = admin.cases({"JWC", "accepted", false, {}});
    REQUIRE(open.ok());
    REQUIRE(open->size() == 1);
    const std::string promised = open->front().promised_date;

    // The promised day comes: the same hall's hub started on it.
    REQUIRE(hall.hub.terminate() == 0);
    HubProcess later({hall.dir / "hall.db", promised + "T10:00:00+08:00", "", {}});
    later.start();
    auto args = hall.counter_args();
    *(std::find(args.begin(), args.end(), "--hub") + 1) = later.url();
    args.insert(args.begin(), test::bin_path("onestop-counter"));
    test::ChildProcess counter(args, {.in = test::Stream::pipe(), .out = test::Stream::pipe()});
    INFO("counter output on the promised day:\n" << counter.output());
    REQUIRE(counter.wait_for(text("cases_due", {{"overdue", "0"}, {"soon", "1"}})));
    counter.close_input();
    CHECK(counter.wait(10s) == 0);
}

TEST_CASE("hub unreachable at sign-in exits 4") {
    test::TempDir dir;
    int closed_port;
    {
        HubProcess gone({dir / "gone.db", kOfficeHours, "", {}});
        gone.start();
        closed_port = gone.port();
    }
    auto r = test::run_program({test::bin_path("onestop-counter"), "--window", "1", "--staff",
                                "S001", "--pin", "1", "--hub",
                                "http://127.0.0.1:" + std::to_string(closed_port), "--lang", "en"});
    CHECK(r.status == 4);
    CHECK(r.out.find("Cannot reach the hub") != std::string::npos);
}

TEST_CASE("at a terminal the PIN is typed unechoed; a wrong one asks again; Ctrl-D signs out") {
    Hall hall;
    auto args = hall.counter_args();
    args.erase(args.begin() + 4, args.begin() + 6);  // no --pin: it is typed
    args.insert(args.begin(), test::bin_path("onestop-counter"));
    test::ChildProcess counter(args, {.terminal = true});
    INFO("terminal output:\n" << counter.output());
    const std::string prompt = text("pin_prompt", {{"staff", "S001"}, {"window", "1"}});
    REQUIRE(counter.wait_for(prompt.substr(0, prompt.size() - 1)));
    CHECK(counter.write("9876\r"));
    REQUIRE(counter.wait_for(text("login_wrong_pin", {{"staff", "S001"}})));
    REQUIRE(counter.wait_for(prompt.substr(0, prompt.size() - 1)));
    CHECK(counter.write("1234\r"));
    REQUIRE(counter.wait_for(text("ready")));
    CHECK(counter.output().find("9876") == std::string::npos);
    CHECK(counter.output().find("1234") == std::string::npos);
    // A key at a terminal acts at once, without Enter.
    hall.issue("A");
    REQUIRE(counter.wait_for("Waiting 1"));
    CHECK(counter.write("+"));
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    CHECK(counter.write("\x04"));
    REQUIRE(counter.wait_for(text("logged_out", {{"staff", "S001"}})));
    CHECK(counter.wait(10s) == 0);
}
