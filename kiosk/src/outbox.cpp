#include "outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace onestop::kiosk {

namespace {

// A prepared statement that finalizes itself.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    bool ok() const { return s_ != nullptr; }
    Stmt& bind(int i, const std::string& v) {
        sqlite3_bind_text(s_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
        return *this;
    }
    Stmt& bind(int i, int64_t v) {
        sqlite3_bind_int64(s_, i, v);
        return *this;
    }
    int step() { return sqlite3_step(s_); }
    int64_t col_int(int i) { return sqlite3_column_int64(s_, i); }
    std::string col_text(int i) {
        auto* t = sqlite3_column_text(s_, i);
        return t ? reinterpret_cast<const char*>(t) : "";
    }

private:
    sqlite3_stmt* s_ = nullptr;
};

Error db_error(sqlite3* db, const std::string& what) {
    return make_error("state_db", what + ": " + sqlite3_errmsg(db));
}

}  // namespace

bool settles(long status) {
    // A 403 can be about the item (a pad rating another window's ticket): settled.
    return status < 500 && status != 401 && status != 408 && status != 429;
}

Result<KioskState> KioskState::open(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    if (sqlite3_open(file.string().c_str(), &db) != SQLITE_OK) {
        Error e = make_error("state_db", "cannot open " + file.string() + ": " + sqlite3_errmsg(db));
        sqlite3_close(db);
        return e;
    }
    KioskState st(db);
    sqlite3_busy_timeout(db, 2000);
    // FULL sync: a ticket handed out offline must survive a power cut before it is replayed.
    const char* schema =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
        "CREATE TABLE IF NOT EXISTS kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS leases(service TEXT NOT NULL, service_day TEXT NOT NULL,"
        "  first INTEGER NOT NULL, count INTEGER NOT NULL, next INTEGER NOT NULL,"
        "  PRIMARY KEY(service, service_day, first));"
        "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
        "  kind TEXT NOT NULL, request_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,"
        "  done INTEGER NOT NULL DEFAULT 0, result TEXT);";
    if (auto s = st.exec(schema); !s) return s.error();
    // Version 1: blocks know the database that leased them. A file from before gets an
    // empty hub_id: its blocks are dropped at the next contact with a hub.
    if (st.user_version() < 1) {
        if (auto s = st.exec("BEGIN IMMEDIATE; ALTER TABLE leases ADD COLUMN hub_id TEXT NOT NULL DEFAULT '';"
                             "PRAGMA user_version = 1; COMMIT;");
            !s) {
            (void)st.exec("ROLLBACK");
            return s.error();
        }
    }
    return st;
}

int KioskState::user_version() {
    Stmt s(db_, "PRAGMA user_version");
    return s.ok() && s.step() == SQLITE_ROW ? static_cast<int>(s.col_int(0)) : 0;
}

KioskState::KioskState(KioskState&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
KioskState& KioskState::operator=(KioskState&& o) noexcept {
    if (this != &o) {
        sqlite3_close(db_);
        db_ = o.db_;
        o.db_ = nullptr;
    }
    return *this;
}
KioskState::~KioskState() { sqlite3_close(db_); }

Status KioskState::exec(const char* sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db_, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        Error e = make_error("state_db", msg ? msg : "sqlite error");
        sqlite3_free(msg);
        return e;
    }
    return {};
}

Status KioskState::put(const std::string& key, const std::string& value) {
    Stmt s(db_, "INSERT INTO kv(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2");
    if (!s.ok() || s.bind(1, key).bind(2, value).step() != SQLITE_DONE) return db_error(db_, "put " + key);
    return {};
}

std::optional<std::string> KioskState::get(const std::string& key) {
    Stmt s(db_, "SELECT value FROM kv WHERE key = ?1");
    if (s.ok() && s.bind(1, key).step() == SQLITE_ROW) return s.col_text(0);
    return std::nullopt;
}

Status KioskState::add_lease(const LeaseBlock& b, const std::string& hub_id) {
    // The same block from the same database again (it lost the first grant to a restore)
    // keeps `next`: the numbers already handed out stay handed out. From another
    // database it is a new block.
    Stmt s(db_, "INSERT INTO leases(service, service_day, first, count, next, hub_id) VALUES(?1, ?2, ?3, ?4, ?3, ?5) "
                "ON CONFLICT(service, service_day, first) DO UPDATE SET count = excluded.count, "
                "next = excluded.next, hub_id = excluded.hub_id WHERE hub_id <> excluded.hub_id");
    if (!s.ok() ||
        s.bind(1, b.service).bind(2, b.service_day).bind(3, b.first).bind(4, b.count).bind(5, hub_id).step() !=
            SQLITE_DONE)
        return db_error(db_, "add lease");
    return {};
}

std::vector<HeldLease> KioskState::leases() {
    std::vector<HeldLease> out;
    Stmt s(db_, "SELECT service, service_day, first, count, hub_id, next FROM leases ORDER BY service_day, service, first");
    if (!s.ok()) return out;
    while (s.step() == SQLITE_ROW)
        out.push_back({{s.col_text(0), s.col_text(1), static_cast<int>(s.col_int(2)), static_cast<int>(s.col_int(3))},
                       s.col_text(4),
                       static_cast<int>(s.col_int(5))});
    return out;
}

