// Rating mode (the pad at window N): idle with the window and the staff on duty
// (窗口人员信息公示), the five-level rating (好差评), reasons for a bad rating, thanks.

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

// ---------------------------------------------------------------- idle

class IdleScreen final : public KioskScreen {
public:
    explicit IdleScreen(Kiosk& k) : KioskScreen(k, 0) { shows_clock_ = true; }
    const char* name() const override { return "idle"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        const WindowView& w = k_.window_view();
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
            p.text(k_.time_line(), clock, m, hh - th.px(36) - p.measure("0", clock).y, ui::Align::Right, th.w - 2 * m);
        else  // beside the language switch
            p.text(k_.time_line(), clock, m, th.px(36) + (bh - p.measure("0", clock).y) / 2, ui::Align::Right,
                   sw - m - th.px(16));
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
                p.text(initial, ist, photo.x, photo.y + (photo.h - p.measure(initial, ist).y) / 2, ui::Align::Center,
                       photo.w);
            }
            int nx = photo.right() + th.px(40);
            int nw = card.right() - pad - nx;
            ui::TextStyle nst{th.font(72), color::text, ui::Weight::Bold};
            nst.size = p.fit_size(w.staff->name, nst, nw);
            int ny = photo.y + th.px(20);
            ny += p.text(w.staff->name, nst, nx, ny).y + th.px(10);
            p.text(k_.t("staff_number", {{"no", w.staff->number}}), {th.font(38), color::muted, ui::Weight::Regular},
                   nx, ny);
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
        for (const auto& code : k_.window_view().services) {
            const ServiceView* s = k_.service(code);
            const queue::Service* hs = k_.hall().find_service(code);
            std::string name = s ? pick(s->name, lang) : hs ? pick(hs->name, lang) : code;
            int ih = p.measure_wrapped(name, item, list.w - 2 * pad - indent);
            if (ly + ih > list.bottom() - pad && !p.dry_run()) break;
            p.fill_rounded({list.x + pad + th.px(6), ly + item.size / 2, th.px(12), th.px(12)}, th.px(6), color::accent);
            ly += p.text_wrapped(name, item, list.x + pad + indent, ly, list.w - 2 * pad - indent) + th.px(12);
        }
        return ly - list.y + pad;
    }

    bool draw_photo(ui::Painter& p, const std::string& number, const ui::Rect& r) {
        const auto& dir = k_.options().photo_dir;
        if (dir.empty()) return false;
        for (const char* ext : {".png", ".jpg", ".jpeg"})
            if (std::filesystem::exists(dir / (number + ext))) return p.image(dir / (number + ext), r);
        return false;
    }
    static std::string first_char(const std::string& s) {
        if (s.empty()) return "?";
        return s.substr(0, utf8_length(static_cast<unsigned char>(s[0])));
    }
};

// ---------------------------------------------------------------- rate

class RateScreen final : public KioskScreen {
public:
    explicit RateScreen(Kiosk& k) : KioskScreen(k, k.options().idle_seconds) {}
    const char* name() const override { return "rate"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        const auto& req = k_.rating_request();
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
                std::string word = text.substr(start, sp == std::string::npos ? std::string::npos : sp - start);
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
            auto& b = buttons_.place(key, k_.t(key), [this, level] { choose(level); }, r);
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
            k_.app().screens().push(make_reasons_screen(k_, level));
            return;
        }
        k_.submit_rating(level, {}, "");
        k_.app().screens().replace(make_thanks_screen(k_));
    }
    void on_timeout() override {
        k_.rating_finished();
        k_.reset_session();
        k_.app().screens().pop_to_root();
    }
};

// ---------------------------------------------------------------- reasons

class ReasonsScreen final : public KioskScreen {
public:
    ReasonsScreen(Kiosk& k, int level) : KioskScreen(k, k.options().idle_seconds), level_(level) {}
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
        p.text_wrapped(k_.t("reasons_title"), title, m, (hh - title_h) / 2, sw - m - th.px(20), ui::Align::Left, 2);

