// Evaluations, follow-ups, leases, notices, alerts and idempotency keys.
#include <nlohmann/json.hpp>

#include "onestop/base/time.h"
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Status HubStore::insert_evaluation(const Evaluation& e, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO evaluations (ticket, window, unit, staff, level, reasons, "
                    "comment, source, at, contact) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, e.ticket)
        .bind(2, e.window)
        .bind(3, e.unit)
        .bind_optional(4, e.staff.empty() ? std::nullopt : std::optional(e.staff))
        .bind(5, e.level)
        .bind(6, nlohmann::json(e.reasons).dump())
        .bind(7, e.comment)
        .bind(8, e.source)
        .bind(9, format_iso8601(at))
        .bind(10, e.contact);
    return st.run();
}

Result<std::vector<int64_t>> HubStore::evaluated_tickets(int64_t first_id) {
    ONESTOP_PREPARE(st, "SELECT ticket FROM evaluations WHERE ticket >= ? ORDER BY ticket");
    st.bind(1, first_id);
    std::vector<int64_t> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back(st.column_int(0));
    }
    st.reset();
    return out;
}

Status HubStore::open_followup(int64_t ticket, const std::string& unit, const std::string& deadline,
                               TimePoint at) {
    ONESTOP_PREPARE(
        st, "INSERT INTO followups (ticket, unit, deadline, opened_at) VALUES (?, ?, ?, ?)");
    return st.bind(1, ticket).bind(2, unit).bind(3, deadline).bind(4, format_iso8601(at)).run();
}

Status HubStore::insert_lease(int64_t device, const Lease& l, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO leases (device, service, service_day, first, count, at) VALUES "
                    "(?, ?, ?, ?, ?, ?)");
    return st.bind(1, device)
        .bind(2, l.service)
        .bind(3, l.service_day)
        .bind(4, l.first)
        .bind(5, l.count)
        .bind(6, format_iso8601(at))
        .run();
}

Result<std::vector<Lease>> HubStore::leases(int64_t device) {
    ONESTOP_PREPARE(
        st, "SELECT service, service_day, first, count FROM leases WHERE device = ? ORDER BY id");
    st.bind(1, device);
    std::vector<Lease> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back({st.column_text(0), st.column_text(1), static_cast<int>(st.column_int(2)),
                       static_cast<int>(st.column_int(3))});
    }
    st.reset();
    return out;
}

bool Notice::active(TimePoint now) const {
    auto before_now = [&](const std::string& t) {
        auto at = parse_iso8601(t);
        return at && *at <= now;
    };
    if (!ended_at.empty()) return false;
    if (!before_now(starts_at.empty() ? created_at : starts_at)) return false;
    return ends_at.empty() || !before_now(ends_at);
}

Result<int64_t> HubStore::insert_notice(const Notice& n, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO notices (text_zh, text_en, at, starts_at, ends_at) "
                    "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, n.zh).bind(2, n.en).bind(3, format_iso8601(at));
    for (int i : {4, 5}) {
        const std::string& t = i == 4 ? n.starts_at : n.ends_at;
        if (t.empty())
            st.bind_null(i);
        else
            st.bind(i, t);
    }
    ONESTOP_CHECK(st.run());
    return db_->last_insert_id();
}

static constexpr const char* kNoticeColumns =
    "SELECT text_zh, text_en, id, at, coalesce(starts_at, ''), coalesce(ends_at, ''), "
    "coalesce(ended_at, '') FROM notices ";

static Notice notice_row(const Statement& row) {
    return Notice{row.column_text(0), row.column_text(1), row.column_int(2), row.column_text(3),
                  row.column_text(4), row.column_text(5), row.column_text(6)};
}

Result<std::vector<Notice>> HubStore::notices(int limit) {
    ONESTOP_PREPARE(st, std::string(kNoticeColumns) + "ORDER BY id DESC LIMIT ?");
    st.bind(1, limit);
    return collect_rows(st, notice_row);
}

Result<std::optional<Notice>> HubStore::notice_by_id(int64_t id) {
    ONESTOP_PREPARE(st, std::string(kNoticeColumns) + "WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, notice_row);
}

Status HubStore::end_notice(int64_t id, TimePoint at) {
    ONESTOP_PREPARE(st, "UPDATE notices SET ended_at = ? WHERE id = ? AND ended_at IS NULL");
    return st.bind(1, format_iso8601(at)).bind(2, id).run();
}

Result<Notice> HubStore::notice(TimePoint now) {
    // Scheduled notices are few; the newest hundred hold every one that can still show.
    auto rows = notices(100);
    if (!rows) return rows.error();
    for (auto& n : *rows)
        if (n.active(now)) return std::move(n);
    return Notice{};
}

Result<int64_t> HubStore::insert_alert(int64_t device, const std::string& kind,
                                       const std::string& message, TimePoint at) {
    ONESTOP_PREPARE(st, "INSERT INTO alerts (device, kind, message, at) VALUES (?, ?, ?, ?)");
    ONESTOP_CHECK(
        st.bind(1, device).bind(2, kind).bind(3, message).bind(4, format_iso8601(at)).run());
    return db_->last_insert_id();
}

Result<std::optional<IdempotentAnswer>> HubStore::idempotent_answer(int window,
                                                                    const std::string& key) {
    ONESTOP_PREPARE(st, "SELECT status, body FROM idempotency WHERE window = ? AND key = ?");
    st.bind(1, window).bind(2, key);
    auto row = st.step();
    if (!row) return row.error();
    std::optional<IdempotentAnswer> out;
    if (*row) out = IdempotentAnswer{static_cast<int>(st.column_int(0)), st.column_text(1)};
    st.reset();
    return out;
}

Status HubStore::save_idempotent_answer(int window, const std::string& key,
                                        const IdempotentAnswer& a, TimePoint at) {
    ONESTOP_PREPARE(
        st, "INSERT INTO idempotency (window, key, status, body, at) VALUES (?, ?, ?, ?, ?)");
    return st.bind(1, window)
        .bind(2, key)
        .bind(3, a.status)
        .bind(4, a.body)
        .bind(5, format_iso8601(at))
        .run();
}

}  // namespace onestop::store

namespace onestop::store {

Result<std::vector<RatingSummary>> HubStore::rating_summary(const std::string& date_prefix) {
    ONESTOP_PREPARE(st,
                    "SELECT window, COUNT(*), AVG(level), SUM(level <= 2) FROM evaluations "
                    "WHERE substr(at, 1, length(?1)) = ?1 GROUP BY window ORDER BY window");
    st.bind(1, date_prefix);
    std::vector<RatingSummary> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back({static_cast<int>(st.column_int(0)), static_cast<int>(st.column_int(1)),
                       st.column_double(2), static_cast<int>(st.column_int(3))});
    }
    st.reset();
    return out;
}

Result<std::vector<AttendanceRecord>> HubStore::attendance(const std::string& date_prefix) {
    ONESTOP_PREPARE(st,
                    "SELECT staff, window, day, half, check_in, COALESCE(check_out, '') "
                    "FROM attendance WHERE substr(day, 1, length(?1)) = ?1 "
                    "ORDER BY day, staff, half DESC");
    st.bind(1, date_prefix);
    std::vector<AttendanceRecord> out;
    for (;;) {
        auto row = st.step();
        if (!row) return row.error();
        if (!*row) break;
        out.push_back({st.column_text(0), static_cast<int>(st.column_int(1)), st.column_text(2),
                       st.column_text(3), st.column_text(4), st.column_text(5)});
    }
    st.reset();
    return out;
}

}  // namespace onestop::store
