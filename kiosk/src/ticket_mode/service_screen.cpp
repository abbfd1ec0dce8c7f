// A service's disclosure page (办事公开 / 一次性告知): who may apply, materials, steps,
// promised days, and the button that takes a number.

#include <algorithm>

#include "onestop/ui/qr.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

// ---------------------------------------------------------------- service page

class ServiceScreen final : public KioskScreen {
  public:
    ServiceScreen(TicketMode& m, std::string code, bool priority)
        : KioskScreen(m.kiosk(), m.kiosk().options().idle_seconds),
          code_(std::move(code)),
          priority_(priority),
          m_(m) {}
    const char* name() const override { return "service"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        const ServiceView* s = k_.service(code_);
        if (!s) {  // the catalogue changed under us
            k_.app().screens().pop();
            return;
        }
        Lang lang = k_.lang();

        // Header: back, the item's name (at most two lines) and its department.
        int bw = th.px(200), bh = th.px(96);
        int sw_left = th.w - m;
        {
            // Measure the switch's width without drawing it yet (the band goes first).
            ui::TextStyle sst{th.font(32), {}, ui::Weight::Bold};
            sw_left -= p.measure(k_.t("lang_switch"), sst).x + th.px(64) + th.px(20);
        }
        int tx = m + bw + th.px(36);
        int tw = sw_left - tx - th.px(20);
        ui::TextStyle title{th.font(50), color::header_text, ui::Weight::Bold};
        ui::TextStyle unit{th.font(30), color::header_soft, ui::Weight::Regular};
        // Two lines at most, shrinking to 40; below that a third line rather than tiny type.
        int line_h = p.measure("事", title).y;
        int max_lines = 2;
        while (p.measure_wrapped(pick(s->name, lang), title, tw) > max_lines * line_h + 2) {
            if (title.size * 9 / 10 < th.font(40) && max_lines == 2) {
                max_lines = 3;
                continue;
            }
            if (title.size <= th.px(28)) break;
            title.size = title.size * 9 / 10;
            line_h = p.measure("事", title).y;
        }
        int title_h = p.measure_wrapped(pick(s->name, lang), title, tw);
        int unit_h = p.measure(pick(s->unit_name, lang), unit).y;
        int hh = std::max(th.px(th.portrait ? 230 : 170), title_h + unit_h + th.px(64));
        p.fill({0, 0, th.w, hh}, color::header);
        auto& back = buttons_.place("back", k_.t("back"), [this] { k_.app().screens().pop(); },
                                    {m, (hh - bh) / 2, bw, bh});
        back.style() = header_button(th);
        back.render(p);
        draw_switches(p, th, th.w - m, (hh - bh) / 2, bh, false);
        int ty = (hh - title_h - unit_h - th.px(8)) / 2;
        ty += p.text_wrapped(pick(s->name, lang), title, tx, ty, tw, ui::Align::Left, max_lines);
        p.text(pick(s->unit_name, lang), unit, tx, ty + th.px(8));

        // Bottom: how long the wait is, and the button that takes a number.
        int action_h = th.px(th.portrait ? 170 : 150);
        int info_h = th.px(64);
        int banner_h = priority_ ? th.px(76) : 0;
        int bottom_h = th.portrait ? action_h + info_h + banner_h + th.px(90)
                                   : action_h + banner_h + th.px(70);
        int content_top = hh + th.px(30), content_bottom = th.h - bottom_h;

        std::vector<Section> left = {
            {k_.t("who_may_apply"), {pick(s->who_may_apply, lang)}, false},
            {k_.t("steps"), texts(s->steps, lang), true},
            {k_.t("handling"), {mode_text(*s)}, false},
        };
        Section materials{k_.t("materials"), texts(s->materials, lang), true};
        if (materials.lines.empty()) materials.lines.push_back(k_.t("no_materials"));
        if (left[0].lines[0].empty()) left.erase(left.begin());
        if (th.portrait) {
            left.insert(left.begin() + std::min<size_t>(2, left.size()), materials);
            ui::Rect r{m, content_top, th.w - 2 * m, content_bottom - content_top};
            draw_card(p, th, r, left, fit_body(p, th, r, left));
        } else {
            int gap = th.px(28);
            int cw = (th.w - 2 * m - gap) / 2;
            ui::Rect lr{m, content_top, cw, content_bottom - content_top};
            ui::Rect rr{m + cw + gap, content_top, cw, content_bottom - content_top};
            // One type size for both columns, so neither looks more important.
            int body = std::min(fit_body(p, th, lr, left), fit_body(p, th, rr, {materials}));
            draw_card(p, th, lr, left, body);
            draw_card(p, th, rr, {materials}, body);
        }

        int y = content_bottom + th.px(24);
        if (priority_) {
            ui::TextStyle pst{th.font(30), color::green_dark, ui::Weight::Bold};
            p.fill_rounded({m, y, th.w - 2 * m, banner_h - th.px(12)}, th.px(14),
                           color::green_soft);
            p.text(k_.t("priority_banner"), pst, m + th.px(24),
                   y + (banner_h - th.px(12) - p.measure("绿", pst).y) / 2);
            y += banner_h;
        }
        ui::TextStyle info{th.font(34), s->open ? color::text : color::warn, ui::Weight::Bold};
        std::string info_text =
            s->open
                ? (s->waiting == 0 ? k_.t("waiting_none")
                                   : k_.t("service_waiting",
                                          {{"n", std::to_string(s->waiting)},
                                           {"min", std::to_string(s->estimate_min(s->waiting))}}))
                : (k_.when_text(s->next_open).empty()
                       ? k_.t("closed")
                       : k_.t("service_closed_notice", {{"when", k_.when_text(s->next_open)}}));
        ui::Rect action;
        if (th.portrait) {
            p.text(info_text, info, m, y, ui::Align::Center, th.w - 2 * m);
            action = {m, y + info_h, th.w - 2 * m, action_h};
        } else {
            int aw = th.px(620);
            action = {th.w - m - aw, y, aw, action_h};
            p.text(info_text, info, m, y + (action_h - p.measure(info_text, info).y) / 2);
        }
        std::string code = code_;
        bool priority = priority_;
        auto& take = buttons_.place(
            "take", k_.t("take_number"), [this, code, priority] { m_.take_number(code, priority); },
            action);
        ui::ButtonStyle ts = primary_button(th, 64);
        if (priority_) {
            ts.fill = color::green;
            ts.pressed = color::green_dark;
        }
        take.style() = ts;
        take.set_enabled(s->open);
        take.render(p);
        draw_offline(p, th, m, th.h - th.px(70));
    }

