#include "look.h"

#include <algorithm>

#include "onestop/base/time.h"
#include "onestop/base/utf8.h"

namespace onestop::board::look {

std::string date_line(const BoardController& c) {
    const LocalTime t = to_local(c.clock().now());
    return c.text("date_line", {{"year", std::to_string(t.year)},
                                {"month", std::to_string(t.month)},
                                {"day", std::to_string(t.day)},
                                {"month_name", c.text("month_" + std::to_string(t.month))},
                                {"weekday", c.text("weekday_" + std::to_string(t.weekday))}});
}

std::string clock_line(const BoardController& c) {
    const LocalTime t = to_local(c.clock().now());
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour, t.minute);
    return buf;
}

int ms_to_next_minute(const BoardController& c) {
    const auto now = c.clock().now();
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
    return static_cast<int>(60000 - ms % 60000) + 20;
}

Status window_status(const BoardController& c, const WindowEntry& w) {
    if (w.status == "paused") {
        const std::string key = w.pause_reason == "break"     ? "pause_break"
                                : w.pause_reason == "meeting" ? "pause_meeting"
                                                              : "pause_other";
        return {c.text(key), kPaused};
    }
    if (w.status == "closed") return {c.text("status_closed"), kClosed};
    if (w.current) return {c.text("status_serving"), kServing};
    return {c.text("status_idle"), kMuted};
}

bool flash_on(const BoardController& c, uint64_t now) {
    if (now >= c.flash_until() || now < c.flash_started()) return false;
    return ((now - c.flash_started()) / kFlashPhaseMs) % 2 == 0;
}

uint64_t next_flash_change(const BoardController& c, uint64_t now) {
    if (now >= c.flash_until()) return 0;
    const uint64_t into = (now - c.flash_started()) % kFlashPhaseMs;
    return std::min(c.flash_until(), now + (kFlashPhaseMs - into));
}

int fit(ui::Painter& p, const std::string& text, const ui::TextStyle& style, int width,
        std::initializer_list<int> smaller) {
    ui::TextStyle t = style;
    if (p.measure(text, t).x <= width) return t.size;
    for (int size : smaller) {
        t.size = size;
        if (p.measure(text, t).x <= width) return size;
    }
    return t.size;
}

int cjk_glyph_height(ui::Painter& p, int size) {
    TTF_Font* f = p.cache().fonts().get(size, ui::Weight::Bold);
    int minx, maxx, miny, maxy, adv;
    if (!f || TTF_GlyphMetrics32(f, 0x8BF7 /* 请 */, &minx, &maxx, &miny, &maxy, &adv) != 0)
        return 0;
    return maxy - miny;
}

Ink ink(ui::Painter& p, const std::string& text, const ui::TextStyle& style) {
    TTF_Font* f = p.cache().fonts().get(style.size, style.weight);
    if (!f) return {};
    const int ascent = TTF_FontAscent(f);
    Ink out{ascent, ascent};
    bool any = false;
    for (size_t i = 0; i < text.size();) {
        const Utf8Char c = decode_utf8(text, i);
        i += c.length;
        int minx, maxx, miny, maxy, adv;
        if (TTF_GlyphMetrics32(f, c.code_point, &minx, &maxx, &miny, &maxy, &adv) != 0 ||
            maxy <= miny)
            continue;
        out.top = any ? std::min(out.top, ascent - maxy) : ascent - maxy;
        out.bottom = any ? std::max(out.bottom, ascent - miny) : ascent - miny;
        any = true;
    }
    return out;
}

std::vector<std::string> wrap(ui::Painter& p, const std::string& text, const ui::TextStyle& style,
                              int width) {
    TTF_Font* f = p.cache().fonts().get(style.size, style.weight);
    return f ? ui::wrap_text(f, text, width) : std::vector<std::string>{text};
}

}  // namespace onestop::board::look
