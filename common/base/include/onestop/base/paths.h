#pragma once
#include <filesystem>
#include <string>

namespace onestop {

// The folder of shipped files (halls/, web/, voice/, …): $ONESTOP_ASSETS if set,
// else ../share/onestop beside the running program when installed, else the source tree's assets/.
std::filesystem::path assets_dir();
inline std::filesystem::path asset_path(const std::string& relative) {
    return assets_dir() / relative;
}

// The Noto Sans CJK collection (face index 2 is Simplified Chinese); empty when absent.
std::filesystem::path cjk_font_path(bool bold = false);

}  // namespace onestop
