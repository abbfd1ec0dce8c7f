// End-to-end: onestop-kiosk against a real hub on loopback and the printer emulator.

#include <doctest/doctest.h>

#include <regex>

#include "kiosk_harness.h"
#include "onestop/base/ids.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/event_stream.h"
#include "onestop/printer/emulator.h"
#include "qr_decode.h"

using namespace kiosk_test;
using onestop::config::Lang;
namespace printer = onestop::printer;

namespace {

const char* kTranscripts = "成绩单打印与认证";  // service A in the test hall

std::string zh(const char* key) {
    static auto cat = onestop::config::Catalogue::load_asset("kiosk");
    return cat->text(key, Lang::Zh);
}

int waiting(onestop::net::HubClient& c, const std::string& service) {
    auto q = c.queue();
    if (!q) return -1;
    for (const auto& s : q->services)
        if (s.code == service) return s.waiting;
    return -1;
}

std::unique_ptr<printer::Emulator> start_printer(const fs::path& dir) {
    auto profile = printer::find_profile("80mm");
    REQUIRE(profile.ok());
    auto emu = printer::Emulator::start("127.0.0.1", 0, dir, *profile);
    REQUIRE_MESSAGE(emu.ok(), emu.error().message);
    return std::move(*emu);
}

}  // namespace

TEST_CASE(
    "e2e: a number taken at the kiosk is at the hub, on screen and on the slip, QR to its page") {
    Hall hall;
    auto emu = start_printer(hall.dir / "paper");
    fs::path work = hall.dir / "take";
    KioskRun run;
    run.args = {"--printer", "tcp:" + emu->address()};
    run.script = std::string("expect ") + kTranscripts + " 10000\n" + "tap-text " + kTranscripts +
                 "\n" + "tap-text " + zh("take_number") + "\n" + "expect " + zh("your_number") +
                 " 5000\n" + "expect " + zh("printed") + " 10000\n" + "shot " +
                 (work / "ticket.png").string() + "\n";
    REQUIRE(run_kiosk(hall, work, run, hall.kiosk_token) == 0);

    auto jobs = emu->wait_for_jobs(1, std::chrono::seconds(10));
    REQUIRE(jobs.size() == 1);
    auto codes = decode_qr(jobs[0].png);
    REQUIRE(codes.size() == 1);
    std::smatch m;
    REQUIRE(std::regex_match(codes[0], m, std::regex("(http://[^/]+)/t/([0-9]+)\\?c=(.+)")));
    CHECK(m[1].str() == hall.hub.url());
    // The screen shows the same QR as the slip.
    auto on_screen = decode_qr(work / "ticket.png");
    REQUIRE(on_screen.size() == 1);
    CHECK(on_screen[0] == codes[0]);

    auto anyone = hall.client("");
    auto ticket = anyone.get_ticket(std::stoll(m[2].str()), m[3].str());
    REQUIRE_MESSAGE(ticket.ok(), ticket.error().message);
    CHECK(std::regex_match(ticket->number, std::regex("A[0-9]{3}")));
    CHECK(ticket->status == "waiting");
    auto page = anyone.send(onestop::net::Method::Get, "/t/" + m[2].str() + "?c=" + m[3].str());
    REQUIRE(page.ok());
    CHECK(page->status == 200);
}

TEST_CASE("e2e: with the hub's --public-url, the slip's QR links the ticket's page there") {
    Hall hall({"--public-url", "https://hall.example.edu"});
    auto emu = start_printer(hall.dir / "paper");
    KioskRun run;
    run.args = {"--printer", "tcp:" + emu->address()};
    run.script = std::string("expect ") + kTranscripts + " 10000\n" + "tap-text " + kTranscripts +
                 "\n" + "tap-text " + zh("take_number") + "\n" + "expect " + zh("printed") +
                 " 10000\n";
    REQUIRE(run_kiosk(hall, hall.dir / "public", run, hall.kiosk_token) == 0);
    auto jobs = emu->wait_for_jobs(1, std::chrono::seconds(10));
    REQUIRE(jobs.size() == 1);
    auto codes = decode_qr(jobs[0].png);
    REQUIRE(codes.size() == 1);
    CHECK(std::regex_match(codes[0],
                           std::regex("https://hall\\.example\\.edu/t/[0-9]+\\?c=[0-9a-f]+")));
}