        int cols = th.portrait ? 2 : 3;
        int gap = th.px(22);
        int bw = (th.w - 2 * m - (cols - 1) * gap) / cols;
        const auto& reasons = k_.reasons();
        int ah = th.px(140);
        int y = hh + th.px(36);
        // Reasons and comments share the room above the action row.
        ui::TextStyle ct{th.font(36), color::text, ui::Weight::Bold};
        int rows_total = (static_cast<int>(reasons.size()) + cols - 1) / cols + (4 + cols - 1) / cols;
        int room = th.h - m - ah - th.px(28) - y - th.px(24) - p.measure(k_.t("comment_title"), ct).y - th.px(18);
        int bh = std::min(th.px(th.portrait ? 130 : 110), room / std::max(1, rows_total) - gap);
        // One type size per group. Portrait buttons are tall enough for two lines;
        // landscape ones get a size at which every label fits on one.
        int reason_size = th.font(34), comment_size = th.font(30);
        if (!th.portrait) {
            for (const auto& r : reasons)
                reason_size = std::min(reason_size, p.fit_size(pick(r.text, lang), {reason_size, {}, ui::Weight::Bold},
                                                               bw - th.px(40)));
            for (int i = 1; i <= 4; ++i)
                comment_size = std::min(comment_size, p.fit_size(k_.t("comment_" + std::to_string(i)),
                                                                 {comment_size, {}, ui::Weight::Bold}, bw - th.px(40)));
        }
        for (size_t i = 0; i < reasons.size(); ++i) {
            const auto& r = reasons[i];
            int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
            ui::Rect rect{m + col * (bw + gap), y + row * (bh + gap), bw, bh};
            std::string code = r.code;
            auto& b = buttons_.place("reason-" + code, pick(r.text, lang), [this, code] { toggle(code); }, rect);
            ui::ButtonStyle st = toggle_style(th, selected_.count(code) > 0);
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
            auto& b = buttons_.place(key, k_.t(key), [this, i] { comment_ = comment_ == i ? 0 : i; }, rect);
            ui::ButtonStyle st = toggle_style(th, comment_ == i);
            st.label_size = comment_size;
            b.style() = st;
            b.render(p);
        }

        ui::Rect back{m, th.h - m - ah, th.px(300), ah};
        ui::Rect send{back.right() + th.px(28), back.y, th.w - m - back.right() - th.px(28), ah};
        auto& bb = buttons_.place("back", k_.t("back"), [this] { k_.app().screens().pop(); }, back);
        bb.style() = quiet_button(th, 40);
        bb.render(p);
        auto& sb = buttons_.place("submit", k_.t("submit"), [this] { submit(); }, send);
        sb.style() = primary_button(th, 56);
        sb.set_enabled(!selected_.empty());
        sb.render(p);
    }

private:
    ui::ButtonStyle toggle_style(const Theme& th, bool on) const {
        ui::ButtonStyle st = quiet_button(th, 34);
        if (on) {
            st.fill = color::primary;
            st.pressed = color::primary_dark;
            st.text = color::header_text;
            st.border = {0, 0, 0, 0};
        }
        return st;
    }
    void toggle(const std::string& code) {
        if (!selected_.erase(code)) selected_.insert(code);
    }
    void submit() {
        std::vector<std::string> codes;
        for (const auto& r : k_.reasons())  // in the hall's order
            if (selected_.count(r.code)) codes.push_back(r.code);
        std::string comment = comment_ ? k_.t("comment_" + std::to_string(comment_)) : "";
        k_.submit_rating(level_, std::move(codes), std::move(comment));
        k_.app().screens().pop_to_root();
        k_.app().screens().push(make_thanks_screen(k_));
    }
    void on_timeout() override {
        k_.rating_finished();
        k_.reset_session();
        k_.app().screens().pop_to_root();
    }

    int level_;
    std::set<std::string> selected_;
    int comment_ = 0;
};

// ---------------------------------------------------------------- thanks

class ThanksScreen final : public KioskScreen {
public:
    explicit ThanksScreen(Kiosk& k) : KioskScreen(k, k.options().thanks_seconds) {}
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
        if (k_.rating_saved_offline())
            y += p.text_wrapped(k_.t("rating_saved_offline"), sub, m, y, th.w - 2 * m, ui::Align::Center) + th.px(16);
        if (k_.last_level() <= 2)
            p.text_wrapped(k_.t("thanks_followup"), sub, m, y, th.w - 2 * m, ui::Align::Center);
    }

private:
    void on_timeout() override {
        k_.rating_finished();
        k_.reset_session();
        k_.app().screens().pop_to_root();
    }
};

}  // namespace

std::unique_ptr<ui::Screen> make_idle_screen(Kiosk& k) { return std::make_unique<IdleScreen>(k); }
std::unique_ptr<ui::Screen> make_rate_screen(Kiosk& k) { return std::make_unique<RateScreen>(k); }
std::unique_ptr<ui::Screen> make_reasons_screen(Kiosk& k, int level) {
    return std::make_unique<ReasonsScreen>(k, level);
}
std::unique_ptr<ui::Screen> make_thanks_screen(Kiosk& k) { return std::make_unique<ThanksScreen>(k); }

}  // namespace onestop::kiosk
