// The 意见箱 (complaint box, 第四十一条): what the complaint is about (a window by number, a
// service from the list, or the hall itself), what happened as preset kinds to tap (the
// kiosk has no Chinese keyboard: the details can be added on a phone from the result
// page's QR), and an optional phone number. Then TicketMode::file_complaint.

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "number_pad.h"
#include "onestop/net/protocol.h"
#include "screen_base.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

// The preset kinds, in the order shown and joined into the complaint's text.
const char* const kKinds[] = {"attitude", "efficiency", "waiting", "environment", "other"};

class ComplaintScreen final : public KioskScreen {
  public:
    explicit ComplaintScreen(TicketMode& m)
        : KioskScreen(m.kiosk(), m.kiosk().options().idle_seconds),
          window_pad_(3),
          phone_pad_(20),
          m_(m) {}
    const char* name() const override { return "complaint"; }

    void render(ui::Painter& p) override {
        buttons_.begin_frame();
        Theme th = theme();
        int m = th.margin();
        int top = draw_band(p, th) + th.px(24);
        top = draw_progress(p, th, top) + th.px(20);
        if (!k_.online()) top = draw_offline_notice(p, th, top) + th.px(20);

        int ah = th.px(th.portrait ? 140 : 120);
        ui::Rect actions{m, th.h - m - ah, th.w - 2 * m, ah};
        // Portrait: the prompt above the body; landscape: on the left, but for the list of
        // services, which wants every column it can get.
        bool beside = !th.portrait && step_ != Step::Service;
        ui::Rect prompt{m, top, th.w - 2 * m, 0};
        if (beside) prompt.w = (th.w - 2 * m) * 36 / 100;
        int prompt_h = draw_prompt(p, th, prompt);
        ui::Rect body = beside ? ui::Rect{prompt.right() + th.px(48), top,
                                          th.w - m - prompt.right() - th.px(48), 0}
                               : ui::Rect{m, top + prompt_h + th.px(28), th.w - 2 * m, 0};
        body.h = actions.y - th.px(32) - body.y;

        switch (step_) {
            case Step::About:
                draw_about(p, th, body);
                break;
            case Step::Window:
                draw_window(p, th, body);
                break;
            case Step::Service:
                draw_services(p, th, body);
                break;
            case Step::Kinds:
                draw_kinds(p, th, body);
                break;
            case Step::Phone:
                draw_phone(p, th, body);
                break;
        }
        draw_actions(p, th, actions);
    }

  private:
    enum class Step { About, Window, Service, Kinds, Phone };

    // The blue band: back to the hall's services, the title, the language switch.
    int draw_band(ui::Painter& p, const Theme& th) {
        int m = th.margin();
        int hh = th.px(th.portrait ? 200 : 150), bw = th.px(200), bh = th.px(96);
        p.fill({0, 0, th.w, hh}, color::header);
        auto& home = buttons_.place("home", k_.t("back"), [this] { k_.app().screens().pop(); },
                                    {m, (hh - bh) / 2, bw, bh});
        home.style() = header_button(th);
        home.render(p);
        int sw = draw_switches(p, th, th.w - m, (hh - bh) / 2, bh, false);
        ui::TextStyle title{th.font(50), color::header_text, ui::Weight::Bold};
        ui::TextStyle sub{th.font(28), color::header_soft, ui::Weight::Regular};
        int tx = m + bw + th.px(36), tw = sw - tx - th.px(20);
        title.size = p.fit_size(k_.t("complaint_title"), title, tw);
        std::string days = std::to_string(k_.hall().settings.complaint_working_days);
        std::string promise = k_.t("complaint_promise", {{"days", days}});
        int title_h = p.measure(k_.t("complaint_title"), title).y;
        int sub_h = p.measure_wrapped(promise, sub, tw);
        int ty = (hh - title_h - sub_h) / 2;
        p.text(k_.t("complaint_title"), title, tx, ty);
        p.text_wrapped(promise, sub, tx, ty + title_h, tw, ui::Align::Left, 2);
        return hh;
    }