TEST_CASE(
    "e2e: printer out of paper — the ticket is still taken, the screen says so, the hub is "
    "alerted") {
    Hall hall;
    auto emu = start_printer(hall.dir / "paper");
    printer::PrinterStatus empty;
    empty.paper_end = true;
    emu->set_status(empty);

    onestop::net::StreamOptions so;
    so.base_url = hall.hub.url();
    onestop::net::EventStream events(so);
    events.start();
    REQUIRE(wait_until([&] { return events.online(); }, std::chrono::seconds(5)));

    fs::path work = hall.dir / "paper-end";
    KioskRun run;
    run.args = {"--printer", "tcp:" + emu->address()};
    // The warning's first words, as on screen.
    std::string warning = zh("printer_paper_end").substr(0, zh("printer_paper_end").find("，"));
    run.script = std::string("expect ") + kTranscripts + " 10000\n" + "tap-text " + kTranscripts +
                 "\n" + "tap-text " + zh("take_number") + "\n" + "expect " + zh("your_number") +
                 " 5000\n" + "expect " + warning + " 10000\n" + "shot " +
                 (work / "ticket.png").string() + "\n";
    REQUIRE(run_kiosk(hall, work, run, hall.kiosk_token) == 0);
    CHECK(emu->wait_for_jobs(1, std::chrono::milliseconds(0)).empty());

    bool alerted = false;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!alerted && std::chrono::steady_clock::now() < deadline) {
        auto ev = events.wait(std::chrono::milliseconds(200));
        if (ev && ev->name == "device.alert" && ev->data.value("kind", "") == "printer_paper_end")
            alerted = true;
    }
    CHECK(alerted);
    auto c = hall.client("");
    CHECK(waiting(c, "A") == 1);
    // The screen keeps the number with its QR.
    CHECK(decode_qr(work / "ticket.png").size() == 1);
}

TEST_CASE("e2e: rating at the pad reaches the hub once") {
    Hall hall;
    auto counter = hall.client(hall.counter_token);
    auto session = counter.create_session(3, "S001", "1234");
    REQUIRE_MESSAGE(session.ok(), session.error().message);
    counter.set_token(session->session);

    fs::path work = hall.dir / "pad";
    KioskRun run;
    run.args = {"--mode", "rating", "--window", "3"};
    run.script =
        "expect 王晓明 10000\n"
        "shot " +
        (work / "idle.png").string() + "\n" + "expect " + zh("rate_title") + " 15000\n" +
        "tap-text " + zh("level_4") + "\n" + "expect " + zh("thanks") + "\n";
    int status = -1;
    int streams = hall.hub.event_subscribers();
    std::thread pad([&] { status = run_kiosk(hall, work, run, hall.pad_token); });
    int64_t ticket_id = 0;
    if (wait_until([&] { return fs::exists(work / "idle.png"); }, std::chrono::seconds(15)) &&
        wait_until([&] { return hall.hub.event_subscribers() > streams; },
                   std::chrono::seconds(15))) {
        auto kiosk = hall.client(hall.kiosk_token);
        onestop::net::IssueRequest req;
        req.service = "E";
        req.request_id = onestop::new_uuid();
        auto t = kiosk.issue_ticket(req);
        REQUIRE(t.ok());
        ticket_id = t->id;
        REQUIRE(counter.call_next(3).ok());
        REQUIRE(counter.finish(3).ok());
    }
    pad.join();
    REQUIRE(status == 0);
    // The pad's rating is in: a second one for the same ticket is refused.
    auto pad_client = hall.client(hall.pad_token);
    onestop::net::Evaluation again;
    again.ticket = ticket_id;
    again.level = 5;
    auto second = pad_client.send(onestop::net::Method::Post, "/api/v1/evaluations",
                                  onestop::net::to_json(again));
    REQUIRE(second.ok());
    CHECK(second->status == 409);
}

TEST_CASE(
    "e2e: hub killed and restarted mid-way — offline numbers replayed, nothing lost or doubled") {
    Hall hall;
    fs::path work = hall.dir / "outage";
    std::string take = std::string("tap-text ") + kTranscripts + "\ntap-text " + zh("take_number") +
                       "\n" + "expect " + zh("your_number") + " 5000\n";
    KioskRun run;
    run.script = std::string("expect ") + kTranscripts + " 10000\n" + take + "shot " +
                 (work / "first.png").string() + "\n" + "tap-text " + zh("done") + "\n" +
                 "expect " + zh("offline_mark") + " 15000\n" + take + "expect " +
                 zh("offline_ticket") + "\n" + "tap-text " + zh("done") + "\n" + take + "shot " +
                 (work / "third.png").string() + "\n" + "tap-text " + zh("done") + "\n" +
                 "expect-gone " + zh("offline_mark") + " 20000\n" + "wait 2000\n";
    int status = -1;
    std::thread kiosk([&] { status = run_kiosk(hall, work, run, hall.kiosk_token); });
    bool first =
        wait_until([&] { return fs::exists(work / "first.png"); }, std::chrono::seconds(20));
    if (first) hall.hub.kill9();
    bool third =
        wait_until([&] { return fs::exists(work / "third.png"); }, std::chrono::seconds(30));
    int port = hall.hub.port();
    if (first) hall.hub.start(port);
    kiosk.join();
    REQUIRE(first);
    REQUIRE(third);
    REQUIRE(status == 0);

    auto c = hall.client("");
    CHECK(wait_until([&] { return waiting(c, "A") == 3; }, std::chrono::seconds(10)));
    // Run the kiosk again on the same state file: nothing is sent twice.
    KioskRun again;
    again.script = std::string("expect ") + kTranscripts + " 10000\nwait 1500\n";
    REQUIRE(run_kiosk(hall, work, again, hall.kiosk_token) == 0);
    CHECK(waiting(c, "A") == 3);
}
