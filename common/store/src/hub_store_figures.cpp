// The figures report's records: each ticket of a period with its waits and who served it.
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Result<std::vector<FigureTicket>> HubStore::figure_tickets(const std::string& from,
                                                           const std::string& to) {
    // The wait runs from the issue to the first call (a recall or a transfer does not start
    // it again); the service from the last call to the finish. julianday() reads the stored
    // ISO 8601 times with their offsets.
    ONESTOP_PREPARE(
        st,
        "SELECT t.service_day, t.service, t.status, t.window, "
        "  (SELECT c.staff FROM calls c WHERE c.ticket = t.id ORDER BY c.id DESC LIMIT 1), "
        "  (julianday((SELECT min(c.at) FROM calls c WHERE c.ticket = t.id AND c.kind = 'call'))"
        "   - julianday(t.issued_at)) * 86400, "
        "  CASE WHEN t.status = 'done' "
        "    THEN (julianday(t.finished_at) - julianday(t.called_at)) * 86400 END "
        "FROM tickets t WHERE t.service_day BETWEEN ? AND ? ORDER BY t.id");
    st.bind(1, from).bind(2, to);
    return collect_rows(st, [](const Statement& row) {
        FigureTicket t;
        t.day = row.column_text(0);
        t.service = row.column_text(1);
        t.status = row.column_text(2);
        t.window = static_cast<int>(row.column_int(3));
        t.staff = row.column_text(4);
        if (!row.column_is_null(5)) t.wait_s = row.column_double(5);
        if (!row.column_is_null(6)) t.service_s = row.column_double(6);
        return t;
    });
}

}  // namespace onestop::store
