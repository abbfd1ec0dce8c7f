#include "number_pad.h"

#include <algorithm>

#include "screen_base.h"

namespace onestop::kiosk {

namespace {

constexpr int kRows = 4, kCols = 3;
constexpr double kBoxHeight = 120, kKeyHeight = 120, kGap = 18;

}  // namespace

int NumberPad::preferred_height(const Theme& th) {
    return th.px(kBoxHeight + kGap * 2 + kRows * kKeyHeight + (kRows - 1) * kGap);
}

void NumberPad::render(ui::Painter& p, const Theme& th, const Kiosk& k, ui::ButtonSet& buttons,
                       const ui::Rect& r, const std::string& placeholder) {
    int gap = th.px(kGap);
    ui::Rect box{r.x, r.y, r.w, th.px(kBoxHeight)};
    p.fill_rounded(box, th.px(16), color::line);
    p.fill_rounded(box.inset(3), th.px(13), color::card);
    bool empty = value_.empty();
    ui::TextStyle vs{th.font(empty ? 36 : 64), empty ? color::muted : color::text,
                     empty ? ui::Weight::Regular : ui::Weight::Bold};
    const std::string& shown = empty ? placeholder : value_;
    vs.size = p.fit_size(shown, vs, box.w - th.px(40));
    p.text(shown, vs, box.x, box.y + (box.h - p.measure(shown, vs).y) / 2, ui::Align::Center,
           box.w);

    int top = box.bottom() + 2 * gap;
    int key_h = std::min(th.px(kKeyHeight), (r.bottom() - top - (kRows - 1) * gap) / kRows);
    int key_w = (r.w - (kCols - 1) * gap) / kCols;
    // Row by row as on a phone: 1 2 3 / 4 5 6 / 7 8 9 / 删除 0 清空.
    const char* keys[kRows * kCols] = {"1", "2", "3", "4",      "5", "6",
                                       "7", "8", "9", "delete", "0", "clear"};
    for (int i = 0; i < kRows * kCols; ++i) {
        std::string key = keys[i];
        bool digit = key.size() == 1;
        std::string label = digit ? key : k.t("pad_" + key);
        ui::Rect kr{r.x + (i % kCols) * (key_w + gap), top + (i / kCols) * (key_h + gap), key_w,
                    key_h};
        auto& b = buttons.place(
            "pad-" + key, label,
            [this, key, digit] {
                if (!digit)
                    key == "clear" ? value_.clear() : value_.pop_back();
                else if (value_.size() < max_digits_)
                    value_ += key;
            },
            kr);
        ui::ButtonStyle st = quiet_button(th, digit ? 56 : 32);
        if (!digit) st.fill = color::chip;
        b.style() = st;
        b.set_enabled(digit ? value_.size() < max_digits_ : !value_.empty());
        b.render(p);
    }
}

}  // namespace onestop::kiosk
