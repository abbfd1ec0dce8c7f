// Reasons for a bad rating (and a comment), chosen from the hall's list.

#include <algorithm>
#include <set>

#include "onestop/base/time.h"
#include "onestop/base/utf8.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

// ---------------------------------------------------------------- reasons

class ReasonsScreen final : public KioskScreen {
  public:
    ReasonsScreen(RatingMode& m, int level)
        : KioskScreen(m.kiosk(), m.kiosk().options().idle_seconds), level_(level), m_(m) {}
    const char* name() const override { return "reasons"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        Lang lang = k_.lang();
        int hh = th.px(th.portrait ? 220 : 170);
        p.fill({0, 0, th.w, hh}, color::header);
        ui::TextStyle title{th.font(48), color::header_text, ui::Weight::Bold};
        int sw = draw_switches(p, th, th.w - m, (hh - th.px(90)) / 2, th.px(90), false);
        int title_h = p.measure_wrapped(k_.t("reasons_title"), title, sw - m - th.px(20));
        p.text_wrapped(k_.t("reasons_title"), title, m, (hh - title_h) / 2, sw - m - th.px(20),
                       ui::Align::Left, 2);

        int cols = th.portrait ? 2 : 3;
        int gap = th.px(22);
        int bw = (th.w - 2 * m - (cols - 1) * gap) / cols;
        const auto& reasons = m_.reasons();
        int ah = th.px(140);
        int y = hh + th.px(36);
        // Reasons and comments share the room above the action row.
        ui::TextStyle ct{th.font(36), color::text, ui::Weight::Bold};
        int rows_total =
            (static_cast<int>(reasons.size()) + cols - 1) / cols + (4 + cols - 1) / cols;
        int room = th.h - m - ah - th.px(28) - y - th.px(24) -
                   p.measure(k_.t("comment_title"), ct).y - th.px(18);
        int bh = std::min(th.px(th.portrait ? 130 : 110), room / std::max(1, rows_total) - gap);
        // One type size per group. Portrait buttons are tall enough for two lines;
        // landscape ones get a size at which every label fits on one.
        int reason_size = th.font(34), comment_size = th.font(30);
        if (!th.portrait) {
            for (const auto& r : reasons)
                reason_size = std::min(
                    reason_size, p.fit_size(pick(r.text, lang), {reason_size, {}, ui::Weight::Bold},
                                            bw - th.px(40)));
            for (int i = 1; i <= 4; ++i)
                comment_size = std::min(
                    comment_size, p.fit_size(k_.t("comment_" + std::to_string(i)),
                                             {comment_size, {}, ui::Weight::Bold}, bw - th.px(40)));
        }
        for (size_t i = 0; i < reasons.size(); ++i) {
            const auto& r = reasons[i];
            int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
            ui::Rect rect{m + col * (bw + gap), y + row * (bh + gap), bw, bh};
            std::string code = r.code;
            auto& b = buttons_.place(
                "reason-" + code, pick(r.text, lang), [this, code] { toggle(code); }, rect);
            ui::ButtonStyle st = toggle_button(th, selected_.count(code) > 0);
            st.label_size = reason_size;
            b.style() = st;
            b.render(p);
        }
        int rows = (static_cast<int>(reasons.size()) + cols - 1) / cols;
        y += rows * (bh + gap) + th.px(24);

        y += p.text(k_.t("comment_title"), ct, m, y).y + th.px(18);
        for (int i = 1; i <= 4; ++i) {
            int col = (i - 1) % cols, row = (i - 1) / cols;
            ui::Rect rect{m + col * (bw + gap), y + row * (bh + gap), bw, bh};
            std::string key = "comment_" + std::to_string(i);
            auto& b = buttons_.place(
                key, k_.t(key), [this, i] { comment_ = comment_ == i ? 0 : i; }, rect);
            ui::ButtonStyle st = toggle_button(th, comment_ == i);
            st.label_size = comment_size;
            b.style() = st;
            b.render(p);
        }

        ui::Rect back{m, th.h - m - ah, th.px(300), ah};
        ui::Rect send{back.right() + th.px(28), back.y, th.w - m - back.right() - th.px(28), ah};
        auto& bb = buttons_.place(
            "back", k_.t("back"), [this] { k_.app().screens().pop(); }, back);
        bb.style() = quiet_button(th, 40);
        bb.render(p);
        auto& sb = buttons_.place(
            "next", k_.t("next_step"), [this] { next(); }, send);
        sb.style() = primary_button(th, 56);
        sb.set_enabled(!selected_.empty());
        sb.render(p);
    }

  private:
    void toggle(const std::string& code) {
        if (!selected_.erase(code)) selected_.insert(code);
    }
    // On to the optional phone number; the rating is sent from there.
    void next() {
        std::vector<std::string> codes;
        for (const auto& r : m_.reasons())  // in the hall's order
            if (selected_.count(r.code)) codes.push_back(r.code);
        std::string comment = comment_ ? k_.t("comment_" + std::to_string(comment_)) : "";
        k_.app().screens().push(
            make_contact_screen(m_, level_, std::move(codes), std::move(comment)));
    }
    void on_timeout() override { m_.back_to_idle(); }

    int level_;
    std::set<std::string> selected_;
    int comment_ = 0;
    RatingMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_reasons_screen(RatingMode& m, int level) {
    return std::make_unique<ReasonsScreen>(m, level);
}

}  // namespace onestop::kiosk