    // 1 投诉对象 › 2 问题类型 › 3 联系电话, the current one highlighted.
    int draw_progress(ui::Painter& p, const Theme& th, int y) {
        int m = th.margin();
        int current = step_ == Step::Kinds ? 2 : step_ == Step::Phone ? 3 : 1;
        ui::TextStyle st{th.font(30), color::muted, ui::Weight::Bold};
        int gap = th.px(16), x = m, h = p.measure("1", st).y + th.px(20);
        for (int i = 1; i <= 3; ++i) {
            std::string label =
                std::to_string(i) + "  " + k_.t("complaint_step_" + std::to_string(i));
            ui::TextStyle s = st;
            s.color = i == current  ? color::header_text
                      : i < current ? color::primary
                                    : color::muted;
            int w = p.measure(label, s).x + th.px(44);
            p.fill_rounded({x, y, w, h}, h / 2, i == current ? color::primary : color::chip);
            p.text(label, s, x + th.px(22), y + th.px(10));
            x += w + gap;
        }
        return y + h;
    }

    int draw_offline_notice(ui::Painter& p, const Theme& th, int y) {
        int m = th.margin(), pad = th.px(18);
        ui::TextStyle st{th.font(30), color::warn, ui::Weight::Bold};
        std::string text = k_.t("complaint_offline_notice");
        int h = p.measure_wrapped(text, st, th.w - 2 * m - 2 * pad) + 2 * pad;
        p.fill_rounded({m, y, th.w - 2 * m, h}, th.px(14), color::warn_bg);
        p.text_wrapped(text, st, m + pad, y + pad, th.w - 2 * m - 2 * pad);
        return y + h;
    }

    // The question of this step, what was chosen before it, and a hint; returns the height.
    int draw_prompt(ui::Painter& p, const Theme& th, const ui::Rect& r) {
        static const std::map<Step, std::pair<const char*, const char*>> kPrompts = {
            {Step::About, {"complaint_about_prompt", ""}},
            {Step::Window, {"complaint_window_prompt", ""}},
            {Step::Service, {"complaint_service_prompt", ""}},
            {Step::Kinds, {"complaint_kinds_prompt", "complaint_kinds_hint"}},
            {Step::Phone, {"complaint_phone_prompt", "complaint_phone_hint"}},
        };
        const auto& [question_key, hint_key] = kPrompts.at(step_);
        ui::TextStyle q{th.font(44), color::text, ui::Weight::Bold};
        ui::TextStyle chosen{th.font(32), color::accent, ui::Weight::Bold};
        ui::TextStyle hint{th.font(28), color::muted, ui::Weight::Regular};
        std::string hint_text = *hint_key ? k_.t(hint_key) : "";
        if (step_ == Step::Window) {
            hint_text = window_hint();
            if (!window_pad_.value().empty() && !known_window()) {
                hint_text = k_.t("complaint_window_unknown", {{"n", window_pad_.value()}});
                hint.color = color::danger;
                hint.weight = ui::Weight::Bold;
            }
        }
        int y = r.y;
        if (step_ == Step::Kinds || step_ == Step::Phone)
            y += p.text_wrapped(k_.t("complaint_about_chosen", {{"about", about_text()}}), chosen,
                                r.x, y, r.w) +
                 th.px(12);
        y += p.text_wrapped(k_.t(question_key), q, r.x, y, r.w);
        if (!hint_text.empty())
            y += th.px(8) + p.text_wrapped(hint_text, hint, r.x, y + th.px(8), r.w);
        return y - r.y;
    }

    void draw_about(ui::Painter& p, const Theme& th, const ui::Rect& body) {
        struct Choice {
            const char* key;
            std::function<void()> go;
        };
        std::vector<Choice> choices = {
            {"complaint_about_window", [this] { step_ = Step::Window; }},
            {"complaint_about_service", [this] { step_ = Step::Service; }},
            {"complaint_about_hall",
             [this] {
                 about_ = net::ComplaintAbout{};
                 step_ = Step::Kinds;
             }},
        };
        int gap = th.px(28);
        int n = static_cast<int>(choices.size());
        int h = std::min(th.px(260), (body.h - (n - 1) * gap) / n);
        for (int i = 0; i < n; ++i) {
            ui::Rect r{body.x, body.y + i * (h + gap), body.w, h};
            auto& b = buttons_.place(choices[i].key, k_.t(choices[i].key), choices[i].go, r);
            ui::ButtonStyle st = quiet_button(th, 44);
            st.align = ui::Align::Left;
            st.padding = th.px(40);
            st.detail_size = th.font(30);
            b.style() = st;
            b.set_details({k_.t(std::string(choices[i].key) + "_detail")});
            b.render(p);
        }
    }

