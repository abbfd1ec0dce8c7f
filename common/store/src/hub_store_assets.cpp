// The hall's assets (asset_store.h). Assets are updated in place; their history, the audit
// log and the stock-takes' scans keep how they got there.
#include "onestop/store/asset_store.h"
#include "store_util.h"

namespace onestop::store {

namespace {

const std::string kAssetColumns =
    "tag, COALESCE(seq, 0), category, name, model, serial, location, keeper, value_fen, acquired, "
    "owner, quantity, device, status, created_at, created_by";

AssetRecord read_asset(const Statement& st) {
    AssetRecord a;
    a.tag = st.column_text(0);
    a.seq = st.column_int(1);
    int i = 2;
    for (std::string* text : {&a.category, &a.name, &a.model, &a.serial, &a.location, &a.keeper})
        *text = st.column_text(i++);
    a.value_fen = st.column_int(i++);
    a.acquired = st.column_text(i++);
    a.owner = st.column_text(i++);
    a.quantity = st.column_int(i++);
    a.device = st.column_int(i++);
    for (std::string* text : {&a.status, &a.created_at, &a.created_by}) *text = st.column_text(i++);
    return a;
}

// Binds value_fen, acquired, owner, quantity and device from index `i` + 1; answers the last.
int bind_counts(Statement& st, int i, const AssetRecord& a) {
    st.bind(i + 1, a.value_fen);
    st.bind(i + 2, a.acquired);
    st.bind(i + 3, a.owner);
    st.bind(i + 4, a.quantity);
    st.bind(i + 5, a.device);
    return i + 5;
}

const std::string kRequestColumns =
    "id, kind, unit, window, asked_by, asked_name, asked_at, body, status, decided_at, "
    "decided_by, decided_name, reason";

AssetRequest read_request(const Statement& st) {
    AssetRequest r;
    r.id = st.column_int(0);
    r.kind = st.column_text(1);
    r.unit = st.column_text(2);
    r.window = static_cast<int>(st.column_int(3));
    int i = 4;
    for (std::string* text : {&r.asked_by, &r.asked_name, &r.asked_at, &r.body, &r.status,
                              &r.decided_at, &r.decided_by, &r.decided_name, &r.reason})
        *text = st.column_text(i++);
    return r;
}

const std::string kStocktakeColumns =
    "id, name, status, opened_at, opened_by, closed_at, closed_by, note, result";

StocktakeRow read_stocktake(const Statement& st) {
    StocktakeRow s;
    s.id = st.column_int(0);
    int i = 1;
    for (std::string* text : {&s.name, &s.status, &s.opened_at, &s.opened_by, &s.closed_at,
                              &s.closed_by, &s.note, &s.result})
        *text = st.column_text(i++);
    return s;
}

}  // namespace

Result<int64_t> AssetStore::next_asset_seq() {
    ONESTOP_PREPARE(st, "SELECT COALESCE(MAX(seq), 0) + 1 FROM assets");
    return single_int(st);
}

Status AssetStore::insert_asset(const AssetRecord& a) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO assets (tag, seq, category, name, model, serial, location, "
                    "keeper, value_fen, acquired, owner, quantity, device, status, "
                    "created_at, created_by) VALUES (?, NULLIF(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, "
                    "?, ?, ?, ?, ?, ?)");
    st.bind(1, a.tag).bind(2, a.seq);
    int i = 2;
    for (const std::string* text :
         {&a.category, &a.name, &a.model, &a.serial, &a.location, &a.keeper})
        st.bind(++i, *text);
    i = bind_counts(st, i, a);
    for (const std::string* text : {&a.status, &a.created_at, &a.created_by}) st.bind(++i, *text);
    return st.run();
}

Status AssetStore::update_asset(const AssetRecord& a) {
    ONESTOP_PREPARE(st,
                    "UPDATE assets SET category = ?, name = ?, model = ?, serial = ?, "
                    "location = ?, keeper = ?, value_fen = ?, acquired = ?, owner = ?, "
                    "quantity = ?, device = ?, status = ? WHERE tag = ?");
    int i = 0;
    for (const std::string* text :
         {&a.category, &a.name, &a.model, &a.serial, &a.location, &a.keeper})
        st.bind(++i, *text);
    i = bind_counts(st, i, a);
    st.bind(i + 1, a.status);
    st.bind(i + 2, a.tag);
    return st.run();
}

Result<std::optional<AssetRecord>> AssetStore::asset(const std::string& tag) {
    ONESTOP_PREPARE(st, "SELECT " + kAssetColumns + " FROM assets WHERE tag = ?");
    st.bind(1, tag);
    return optional_row(st, read_asset);
}

Result<std::vector<AssetRecord>> AssetStore::assets(const AssetFilter& f) {
    ONESTOP_PREPARE(st, "SELECT " + kAssetColumns +
                            " FROM assets WHERE (?1 = '' OR category = ?1) AND "
                            "(?2 = '' OR location = ?2) AND (?3 = '' OR owner = ?3) AND "
                            "(?4 = '' OR keeper = ?4) AND (?5 = '' OR status = ?5) AND "
                            "(?6 = '' OR instr(tag || ' ' || name || ' ' || model || ' ' || "
                            "serial, ?6) > 0) ORDER BY tag");
    int i = 0;
    for (const std::string* text :
         {&f.category, &f.location, &f.owner, &f.keeper, &f.status, &f.text})
        st.bind(++i, *text);
    return collect_rows(st, read_asset);
}