Result<int> KioskState::keep_leases(const std::string& hub_id, const std::vector<LeaseBlock>& known) {
    int dropped = 0;
    for (const auto& held : leases()) {
        if (held.hub_id == hub_id && std::find(known.begin(), known.end(), held.block) != known.end()) continue;
        Stmt s(db_, "DELETE FROM leases WHERE service = ?1 AND service_day = ?2 AND first = ?3");
        if (!s.ok() || s.bind(1, held.block.service).bind(2, held.block.service_day).bind(3, held.block.first).step() !=
                           SQLITE_DONE)
            return db_error(db_, "drop lease");
        ++dropped;
    }
    return dropped;
}

int KioskState::remaining(const std::string& service, const std::string& day) {
    Stmt s(db_, "SELECT COALESCE(SUM(first + count - next), 0) FROM leases WHERE service = ?1 AND service_day = ?2");
    if (s.ok() && s.bind(1, service).bind(2, day).step() == SQLITE_ROW) return static_cast<int>(s.col_int(0));
    return 0;
}

Result<OfflineNumber> KioskState::issue_offline(const std::string& service, const std::string& day,
                                                const std::string& request_id, const std::string& body_json,
                                                const std::string& issued_at) {
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s.error();
    auto rollback = [&](Error e) {
        (void)exec("ROLLBACK");
        return e;
    };
    int64_t first = 0, next = 0;
    std::string hub_id;
    {
        Stmt s(db_, "SELECT first, next, hub_id FROM leases WHERE service = ?1 AND service_day = ?2 AND next < first + count "
                    "ORDER BY first LIMIT 1");
        if (!s.ok() || s.bind(1, service).bind(2, day).step() != SQLITE_ROW)
            return rollback(make_error("no_lease", "no leased number left for " + service + " on " + day));
        first = s.col_int(0);
        next = s.col_int(1);
        hub_id = s.col_text(2);
    }
    {
        Stmt s(db_, "UPDATE leases SET next = next + 1 WHERE service = ?1 AND service_day = ?2 AND first = ?3");
        if (!s.ok() || s.bind(1, service).bind(2, day).bind(3, first).step() != SQLITE_DONE)
            return rollback(db_error(db_, "take lease"));
    }
    nlohmann::json body = nlohmann::json::parse(body_json, nullptr, false);
    if (body.is_discarded()) return rollback(make_error("state_db", "ticket body is not JSON"));
    body["leased"] = {{"service_day", day}, {"sequence", next}};
    // Which database's block: another one adopts or renumbers the ticket instead.
    if (!hub_id.empty()) body["leased"]["hub_id"] = hub_id;
    body["issued_at"] = issued_at;
    {
        Stmt s(db_, "INSERT INTO outbox(kind, request_id, body) VALUES('ticket', ?1, ?2)");
        if (!s.ok() || s.bind(1, request_id).bind(2, body.dump()).step() != SQLITE_DONE)
            return rollback(db_error(db_, "queue ticket"));
    }
    if (auto s = exec("COMMIT"); !s) return rollback(s.error());
    return OfflineNumber{day, static_cast<int>(next)};
}

Result<int64_t> KioskState::enqueue(const std::string& kind, const std::string& request_id, const std::string& body) {
    Stmt s(db_, "INSERT INTO outbox(kind, request_id, body) VALUES(?1, ?2, ?3)");
    if (!s.ok() || s.bind(1, kind).bind(2, request_id).bind(3, body).step() != SQLITE_DONE)
        return db_error(db_, "queue " + kind);
    return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

std::vector<OutboxItem> KioskState::pending(int limit) {
    std::vector<OutboxItem> out;
    Stmt s(db_, "SELECT seq, kind, request_id, body FROM outbox WHERE done = 0 ORDER BY seq LIMIT ?1");
    if (!s.ok()) return out;
    s.bind(1, limit);
    while (s.step() == SQLITE_ROW) out.push_back({s.col_int(0), s.col_text(1), s.col_text(2), s.col_text(3)});
    return out;
}

int64_t KioskState::pending_count() {
    Stmt s(db_, "SELECT COUNT(*) FROM outbox WHERE done = 0");
    if (s.ok() && s.step() == SQLITE_ROW) return s.col_int(0);
    return 0;
}

Status KioskState::mark_done(int64_t seq, const std::string& result, const std::optional<FollowUp>& then) {
    if (auto s = exec("BEGIN IMMEDIATE"); !s) return s;
    auto rollback = [&](const std::string& what) -> Status {
        Error e = db_error(db_, what);
        (void)exec("ROLLBACK");
        return e;
    };
    if (then) {
        Stmt s(db_, "INSERT OR IGNORE INTO outbox(kind, request_id, body) VALUES(?1, ?2, ?3)");
        if (!s.ok() || s.bind(1, then->kind).bind(2, then->request_id).bind(3, then->body).step() != SQLITE_DONE)
            return rollback("queue " + then->kind);
    }
    {
        Stmt s(db_, "UPDATE outbox SET done = 1, result = ?2 WHERE seq = ?1");
        if (!s.ok() || s.bind(1, seq).bind(2, result).step() != SQLITE_DONE) return rollback("mark done");
    }
    return exec("COMMIT");
}

}  // namespace onestop::kiosk
