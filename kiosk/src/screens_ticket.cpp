// Ticket mode: home (services by department), the 绿色通道 list, a service's
// disclosure page (办事公开 / 一次性告知) and the ticket page.

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
    return k.t("waiting_estimate",
               {{"n", std::to_string(s.waiting)}, {"min", std::to_string(s.estimate_min(s.waiting))}});
}

// ---------------------------------------------------------------- home

class HomeScreen final : public KioskScreen {
public:
    HomeScreen(Kiosk& k, bool priority) : KioskScreen(k, priority ? k.options().idle_seconds : 0), priority_(priority) {
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
            auto& b = buttons_.place("priority", label,
                                     [this] { k_.app().screens().push(make_home_screen(k_, true)); },
                                     {m, y, w, bar_h});
            b.style() = gs;
            b.render(p);
            priority_w_ = w;
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
                ty = y - bar_h - th.px(28) + (bar_h - p.measure("请", title).y - p.measure("请", hint).y) / 2;
            }
            p.text(k_.t("choose_service"), title, tx, ty);
            ty += p.measure(k_.t("choose_service"), title).y;
            p.text(k_.t("tap_hint"), hint, tx, ty);
            if (th.portrait) y = ty + p.measure(k_.t("tap_hint"), hint).y + th.px(20);
        }

        int footer_h = th.px(th.portrait ? 120 : 100);
        draw_services(p, th, y, th.h - footer_h);
    }

