// Screenshot tests: every kiosk screen in zh and en, portrait and landscape, drawn by
// the real program (offscreen SDL) against a real hub, compared with golden PNGs.
// Regenerate the goldens (and look at them!) with ONESTOP_UPDATE_GOLDEN=1.

#include <doctest/doctest.h>

#include <cstdlib>

#include "kiosk_harness.h"
#include "onestop/base/ids.h"
#include "onestop/config/catalogue.h"
#include "onestop/config/hall_file.h"
#include "onestop/printer/emulator.h"
#include "onestop/ui/png.h"

using namespace kiosk_test;
using onestop::config::Lang;

namespace {

struct Variant {
    std::string lang;
    std::string size;
    std::string tag;  // "zh-portrait" …
};
const Variant kVariants[] = {{"zh", "1080x1920", "zh-portrait"},
                             {"en", "1080x1920", "en-portrait"},
                             {"zh", "1920x1080", "zh-landscape"},
                             {"en", "1920x1080", "en-landscape"}};

bool updating() {
    const char* v = std::getenv("ONESTOP_UPDATE_GOLDEN");
    return v && std::string(v) == "1";
}

// `max_fraction`: how much of the picture may differ (the ticket QR holds a random code).
void check_golden(const fs::path& actual, const std::string& name, double max_fraction) {
    fs::path golden = fs::path(ONESTOP_SOURCE_DIR) / "tests/kiosk/golden" / name;
    REQUIRE_MESSAGE(fs::exists(actual), actual.string());
    if (updating()) {
        fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
        MESSAGE("updated " << golden.string());
        return;
    }
    REQUIRE_MESSAGE(fs::exists(golden),
                    "missing golden " << golden.string() << " (ONESTOP_UPDATE_GOLDEN=1)");
    fs::path diff = actual.parent_path() / ("diff-" + name);
    auto d = onestop::ui::compare_png(actual, golden, 24, diff);
    REQUIRE_MESSAGE(d.ok(), d.error().message);
    INFO(name << ": " << d->differing << " pixels differ (" << d->fraction * 100 << "%), see "
              << diff.string());
    CHECK(d->fraction <= max_fraction);
}

Lang lang_of(const std::string& l) {
    return l == "zh" ? Lang::Zh : Lang::En;
}

// Script lines that type `digits` on the kiosk's number pad.
std::string digits(const std::string& number) {
    std::string out;
    for (char c : number) out += std::string("tap-text ") + c + "\n";
    return out;
}

}  // namespace

TEST_CASE("kiosk screens: ticket mode in zh/en, portrait/landscape") {
    Hall hall;
    auto cat = onestop::config::Catalogue::load_asset("kiosk");
    REQUIRE(cat.ok());
    auto model = onestop::config::load_hall(test_hall());
    REQUIRE(model.ok());
    auto profile = onestop::printer::find_profile("80mm");
    REQUIRE(profile.ok());
    auto paper = onestop::printer::Emulator::start("127.0.0.1", 0, hall.dir / "paper", *profile);
    auto empty = onestop::printer::Emulator::start("127.0.0.1", 0, hall.dir / "empty", *profile);
    REQUIRE(paper.ok());
    REQUIRE(empty.ok());
    onestop::printer::PrinterStatus out_of_paper;
    out_of_paper.paper_end = true;
    (*empty)->set_status(out_of_paper);
    // One state file for all runs: the block is leased once (C980–C999) and online tickets
    // count from C001.
    fs::path state = hall.dir / "ticket-state.db";

    for (const auto& v : kVariants) {
        Lang lang = lang_of(v.lang);
        auto t = [&](const char* key) { return cat->text(key, lang); };
        auto name = [&](const char* code) {
            const auto* s = model->find_service(code);
            return lang == Lang::Zh ? s->name.zh : s->name.en;
        };
        auto shot = [&](const fs::path& work, const std::string& file) {
            return "shot " + (work / file).string() + "\n";
        };
        std::string take = "tap-text " + name("C") + "\ntap-text " + t("take_number") + "\n" +
                           "expect " + t("your_number") + " 5000\n";
        CAPTURE(v.tag);

        // Online, with a printer that works.
        fs::path work = hall.dir / ("ticket-" + v.tag);
        KioskRun run;
        run.lang = v.lang;
        run.size = v.size;
        run.state = state;
        run.args = {"--printer", "tcp:" + (*paper)->address()};
        run.script = "expect " + name("A") + " 10000\n" + shot(work, "home.png") + "tap-text " +
                     t("large_text") + "\n" + shot(work, "large.png") + "tap-text " +
                     t("normal_text") + "\n" + "tap-text " + t("priority_entry") + "\n" +
                     "expect " + t("priority_title") + "\n" + shot(work, "priority.png") +
                     "tap-text " + t("back") + "\n" + "tap-text " + name("C") + "\n" + "expect " +
                     t("materials") + "\n" + shot(work, "service.png") + "tap-text " +
                     t("take_number") + "\n" + "expect " + t("printed") + " 10000\n" +
                     shot(work, "ticket.png");
        REQUIRE(run_kiosk(hall, work, run, hall.kiosk_token) == 0);

        // The printer is out of paper: the number stays, with the warning.
        fs::path work2 = hall.dir / ("paper-end-" + v.tag);
        std::string warning = t("printer_paper_end");
        warning = warning.substr(0, std::min(warning.find("，"), warning.find(",")));
        KioskRun run2 = run;
        run2.args = {"--printer", "tcp:" + (*empty)->address()};
        run2.script = "expect " + name("A") + " 10000\n" + take + "expect " + warning + " 10000\n" +
                      shot(work2, "ticket.png");
        REQUIRE(run_kiosk(hall, work2, run2, hall.kiosk_token) == 0);

        // The hub is away: the cached catalogue, the offline mark, a leased number.
        fs::path work3 = hall.dir / ("offline-" + v.tag);
        KioskRun run3 = run;
        run3.args = {"--hub", "http://127.0.0.1:1"};
        run3.script = "expect " + t("offline_mark") + " 10000\n" + shot(work3, "home.png") + take +
                      "expect " + t("offline_ticket") + "\n" + shot(work3, "ticket.png");
        REQUIRE(run_kiosk(hall, work3, run3, hall.kiosk_token) == 0);

        check_golden(work / "home.png", "home-" + v.tag + ".png", 0.004);
        check_golden(work / "large.png", "home-large-" + v.tag + ".png", 0.004);
        check_golden(work / "priority.png", "priority-" + v.tag + ".png", 0.004);
        check_golden(work / "service.png", "service-" + v.tag + ".png", 0.004);
        check_golden(work / "ticket.png", "ticket-" + v.tag + ".png", 0.07);
        check_golden(work2 / "ticket.png", "ticket-paper-end-" + v.tag + ".png", 0.07);
        check_golden(work3 / "home.png", "home-offline-" + v.tag + ".png", 0.004);
        check_golden(work3 / "ticket.png", "ticket-offline-" + v.tag + ".png", 0.004);
    }
}

