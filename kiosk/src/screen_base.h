#pragma once
// What every kiosk screen shares: the model, its buttons, an inactivity time-out
// with an optional countdown, and the header band and offline mark.

#include "kiosk.h"
#include "onestop/ui/screen.h"
#include "theme.h"

namespace onestop::kiosk {

class KioskScreen : public ui::Screen {
  public:
    // timeout_s ≤ 0: the screen stays until something else replaces it.
    KioskScreen(Kiosk& k, int timeout_s) : k_(k), timeout_ms_(timeout_s * 1000LL) {}

    bool input(const ui::InputEvent& e) override {
        idle_ms_ = 0;
        return buttons_.input(e);
    }
    void update(ui::Millis dt) override;
    void on_show() override {
        idle_ms_ = 0;
        k_.app().invalidate();
    }

  protected:
    virtual void on_timeout() {}
    // Back to the first screen, in the default language and text size: the next person's.
    void go_home();
    int seconds_left() const { return static_cast<int>((timeout_ms_ - idle_ms_ + 999) / 1000); }
    Theme theme() const { return Theme(k_.app().width(), k_.app().height(), k_.large_text()); }

    // The blue band at the top with the hall's name, date and time; returns its height.
    int draw_hall_header(ui::Painter& p, const Theme& th, int height);
    // Language and text-size switches at the right end of a row; returns the left x used.
    int draw_switches(ui::Painter& p, const Theme& th, int right, int y, int h,
                      bool text_size = true);
    // The offline badge at (x, y); with Align::Right, x is its right edge.
    void draw_offline(ui::Painter& p, const Theme& th, int x, int y,
                      ui::Align align = ui::Align::Left);

    Kiosk& k_;
    ui::ButtonSet buttons_;
    int64_t timeout_ms_;
    int64_t idle_ms_ = 0;
    bool countdown_ = false;    // show seconds: wake every second
    bool shows_clock_ = false;  // redraw when the minute changes
    int shown_minute_ = -1;
};

// Button looks used across screens.
ui::ButtonStyle primary_button(const Theme& th, double label = 60);
ui::ButtonStyle quiet_button(const Theme& th, double label = 30);  // white with a border
ui::ButtonStyle header_button(const Theme& th);                    // on the blue band
// A choice that stays chosen (reasons, complaint kinds): white, or blue while `on`.
ui::ButtonStyle toggle_button(const Theme& th, bool on, double label = 34);

}  // namespace onestop::kiosk
