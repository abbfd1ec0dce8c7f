// After a bad rating's reasons: a phone number for the call-back (回访), optional. Only
// for levels 1–2: those open a follow-up whose unit lead calls back; a good rating has no
// follow-up, so asking for a number there would collect it for nothing.

#include <algorithm>

#include "number_pad.h"
#include "onestop/net/protocol.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

class ContactScreen final : public KioskScreen {
  public:
    ContactScreen(RatingMode& m, int level, std::vector<std::string> reasons, std::string comment)
        : KioskScreen(m.kiosk(), m.kiosk().options().idle_seconds),
          level_(level),
          reasons_(std::move(reasons)),
          comment_(std::move(comment)),
          phone_(20),
          m_(m) {}
    const char* name() const override { return "contact"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        int hh = th.px(th.portrait ? 220 : 170);
        p.fill({0, 0, th.w, hh}, color::header);
        ui::TextStyle title{th.font(48), color::header_text, ui::Weight::Bold};
        int sw = draw_switches(p, th, th.w - m, (hh - th.px(90)) / 2, th.px(90), false);
        int tw = sw - m - th.px(20);
        int title_h = p.measure_wrapped(k_.t("contact_title"), title, tw);
        p.text_wrapped(k_.t("contact_title"), title, m, (hh - title_h) / 2, tw, ui::Align::Left, 2);

        int ah = th.px(140);
        ui::Rect actions{m, th.h - m - ah, th.w - 2 * m, ah};
        int top = hh + th.px(40);
        // Portrait: why we ask above the pad; landscape: beside it.
        ui::Rect hint{m, top, th.w - 2 * m, 0};
        if (!th.portrait) hint.w = (th.w - 2 * m) * 40 / 100;
        ui::TextStyle hs{th.font(34), color::muted, ui::Weight::Regular};
        int hint_h = p.text_wrapped(k_.t("contact_hint"), hs, hint.x, hint.y, hint.w,
                                    th.portrait ? ui::Align::Center : ui::Align::Left, 0, th.px(8));
        ui::Rect body = th.portrait ? ui::Rect{m, top + hint_h + th.px(36), th.w - 2 * m, 0}
                                    : ui::Rect{hint.right() + th.px(48), top,
                                               th.w - m - hint.right() - th.px(48), 0};
        body.h = actions.y - th.px(36) - body.y;
        int pw = std::min(body.w, th.px(720));
        phone_.render(p, th, k_, buttons_,
                      {body.x + (body.w - pw) / 2, body.y, pw,
                       std::min(body.h, NumberPad::preferred_height(th))},
                      k_.t("phone_placeholder"));

        // ‹ 返回 · 跳过 Skip · 提交评价 (with a valid number only).
        int gap = th.px(24), back_w = th.px(240);
        int skip_w = (actions.w - back_w - 2 * gap) * 42 / 100;
        auto& back = buttons_.place("back", k_.t("back"), [this] { k_.app().screens().pop(); },
                                    {actions.x, actions.y, back_w, ah});
        back.style() = quiet_button(th, 36);
        back.render(p);
        auto& skip = buttons_.place("skip", k_.t("skip"), [this] { submit(""); },
                                    {actions.x + back_w + gap, actions.y, skip_w, ah});
        ui::ButtonStyle ss = quiet_button(th, 44);
        ss.detail_size = th.font(28);
        skip.style() = ss;
        skip.set_details({k_.t_other("skip")});  // both languages: it must never be missed
        skip.render(p);
        int sx = actions.x + back_w + skip_w + 2 * gap;
        auto& send = buttons_.place("submit", k_.t("submit"), [this] { submit(phone_.value()); },
                                    {sx, actions.y, actions.right() - sx, ah});
        send.style() = primary_button(th, 48);
        send.set_enabled(net::is_phone(phone_.value()));
        send.render(p);
    }

  private:
    void submit(const std::string& phone) {
        m_.submit_rating(level_, reasons_, comment_, phone);
        k_.app().screens().pop_to_root();
        k_.app().screens().push(make_thanks_screen(m_));
    }
    // The reasons were given: the rating counts without the number. Sent, then idle.
    void on_timeout() override {
        m_.submit_rating(level_, reasons_, comment_, "");
        m_.back_to_idle();
    }

    int level_;
    std::vector<std::string> reasons_;
    std::string comment_;
    NumberPad phone_;
    RatingMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_contact_screen(RatingMode& m, int level,
                                                std::vector<std::string> reasons,
                                                std::string comment) {
    return std::make_unique<ContactScreen>(m, level, std::move(reasons), std::move(comment));
}

}  // namespace onestop::kiosk
