// People (issue 14): terms, roster versions, requests (leave, corrections, roster changes),
// meetings, published attendance sheets, and what attendance reads of sessions and tickets.
#include <nlohmann/json.hpp>

#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

namespace {

std::vector<std::string> string_list(const std::string& text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    std::vector<std::string> out;
    if (j.is_array())
        for (const auto& v : j)
            if (v.is_string()) out.push_back(v.get<std::string>());
    return out;
}

TermRow read_term(const Statement& st) {
    return {st.column_int(0),  st.column_text(1), st.column_text(2),
            st.column_text(3), st.column_text(4), st.column_text(5)};
}

RosterVersion read_version(const Statement& st) {
    return {st.column_int(0),  st.column_int(1),  static_cast<int>(st.column_int(2)),
            st.column_text(3), st.column_text(4), st.column_text(5),
            st.column_text(6), st.column_text(7)};
}

const std::string kSelectRequests =
    "SELECT id, kind, staff, unit, body, status, asked_at, asked_by, confirmed_at, decided_at, "
    "decided_by, note FROM people_requests ";

PeopleRequest read_request(const Statement& st) {
    return {st.column_int(0),     st.column_text(1),    st.column_text(2),     st.column_text(3),
            st.column_text(4),    st.column_text(5),    st.column_text(6),     st.column_text(7),
            optional_text(st, 8), optional_text(st, 9), optional_text(st, 10), st.column_text(11)};
}

const std::string kSelectMeetings =
    "SELECT id, date, half, topic, must, came, at, who FROM meetings ";

MeetingRow read_meeting(const Statement& st) {
    return {st.column_int(0),
            st.column_text(1),
            st.column_text(2),
            st.column_text(3),
            string_list(st.column_text(4)),
            string_list(st.column_text(5)),
            st.column_text(6),
            st.column_text(7)};
}

}  // namespace

Result<int64_t> HubStore::insert_term(const TermRow& t) {
    ONESTOP_PREPARE(st, "INSERT INTO terms (name, start, end, at, who) VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(
        st.bind(1, t.name).bind(2, t.start).bind(3, t.end).bind(4, t.at).bind(5, t.who).run());
    return db_->last_insert_id();
}

Result<std::vector<TermRow>> HubStore::terms() {
    ONESTOP_PREPARE(st, "SELECT id, name, start, end, at, who FROM terms ORDER BY start, id");
    return collect_rows(st, read_term);
}

Result<int64_t> HubStore::insert_roster_version(const RosterVersion& v) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO roster_versions (term, window, state, effective, body, at, who) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, v.term)
                      .bind(2, v.window)
                      .bind(3, v.state)
                      .bind(4, v.effective)
                      .bind(5, v.body)
                      .bind(6, v.at)
                      .bind(7, v.who)
                      .run());
    return db_->last_insert_id();
}

Result<std::vector<RosterVersion>> HubStore::roster_versions(int64_t term) {
    ONESTOP_PREPARE(st,
                    "SELECT id, term, window, state, effective, body, at, who FROM roster_versions "
                    "WHERE term = ? ORDER BY window, id");
    st.bind(1, term);
    return collect_rows(st, read_version);
}

Result<int64_t> HubStore::insert_request(const PeopleRequest& r) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO people_requests (kind, staff, unit, body, status, asked_at, "
                    "asked_by) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, r.kind)
                      .bind(2, r.staff)
                      .bind(3, r.unit)
                      .bind(4, r.body)
                      .bind(5, r.status)
                      .bind(6, r.asked_at)
                      .bind(7, r.asked_by)
                      .run());
    return db_->last_insert_id();
}

