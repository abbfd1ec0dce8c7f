// The quality loop's records. 好差评 follow-ups: a bad rating's follow-up for the window's unit,
// with what the unit did (call-back, rectification) or its appeal and the office's decision,
// and when the clock last reminded the unit and escalated it to the office. Complaints with
// their steps. Rows are updated in place; the audit log keeps each step's before and after.
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

namespace {

const std::string kFollowUpSelect =
    "SELECT f.ticket, COALESCE(t.number, ''), f.unit, f.deadline, f.status, f.opened_at, f.id, "
    "COALESCE(t.window, 0), f.callback, f.rectification, COALESCE(f.closed_at, ''), f.closed_by, "
    "f.appeal, f.appealed_at, f.decision, f.decision_reason, f.decided_at, f.decided_by, "
    "f.reminded_on, f.escalated_at, COALESCE(e.contact, '') FROM followups f "
    "LEFT JOIN tickets t ON t.id = f.ticket LEFT JOIN evaluations e ON e.ticket = f.ticket ";

FollowUp read_followup(const Statement& st) {
    FollowUp f;
    f.ticket = st.column_int(0);
    f.number = st.column_text(1);
    f.unit = st.column_text(2);
    f.deadline = st.column_text(3);
    f.status = st.column_text(4);
    f.opened_at = st.column_text(5);
    f.id = st.column_int(6);
    f.window = static_cast<int>(st.column_int(7));
    f.callback = st.column_text(8);
    f.rectification = st.column_text(9);
    f.closed_at = st.column_text(10);
    f.closed_by = st.column_text(11);
    f.appeal = st.column_text(12);
    f.appealed_at = st.column_text(13);
    f.decision = st.column_text(14);
    f.decision_reason = st.column_text(15);
    f.decided_at = st.column_text(16);
    f.decided_by = st.column_text(17);
    f.reminded_on = st.column_text(18);
    f.escalated_at = st.column_text(19);
    f.contact = st.column_text(20);
    return f;
}

}  // namespace

Result<std::vector<FollowUp>> HubStore::followups(bool open_only) {
    ONESTOP_PREPARE(st, kFollowUpSelect +
                            "WHERE ? = 0 OR f.status IN ('open', 'appealed') "
                            "ORDER BY f.deadline, f.id");
    st.bind(1, open_only ? 1 : 0);
    return collect_rows(st, read_followup);
}

Result<std::optional<FollowUp>> HubStore::followup(int64_t id) {
    ONESTOP_PREPARE(st, kFollowUpSelect + "WHERE f.id = ?");
    st.bind(1, id);
    return optional_row(st, read_followup);
}

Result<std::optional<FollowUp>> HubStore::followup_of_ticket(int64_t ticket) {
    ONESTOP_PREPARE(st, kFollowUpSelect + "WHERE f.ticket = ?");
    st.bind(1, ticket);
    return optional_row(st, read_followup);
}

Status HubStore::update_followup(const FollowUp& f) {
    ONESTOP_PREPARE(st,
                    "UPDATE followups SET status = ?, callback = ?, rectification = ?, "
                    "closed_at = NULLIF(?, ''), closed_by = ?, appeal = ?, appealed_at = ?, "
                    "decision = ?, decision_reason = ?, decided_at = ?, decided_by = ?, "
                    "reminded_on = ?, escalated_at = ? WHERE id = ?");
    int i = 0;
    for (const std::string* text :
         {&f.status, &f.callback, &f.rectification, &f.closed_at, &f.closed_by, &f.appeal,
          &f.appealed_at, &f.decision, &f.decision_reason, &f.decided_at, &f.decided_by,
          &f.reminded_on, &f.escalated_at})
        st.bind(++i, *text);
    st.bind(++i, f.id);
    return st.run();
}

Result<std::vector<Rating>> HubStore::ratings(const std::string& date_prefix) {
    ONESTOP_PREPARE(st,
                    "SELECT e.ticket, COALESCE(t.number, ''), e.window, COALESCE(e.staff, ''), "
                    "e.unit, e.level, e.at, COALESCE(f.id, 0), COALESCE(f.status, ''), "
                    "COALESCE(f.deadline, ''), COALESCE(f.closed_at, '') FROM evaluations e "
                    "LEFT JOIN tickets t ON t.id = e.ticket LEFT JOIN followups f ON f.ticket = "
                    "e.ticket WHERE substr(e.at, 1, length(?1)) = ?1 ORDER BY e.ticket");
    st.bind(1, date_prefix);
    return collect_rows(st, [](const Statement& r) {
        return Rating{r.column_int(0),  r.column_text(1), static_cast<int>(r.column_int(2)),
                      r.column_text(3), r.column_text(4), static_cast<int>(r.column_int(5)),
                      r.column_text(6), r.column_int(7),  r.column_text(8),
                      r.column_text(9), r.column_text(10)};
    });
}

