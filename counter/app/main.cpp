// onestop-counter: the window keypad program (CONTRACT.md).
#include <CLI/CLI.hpp>
#include <iostream>

#include "counter_app.h"
#include "onestop/base/log.h"
#include "onestop/base/paths.h"

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
    Options options;
    CLI::App cli("onestop-counter: the window keypad staff use to call numbers", "onestop-counter");
    add_options(cli, options, *catalogue);
    if (auto code = cli::parse(cli, argc, argv)) return *code;
    auto keymap = options.keymap.empty() ? Keymap::load(asset_path("counter/keymap.toml"))
                                         : Keymap::load(options.keymap);
    if (!keymap) {
        std::cerr << keymap.error().message << std::endl;
        return kExitUsage;
    }
    CounterApp app(std::move(options), std::move(*catalogue), std::move(*keymap));
    return app.run();
}
