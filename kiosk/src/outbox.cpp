#include "outbox.h"

#include <algorithm>

#include <nlohmann/json.hpp>

namespace onestop::kiosk {

namespace {

// Never edit a shipped migration: add one. [0] is the first schema (IF NOT EXISTS: files
// from before migrations were counted already have it); [1] gives blocks the database
// that leased them — a file from before gets an empty hub_id, so its blocks are dropped
// at the next contact with a hub.
const std::vector<std::string> kMigrations = {
    "CREATE TABLE IF NOT EXISTS kv(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE IF NOT EXISTS leases(service TEXT NOT NULL, service_day TEXT NOT NULL,"
    "  first INTEGER NOT NULL, count INTEGER NOT NULL, next INTEGER NOT NULL,"
    "  PRIMARY KEY(service, service_day, first));"
    "CREATE TABLE IF NOT EXISTS outbox(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  kind TEXT NOT NULL, request_id TEXT NOT NULL UNIQUE, body TEXT NOT NULL,"
    "  done INTEGER NOT NULL DEFAULT 0, result TEXT);",
    "ALTER TABLE leases ADD COLUMN hub_id TEXT NOT NULL DEFAULT '';",
};

}  // namespace

bool settles(long status) {
    // A 403 can be about the item (a pad rating another window's ticket): settled.
    return status < 500 && status != 401 && status != 408 && status != 429;
}

Result<KioskState> KioskState::open(const std::filesystem::path& file) {
    // Full durability: a ticket handed out offline must survive a power cut before it is replayed.
    auto db = store::Database::open(file, store::Durability::Full);
    if (!db) return db.error();
    if (auto s = (*db)->migrate(kMigrations); !s) return s.error();
    return KioskState(std::move(*db));
}

Status KioskState::run(const std::string& sql, const std::function<void(store::Statement&)>& bind) {
    auto st = db_->prepare(sql);
    if (!st) return st.error();
    bind(**st);
    return (*st)->run();
}

Status KioskState::put(const std::string& key, const std::string& value) {
    return run(
        "INSERT INTO kv(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        [&](store::Statement& s) { s.bind(1, key).bind(2, value); });
}

Result<std::optional<std::string>> KioskState::get(const std::string& key) {
    auto st = db_->prepare("SELECT value FROM kv WHERE key = ?1");
    if (!st) return st.error();
    auto row = (*st)->bind(1, key).step();
    if (!row) return row.error();
    std::optional<std::string> value;
    if (*row) value = (*st)->column_text(0);
    (*st)->reset();  // ends the read at once
    return value;
}

Status KioskState::add_lease(const LeaseBlock& b, const std::string& hub_id) {
    // The same block from the same database again (it lost the first grant to a restore)
    // keeps `next`: the numbers already handed out stay handed out. From another
    // database it is a new block.
    return run(
        "INSERT INTO leases(service, service_day, first, count, next, hub_id) VALUES(?1, ?2, ?3, "
        "?4, ?3, ?5) "
        "ON CONFLICT(service, service_day, first) DO UPDATE SET count = excluded.count, "
        "next = excluded.next, hub_id = excluded.hub_id WHERE hub_id <> excluded.hub_id",
        [&](store::Statement& s) {
            s.bind(1, b.service)
                .bind(2, b.service_day)
                .bind(3, b.first)
                .bind(4, b.count)
                .bind(5, hub_id);
        });
}

Result<std::vector<HeldLease>> KioskState::leases() {
    auto st = db_->prepare(
        "SELECT service, service_day, first, count, hub_id, next FROM leases ORDER BY service_day, "
        "service, first");
    if (!st) return st.error();
    std::vector<HeldLease> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return out;
        const store::Statement& s = **st;
        out.push_back({{s.column_text(0), s.column_text(1), static_cast<int>(s.column_int(2)),
                        static_cast<int>(s.column_int(3))},
                       s.column_text(4),
                       static_cast<int>(s.column_int(5))});
    }
}

Result<int> KioskState::keep_leases(const std::string& hub_id,
                                    const std::vector<LeaseBlock>& known) {
    auto held = leases();
    if (!held) return held.error();
    int dropped = 0;
    for (const auto& h : *held) {
        if (h.hub_id == hub_id && std::find(known.begin(), known.end(), h.block) != known.end())
            continue;
        auto s =
            run("DELETE FROM leases WHERE service = ?1 AND service_day = ?2 AND first = ?3",
                [&](store::Statement& st) {
                    st.bind(1, h.block.service).bind(2, h.block.service_day).bind(3, h.block.first);
                });
        if (!s) return s.error();
        ++dropped;
    }
    return dropped;
}

Result<int> KioskState::remaining(const std::string& service, const std::string& day) {
    auto st = db_->prepare(
        "SELECT COALESCE(SUM(first + count - next), 0) FROM leases WHERE service = ?1 AND "
        "service_day = ?2");
    if (!st) return st.error();
    auto row = (*st)->bind(1, service).bind(2, day).step();
    if (!row) return row.error();
    const int n = static_cast<int>((*st)->column_int(0));
    (*st)->reset();
    return n;
}

Result<OfflineNumber> KioskState::issue_offline(const std::string& service, const std::string& day,
                                                const std::string& request_id,
                                                const std::string& body_json,
                                                const std::string& issued_at) {
    nlohmann::json body = nlohmann::json::parse(body_json, nullptr, false);
    if (body.is_discarded()) return make_error("state_db", "ticket body is not JSON");
    if (auto s = db_->begin(); !s) return s.error();
    auto fail = [&](Error e) -> Result<OfflineNumber> {
        (void)db_->rollback();
        return e;
    };
    auto st = db_->prepare(
        "SELECT first, next, hub_id FROM leases WHERE service = ?1 AND service_day = ?2 AND next < "
        "first + count "
        "ORDER BY first LIMIT 1");
    if (!st) return fail(st.error());
    auto row = (*st)->bind(1, service).bind(2, day).step();
    if (!row) return fail(row.error());
    if (!*row)
        return fail(make_error("no_lease", "no leased number left for " + service + " on " + day));
    const int64_t first = (*st)->column_int(0), next = (*st)->column_int(1);
    const std::string hub_id = (*st)->column_text(2);
    (*st)->reset();
    if (auto s = run("UPDATE leases SET next = next + 1 WHERE service = ?1 AND service_day = ?2 "
                     "AND first = ?3",
                     [&](store::Statement& u) { u.bind(1, service).bind(2, day).bind(3, first); });
        !s)
        return fail(s.error());
    body["leased"] = {{"service_day", day}, {"sequence", next}};
    // Which database's block: another one adopts or renumbers the ticket instead.
    if (!hub_id.empty()) body["leased"]["hub_id"] = hub_id;
    body["issued_at"] = issued_at;
    if (auto s = run("INSERT INTO outbox(kind, request_id, body) VALUES('ticket', ?1, ?2)",
                     [&](store::Statement& i) { i.bind(1, request_id).bind(2, body.dump()); });
        !s)
        return fail(s.error());
    if (auto s = db_->commit(); !s) return fail(s.error());
    return OfflineNumber{day, static_cast<int>(next)};
}

Result<int64_t> KioskState::enqueue(const std::string& kind, const std::string& request_id,
                                    const std::string& body) {
    if (auto s =
            run("INSERT INTO outbox(kind, request_id, body) VALUES(?1, ?2, ?3)",
                [&](store::Statement& st) { st.bind(1, kind).bind(2, request_id).bind(3, body); });
        !s)
        return s.error();
    return db_->last_insert_id();
}

Result<std::vector<OutboxItem>> KioskState::pending(int limit) {
    auto st = db_->prepare(
        "SELECT seq, kind, request_id, body FROM outbox WHERE done = 0 ORDER BY seq LIMIT ?1");
    if (!st) return st.error();
    (*st)->bind(1, limit);
    std::vector<OutboxItem> out;
    for (;;) {
        auto row = (*st)->step();
        if (!row) return row.error();
        if (!*row) return out;
        const store::Statement& s = **st;
        out.push_back({s.column_int(0), s.column_text(1), s.column_text(2), s.column_text(3)});
    }
}

Result<int64_t> KioskState::pending_count() {
    auto st = db_->prepare("SELECT COUNT(*) FROM outbox WHERE done = 0");
    if (!st) return st.error();
    auto row = (*st)->step();
    if (!row) return row.error();
    const int64_t n = (*st)->column_int(0);
    (*st)->reset();
    return n;
}

Status KioskState::mark_done(int64_t seq, const std::string& result,
                             const std::optional<FollowUp>& then) {
    if (auto s = db_->begin(); !s) return s;
    auto fail = [&](Status s) {
        (void)db_->rollback();
        return s;
    };
    if (then) {
        if (auto s = run("INSERT OR IGNORE INTO outbox(kind, request_id, body) VALUES(?1, ?2, ?3)",
                         [&](store::Statement& st) {
                             st.bind(1, then->kind).bind(2, then->request_id).bind(3, then->body);
                         });
            !s)
            return fail(s);
    }
    if (auto s = run("UPDATE outbox SET done = 1, result = ?2 WHERE seq = ?1",
                     [&](store::Statement& st) { st.bind(1, seq).bind(2, result); });
        !s)
        return fail(s);
    if (auto s = db_->commit(); !s) return fail(s);
    return {};
}

}  // namespace onestop::kiosk
