// The complaint's result page: its number, who answers it by when, and the QR to its page
// (to add details in words on a phone and read the answer); or, when it could not be
// filed, that it was not sent and 再试一次 with the same choices.

#include <algorithm>

#include "onestop/ui/qr.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

class ComplaintSentScreen final : public KioskScreen {
  public:
    explicit ComplaintSentScreen(TicketMode& m)
        : KioskScreen(m.kiosk(), m.kiosk().options().idle_seconds), m_(m) {
        countdown_ = true;
    }
    const char* name() const override { return "complaint-sent"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        int hh = draw_hall_header(p, th, th.px(th.portrait ? 170 : 140));
        const ComplaintView& v = m_.complaint_view();
        if (v.phase == ComplaintView::Phase::Pending) {
            ui::TextStyle st{th.font(56), color::muted, ui::Weight::Bold};
            p.text(k_.t("complaint_sending"), st, 0, th.h / 2 - th.px(40), ui::Align::Center, th.w);
            return;
        }
        int ah = th.px(130);
        ui::Rect actions{m, th.h - m - ah, th.w - 2 * m, ah};
        if (!th.portrait) actions = {th.w - m - th.px(820), th.h - th.px(40) - ah, th.px(820), ah};
        ui::Rect card{m, hh + th.px(36), th.w - 2 * m,
                      actions.y - hh - th.px(th.portrait ? 130 : 60)};
        p.fill_rounded(card, th.px(28), color::card);
        if (v.phase == ComplaintView::Phase::Failed)
            draw_failed(p, th, card, actions, v);
        else
            draw_filed(p, th, card, actions, v);
    }

  private:
    void draw_filed(ui::Painter& p, const Theme& th, const ui::Rect& card, const ui::Rect& actions,
                    const ComplaintView& v) {
        int top = card.y;
        if (th.portrait) {  // measured, then drawn in the middle of the card
            p.set_dry_run(true);
            int h = draw_filed_content(p, th, card, top, v) - top;
            p.set_dry_run(false);
            top += std::max(0, (card.h - h) / 2);
        }
        draw_filed_content(p, th, card, top, v);
        auto& done = buttons_.place(
            "done", k_.t("done"), [this] { go_home(); }, actions);
        done.style() = primary_button(th, 48);
        done.render(p);
        draw_countdown(p, th, actions);
    }

    // The number, who answers by when, and the QR, from `top`; returns the bottom used.
    int draw_filed_content(ui::Painter& p, const Theme& th, const ui::Rect& card, int top,
                           const ComplaintView& v) {
        int pad = th.px(48);
        int col_w = th.portrait ? card.w - 2 * pad : card.w * 55 / 100 - 2 * pad;
        int x = card.x + pad, y = top + pad;
        ui::TextStyle title{th.font(52), color::green_dark, ui::Weight::Bold};
        ui::TextStyle label{th.font(34), color::muted, ui::Weight::Regular};
        ui::TextStyle number{th.font(th.portrait ? 96 : 84), color::primary_dark, ui::Weight::Bold};
        ui::TextStyle body{th.font(34), color::text, ui::Weight::Regular};
        number.size = p.fit_size(v.filed.number, number, col_w);
        y += p.text_wrapped("✓ " + k_.t("complaint_received"), title, x, y, col_w,
                            ui::Align::Center) +
             th.px(28);
        y += p.text(k_.t("complaint_number"), label, x, y, ui::Align::Center, col_w).y;
        y += p.text(v.filed.number, number, x, y, ui::Align::Center, col_w).y + th.px(20);
        y += p.text_wrapped(k_.t("complaint_answer_by",
                                 {{"unit", unit_name(v.filed.unit)}, {"date", v.filed.due_date}}),
                            body, x, y, col_w, ui::Align::Center) +
             th.px(12);
        if (!v.request.contact.empty())
            y += p.text_wrapped(k_.t("complaint_will_call", {{"phone", v.request.contact}}), body,
                                x, y, col_w, ui::Align::Center);

        // The QR below (portrait) or beside (landscape), as large as the room allows.
        ui::Rect area = th.portrait ? ui::Rect{x, y + th.px(36), col_w, 0}
                                    : ui::Rect{card.x + card.w * 55 / 100 + pad, card.y + pad,
                                               card.w * 45 / 100 - 2 * pad, 0};
        ui::TextStyle cap{th.font(30), color::muted, ui::Weight::Regular};
        int cap_h = p.measure_wrapped(k_.t("complaint_scan"), cap, area.w);
        // The room below moves with `top`, so measuring and drawing size the QR alike.
        int bottom = card.bottom() + (top - card.y);
        int side = std::min({bottom - pad - area.y - cap_h - th.px(16), area.w, th.px(440)});
        if (v.qr_url.empty() || side <= th.px(160)) return y + pad;
        if (!qr_ || qr_->text() != v.qr_url) {
            auto q = ui::QrCode::encode(v.qr_url);
            if (q) qr_ = std::move(*q);
        }
        if (qr_) p.qr(*qr_, {area.x + (area.w - side) / 2, area.y, side, side});
        int cap_y = area.y + side + th.px(16);
        return cap_y +
               p.text_wrapped(k_.t("complaint_scan"), cap, area.x, cap_y, area.w,
                              ui::Align::Center) +
               pad;
    }

