#pragma once
#include <optional>
#include <string>

#include "onestop/base/result.h"
#include "onestop/config/catalogue.h"

namespace onestop::counter {

struct Options {
    int window = 0;
    std::string staff;
    std::optional<std::string> pin;  // --pin or ONESTOP_PIN
    std::string input = "tty";       // "tty" or "evdev:PATH"
    std::string keymap;              // empty = the shipped keymap
    std::string hub = "http://127.0.0.1:8080";
    std::string token;  // --token or ONESTOP_TOKEN
    config::Lang lang = config::Lang::Zh;
    bool help = false;
    bool version = false;
};

// Parses argv and the environment (ONESTOP_PIN, ONESTOP_TOKEN).
Result<Options> parse_options(int argc, char** argv);

}  // namespace onestop::counter
