// Thanks after a rating (and, after a bad one, that the unit will follow it up).

#include <algorithm>
#include <set>

#include "onestop/base/time.h"
#include "onestop/base/utf8.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

// ---------------------------------------------------------------- thanks

class ThanksScreen final : public KioskScreen {
  public:
    explicit ThanksScreen(RatingMode& m)
        : KioskScreen(m.kiosk(), m.kiosk().options().thanks_seconds), m_(m) {}
    const char* name() const override { return "thanks"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        ui::TextStyle big{th.font(84), color::green_dark, ui::Weight::Bold};
        ui::TextStyle sub{th.font(38), color::muted, ui::Weight::Regular};
        int circle = th.px(220);
        int y = th.h / 2 - th.px(th.portrait ? 340 : 300);
        p.fill_rounded({(th.w - circle) / 2, y, circle, circle}, circle / 2, color::green);
        ui::TextStyle tick{th.px(150), color::header_text, ui::Weight::Bold};
        p.text("✓", tick, 0, y + (circle - p.measure("✓", tick).y) / 2, ui::Align::Center, th.w);
        y += circle + th.px(50);
        y += p.text_wrapped(k_.t("thanks"), big, m, y, th.w - 2 * m, ui::Align::Center) + th.px(30);
        if (m_.rating_saved_offline())
            y += p.text_wrapped(k_.t("rating_saved_offline"), sub, m, y, th.w - 2 * m,
                                ui::Align::Center) +
                 th.px(16);
        if (m_.last_level() <= 2)
            p.text_wrapped(k_.t("thanks_followup"), sub, m, y, th.w - 2 * m, ui::Align::Center);
    }

  private:
    void on_timeout() override { m_.back_to_idle(); }
    RatingMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_thanks_screen(RatingMode& m) {
    return std::make_unique<ThanksScreen>(m);
}

}  // namespace onestop::kiosk
