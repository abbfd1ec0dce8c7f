// Cases (办件): the case rows, their append-only steps, joint items' tasks, hand-overs
// between units and the notification outbox.
#include <nlohmann/json.hpp>

#include "onestop/base/time.h"
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

namespace {

std::string list_text(const std::vector<std::string>& items) {
    return nlohmann::json(items).dump();
}

std::vector<std::string> list_of(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

const std::string kCaseColumns =
    "id, number, unit, day, seq, ticket, service, window, staff, mode, status, code, opened_at, "
    "promised_days, missing, reason_code, reason, result, supplements, supplements_allowed, "
    "paused_days, paused_since, completed_at, overdue_at";

CaseRecord read_case(const Statement& row) {
    CaseRecord c;
    c.id = row.column_int(0);
    c.number = row.column_text(1);
    c.unit = row.column_text(2);
    c.day = row.column_text(3);
    c.seq = static_cast<int>(row.column_int(4));
    c.ticket = row.column_int(5);
    c.service = row.column_text(6);
    c.window = static_cast<int>(row.column_int(7));
    c.staff = row.column_text(8);
    c.mode = row.column_text(9);
    c.status = row.column_text(10);
    c.code = row.column_text(11);
    c.opened_at = row.column_text(12);
    c.promised_days = static_cast<int>(row.column_int(13));
    c.missing = list_of(row.column_text(14));
    c.reason_code = row.column_text(15);
    c.reason = row.column_text(16);
    c.result = row.column_text(17);
    c.supplements = static_cast<int>(row.column_int(18));
    c.supplements_allowed = static_cast<int>(row.column_int(19));
    c.paused_days = static_cast<int>(row.column_int(20));
    c.paused_since = optional_text(row, 21);
    c.completed_at = optional_text(row, 22);
    c.overdue_at = optional_text(row, 23);
    return c;
}

}  // namespace

Result<int> HubStore::next_case_seq(const std::string& unit, const std::string& day) {
    ONESTOP_PREPARE(st, "SELECT coalesce(max(seq), 0) + 1 FROM cases WHERE unit = ? AND day = ?");
    st.bind(1, unit).bind(2, day);
    auto n = single_int(st);
    if (!n) return n.error();
    return static_cast<int>(*n);
}

Result<int64_t> HubStore::insert_case(const CaseRecord& c) {
    ONESTOP_PREPARE(st, "INSERT INTO cases (" + kCaseColumns +
                            ") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?, ?, ?)");
    st.bind(1, c.number).bind(2, c.unit).bind(3, c.day).bind(4, c.seq).bind(5, c.ticket);
    st.bind(6, c.service).bind(7, c.window).bind(8, c.staff).bind(9, c.mode).bind(10, c.status);
    st.bind(11, c.code).bind(12, c.opened_at).bind(13, c.promised_days);
    st.bind(14, list_text(c.missing)).bind(15, c.reason_code).bind(16, c.reason);
    st.bind(17, c.result).bind(18, c.supplements).bind(19, c.supplements_allowed);
    st.bind(20, c.paused_days).bind_optional(21, c.paused_since);
    st.bind_optional(22, c.completed_at).bind_optional(23, c.overdue_at);
    ONESTOP_CHECK(st.run());
    return db_->last_insert_id();
}

Status HubStore::update_case(const CaseRecord& c) {
    ONESTOP_PREPARE(st,
                    "UPDATE cases SET status = ?, missing = ?, reason_code = ?, reason = ?, "
                    "result = ?, supplements = ?, supplements_allowed = ?, paused_days = ?, "
                    "paused_since = ?, completed_at = ?, overdue_at = ? WHERE id = ?");
    st.bind(1, c.status).bind(2, list_text(c.missing)).bind(3, c.reason_code).bind(4, c.reason);
    st.bind(5, c.result).bind(6, c.supplements).bind(7, c.supplements_allowed);
    st.bind(8, c.paused_days).bind_optional(9, c.paused_since).bind_optional(10, c.completed_at);
    st.bind_optional(11, c.overdue_at).bind(12, c.id);
    return st.run();
}

Result<std::optional<CaseRecord>> HubStore::case_by_id(int64_t id) {
    ONESTOP_PREPARE(st, "SELECT " + kCaseColumns + " FROM cases WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_case);
}

Result<std::optional<CaseRecord>> HubStore::case_by_ticket(int64_t ticket) {
    ONESTOP_PREPARE(st, "SELECT " + kCaseColumns + " FROM cases WHERE ticket = ?");
    st.bind(1, ticket);
    return optional_row(st, read_case);
}

Result<std::optional<CaseRecord>> HubStore::case_by_number(const std::string& number) {
    ONESTOP_PREPARE(st, "SELECT " + kCaseColumns + " FROM cases WHERE number = ?");
    st.bind(1, number);
    return optional_row(st, read_case);
}

Result<std::vector<CaseRecord>> HubStore::cases(const CaseFilter& f) {
    ONESTOP_PREPARE(st, "SELECT " + kCaseColumns +
                            " FROM cases WHERE (?1 = '' OR status = ?1) AND (?2 = '' OR unit = ?2) "
                            "AND (?3 = 0 OR status IN ('accepted', 'awaiting_supplement')) "
                            "ORDER BY id DESC LIMIT ?4");
    st.bind(1, f.status).bind(2, f.unit).bind(3, f.open_only ? 1 : 0).bind(4, f.limit);
    return collect_rows(st, read_case);
}

Result<std::vector<CaseRecord>> HubStore::cases_opened(const std::string& from,
                                                       const std::string& to) {
    ONESTOP_PREPARE(st,
                    "SELECT " + kCaseColumns + " FROM cases WHERE day BETWEEN ? AND ? ORDER BY id");
    st.bind(1, from).bind(2, to);
    return collect_rows(st, read_case);
}

Result<int64_t> HubStore::append_case_step(const CaseStep& s) {
    ONESTOP_PREPARE(
        st, "INSERT INTO case_steps (case_id, at, what, who, detail) VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(
        st.bind(1, s.case_id).bind(2, s.at).bind(3, s.what).bind(4, s.who).bind(5, s.detail).run());
    return db_->last_insert_id();
}

static CaseStep read_step(const Statement& row) {
    return CaseStep{row.column_int(0),  row.column_int(1),  row.column_text(2),
                    row.column_text(3), row.column_text(4), row.column_text(5)};
}

Result<std::vector<CaseStep>> HubStore::case_steps(int64_t case_id) {
    ONESTOP_PREPARE(st,
                    "SELECT id, case_id, at, what, who, detail FROM case_steps WHERE case_id = ? "
                    "ORDER BY id");
    st.bind(1, case_id);
    return collect_rows(st, read_step);
}

Result<std::vector<CaseStep>> HubStore::case_steps_between(const std::string& from,
                                                           const std::string& to) {
    ONESTOP_PREPARE(st,
                    "SELECT id, case_id, at, what, who, detail FROM case_steps "
                    "WHERE at >= ? AND at < ? ORDER BY id");
    st.bind(1, from).bind(2, to);
    return collect_rows(st, read_step);
}

Result<int64_t> HubStore::insert_case_task(const CaseTask& t) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO case_tasks (case_id, unit, due_date, status) VALUES (?, ?, ?, ?)");
    ONESTOP_CHECK(
        st.bind(1, t.case_id).bind(2, t.unit).bind(3, t.due_date).bind(4, t.status).run());
    return db_->last_insert_id();
}

Result<std::vector<CaseTask>> HubStore::case_tasks(int64_t case_id) {
    ONESTOP_PREPARE(st,
                    "SELECT id, case_id, unit, due_date, status, done_at, done_by FROM case_tasks "
                    "WHERE case_id = ? ORDER BY id");
    st.bind(1, case_id);
    return collect_rows(st, [](const Statement& row) {
        return CaseTask{row.column_int(0),    row.column_int(1),  row.column_text(2),
                        row.column_text(3),   row.column_text(4), optional_text(row, 5),
                        optional_text(row, 6)};
    });
}

Status HubStore::finish_case_task(int64_t id, const std::string& by, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "UPDATE case_tasks SET status = 'done', done_at = ?, done_by = ? WHERE id = ?");
    return st.bind(1, format_iso8601(at)).bind(2, by).bind(3, id).run();
}

