// What the office's live hall reads from the tables: today's figures per window and
// service, when each window last paused, and the printers' standing trouble.
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Result<HallDay> HubStore::hall_day(const std::string& service_day) {
    HallDay day;
    {
        ONESTOP_PREPARE(st,
                        "SELECT window, count(*) FROM tickets "
                        "WHERE service_day = ? AND status = 'done' GROUP BY window");
        st.bind(1, service_day);
        auto rows = collect_rows(st, [](const Statement& row) {
            return std::pair{static_cast<int>(row.column_int(0)),
                             static_cast<int>(row.column_int(1))};
        });
        if (!rows) return rows.error();
        day.served.insert(rows->begin(), rows->end());
    }
    {
        // julianday() reads the stored ISO 8601 times with their offset.
        ONESTOP_PREPARE(st,
                        "SELECT service, avg((julianday(called_at) - julianday(issued_at)) * 1440) "
                        "FROM tickets WHERE service_day = ? AND called_at IS NOT NULL "
                        "GROUP BY service");
        st.bind(1, service_day);
        auto rows = collect_rows(st, [](const Statement& row) {
            return std::pair{row.column_text(0), row.column_double(1)};
        });
        if (!rows) return rows.error();
        day.average_wait_min.insert(rows->begin(), rows->end());
    }
    {
        ONESTOP_PREPARE(st,
                        "SELECT json_extract(payload, '$.window'), max(at) FROM events "
                        "WHERE type = 'window_paused' GROUP BY 1");
        auto rows = collect_rows(st, [](const Statement& row) {
            return std::pair{static_cast<int>(row.column_int(0)), row.column_text(1)};
        });
        if (!rows) return rows.error();
        day.paused_at.insert(rows->begin(), rows->end());
    }
    return day;
}

Result<std::vector<StandingAlert>> HubStore::standing_printer_alerts(const std::string& since) {
    ONESTOP_PREPARE(
        st,
        "SELECT a.device, coalesce(d.name, ''), coalesce(d.window, 0), a.kind, a.message, a.at "
        "FROM (SELECT device, kind, message, max(at) AS at FROM alerts "
        "      WHERE at >= ? AND kind LIKE 'printer%' GROUP BY device, kind) AS a "
        "LEFT JOIN devices d ON d.id = a.device "
        "WHERE d.revoked_at IS NULL "
        "  AND NOT EXISTS (SELECT 1 FROM tickets t WHERE t.device = a.device AND t.issued_at > "
        "a.at) "
        "ORDER BY a.at");
    st.bind(1, since);
    return collect_rows(st, [](const Statement& row) {
        return StandingAlert{
            row.column_int(0),  row.column_text(1), static_cast<int>(row.column_int(2)),
            row.column_text(3), row.column_text(4), row.column_text(5)};
    });
}

}  // namespace onestop::store
