#pragma once
// The hall's assets (资产, 第三十三、三十四、三十七条; issue 16). The office keeps the register:
// every asset with its tag (ZC-000123, given by the hub, or a hall's own when it imports its
// earlier register), category, where it is (a window or a room), who keeps it, its value in
// fen and date, the unit it belongs to when a unit filed its own asset with the office, the
// stock of consumables, and the hall device (kiosk, board, pad, counter) it is, whose last
// sighting shows beside it. Nothing about an asset changes without the office: edits are
// audited, moves and re-assignments (第三十四条) and loss or damage with the person liable and
// the decision (第三十七条) each become a step of the asset's history, which is never changed.

#include <optional>
#include <string>
#include <vector>

#include "auth.h"
#include "onestop/store/asset_store.h"
#include "reply.h"
#include "writer.h"

namespace onestop::hub {

// The asset as the API answers it: the device it is linked to (from `devices`, the hub's
// list) with its last sighting and whether it was seen in the last 10 minutes at `now`.
json asset_json(const store::AssetRecord& a, const std::vector<store::Device>& devices,
                TimePoint now);
json asset_event_json(const store::AssetEvent& e);

// A register entry's fields as sent; absent ones are left as they are (an edit) or take
// their defaults (a new asset).
struct AssetFields {
    std::optional<std::string> tag, category, name, model, serial, location, keeper, acquired,
        owner;
    std::optional<int64_t> value_fen, quantity, device;
};
// POST /api/v1/assets: registers it with a new tag unless `tag` names the hall's own.
Reply register_asset(WriteContext& ctx, const Principal& by, const AssetFields& fields);
// PUT /api/v1/assets/{tag}: everything but where it is and who keeps it (those move).
Reply edit_asset(WriteContext& ctx, const Principal& by, const std::string& tag,
                 const AssetFields& fields);

struct AssetMove {
    std::string tag;
    std::optional<std::string> location, keeper;
    std::string reason;
};
// POST /api/v1/assets/{tag}/move: a new place or keeper, with why.
Reply move_asset(WriteContext& ctx, const Principal& by, const AssetMove& move);

struct AssetLoss {
    std::string tag;
    std::string kind;  // lost | damaged
    std::string what, liable, decision;
};
// POST /api/v1/assets/{tag}/losses: what happened, who is liable, what was decided; the
// asset is then lost or damaged (no longer in use, not expected at the next stock-take).
Reply record_loss(WriteContext& ctx, const Principal& by, const AssetLoss& loss);

// For the other asset commands (requisitions, stock-takes): one step of a history.
bool add_asset_event(WriteContext& ctx, const std::string& tag, const std::string& who,
                     const std::string& what, const json& detail);

}  // namespace onestop::hub
