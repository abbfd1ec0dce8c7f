// The ticket page: the number, people ahead, the QR to follow it, and whether the slip printed.

#include <algorithm>

#include "onestop/ui/qr.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

// ---------------------------------------------------------------- ticket page

class TicketScreen final : public KioskScreen {
  public:
    explicit TicketScreen(TicketMode& m)
        : KioskScreen(m.kiosk(), m.kiosk().options().ticket_seconds), m_(m) {
        countdown_ = true;
    }
    const char* name() const override { return "ticket"; }

    void update(ui::Millis dt) override {
        const TicketView& v = m_.ticket_view();
        // Keep the number and QR up longer when no slip came out, so it can be noted.
        bool problem = v.print == PrintState::Failed || v.ticket.offline;
        timeout_ms_ =
            1000LL * (problem ? k_.options().printer_problem_seconds : k_.options().ticket_seconds);
        KioskScreen::update(dt);
    }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        int hh = draw_hall_header(p, th, th.px(th.portrait ? 170 : 140));
        const TicketView& v = m_.ticket_view();
        const ServiceView* s = k_.service(v.service);
        std::string service_name = s ? pick(s->name, k_.lang()) : v.service;

        int done_h = th.px(130);
        ui::Rect done{m, th.h - m - done_h, th.w - 2 * m, done_h};
        if (!th.portrait)
            done = {th.w - m - th.px(520), th.h - th.px(40) - done_h, th.px(520), done_h};

        if (v.phase == TicketView::Phase::Pending) {
            ui::TextStyle st{th.font(56), color::muted, ui::Weight::Bold};
            p.text(k_.t("taking_number"), st, 0, th.h / 2 - th.px(40), ui::Align::Center, th.w);
            return;
        }
        auto& b = buttons_.place(
            "done", k_.t("done"), [this] { go_home(); }, done);
        b.style() = primary_button(th, 48);
        b.render(p);
        if (v.phase == TicketView::Phase::Failed) {
            ui::TextStyle st{th.font(44), color::danger, ui::Weight::Bold};
            p.text(service_name, {th.font(50), color::text, ui::Weight::Bold}, m, hh + th.px(120),
                   ui::Align::Center, th.w - 2 * m);
            p.text_wrapped(v.error, st, m + th.px(40), hh + th.px(240), th.w - 2 * m - th.px(80),
                           ui::Align::Center);
            return;
        }

        ui::Rect card;
        if (th.portrait) {
            card = {m, hh + th.px(36), th.w - 2 * m, done.y - hh - th.px(150)};
        } else {
            card = {m, hh + th.px(30), th.w - 2 * m, done.y - hh - th.px(60)};
        }
        p.fill_rounded(card, th.px(28), color::card);
        if (th.portrait) {
            // Measure, then draw the content centred in the card.
            p.set_dry_run(true);
            int h = draw_ticket(p, th, card, card.y, s, service_name);
            p.set_dry_run(false);
            draw_ticket(p, th, card,
                        card.y + std::max(0, (card.bottom() - h - card.y) / 2) - th.px(20), s,
                        service_name);
        } else {
            draw_ticket(p, th, card, card.y, s, service_name);
        }