static const std::string kHandoverColumns =
    "id, case_id, items, from_unit, from_staff, to_unit, to_staff, status, at, confirmed_at";

static Handover read_handover(const Statement& row) {
    return Handover{row.column_int(0),     row.column_int(1),  list_of(row.column_text(2)),
                    row.column_text(3),    row.column_text(4), row.column_text(5),
                    optional_text(row, 6), row.column_text(7), row.column_text(8),
                    optional_text(row, 9)};
}

Result<int64_t> HubStore::insert_handover(const Handover& h) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO handovers (case_id, items, from_unit, from_staff, to_unit, "
                    "status, at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, h.case_id).bind(2, list_text(h.items)).bind(3, h.from_unit).bind(4, h.from_staff);
    ONESTOP_CHECK(st.bind(5, h.to_unit).bind(6, h.status).bind(7, h.at).run());
    return db_->last_insert_id();
}

Result<std::optional<Handover>> HubStore::handover(int64_t id) {
    ONESTOP_PREPARE(st, "SELECT " + kHandoverColumns + " FROM handovers WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_handover);
}

Result<std::vector<Handover>> HubStore::handovers(int64_t case_id) {
    ONESTOP_PREPARE(st,
                    "SELECT " + kHandoverColumns + " FROM handovers WHERE case_id = ? ORDER BY id");
    st.bind(1, case_id);
    return collect_rows(st, read_handover);
}

Result<std::vector<Handover>> HubStore::all_handovers(const std::string& status) {
    ONESTOP_PREPARE(st,
                    "SELECT " + kHandoverColumns +
                        " FROM handovers WHERE ?1 = '' OR status = ?1 ORDER BY id DESC LIMIT 1000");
    st.bind(1, status);
    return collect_rows(st, read_handover);
}

Result<std::vector<Handover>> HubStore::handovers_between(const std::string& from,
                                                          const std::string& to) {
    ONESTOP_PREPARE(st, "SELECT " + kHandoverColumns +
                            " FROM handovers WHERE (at >= ?1 AND at < ?2) "
                            "OR (confirmed_at >= ?1 AND confirmed_at < ?2) ORDER BY id");
    st.bind(1, from).bind(2, to);
    return collect_rows(st, read_handover);
}

Status HubStore::confirm_handover(int64_t id, const std::string& staff, TimePoint at) {
    ONESTOP_PREPARE(st,
                    "UPDATE handovers SET status = 'confirmed', to_staff = ?, confirmed_at = ? "
                    "WHERE id = ?");
    return st.bind(1, staff).bind(2, format_iso8601(at)).bind(3, id).run();
}

Result<int64_t> HubStore::enqueue_outbox(const OutboxMessage& m) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO outbox (kind, url, body, created_at, attempts, next_at) "
                    "VALUES (?, ?, ?, ?, 0, ?)");
    ONESTOP_CHECK(st.bind(1, m.kind)
                      .bind(2, m.url)
                      .bind(3, m.body)
                      .bind(4, m.created_at)
                      .bind(5, m.next_at)
                      .run());
    return db_->last_insert_id();
}

