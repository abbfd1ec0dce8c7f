// onestop-kiosk: the touch kiosk at the hall entrance (--mode ticket) or the rating
// pad at a counter (--mode rating --window N). See docs/kiosk.md.

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "kiosk.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/base/version.h"
#include "onestop/config/hall_file.h"
#include "theme.h"

using namespace onestop;

namespace {

const char* kUsage =
    "onestop-kiosk — take a number, read what to bring, rate the service\n"
    "\n"
    "usage: onestop-kiosk [--mode ticket|rating] [--window N] [options]\n"
    "  --mode ticket|rating  ticket kiosk at the entrance (default) or rating pad at window N\n"
    "  --window N            the window this pad belongs to (rating mode)\n"
    "  --printer DEV         ticket printer: usb | usb:VID:PID | file:/dev/usb/lp0 | tcp:HOST:PORT\n"
    "  --printer-profile P   80mm (default) | 58mm | …, see onestop-print\n"
    "  --state FILE          the kiosk's own SQLite file (default ./kiosk-state.db): catalogue,\n"
    "                        leased numbers, outbox of tickets and ratings taken offline\n"
    "  --hall FILE           hall file for the disclosure texts (default: the shipped hall)\n"
    "  --photo-dir DIR       staff photos as DIR/<staff number>.png|.jpg (rating mode)\n"
    "  --now ISO8601         start the kiosk's clock at that instant (tests, demos)\n"
    "  --ticket-seconds S    how long the ticket page stays (default 20; 60 when not printed)\n"
    "\n";

Result<int> parse_int(const std::string& flag, const std::optional<std::string>& v, int fallback) {
    if (!v) return fallback;
    char* end = nullptr;
    long n = std::strtol(v->c_str(), &end, 10);
    if (v->empty() || *end != '\0' || n < 0 || n > 100000)
        return make_error("bad_flag", flag + " needs a whole number");
    return static_cast<int>(n);
}

int fail(const Error& e) {
    std::cerr << "onestop-kiosk: " << e.message << "\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    ui::ArgList args(argc, argv);
    kiosk::KioskOptions o;
    auto mode = args.value("--mode");
    auto window = args.value("--window");
    auto printer = args.value("--printer");
    auto profile = args.value("--printer-profile");
    auto state = args.value("--state");
    auto hall = args.value("--hall");
    auto photos = args.value("--photo-dir");
    auto now = args.value("--now");
    auto ticket_seconds = args.value("--ticket-seconds");
    for (auto* r : {&mode, &window, &printer, &profile, &state, &hall, &photos, &now, &ticket_seconds})
        if (!*r) return fail(r->error());
    auto common = ui::parse_common(args);
    if (!common) return fail(common.error());
    if (common->help) {
        std::cout << kUsage << ui::common_help();
        return 0;
    }
    if (common->version) {
        std::cout << "onestop-kiosk " << version() << "\n";
        return 0;
    }
    if (*mode && **mode != "ticket" && **mode != "rating") return fail(make_error("bad_flag", "--mode is ticket or rating"));
    o.mode = (*mode && **mode == "rating") ? kiosk::Mode::Rating : kiosk::Mode::Ticket;
    auto w = parse_int("--window", *window, 0);
    if (!w) return fail(w.error());
    o.window = *w;
    if (o.mode == kiosk::Mode::Rating && o.window <= 0)
        return fail(make_error("bad_flag", "rating mode needs --window N (the pad's window number)"));
    auto ts = parse_int("--ticket-seconds", *ticket_seconds, 20);
    if (!ts) return fail(ts.error());
    o.ticket_seconds = std::max(1, *ts);
    o.printer_problem_seconds = std::max(o.ticket_seconds, 60);
    if (*printer) o.printer = **printer;
    if (*profile) o.printer_profile = **profile;
    if (*state) o.state = **state;
    if (*hall) o.hall = **hall;
    if (*photos) o.photo_dir = **photos;

    auto log = logger("kiosk");
    auto hall_file = o.hall.empty() ? config::default_hall_path() : o.hall;
    queue::Hall hall_model;
    if (auto h = config::load_hall(hall_file)) {
        hall_model = std::move(*h);
    } else {
        // The hub's answers still drive the screens; only the disclosure details are missing.
        log->warn("{}", h.error().message);
    }
    if (auto s = set_time_zone(hall_model.settings.time_zone); !s) log->warn("{}", s.error().message);

    std::unique_ptr<Clock> clock;
    if (*now) {
        auto start = parse_iso8601(**now);
        if (!start) return fail(make_error("bad_flag", "--now needs an ISO 8601 time, e.g. 2026-11-27T09:00:00+08:00"));
        clock = std::make_unique<SystemClock>(*start);
    } else {
        clock = std::make_unique<SystemClock>();
    }

    auto catalogue = config::Catalogue::load_asset("kiosk");
    if (!catalogue) return fail(catalogue.error());
    auto kiosk_state = kiosk::KioskState::open(o.state);
    if (!kiosk_state) return fail(kiosk_state.error());

    ui::AppConfig config;
    config.title = o.mode == kiosk::Mode::Ticket ? "OneStop kiosk" : "OneStop rating pad";
    config.headless_size = {1080, 1920};
    config.background = kiosk::color::bg;
    auto app = ui::App::create(*common, config);
    if (!app) return fail(app.error());

    kiosk::Kiosk k(**app, std::move(*catalogue), o, *common, std::move(hall_model), std::move(*kiosk_state),
                   std::move(clock));
    k.start();
    return (*app)->run();
}
