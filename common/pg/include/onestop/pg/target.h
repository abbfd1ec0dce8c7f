#pragma once
// Where the campus database is and how to sign in. The URL names the server, database and
// role; the password comes from a password file (libpq's ~/.pgpass format), never from the
// URL: a command line shows in ps and stays in shell histories and unit files.

#include <filesystem>
#include <string>

#include "onestop/base/result.h"

namespace onestop::pg {

struct Target {
    std::string url;                   // postgresql://[user@][host][:port][/db][?param=…]
    std::filesystem::path passfile{};  // empty: libpq's PGPASSFILE, else ~/.pgpass
};

// The target for `url` and `passfile`. Error errc::campus_url when the URL is not a
// postgresql:// (or postgres://) URL libpq can read, or when it carries a password (as
// user:password@ or ?password=); the message says where the password goes instead.
Result<Target> make_target(const std::string& url, const std::filesystem::path& passfile = {});

// The URL for logs and pages: user, host, port and database only.
std::string describe(const Target& target);

}  // namespace onestop::pg