  private:
    struct Section {
        std::string title;
        std::vector<std::string> lines;
        bool numbered = false;
    };

    static std::vector<std::string> texts(const std::vector<queue::Text>& list, Lang lang) {
        std::vector<std::string> out;
        for (const auto& t : list) out.push_back(pick(t, lang));
        return out;
    }

    std::string mode_text(const ServiceView& s) const {
        std::string days = std::to_string(s.promised_days);
        if (s.mode == "deadline") return k_.t("mode_deadline", {{"days", days}});
        if (s.mode == "joint")
            return k_.t("mode_joint", {{"days", days}, {"unit", pick(s.unit_name, k_.lang())}});
        return k_.t("mode_instant");
    }

    // Draws (or only measures, when draw is false) the sections; returns the height.
    int layout(ui::Painter& p, const Theme& th, const ui::Rect& r,
               const std::vector<Section>& sections, int body, bool draw) {
        int pad = th.px(32);
        int x = r.x + pad, w = r.w - 2 * pad;
        int y = r.y + pad;
        ui::TextStyle ts{std::max(body + th.px(2), body * 11 / 10), color::accent,
                         ui::Weight::Bold};
        ui::TextStyle bs{body, color::text, ui::Weight::Regular};
        int gap = body * 2 / 3;
        for (size_t i = 0; i < sections.size(); ++i) {
            const Section& s = sections[i];
            if (draw) p.text(s.title, ts, x, y);
            y += p.measure(s.title, ts).y + gap / 2;
            for (size_t j = 0; j < s.lines.size(); ++j) {
                if (s.numbered) {
                    std::string n = std::to_string(j + 1);
                    int dot = body + body / 3;
                    if (draw) {
                        p.fill_rounded({x, y + body / 6, dot, dot}, dot / 2, color::chip);
                        p.text(n, {body * 3 / 4, color::accent, ui::Weight::Bold}, x,
                               y + body / 6 + body / 8, ui::Align::Center, dot);
                    }
                    int indent = dot + body / 2;
                    y += (draw ? p.text_wrapped(s.lines[j], bs, x + indent, y, w - indent,
                                                ui::Align::Left, 0, body / 6)
                               : p.measure_wrapped(s.lines[j], bs, w - indent, body / 6)) +
                         body / 3;
                } else {
                    y += (draw ? p.text_wrapped(s.lines[j], bs, x, y, w, ui::Align::Left, 0,
                                                body / 6)
                               : p.measure_wrapped(s.lines[j], bs, w, body / 6)) +
                         body / 3;
                }
            }
            if (i + 1 < sections.size()) {
                y += gap / 2;
                if (draw) p.fill({x, y, w, std::max(1, th.px(2))}, color::chip);
                y += gap;
            }
        }
        return y - r.y + pad;
    }

    // The largest type (≤ 32, or 40 in large-text mode) at which everything fits.
    int fit_body(ui::Painter& p, const Theme& th, const ui::Rect& r,
                 const std::vector<Section>& sections) {
        int body = th.font(32);
        while (body > th.px(18) && layout(p, th, r, sections, body, false) > r.h)
            body = body * 15 / 16;
        return body;
    }

    void draw_card(ui::Painter& p, const Theme& th, const ui::Rect& r,
                   const std::vector<Section>& sections, int body) {
        int h = std::min(r.h, layout(p, th, r, sections, body, false));
        p.fill_rounded({r.x, r.y, r.w, h}, th.px(20), color::card);
        layout(p, th, r, sections, body, true);
    }

    void on_timeout() override { go_home(); }

    std::string code_;
    bool priority_;
    TicketMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_service_screen(TicketMode& m, std::string code, bool priority) {
    return std::make_unique<ServiceScreen>(m, std::move(code), priority);
}

}  // namespace onestop::kiosk