Result<std::optional<PeopleRequest>> HubStore::request(int64_t id) {
    ONESTOP_PREPARE(st, kSelectRequests + "WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_request);
}

Result<std::vector<PeopleRequest>> HubStore::requests(const std::string& kind) {
    ONESTOP_PREPARE(st, kSelectRequests + "WHERE kind = ? ORDER BY id");
    st.bind(1, kind);
    return collect_rows(st, read_request);
}

Status HubStore::set_request_status(int64_t id, const std::string& status, bool decided,
                                    const std::string& at, const std::string& by,
                                    const std::string& note) {
    if (!decided) {
        ONESTOP_PREPARE(st, "UPDATE people_requests SET status = ?, confirmed_at = ? WHERE id = ?");
        return st.bind(1, status).bind(2, at).bind(3, id).run();
    }
    ONESTOP_PREPARE(st,
                    "UPDATE people_requests SET status = ?, decided_at = ?, decided_by = ?, "
                    "note = ? WHERE id = ?");
    return st.bind(1, status).bind(2, at).bind(3, by).bind(4, note).bind(5, id).run();
}

Result<int64_t> HubStore::insert_meeting(const MeetingRow& m) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO meetings (date, half, topic, must, came, at, who) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, m.date)
                      .bind(2, m.half)
                      .bind(3, m.topic)
                      .bind(4, nlohmann::json(m.must).dump())
                      .bind(5, nlohmann::json(m.came).dump())
                      .bind(6, m.at)
                      .bind(7, m.who)
                      .run());
    return db_->last_insert_id();
}

Status HubStore::set_meeting_came(int64_t id, const std::vector<std::string>& came) {
    ONESTOP_PREPARE(st, "UPDATE meetings SET came = ? WHERE id = ?");
    return st.bind(1, nlohmann::json(came).dump()).bind(2, id).run();
}

Result<std::vector<MeetingRow>> HubStore::meetings(const std::string& date_prefix) {
    ONESTOP_PREPARE(st, kSelectMeetings + "WHERE date LIKE ? || '%' ORDER BY date, id");
    st.bind(1, date_prefix);
    return collect_rows(st, read_meeting);
}

Result<std::optional<MeetingRow>> HubStore::meeting(int64_t id) {
    ONESTOP_PREPARE(st, kSelectMeetings + "WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_meeting);
}

Result<int64_t> HubStore::insert_sheet(const SheetRow& s) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO attendance_sheets (month, sheet, reason, at, who) "
                    "VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(
        st.bind(1, s.month).bind(2, s.sheet).bind(3, s.reason).bind(4, s.at).bind(5, s.who).run());
    return db_->last_insert_id();
}

Result<std::optional<SheetRow>> HubStore::sheet(const std::string& month) {
    ONESTOP_PREPARE(st,
                    "SELECT id, month, sheet, reason, at, who FROM attendance_sheets "
                    "WHERE month = ? ORDER BY id DESC LIMIT 1");
    st.bind(1, month);
    return optional_row(st, [](const Statement& s) {
        return SheetRow{s.column_int(0),  s.column_text(1), s.column_text(2),
                        s.column_text(3), s.column_text(4), s.column_text(5)};
    });
}

Result<std::vector<SessionSpan>> HubStore::sessions_between(const std::string& from,
                                                            const std::string& to) {
    ONESTOP_PREPARE(st,
                    "SELECT staff, window, started_at, COALESCE(ended_at, '') FROM sessions "
                    "WHERE started_at < ? AND (ended_at IS NULL OR ended_at >= ?) ORDER BY id");
    st.bind(1, to).bind(2, from);
    return collect_rows(st, [](const Statement& s) {
        return SessionSpan{s.column_text(0), static_cast<int>(s.column_int(1)), s.column_text(2),
                           s.column_text(3)};
    });
}

Result<std::vector<std::tuple<int, std::string, std::string>>> HubStore::last_finished(
    const std::string& from, const std::string& to) {
    ONESTOP_PREPARE(st,
                    "SELECT window, service_day, MAX(finished_at) FROM tickets "
                    "WHERE service_day BETWEEN ? AND ? AND finished_at IS NOT NULL AND window > 0 "
                    "GROUP BY window, service_day");
    st.bind(1, from).bind(2, to);
    return collect_rows(st, [](const Statement& s) {
        return std::make_tuple(static_cast<int>(s.column_int(0)), s.column_text(1),
                               s.column_text(2));
    });
}

}  // namespace onestop::store
