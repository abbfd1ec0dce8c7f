// Case slips end to end: the real onestop-counter (--input tty --printer tcp:…) against a
// real hub on loopback and the ESC/POS emulator in-process. The slips the emulator renders
// are read back as a person would: tesseract OCR for the text, zbar for the QR.
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "hub_process.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/hub_client.h"
#include "onestop/printer/emulator.h"
#include "png_tools.h"
#include "temp_dir.h"

using namespace onestop;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A Wednesday at 10:00 in the hall: every fixed window is open.
constexpr const char* kOfficeHours = "2026-11-25T10:00:00+08:00";

std::string text(const std::string& key, const std::map<std::string, std::string>& args = {}) {
    static const config::Catalogue cat = *config::Catalogue::load_asset("counter");
    return cat.text(key, config::Lang::Zh, args);
}

std::string on_path(const std::string& program) {
    std::stringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin");
    for (std::string dir; std::getline(path, dir, ':');)
        if (::access((fs::path(dir) / program).c_str(), X_OK) == 0) return fs::path(dir) / program;
    return {};
}

// The slip's text as tesseract reads it (Chinese and English), without the spaces OCR puts
// between Chinese characters. The titles print double size and bold, which OCR misreads:
// the checks are on the body's lines.
std::string ocr(const fs::path& png) {
    const std::string tesseract = on_path("tesseract");
    REQUIRE_MESSAGE(!tesseract.empty(), "tesseract is not installed (scripts/setup installs it)");
    auto r =
        test::run_program({tesseract, png.string(), "stdout", "-l", "chi_sim+eng", "--psm", "6"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string out;
    for (char c : r.out)
        if (c != ' ') out += c;
    return out;
}

struct Window {
    test::TempDir dir;
    test::HubProcess hub{{dir / "hall.db", kOfficeHours, "", {}}};
    std::string kiosk_token, counter_token;
    std::unique_ptr<printer::Emulator> printer;

    Window() {
        hub.start();
        kiosk_token = hub.create_token("kiosk", "kiosk-test");
        counter_token = hub.create_token("counter", "counter-test");
        hub.add_staff("S001", "王丽", "JWC", "1234");
        auto emu = printer::Emulator::start("127.0.0.1", 0, dir / "slips",
                                            printer::find_profile("80mm").value());
        REQUIRE_MESSAGE(emu.ok(), (emu.ok() ? "" : emu.error().message));
        printer = std::move(*emu);
    }

    void issue(const std::string& service) {
        net::HubClient kiosk({hub.url(), kiosk_token});
        auto t = kiosk.issue_ticket(
            {service, net::Priority::Normal, "r-" + std::to_string(++issued), {}, {}, {}});
        REQUIRE_MESSAGE(t.ok(), (t.ok() ? "" : t.error().message));
    }
    net::CaseInfo find_case(const std::string& number) {
        net::HubClient admin({hub.url(), hub.create_token("admin", "look-" + number)});
        auto found = admin.cases({{}, {}, false, number});
        REQUIRE_MESSAGE(found.ok(), (found.ok() ? "" : found.error().message));
        REQUIRE(found->size() == 1);
        return found->front();
    }
    test::ChildProcess counter() {
        const auto token_file = dir / "counter.token";
        std::ofstream(token_file) << counter_token << "\n";
        return test::ChildProcess(
            {test::bin_path("onestop-counter"), "--window", "1", "--staff", "S001", "--pin", "1234",
             "--hub", hub.url(), "--token-file", token_file.string(), "--lang", "zh", "--input",
             "tty", "--printer", "tcp:" + printer->address()},
            {.in = test::Stream::pipe(), .out = test::Stream::pipe()});
    }
    int issued = 0;
};

// The case number the screen announced after "已受理 ".
std::string opened_number(const std::string& screen) {
    const std::string mark = text("case_opened", {{"number", "@"}, {"mode", "#"}});
    const std::string before = mark.substr(0, mark.find('@'));
    auto at = screen.rfind(before);
    REQUIRE(at != std::string::npos);
    at += before.size();
    return screen.substr(at, screen.find_first_of("（ \n", at) - at);
}

}  // namespace

TEST_CASE(
    "supplement, return and acceptance slips print at once: case number, materials, reason, "
    "promised date, QR") {
    Window w;
    w.issue("A");
    w.issue("A");
    w.issue("A");
    auto counter = w.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));

    // 补正: call A001, 0 opens the case menu, 3 supplement, tick both materials, Enter.
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    counter.write("0");
    REQUIRE(counter.wait_for(text("case_menu_more")));
    counter.write("3");
    REQUIRE(counter.wait_for(text("pick_materials", {{"n", "0"}})));
    counter.write("12");
    REQUIRE(counter.wait_for(text("pick_materials", {{"n", "2"}})));
    counter.write("\n");
    REQUIRE(counter.wait_for(text("mode_supplement") + "）"));
    const std::string supplement = opened_number(counter.output());
    CHECK(supplement.starts_with("JWC-20261125-"));

    auto jobs = w.printer->wait_for_jobs(1, 15s);
    REQUIRE(jobs.size() == 1);
    const std::string slip = ocr(jobs[0].png);
    INFO("supplement slip OCR:\n" << slip);
    CHECK(slip.find(supplement) != std::string::npos);
    CHECK(slip.find("学生证或身份证原件") != std::string::npos);
    CHECK(slip.find("委托书") != std::string::npos);
    // The QR opens the case page with its code; the hub knows no public URL here, so the
    // counter builds it on the hub's address.
    const net::CaseInfo c = w.find_case(supplement);
    CHECK(c.status == "awaiting_supplement");
    CHECK(c.missing.size() == 2);
    auto codes = printer::testing::read_qr_codes(jobs[0].png);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0].starts_with(w.hub.url() + "/c/" + std::to_string(c.id) + "?c="));

    // 退回: call A002, 0, 4 return, reason 1 (the hall's first: 不符合办理条件), Enter.
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A002"}})));
    counter.write("04");
    REQUIRE(
        counter.wait_for(text("pick_reason", {{"number", "A002"}, {"mode", text("mode_return")}})));
    counter.write("1\n");
    REQUIRE(counter.wait_for(text("mode_return") + "）"));
    const std::string returned = opened_number(counter.output());
    CHECK(returned != supplement);

    jobs = w.printer->wait_for_jobs(2, 15s);
    REQUIRE(jobs.size() == 2);
    const std::string back = ocr(jobs[1].png);
    INFO("return slip OCR:\n" << back);
    CHECK(back.find(returned) != std::string::npos);
    CHECK(back.find("不符合办理条件") != std::string::npos);
    CHECK(w.find_case(returned).status == "returned");

    // 限时办结: call A003, 0, 2 deadline, Enter. The 受理通知书 lists what was taken in (all
    // of the service's materials) and the promised date.
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A003"}})));
    counter.write("02\n");
    REQUIRE(counter.wait_for(text("mode_deadline") + "）"));
    const std::string accepted = opened_number(counter.output());
    jobs = w.printer->wait_for_jobs(3, 15s);
    REQUIRE(jobs.size() == 3);
    const std::string receipt = ocr(jobs[2].png);
    INFO("acceptance receipt OCR:\n" << receipt);
    const net::CaseInfo deadline = w.find_case(accepted);
    CHECK(receipt.find(accepted) != std::string::npos);
    CHECK(receipt.find(deadline.promised_date) != std::string::npos);
    CHECK(receipt.find("已收材料") != std::string::npos);
    CHECK(receipt.find("学生证或身份证原件") != std::string::npos);
    CHECK(receipt.find("委托书") != std::string::npos);

    counter.close_input();
    CHECK(counter.wait(10s) == 0);
}

TEST_CASE("a printer that is away shows on the screen; the case is kept all the same") {
    Window w;
    w.issue("A");
    w.printer->stop();  // switched off: nothing listens on its port
    auto counter = w.counter();
    INFO("counter output:\n" << counter.output());
    REQUIRE(counter.wait_for(text("ready")));
    counter.write("+");
    REQUIRE(counter.wait_for(text("called", {{"number", "A001"}})));
    counter.write("02\n");  // a deadline case: 受理通知书
    REQUIRE(counter.wait_for(text("mode_deadline") + "）"));
    const std::string number = opened_number(counter.output());
    REQUIRE(counter.wait_for(text("printer_offline", {{"slip", text("slip_deadline")}})));
    CHECK(w.find_case(number).status == "accepted");
    // The keys go on working while the printer is away.
    counter.write("\n");
    REQUIRE(counter.wait_for(text("finished", {{"number", "A001"}})));
    counter.close_input();
    CHECK(counter.wait(10s) == 0);
}