TEST_CASE("kiosk screens: the 意见箱 (complaints) in zh/en, portrait/landscape") {
    Hall hall;
    auto cat = onestop::config::Catalogue::load_asset("kiosk");
    REQUIRE(cat.ok());
    auto model = onestop::config::load_hall(test_hall());
    REQUIRE(model.ok());
    // One state file: the away run shows the catalogue cached by the first.
    fs::path state = hall.dir / "complaint-state.db";
    for (const auto& v : kVariants) {
        Lang lang = lang_of(v.lang);
        auto t = [&](const char* key) { return cat->text(key, lang); };
        std::string service_a = lang == Lang::Zh ? model->find_service("A")->name.zh
                                                 : model->find_service("A")->name.en;
        auto shot = [&](const fs::path& work, const std::string& file) {
            return "shot " + (work / file).string() + "\n";
        };
        CAPTURE(v.tag);

        // About window 3, two kinds, a phone number: filed.
        fs::path work = hall.dir / ("complaint-" + v.tag);
        KioskRun run;
        run.lang = v.lang;
        run.size = v.size;
        run.state = state;
        run.script = "expect " + service_a + " 10000\ntap-text " + t("complaint_entry") + "\n" +
                     "expect " + t("complaint_about_prompt") + "\n" + shot(work, "about.png") +
                     "tap-text " + t("complaint_about_window") + "\n" + digits("3") +
                     shot(work, "window.png") + "tap-text " + t("next_step") + "\n" + "tap-text " +
                     t("complaint_kind_attitude") + "\n" + "tap-text " +
                     t("complaint_kind_waiting") + "\n" + shot(work, "kinds.png") + "tap-text " +
                     t("next_step") + "\n" + digits("13800001111") + shot(work, "phone.png") +
                     "tap-text " + t("complaint_submit") + "\n" + "expect " +
                     t("complaint_received") + " 10000\n" + shot(work, "sent.png");
        REQUIRE(run_kiosk(hall, work, run, hall.kiosk_token) == 0);

        // The hub away: about a service from the list, skip the phone, not sent.
        fs::path work2 = hall.dir / ("complaint-away-" + v.tag);
        KioskRun run2 = run;
        run2.args = {"--hub", "http://127.0.0.1:1"};
        run2.script = "expect " + t("offline_mark") + " 10000\ntap-text " + t("complaint_entry") +
                      "\n" + "tap-text " + t("complaint_about_service") + "\n" + "expect " +
                      t("complaint_service_prompt") + "\n" + shot(work2, "services.png") +
                      "tap-text " + service_a + "\n" + "tap-text " + t("complaint_kind_other") +
                      "\n" + "tap-text " + t("next_step") + "\n" + "tap-text " +
                      t("skip_and_submit") + "\n" + "expect " + t("complaint_not_sent") +
                      " 10000\n" + shot(work2, "failed.png");
        REQUIRE(run_kiosk(hall, work2, run2, hall.kiosk_token) == 0);

        check_golden(work / "about.png", "complaint-about-" + v.tag + ".png", 0.004);
        check_golden(work / "window.png", "complaint-window-" + v.tag + ".png", 0.004);
        check_golden(work / "kinds.png", "complaint-kinds-" + v.tag + ".png", 0.004);
        check_golden(work / "phone.png", "complaint-phone-" + v.tag + ".png", 0.004);
        check_golden(work / "sent.png", "complaint-sent-" + v.tag + ".png", 0.07);
        check_golden(work2 / "services.png", "complaint-services-" + v.tag + ".png", 0.004);
        check_golden(work2 / "failed.png", "complaint-failed-" + v.tag + ".png", 0.004);
    }
}

