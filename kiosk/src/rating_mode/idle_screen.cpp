// The pad between ratings: the window and the staff on duty (窗口人员信息公示).

#include <algorithm>
#include <set>

#include "onestop/base/time.h"
#include "onestop/base/utf8.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

// ---------------------------------------------------------------- idle

class IdleScreen final : public KioskScreen {
  public:
    explicit IdleScreen(RatingMode& m) : KioskScreen(m.kiosk(), 0), m_(m) { shows_clock_ = true; }
    const char* name() const override { return "idle"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        const WindowView& w = m_.window_view();
        Lang lang = k_.lang();

        int hh = th.px(th.portrait ? 300 : 220);
        p.fill({0, 0, th.w, hh}, color::header);
        ui::TextStyle big{th.font(th.portrait ? 110 : 96), color::header_text, ui::Weight::Bold};
        ui::TextStyle sub{th.font(40), color::header_soft, ui::Weight::Regular};
        std::string title = k_.t("window_title", {{"n", std::to_string(w.number)}});
        int title_h = p.measure(title, big).y, sub_h = p.measure(pick(w.name, lang), sub).y;
        int ty = (hh - title_h - sub_h) / 2;
        p.text(title, big, m, ty);
        p.text(pick(w.name, lang), sub, m, ty + title_h);
        int bh = th.px(90);
        int sw = draw_switches(p, th, th.w - m, th.px(36), bh, false);
        ui::TextStyle clock{th.font(44), color::header_text, ui::Weight::Bold};
        if (th.portrait)
            p.text(k_.time_line(), clock, m, hh - th.px(36) - p.measure("0", clock).y,
                   ui::Align::Right, th.w - 2 * m);
        else  // beside the language switch
            p.text(k_.time_line(), clock, m, th.px(36) + (bh - p.measure("0", clock).y) / 2,
                   ui::Align::Right, sw - m - th.px(16));
        shown_minute_ = to_local(k_.now()).minute_of_day();

        // The staff member on duty: photo (if the hall configured one), name, number.
        int y = hh + th.px(40);
        int card_h = th.px(th.portrait ? 620 : 380);
        int card_w = th.portrait ? th.w - 2 * m : (th.w - 2 * m) * 55 / 100;
        ui::Rect card{m, y, card_w, card_h};
        p.fill_rounded(card, th.px(24), color::card);
        int pad = th.px(36);
        ui::TextStyle cap{th.font(30), color::muted, ui::Weight::Regular};
        p.text(k_.t("staff_on_duty"), cap, card.x + pad, card.y + pad);
        int cap_h = p.measure(k_.t("staff_on_duty"), cap).y;
        int photo_h = card_h - 2 * pad - cap_h - th.px(16);
        int photo_w = photo_h * 3 / 4;
        ui::Rect photo{card.x + pad, card.y + pad + cap_h + th.px(16), photo_w, photo_h};
        if (w.staff) {
            if (!draw_photo(p, w.staff->number, photo)) {
                p.fill_rounded(photo, th.px(16), color::chip);
                std::string initial = first_char(w.staff->name);
                ui::TextStyle ist{photo_w / 2, color::accent, ui::Weight::Bold};
                p.text(initial, ist, photo.x, photo.y + (photo.h - p.measure(initial, ist).y) / 2,
                       ui::Align::Center, photo.w);
            }
            int nx = photo.right() + th.px(40);
            int nw = card.right() - pad - nx;
            ui::TextStyle nst{th.font(72), color::text, ui::Weight::Bold};
            nst.size = p.fit_size(w.staff->name, nst, nw);
            int ny = photo.y + th.px(20);
            ny += p.text(w.staff->name, nst, nx, ny).y + th.px(10);
            p.text(k_.t("staff_number", {{"no", w.staff->number}}),
                   {th.font(38), color::muted, ui::Weight::Regular}, nx, ny);
        } else {
            p.text(k_.t("no_staff"), {th.font(44), color::muted, ui::Weight::Bold}, card.x + pad,
                   photo.y + photo.h / 2 - th.px(30));
        }

        // Services handled here.
        ui::Rect list;
        if (th.portrait)
            list = {m, card.bottom() + th.px(32), th.w - 2 * m, 0};
        else
            list = {card.right() + th.px(32), y, th.w - m - card.right() - th.px(32), 0};
        int list_bottom = th.portrait ? th.h - th.px(300) : card.bottom();
        list.h = list_bottom - list.y;
        // Portrait: the card is as tall as its list; landscape: as tall as the staff card.
        if (th.portrait) {
            p.set_dry_run(true);
            int used = draw_services(p, th, list, pad);
            p.set_dry_run(false);
            list.h = std::min(list.h, used);
        }
        p.fill_rounded(list, th.px(24), color::card);
        draw_services(p, th, list, pad);

        // The invitation to rate, at the bottom.
        int iy = th.portrait ? th.h - th.px(260) : list.bottom() + th.px(40);
        ui::Rect invite{m, iy, th.w - 2 * m, th.h - iy - th.px(40)};
        p.fill_rounded(invite, th.px(24), color::green_soft);
        ui::TextStyle ist{th.font(44), color::green_dark, ui::Weight::Bold};
        ui::TextStyle later{th.font(28), color::muted, ui::Weight::Regular};
        int ih = p.measure(k_.t("rate_invite"), ist).y + p.measure(k_.t("rate_later"), later).y;
        int iy2 = invite.y + (invite.h - ih) / 2;
        iy2 += p.text(k_.t("rate_invite"), ist, invite.x, iy2, ui::Align::Center, invite.w).y;
        p.text(k_.t("rate_later"), later, invite.x, iy2, ui::Align::Center, invite.w);
        // Under the language switch, clear of the window's name.
        draw_offline(p, th, th.w - m, th.px(36) + bh + th.px(16), ui::Align::Right);
    }

