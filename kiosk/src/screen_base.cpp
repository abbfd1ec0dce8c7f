#include "screen_base.h"

#include "onestop/base/time.h"

namespace onestop::kiosk {

void KioskScreen::update(ui::Millis dt) {
    ui::App& app = k_.app();
    if (shows_clock_) {
        LocalTime lt = to_local(k_.now());
        if (lt.minute_of_day() != shown_minute_) app.invalidate();
        app.wake_after(ui::Millis((60 - lt.second) * 1000 + 50));
    }
    if (timeout_ms_ <= 0) return;
    int before = seconds_left();
    idle_ms_ += dt.count();
    if (idle_ms_ >= timeout_ms_) {
        idle_ms_ = 0;
        on_timeout();
        app.invalidate();
        return;
    }
    int64_t left = timeout_ms_ - idle_ms_;
    if (countdown_) {
        if (seconds_left() != before) app.invalidate();
        app.wake_after(ui::Millis(std::min<int64_t>(left, (left - 1) % 1000 + 1)));
    } else {
        app.wake_after(ui::Millis(left));
    }
}

void KioskScreen::go_home() {
    k_.reset_session();
    k_.app().screens().pop_to_root();
}

int KioskScreen::draw_hall_header(ui::Painter& p, const Theme& th, int height) {
    int m = th.margin();
    ui::TextStyle name{th.font(th.portrait ? 50 : 46), color::header_text, ui::Weight::Bold};
    ui::TextStyle date{th.font(30), color::header_soft, ui::Weight::Regular};
    ui::TextStyle time{th.font(th.portrait ? 76 : 68), color::header_text, ui::Weight::Bold};
    std::string clock = k_.time_line();
    int time_w = p.measure(clock, time).x;
    int name_w = th.w - 2 * m - time_w - th.px(k_.online() ? 40 : 300);
    name.size = p.fit_size(k_.hall_name(), name, name_w);
    int name_h = p.measure(k_.hall_name(), name).y;
    int date_h = p.measure(k_.date_line(), date).y;
    height = std::max(height, name_h + date_h + th.px(24));  // large text needs more
    p.fill({0, 0, th.w, height}, color::header);
    int top = (height - name_h - date_h - th.px(6)) / 2;
    p.text(k_.hall_name(), name, m, top);
    p.text(k_.date_line(), date, m, top + name_h + th.px(6));
    int time_h = p.measure(clock, time).y;
    p.text(clock, time, th.w - m - time_w, (height - time_h) / 2);
    if (!k_.online()) {
        // The offline mark sits left of the clock, where staff look for it first.
        ui::TextStyle st{th.font(28), color::header_text, ui::Weight::Bold};
        std::string label = "● " + k_.t("offline_mark");
        auto sz = p.measure(label, st);
        ui::Rect r{th.w - m - time_w - th.px(32) - sz.x - th.px(40),
                   (height - sz.y - th.px(16)) / 2, sz.x + th.px(40), sz.y + th.px(16)};
        p.fill_rounded(r, r.h / 2, color::offline);
        p.text(label, st, r.x + th.px(20), r.y + th.px(8));
    }
    shown_minute_ = to_local(k_.now()).minute_of_day();
    return height;
}

int KioskScreen::draw_switches(ui::Painter& p, const Theme& th, int right, int y, int h,
                               bool text_size) {
    int gap = th.px(20);
    int x = right;
    auto place = [&](const std::string& key, const std::string& label, std::function<void()> fn,
                     bool active) {
        ui::ButtonStyle st = quiet_button(th, 32);
        if (active) {
            st.fill = color::primary;
            st.text = color::header_text;
            st.border = {0, 0, 0, 0};
        }
        int w = p.measure(label, {st.label_size, {}, ui::Weight::Bold}).x + th.px(64);
        x -= w;
        auto& b = buttons_.place(key, label, std::move(fn), {x, y, w, h});
        b.style() = st;
        b.render(p);
        x -= gap;
    };
    if (text_size)
        place(
            "large", k_.large_text() ? k_.t("normal_text") : k_.t("large_text"),
            [this] { k_.toggle_large_text(); }, k_.large_text());
    place(
        "lang", k_.t("lang_switch"), [this] { k_.toggle_lang(); }, false);
    return x;
}

void KioskScreen::draw_offline(ui::Painter& p, const Theme& th, int x, int y, ui::Align align) {
    if (k_.online()) return;
    ui::TextStyle st{th.font(28), color::header_text, ui::Weight::Bold};
    std::string label = "● " + k_.t("offline_mark");
    auto sz = p.measure(label, st);
    int w = sz.x + th.px(40);
    ui::Rect r{align == ui::Align::Right ? x - w : x, y, w, sz.y + th.px(16)};
    p.fill_rounded(r, r.h / 2, color::offline);
    p.text(label, st, r.x + th.px(20), r.y + th.px(8));
}

ui::ButtonStyle primary_button(const Theme& th, double label) {
    ui::ButtonStyle s;
    s.fill = color::primary;
    s.pressed = color::primary_dark;
    s.text = color::header_text;
    s.radius = th.px(22);
    s.label_size = th.font(label);
    s.detail_size = th.font(28);
    return s;
}

ui::ButtonStyle quiet_button(const Theme& th, double label) {
    ui::ButtonStyle s;
    s.fill = color::card;
    s.pressed = color::chip;
    s.text = color::text;
    s.border = color::line;
    s.radius = th.px(16);
    s.label_size = th.font(label);
    s.detail_size = th.font(26);
    s.detail_text = color::muted;
    return s;
}

ui::ButtonStyle toggle_button(const Theme& th, bool on, double label) {
    ui::ButtonStyle s = quiet_button(th, label);
    if (on) {
        s.fill = color::primary;
        s.pressed = color::primary_dark;
        s.text = color::header_text;
        s.border = {0, 0, 0, 0};
    }
    return s;
}

ui::ButtonStyle header_button(const Theme& th) {
    ui::ButtonStyle s;
    s.fill = {0xff, 0xff, 0xff, 0x30};
    s.pressed = {0xff, 0xff, 0xff, 0x60};
    s.text = color::header_text;
    s.radius = th.px(16);
    s.label_size = th.font(34);
    return s;
}

}  // namespace onestop::kiosk
