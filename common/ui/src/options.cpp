#include "onestop/ui/options.h"
#include "onestop/base/error_codes.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <limits>

namespace onestop::ui {

Result<Size> parse_size(const std::string& text) {
    size_t x = text.find('x');
    if (x == std::string::npos)
        return make_error(errc::bad_flag, "size must be WxH, e.g. 1080x1920");
    char* end = nullptr;
    long w = std::strtol(text.c_str(), &end, 10);
    if (end != text.c_str() + x)
        return make_error(errc::bad_flag, "size must be WxH, e.g. 1080x1920");
    long h = std::strtol(text.c_str() + x + 1, &end, 10);
    if (*end != '\0' || w < 200 || h < 200 || w > 8192 || h > 8192)
        return make_error(errc::bad_flag, "size must be WxH between 200 and 8192, e.g. 1080x1920");
    return Size{static_cast<int>(w), static_cast<int>(h)};
}

void add_common_flags(CLI::App& app, CommonOptions& o) {
    cli::add_hub_flags(app, o.hub, o.token, o.ca_file);
    cli::add_lang_flag(app, o.lang);
    app.add_option_function<std::string>(
           "--window-size", [&o](const std::string& v) { o.window_size = parse_size(v).value(); },
           "a window of that size instead of full screen")
        ->type_name("WxH")
        ->check(cli::check([](std::string& v) { return cli::status_of(parse_size(v)); }));
    app.add_flag("--headless", o.headless, "no display: SDL_VIDEODRIVER=offscreen");
    app.add_option("--screenshot", o.screenshot, "write the last frame as PNG when exiting")
        ->type_name("FILE.png");
    app.add_option("--exit-after", o.exit_after_ms, "exit 0 after MS milliseconds")
        ->type_name("MS")
        ->check(CLI::Range(0, std::numeric_limits<int>::max()).description(""));
    app.add_option("--script", o.script,
                   "scripted input, one step a line: tap X Y | tap-text TEXT | key NAME |\n"
                   "wait MS | shot FILE.png | expect TEXT [MS]")
        ->type_name("FILE");
}

}  // namespace onestop::ui