TEST_CASE("kiosk screens: rating mode in zh/en, portrait/landscape") {
    // Pings every second: the hub notices a pad's closed stream by the next one.
    Hall hall({"--ping-seconds", "1"});
    auto cat = onestop::config::Catalogue::load_asset("kiosk");
    REQUIRE(cat.ok());
    auto model = onestop::config::load_hall(test_hall());
    REQUIRE(model.ok());
    auto counter = hall.client(hall.counter_token);
    auto session = counter.create_session(3, "S001", "1234");
    REQUIRE_MESSAGE(session.ok(), session.error().message);
    counter.set_token(session->session);
    auto kiosk = hall.client(hall.kiosk_token);

    for (const auto& v : kVariants) {
        Lang lang = lang_of(v.lang);
        auto t = [&](const char* key) { return cat->text(key, lang); };
        const auto& reason = model->rating_reasons.front();
        fs::path work = hall.dir / ("rating-" + v.tag);
        KioskRun run;
        run.lang = v.lang;
        run.size = v.size;
        run.args = {"--mode", "rating", "--window", "3"};
        run.script =
            "expect 王晓明 10000\n"
            "shot " +
            (work / "idle.png").string() + "\n" + "expect " + t("rate_title") + " 15000\n" +
            "shot " + (work / "rate.png").string() + "\n" + "tap-text " + t("level_2") + "\n" +
            "expect " + t("reasons_title") + "\n" + "tap-text " +
            (lang == Lang::Zh ? reason.text.zh : reason.text.en) + "\n" + "tap-text " +
            t("comment_1") + "\n" + "shot " + (work / "reasons.png").string() + "\n" + "tap-text " +
            t("next_step") + "\n" + "expect " + t("contact_title") + "\n" + digits("13800002222") +
            "shot " + (work / "contact.png").string() + "\n" + "tap-text " + t("submit") + "\n" +
            "expect " + t("thanks") + "\n" + "shot " + (work / "thanks.png").string() + "\n";
        CAPTURE(v.tag);
        int status = -1;
        // The last variant's pad gone first: else its stream, dropped after this count, would
        // hide this pad's (the count would not rise) and the rating request would go too soon.
        REQUIRE(wait_until([&] { return hall.hub.event_subscribers() == 0; },
                           std::chrono::seconds(10)));
        int streams = hall.hub.event_subscribers();
        std::thread pad([&] { status = run_kiosk(hall, work, run, hall.pad_token); });
        // Once the pad shows the idle screen and its event stream is open, serve someone at
        // window 3 and finish.
        bool idle =
            wait_until([&] { return fs::exists(work / "idle.png"); }, std::chrono::seconds(15)) &&
            wait_until([&] { return hall.hub.event_subscribers() > streams; },
                       std::chrono::seconds(15));
        if (idle) {
            onestop::net::IssueRequest req;
            req.service = "D";
            req.request_id = onestop::new_uuid();
            auto ticket = kiosk.issue_ticket(req);
            REQUIRE_MESSAGE(ticket.ok(), ticket.error().message);
            auto called = counter.call_next(3);
            REQUIRE_MESSAGE(called.ok(), called.error().message);
            auto done = counter.finish(3);
            REQUIRE_MESSAGE(done.ok(), done.error().message);
        }
        pad.join();
        REQUIRE(idle);
        REQUIRE(status == 0);
        check_golden(work / "idle.png", "idle-" + v.tag + ".png", 0.004);
        check_golden(work / "rate.png", "rate-" + v.tag + ".png", 0.004);
        check_golden(work / "reasons.png", "reasons-" + v.tag + ".png", 0.004);
        check_golden(work / "contact.png", "contact-" + v.tag + ".png", 0.004);
        check_golden(work / "thanks.png", "thanks-" + v.tag + ".png", 0.004);
    }
}