        ui::TextStyle cd{th.font(30), color::muted, ui::Weight::Regular};
        std::string left = k_.t("returning_in", {{"s", std::to_string(seconds_left())}});
        if (th.portrait)
            p.text(left, cd, m, done.y - th.px(60), ui::Align::Center, th.w - 2 * m);
        else
            p.text(left, cd, m, done.y + (done.h - p.measure(left, cd).y) / 2);
    }

  private:
    // The number, service, place in line, QR and printing state, from `top`; returns
    // the height used (portrait: everything; landscape: the left column).
    int draw_ticket(ui::Painter& p, const Theme& th, const ui::Rect& card, int top,
                    const ServiceView* s, const std::string& service_name) {
        const TicketView& v = m_.ticket_view();
        const IssuedTicket& t = v.ticket;
        ui::Rect qr_area;
        int inner_x = card.x + th.px(40);
        int col_w = th.portrait ? card.w - th.px(80) : card.w * 56 / 100 - th.px(40);
        int y = top + th.px(th.portrait ? 40 : 36);

        ui::TextStyle label{th.font(40), color::muted, ui::Weight::Regular};
        y += p.text(k_.t("your_number"), label, inner_x, y, ui::Align::Center, col_w).y;
        ui::TextStyle number{th.px(th.portrait ? 300 : 260), color::primary_dark, ui::Weight::Bold};
        number.size = p.fit_size(t.number, number, col_w);
        // Noto's line box has generous space above capitals: pull the number up a little.
        y -= number.size / 8;
        y += p.text(t.number, number, inner_x, y, ui::Align::Center, col_w).y - number.size / 10;
        {
            ui::TextStyle sn{th.font(46), color::text, ui::Weight::Bold};
            int lh = p.measure("事", sn).y;
            while (sn.size > th.px(26) && p.measure_wrapped(service_name, sn, col_w) > 2 * lh + 2) {
                sn.size = sn.size * 9 / 10;
                lh = p.measure("事", sn).y;
            }
            y += p.text_wrapped(service_name, sn, inner_x, y, col_w, ui::Align::Center, 2);
        }
        y += th.px(16);
        if (t.priority) {
            ui::TextStyle pst{th.font(28), color::green_dark, ui::Weight::Bold};
            int ph = p.measure_wrapped(k_.t("priority_banner"), pst, col_w - th.px(40)) + th.px(24);
            p.fill_rounded({inner_x, y, col_w, ph}, th.px(14), color::green_soft);
            p.text_wrapped(k_.t("priority_banner"), pst, inner_x + th.px(20), y + th.px(12),
                           col_w - th.px(40), ui::Align::Center);
            y += ph + th.px(16);
        }
        std::string ahead = t.waiting_ahead > 0
                                ? k_.t("people_ahead", {{"n", std::to_string(t.waiting_ahead)}})
                                : k_.t("nobody_ahead");
        y += p.text(ahead, {th.font(44), color::text, ui::Weight::Bold}, inner_x, y,
                    ui::Align::Center, col_w)
                 .y;
        if (t.waiting_ahead > 0 && s) {
            y += p.text(k_.t("estimated_wait",
                             {{"min", std::to_string(s->estimate_min(t.waiting_ahead))}}),
                        {th.font(34), color::muted, ui::Weight::Regular}, inner_x, y,
                        ui::Align::Center, col_w)
                     .y;
        }
        y += th.px(24);

        if (th.portrait) {
            qr_area = {inner_x, y, col_w, 0};
        } else {
            int qx = card.x + card.w * 56 / 100;
            p.fill({qx, card.y + th.px(40), std::max(1, th.px(2)), card.h - th.px(80)},
                   color::chip);
            qr_area = {qx + th.px(40), top + th.px(40), card.right() - qx - th.px(80), 0};
        }
        // The room below moves with `top`, so measuring and drawing size the QR alike.
        int qy = draw_qr_and_status(p, th, qr_area, card.bottom() - th.px(30) + (top - card.y));
        return (th.portrait ? qy : y) - top;
    }

    // The QR (when the hub gave the ticket an id), then the printing state; returns y.
    int draw_qr_and_status(ui::Painter& p, const Theme& th, ui::Rect area, int bottom) {
        const TicketView& v = m_.ticket_view();
        int y = area.y;
        // Status box first in size terms: the QR takes what is left.
        std::string status_text;
        ui::Color fg = color::muted, bg = {0, 0, 0, 0};
        if (v.ticket.offline) {
            status_text = k_.t("offline_ticket");
            fg = color::warn;
            bg = color::warn_bg;
        }
        if (v.print == PrintState::Failed) {
            status_text = k_.t(v.print_error);
            fg = color::warn;
            bg = color::warn_bg;
        } else if (v.print == PrintState::Printing && status_text.empty()) {
            status_text = k_.t("printing");
        } else if (v.print == PrintState::Printed && status_text.empty()) {
            status_text = k_.t("printed");
            fg = color::green_dark;
        }
        ui::TextStyle sst{th.font(32), fg, ui::Weight::Bold};
        int pad = th.px(20);
        int status_h = status_text.empty()
                           ? 0
                           : p.measure_wrapped(status_text, sst, area.w - 2 * pad) + 2 * pad;

        if (!v.ticket.qr_url.empty()) {
            ui::TextStyle cap{th.font(28), color::muted, ui::Weight::Regular};
            int cap_h = p.measure_wrapped(k_.t("scan_to_follow"), cap, area.w);
            int room = bottom - y - status_h - cap_h - th.px(30);
            int side = std::min({room, area.w, th.px(th.portrait ? 460 : 460)});
            if (side > th.px(160)) {
                if (!qr_ || qr_->text() != v.ticket.qr_url) {
                    auto q = ui::QrCode::encode(v.ticket.qr_url);
                    if (q) qr_ = std::move(*q);
                }
                if (qr_) p.qr(*qr_, {area.x + (area.w - side) / 2, y, side, side});
                y += side + th.px(8);
                y += p.text_wrapped(k_.t("scan_to_follow"), cap, area.x, y, area.w,
                                    ui::Align::Center) +
                     th.px(20);
            }
        }
        if (!status_text.empty()) {
            if (v.ticket.qr_url.empty() && !th.portrait)
                y = area.y + std::max(0, (bottom - area.y - status_h) / 2);
            if (bg.a) p.fill_rounded({area.x, y, area.w, status_h}, th.px(14), bg);
            p.text_wrapped(status_text, sst, area.x + pad, y + pad, area.w - 2 * pad,
                           ui::Align::Center);
            y += status_h;
        }
        return y;
    }

    void on_timeout() override { go_home(); }

    std::optional<ui::QrCode> qr_;
    TicketMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_ticket_screen(TicketMode& m) {
    return std::make_unique<TicketScreen>(m);
}

}  // namespace onestop::kiosk
