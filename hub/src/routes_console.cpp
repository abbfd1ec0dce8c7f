// The hall office's console: GET /office/ and /office/<file>, static pages (assets/office)
// over the JSON API; GET /me, the staff's my page (/office/me.html). /office/ is the sign-in page
// until the browser holds an account's session, then the console's shell; the other files hold no
// data and are served to anyone. Browser libraries come from npm (assets/office/node_modules,
// installed by scripts/setup) and are served under /office/vendor/.
#include <sys/stat.h>

#include <array>
#include <fstream>
#include <sstream>
#include <string_view>

#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/paths.h"

namespace onestop::hub {

namespace {

constexpr std::pair<std::string_view, std::string_view> kContentTypes[] = {
    {".html", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
};

// What /office/vendor/<name> serves, relative to the console's folder: only these files of
// node_modules, never the rest of it.
constexpr std::pair<std::string_view, std::string_view> kVendor[] = {
    {"echarts.esm.min.js", "node_modules/echarts/dist/echarts.esm.min.js"},
};

std::string_view content_type(std::string_view file) {
    for (const auto& [ext, type] : kContentTypes)
        if (file.size() > ext.size() && file.substr(file.size() - ext.size()) == ext) return type;
    return {};
}

// True iff `relative` names a file inside the console's folder: plain segments only (no
// "..", ".", empty or hidden ones, no backslashes or NULs), and not the npm folder.
bool safe_relative(std::string_view relative) {
    if (relative.empty() || relative.find('\\') != std::string_view::npos ||
        relative.find('\0') != std::string_view::npos)
        return false;
    size_t start = 0;
    while (start <= relative.size()) {
        size_t end = relative.find('/', start);
        if (end == std::string_view::npos) end = relative.size();
        std::string_view segment = relative.substr(start, end - start);
        if (segment.empty() || segment[0] == '.' || segment == "node_modules") return false;
        start = end + 1;
    }
    return true;
}

Reply not_found_reply() {
    return error_reply(404, errc::not_found, "the console has no such file");
}

// The file with a validator: browsers ask again each time (no-cache) and get 304 while the
// file is unchanged, so a new console is never mixed with an old cached module.
Reply static_file(const std::filesystem::path& file, std::string_view type,
                  const std::string& if_none_match) {
    struct stat st {};
    if (::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return not_found_reply();
    std::string etag = "\"" + std::to_string(st.st_size) + "-" + std::to_string(st.st_mtim.tv_sec) +
                       "." + std::to_string(st.st_mtim.tv_nsec) + "\"";
    std::vector<std::pair<std::string, std::string>> headers = {{"Cache-Control", "no-cache"},
                                                                {"ETag", etag}};
    if (if_none_match == etag) return Reply{304, "", "", headers};
    std::ifstream in(file, std::ios::binary);
    if (!in) return not_found_reply();
    std::stringstream body;
    body << in.rdbuf();
    return Reply{200, body.str(), std::string(type), headers};
}

}  // namespace

void Hub::install_console_routes() {
    const std::filesystem::path root = asset_path("office");

    get("/office", [](const Request&) {
        return Reply{301, "", "text/plain", {{"Location", "/office/"}}};
    });
    // The staff's my page (phone-sized; staff number and PIN): a short address for posters.
    get("/me", [](const Request&) {
        return Reply{301, "", "text/plain", {{"Location", "/office/me.html"}}};
    });

    // The shell holds no data either, but a signed-out browser gets the sign-in page at the
    // same address, so it is never cached.
    get("/office/", [this, root](const Request& req) {
        auto p = who(req);
        bool signed_in = std::holds_alternative<Principal>(p) &&
                         std::get<Principal>(p).kind == Principal::Kind::Account;
        Reply r = static_file(root / (signed_in ? "index.html" : "login.html"),
                              "text/html; charset=utf-8", "");
        r.headers = {{"Cache-Control", "no-store"}};
        return r;
    });

    get("/office/vendor/(.*)", [root](const Request& req) {
        const std::string& name = req.matches[1];
        for (const auto& [served, file] : kVendor)
            if (name == served)
                return static_file(root / file, content_type(served),
                                   req.get_header_value("if-none-match"));
        return not_found_reply();
    });

    get("/office/(.*)", [root](const Request& req) {
        const std::string& relative = req.matches[1];
        std::string_view type = content_type(relative);
        if (!safe_relative(relative) || type.empty()) return not_found_reply();
        return static_file(root / relative, type, req.get_header_value("if-none-match"));
    });
}

}  // namespace onestop::hub
