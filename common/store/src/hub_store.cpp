#include "onestop/store/hub_store.h"
#include "onestop/base/error_codes.h"

#include <nlohmann/json.hpp>

#include "onestop/base/time.h"
#include "store_util.h"

namespace onestop::store {

using nlohmann::json;

const char* to_string(Role role) {
    switch (role) {
        case Role::Kiosk:
            return "kiosk";
        case Role::Pad:
            return "pad";
        case Role::Board:
            return "board";
        case Role::Counter:
            return "counter";
        case Role::Admin:
            return "admin";
    }
    return "kiosk";
}

std::optional<Role> parse_role(const std::string& text) {
    for (Role r : {Role::Kiosk, Role::Pad, Role::Board, Role::Counter, Role::Admin})
        if (text == to_string(r)) return r;
    return std::nullopt;
}

Result<std::unique_ptr<HubStore>> HubStore::open(const std::filesystem::path& file,
                                                 Durability durability) {
    auto db = Database::open(file, durability);
    if (!db) return db.error();
    // A newer hub's database (a package downgraded, a newer backup restored by hand): this
    // hub would write it without knowing its newer tables and columns, so it refuses.
    const int known = static_cast<int>(hub_migrations().size());
    if (int version = (*db)->user_version(); version > known)
        return make_error(errc::migration_failed,
                          file.string() + " was made by a newer onestop-hub (schema " +
                              std::to_string(version) + "; this one knows up to " +
                              std::to_string(known) + "): install that version again");
    if (auto st = (*db)->migrate(hub_migrations()); !st) return st.error();
    return std::unique_ptr<HubStore>(new HubStore(std::move(*db)));
}

Result<std::string> HubStore::hub_id() {
    ONESTOP_PREPARE(st, "SELECT value FROM meta WHERE key = 'hub_id'");
    auto row = st.step();
    if (!row) return row.error();
    if (!*row)
        return make_error(errc::database_error, "the database has no identity (meta hub_id)");
    std::string id = st.column_text(0);
    st.reset();
    return id;
}

// --- the hall ------------------------------------------------------------------

Result<std::optional<std::string>> HubStore::hall_text() {
    ONESTOP_PREPARE(st, "SELECT value FROM meta WHERE key = 'hall_toml'");
    auto row = st.step();
    if (!row) return row.error();
    std::optional<std::string> out;
    if (*row) out = st.column_text(0);
    st.reset();
    return out;
}

Result<bool> HubStore::holds_records() {
    ONESTOP_PREPARE(st,
                    "SELECT EXISTS (SELECT 1 FROM events) OR EXISTS (SELECT 1 FROM tickets) OR "
                    "EXISTS (SELECT 1 FROM devices) OR EXISTS (SELECT 1 FROM staff)");
    auto any = single_int(st);
    if (!any) return any.error();
    return *any != 0;
}

Status HubStore::save_hall(const queue::Hall& hall, const std::string& toml_text,
                           const std::string& source) {
    ONESTOP_CHECK(db_->exec(
        "DELETE FROM units; DELETE FROM services; DELETE FROM windows; DELETE FROM hours;"));
    {
        // A changed hall file is the new base: the console's guide versions made before it
        // no longer apply. The same file again (a hub started with --hall every time) keeps
        // them.
        ONESTOP_PREPARE(floor,
                        "INSERT OR REPLACE INTO meta (key, value) "
                        "SELECT 'guide_floor', (SELECT coalesce(max(id), 0) FROM service_versions) "
                        "WHERE (SELECT value FROM meta WHERE key = 'hall_toml') IS NOT ?");
        ONESTOP_CHECK(floor.bind(1, toml_text).run());
        ONESTOP_PREPARE(st, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)");
        ONESTOP_CHECK(st.bind(1, "hall_toml").bind(2, toml_text).run());
        ONESTOP_CHECK(st.reset().bind(1, "hall_source").bind(2, source).run());
    }
    for (const auto& u : hall.units) {
        ONESTOP_PREPARE(st, "INSERT INTO units (code, name_zh, name_en) VALUES (?, ?, ?)");
        ONESTOP_CHECK(st.bind(1, u.code).bind(2, u.name.zh).bind(3, u.name.en).run());
    }
    for (const auto& s : hall.services) {
        ONESTOP_PREPARE(st,
                        "INSERT INTO services (code, unit, mode, name_zh, name_en, promised_days) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
        ONESTOP_CHECK(st.bind(1, s.code)
                          .bind(2, s.unit)
                          .bind(3, queue::to_string(s.mode))
                          .bind(4, s.name.zh)
                          .bind(5, s.name.en)
                          .bind(6, s.promised_days)
                          .run());
    }
    for (const auto& w : hall.windows) {
        ONESTOP_PREPARE(st,
                        "INSERT INTO windows (number, unit, kind, name_zh, name_en, services) "
                        "VALUES (?, ?, ?, ?, ?, ?)");
        ONESTOP_CHECK(st.bind(1, w.number)
                          .bind(2, w.unit)
                          .bind(3, w.kind == queue::WindowKind::Periodic ? "periodic" : "fixed")
                          .bind(4, w.name.zh)
                          .bind(5, w.name.en)
                          .bind(6, json(w.services).dump())
                          .run());
        for (int day = 0; day < 7; ++day) {
            for (const auto& range : w.hours[static_cast<size_t>(day)]) {
                ONESTOP_PREPARE(
                    h,
                    "INSERT INTO hours (window, weekday, start_min, end_min) VALUES (?, ?, ?, ?)");
                ONESTOP_CHECK(h.bind(1, w.number)
                                  .bind(2, day + 1)
                                  .bind(3, range.start)
                                  .bind(4, range.end)
                                  .run());
            }
        }
    }
    return {};
}

// --- event log -----------------------------------------------------------------

Result<int64_t> HubStore::append_event(const std::string& type, const std::string& payload,
                                       const std::optional<std::string>& name,
                                       const std::optional<std::string>& data, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO events (at, type, payload, name, data) VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, format_iso8601(at))
                      .bind(2, type)
                      .bind(3, payload)
                      .bind_optional(4, name)
                      .bind_optional(5, data)
                      .run());
    return db_->last_insert_id();
}

