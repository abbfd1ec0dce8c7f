#pragma once
// What the hall office prints about its assets (第三十三、三十五条): QR labels to stick on each
// asset, and the requisition slip (领用单) that both people sign.
//
// Labels print on the thermal printers the hall has: die-cut label stock of 40×30 mm or
// 50×30 mm (a label printer in ESC/POS mode; no cut, the printer feeds to the gap) or the
// 58/80 mm receipt rolls (cut after each label). A label carries the tag in clear, its QR (the
// asset's address on the hub, or the tag itself) and the asset's name, and stays inside the
// label's 30 mm.

#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"
#include "onestop/printer/slips.h"

namespace onestop::printer {

struct LabelStock {
    Profile profile;
    int height_dots = 0;  // one label's height; 0: a roll, cut after each label
};
// label40x30, label50x30, 58mm, 80mm.
const std::vector<LabelStock>& label_stocks();
Result<LabelStock> find_label_stock(std::string_view name);

struct AssetLabel {
    std::string tag;        // ZC-000123
    std::string name;       // 窗口电脑 (cut to one line on label stock)
    std::string qr;         // the asset's address on the hub, or the tag
    std::string hall_name;  // printed on rolls only
};
Result<Job> render_asset_label(const AssetLabel& label, const LabelStock& stock);

// 物品领用单, printed once the office approved it, with the lines both sign on.
struct RequisitionSlip {
    std::string hall_name;
    std::string number;  // LY-000012
    std::string item;    // the asset's name
    std::string tag;
    int64_t quantity = 1;
    std::string keeper;  // a fixed asset's new keeper; "" for stock
    std::string reason;
    std::string asked_name, asked_at;  // who asked (name and staff number), when
    std::string approved_name, approved_at;
};
Result<Job> render_requisition_slip(const RequisitionSlip& slip, const Profile& profile, Lang lang);

}  // namespace onestop::printer
