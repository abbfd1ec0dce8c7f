// The small screen over one counter (e.g. 1280×400), in units of s = H / 400:
//   window number and name | the current number (very large) | staff on duty, services
//   with the status (paused, closed) replacing the number when there is none to show.

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

void WindowScreen::render(ui::Painter& p) {
    const Rect r = rect_;
    const double s = r.h / 400.0;
    p.fill(r, look::kBackground);
    const int n = c_.options().window;
    const WindowEntry* w = c_.model().window(n);
    const int bottom_h = px(s, 44);
    const Rect body{r.x, r.y, r.w, r.h - bottom_h};

    // Left: which window this is.
    const int left_w = r.w * 28 / 100;
    const Rect left{body.x, body.y, left_w, body.h};
    p.fill(left, look::kPanel);
    const int pad = px(s, 24);
    TextStyle wl{px(s, 64), look::kText, Weight::Bold};
    const std::string label = c_.text("window_label", {{"window", std::to_string(n)}});
    wl.size = look::fit(p, label, wl, left.w - 2 * pad, {px(s, 48)});
    p.text(label, wl, left.x + pad, left.y + px(s, 40));
    if (w) {
        TextStyle nm{px(s, 28), look::kMuted, Weight::Regular};
        p.text_wrapped(c_.pick(w->name), nm, left.x + pad, left.y + px(s, 140), left.w - 2 * pad,
                       Align::Left, 3);
    } else if (c_.model().synced()) {
        TextStyle nm{px(s, 28), look::kPaused, Weight::Regular};
        p.text_wrapped(c_.text("window_unknown", {{"window", std::to_string(n)}}), nm, left.x + pad,
                       left.y + px(s, 140), left.w - 2 * pad, Align::Left, 3);
    }

    // Centre: the current number, or the state of the window.
    const int right_w = r.w * 30 / 100;
    const Rect centre{left.right(), body.y, body.w - left_w - right_w, body.h};
    const bool flash = w && w->current && look::flash_on(c_, SDL_GetTicks64());
    p.fill(centre, flash ? look::kFlash : look::kBackground);
    TextStyle cap{px(s, 28), flash ? look::kFlashText : look::kMuted, Weight::Regular};
    if (w) {
        const look::Status st = look::window_status(c_, *w);
        if (w->status == "open" && w->current) {
            p.text(c_.text("now_serving"), cap, centre.x, centre.y + px(s, 24), Align::Center,
                   centre.w);
            TextStyle num{px(s, 190), flash ? look::kFlashText : look::kNumber, Weight::Bold};
            num.size = look::fit(p, *w->current, num, centre.w - 2 * pad, {px(s, 150)});
            const int h = p.measure(*w->current, num).y;
            p.text(*w->current, num, centre.x, centre.y + (centre.h - h) / 2 + px(s, 20),
                   Align::Center, centre.w);
        } else {
            TextStyle big{px(s, 64), st.color, Weight::Bold};
            big.size = look::fit(p, st.text, big, centre.w - 2 * pad, {px(s, 48)});
            const int h = p.measure(st.text, big).y;
            p.text(st.text, big, centre.x, centre.y + (centre.h - h) / 2 + px(s, 20), Align::Center,
                   centre.w);
        }
    }

    // Right: who is on duty and what this window handles.
    const Rect right{centre.right(), body.y, right_w, body.h};
    p.fill(right, look::kPanelDim);
    int y = right.y + px(s, 24);
    TextStyle head{px(s, 22), look::kMuted, Weight::Regular};
    TextStyle line{px(s, 32), look::kText, Weight::Bold};
    p.text(c_.text("staff_on_duty"), head, right.x + pad, y);
    y += px(s, 36);
    std::string staff = c_.text("no_staff");
    if (w && w->staff) {
        staff =
            w->staff->name.empty()
                ? w->staff->number
                : c_.text("staff_line", {{"name", w->staff->name}, {"number", w->staff->number}});
    }
    line.size = look::fit(p, staff, line, right.w - 2 * pad, {px(s, 28)});
    p.text(staff, line, right.x + pad, y);
    y += px(s, 62);
    p.text(c_.text("services_handled"), head, right.x + pad, y);
    y += px(s, 34);
    TextStyle svc{px(s, 22), look::kText, Weight::Regular};
    if (w) {
        for (const auto& code : w->services) {
            const Text* nm = c_.model().service_name(code);
            const std::string t = code + (nm ? "  " + c_.pick(*nm) : "");
            const int lines =
                std::max(1, std::min(2, (right.bottom() - px(s, 44) - y) / p.measure(t, svc).y));
            if (y + p.measure(t, svc).y > right.bottom() - px(s, 44)) break;
            y += p.text_wrapped(t, svc, right.x + pad, y, right.w - 2 * pad, Align::Left, lines,
                                -px(s, 6)) +
                 px(s, 6);
        }
        if (w->waiting >= 0) {
            TextStyle wt{px(s, 22), look::kNumber, Weight::Regular};
            p.text(c_.text("window_waiting", {{"n", std::to_string(w->waiting)}}), wt,
                   right.x + pad, right.bottom() - px(s, 40));
        }
    }

    // Bottom: the notice, or the offline mark.
    const Rect bottom{r.x, r.bottom() - bottom_h, r.w, bottom_h};
    offline_drawn_ = c_.show_offline();
    clock_drawn_ = look::clock_line(c_);
    if (offline_drawn_) {
        p.fill(bottom, look::kOffline);
        TextStyle off{px(s, 32), look::kText, Weight::Bold};
        p.text(c_.text("offline_banner"), off, bottom.x,
               bottom.y + (bottom.h - p.measure("离", off).y) / 2, Align::Center, bottom.w);
        offline_frame(p, px(s, 6));
    } else {
        TextStyle clk{px(s, 28), look::kMuted, Weight::Regular};
        const int cw = p.measure(clock_drawn_, clk).x + 2 * pad;
        notice_line(p, {bottom.x, bottom.y, bottom.w - cw, bottom.h}, px(s, 22));
        p.fill({bottom.right() - cw, bottom.y, cw, bottom.h}, look::kHeader);
        p.text(clock_drawn_, clk, bottom.right() - cw,
               bottom.y + (bottom.h - p.measure("0", clk).y) / 2, Align::Center, cw);
    }
}

}  // namespace onestop::board
