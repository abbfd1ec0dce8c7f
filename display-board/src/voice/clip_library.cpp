#include "onestop/board/clip_library.h"

#include <cstdlib>
#include <system_error>

#include "onestop/base/paths.h"

#ifndef ONESTOP_GENERATED_VOICE_DIR
#error "ONESTOP_GENERATED_VOICE_DIR must be defined by the build"
#endif

namespace onestop::board {
namespace fs = std::filesystem;

std::vector<fs::path> voice_search_path(const fs::path& hall_dir) {
    std::vector<fs::path> roots;
    if (!hall_dir.empty()) roots.push_back(hall_dir);
    if (const char* env = std::getenv("ONESTOP_VOICE_DIR"); env && *env) roots.emplace_back(env);
    roots.push_back(asset_path("voice"));
    roots.emplace_back(ONESTOP_GENERATED_VOICE_DIR);
    return roots;
}

Status ClipLibrary::load(const std::vector<fs::path>& roots, config::Lang lang,
                         const std::vector<std::string>& names) {
    for (const auto& name : names) {
        fs::path found;
        for (const auto& root : roots) {
            fs::path candidate = root / config::to_string(lang) / (name + ".wav");
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec)) {
                found = candidate;
                break;
            }
        }
        if (found.empty()) {
            std::string where;
            for (const auto& root : roots) where += " " + root.string();
            return make_error("voice_clip_missing", std::string("voice clip ") +
                                                        config::to_string(lang) + "/" + name +
                                                        ".wav is in none of:" + where);
        }
        auto pcm = load_wav(found);
        if (!pcm) return pcm.error();
        clips_[{lang, name}] = Clip{trim_silence(*pcm), found};
    }
    return {};
}

const Pcm* ClipLibrary::find(config::Lang lang, const std::string& name) const {
    auto it = clips_.find({lang, name});
    return it == clips_.end() ? nullptr : &it->second.pcm;
}

fs::path ClipLibrary::source(config::Lang lang, const std::string& name) const {
    auto it = clips_.find({lang, name});
    return it == clips_.end() ? fs::path{} : it->second.file;
}

}  // namespace onestop::board
