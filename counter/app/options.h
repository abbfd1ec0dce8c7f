#pragma once
#include <optional>
#include <string>

#include "onestop/cli/cli.h"
#include "onestop/config/catalogue.h"

namespace onestop::counter {

struct Options {
    int window = 0;
    std::string staff;
    std::optional<std::string> pin;  // --pin or ONESTOP_PIN
    std::string input = "tty";       // "tty" or "evdev:PATH"
    std::string keymap;              // empty = the shipped keymap
    std::string printer;             // --printer DEV: the window's receipt printer; empty = none
    std::string printer_profile = "80mm";
    std::string hall_name;  // --hall-name: the slips' heading; empty = the catalogue's
    std::string hub = cli::kDefaultHub;
    std::string token;    // --token, else --token-file, else ONESTOP_TOKEN
    std::string ca_file;  // --ca-file: the CA of an https:// hub; empty = the system's
    config::Lang lang = config::Lang::Zh;
};

// Adds the counter's flags to `app`, filling `options` (and reading ONESTOP_PIN and
// ONESTOP_TOKEN) when it is parsed. --help prints the catalogue's "help" text in the
// --lang given: the staff's own language, with the keys and exit codes.
void add_options(CLI::App& app, Options& options, const config::Catalogue& catalogue);

}  // namespace onestop::counter
