// Ticket mode's home: services by department, and the 绿色通道 list (priority).

#include <algorithm>

#include "onestop/ui/qr.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

std::string waiting_line(Kiosk& k, const ServiceView& s) {
    if (!s.open) {
        std::string when = k.when_text(s.next_open);
        return when.empty() ? k.t("closed") : k.t("closed_next", {{"when", when}});
    }
    if (s.waiting == 0) return k.t("waiting_none");
    return k.t("waiting_estimate", {{"n", std::to_string(s.waiting)},
                                    {"min", std::to_string(s.estimate_min(s.waiting))}});
}

// ---------------------------------------------------------------- home

class HomeScreen final : public KioskScreen {
  public:
    HomeScreen(TicketMode& m, bool priority)
        : KioskScreen(m.kiosk(), priority ? m.kiosk().options().idle_seconds : 0),
          priority_(priority),
          m_(m) {
        shows_clock_ = true;
    }
    const char* name() const override { return priority_ ? "priority" : "home"; }

    void on_show() override {
        KioskScreen::on_show();
        page_ = 0;
    }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        int y = draw_hall_header(p, th, th.px(th.portrait ? 200 : 130));
        y += th.px(th.portrait ? 32 : 22);

        // Toolbar: 绿色通道 (or back) on the left, language and text size on the right.
        int bar_h = th.px(96);
        int left_end = draw_switches(p, th, th.w - m, y, bar_h);
        if (priority_) {
            auto& back = buttons_.place("back", k_.t("back"), [this] { k_.app().screens().pop(); },
                                        {m, y, th.px(220), bar_h});
            back.style() = quiet_button(th, 34);
            back.render(p);
        } else {
            ui::ButtonStyle gs = primary_button(th, 36);
            gs.fill = color::green;
            gs.pressed = color::green_dark;
            std::string label = k_.t("priority_entry");
            int w = p.measure(label, {gs.label_size, {}, ui::Weight::Bold}).x + th.px(80);
            auto& b = buttons_.place(
                "priority", label, [this] { k_.app().screens().push(make_home_screen(m_, true)); },
                {m, y, w, bar_h});
            b.style() = gs;
            b.render(p);
            priority_w_ = w;
            // Landscape has room in this row; portrait puts it beside the heading below.
            if (!th.portrait)
                left_end = draw_complaint_entry(p, th, left_end, y, bar_h) - th.px(20);
        }
        y += bar_h + th.px(28);

        if (priority_) {
            // What the lane is for, and that staff check eligibility at the window.
            int bw = th.w - 2 * m;
            ui::TextStyle title{th.font(40), color::green_dark, ui::Weight::Bold};
            ui::TextStyle body{th.font(30), color::text, ui::Weight::Regular};
            int pad = th.px(28);
            int h = p.measure(k_.t("priority_title"), title).y + th.px(10) +
                    p.measure_wrapped(k_.t("priority_body"), body, bw - 2 * pad) + 2 * pad;
            p.fill_rounded({m, y, bw, h}, th.px(18), color::green_soft);
            int ty = y + pad;
            ty += p.text(k_.t("priority_title"), title, m + pad, ty).y + th.px(10);
            p.text_wrapped(k_.t("priority_body"), body, m + pad, ty, bw - 2 * pad);
            y += h + th.px(24);
        } else {
            ui::TextStyle title{th.font(th.portrait ? 46 : 40), color::text, ui::Weight::Bold};
            ui::TextStyle hint{th.font(28), color::muted, ui::Weight::Regular};
            int tx = m, ty = y;
            if (!th.portrait) {  // beside the 绿色通道 button, to leave rows for the services
                tx = m + priority_w_ + th.px(40);
                int room = left_end - tx - th.px(20);
                title.size = p.fit_size(k_.t("choose_service"), title, room);
                hint.size = p.fit_size(k_.t("tap_hint"), hint, room);
                ty = y - bar_h - th.px(28) +
                     (bar_h - p.measure("请", title).y - p.measure("请", hint).y) / 2;
            }
            int text_w = left_end - tx;
            if (th.portrait)  // the 意见箱 at the right of the heading and hint
                text_w = draw_complaint_entry(p, th, th.w - m, y, bar_h) - th.px(24) - m;
            p.text(k_.t("choose_service"), title, tx, ty);
            ty += p.measure(k_.t("choose_service"), title).y;
            int hint_h = p.text_wrapped(k_.t("tap_hint"), hint, tx, ty, text_w);
            if (th.portrait) y = ty + hint_h + th.px(20);
        }

