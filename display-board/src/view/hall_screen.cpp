// The overhead hall screen, laid out in units of the screen height (s = H / 1080) so
// 1920×1080 and 3840×2160 look the same:
//   header (hall name, date, time)                                        96
//   the newest call, very large, flashing when it arrives                470
//   windows grid (left)  |  recent calls + waiting per service (right)   rest
//   notice line                                                           64

#include <SDL.h>

#include <algorithm>
#include <cmath>

#include "look.h"
#include "screens.h"

namespace onestop::board {
using ui::Align;
using ui::Rect;
using ui::TextStyle;
using ui::Weight;

using look::px;

void HallScreen::render(ui::Painter& p) {
    const Rect r = rect_;
    const double s = r.h / 1080.0;
    p.fill(r, look::kBackground);
    const int header_h = px(s, 96), call_h = px(s, 470), notice_h = px(s, 64);
    header(p, {r.x, r.y, r.w, header_h}, s);
    call_band(p, {r.x, r.y + header_h, r.w, call_h}, s);
    const int mid_y = r.y + header_h + call_h;
    const int mid_h = r.bottom() - notice_h - mid_y;
    const int left_w = r.w * 62 / 100;
    windows_grid(p, {r.x, mid_y, left_w, mid_h}, s);
    side_panel(p, {r.x + left_w, mid_y, r.w - left_w, mid_h}, s);
    notice_line(p, {r.x, r.bottom() - notice_h, r.w, notice_h}, px(s, 34));
    offline_drawn_ = c_.show_offline();
    if (offline_drawn_) offline_frame(p, px(s, 10));
}

void HallScreen::header(ui::Painter& p, const Rect& r, double s) {
    clock_drawn_ = look::clock_line(c_);
    if (c_.show_offline()) {
        // Unmistakable: the whole header turns red and says so, in the board's language.
        p.fill(r, look::kOffline);
        TextStyle big{px(s, 48), look::kText, Weight::Bold};
        p.text(c_.text("offline_banner"), big, r.x, r.y + (r.h - p.measure("离", big).y) / 2, Align::Center, r.w);
        return;
    }
    p.fill(r, look::kHeader);
    TextStyle name{px(s, 48), look::kText, Weight::Bold};
    const std::string hall = c_.hall_name();
    p.text(hall, name, r.x + px(s, 40), r.y + (r.h - p.measure(hall, name).y) / 2);
    TextStyle clock{px(s, 48), look::kText, Weight::Bold};
    TextStyle date{px(s, 34), look::kMuted, Weight::Regular};
    const SDL_Point cm = p.measure(clock_drawn_, clock);
    const int right = r.right() - px(s, 40);
    p.text(clock_drawn_, clock, right - cm.x, r.y + (r.h - cm.y) / 2);
    const std::string d = look::date_line(c_);
    const SDL_Point dm = p.measure(d, date);
    p.text(d, date, right - cm.x - px(s, 30) - dm.x, r.y + (r.h - dm.y) / 2);
    if (!c_.model().synced()) {
        TextStyle st{px(s, 34), look::kMuted, Weight::Regular};
        p.text(c_.text("connecting"), st, r.x, r.y + (r.h - p.measure("连", st).y) / 2, Align::Center, r.w);
    }
}

void HallScreen::call_band(ui::Painter& p, const Rect& r, double s) {
    const CallEntry* call = c_.model().newest();
    const bool flash = call && look::flash_on(c_, SDL_GetTicks64());
    p.fill(r, flash ? look::kFlash : look::kPanel);
    const ui::Color fg = flash ? look::kFlashText : look::kText;
    TextStyle label{px(s, 34), flash ? look::kFlashText : look::kMuted, Weight::Regular};
    p.text(c_.text(call && call->recall ? "recall_tag" : "now_calling"), label, r.x + px(s, 40), r.y + px(s, 16));
    // At least 1/8 of the screen height per character (readable from 20 m): a CJK glyph
    // is about 0.88 of the font size, so the size is H/8 / 0.86 rounded up, never less.
    const int min_size = static_cast<int>(std::ceil(rect_.h / 8.0 / 0.86));
    if (!call) {
        TextStyle st{min_size, look::kMuted, Weight::Bold};
        p.text(c_.text("no_call_yet"), st, r.x, r.y + (r.h - p.measure("请", st).y) / 2, Align::Center, r.w);
        call_glyph_height_ = 0;
        return;
    }
    const std::string headline =
        c_.text("call_headline", {{"number", call->number}, {"window", std::to_string(call->window)}});
    TextStyle big{min_size, fg, Weight::Bold};
    const int width = r.w - px(s, 80);
    // The font's line height has room for accents and descenders a CJK or capital line
    // does not use: lines overlap by 0.3 em. The Mandarin sentence usually fits one line
    // a size larger; English always takes two lines at the minimum. Few sizes: each is
    // another font face (megabytes) to hold.
    const int top = px(s, 56);
    if (c_.lang() == config::Lang::Zh) {
        TextStyle t{min_size * 118 / 100, fg, Weight::Bold};
        if (p.measure_wrapped(headline, t, width, -t.size * 3 / 10) <= r.h - top - px(s, 24)) big = t;
    }
    call_glyph_height_ = look::cjk_glyph_height(p, big.size);
    const int gap = -big.size * 3 / 10;
    const int h = p.measure_wrapped(headline, big, width, gap);
    const int y = r.y + top + (r.h - top - h) / 2;
    SDL_Rect clip{r.x, r.y, r.w, r.h};
    SDL_RenderSetClipRect(p.renderer(), &clip);
    p.text_wrapped(headline, big, r.x + px(s, 40), y, width, Align::Center, 2, gap);
    SDL_RenderSetClipRect(p.renderer(), nullptr);
}

void HallScreen::windows_grid(ui::Painter& p, const Rect& r, double s) {
    const auto& windows = c_.model().windows();
    const int n = static_cast<int>(windows.size());
    if (n == 0) return;
    const int cols = n <= 4 ? n : n <= 8 ? 4 : n <= 15 ? 5 : 6;
    const int rows = (n + cols - 1) / cols;
    const int gap = px(s, 14);
    const Rect area = r.inset(px(s, 20));
    const int tw = (area.w - gap * (cols - 1)) / cols;
    const int th = (area.h - gap * (rows - 1)) / rows;
    const double ts = std::min(th / 200.0, tw / 260.0);  // tile scale: 260×200 at 1080 lines
    int i = 0;
    for (const auto& [number, w] : windows) {
        const Rect t{area.x + (i % cols) * (tw + gap), area.y + (i / cols) * (th + gap), tw, th};
        ++i;
        const bool closed = w.status == "closed";
        p.fill_rounded(t, px(ts, 12), closed ? look::kPanelDim : look::kPanel);
        const look::Status st = look::window_status(c_, w);
        p.fill({t.x, t.y, px(ts, 8), t.h}, st.color);  // status stripe
        const int pad = px(ts, 18);
        TextStyle label{px(s, 28), closed ? look::kClosed : look::kText, Weight::Bold};
        p.text(c_.text("window_label", {{"window", std::to_string(number)}}), label, t.x + pad, t.y + px(ts, 10));
        if (w.current && w.status == "open") {
            // Serving: the number says it (and the green stripe). 72 when the tiles are
            // roomy, else 48 (both in the palette).
            TextStyle num{t.h >= px(s, 170) ? px(s, 72) : px(s, 48), look::kNumber, Weight::Bold};
            num.size = look::fit(p, *w.current, num, t.w - 2 * pad, {px(s, 48)});
            const int nh = p.measure(*w.current, num).y;
            p.text(*w.current, num, t.x, t.y + (t.h - nh) / 2 + px(ts, 8), Align::Center, t.w);
        } else {
            // Paused, closed or free: the status in words where the number would be.
            TextStyle status{px(s, 28), st.color, Weight::Bold};
            status.size = look::fit(p, st.text, status, t.w - 2 * pad, {px(s, 24)});  // "暂停服务（休息）"
            const int sh = p.measure(st.text, status).y;
            p.text(st.text, status, t.x, t.y + (t.h - sh) / 2 + px(ts, 8), Align::Center, t.w);
        }
        TextStyle name{px(s, 24), closed ? look::kClosed : look::kMuted, Weight::Regular};
        const std::string nm = c_.pick(w.name);
        SDL_Rect clip{t.x, t.y, t.w - pad / 2, t.h};  // a very long name is cut at the tile's edge
        SDL_RenderSetClipRect(p.renderer(), &clip);
        p.text(nm, name, t.x + pad, t.bottom() - px(ts, 10) - p.measure(nm, name).y, Align::Left);
        SDL_RenderSetClipRect(p.renderer(), nullptr);
    }
}

void HallScreen::side_panel(ui::Painter& p, const Rect& r, double s) {
    const Rect area{r.x, r.y + px(s, 20), r.w - px(s, 20), r.h - px(s, 40)};
    p.fill_rounded(area, px(s, 12), look::kPanelDim);
    const int pad = px(s, 24);
    int y = area.y + px(s, 12);
    TextStyle title{px(s, 34), look::kMuted, Weight::Regular};
    p.text(c_.text("recent_calls"), title, area.x + pad, y);
    y += px(s, 46);
    // The calls before the newest one.
    const auto& calls = c_.model().calls();
    TextStyle num{px(s, 48), look::kNumber, Weight::Bold};
    TextStyle win{px(s, 34), look::kText, Weight::Regular};
    const int row = px(s, 54);
    const int list_bottom = area.y + area.h * 42 / 100;
    // Two calls a row, in reading order, so the short list still holds four calls.
    const int col_gap = px(s, 32);
    const int col_w = (area.w - 2 * pad - col_gap) / 2;
    const int win_dy = (p.measure("A", num).y - p.measure("A", win).y) / 2;
    for (size_t i = 1; i < calls.size() && y + row <= list_bottom; ++i) {
        const int x = area.x + pad + ((i - 1) % 2) * (col_w + col_gap);
        p.text(calls[i].number, num, x, y);
        p.text(c_.text("recent_window", {{"window", std::to_string(calls[i].window)}}), win, x, y + win_dy,
               Align::Right, col_w);
        if (i % 2 == 0) y += row;
    }
    y = list_bottom + px(s, 8);
    p.fill({area.x + pad, y - px(s, 6), area.w - 2 * pad, std::max(1, px(s, 2))}, look::kPanel);
    p.text(c_.text("waiting_title"), title, area.x + pad, y);
    y += px(s, 46);
    // One chip per service: its letter (what the ticket shows) and how many wait. Names
    // would not be readable at this size from across the hall.
    const auto& services = c_.model().services();
    if (services.empty()) return;
    const int n = static_cast<int>(services.size());
    const int cols = n <= 4 ? 2 : n <= 9 ? 3 : n <= 12 ? 4 : 5;
    const int rows = (n + cols - 1) / cols;
    const int gap = px(s, 8);
    const int cw = (area.w - 2 * pad - gap * (cols - 1)) / cols;
    const int ch = std::min(px(s, 56), (area.bottom() - px(s, 12) - y - gap * (rows - 1)) / rows);
    TextStyle code{px(s, 34), look::kNumber, Weight::Bold};
    TextStyle cnt{px(s, 28), look::kText, Weight::Bold};
    int i = 0;
    for (const auto& sv : services) {
        const Rect chip{area.x + pad + (i % cols) * (cw + gap), y + (i / cols) * (ch + gap), cw, ch};
        ++i;
        p.fill_rounded(chip, px(s, 8), sv.open ? look::kPanel : look::kBackground);
        const int cy = chip.y + (chip.h - p.measure(sv.code, code).y) / 2;
        p.text(sv.code, code, chip.x + px(s, 12), cy);
        const std::string count = c_.text("waiting_count", {{"n", std::to_string(sv.waiting)}});
        p.text(count, cnt, chip.x, chip.y + (chip.h - p.measure(count, cnt).y) / 2, Align::Right, chip.w - px(s, 12));
    }
}

}  // namespace onestop::board
