#include "onestop/store/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <regex>
#include <utility>

#include "onestop/base/error_codes.h"

namespace onestop::store {

namespace fs = std::filesystem;

namespace {

// A connection closed whatever happens.
struct Connection {
    sqlite3* db = nullptr;
    ~Connection() { sqlite3_close(db); }
};

Error sqlite_error(const std::string& what, sqlite3* db) {
    return make_error(errc::internal, what + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

Status open(Connection& c, const fs::path& file, int flags) {
    if (sqlite3_open_v2(file.c_str(), &c.db, flags, nullptr) != SQLITE_OK)
        return sqlite_error("cannot open " + file.string(), c.db);
    // The hub may hold the write lock for a moment; a copy waits for it.
    sqlite3_busy_timeout(c.db, 5000);
    return {};
}

}  // namespace

Status copy_database(const fs::path& from, const fs::path& to) {
    Connection source, target;
    if (auto st = open(source, from, SQLITE_OPEN_READWRITE); !st) return st;
    if (auto st = open(target, to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE); !st) return st;
    sqlite3_backup* copy = sqlite3_backup_init(target.db, "main", source.db, "main");
    if (!copy) return sqlite_error("cannot copy " + from.string(), target.db);
    int rc = sqlite3_backup_step(copy, -1);  // all pages in one read transaction
    sqlite3_backup_finish(copy);
    if (rc != SQLITE_DONE)
        return make_error(errc::internal, "copying " + from.string() + " to " + to.string() + ": " +
                                              sqlite3_errstr(rc));
    // One self-contained file (no -wal beside it), written through to the disk; the hub
    // turns WAL on again when it opens the database.
    char* message = nullptr;
    if (sqlite3_exec(target.db, "PRAGMA journal_mode=DELETE", nullptr, nullptr, &message) !=
        SQLITE_OK) {
        Error e = make_error(errc::internal, "finishing " + to.string() + ": " +
                                                 (message ? message : "unknown error"));
        sqlite3_free(message);
        return e;
    }
    return {};
}

Result<int> verified_schema(const fs::path& file) {
    std::error_code ec;
    if (!fs::is_regular_file(file, ec))
        return make_error(errc::no_database, "no database file at " + file.string());
    Connection c;
    if (auto st = open(c, file, SQLITE_OPEN_READONLY); !st) return st.error();
    std::string verdict;
    int version = -1;
    auto first_text = [](void* out, int, char** values, char**) {
        auto* text = static_cast<std::string*>(out);
        if (text->empty() && values[0]) *text = values[0];
        return 0;
    };
    auto number = [](void* out, int, char** values, char**) {
        *static_cast<int*>(out) = values[0] ? std::atoi(values[0]) : -1;
        return 0;
    };
    if (sqlite3_exec(c.db, "PRAGMA integrity_check", first_text, &verdict, nullptr) != SQLITE_OK ||
        sqlite3_exec(c.db, "PRAGMA user_version", number, &version, nullptr) != SQLITE_OK)
        return make_error(errc::internal,
                          file.string() + " is not a readable database: " + sqlite3_errmsg(c.db));
    if (verdict != "ok")
        return make_error(errc::internal, file.string() + " fails its integrity check: " + verdict);
    return version;
}

Result<ExclusiveUse> ExclusiveUse::take(const fs::path& db) {
    int fd = ::open(db.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd < 0)
        return make_error(errc::database_open_failed,
                          "cannot open " + db.string() + ": " + std::strerror(errno));
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        int error = errno;
        ::close(fd);
        if (error == EWOULDBLOCK)
            return make_error(errc::database_in_use,
                              "another onestop-hub is serving or restoring " + db.string() +
                                  "; stop it first (systemctl stop onestop-hub)");
        return make_error(errc::database_open_failed,
                          "cannot lock " + db.string() + ": " + std::strerror(error));
    }
    return ExclusiveUse(fd);
}

ExclusiveUse::ExclusiveUse(ExclusiveUse&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

ExclusiveUse::~ExclusiveUse() {
    if (fd_ >= 0) ::close(fd_);
}

std::string backup_name(const fs::path& db, const std::string& utc_stamp) {
    return db.stem().string() + "-" + utc_stamp + ".db";
}

std::vector<fs::path> backups_of(const fs::path& db, const fs::path& dir) {
    // stem-YYYYMMDDTHHMMSSZ.db, or …Z-N.db for a second backup within the same second.
    std::string stem =
        std::regex_replace(db.stem().string(), std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)");
    const std::regex name("^" + stem + R"(-(\d{8}T\d{6}Z)(?:-(\d+))?\.db$)");
    std::vector<std::pair<std::pair<std::string, int>, fs::path>> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::smatch m;
        std::string file = entry.path().filename().string();
        if (entry.is_regular_file(ec) && std::regex_match(file, m, name))
            found.push_back({{m[1], m[2].matched ? std::stoi(m[2]) : 1}, entry.path()});
    }
    std::sort(found.begin(), found.end());
    std::vector<fs::path> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

}  // namespace onestop::store
