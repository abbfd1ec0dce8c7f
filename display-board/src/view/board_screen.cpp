#include <SDL.h>

#include "look.h"
#include "screens.h"

namespace onestop::board {

namespace {
constexpr double kNoticeSpeed = 0.12;  // screen heights a second: 130 px/s at 1080 lines
// Frames a second while the notice scrolls: smooth with a GPU; with the software
// renderer each frame redraws the whole screen on the CPU (~8 ms at 1080p), so fewer.
constexpr int kNoticeFrameMsGpu = 33;
constexpr int kNoticeFrameMsSoftware = 100;

int notice_frame_ms(SDL_Renderer* r) {
    SDL_RendererInfo info{};
    if (SDL_GetRendererInfo(r, &info) == 0 && (info.flags & SDL_RENDERER_ACCELERATED))
        return kNoticeFrameMsGpu;
    return kNoticeFrameMsSoftware;
}
}  // namespace

void BoardScreen::update(ui::Millis dt) {
    const uint64_t now = SDL_GetTicks64();
    // The flash: redraw at each phase change.
    if (const uint64_t next = look::next_flash_change(c_, now)) {
        app_.wake_after(ui::Millis(next - now));
        app_.invalidate();
    } else if (c_.flash_until() != 0 && now - c_.flash_until() < 100) {
        app_.invalidate();  // the last "off" frame
    }
    // The clock, once a minute.
    if (look::clock_line(c_) != clock_drawn_) app_.invalidate();
    app_.wake_after(ui::Millis(look::ms_to_next_minute(c_)));
    // The offline mark appears after the start-up grace without any event to trigger it.
    if (c_.show_offline() != offline_drawn_) app_.invalidate();
    if (!c_.model().online() && !offline_drawn_) {
        const uint64_t at = c_.started_at() + kStartupGraceMs;
        if (now < at) app_.wake_after(ui::Millis(at - now + 10));
    }
    // The notice scrolls continuously: that is the one steady animation.
    if (notice_scrolls_) {
        notice_offset_ += kNoticeSpeed * app_.height() * static_cast<double>(dt.count()) / 1000.0;
        app_.wake_after(ui::Millis(notice_frame_ms(app_.painter().renderer())));
        app_.invalidate();
    }
}

void BoardScreen::notice_line(ui::Painter& p, const ui::Rect& r, int size) {
    const std::string text = c_.pick(c_.model().notice());
    ui::TextStyle st{size, look::kText, ui::Weight::Regular};
    p.fill(r, look::kHeader);
    if (text.empty()) {
        notice_scrolls_ = false;
        return;
    }
    const SDL_Point m = p.measure(text, st);
    const int y = r.y + (r.h - m.y) / 2;
    const int pad = r.h / 2;
    notice_scrolls_ = m.x > r.w - 2 * pad;
    if (!notice_scrolls_) {
        p.text(text, st, r.x, y, ui::Align::Center, r.w);
        return;
    }
    // Enters from the right edge, leaves on the left, then starts again.
    const int span = m.x + r.w;
    if (notice_width_ != m.x) {
        notice_width_ = m.x;
        notice_offset_ = 0;
    }
    const int x = r.right() - static_cast<int>(notice_offset_) % span;
    SDL_Rect clip{r.x, r.y, r.w, r.h};
    SDL_RenderSetClipRect(p.renderer(), &clip);
    p.text(text, st, x, y);
    SDL_RenderSetClipRect(p.renderer(), nullptr);
}

void BoardScreen::offline_frame(ui::Painter& p, int t) {
    p.outline(rect_, t, look::kOffline);
}

}  // namespace onestop::board
