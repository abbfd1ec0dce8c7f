#include "onestop/config/catalogue.h"
#include "onestop/base/error_codes.h"

#include <toml++/toml.h>

#include "onestop/base/paths.h"

namespace onestop::config {

Result<Lang> parse_lang(std::string_view text) {
    if (text == "zh") return Lang::Zh;
    if (text == "en") return Lang::En;
    return make_error(errc::bad_lang, "language must be zh or en, not '" + std::string(text) + "'");
}

const char* to_string(Lang lang) {
    return lang == Lang::Zh ? "zh" : "en";
}

Result<Catalogue> Catalogue::load(const std::filesystem::path& file) {
    // Debian's toml++ is built with exceptions: parse errors arrive as toml::parse_error.
    toml::table parsed;
    try {
        parsed = toml::parse_file(file.string());
    } catch (const toml::parse_error& err) {
        return make_error(errc::catalogue_invalid, file.string() + ":" +
                                                       std::to_string(err.source().begin.line) +
                                                       ": " + std::string(err.description()));
    }
    Catalogue cat;
    for (auto&& [key, node] : parsed) {
        const toml::table* t = node.as_table();
        auto zh = t ? (*t)["zh"].value<std::string>() : std::nullopt;
        auto en = t ? (*t)["en"].value<std::string>() : std::nullopt;
        if (!zh || !en || zh->empty() || en->empty()) {
            return make_error(
                errc::catalogue_invalid,
                file.string() + ": key '" + std::string(key.str()) + "' needs both zh and en text");
        }
        cat.entries_.emplace(std::string(key.str()), Entry{*zh, *en});
    }
    return cat;
}

Result<Catalogue> Catalogue::load_asset(const std::string& name) {
    return load(asset_path("i18n/" + name + ".toml"));
}

std::string Catalogue::text(std::string_view key, Lang lang,
                            const std::map<std::string, std::string>& args) const {
    auto it = entries_.find(key);
    if (it == entries_.end()) return "⟦" + std::string(key) + "⟧";
    const std::string& tmpl = lang == Lang::Zh ? it->second.zh : it->second.en;
    if (args.empty()) return tmpl;
    std::string out;
    out.reserve(tmpl.size() + 16);
    for (size_t i = 0; i < tmpl.size();) {
        if (tmpl[i] == '{') {
            size_t close = tmpl.find('}', i);
            if (close != std::string::npos) {
                auto arg = args.find(tmpl.substr(i + 1, close - i - 1));
                if (arg != args.end()) {
                    out += arg->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += tmpl[i++];
    }
    return out;
}

bool Catalogue::has(std::string_view key) const {
    return entries_.find(key) != entries_.end();
}

std::vector<std::string> Catalogue::keys() const {
    std::vector<std::string> out;
    for (const auto& [k, _] : entries_) out.push_back(k);
    return out;
}

}  // namespace onestop::config