namespace {

const std::string kComplaintColumns =
    "id, number, code, channel, about, unit, window, staff, text, contact, entered_by, status, "
    "received_at, due_date, waiting_since, finding, action, reply, answered_at, answered_by, "
    "reminded_on, escalated_at";

Complaint read_complaint(const Statement& st) {
    Complaint c;
    c.id = st.column_int(0);
    int i = 1;
    for (std::string* text : {&c.number, &c.code, &c.channel, &c.about, &c.unit})
        *text = st.column_text(i++);
    c.window = static_cast<int>(st.column_int(i++));
    for (std::string* text :
         {&c.staff, &c.text, &c.contact, &c.entered_by, &c.status, &c.received_at, &c.due_date,
          &c.waiting_since, &c.finding, &c.action, &c.reply, &c.answered_at, &c.answered_by,
          &c.reminded_on, &c.escalated_at})
        *text = st.column_text(i++);
    return c;
}

// Binds every column but id from 1 on; answers the next index.
int bind_complaint(Statement& st, const Complaint& c) {
    int i = 0;
    for (const std::string* text : {&c.number, &c.code, &c.channel, &c.about, &c.unit})
        st.bind(++i, *text);
    st.bind(++i, c.window);
    for (const std::string* text :
         {&c.staff, &c.text, &c.contact, &c.entered_by, &c.status, &c.received_at, &c.due_date,
          &c.waiting_since, &c.finding, &c.action, &c.reply, &c.answered_at, &c.answered_by,
          &c.reminded_on, &c.escalated_at})
        st.bind(++i, *text);
    return i + 1;
}

}  // namespace

Result<int> HubStore::next_complaint_seq(const std::string& day) {
    // Numbers read TS-YYYYMMDD-NNNN; the day's count of them gives the next.
    std::string compact = day.substr(0, 4) + day.substr(5, 2) + day.substr(8, 2);
    ONESTOP_PREPARE(st, "SELECT COUNT(*) + 1 FROM complaints WHERE number LIKE ?");
    st.bind(1, "TS-" + compact + "-%");
    auto n = single_int(st);
    if (!n) return n.error();
    return static_cast<int>(*n);
}

Result<int64_t> HubStore::insert_complaint(const Complaint& c) {
    ONESTOP_PREPARE(st, "INSERT INTO complaints (" + kComplaintColumns +
                            ") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                            "?, ?, ?, ?)");
    bind_complaint(st, c);
    ONESTOP_CHECK(st.run());
    return db_->last_insert_id();
}

Result<std::optional<Complaint>> HubStore::complaint(int64_t id) {
    ONESTOP_PREPARE(st, "SELECT " + kComplaintColumns + " FROM complaints WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_complaint);
}

Result<std::vector<Complaint>> HubStore::complaints(bool open_only) {
    ONESTOP_PREPARE(st, "SELECT " + kComplaintColumns +
                            " FROM complaints WHERE ? = 0 OR status != 'answered' "
                            "ORDER BY due_date, id");
    st.bind(1, open_only ? 1 : 0);
    return collect_rows(st, read_complaint);
}

Status HubStore::update_complaint(const Complaint& c) {
    ONESTOP_PREPARE(st,
                    "UPDATE complaints SET number = ?, code = ?, channel = ?, about = ?, unit = ?, "
                    "window = ?, staff = ?, text = ?, contact = ?, entered_by = ?, status = ?, "
                    "received_at = ?, due_date = ?, waiting_since = ?, finding = ?, action = ?, "
                    "reply = ?, answered_at = ?, answered_by = ?, reminded_on = ?, "
                    "escalated_at = ? WHERE id = ?");
    st.bind(bind_complaint(st, c), c.id);
    return st.run();
}

Status HubStore::append_complaint_step(const ComplaintStep& s) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO complaint_steps (complaint, at, who, what, note) "
                    "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, s.complaint).bind(2, s.at).bind(3, s.who).bind(4, s.what).bind(5, s.note);
    return st.run();
}

Result<std::vector<ComplaintStep>> HubStore::complaint_steps(int64_t complaint) {
    ONESTOP_PREPARE(st,
                    "SELECT complaint, at, who, what, note FROM complaint_steps "
                    "WHERE complaint = ? ORDER BY id");
    st.bind(1, complaint);
    return collect_rows(st, [](const Statement& r) {
        return ComplaintStep{r.column_int(0), r.column_text(1), r.column_text(2), r.column_text(3),
                             r.column_text(4)};
    });
}

}  // namespace onestop::store
