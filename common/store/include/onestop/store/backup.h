#pragma once
// Backups of a hall database and putting one back (onestop-hub backup / restore).
//
// Copies go through SQLite's backup API in a single step: the source is read inside one
// read transaction, which WAL lets run beside the hub's writer, so a copy taken while the
// hub serves is the database as of one commit — never half a transaction.

#include <filesystem>
#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::store {

// Copies database `from` onto `to` (made if missing, overwritten page by page if not,
// under SQLite's locks) and makes the copy durable.
Status copy_database(const std::filesystem::path& from, const std::filesystem::path& to);

// Opens `file` read-only and runs PRAGMA integrity_check: its schema version
// (user_version) when the answer is "ok", else an error quoting SQLite's first finding.
Result<int> verified_schema(const std::filesystem::path& file);

// An exclusive advisory lock (flock) on a database file: one process serves or restores a
// database at a time. SQLite's own locks are fcntl locks, which flock does not touch, so
// the holder still reads and writes the file through SQLite as usual. Released when the
// object goes (or the process ends, even by kill -9).
class ExclusiveUse {
  public:
    // Creates the file (empty) when missing. Fails at once, naming the file, when another
    // process holds it.
    static Result<ExclusiveUse> take(const std::filesystem::path& db);
    ExclusiveUse(ExclusiveUse&& other) noexcept;
    ExclusiveUse& operator=(ExclusiveUse&&) = delete;
    ~ExclusiveUse();

  private:
    explicit ExclusiveUse(int fd) : fd_(fd) {}
    int fd_ = -1;
};

// Backup files of `db` in `dir` (named backup_name() makes), oldest first.
std::vector<std::filesystem::path> backups_of(const std::filesystem::path& db,
                                              const std::filesystem::path& dir);
// "<db stem>-<YYYYMMDDTHHMMSSZ>.db": UTC, so names sort by time whatever the zone.
std::string backup_name(const std::filesystem::path& db, const std::string& utc_stamp);

}  // namespace onestop::store
