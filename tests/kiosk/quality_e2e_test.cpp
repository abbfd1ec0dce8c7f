// End-to-end for the quality loop at the kiosk (issue 15): the 意见箱 files a complaint the
// hub has as the kiosk's, with a QR to its page; with the hub away nothing is filed and
// 再试一次 files it once; a bad rating's phone number reaches its follow-up.

#include <doctest/doctest.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <regex>

#include "kiosk_harness.h"
#include "onestop/base/ids.h"
#include "onestop/config/catalogue.h"
#include "qr_decode.h"

using namespace kiosk_test;
using onestop::config::Lang;
using onestop::net::Method;

namespace {

std::string zh(const char* key) {
    static auto cat = onestop::config::Catalogue::load_asset("kiosk");
    return cat->text(key, Lang::Zh);
}

// Script lines that type `digits` on the number pad.
std::string type(const std::string& digits) {
    std::string out;
    for (char c : digits) out += std::string("tap-text ") + c + "\n";
    return out;
}

// From home to the phone step: about window 3, 服务态度 and 等候时间.
std::string complaint_about_window_3() {
    return "expect 成绩单打印与认证 10000\n"
           "tap-text " +
           zh("complaint_entry") + "\nexpect " + zh("complaint_about_prompt") + "\ntap-text " +
           zh("complaint_about_window") + "\n" + type("3") + "tap-text " + zh("next_step") +
           "\ntap-text " + zh("complaint_kind_attitude") + "\ntap-text " +
           zh("complaint_kind_waiting") + "\ntap-text " + zh("next_step") + "\nexpect " +
           zh("complaint_phone_prompt") + "\n";
}

struct PageLink {
    std::string base;
    int64_t id = 0;
    std::string code;
};

// The complaint's page from the QR on the result screen.
PageLink page_link(const fs::path& shot) {
    auto codes = decode_qr(shot);
    REQUIRE(codes.size() == 1);
    std::smatch m;
    REQUIRE_MESSAGE(
        std::regex_match(codes[0], m,
                         std::regex("(http://[^/]+)/complaint/([0-9]+)\\?c=([0-9a-f]+)")),
        codes[0]);
    return {m[1].str(), std::stoll(m[2].str()), m[3].str()};
}

onestop::net::Json complaints(const Hall& hall) {
    auto admin = hall.client(hall.admin_token);
    auto r = admin.call(Method::Get, "/api/v1/complaints?status=all");
    REQUIRE_MESSAGE(r.ok(), r.error().message);
    return r->body["complaints"];
}

}  // namespace

TEST_CASE("e2e: a complaint from the 意见箱 reaches the hub as the kiosk's, QR to its page") {
    Hall hall;
    fs::path work = hall.dir / "complaint";
    KioskRun run;
    run.script = complaint_about_window_3() + type("13800001111") + "tap-text " +
                 zh("complaint_submit") + "\nexpect " + zh("complaint_received") + " 10000\nshot " +
                 (work / "sent.png").string() + "\n";
    REQUIRE(run_kiosk(hall, work, run, hall.kiosk_token) == 0);

    PageLink link = page_link(work / "sent.png");
    CHECK(link.base == hall.hub.url());
    auto admin = hall.client(hall.admin_token);
    auto got = admin.call(Method::Get, "/api/v1/complaints/" + std::to_string(link.id));
    REQUIRE_MESSAGE(got.ok(), got.error().message);
    const auto& k = got->body["complaint"];
    CHECK(k["channel"] == "kiosk");
    CHECK(k["about"] == "window:3");
    CHECK(k["window"] == 3);
    CHECK(k["unit"] == "YJSY");  // window 3's unit in the test hall
    CHECK(k["text"] == "服务态度、等候时间");
    CHECK(k["contact"] == "13800001111");
    CHECK(k["code"] == link.code);
    CHECK(k["entered_by"].get<std::string>().find("entrance kiosk") != std::string::npos);
    // The number on screen is the hub's, and the page opens with the QR's code.
    CHECK(decode_qr(work / "sent.png").size() == 1);
    auto anyone = hall.client("");
    auto page =
        anyone.send(Method::Get, "/complaint/" + std::to_string(link.id) + "?c=" + link.code);
    REQUIRE(page.ok());
    CHECK(page->status == 200);
    CHECK(complaints(hall).size() == 1);
}

