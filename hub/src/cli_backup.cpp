// onestop-hub backup and restore: online, verified copies of the hall database, rotated,
// and putting one back while no hub serves it.
#include <fcntl.h>
#include <unistd.h>

#include <iostream>

#include "cli_commands.h"
#include "onestop/base/clock.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "onestop/store/backup.h"
#include "onestop/store/hub_store.h"

namespace onestop::hub::cli {

namespace fs = std::filesystem;

namespace {

// 20261201T031500Z: UTC, so backup names sort by time in any zone.
std::string utc_stamp() {
    std::string iso = TimeZone::utc().format_iso8601(SystemClock().now());  // …T03:15:00Z
    std::string out;
    for (char c : iso.substr(0, 19))
        if (c != '-' && c != ':') out += c;
    return out + "Z";
}

// A rename is durable only once its directory is written through.
void sync_directory(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) return;
    (void)fsync(fd);
    ::close(fd);
}

// `file`, not yet taken: "x.db", else "x-2.db", "x-3.db" …
fs::path free_name(const fs::path& dir, const std::string& file) {
    std::error_code ec;
    fs::path path = dir / file;
    fs::path stem = fs::path(file).stem();
    for (int n = 2; fs::exists(path, ec); ++n)
        path = dir / (stem.string() + "-" + std::to_string(n) + ".db");
    return path;
}

// A schema this hub can serve (it migrates older ones when it opens them).
Status servable(const fs::path& file, int version) {
    const int known = static_cast<int>(store::hub_migrations().size());
    if (version == 0)
        return make_error(errc::no_database, file.string() + " is not a OneStop database");
    if (version > known)
        return make_error(errc::no_database,
                          file.string() + " was made by a newer onestop-hub (schema " +
                              std::to_string(version) + "; this one knows up to " +
                              std::to_string(known) + "): install that version first");
    return {};
}

}  // namespace

int backup(const fs::path& db, const fs::path& dir, int keep) {
    std::error_code ec;
    if (!fs::is_regular_file(db, ec))
        return fail("no database at " + db.string() + " (see onestop-hub backup --help)");
    fs::create_directories(dir, ec);
    if (ec) return fail("cannot make " + dir.string() + ": " + ec.message());
    fs::path file = free_name(dir, store::backup_name(db, utc_stamp()));
    // Written under another name first: a backup file that exists is a whole one.
    fs::path partial = file;
    partial += ".partial";
    fs::remove(partial, ec);
    auto discard = [&](const std::string& why) {
        fs::remove(partial, ec);
        return fail(why);
    };
    if (auto st = store::copy_database(db, partial); !st) return discard(st.error().message);
    auto version = store::verified_schema(partial);
    if (!version) return discard(version.error().message);
    if (auto st = servable(db, *version); !st) return discard(st.error().message);
    fs::rename(partial, file, ec);
    if (ec) return discard("cannot name the backup " + file.string() + ": " + ec.message());
    sync_directory(dir);

    auto kept = store::backups_of(db, dir);
    for (size_t i = 0; i + keep < kept.size(); ++i) fs::remove(kept[i], ec);
    std::cout << file.string() << std::endl;
    return 0;
}

int restore(const fs::path& from, const fs::path& db) {
    auto version = store::verified_schema(from);
    if (!version) return fail("cannot restore: " + version.error().message);
    if (auto st = servable(from, *version); !st)
        return fail("cannot restore: " + st.error().message);
    std::error_code ec;
    const bool had_data = fs::exists(db, ec) && fs::file_size(db, ec) > 0;
    // Held until the end: a hub starting meanwhile is refused, and one serving now refuses us.
    auto use = store::ExclusiveUse::take(db);
    if (!use) return fail(use.error().message);

    std::string replaced;
    if (had_data) {
        // The database being replaced is kept beside it: a restore loses nothing either.
        fs::path keep = free_name(db.parent_path().empty() ? "." : db.parent_path(),
                                  db.stem().string() + "-before-restore-" + utc_stamp() + ".db");
        if (auto st = store::copy_database(db, keep); !st)
            return fail("cannot keep the current database first: " + st.error().message);
        replaced = keep.string();
    }
    if (auto st = store::copy_database(from, db); !st) return fail(st.error().message);
    auto check = store::verified_schema(db);
    if (!check) return fail(check.error().message);
    std::cout << "database " << db.string() << " restored from " << from.string() << " (schema "
              << *check << ")";
    if (!replaced.empty()) std::cout << "; the database it replaced is kept as " << replaced;
    std::cout << std::endl;
    return 0;
}

}  // namespace onestop::hub::cli