    void draw_window(ui::Painter& p, const Theme& th, const ui::Rect& body) {
        window_pad_.render(p, th, k_, buttons_, centred_pad(th, body),
                           k_.t("complaint_window_placeholder"));
    }

    void draw_services(ui::Painter& p, const Theme& th, const ui::Rect& body) {
        const auto& services = k_.services();
        int cols = th.portrait ? 2 : 4;
        int gap = th.px(18);
        int rows = std::max(1, (static_cast<int>(services.size()) + cols - 1) / cols);
        int bw = (body.w - (cols - 1) * gap) / cols;
        int bh = std::min(th.px(150), (body.h - (rows - 1) * gap) / rows);
        // One label size for all, at which every name fits its button in two lines or less.
        ui::ButtonStyle st = quiet_button(th, 32);
        st.padding = th.px(16);
        for (const auto& s : services) {
            ui::TextStyle ts{st.label_size, {}, ui::Weight::Bold};
            while (ts.size > th.px(18) &&
                   p.measure_wrapped(pick(s.name, k_.lang()), ts, bw - 2 * st.padding) >
                       std::min(bh - 2 * th.px(8), 2 * p.measure("事", ts).y + 2))
                ts.size = ts.size * 15 / 16;
            st.label_size = ts.size;
        }
        for (size_t i = 0; i < services.size(); ++i) {
            const ServiceView& s = services[i];
            int col = static_cast<int>(i) % cols, row = static_cast<int>(i) / cols;
            ui::Rect r{body.x + col * (bw + gap), body.y + row * (bh + gap), bw, bh};
            std::string code = s.code;
            auto& b = buttons_.place(
                "svc-" + code, pick(s.name, k_.lang()),
                [this, code] {
                    about_ = {net::ComplaintAbout::Kind::Service, 0, code};
                    step_ = Step::Kinds;
                },
                r);
            b.style() = st;
            b.render(p);
        }
        if (services.empty())
            p.text(k_.t("no_services"), {th.font(36), color::muted, ui::Weight::Regular}, body.x,
                   body.y + th.px(40));
    }

    void draw_kinds(ui::Painter& p, const Theme& th, const ui::Rect& body) {
        int cols = 2, gap = th.px(22);
        int n = static_cast<int>(std::size(kKinds));
        int rows = (n + cols - 1) / cols;
        int bw = (body.w - (cols - 1) * gap) / cols;
        int bh = std::min(th.px(170), (body.h - (rows - 1) * gap) / rows);
        for (int i = 0; i < n; ++i) {
            std::string kind = kKinds[i];
            ui::Rect r{body.x + (i % cols) * (bw + gap), body.y + (i / cols) * (bh + gap), bw, bh};
            auto& b = buttons_.place(
                "kind-" + kind, k_.t("complaint_kind_" + kind),
                [this, kind] {
                    if (!kinds_.erase(kind)) kinds_.insert(kind);
                },
                r);
            b.style() = toggle_button(th, kinds_.count(kind) > 0, 40);
            b.render(p);
        }
    }

    void draw_phone(ui::Painter& p, const Theme& th, const ui::Rect& body) {
        phone_pad_.render(p, th, k_, buttons_, centred_pad(th, body), k_.t("phone_placeholder"));
    }

    // 上一步 on the left; 下一步, or 跳过 and 提交 on the last step, on the right.
    void draw_actions(ui::Painter& p, const Theme& th, const ui::Rect& r) {
        int gap = th.px(24);
        int back_w = th.px(260);
        if (step_ != Step::About) {
            auto& back = buttons_.place("previous", k_.t("previous_step"), [this] { previous(); },
                                        {r.x, r.y, back_w, r.h});
            back.style() = quiet_button(th, 36);
            back.render(p);
        }
        int x = r.x + back_w + gap;
        if (step_ == Step::About || step_ == Step::Service) return;
        if (step_ == Step::Phone) {
            int skip_w = (r.right() - x - gap) * 45 / 100;
            auto& skip = buttons_.place("skip", k_.t("skip_and_submit"), [this] { submit(""); },
                                        {x, r.y, skip_w, r.h});
            skip.style() = quiet_button(th, 36);
            skip.render(p);
            x += skip_w + gap;
            bool valid = net::is_phone(phone_pad_.value());
            auto& send = buttons_.place("submit", k_.t("complaint_submit"),
                                        [this] { submit(phone_pad_.value()); },
                                        {x, r.y, r.right() - x, r.h});
            send.style() = primary_button(th, 44);
            send.set_enabled(valid);
            send.render(p);
            return;
        }
        bool ready = step_ == Step::Window ? known_window() : !kinds_.empty();
        auto& next = buttons_.place("next", k_.t("next_step"), [this] { next_step(); },
                                    {x, r.y, r.right() - x, r.h});
        next.style() = primary_button(th, 44);
        next.set_enabled(ready);
        next.render(p);
    }

