#include "onestop/base/paths.h"

#include <cstdlib>
#include <system_error>

#ifndef ONESTOP_SOURCE_ASSETS
#error "ONESTOP_SOURCE_ASSETS must be defined by the build"
#endif

namespace onestop {
namespace fs = std::filesystem;

fs::path assets_dir() {
    if (const char* env = std::getenv("ONESTOP_ASSETS"); env && *env) return env;
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        fs::path installed = exe.parent_path().parent_path() / "share" / "onestop";
        if (fs::exists(installed / "halls", ec)) return installed;
    }
    return ONESTOP_SOURCE_ASSETS;
}

fs::path cjk_font_path(bool bold) {
    const char* name = bold ? "NotoSansCJK-Bold.ttc" : "NotoSansCJK-Regular.ttc";
    for (const char* dir : {"/usr/share/fonts/opentype/noto/", "/usr/share/fonts/noto-cjk/"}) {
        fs::path p = fs::path(dir) / name;
        std::error_code ec;
        if (fs::exists(p, ec)) return p;
    }
    return {};
}

}  // namespace onestop
