#include "options.h"

#include <cstdlib>
#include <string_view>

namespace onestop::counter {

Result<Options> parse_options(int argc, char** argv) {
    Options o;
    if (const char* pin = std::getenv("ONESTOP_PIN"); pin && *pin) o.pin = pin;
    if (const char* token = std::getenv("ONESTOP_TOKEN"); token && *token) o.token = token;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto value = [&](std::string& out) -> Status {
            if (i + 1 >= argc) return make_error("usage", std::string(a) + " needs a value");
            out = argv[++i];
            return {};
        };
        std::string v;
        if (a == "--help" || a == "-h") {
            o.help = true;
        } else if (a == "--version") {
            o.version = true;
        } else if (a == "--window") {
            if (auto st = value(v); !st) return st.error();
            char* end = nullptr;
            long n = std::strtol(v.c_str(), &end, 10);
            if (v.empty() || *end != '\0' || n <= 0 || n > 999)
                return make_error("usage", "--window needs a window number, not '" + v + "'");
            o.window = static_cast<int>(n);
        } else if (a == "--staff") {
            if (auto st = value(o.staff); !st) return st.error();
        } else if (a == "--pin") {
            if (auto st = value(v); !st) return st.error();
            o.pin = v;
        } else if (a == "--input") {
            if (auto st = value(o.input); !st) return st.error();
            if (o.input != "tty" && (o.input.rfind("evdev:", 0) != 0 || o.input.size() <= 6))
                return make_error("usage", "--input is tty or evdev:PATH, not '" + o.input + "'");
        } else if (a == "--keymap") {
            if (auto st = value(o.keymap); !st) return st.error();
        } else if (a == "--hub") {
            if (auto st = value(o.hub); !st) return st.error();
        } else if (a == "--token") {
            if (auto st = value(o.token); !st) return st.error();
        } else if (a == "--lang") {
            if (auto st = value(v); !st) return st.error();
            auto lang = config::parse_lang(v);
            if (!lang) return make_error("usage", lang.error().message);
            o.lang = *lang;
        } else {
            return make_error("usage", "unknown option '" + std::string(a) + "'");
        }
    }
    if (o.help || o.version) return o;
    if (o.window == 0) return make_error("usage", "--window is required");
    if (o.staff.empty()) return make_error("usage", "--staff is required");
    return o;
}

}  // namespace onestop::counter