LogEntry read_entry(const Statement& st) {
    LogEntry e;
    e.id = st.column_int(0);
    e.type = st.column_text(1);
    e.payload = st.column_text(2);
    if (!st.column_is_null(3)) e.name = st.column_text(3);
    if (!st.column_is_null(4)) e.data = st.column_text(4);
    return e;
}

Status HubStore::for_each_event(int64_t after_id, const std::function<bool(const LogEntry&)>& fn) {
    ONESTOP_PREPARE(st,
                    "SELECT id, type, payload, name, data FROM events WHERE id > ? ORDER BY id");
    st.bind(1, after_id);
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        if (!fn(read_entry(st))) break;
    }
    st.reset();
    return {};
}

Result<std::vector<LogEntry>> HubStore::published_after(int64_t after_id, int limit) {
    ONESTOP_PREPARE(st,
                    "SELECT id, type, payload, name, data FROM events "
                    "WHERE id > ? AND name IS NOT NULL ORDER BY id LIMIT ?");
    st.bind(1, after_id).bind(2, limit);
    return collect_rows(st, read_entry);
}

Result<int64_t> HubStore::last_event_id() {
    ONESTOP_PREPARE(st, "SELECT COALESCE(MAX(id), 0) FROM events");
    return single_int(st);
}

// --- tickets ---------------------------------------------------------------------

static std::optional<std::string> iso_or_null(const std::optional<TimePoint>& t) {
    if (!t) return std::nullopt;
    return format_iso8601(*t);
}

Status HubStore::insert_ticket(const queue::Ticket& t, const TicketRecord& record) {
    ONESTOP_PREPARE(
        st,
        "INSERT INTO tickets (id, number, service, service_day, status, priority, device, "
        "request_id, code, issued_at, window, printed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)");
    st.bind(1, t.id)
        .bind(2, t.number)
        .bind(3, t.service)
        .bind(4, t.service_day)
        .bind(5, queue::to_string(t.status))
        .bind(6, t.priority == queue::Priority::Green ? 1 : 0)
        .bind(7, record.device)
        .bind_optional(8,
                       record.request_id.empty() ? std::nullopt : std::optional(record.request_id))
        .bind(9, record.code)
        .bind(10, format_iso8601(t.issued_at))
        .bind(11, t.window)
        .bind(12, t.printed);
    return st.run();
}

Status HubStore::update_ticket(const queue::Ticket& t) {
    ONESTOP_PREPARE(
        st,
        "UPDATE tickets SET service = ?, status = ?, called_at = ?, finished_at = ?, window = ? "
        "WHERE id = ?");
    st.bind(1, t.service)
        .bind(2, queue::to_string(t.status))
        .bind_optional(3, iso_or_null(t.called_at))
        .bind_optional(4, iso_or_null(t.finished_at))
        .bind(5, t.window)
        .bind(6, t.id);
    return st.run();
}

Status HubStore::insert_call(int64_t ticket, int window, const std::string& kind,
                             const std::string& staff, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO calls (ticket, window, kind, staff, at) VALUES (?, ?, ?, ?, ?)");
    st.bind(1, ticket)
        .bind(2, window)
        .bind(3, kind)
        .bind_optional(4, staff.empty() ? std::nullopt : std::optional(staff))
        .bind(5, format_iso8601(at));
    return st.run();
}

Result<std::vector<TicketRecord>> HubStore::ticket_records(int64_t first_id) {
    ONESTOP_PREPARE(st,
                    "SELECT id, code, device, COALESCE(request_id, '') FROM tickets WHERE id >= ? "
                    "ORDER BY id");
    st.bind(1, first_id);
    std::vector<TicketRecord> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back({st.column_int(0), st.column_text(1), st.column_int(2), st.column_text(3)});
    }
    st.reset();
    return out;
}

Result<int64_t> HubStore::count_tickets() {
    ONESTOP_PREPARE(st, "SELECT COUNT(*) FROM tickets");
    return single_int(st);
}

}  // namespace onestop::store
