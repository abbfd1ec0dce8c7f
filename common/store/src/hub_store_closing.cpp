// The closing round (第三十九条): each round as the last staff member out gave it, never
// changed, and the days the office was alerted that nobody had done it.
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Result<int64_t> HubStore::insert_hall_closing(const HallClosing& c) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO hall_closings (date, at, staff, name, window, doors_windows, "
                    "lights, air_conditioning, other_power, note) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, c.date)
                      .bind(2, c.at)
                      .bind(3, c.staff)
                      .bind(4, c.name)
                      .bind(5, c.window)
                      .bind(6, c.doors_windows ? 1 : 0)
                      .bind(7, c.lights ? 1 : 0)
                      .bind(8, c.air_conditioning ? 1 : 0)
                      .bind(9, c.other_power ? 1 : 0)
                      .bind(10, c.note)
                      .run());
    return db_->last_insert_id();
}

Result<std::vector<HallClosing>> HubStore::hall_closings(const std::string& from,
                                                         const std::string& to) {
    ONESTOP_PREPARE(st,
                    "SELECT id, date, at, staff, name, window, doors_windows, lights, "
                    "air_conditioning, other_power, note FROM hall_closings "
                    "WHERE date BETWEEN ? AND ? ORDER BY date, id");
    st.bind(1, from).bind(2, to);
    return collect_rows(st, [](const Statement& row) {
        HallClosing c;
        c.id = row.column_int(0);
        c.date = row.column_text(1);
        c.at = row.column_text(2);
        c.staff = row.column_text(3);
        c.name = row.column_text(4);
        c.window = static_cast<int>(row.column_int(5));
        c.doors_windows = row.column_int(6) != 0;
        c.lights = row.column_int(7) != 0;
        c.air_conditioning = row.column_int(8) != 0;
        c.other_power = row.column_int(9) != 0;
        c.note = row.column_text(10);
        return c;
    });
}

Result<bool> HubStore::mark_closing_overdue(const std::string& date, const std::string& at) {
    ONESTOP_PREPARE(st, "INSERT OR IGNORE INTO hall_closing_alerts (date, at) VALUES (?, ?)");
    ONESTOP_CHECK(st.bind(1, date).bind(2, at).run());
    return db_->changes() > 0;
}

}  // namespace onestop::store
