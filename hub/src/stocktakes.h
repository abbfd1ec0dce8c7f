#pragma once
// The yearly stock-take (年度盘点, 第三十四条). The office opens one: the register's every asset
// in use and where it should be is its snapshot. Staff scan labels where they find them —
// a USB scanner typing into the console, or a phone's camera on the scan page — each scan
// answered at once with what it means (found, found elsewhere, unknown). The result lists
// found, missing, misplaced (where expected, where found) and unknown tags (assets::reconcile).
// Closing it keeps the result as confirmed and who confirmed it, and puts each missing or
// misplaced asset's finding on its history; moving or writing it off stays the office's
// separate, recorded decision.

#include <map>
#include <string>

#include "auth.h"
#include "onestop/store/asset_store.h"
#include "reply.h"
#include "writer.h"

namespace onestop::hub {

json stocktake_json(const store::StocktakeRow& row, size_t expected, size_t scans);
// {"found","missing","misplaced","unknown"} with each asset's name (from `names`, by tag).
json reconciliation_json(const assets::Reconciliation& r,
                         const std::map<std::string, std::string>& names);
// The stock-take's answer: the row and its result now (a closed one: as confirmed).
Result<json> stocktake_answer(store::AssetStore& assets, const store::StocktakeRow& row);

Reply open_stocktake(WriteContext& ctx, const Principal& by, const std::string& name);
Reply scan_stocktake(WriteContext& ctx, const Principal& by, int64_t id, const std::string& tag,
                     const std::string& location);
Reply close_stocktake(WriteContext& ctx, const Principal& by, int64_t id, const std::string& note);

}  // namespace onestop::hub
