#include "options.h"

#include <CLI/CLI.hpp>
#include <cstdlib>

namespace onestop::counter {

void add_options(CLI::App& app, Options& o, const config::Catalogue& catalogue) {
    if (const char* pin = std::getenv("ONESTOP_PIN"); pin && *pin) o.pin = pin;
    app.add_option("--window", o.window, "this window's number")
        ->type_name("N")
        ->required()
        ->check(CLI::Range(1, 999));
    app.add_option("--staff", o.staff, "the staff member's number (e.g. S001)")
        ->type_name("NO")
        ->required();
    app.add_option_function<std::string>(
           "--pin", [&o](const std::string& v) { o.pin = v; },
           "the staff member's PIN (or env ONESTOP_PIN)")
        ->type_name("PIN");
    app.add_option("--input", o.input, "tty (standard input) or evdev:PATH (a USB keypad)")
        ->type_name("tty|evdev:PATH")
        ->check(cli::check([](std::string& v) -> Status {
            if (v == "tty" || (v.rfind("evdev:", 0) == 0 && v.size() > 6)) return {};
            return make_error("usage", "is tty or evdev:PATH, not '" + v + "'");
        }));
    app.add_option("--keymap", o.keymap, "key map (default share/onestop/counter/keymap.toml)")
        ->type_name("FILE");
    app.add_option("--printer", o.printer,
                   "the window's receipt printer for case slips: usb | usb:VID:PID | "
                   "file:/dev/usb/lp0 | tcp:HOST:PORT")
        ->type_name("DEV");
    app.add_option(
           "--printer-profile", o.printer_profile,
           cli::with_default("80mm | 58mm | …, see onestop-print profiles", o.printer_profile))
        ->type_name("NAME");
    app.add_option("--hall-name", o.hall_name, "the hall's name printed at the top of each slip")
        ->type_name("TEXT");
    cli::add_hub_flags(app, o.hub, o.token, o.ca_file);
    cli::add_lang_flag(app, o.lang);
    app.formatter_fn([&o, &catalogue](const CLI::App*, const std::string&, CLI::AppFormatMode) {
        return catalogue.text("help", o.lang);
    });
}

}  // namespace onestop::counter