    void draw_failed(ui::Painter& p, const Theme& th, const ui::Rect& card, const ui::Rect& actions,
                     const ComplaintView& v) {
        int pad = th.px(56);
        int x = card.x + pad, w = card.w - 2 * pad;
        ui::TextStyle title{th.font(52), color::danger, ui::Weight::Bold};
        ui::TextStyle body{th.font(38), color::text, ui::Weight::Regular};
        std::string why = v.unsure    ? k_.t("complaint_no_answer")
                          : v.offline ? k_.t("complaint_not_sent_offline")
                                      : k_.t("complaint_not_sent_refused", {{"reason", v.error}});
        std::string head = k_.t(v.unsure ? "complaint_no_answer_title" : "complaint_not_sent");
        int h = p.measure_wrapped(head, title, w) + th.px(36) +
                p.measure_wrapped(why, body, w, th.px(8));
        int y = card.y + std::max(pad, (card.h - h) / 2);
        y += p.text_wrapped(head, title, x, y, w, ui::Align::Center) + th.px(36);
        p.text_wrapped(why, body, x, y, w, ui::Align::Center, 0, th.px(8));

        int gap = th.px(24), home_w = (actions.w - gap) * 40 / 100;
        auto& home = buttons_.place("home", k_.t("back_home"), [this] { go_home(); },
                                    {actions.x, actions.y, home_w, actions.h});
        home.style() = quiet_button(th, 40);
        home.render(p);
        auto& retry = buttons_.place(
            "retry", k_.t("try_again"), [this] { m_.file_complaint(m_.complaint_view().request); },
            {actions.x + home_w + gap, actions.y, actions.w - home_w - gap, actions.h});
        retry.style() = primary_button(th, 44);
        retry.render(p);
        draw_countdown(p, th, actions);
    }

    void draw_countdown(ui::Painter& p, const Theme& th, const ui::Rect& actions) {
        int m = th.margin();
        ui::TextStyle cd{th.font(30), color::muted, ui::Weight::Regular};
        std::string left = k_.t("returning_in", {{"s", std::to_string(seconds_left())}});
        if (th.portrait)
            p.text(left, cd, m, actions.y - th.px(60), ui::Align::Center, th.w - 2 * m);
        else
            p.text(left, cd, m, actions.y + (actions.h - p.measure(left, cd).y) / 2);
    }

    // The unit that answers: its name from the hall file; "" is the hall office.
    std::string unit_name(const std::string& code) const {
        if (code.empty()) return k_.t("hall_office");
        const queue::Unit* u = k_.hall().find_unit(code);
        return u ? pick(u->name, k_.lang()) : code;
    }

    void on_timeout() override { go_home(); }

    std::optional<ui::QrCode> qr_;
    TicketMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_complaint_sent_screen(TicketMode& m) {
    return std::make_unique<ComplaintSentScreen>(m);
}

}  // namespace onestop::kiosk
