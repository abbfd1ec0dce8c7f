// The work log's notes (工作日志, 第十八条): versions, never edited or deleted.
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Result<int64_t> HubStore::insert_worklog_note(const WorklogNote& n) {
    ONESTOP_PREPARE(
        st, "INSERT INTO worklog_notes (staff, date, note, at, who) VALUES (?, ?, ?, ?, ?)");
    ONESTOP_CHECK(
        st.bind(1, n.staff).bind(2, n.date).bind(3, n.note).bind(4, n.at).bind(5, n.who).run());
    return db_->last_insert_id();
}

Result<std::vector<WorklogNote>> HubStore::worklog_notes(const std::string& date) {
    ONESTOP_PREPARE(st,
                    "SELECT id, staff, date, note, at, who FROM worklog_notes WHERE date = ? "
                    "ORDER BY staff, id");
    st.bind(1, date);
    return collect_rows(st, [](const Statement& row) {
        return WorklogNote{row.column_int(0),  row.column_text(1), row.column_text(2),
                           row.column_text(3), row.column_text(4), row.column_text(5)};
    });
}

}  // namespace onestop::store
