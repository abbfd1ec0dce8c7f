#pragma once
// Sizes and colours. Everything scales with the short side of the screen (1080 px =
// 1.0), so 1080×1920 portrait and 1920×1080 landscape get the same type sizes; large
// text mode multiplies type by 1.25.

#include <algorithm>

#include "onestop/ui/component.h"

namespace onestop::kiosk {

namespace color {
inline constexpr ui::Color bg{0xf2, 0xf4, 0xf7};
inline constexpr ui::Color header{0x0b, 0x3d, 0x91};
inline constexpr ui::Color header_text{0xff, 0xff, 0xff};
inline constexpr ui::Color header_soft{0xc9, 0xd8, 0xf0};
inline constexpr ui::Color text{0x1f, 0x29, 0x33};
inline constexpr ui::Color muted{0x52, 0x60, 0x6d};
inline constexpr ui::Color card{0xff, 0xff, 0xff};
inline constexpr ui::Color line{0xcb, 0xd2, 0xd9};
inline constexpr ui::Color primary{0x1a, 0x5f, 0xb4};
inline constexpr ui::Color primary_dark{0x12, 0x45, 0x84};
inline constexpr ui::Color accent{0x0b, 0x3d, 0x91};
inline constexpr ui::Color green{0x0f, 0x7b, 0x45};
inline constexpr ui::Color green_dark{0x0a, 0x5c, 0x33};
inline constexpr ui::Color green_soft{0xe3, 0xf4, 0xea};
inline constexpr ui::Color warn_bg{0xff, 0xf4, 0xe5};
inline constexpr ui::Color warn{0xb4, 0x53, 0x09};
inline constexpr ui::Color danger{0xc5, 0x22, 0x1f};
inline constexpr ui::Color offline{0xc5, 0x22, 0x1f};
inline constexpr ui::Color chip{0xe4, 0xeb, 0xf5};
}  // namespace color

struct Theme {
    int w = 0, h = 0;
    double u = 1.0;  // pixels per design pixel
    double k = 1.0;  // type factor
    bool portrait = true;

    Theme(int width, int height, bool large_text)
        : w(width),
          h(height),
          u(std::min(width, height) / 1080.0),
          k(large_text ? 1.25 : 1.0),
          portrait(height >= width) {}
    int px(double v) const { return static_cast<int>(v * u + 0.5); }
    int font(double v) const { return static_cast<int>(v * u * k + 0.5); }
    int margin() const { return px(portrait ? 48 : 56); }
};

}  // namespace onestop::kiosk
