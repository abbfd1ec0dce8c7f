#include "onestop/pg/target.h"

#include <libpq-fe.h>

#include <memory>

#include "onestop/base/error_codes.h"

namespace onestop::pg {

namespace {

using Options = std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)>;

Result<Options> parse(const std::string& url) {
    if (url.rfind("postgresql://", 0) != 0 && url.rfind("postgres://", 0) != 0)
        return make_error(errc::campus_url,
                          "the campus database must be a postgresql:// URL, e.g. "
                          "postgresql://onestop@campus-db.example.edu/onestop");
    char* message = nullptr;
    Options options(PQconninfoParse(url.c_str(), &message), &PQconninfoFree);
    if (!options) {
        std::string why = message ? message : "out of memory";
        PQfreemem(message);
        while (!why.empty() && why.back() == '\n') why.pop_back();
        return make_error(errc::campus_url, "cannot read the campus URL: " + why);
    }
    return options;
}

std::string option(const Options& options, const std::string& keyword) {
    for (PQconninfoOption* o = options.get(); o->keyword; ++o)
        if (keyword == o->keyword && o->val) return o->val;
    return "";
}

}  // namespace

Result<Target> make_target(const std::string& url, const std::filesystem::path& passfile) {
    auto options = parse(url);
    if (!options) return options.error();
    if (!option(*options, "password").empty())
        return make_error(errc::campus_url,
                          "the campus URL carries a password, which would show in ps and stay in "
                          "shell histories: remove it and put it in a password file "
                          "(host:port:database:user:password, mode 0600) named by "
                          "--campus-passfile FILE or PGPASSFILE");
    return Target{url, passfile};
}

std::string describe(const Target& target) {
    auto options = parse(target.url);
    if (!options) return "(unreadable URL)";
    std::string user = option(*options, "user"), host = option(*options, "host"),
                port = option(*options, "port"), db = option(*options, "dbname");
    const bool socket = !host.empty() && host.front() == '/';
    return "postgresql://" + (user.empty() ? "" : user + "@") + (socket ? "" : host) +
           (port.empty() || socket ? "" : ":" + port) + "/" + db + (socket ? "?host=" + host : "");
}

}  // namespace onestop::pg