TEST_CASE("e2e: the hub away — nothing filed, the screen says so; 再试一次 files it once") {
    Hall hall;
    fs::path work = hall.dir / "away";
    // The complaint screen's own warning (its first words), drawn while the hub is away.
    std::string offline_notice = zh("complaint_offline_notice");
    offline_notice = offline_notice.substr(0, offline_notice.find("："));
    KioskRun run;
    // Stop at the phone step until the hub is gone, send, fail; when it is back, retry.
    run.script = complaint_about_window_3() + "shot " + (work / "ready.png").string() +
                 "\nexpect " + offline_notice + " 20000\n" + "tap-text " + zh("skip_and_submit") +
                 "\nexpect " + zh("complaint_not_sent") + " 10000\nshot " +
                 (work / "failed.png").string() + "\nexpect-gone " + zh("offline_mark") +
                 " 30000\n" + "tap-text " + zh("try_again") + "\nexpect " +
                 zh("complaint_received") + " 10000\nshot " + (work / "sent.png").string() + "\n";
    int status = -1;
    std::thread kiosk([&] { status = run_kiosk(hall, work, run, hall.kiosk_token); });
    bool ready =
        wait_until([&] { return fs::exists(work / "ready.png"); }, std::chrono::seconds(20));
    int port = hall.hub.port();
    if (ready) hall.hub.kill9();
    bool failed =
        wait_until([&] { return fs::exists(work / "failed.png"); }, std::chrono::seconds(40));
    if (ready) hall.hub.start(port);
    kiosk.join();
    REQUIRE(ready);
    REQUIRE(failed);
    REQUIRE(status == 0);
    auto all = complaints(hall);
    REQUIRE(all.size() == 1);
    CHECK(all[0]["id"] == page_link(work / "sent.png").id);
    auto admin = hall.client(hall.admin_token);
    auto got = admin.call(Method::Get, "/api/v1/complaints/" + all[0]["id"].dump());
    REQUIRE(got.ok());
    CHECK(got->body["complaint"]["contact"].is_null());  // skipped
}

TEST_CASE("e2e: a hub that takes the request and never answers — the page says it may have it") {
    Hall hall;
    // Listens and never accepts: connections complete in the kernel's backlog and the
    // requests on them wait for an answer that never comes (the kiosk gives up at 2.5 s).
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), len) == 0);
    REQUIRE(listen(fd, 64) == 0);
    REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0);
    std::string silent = "http://127.0.0.1:" + std::to_string(ntohs(addr.sin_port));

    fs::path work = hall.dir / "silent";
    KioskRun run;
    run.args = {"--hub", silent};
    run.script = "expect " + zh("offline_mark") + " 20000\ntap-text " + zh("complaint_entry") +
                 "\ntap-text " + zh("complaint_about_hall") + "\ntap-text " +
                 zh("complaint_kind_environment") + "\ntap-text " + zh("next_step") +
                 "\ntap-text " + zh("skip_and_submit") + "\nexpect " +
                 zh("complaint_no_answer_title") + " 20000\nshot " +
                 (work / "unsure.png").string() + "\n";
    int status = run_kiosk(hall, work, run, hall.kiosk_token);
    close(fd);
    CHECK(status == 0);
}

TEST_CASE("e2e: a bad rating's phone number reaches its follow-up; skipped, it stays null") {
    Hall hall;
    auto counter = hall.client(hall.counter_token);
    auto session = counter.create_session(3, "S001", "1234");
    REQUIRE_MESSAGE(session.ok(), session.error().message);
    counter.set_token(session->session);
    auto kiosk = hall.client(hall.kiosk_token);
    auto admin = hall.client(hall.admin_token);

    fs::path work = hall.dir / "pad";
    std::string reason = "tap-text 态度不好\n";  // the test hall's first reason
    std::string bad_rating = "expect " + zh("rate_title") + " 15000\ntap-text " + zh("level_1") +
                             "\n" + reason + "tap-text " + zh("next_step") + "\nexpect " +
                             zh("contact_title") + "\n";
    KioskRun run;
    run.args = {"--mode", "rating", "--window", "3"};
    run.script = "expect 王晓明 10000\nshot " + (work / "idle.png").string() + "\n" + bad_rating +
                 type("13800002222") + "tap-text " + zh("submit") + "\nexpect " + zh("thanks") +
                 "\n" + bad_rating + "tap-text " + zh("skip") + "\nexpect " + zh("thanks") + "\n";
    auto followups = [&] {
        auto r = admin.call(Method::Get, "/api/v1/followups?status=all");
        return r ? r->body["followups"] : onestop::net::Json::array();
    };
    auto serve = [&] {
        onestop::net::IssueRequest req;
        req.service = "E";
        req.request_id = onestop::new_uuid();
        auto t = kiosk.issue_ticket(req);
        REQUIRE(t.ok());
        REQUIRE(counter.call_next(3).ok());
        REQUIRE(counter.finish(3).ok());
        return t->id;
    };
    int status = -1;
    int streams = hall.hub.event_subscribers();
    std::thread pad([&] { status = run_kiosk(hall, work, run, hall.pad_token); });
    int64_t first = 0, second = 0;
    if (wait_until([&] { return fs::exists(work / "idle.png"); }, std::chrono::seconds(15)) &&
        wait_until([&] { return hall.hub.event_subscribers() > streams; },
                   std::chrono::seconds(15))) {
        first = serve();
        if (wait_until([&] { return followups().size() == 1; }, std::chrono::seconds(20)))
            second = serve();
    }
    pad.join();
    REQUIRE(status == 0);
    REQUIRE(first != 0);
    REQUIRE(second != 0);
    REQUIRE(wait_until([&] { return followups().size() == 2; }, std::chrono::seconds(10)));
    for (const auto& f : followups()) {
        if (f["ticket"] == first) CHECK(f["contact"] == "13800002222");
        if (f["ticket"] == second) CHECK(f["contact"].is_null());
    }
}
