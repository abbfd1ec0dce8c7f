// The office console's records of staff: their lead mark and training.
#include <map>

#include "onestop/base/error_codes.h"
#include "onestop/store/hub_store.h"
#include "store_util.h"

namespace onestop::store {

Status HubStore::add_staff(const Staff& s, TimePoint at) {
    auto existing = staff(s.number);
    if (!existing) return existing.error();
    if (*existing)
        return make_error(errc::staff_exists, "there is already a staff member " + s.number);
    return upsert_staff(s, at);
}

static const std::string kSelectProfiles =
    "SELECT number, name, unit, pin_hash, disabled_at, lead, created_at FROM staff ";

static StaffProfile read_profile(const Statement& st) {
    StaffProfile p;
    p.staff.number = st.column_text(0);
    p.staff.name = st.column_text(1);
    p.staff.unit = st.column_text(2);
    p.staff.pin_hash = st.column_text(3);
    if (!st.column_is_null(4)) p.staff.disabled_at = st.column_text(4);
    p.lead = st.column_int(5) != 0;
    p.created_at = st.column_text(6);
    return p;
}

static const std::string kSelectTraining =
    "SELECT id, staff, date, topic, passed, at, who FROM training ";

static Training read_training(const Statement& st) {
    return Training{st.column_int(0),      st.column_text(1), st.column_text(2), st.column_text(3),
                    st.column_int(4) != 0, st.column_text(5), st.column_text(6)};
}

Result<std::vector<StaffProfile>> HubStore::staff_profiles() {
    ONESTOP_PREPARE(st, kSelectProfiles + "ORDER BY number");
    auto profiles = collect_rows(st, read_profile);
    if (!profiles) return profiles.error();
    ONESTOP_PREPARE(tr, kSelectTraining + "ORDER BY staff, date, id");
    auto training = collect_rows(tr, read_training);
    if (!training) return training.error();
    std::map<std::string, StaffProfile*> by_number;
    for (auto& p : *profiles) by_number[p.staff.number] = &p;
    for (auto& t : *training)
        if (auto it = by_number.find(t.staff); it != by_number.end())
            it->second->training.push_back(std::move(t));
    return profiles;
}

Result<std::optional<StaffProfile>> HubStore::staff_profile(const std::string& number) {
    ONESTOP_PREPARE(st, kSelectProfiles + "WHERE number = ?");
    st.bind(1, number);
    auto profile = optional_row(st, read_profile);
    if (!profile || !*profile) return profile;
    ONESTOP_PREPARE(tr, kSelectTraining + "WHERE staff = ? ORDER BY date, id");
    tr.bind(1, number);
    auto training = collect_rows(tr, read_training);
    if (!training) return training.error();
    (*profile)->training = std::move(*training);
    return profile;
}

Status HubStore::update_staff(const std::string& number, const std::string& name,
                              const std::string& unit, bool lead, std::string* replaced) {
    if (lead) {
        ONESTOP_PREPARE(other,
                        "SELECT number FROM staff WHERE unit = ? AND lead = 1 AND number <> ?");
        other.bind(1, unit).bind(2, number);
        auto found = optional_row(other, [](const Statement& row) { return row.column_text(0); });
        if (!found) return found.error();
        if (*found) {
            ONESTOP_PREPARE(unmark, "UPDATE staff SET lead = 0 WHERE number = ?");
            ONESTOP_CHECK(unmark.bind(1, **found).run());
            if (replaced) *replaced = **found;
        }
    }
    ONESTOP_PREPARE(st, "UPDATE staff SET name = ?, unit = ?, lead = ? WHERE number = ?");
    ONESTOP_CHECK(st.bind(1, name).bind(2, unit).bind(3, lead ? 1 : 0).bind(4, number).run());
    if (db_->changes() == 0)
        return make_error(errc::staff_unknown, "there is no staff member " + number);
    return {};
}

Status HubStore::set_staff_pin(const std::string& number, const std::string& pin_hash) {
    ONESTOP_PREPARE(st, "UPDATE staff SET pin_hash = ? WHERE number = ?");
    ONESTOP_CHECK(st.bind(1, pin_hash).bind(2, number).run());
    if (db_->changes() == 0)
        return make_error(errc::staff_unknown, "there is no staff member " + number);
    return {};
}

Result<int64_t> HubStore::add_training(const Training& t) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO training (staff, date, topic, passed, at, who) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
    ONESTOP_CHECK(st.bind(1, t.staff)
                      .bind(2, t.date)
                      .bind(3, t.topic)
                      .bind(4, t.passed ? 1 : 0)
                      .bind(5, t.at)
                      .bind(6, t.who)
                      .run());
    return db_->last_insert_id();
}

}  // namespace onestop::store
