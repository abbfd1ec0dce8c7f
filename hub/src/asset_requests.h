#pragma once
// What staff ask of the office about assets, in writing, and the office's answer.
// Requisitions (领用单, 第三十五条): a staff member (at a counter or on their my page) or a unit's
// lead asks for an item; the office approves or refuses. On approval counted stock goes down
// (refused when there is not enough) and a fixed asset gets its new keeper; either way the
// asset's history keeps it, and the slip prints with both signatures' lines.
// Change requests (第三十六条): a window asks for equipment replaced or added; the office
// approves or refuses with its reason. Nothing is deleted; a decision is final.

#include <string>

#include "auth.h"
#include "onestop/store/asset_store.h"
#include "reply.h"
#include "writer.h"

namespace onestop::hub {

json asset_request_json(const store::AssetRequest& r);
// Who may read it: the office and viewers all, a unit's lead its unit's, a staff member theirs.
bool may_read(const Principal& p, const store::AssetRequest& r);

struct RequisitionAsk {
    std::string tag;
    int64_t quantity = 1;
    std::string keeper;  // a fixed asset's new keeper; "" the asking staff member
    std::string reason;
};
Reply ask_requisition(WriteContext& ctx, const Principal& by, const RequisitionAsk& ask);

struct ChangeAsk {
    int window = 0;
    std::string kind;  // replace | add
    std::string tag;   // replace: the asset to be replaced
    std::string text;  // what is needed and why
};
Reply ask_change(WriteContext& ctx, const Principal& by, const ChangeAsk& ask);

// approve or refuse (`approve` false); `reason` required to refuse, and for a change request
// either way.
Reply decide_asset_request(WriteContext& ctx, const Principal& by, int64_t id, bool approve,
                           const std::string& reason);

}  // namespace onestop::hub
