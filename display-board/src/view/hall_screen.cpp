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
        p.text(c_.text("offline_banner"), big, r.x, r.y + (r.h - p.measure("离", big).y) / 2,
               Align::Center, r.w);
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
        p.text(c_.text("connecting"), st, r.x, r.y + (r.h - p.measure("连", st).y) / 2,
               Align::Center, r.w);
    }
}

void HallScreen::call_band(ui::Painter& p, const Rect& r, double s) {
    const CallEntry* call = c_.model().newest();
    const bool flash = call && look::flash_on(c_, SDL_GetTicks64());
    p.fill(r, flash ? look::kFlash : look::kPanel);
    const ui::Color fg = flash ? look::kFlashText : look::kText;
    TextStyle label{px(s, 34), flash ? look::kFlashText : look::kMuted, Weight::Regular};
    p.text(c_.text(call && call->recall ? "recall_tag" : "now_calling"), label, r.x + px(s, 40),
           r.y + px(s, 16));
    // At least 1/8 of the screen height per character (readable from 20 m): a CJK glyph
    // is about 0.88 of the font size, so the size is H/8 / 0.86 rounded up, never less.
    const int min_size = static_cast<int>(std::ceil(rect_.h / 8.0 / 0.86));
    if (!call) {
        TextStyle st{min_size, look::kMuted, Weight::Bold};
        p.text(c_.text("no_call_yet"), st, r.x, r.y + (r.h - p.measure("请", st).y) / 2,
               Align::Center, r.w);
        call_glyph_height_ = 0;
        return;
    }
    const std::string headline = c_.text(
        "call_headline", {{"number", call->number}, {"window", std::to_string(call->window)}});
    TextStyle big{min_size, fg, Weight::Bold};
    const int width = r.w - px(s, 80);
    // The font's line height has room for accents and descenders a CJK or capital line
    // does not use: lines overlap by 0.3 em. The Mandarin sentence usually fits one line
    // a size larger; English always takes two lines at the minimum. Few sizes: each is
    // another font face (megabytes) to hold.
    const int top = px(s, 56);
    if (c_.lang() == config::Lang::Zh) {
        TextStyle t{min_size * 118 / 100, fg, Weight::Bold};
        if (p.measure_wrapped(headline, t, width, -t.size * 3 / 10) <= r.h - top - px(s, 24))
            big = t;
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

// A window's name wrapped for its tile, with where its lines' ink lies relative to the
// top of the first line.
struct TileName {
    TextStyle style;
    std::vector<std::string> lines;  // one or two
    int line_gap = 0;
    int ink_top = 0, ink_bottom = 0, widest = 0;
};

namespace {

// One line at 24, else at most two at 20 (the screen's smallest size), tightly spaced.
TileName fit_name(ui::Painter& p, const std::string& name, TextStyle style, int width, double s) {
    TileName out;
    out.lines = look::wrap(p, name, style, width);
    if (out.lines.size() > 1) {
        style.size = px(s, 20);
        out.lines = look::wrap(p, name, style, width);
        out.lines.resize(
            std::min<size_t>(2, out.lines.size()));  // longer still: cut with "…" when drawn
    }
    out.style = style;
    out.line_gap = -style.size * 3 / 10;
    // Placed by the ink any line of this style may take (CJK, capitals, descenders), not
    // by its own: names of one size share their baseline whatever letters they have.
    const look::Ink line = look::ink(p, "窗Hgy", style);
    const int pitch = p.measure("A", style).y + out.line_gap;
    out.ink_top = line.top;
    out.ink_bottom = static_cast<int>(out.lines.size() - 1) * pitch + line.bottom;
    for (const auto& l : out.lines) out.widest = std::max(out.widest, p.measure(l, style).x);
    return out;
}

}  // namespace

void HallScreen::windows_grid(ui::Painter& p, const Rect& r, double s) {
    tiles_.clear();
    const auto& windows = c_.model().windows();
    const int n = static_cast<int>(windows.size());
    if (n == 0) return;
    // As few rows as 4, 5 or 6 columns allow, then as few columns as those rows need: 12
    // windows are 4 × 3, not 5 + 5 + 2, and the wider tiles hold long names.
    const int max_cols = n <= 4 ? n : n <= 8 ? 4 : n <= 15 ? 5 : 6;
    const int rows = (n + max_cols - 1) / max_cols;
    const int cols = (n + rows - 1) / rows;
    const int gap = px(s, 14);
    const Rect area = r.inset(px(s, 20));
    const int tw = (area.w - gap * (cols - 1)) / cols;
    const int th = (area.h - gap * (rows - 1)) / rows;
    const double ts = std::min(th / 200.0, tw / 260.0);  // tile scale: 260×200 at 1080 lines
    const int pad = px(ts, 18);
    // Names first: the tallest of a row decides where the row's numbers sit, so they line up.
    std::vector<TileName> names;
    std::vector<int> name_block(static_cast<size_t>(rows), 0);
    for (const auto& [number, w] : windows) {
        TextStyle style{px(s, 24), w.status == "closed" ? look::kClosed : look::kMuted,
                        Weight::Regular};
        names.push_back(fit_name(p, c_.pick(w.name), style, tw - 2 * pad, s));
        int& block = name_block[(names.size() - 1) / static_cast<size_t>(cols)];
        block = std::max(block, names.back().ink_bottom - names.back().ink_top);
    }
    int i = 0;
    for (const auto& [number, w] : windows) {
        const Rect t{area.x + (i % cols) * (tw + gap), area.y + (i / cols) * (th + gap), tw, th};
        tiles_.push_back(window_tile(p, t, s, ts, w, names[static_cast<size_t>(i)],
                                     name_block[static_cast<size_t>(i / cols)]));
        ++i;
    }
}

// A tile, top to bottom: "3 号窗口"; the number served (or the status in words); the
// window's name. Texts are placed by their ink, so the three fit a tile 127 px high
// (1080p, 12 windows) even with a name on two lines.
TileLayout HallScreen::window_tile(ui::Painter& p, const Rect& t, double s, double ts,
                                   const WindowEntry& w, const TileName& name, int name_block) {
    const bool closed = w.status == "closed";
    p.fill_rounded(t, px(ts, 12), closed ? look::kPanelDim : look::kPanel);
    const look::Status st = look::window_status(c_, w);
    p.fill({t.x, t.y, px(ts, 8), t.h}, st.color);  // status stripe
    const int pad = px(ts, 18);
    const int pad_y = px(ts, 8);
    TileLayout out;
    out.window = w.number;
    out.tile = t;
    out.text_area = {t.x + pad, t.y + pad_y, t.w - 2 * pad, t.h - 2 * pad_y};
    const Rect& area = out.text_area;

    TextStyle label{px(s, 28), closed ? look::kClosed : look::kText, Weight::Bold};
    const std::string lt = c_.text("window_label", {{"window", std::to_string(w.number)}});
    const look::Ink li = look::ink(p, lt, label);
    const SDL_Point lsize = p.text(lt, label, area.x, area.y - li.top);
    out.label = {area.x, area.y, lsize.x, li.bottom - li.top};

    // The name's last line rests on the bottom padding.
    const int name_y = area.bottom() - name.ink_bottom;
    p.text_wrapped(c_.pick(w.name), name.style, area.x, name_y, area.w, Align::Left, 2,
                   name.line_gap);
    out.name = {area.x, name_y + name.ink_top, name.widest, name.ink_bottom - name.ink_top};
    out.name_lines = name.lines;
    out.name_size = name.style.size;

    // The number served or the status, centred between the label and the tallest name of
    // the row: the same height in every tile of a row.
    const bool serving = w.current && w.status == "open";
    const std::string value = serving ? *w.current : st.text;
    TextStyle vs =
        serving ? TextStyle{t.h >= px(s, 170) ? px(s, 72) : px(s, 48), look::kNumber, Weight::Bold}
                : TextStyle{px(s, 28), st.color, Weight::Bold};
    // 72 and 48 (numbers), 28 and 24 (words: "暂停服务（休息）") are in the screen's palette.
    vs.size = look::fit(p, value, vs, area.w, {serving ? px(s, 48) : px(s, 24)});
    const look::Ink vi = look::ink(p, value, vs);
    const int band_top = out.label.bottom(), band_bottom = area.bottom() - name_block;
    const int vy = (band_top + band_bottom) / 2 - (vi.top + vi.bottom) / 2;
    const SDL_Point vsize = p.text(value, vs, t.x, vy, Align::Center, t.w);
    out.value = {t.x + (t.w - vsize.x) / 2, vy + vi.top, vsize.x, vi.bottom - vi.top};
    return out;
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
        p.text(c_.text("recent_window", {{"window", std::to_string(calls[i].window)}}), win, x,
               y + win_dy, Align::Right, col_w);
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
        const Rect chip{area.x + pad + (i % cols) * (cw + gap), y + (i / cols) * (ch + gap), cw,
                        ch};
        ++i;
        p.fill_rounded(chip, px(s, 8), sv.open ? look::kPanel : look::kBackground);
        const int cy = chip.y + (chip.h - p.measure(sv.code, code).y) / 2;
        p.text(sv.code, code, chip.x + px(s, 12), cy);
        const std::string count = c_.text("waiting_count", {{"n", std::to_string(sv.waiting)}});
        p.text(count, cnt, chip.x, chip.y + (chip.h - p.measure(count, cnt).y) / 2, Align::Right,
               chip.w - px(s, 12));
    }
}

}  // namespace onestop::board
