#include "onestop/store/database.h"
#include "onestop/base/error_codes.h"

#include "onestop/base/errno_text.h"

namespace onestop::store {

Statement::~Statement() {
    sqlite3_finalize(stmt_);
}

Statement& Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    return *this;
}

Statement& Statement::bind(int index, int64_t value) {
    sqlite3_bind_int64(stmt_, index, value);
    return *this;
}

Statement& Statement::bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int index) {
    sqlite3_bind_null(stmt_, index);
    return *this;
}

Statement& Statement::bind_blob(int index, const void* data, size_t size) {
    sqlite3_bind_blob(stmt_, index, data, static_cast<int>(size), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_optional(int index, const std::optional<std::string>& text) {
    return text ? bind(index, *text) : bind_null(index);
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    std::string code = rc == SQLITE_CONSTRAINT || (rc & 0xff) == SQLITE_CONSTRAINT
                           ? "constraint"
                           : "database_error";
    Error e = make_error(code, std::string("database: ") + sqlite3_errmsg(db));
    sqlite3_reset(stmt_);
    return e;
}

Status Statement::run() {
    for (;;) {
        auto r = step();
        if (!r) return r.error();
        if (!*r) break;
    }
    sqlite3_reset(stmt_);
    return {};
}

int64_t Statement::column_int(int col) const {
    return sqlite3_column_int64(stmt_, col);
}

double Statement::column_double(int col) const {
    return sqlite3_column_double(stmt_, col);
}

std::string Statement::column_text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    if (!t) return {};
    return std::string(reinterpret_cast<const char*>(t),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::column_is_null(int col) const {
    return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

std::string Statement::column_blob(int col) const {
    const void* b = sqlite3_column_blob(stmt_, col);
    if (!b) return {};
    return std::string(static_cast<const char*>(b),
                       static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

// Why SQLite could not open `file`, in words a person can act on: SQLite itself only
// says "unable to open database file".
static std::string open_failure_reason(const std::filesystem::path& file, sqlite3* raw) {
    std::filesystem::path dir = file.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    if (!std::filesystem::exists(dir, ec)) return "directory " + dir.string() + " does not exist";
    if (!std::filesystem::is_directory(dir, ec)) return dir.string() + " is not a directory";
    if (int sys = raw ? sqlite3_system_errno(raw) : 0; sys != 0) return errno_text(sys);
    return raw ? sqlite3_errmsg(raw) : "out of memory";
}

Result<std::unique_ptr<Database>> Database::open(const std::filesystem::path& file,
                                                 Durability durability) {
    auto failed = [&](sqlite3* raw) {
        return make_error(errc::database_open_failed, "cannot open database " + file.string() +
                                                          ": " + open_failure_reason(file, raw));
    };
    sqlite3* raw = nullptr;
    int rc =
        sqlite3_open_v2(file.c_str(), &raw,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
        Error e = failed(raw);
        sqlite3_close(raw);
        return e;
    }
    std::unique_ptr<Database> db(new Database(raw, file));
    // Another process (token create, staff add) may hold the write lock briefly.
    sqlite3_busy_timeout(raw, 5000);
    std::string pragmas = "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=";
    pragmas += durability == Durability::Full ? "FULL;" : "NORMAL;";
    // SQLite opens the file lazily: a missing directory or a read-only one shows up here.
    if (auto st = db->exec(pragmas); !st) {
        if (sqlite3_errcode(raw) == SQLITE_CANTOPEN || sqlite3_errcode(raw) == SQLITE_READONLY ||
            sqlite3_errcode(raw) == SQLITE_PERM)
            return failed(raw);
        return st.error();
    }
    return db;
}

Database::~Database() {
    cache_.clear();  // statements must be finalized before the connection closes
    sqlite3_close(db_);
}

Error Database::last_error(const std::string& what) const {
    return make_error(errc::database_error, what + ": " + sqlite3_errmsg(db_));
}

Status Database::exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
        std::string msg = err ? err : "unknown error";
        sqlite3_free(err);
        return make_error(errc::database_error, "database: " + msg);
    }
    return {};
}

Result<Statement*> Database::prepare(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
        sqlite3_stmt* stmt = nullptr;
        if (sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size()),
                               SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
            return last_error("prepare '" + sql + "'");
        }
        it = cache_.emplace(sql, std::make_unique<Statement>(stmt)).first;
    }
    it->second->reset();
    return it->second.get();
}

Status Database::begin() {
    return exec("BEGIN IMMEDIATE");
}
Status Database::commit() {
    return exec("COMMIT");
}

Status Database::rollback() {
    if (sqlite3_get_autocommit(db_)) return {};
    return exec("ROLLBACK");
}

int64_t Database::last_insert_id() const {
    return sqlite3_last_insert_rowid(db_);
}
int Database::changes() const {
    return sqlite3_changes(db_);
}

int Database::user_version() {
    auto st = prepare("PRAGMA user_version");
    if (!st) return 0;
    auto row = (*st)->step();
    int v = row && *row ? static_cast<int>((*st)->column_int(0)) : 0;
    (*st)->reset();
    return v;
}

Status Database::migrate(const std::vector<std::string>& migrations) {
    for (int v = user_version(); v < static_cast<int>(migrations.size()); ++v) {
        if (auto st = begin(); !st) return st;
        auto st = exec(migrations[static_cast<size_t>(v)]);
        if (st) st = exec("PRAGMA user_version = " + std::to_string(v + 1));
        if (st) st = commit();
        if (!st) {
            (void)rollback();
            return make_error(errc::migration_failed, "schema migration " + std::to_string(v + 1) +
                                                          " failed: " + st.error().message);
        }
    }
    return {};
}

}  // namespace onestop::store