Result<std::vector<OutboxMessage>> HubStore::undelivered_outbox(int limit) {
    ONESTOP_PREPARE(st,
                    "SELECT id, kind, url, body, created_at, attempts, next_at, "
                    "coalesce(last_error, '') FROM outbox WHERE delivered_at IS NULL "
                    "ORDER BY id LIMIT ?");
    st.bind(1, limit);
    return collect_rows(st, [](const Statement& row) {
        OutboxMessage m;
        m.id = row.column_int(0);
        m.kind = row.column_text(1);
        m.url = row.column_text(2);
        m.body = row.column_text(3);
        m.created_at = row.column_text(4);
        m.attempts = static_cast<int>(row.column_int(5));
        m.next_at = row.column_text(6);
        m.last_error = row.column_text(7);
        return m;
    });
}

Status HubStore::record_outbox_try(int64_t id, bool delivered, const std::string& error,
                                   TimePoint at, TimePoint next) {
    ONESTOP_PREPARE(st,
                    "UPDATE outbox SET attempts = attempts + 1, delivered_at = ?, last_error = ?, "
                    "next_at = ? WHERE id = ?");
    if (delivered)
        st.bind(1, format_iso8601(at));
    else
        st.bind_null(1);
    return st.bind(2, error).bind(3, format_iso8601(next)).bind(4, id).run();
}

}  // namespace onestop::store
