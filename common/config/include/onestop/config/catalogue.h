#pragma once
// The zh/en string catalogue. Every on-screen or printed text comes from one,
// so no string exists in only one language: loading fails when a key lacks either.
//
// File format (assets/i18n/<name>.toml), one table per key:
//   [take_number]
//   zh = "取号"
//   en = "Take a number"
// Placeholders are {name}: text("waiting_ahead", lang, {{"n", "3"}}).

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/base/text.h"

namespace onestop::config {

using onestop::Lang;

Result<Lang> parse_lang(std::string_view text);  // "zh" | "en"
const char* to_string(Lang lang);                // "zh" | "en"

class Catalogue {
  public:
    static Result<Catalogue> load(const std::filesystem::path& file);
    // assets/i18n/<name>.toml
    static Result<Catalogue> load_asset(const std::string& name);

    // The key's text with {placeholders} filled. A missing key yields "⟦key⟧" so the
    // gap is visible on screen and in screenshot tests rather than blank.
    std::string text(std::string_view key, Lang lang,
                     const std::map<std::string, std::string>& args = {}) const;
    bool has(std::string_view key) const;
    std::vector<std::string> keys() const;

  private:
    struct Entry {
        std::string zh;
        std::string en;
    };
    std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace onestop::config
