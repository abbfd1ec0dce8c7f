#pragma once
// Colours and small helpers shared by the hall and window screens.

#include <SDL.h>

#include <cmath>
#include <initializer_list>
#include <string>
#include <vector>

#include "../app/controller.h"
#include "onestop/ui/painter.h"

namespace onestop::board::look {

// `v` design pixels scaled by `s` (screen height / design height), rounded.
inline int px(double s, double v) {
    return static_cast<int>(std::lround(s * v));
}

inline constexpr ui::Color kBackground{0x06, 0x12, 0x26};
inline constexpr ui::Color kPanel{0x0e, 0x25, 0x47};
inline constexpr ui::Color kPanelDim{0x0a, 0x1a, 0x33};
inline constexpr ui::Color kHeader{0x03, 0x0b, 0x18};
inline constexpr ui::Color kText{0xff, 0xff, 0xff};
inline constexpr ui::Color kMuted{0x9f, 0xb3, 0xcf};
inline constexpr ui::Color kNumber{0xff, 0xd3, 0x4d};  // amber: ticket numbers
inline constexpr ui::Color kFlash{0xff, 0xb3, 0x00};
inline constexpr ui::Color kFlashText{0x10, 0x10, 0x10};
inline constexpr ui::Color kServing{0x3d, 0xd6, 0x8c};
inline constexpr ui::Color kPaused{0xff, 0x8a, 0x3d};
inline constexpr ui::Color kClosed{0x6b, 0x7a, 0x90};
inline constexpr ui::Color kOffline{0xd6, 0x1f, 0x1f};

// "2026年11月27日 星期五" / "Friday 27 November 2026" and "09:05".
std::string date_line(const BoardController& c);
std::string clock_line(const BoardController& c);
// Milliseconds until the wall clock's next minute (when the clock must be redrawn).
int ms_to_next_minute(const BoardController& c);

// The window's status word and its colour.
struct Status {
    std::string text;
    ui::Color color;
};
Status window_status(const BoardController& c, const WindowEntry& w);

// Whether the newest call is in the "on" phase of its flash at `now` (SDL ticks), and
// when the phase changes next (0: no more flashing).
bool flash_on(const BoardController& c, uint64_t now);
uint64_t next_flash_change(const BoardController& c, uint64_t now);

// Every (size, weight) opens another face of the CJK font, ~2.7 MB each: a screen uses a
// handful of sizes (its palette), never sizes computed per text.
// fit(): style.size if `text` fits in `width`, else the first of `smaller` that does,
// else the last of `smaller` (the text is then clipped by the caller).
int fit(ui::Painter& p, const std::string& text, const ui::TextStyle& style, int width,
        std::initializer_list<int> smaller);

// The pixel height of a CJK character (请) at `size`: what "readable from 20 m" is measured by.
int cjk_glyph_height(ui::Painter& p, int size);

// Where the ink of `text` lies in its line, from the top of the line (as Painter::text
// draws it), by the font's glyph metrics. The CJK font's lines are about half again as
// tall as its glyphs: tight layouts place text by its ink, not by its line.
struct Ink {
    int top = 0;
    int bottom = 0;
};
Ink ink(ui::Painter& p, const std::string& text, const ui::TextStyle& style);

// `text` wrapped into lines no wider than `width` with `style`'s font.
std::vector<std::string> wrap(ui::Painter& p, const std::string& text, const ui::TextStyle& style,
                              int width);

}  // namespace onestop::board::look
