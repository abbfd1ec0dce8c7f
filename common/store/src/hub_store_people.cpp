// Devices, staff, PIN failures, sessions and attendance.
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Result<int64_t> HubStore::add_device(const std::string& name, Role role, int window,
                                     const std::string& token_hash, TimePoint at) {
    ONESTOP_PREPARE(
        st,
        "INSERT INTO devices (name, role, window, token_hash, created_at) VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, name)
                      .bind(2, to_string(role))
                      .bind(3, window)
                      .bind(4, token_hash)
                      .bind(5, format_iso8601(at))
                      .run());
    return db_->last_insert_id();
}

static const std::string kSelectDevices =
    "SELECT id, name, role, window, token_hash, created_at, last_seen_at, revoked_at FROM devices ";

static Device read_device(const Statement& st) {
    Device d;
    d.id = st.column_int(0);
    d.name = st.column_text(1);
    d.role = parse_role(st.column_text(2)).value_or(Role::Kiosk);
    d.window = static_cast<int>(st.column_int(3));
    d.token_hash = st.column_text(4);
    d.created_at = st.column_text(5);
    d.last_seen_at = optional_text(st, 6);
    d.revoked_at = optional_text(st, 7);
    return d;
}

Result<std::optional<Device>> HubStore::device_by_token_hash(const std::string& token_hash) {
    ONESTOP_PREPARE(st, kSelectDevices + "WHERE token_hash = ?");
    st.bind(1, token_hash);
    return optional_row(st, read_device);
}

Result<std::vector<Device>> HubStore::devices() {
    ONESTOP_PREPARE(st, kSelectDevices + "ORDER BY id");
    return collect_rows(st, read_device);
}

Status HubStore::revoke_device(int64_t id, TimePoint at) {
    ONESTOP_PREPARE(st, "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
    ONESTOP_CHECK(st.bind(1, format_iso8601(at)).bind(2, id).run());
    if (db_->changes() == 0)
        return make_error(errc::device_unknown, "there is no device " + std::to_string(id));
    return {};
}

Result<int64_t> HubStore::count_revoked_devices() {
    ONESTOP_PREPARE(st, "SELECT COUNT(*) FROM devices WHERE revoked_at IS NOT NULL");
    return single_int(st);
}

Status HubStore::record_device_seen(int64_t id, TimePoint at) {
    ONESTOP_PREPARE(st, "UPDATE devices SET last_seen_at = ? WHERE id = ?");
    return st.bind(1, format_iso8601(at)).bind(2, id).run();
}

Status HubStore::upsert_staff(const Staff& s, TimePoint at) {
    ONESTOP_PREPARE(
        st,
        "INSERT INTO staff (number, name, unit, pin_hash, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (number) DO UPDATE SET name = excluded.name, unit = excluded.unit, "
        "pin_hash = excluded.pin_hash, disabled_at = NULL");
    return st.bind(1, s.number)
        .bind(2, s.name)
        .bind(3, s.unit)
        .bind(4, s.pin_hash)
        .bind(5, format_iso8601(at))
        .run();
}

static const std::string kSelectStaff =
    "SELECT number, name, unit, pin_hash, disabled_at FROM staff ";

static Staff read_staff(const Statement& st) {
    return Staff{st.column_text(0), st.column_text(1), st.column_text(2), st.column_text(3),
                 optional_text(st, 4)};
}

Result<std::optional<Staff>> HubStore::staff(const std::string& number) {
    ONESTOP_PREPARE(st, kSelectStaff + "WHERE number = ?");
    st.bind(1, number);
    auto row = st.step();
    if (!row) return row.error();
    std::optional<Staff> out;
    if (*row) out = read_staff(st);
    st.reset();
    return out;
}

Result<std::vector<Staff>> HubStore::all_staff() {
    ONESTOP_PREPARE(st, kSelectStaff + "ORDER BY number");
    return collect_rows(st, read_staff);
}

Status HubStore::disable_staff(const std::string& number, TimePoint at) {
    ONESTOP_PREPARE(st, "UPDATE staff SET disabled_at = COALESCE(disabled_at, ?) WHERE number = ?");
    ONESTOP_CHECK(st.bind(1, format_iso8601(at)).bind(2, number).run());
    if (db_->changes() == 0)
        return make_error(errc::staff_unknown, "there is no staff member " + number);
    return {};
}

Status HubStore::record_pin_failure(const std::string& staff, TimePoint at) {
    ONESTOP_PREPARE(st, "INSERT INTO pin_failures (staff, at_ms) VALUES (?, ?)");
    return st.bind(1, staff).bind(2, static_cast<int64_t>(at.time_since_epoch().count())).run();
}

Result<int> HubStore::pin_failures_since(const std::string& staff, TimePoint since) {
    ONESTOP_PREPARE(st, "SELECT COUNT(*) FROM pin_failures WHERE staff = ? AND at_ms >= ?");
    st.bind(1, staff).bind(2, static_cast<int64_t>(since.time_since_epoch().count()));
    auto row = st.step();
    if (!row) return row.error();
    int n = static_cast<int>(st.column_int(0));
    st.reset();
    return n;
}

Status HubStore::clear_pin_failures(const std::string& staff) {
    ONESTOP_PREPARE(st, "DELETE FROM pin_failures WHERE staff = ?");
    return st.bind(1, staff).run();
}

Result<int64_t> HubStore::start_session(const Session& s, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO sessions (token_hash, staff, window, device, started_at) VALUES "
                    "(?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, s.token_hash)
                      .bind(2, s.staff)
                      .bind(3, s.window)
                      .bind(4, s.device)
                      .bind(5, format_iso8601(at))
                      .run());
    return db_->last_insert_id();
}

Status HubStore::end_session(int64_t id, TimePoint at) {
    ONESTOP_PREPARE(st, "UPDATE sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL");
    return st.bind(1, format_iso8601(at)).bind(2, id).run();
}

static Session read_session(const Statement& st) {
    return Session{st.column_int(0), st.column_text(1), st.column_text(2),
                   static_cast<int>(st.column_int(3)), st.column_int(4)};
}

Result<std::optional<Session>> HubStore::session_by_token_hash(const std::string& token_hash) {
    ONESTOP_PREPARE(st,
                    "SELECT id, token_hash, staff, window, device FROM sessions "
                    "WHERE token_hash = ? AND ended_at IS NULL");
    st.bind(1, token_hash);
    return optional_row(st, read_session);
}

Result<std::vector<Session>> HubStore::open_sessions() {
    ONESTOP_PREPARE(st,
                    "SELECT id, token_hash, staff, window, device FROM sessions WHERE ended_at IS "
                    "NULL ORDER BY id");
    return collect_rows(st, read_session);
}

Status HubStore::check_in(const std::string& staff, int window, const std::string& day,
                          const std::string& half, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT OR IGNORE INTO attendance (staff, window, day, half, check_in) VALUES "
                    "(?, ?, ?, ?, ?)");
    return st.bind(1, staff)
        .bind(2, window)
        .bind(3, day)
        .bind(4, half)
        .bind(5, format_iso8601(at))
        .run();
}

Status HubStore::check_out(const std::string& staff, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "UPDATE attendance SET check_out = ? WHERE id = "
                    "(SELECT id FROM attendance WHERE staff = ? ORDER BY id DESC LIMIT 1)");
    return st.bind(1, format_iso8601(at)).bind(2, staff).run();
}

}  // namespace onestop::store