private:
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
            p.text(k_.t("no_services"), {th.font(36), color::muted, ui::Weight::Regular}, m, top + th.px(40));
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
            if (std::find(units.begin(), units.end(), s.unit) == units.end()) units.push_back(s.unit);
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
                Block b{name, {items.begin() + static_cast<long>(i), items.begin() + static_cast<long>(i + n)}, cols,
                        static_cast<int>((n + static_cast<size_t>(cols) - 1) / static_cast<size_t>(cols))};
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
                p.text(b.heading, hs, x + th.px(18), y + (heading_h - th.px(10) - p.measure(b.heading, hs).y) / 2);
                for (size_t i = 0; i < b.items.size(); ++i) {
                    const ServiceView* s = b.items[i];
                    int col = static_cast<int>(i) % b.width, row = static_cast<int>(i) / b.width;
                    ui::Rect r{x + col * (card_w + gap), y + heading_h + row * row_h, card_w, card_h};
                    std::string code = s->code;
                    auto& btn = buttons_.place("svc-" + code, pick(s->name, k_.lang()),
                                               [this, code] {
                                                   k_.app().screens().push(make_service_screen(k_, code, priority_));
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
            std::string label = k_.t("page_of", {{"i", std::to_string(page_ + 1)}, {"n", std::to_string(page_count)}});
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

    void on_timeout() override {
        k_.reset_session();
        k_.app().screens().pop_to_root();
    }

    bool priority_;
    int page_ = 0;
    int priority_w_ = 0;
};

// ---------------------------------------------------------------- service page

class ServiceScreen final : public KioskScreen {
public:
    ServiceScreen(Kiosk& k, std::string code, bool priority)
        : KioskScreen(k, k.options().idle_seconds), code_(std::move(code)), priority_(priority) {}
    const char* name() const override { return "service"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        const ServiceView* s = k_.service(code_);
        if (!s) {  // the catalogue changed under us
            k_.app().screens().pop();
            return;
        }
        Lang lang = k_.lang();

        // Header: back, the item's name (at most two lines) and its department.
        int bw = th.px(200), bh = th.px(96);
        int sw_left = th.w - m;
        {
            // Measure the switch's width without drawing it yet (the band goes first).
            ui::TextStyle sst{th.font(32), {}, ui::Weight::Bold};
            sw_left -= p.measure(k_.t("lang_switch"), sst).x + th.px(64) + th.px(20);
        }
        int tx = m + bw + th.px(36);
        int tw = sw_left - tx - th.px(20);
        ui::TextStyle title{th.font(50), color::header_text, ui::Weight::Bold};
        ui::TextStyle unit{th.font(30), color::header_soft, ui::Weight::Regular};
        // Two lines at most, shrinking to 40; below that a third line rather than tiny type.
        int line_h = p.measure("事", title).y;
        int max_lines = 2;
        while (p.measure_wrapped(pick(s->name, lang), title, tw) > max_lines * line_h + 2) {
            if (title.size * 9 / 10 < th.font(40) && max_lines == 2) {
                max_lines = 3;
                continue;
            }
            if (title.size <= th.px(28)) break;
            title.size = title.size * 9 / 10;
            line_h = p.measure("事", title).y;
        }
        int title_h = p.measure_wrapped(pick(s->name, lang), title, tw);
        int unit_h = p.measure(pick(s->unit_name, lang), unit).y;
        int hh = std::max(th.px(th.portrait ? 230 : 170), title_h + unit_h + th.px(64));
        p.fill({0, 0, th.w, hh}, color::header);
        auto& back = buttons_.place("back", k_.t("back"), [this] { k_.app().screens().pop(); },
                                    {m, (hh - bh) / 2, bw, bh});
        back.style() = header_button(th);
        back.render(p);
        draw_switches(p, th, th.w - m, (hh - bh) / 2, bh, false);
        int ty = (hh - title_h - unit_h - th.px(8)) / 2;
        ty += p.text_wrapped(pick(s->name, lang), title, tx, ty, tw, ui::Align::Left, max_lines);
        p.text(pick(s->unit_name, lang), unit, tx, ty + th.px(8));

        // Bottom: how long the wait is, and the button that takes a number.
        int action_h = th.px(th.portrait ? 170 : 150);
        int info_h = th.px(64);
        int banner_h = priority_ ? th.px(76) : 0;
        int bottom_h = th.portrait ? action_h + info_h + banner_h + th.px(90) : action_h + banner_h + th.px(70);
        int content_top = hh + th.px(30), content_bottom = th.h - bottom_h;

        std::vector<Section> left = {
            {k_.t("who_may_apply"), {pick(s->who_may_apply, lang)}, false},
            {k_.t("steps"), texts(s->steps, lang), true},
            {k_.t("handling"), {mode_text(*s)}, false},
        };
        Section materials{k_.t("materials"), texts(s->materials, lang), true};
        if (materials.lines.empty()) materials.lines.push_back(k_.t("no_materials"));
        if (left[0].lines[0].empty()) left.erase(left.begin());
        if (th.portrait) {
            left.insert(left.begin() + std::min<size_t>(2, left.size()), materials);
            ui::Rect r{m, content_top, th.w - 2 * m, content_bottom - content_top};
            draw_card(p, th, r, left, fit_body(p, th, r, left));
        } else {
            int gap = th.px(28);
            int cw = (th.w - 2 * m - gap) / 2;
            ui::Rect lr{m, content_top, cw, content_bottom - content_top};
            ui::Rect rr{m + cw + gap, content_top, cw, content_bottom - content_top};
            // One type size for both columns, so neither looks more important.
            int body = std::min(fit_body(p, th, lr, left), fit_body(p, th, rr, {materials}));
            draw_card(p, th, lr, left, body);
            draw_card(p, th, rr, {materials}, body);
        }

        int y = content_bottom + th.px(24);
        if (priority_) {
            ui::TextStyle pst{th.font(30), color::green_dark, ui::Weight::Bold};
            p.fill_rounded({m, y, th.w - 2 * m, banner_h - th.px(12)}, th.px(14), color::green_soft);
            p.text(k_.t("priority_banner"), pst, m + th.px(24), y + (banner_h - th.px(12) - p.measure("绿", pst).y) / 2);
            y += banner_h;
        }
        ui::TextStyle info{th.font(34), s->open ? color::text : color::warn, ui::Weight::Bold};
        std::string info_text =
            s->open ? (s->waiting == 0 ? k_.t("waiting_none")
                                       : k_.t("service_waiting", {{"n", std::to_string(s->waiting)},
                                                                  {"min", std::to_string(s->estimate_min(s->waiting))}}))
                    : (k_.when_text(s->next_open).empty()
                           ? k_.t("closed")
                           : k_.t("service_closed_notice", {{"when", k_.when_text(s->next_open)}}));
        ui::Rect action;
        if (th.portrait) {
            p.text(info_text, info, m, y, ui::Align::Center, th.w - 2 * m);
            action = {m, y + info_h, th.w - 2 * m, action_h};
        } else {
            int aw = th.px(620);
            action = {th.w - m - aw, y, aw, action_h};
            p.text(info_text, info, m, y + (action_h - p.measure(info_text, info).y) / 2);
        }
        std::string code = code_;
        bool priority = priority_;
        auto& take = buttons_.place("take", k_.t("take_number"), [this, code, priority] {
            k_.take_number(code, priority);
        }, action);
        ui::ButtonStyle ts = primary_button(th, 64);
        if (priority_) {
            ts.fill = color::green;
            ts.pressed = color::green_dark;
        }
        take.style() = ts;
        take.set_enabled(s->open);
        take.render(p);
        draw_offline(p, th, m, th.h - th.px(70));
    }

private:
    struct Section {
        std::string title;
        std::vector<std::string> lines;
        bool numbered = false;
    };

    static std::vector<std::string> texts(const std::vector<queue::Text>& list, Lang lang) {
        std::vector<std::string> out;
        for (const auto& t : list) out.push_back(pick(t, lang));
        return out;
    }

    std::string mode_text(const ServiceView& s) const {
        std::string days = std::to_string(s.promised_days);
        if (s.mode == "deadline") return k_.t("mode_deadline", {{"days", days}});
        if (s.mode == "joint") return k_.t("mode_joint", {{"days", days}, {"unit", pick(s.unit_name, k_.lang())}});
        return k_.t("mode_instant");
    }

    // Draws (or only measures, when draw is false) the sections; returns the height.
    int layout(ui::Painter& p, const Theme& th, const ui::Rect& r, const std::vector<Section>& sections, int body,
               bool draw) {
        int pad = th.px(32);
        int x = r.x + pad, w = r.w - 2 * pad;
        int y = r.y + pad;
        ui::TextStyle ts{std::max(body + th.px(2), body * 11 / 10), color::accent, ui::Weight::Bold};
        ui::TextStyle bs{body, color::text, ui::Weight::Regular};
        int gap = body * 2 / 3;
        for (size_t i = 0; i < sections.size(); ++i) {
            const Section& s = sections[i];
            if (draw) p.text(s.title, ts, x, y);
            y += p.measure(s.title, ts).y + gap / 2;
            for (size_t j = 0; j < s.lines.size(); ++j) {
                if (s.numbered) {
                    std::string n = std::to_string(j + 1);
                    int dot = body + body / 3;
                    if (draw) {
                        p.fill_rounded({x, y + body / 6, dot, dot}, dot / 2, color::chip);
                        p.text(n, {body * 3 / 4, color::accent, ui::Weight::Bold}, x, y + body / 6 + body / 8,
                               ui::Align::Center, dot);
                    }
                    int indent = dot + body / 2;
                    y += (draw ? p.text_wrapped(s.lines[j], bs, x + indent, y, w - indent, ui::Align::Left, 0, body / 6)
                               : p.measure_wrapped(s.lines[j], bs, w - indent, body / 6)) +
                         body / 3;
                } else {
                    y += (draw ? p.text_wrapped(s.lines[j], bs, x, y, w, ui::Align::Left, 0, body / 6)
                               : p.measure_wrapped(s.lines[j], bs, w, body / 6)) +
                         body / 3;
                }
            }
            if (i + 1 < sections.size()) {
                y += gap / 2;
                if (draw) p.fill({x, y, w, std::max(1, th.px(2))}, color::chip);
                y += gap;
            }
        }
        return y - r.y + pad;
    }

    // The largest type (≤ 32, or 40 in large-text mode) at which everything fits.
    int fit_body(ui::Painter& p, const Theme& th, const ui::Rect& r, const std::vector<Section>& sections) {
        int body = th.font(32);
        while (body > th.px(18) && layout(p, th, r, sections, body, false) > r.h) body = body * 15 / 16;
        return body;
    }

    void draw_card(ui::Painter& p, const Theme& th, const ui::Rect& r, const std::vector<Section>& sections, int body) {
        int h = std::min(r.h, layout(p, th, r, sections, body, false));
        p.fill_rounded({r.x, r.y, r.w, h}, th.px(20), color::card);
        layout(p, th, r, sections, body, true);
    }

    void on_timeout() override {
        k_.reset_session();
        k_.app().screens().pop_to_root();
    }

    std::string code_;
    bool priority_;
};

// ---------------------------------------------------------------- ticket page

class TicketScreen final : public KioskScreen {
public:
    explicit TicketScreen(Kiosk& k) : KioskScreen(k, k.options().ticket_seconds) { countdown_ = true; }
    const char* name() const override { return "ticket"; }

    void update(ui::Millis dt) override {
        const TicketView& v = k_.ticket_view();
        // Keep the number and QR up longer when no slip came out, so it can be noted.
        bool problem = v.print == PrintState::Failed || v.ticket.offline;
        timeout_ms_ = 1000LL * (problem ? k_.options().printer_problem_seconds : k_.options().ticket_seconds);
        KioskScreen::update(dt);
    }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        int hh = draw_hall_header(p, th, th.px(th.portrait ? 170 : 140));
        const TicketView& v = k_.ticket_view();
        const ServiceView* s = k_.service(v.service);
        std::string service_name = s ? pick(s->name, k_.lang()) : v.service;

        int done_h = th.px(130);
        ui::Rect done{m, th.h - m - done_h, th.w - 2 * m, done_h};
        if (!th.portrait) done = {th.w - m - th.px(520), th.h - th.px(40) - done_h, th.px(520), done_h};

        if (v.phase == TicketView::Phase::Pending) {
            ui::TextStyle st{th.font(56), color::muted, ui::Weight::Bold};
            p.text(k_.t("taking_number"), st, 0, th.h / 2 - th.px(40), ui::Align::Center, th.w);
            return;
        }
        auto& b = buttons_.place("done", k_.t("done"), [this] { finish(); }, done);
        b.style() = primary_button(th, 48);
        b.render(p);
        if (v.phase == TicketView::Phase::Failed) {
            ui::TextStyle st{th.font(44), color::danger, ui::Weight::Bold};
            p.text(service_name, {th.font(50), color::text, ui::Weight::Bold}, m, hh + th.px(120), ui::Align::Center,
                   th.w - 2 * m);
            p.text_wrapped(v.error, st, m + th.px(40), hh + th.px(240), th.w - 2 * m - th.px(80), ui::Align::Center);
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
            draw_ticket(p, th, card, card.y + std::max(0, (card.bottom() - h - card.y) / 2) - th.px(20), s, service_name);
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
    int draw_ticket(ui::Painter& p, const Theme& th, const ui::Rect& card, int top, const ServiceView* s,
                    const std::string& service_name) {
        const TicketView& v = k_.ticket_view();
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
            p.text_wrapped(k_.t("priority_banner"), pst, inner_x + th.px(20), y + th.px(12), col_w - th.px(40),
                           ui::Align::Center);
            y += ph + th.px(16);
        }
        std::string ahead = t.waiting_ahead > 0 ? k_.t("people_ahead", {{"n", std::to_string(t.waiting_ahead)}})
                                                : k_.t("nobody_ahead");
        y += p.text(ahead, {th.font(44), color::text, ui::Weight::Bold}, inner_x, y, ui::Align::Center, col_w).y;
        if (t.waiting_ahead > 0 && s) {
            y += p.text(k_.t("estimated_wait", {{"min", std::to_string(s->estimate_min(t.waiting_ahead))}}),
                        {th.font(34), color::muted, ui::Weight::Regular}, inner_x, y, ui::Align::Center, col_w)
                     .y;
        }
        y += th.px(24);

        if (th.portrait) {
            qr_area = {inner_x, y, col_w, 0};
        } else {
            int qx = card.x + card.w * 56 / 100;
            p.fill({qx, card.y + th.px(40), std::max(1, th.px(2)), card.h - th.px(80)}, color::chip);
            qr_area = {qx + th.px(40), top + th.px(40), card.right() - qx - th.px(80), 0};
        }
        // The room below moves with `top`, so measuring and drawing size the QR alike.
        int qy = draw_qr_and_status(p, th, qr_area, card.bottom() - th.px(30) + (top - card.y));
        return (th.portrait ? qy : y) - top;

    }

    // The QR (when the hub gave the ticket an id), then the printing state; returns y.
    int draw_qr_and_status(ui::Painter& p, const Theme& th, ui::Rect area, int bottom) {
        const TicketView& v = k_.ticket_view();
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
        int status_h = status_text.empty() ? 0 : p.measure_wrapped(status_text, sst, area.w - 2 * pad) + 2 * pad;

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
                y += p.text_wrapped(k_.t("scan_to_follow"), cap, area.x, y, area.w, ui::Align::Center) + th.px(20);
            }
        }
        if (!status_text.empty()) {
            if (v.ticket.qr_url.empty() && !th.portrait) y = area.y + std::max(0, (bottom - area.y - status_h) / 2);
            if (bg.a) p.fill_rounded({area.x, y, area.w, status_h}, th.px(14), bg);
            p.text_wrapped(status_text, sst, area.x + pad, y + pad, area.w - 2 * pad, ui::Align::Center);
            y += status_h;
        }
        return y;
    }

    void finish() {
        k_.reset_session();
        k_.app().screens().pop_to_root();
    }
    void on_timeout() override { finish(); }

    std::optional<ui::QrCode> qr_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_home_screen(Kiosk& k, bool priority) {
    return std::make_unique<HomeScreen>(k, priority);
}
std::unique_ptr<ui::Screen> make_service_screen(Kiosk& k, std::string code, bool priority) {
    return std::make_unique<ServiceScreen>(k, std::move(code), priority);
}
std::unique_ptr<ui::Screen> make_ticket_screen(Kiosk& k) { return std::make_unique<TicketScreen>(k); }

}  // namespace onestop::kiosk
