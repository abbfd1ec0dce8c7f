#include "onestop/ui/args.h"

#include <cstdlib>

namespace onestop::ui {

ArgList::ArgList(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) args_.emplace_back(argv[i]);
}

Result<std::optional<std::string>> ArgList::value(const std::string& name) {
    for (size_t i = 0; i < args_.size(); ++i) {
        if (args_[i] == name) {
            if (i + 1 >= args_.size()) return make_error("bad_flag", name + " needs a value");
            std::string v = args_[i + 1];
            args_.erase(args_.begin() + static_cast<long>(i), args_.begin() + static_cast<long>(i) + 2);
            return std::optional<std::string>(std::move(v));
        }
        if (args_[i].rfind(name + "=", 0) == 0) {
            std::string v = args_[i].substr(name.size() + 1);
            args_.erase(args_.begin() + static_cast<long>(i));
            return std::optional<std::string>(std::move(v));
        }
    }
    return std::optional<std::string>();
}

bool ArgList::flag(const std::string& name) {
    for (size_t i = 0; i < args_.size(); ++i) {
        if (args_[i] == name) {
            args_.erase(args_.begin() + static_cast<long>(i));
            return true;
        }
    }
    return false;
}

Result<Size> parse_size(const std::string& text) {
    size_t x = text.find('x');
    if (x == std::string::npos) return make_error("bad_flag", "size must be WxH, e.g. 1080x1920");
    char* end = nullptr;
    long w = std::strtol(text.c_str(), &end, 10);
    if (end != text.c_str() + x) return make_error("bad_flag", "size must be WxH, e.g. 1080x1920");
    long h = std::strtol(text.c_str() + x + 1, &end, 10);
    if (*end != '\0' || w < 200 || h < 200 || w > 8192 || h > 8192)
        return make_error("bad_flag", "size must be WxH between 200 and 8192, e.g. 1080x1920");
    return Size{static_cast<int>(w), static_cast<int>(h)};
}

static Result<int> parse_ms(const std::string& name, const std::string& text) {
    char* end = nullptr;
    long v = std::strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || v < 0)
        return make_error("bad_flag", name + " needs milliseconds (a whole number ≥ 0)");
    return static_cast<int>(v);
}

Result<CommonOptions> parse_common(ArgList& args) {
    CommonOptions o;
    o.help = args.flag("--help") || args.flag("-h");
    o.version = args.flag("--version");
    o.headless = args.flag("--headless");
    if (const char* env = std::getenv("ONESTOP_TOKEN")) o.token = env;

    auto take = [&](const std::string& name, std::string& into) -> Status {
        auto v = args.value(name);
        if (!v) return v.error();
        if (*v) into = **v;
        return {};
    };
    if (auto s = take("--hub", o.hub); !s) return s.error();
    if (auto s = take("--token", o.token); !s) return s.error();
    if (auto s = take("--screenshot", o.screenshot); !s) return s.error();
    if (auto s = take("--script", o.script); !s) return s.error();
    std::string lang, size, exit_after;
    if (auto s = take("--lang", lang); !s) return s.error();
    if (auto s = take("--window-size", size); !s) return s.error();
    if (auto s = take("--exit-after", exit_after); !s) return s.error();
    if (!lang.empty()) {
        auto l = config::parse_lang(lang);
        if (!l) return l.error();
        o.lang = *l;
    }
    if (!size.empty()) {
        auto sz = parse_size(size);
        if (!sz) return sz.error();
        o.window_size = *sz;
    }
    if (!exit_after.empty()) {
        auto ms = parse_ms("--exit-after", exit_after);
        if (!ms) return ms.error();
        o.exit_after_ms = *ms;
    }
    while (!o.hub.empty() && o.hub.back() == '/') o.hub.pop_back();
    if (!args.rest().empty() && !o.help)
        return make_error("bad_flag", "unknown argument '" + args.rest().front() + "' (see --help)");
    return o;
}

const char* common_help() {
    return "  --hub URL            the hub (default http://127.0.0.1:8080)\n"
           "  --token TOKEN        device token (or env ONESTOP_TOKEN)\n"
           "  --lang zh|en         language shown first (default zh)\n"
           "  --window-size WxH    a window of that size instead of full screen\n"
           "  --headless           no display: SDL_VIDEODRIVER=offscreen\n"
           "  --screenshot FILE    write the last frame as PNG when exiting\n"
           "  --exit-after MS      exit 0 after MS milliseconds\n"
           "  --script FILE        scripted input: tap X Y | tap-text TEXT | key NAME |\n"
           "                       wait MS | shot FILE.png | expect TEXT [MS]\n"
           "  --help, --version\n";
}

}  // namespace onestop::ui