        int footer_h = th.px(th.portrait ? 120 : 100);
        draw_services(p, th, y, th.h - footer_h);
    }

  private:
    // The 意见箱 (complaints), ending at `right`: there for whoever looks, not in the way.
    // Returns its left edge.
    int draw_complaint_entry(ui::Painter& p, const Theme& th, int right, int y, int h) {
        ui::ButtonStyle cs = quiet_button(th, 32);
        cs.text = color::accent;
        std::string label = k_.t("complaint_entry");
        int w = p.measure(label, {cs.label_size, {}, ui::Weight::Bold}).x + th.px(64);
        auto& c = buttons_.place("complaint", label,
                                 [this] { k_.app().screens().push(make_complaint_screen(m_)); },
                                 {right - w, y, w, h});
        c.style() = cs;
        c.render(p);
        return right - w;
    }

    // A department's cards under its heading. Blocks of fewer cards than columns share
    // a shelf (one row under a common heading strip); bigger ones fill whole rows.
    struct Block {
        std::string heading;
        std::vector<const ServiceView*> items;
        int width = 0;  // columns
        int rows = 0;
    };
    using Shelf = std::vector<Block>;

    void draw_services(ui::Painter& p, const Theme& th, int top, int bottom) {
        int m = th.margin();
        const auto& services = k_.services();
        if (services.empty()) {
            p.text(k_.t("no_services"), {th.font(36), color::muted, ui::Weight::Regular}, m,
                   top + th.px(40));
            return;
        }
        int cols = th.portrait ? 2 : (th.k > 1.0 ? 3 : 4);
        int gap = th.px(20);
        int card_w = (th.w - 2 * m - (cols - 1) * gap) / cols;
        ui::ButtonStyle card = quiet_button(th, th.portrait ? 36 : 32);
        card.align = ui::Align::Left;
        card.detail_size = th.font(26);
        card.padding = th.px(24);
        // Cards on one shelf share the height of its tallest content, so rows stay even.
        auto card_height = [&](const std::vector<const ServiceView*>& items) {
            int h = th.px(130);
            for (const auto* s : items) {
                ui::Button probe(pick(s->name, k_.lang()), nullptr, card);
                probe.set_details({waiting_line(k_, *s)});
                h = std::max(h, probe.preferred_height(p, card_w));
            }
            return h;
        };
        ui::TextStyle heading{th.font(30), color::accent, ui::Weight::Bold};
        int heading_h = p.measure("部门", heading).y + th.px(10);
        std::vector<const ServiceView*> all;
        for (const auto& s : services) all.push_back(&s);
        int max_rows = std::max(1, (bottom - top - heading_h) / (card_height(all) + gap));

        // Blocks in department order; big departments split into page-sized chunks.
        std::vector<Shelf> shelves;
        std::vector<std::string> units;
        for (const auto& s : services)
            if (std::find(units.begin(), units.end(), s.unit) == units.end())
                units.push_back(s.unit);
        for (const auto& unit : units) {
            std::vector<const ServiceView*> items;
            for (const auto& s : services)
                if (s.unit == unit) items.push_back(&s);
            std::string name = pick(items.front()->unit_name, k_.lang());
            if (static_cast<int>(items.size()) < cols) {
                int n = static_cast<int>(items.size());
                // First fit: a shelf of small blocks with room for this one.
                Shelf* into = nullptr;
                for (auto& sh : shelves) {
                    int used = 0;
                    for (const auto& b : sh) used += b.width;
                    if (sh.front().rows == 1 && sh.front().width < cols && used + n <= cols) {
                        into = &sh;
                        break;
                    }
                }
                if (!into) into = &shelves.emplace_back();
                into->push_back({name, items, n, 1});
                continue;
            }
            for (size_t i = 0; i < items.size(); i += static_cast<size_t>(max_rows * cols)) {
                size_t n = std::min(items.size() - i, static_cast<size_t>(max_rows * cols));
                Block b{name,
                        {items.begin() + static_cast<long>(i),
                         items.begin() + static_cast<long>(i + n)},
                        cols,
                        static_cast<int>((n + static_cast<size_t>(cols) - 1) /
                                         static_cast<size_t>(cols))};
                shelves.push_back({b});
            }
        }
        auto shelf_row_h = [&](const Shelf& sh) {
            std::vector<const ServiceView*> items;
            for (const auto& b : sh) items.insert(items.end(), b.items.begin(), b.items.end());
            return card_height(items) + gap;
        };
        std::vector<std::vector<const Shelf*>> pages(1);
        int used = 0;
        for (const auto& sh : shelves) {
            int h = heading_h + sh.front().rows * shelf_row_h(sh);
            if (used + h > bottom - top && !pages.back().empty()) {
                pages.emplace_back();
                used = 0;
            }
            pages.back().push_back(&sh);
            used += h;
        }
        int page_count = static_cast<int>(pages.size());
        page_ = std::clamp(page_, 0, page_count - 1);

        int y = top;
        for (const Shelf* sh : pages[static_cast<size_t>(page_)]) {
            int x = m;
            int row_h = shelf_row_h(*sh), card_h = row_h - gap;
            for (const Block& b : *sh) {
                int bw = b.width * card_w + (b.width - 1) * gap;
                ui::TextStyle hs = heading;
                hs.size = p.fit_size(b.heading, heading, bw - th.px(24));
                p.fill({x, y + th.px(6), th.px(7), heading_h - th.px(20)}, color::accent);
                p.text(b.heading, hs, x + th.px(18),
                       y + (heading_h - th.px(10) - p.measure(b.heading, hs).y) / 2);
                for (size_t i = 0; i < b.items.size(); ++i) {
                    const ServiceView* s = b.items[i];
                    int col = static_cast<int>(i) % b.width, row = static_cast<int>(i) / b.width;
                    ui::Rect r{x + col * (card_w + gap), y + heading_h + row * row_h, card_w,
                               card_h};
                    std::string code = s->code;
                    auto& btn = buttons_.place(
                        "svc-" + code, pick(s->name, k_.lang()),
                        [this, code] {
                            k_.app().screens().push(make_service_screen(m_, code, priority_));
                        },
                        r);
                    ui::ButtonStyle st = card;
                    if (!s->open) {
                        st.fill = {0xe9, 0xec, 0xef};
                        st.text = color::muted;
                        st.border = {0xdd, 0xe1, 0xe6};
                        st.detail_text = color::warn;
                    } else if (priority_) {
                        st.border = color::green;
                    }
                    btn.style() = st;
                    btn.set_details({waiting_line(k_, *s)});
                    btn.render(p);
                }
                x += bw + gap;
            }
            y += heading_h + sh->front().rows * row_h;
        }

        if (page_count > 1) {
            int bh = th.px(th.portrait ? 90 : 80), bw = th.px(220);
            int cy = bottom + (th.h - bottom - bh) / 2;
            ui::TextStyle st{th.font(30), color::muted, ui::Weight::Regular};
            std::string label = k_.t(
                "page_of", {{"i", std::to_string(page_ + 1)}, {"n", std::to_string(page_count)}});
            int lw = p.measure(label, st).x;
            int cx = th.w / 2;
            p.text(label, st, cx - lw / 2, cy + (bh - p.measure(label, st).y) / 2);
            auto& prev = buttons_.place("prev", k_.t("page_prev"), [this] { --page_; },
                                        {cx - lw / 2 - th.px(30) - bw, cy, bw, bh});
            prev.style() = quiet_button(th, 32);
            prev.set_enabled(page_ > 0);
            prev.render(p);
            auto& next = buttons_.place("next", k_.t("page_next"), [this] { ++page_; },
                                        {cx + lw / 2 + th.px(30), cy, bw, bh});
            next.style() = quiet_button(th, 32);
            next.set_enabled(page_ + 1 < page_count);
            next.render(p);
        }
    }

    void on_timeout() override { go_home(); }

    bool priority_;
    int page_ = 0;
    int priority_w_ = 0;
    TicketMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_home_screen(TicketMode& m, bool priority) {
    return std::make_unique<HomeScreen>(m, priority);
}

}  // namespace onestop::kiosk
