// onestop-counter: the window keypad program (CONTRACT.md).
#include <iostream>

#include "counter_app.h"
#include "onestop/base/log.h"
#include "onestop/base/paths.h"
#include "onestop/base/version.h"

int main(int argc, char** argv) {
    using namespace onestop;
    using namespace onestop::counter;
    // The screen is the terminal: only warnings and errors go to stderr.
    spdlog::set_level(spdlog::level::warn);

    auto catalogue = config::Catalogue::load_asset("counter");
    if (!catalogue) {
        logger("counter")->error("{}", catalogue.error().message);
        return kExitUsage;
    }
    auto options = parse_options(argc, argv);
    if (!options) {
        std::cerr << catalogue->text("usage_error", config::Lang::Zh, {{"message", options.error().message}})
                  << "\n"
                  << catalogue->text("usage_error", config::Lang::En, {{"message", options.error().message}})
                  << std::endl;
        return kExitUsage;
    }
    if (options->help) {
        std::cout << catalogue->text("help", options->lang);
        return kExitOk;
    }
    if (options->version) {
        std::cout << "onestop-counter " << onestop::version() << std::endl;
        return kExitOk;
    }
    auto keymap = options->keymap.empty() ? Keymap::load(asset_path("counter/keymap.toml"))
                                          : Keymap::load(options->keymap);
    if (!keymap) {
        std::cerr << keymap.error().message << std::endl;
        return kExitUsage;
    }
    CounterApp app(std::move(*options), std::move(*catalogue), std::move(*keymap));
    return app.run();
}