Status AssetStore::append_history(const AssetEvent& e) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO asset_history (tag, at, who, what, detail) "
                    "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, e.tag).bind(2, e.at).bind(3, e.who).bind(4, e.what).bind(5, e.detail);
    return st.run();
}

Result<std::vector<AssetEvent>> AssetStore::history(const std::string& tag) {
    ONESTOP_PREPARE(st,
                    "SELECT id, tag, at, who, what, detail FROM asset_history "
                    "WHERE tag = ? ORDER BY id");
    st.bind(1, tag);
    return collect_rows(st, [](const Statement& r) {
        return AssetEvent{r.column_int(0),  r.column_text(1), r.column_text(2),
                          r.column_text(3), r.column_text(4), r.column_text(5)};
    });
}

Result<int64_t> AssetStore::insert_request(const AssetRequest& r) {
    ONESTOP_PREPARE(st, "INSERT INTO asset_requests (" + kRequestColumns +
                            ") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st.bind(1, r.kind).bind(2, r.unit).bind(3, r.window);
    int i = 3;
    for (const std::string* text : {&r.asked_by, &r.asked_name, &r.asked_at, &r.body, &r.status,
                                    &r.decided_at, &r.decided_by, &r.decided_name, &r.reason})
        st.bind(++i, *text);
    ONESTOP_CHECK(st.run());
    return db_->last_insert_id();
}

Status AssetStore::update_request(const AssetRequest& r) {
    ONESTOP_PREPARE(st,
                    "UPDATE asset_requests SET status = ?, decided_at = ?, decided_by = ?, "
                    "decided_name = ?, reason = ? WHERE id = ?");
    st.bind(1, r.status).bind(2, r.decided_at).bind(3, r.decided_by).bind(4, r.decided_name);
    st.bind(5, r.reason).bind(6, r.id);
    return st.run();
}

Result<std::optional<AssetRequest>> AssetStore::request(int64_t id) {
    ONESTOP_PREPARE(st, "SELECT " + kRequestColumns + " FROM asset_requests WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_request);
}

Result<std::vector<AssetRequest>> AssetStore::requests(const std::string& kind) {
    ONESTOP_PREPARE(
        st, "SELECT " + kRequestColumns + " FROM asset_requests WHERE kind = ? ORDER BY id DESC");
    st.bind(1, kind);
    return collect_rows(st, read_request);
}

Result<int64_t> AssetStore::open_stocktake(const StocktakeRow& s) {
    ONESTOP_PREPARE(st, "INSERT INTO stocktakes (" + kStocktakeColumns +
                            ") VALUES (NULL, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 0;
    for (const std::string* text : {&s.name, &s.status, &s.opened_at, &s.opened_by, &s.closed_at,
                                    &s.closed_by, &s.note, &s.result})
        st.bind(++i, *text);
    ONESTOP_CHECK(st.run());
    int64_t id = db_->last_insert_id();
    ONESTOP_PREPARE(snapshot,
                    "INSERT INTO stocktake_expected (stocktake, tag, location) "
                    "SELECT ?, tag, location FROM assets WHERE status = 'in_use'");
    snapshot.bind(1, id);
    ONESTOP_CHECK(snapshot.run());
    return id;
}

Status AssetStore::close_stocktake(const StocktakeRow& s) {
    ONESTOP_PREPARE(st,
                    "UPDATE stocktakes SET status = ?, closed_at = ?, closed_by = ?, "
                    "note = ?, result = ? WHERE id = ?");
    st.bind(1, s.status).bind(2, s.closed_at).bind(3, s.closed_by).bind(4, s.note);
    st.bind(5, s.result).bind(6, s.id);
    return st.run();
}

Result<std::optional<StocktakeRow>> AssetStore::stocktake(int64_t id) {
    ONESTOP_PREPARE(st, "SELECT " + kStocktakeColumns + " FROM stocktakes WHERE id = ?");
    st.bind(1, id);
    return optional_row(st, read_stocktake);
}

Result<std::vector<StocktakeRow>> AssetStore::stocktakes() {
    ONESTOP_PREPARE(st, "SELECT " + kStocktakeColumns + " FROM stocktakes ORDER BY id DESC");
    return collect_rows(st, read_stocktake);
}

Result<std::vector<assets::Expected>> AssetStore::expected(int64_t stocktake) {
    ONESTOP_PREPARE(st,
                    "SELECT tag, location FROM stocktake_expected WHERE stocktake = ? "
                    "ORDER BY tag");
    st.bind(1, stocktake);
    return collect_rows(st, [](const Statement& r) {
        return assets::Expected{r.column_text(0), r.column_text(1)};
    });
}

Status AssetStore::insert_scan(int64_t stocktake, const assets::Scan& s) {
    ONESTOP_PREPARE(st,
                    "INSERT INTO stocktake_scans (stocktake, tag, location, who, at) "
                    "VALUES (?, ?, ?, ?, ?)");
    st.bind(1, stocktake).bind(2, s.tag).bind(3, s.location).bind(4, s.who).bind(5, s.at);
    return st.run();
}

Result<std::vector<assets::Scan>> AssetStore::scans(int64_t stocktake) {
    ONESTOP_PREPARE(st,
                    "SELECT tag, location, who, at FROM stocktake_scans WHERE stocktake = ? "
                    "ORDER BY id");
    st.bind(1, stocktake);
    return collect_rows(st, [](const Statement& r) {
        return assets::Scan{r.column_text(0), r.column_text(1), r.column_text(2), r.column_text(3)};
    });
}

}  // namespace onestop::store
