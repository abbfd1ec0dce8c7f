// onestop-kiosk: the touch kiosk at the hall entrance (--mode ticket) or the rating
// pad at a counter (--mode rating --window N). See docs/kiosk.md.

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>

#include "kiosk.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "theme.h"

using namespace onestop;

namespace {

int fail(const Error& e) {
    std::cerr << "onestop-kiosk: " << e.message << "\n";
    return 2;
}

}  // namespace

int main(int argc, char** argv) {
    kiosk::KioskOptions o;
    ui::CommonOptions common;
    CLI::App cli("onestop-kiosk — take a number, read what to bring, rate the service",
                 "onestop-kiosk");
    std::string mode = "ticket";
    cli.add_option("--mode", mode,
                   cli::with_default(
                       "ticket: the kiosk at the hall entrance; rating: the pad at window N", mode))
        ->type_name("ticket|rating")
        ->check(CLI::IsMember({"ticket", "rating"}).description(""));
    cli.add_option("--window", o.window, "the window this pad belongs to (rating mode)")
        ->type_name("N")
        ->check(CLI::Range(1, 999).description(""));
    cli.add_option("--printer", o.printer,
                   "ticket printer: usb | usb:VID:PID | file:/dev/usb/lp0 | tcp:HOST:PORT")
        ->type_name("DEV");
    cli.add_option(
           "--printer-profile", o.printer_profile,
           cli::with_default("80mm | 58mm | …, see onestop-print profiles", o.printer_profile))
        ->type_name("NAME");
    cli.add_option("--state", o.state,
                   cli::with_default("the kiosk's own SQLite file: catalogue, leased numbers,\n"
                                     "outbox of tickets and ratings taken offline",
                                     o.state.string()))
        ->type_name("FILE");
    cli.add_option("--hall", o.hall,
                   "hall file for the disclosure texts (default: the shipped hall)")
        ->type_name("FILE");
    cli.add_option("--photo-dir", o.photo_dir,
                   "staff photos as DIR/<staff number>.png|.jpg (rating mode)")
        ->type_name("DIR");
    cli.add_option("--now", o.now, "start the kiosk's clock at that instant (tests, demos)")
        ->type_name("ISO8601")
        ->check(cli::check([](std::string& v) -> Status {
            if (parse_iso8601(v)) return {};
            return make_error("bad_flag", "needs an ISO 8601 time, e.g. 2026-11-27T09:00:00+08:00");
        }));
    cli.add_option("--ticket-seconds", o.ticket_seconds,
                   cli::with_default("how long the ticket page stays (60 when not printed)",
                                     std::to_string(o.ticket_seconds)))
        ->type_name("S")
        ->check(CLI::Range(1, 100000).description(""));
    ui::add_common_flags(cli, common);
    cli.callback([&] {
        o.mode = mode == "rating" ? kiosk::Mode::Rating : kiosk::Mode::Ticket;
        if (o.mode == kiosk::Mode::Rating && o.window == 0)
            throw CLI::ValidationError("--window", "rating mode needs the pad's window number");
    });
    if (auto code = cli::parse(cli, argc, argv)) return *code;
    o.printer_problem_seconds = std::max(o.ticket_seconds, 60);

    auto log = logger("kiosk");
    auto hall_file = o.hall.empty() ? config::default_hall_path() : o.hall;
    queue::Hall hall_model;
    if (auto h = config::load_hall(hall_file)) {
        hall_model = std::move(*h);
    } else {
        // The hub's answers still drive the screens; only the disclosure details are missing.
        log->warn("{}", h.error().message);
    }
    if (auto s = set_time_zone(hall_model.settings.time_zone); !s)
        log->warn("{}", s.error().message);

    std::unique_ptr<Clock> clock;
    if (!o.now.empty()) {
        clock = std::make_unique<SystemClock>(*parse_iso8601(o.now));
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
    auto app = ui::App::create(common, config);
    if (!app) return fail(app.error());

    kiosk::Kiosk k(**app, std::move(*catalogue), o, common, std::move(hall_model),
                   std::move(*kiosk_state), std::move(clock));
    k.start();
    return (*app)->run();
}
