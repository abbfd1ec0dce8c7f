#pragma once
// The hall's assets in the hub database (schema 12, 第三十三–三十七条): the register, each
// asset's history, requisitions and change requests, the stock-takes with their snapshot and
// scans. Apart from HubStore so that this one area's records do not make every part of the
// hub that includes hub_store.h recompile; it works on HubStore's connection (db()), inside
// the caller's transaction, and like it is not thread-safe.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "onestop/assets/stocktake.h"
#include "onestop/base/result.h"
#include "onestop/store/database.h"

namespace onestop::store {

// One asset as registered. Text fields are "" when not known.
struct AssetRecord {
    std::string tag;
    int64_t seq = 0;       // the number in a hub-given tag (ZC-000123); 0 for a hall's own tag
    std::string category;  // assets::Category as text
    std::string name, model, serial;
    std::string location;  // "window:3" or a room
    std::string keeper;    // a staff number
    int64_t value_fen = 0;
    std::string acquired;  // YYYY-MM-DD
    std::string owner;     // a unit that filed its own asset with the office; "" the hall's
    int64_t quantity = 1;  // counted stock; 1 for a fixed asset
    int64_t device = 0;    // a hall device (devices.id) this asset is; 0 none
    std::string status;    // in_use | lost | damaged | written_off
    std::string created_at, created_by;
};

// One step of an asset's history: registered, edited, moved, issued, loss, damage, counted.
// `detail` is JSON ({"from","to","reason"} for a move).
struct AssetEvent {
    int64_t id = 0;
    std::string tag, at, who, what, detail;
};

// A requisition (领用单, 第三十五条) or a change request (第三十六条): what is asked in `body`
// (JSON), who asked (audit name and the person's name), and the office's decision.
struct AssetRequest {
    int64_t id = 0;
    std::string kind;  // requisition | change
    std::string unit;  // the asking person's unit
    int window = 0;    // a change request's window; a requisition's when asked at a counter
    std::string asked_by, asked_name, asked_at;
    std::string body;
    std::string status;  // pending | approved | refused
    std::string decided_at, decided_by, decided_name, reason;
};

struct AssetFilter {
    std::string category, location, owner, keeper, status;  // exact; "" any
    std::string text;                                       // in the tag, name, model or serial
};

struct StocktakeRow {
    int64_t id = 0;
    std::string name;    // 2026年度盘点
    std::string status;  // open | closed
    std::string opened_at, opened_by, closed_at, closed_by, note;
    std::string result;  // closed: the reconciliation as confirmed (JSON)
};

class AssetStore {
  public:
    explicit AssetStore(Database& db) : db_(&db) {}

    Result<int64_t> next_asset_seq();  // 1 for the first hub-given tag
    Status insert_asset(const AssetRecord& asset);
    Status update_asset(const AssetRecord& asset);  // every field but tag, seq and creation
    Result<std::optional<AssetRecord>> asset(const std::string& tag);
    Result<std::vector<AssetRecord>> assets(const AssetFilter& filter);  // by tag

    Status append_history(const AssetEvent& event);
    Result<std::vector<AssetEvent>> history(const std::string& tag);  // oldest first

    Result<int64_t> insert_request(const AssetRequest& request);
    Status update_request(const AssetRequest& request);  // status and decision
    Result<std::optional<AssetRequest>> request(int64_t id);
    Result<std::vector<AssetRequest>> requests(const std::string& kind);  // newest first

    // A new stock-take and its snapshot: every asset in use and where it is now.
    Result<int64_t> open_stocktake(const StocktakeRow& row);
    Status close_stocktake(const StocktakeRow& row);  // status, closing fields, result
    Result<std::optional<StocktakeRow>> stocktake(int64_t id);
    Result<std::vector<StocktakeRow>> stocktakes();  // newest first
    Result<std::vector<assets::Expected>> expected(int64_t stocktake);
    Status insert_scan(int64_t stocktake, const assets::Scan& scan);
    Result<std::vector<assets::Scan>> scans(int64_t stocktake);  // oldest first

  private:
    Database* db_;
};

}  // namespace onestop::store