  private:
    // The window's services as a list with hanging bullets; returns the height used.
    int draw_services(ui::Painter& p, const Theme& th, const ui::Rect& list, int pad) {
        Lang lang = k_.lang();
        int ly = list.y + pad;
        ui::TextStyle lt{th.font(34), color::accent, ui::Weight::Bold};
        ly += p.text(k_.t("services_handled"), lt, list.x + pad, ly).y + th.px(16);
        ui::TextStyle item{th.font(34), color::text, ui::Weight::Regular};
        int indent = th.px(36);
        for (const auto& code : m_.window_view().services) {
            const ServiceView* s = k_.service(code);
            const queue::Service* hs = k_.hall().find_service(code);
            std::string name = s ? pick(s->name, lang) : hs ? pick(hs->name, lang) : code;
            int ih = p.measure_wrapped(name, item, list.w - 2 * pad - indent);
            if (ly + ih > list.bottom() - pad && !p.dry_run()) break;
            p.fill_rounded({list.x + pad + th.px(6), ly + item.size / 2, th.px(12), th.px(12)},
                           th.px(6), color::accent);
            ly += p.text_wrapped(name, item, list.x + pad + indent, ly, list.w - 2 * pad - indent) +
                  th.px(12);
        }
        return ly - list.y + pad;
    }

    bool draw_photo(ui::Painter& p, const std::string& number, const ui::Rect& r) {
        const auto& dir = k_.options().photo_dir;
        if (dir.empty()) return false;
        for (const char* ext : {".png", ".jpg", ".jpeg"})
            if (std::filesystem::exists(dir / (number + ext)))
                return p.image(dir / (number + ext), r);
        return false;
    }
    static std::string first_char(const std::string& s) {
        if (s.empty()) return "?";
        return s.substr(0, utf8_length(static_cast<unsigned char>(s[0])));
    }
    RatingMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_idle_screen(RatingMode& m) {
    return std::make_unique<IdleScreen>(m);
}

}  // namespace onestop::kiosk