    ui::Rect centred_pad(const Theme& th, const ui::Rect& body) const {
        int w = std::min(body.w, th.px(720));
        int h = std::min(body.h, NumberPad::preferred_height(th));
        return {body.x + (body.w - w) / 2, body.y, w, h};
    }

    bool known_window() const {
        const std::string& v = window_pad_.value();
        return !v.empty() && k_.hall().find_window(std::stoi(v)) != nullptr;
    }

    std::string window_hint() const {
        int lo = 0, hi = 0;
        for (const auto& w : k_.hall().windows) {
            lo = lo == 0 ? w.number : std::min(lo, w.number);
            hi = std::max(hi, w.number);
        }
        if (hi == 0) return {};
        return k_.t("complaint_window_hint",
                    {{"from", std::to_string(lo)}, {"to", std::to_string(hi)}});
    }

    std::string about_text() const {
        switch (about_.kind) {
            case net::ComplaintAbout::Kind::Window:
                return k_.t("complaint_about_window_n", {{"n", std::to_string(about_.window)}});
            case net::ComplaintAbout::Kind::Service: {
                const ServiceView* s = k_.service(about_.service);
                return s ? pick(s->name, k_.lang()) : about_.service;
            }
            case net::ComplaintAbout::Kind::Hall:
                break;
        }
        return k_.t("complaint_about_hall");
    }

    void next_step() {
        if (step_ == Step::Window) {
            about_ = {net::ComplaintAbout::Kind::Window, std::stoi(window_pad_.value()), ""};
            step_ = Step::Kinds;
        } else if (step_ == Step::Kinds) {
            step_ = Step::Phone;
        }
    }

    void previous() {
        switch (step_) {
            case Step::Window:
            case Step::Service:
                step_ = Step::About;
                break;
            case Step::Kinds:
                step_ = about_.kind == net::ComplaintAbout::Kind::Window    ? Step::Window
                        : about_.kind == net::ComplaintAbout::Kind::Service ? Step::Service
                                                                            : Step::About;
                break;
            case Step::Phone:
                step_ = Step::Kinds;
                break;
            case Step::About:
                break;
        }
    }

    // The kinds in Chinese for the office, which reads every channel's complaints in
    // Chinese; in English too when the complainant used English, so their page reads.
    std::string kinds_text() const {
        std::string zh, en;
        for (const char* kind : kKinds) {
            if (!kinds_.count(kind)) continue;
            std::string key = std::string("complaint_kind_") + kind;
            std::string z = k_.lang() == Lang::Zh ? k_.t(key) : k_.t_other(key);
            std::string e = k_.lang() == Lang::Zh ? k_.t_other(key) : k_.t(key);
            zh += (zh.empty() ? "" : "、") + z;
            en += (en.empty() ? "" : ", ") + e;
        }
        return k_.lang() == Lang::Zh ? zh : zh + " / " + en;
    }

    void submit(const std::string& phone) {
        net::ComplaintRequest req;
        req.channel = "kiosk";
        req.about = about_;
        req.text = kinds_text();
        req.contact = phone;
        m_.file_complaint(std::move(req));  // replaces this screen
    }

    void on_timeout() override { go_home(); }

    Step step_ = Step::About;
    net::ComplaintAbout about_;
    std::set<std::string> kinds_;
    NumberPad window_pad_;
    NumberPad phone_pad_;
    TicketMode& m_;
};

}  // namespace

std::unique_ptr<ui::Screen> make_complaint_screen(TicketMode& m) {
    return std::make_unique<ComplaintScreen>(m);
}

}  // namespace onestop::kiosk
