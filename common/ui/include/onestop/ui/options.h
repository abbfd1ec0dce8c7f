#pragma once
// The flags every SDL program takes (CONTRACT.md "Common flags"): the hub and its
// token, the language, and how the window is shown and driven in tests.

#include <optional>
#include <string>

#include "onestop/base/result.h"
#include "onestop/cli/cli.h"
#include "onestop/config/catalogue.h"

namespace onestop::ui {

struct Size {
    int w = 0;
    int h = 0;
};

struct CommonOptions {
    std::string hub = cli::kDefaultHub;
    std::string token;    // --token, else --token-file, else $ONESTOP_TOKEN
    std::string ca_file;  // --ca-file: the CA of an https:// hub; empty = the system's
    config::Lang lang = config::Lang::Zh;
    bool headless = false;
    std::optional<Size> window_size;  // --window-size WxH; none = full screen
    std::string screenshot;           // --screenshot FILE.png
    int exit_after_ms = -1;           // --exit-after MS; -1 = run until quit
    std::string script;               // --script FILE
};

// Adds --hub, --token, --token-file, --lang, --window-size, --headless, --screenshot,
// --exit-after and --script to `app`, filling `options` when it is parsed.
void add_common_flags(CLI::App& app, CommonOptions& options);

Result<Size> parse_size(const std::string& text);  // "1080x1920"

}  // namespace onestop::ui
