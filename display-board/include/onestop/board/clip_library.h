#pragma once
// Where announcement clips come from, and the loaded set.
//
// Lookup, first hit wins, for each clip `<lang>/<name>.wav`:
//   1. the hall's own folders (`--voice-dir DIR`, then $ONESTOP_VOICE_DIR): recorded clips;
//   2. assets/voice/ (source tree, or share/onestop/voice/ once installed, where the
//      generated clips are installed and recorded ones dropped into assets/voice/ overwrite them);
//   3. the clips espeak-ng generated at build time in <build>/voice/.
// A hall replaces any single clip by dropping a WAV of the same name into one of the
// earlier folders; any rate, channel count or sample format SDL reads is accepted.

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/board/pcm.h"
#include "onestop/config/catalogue.h"

namespace onestop::board {

// The folders of the lookup above, in order; `hall_dir` may be empty.
std::vector<std::filesystem::path> voice_search_path(const std::filesystem::path& hall_dir);

class ClipLibrary {
  public:
    // Loads, converts and trims every clip in `names` for `lang`; fails naming the
    // first clip found in none of `roots`.
    Status load(const std::vector<std::filesystem::path>& roots, config::Lang lang,
                const std::vector<std::string>& names);

    // nullptr when the clip was not loaded.
    const Pcm* find(config::Lang lang, const std::string& name) const;
    // The file a loaded clip came from (for logs and tests).
    std::filesystem::path source(config::Lang lang, const std::string& name) const;
    size_t size() const { return clips_.size(); }

  private:
    struct Clip {
        Pcm pcm;
        std::filesystem::path file;
    };
    std::map<std::pair<config::Lang, std::string>, Clip> clips_;
};

}  // namespace onestop::board
