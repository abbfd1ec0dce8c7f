#pragma once
// What the browser tests run with: node, Debian's chromium and playwright-core from npm.

#include <filesystem>
#include <initializer_list>
#include <string>

namespace onestop::test {

inline const std::filesystem::path kBrowserTests = ONESTOP_SOURCE_DIR "/tests/browser";
inline constexpr const char* kNode = "/usr/bin/node";
inline constexpr const char* kChromium = "/usr/bin/chromium";

// The tools (and `more` files, e.g. a page's npm libraries) that are missing, or "" when
// none is: a browser test never passes without a browser.
inline std::string missing_tools(std::initializer_list<std::filesystem::path> more = {}) {
    std::string missing;
    if (!std::filesystem::exists(kNode)) missing += std::string(" ") + kNode + " (nodejs)";
    if (!std::filesystem::exists(kChromium)) missing += std::string(" ") + kChromium;
    if (!std::filesystem::exists(kBrowserTests / "node_modules/playwright-core/package.json"))
        missing += " " + (kBrowserTests / "node_modules/playwright-core").string();
    for (const auto& file : more)
        if (!std::filesystem::exists(file)) missing += " " + file.string();
    return missing;
}

}  // namespace onestop::test
