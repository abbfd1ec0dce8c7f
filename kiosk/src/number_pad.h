#pragma once
// The on-screen number pad: the kiosk has no keyboard, so a window number or a phone
// number is typed here. The digits typed so far in a box, and under it the keys 1–9,
// 删除, 0, 清空 as big buttons placed into the screen's ButtonSet each frame.

#include <cstddef>
#include <string>

#include "kiosk.h"
#include "theme.h"

namespace onestop::kiosk {

class NumberPad {
  public:
    explicit NumberPad(std::size_t max_digits) : max_digits_(max_digits) {}

    const std::string& value() const { return value_; }
    void clear() { value_.clear(); }

    // Draws the box (with `placeholder` in grey while empty) and the keys into `r`, keys
    // keyed "pad-…" in `buttons`; the keys' height follows the room left under the box.
    void render(ui::Painter& p, const Theme& th, const Kiosk& k, ui::ButtonSet& buttons,
                const ui::Rect& r, const std::string& placeholder);
    // The height render() wants at width `w`: keys as tall as they look good.
    static int preferred_height(const Theme& th);

  private:
    std::size_t max_digits_;
    std::string value_;
};

}  // namespace onestop::kiosk
