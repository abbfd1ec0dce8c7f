// The five levels of 好差评, when the hub asks for a rating of the ticket just served.

#include <algorithm>
#include <set>

#include "onestop/base/time.h"
#include "onestop/base/utf8.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

struct Level {
    int level;
    ui::Color fill;
    ui::Color pressed;
};
const Level kLevels[] = {
    {5, {0x0f, 0x7b, 0x45}, {0x0a, 0x5c, 0x33}}, {4, {0x3c, 0x9d, 0x5d}, {0x2c, 0x7a, 0x47}},
    {3, {0x4f, 0x6d, 0x8a}, {0x3c, 0x55, 0x6c}}, {2, {0xd0, 0x6a, 0x0c}, {0xa8, 0x55, 0x09}},
    {1, {0xc5, 0x22, 0x1f}, {0x9c, 0x1b, 0x18}},
};

// ---------------------------------------------------------------- rate

class RateScreen final : public KioskScreen {
  public:
    explicit RateScreen(RatingMode& m)
        : KioskScreen(m.kiosk(), m.kiosk().options().idle_seconds), m_(m) {}
    const char* name() const override { return "rate"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        const auto& req = m_.rating_request();
        int hh = th.px(th.portrait ? 300 : 220);
        p.fill({0, 0, th.w, hh}, color::header);
        ui::TextStyle title{th.font(60), color::header_text, ui::Weight::Bold};
        ui::TextStyle num{th.font(46), color::header_soft, ui::Weight::Bold};
        std::string number = k_.t("rate_number", {{"number", req ? req->number : ""}});
        int th1 = p.measure(k_.t("rate_title"), title).y, th2 = p.measure(number, num).y;
        int ty = (hh - th1 - th2 - th.px(10)) / 2;
        p.text(k_.t("rate_title"), title, m, ty);
        p.text(number, num, m, ty + th1 + th.px(10));
        draw_switches(p, th, th.w - m, th.px(36), th.px(90), false);

        int top = hh + th.px(48), bottom = th.h - th.px(120);
        int gap = th.px(28);
        // One label size for all five, small enough that no word breaks.
        int button_w = th.portrait ? th.w - 2 * m : (th.w - 2 * m - 4 * gap) / 5;
        ui::TextStyle probe{th.font(th.portrait ? 64 : 56), {}, ui::Weight::Bold};
        int label_size = probe.size;
        for (const Level& lv : kLevels) {
            std::string text = k_.t("level_" + std::to_string(lv.level));
            size_t start = 0;
            while (start <= text.size()) {
                size_t sp = text.find(' ', start);
                std::string word =
                    text.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
                label_size = std::min(label_size, p.fit_size(word, probe, button_w - th.px(48)));
                if (sp == std::string::npos) break;
                start = sp + 1;
            }
        }
        for (int i = 0; i < 5; ++i) {
            const Level& lv = kLevels[i];
            ui::Rect r;
            if (th.portrait) {
                int bh = (bottom - top - 4 * gap) / 5;
                r = {m, top + i * (bh + gap), th.w - 2 * m, bh};
            } else {
                int bw = (th.w - 2 * m - 4 * gap) / 5;
                r = {m + i * (bw + gap), top, bw, bottom - top};
            }
            std::string key = "level_" + std::to_string(lv.level);
            int level = lv.level;
            auto& b = buttons_.place(
                key, k_.t(key), [this, level] { choose(level); }, r);
            ui::ButtonStyle st = primary_button(th, th.portrait ? 64 : 56);
            st.label_size = label_size;
            st.fill = lv.fill;
            st.pressed = lv.pressed;
            st.detail_size = th.font(32);
            st.detail_text = {0xff, 0xff, 0xff, 0xd8};
            b.style() = st;
            b.set_details({k_.t_other(key)});  // the other language too, so both can read it
            b.render(p);
        }
        p.text(k_.t("rate_later"), {th.font(28), color::muted, ui::Weight::Regular}, m,
               bottom + (th.h - bottom - th.px(40)) / 2, ui::Align::Center, th.w - 2 * m);
        draw_offline(p, th, m, th.h - th.px(80));
    }

  private:
    void choose(int level) {
        if (level <= 2) {
            k_.app().screens().push(make_reasons_screen(m_, level));
            return;
        }
        m_.submit_rating(level, {}, "");
        k_.app().screens().replace(make_thanks_screen(m_));
    }
    void on_timeout() override { m_.back_to_idle(); }
    RatingMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_rate_screen(RatingMode& m) {
    return std::make_unique<RateScreen>(m);
}

}  // namespace onestop::kiosk
