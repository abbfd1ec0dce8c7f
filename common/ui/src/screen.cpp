#include "onestop/ui/screen.h"

#include <algorithm>

namespace onestop::ui {

// ---- Button (component.h) ----

Button::Button(std::string label, std::function<void()> on_tap, ButtonStyle style)
    : label_(std::move(label)), on_tap_(std::move(on_tap)), style_(style) {}

bool Button::input(const InputEvent& e) {
    if (e.kind == InputEvent::Kind::Key) return false;
    bool inside = rect_.contains(e.x, e.y);
    if (e.kind == InputEvent::Kind::Press) {
        pressed_ = inside && enabled_;
        return pressed_;
    }
    pressed_ = false;
    if (!inside || !enabled_) return false;
    if (on_tap_) on_tap_();
    return true;
}

int Button::preferred_height(Painter& p, int width) const {
    int pad = style_.padding > 0 ? style_.padding : std::max(style_.radius, 12);
    int inner = width - 2 * pad;
    int h = p.measure_wrapped(label_, {style_.label_size, {}, Weight::Bold}, inner);
    for (const auto& d : details_)
        h += p.measure_wrapped(d, {style_.detail_size, {}, Weight::Regular}, inner);
    return h + 2 * pad;
}

void Button::render(Painter& p) {
    Color fill = !enabled_ ? style_.disabled : pressed_ ? style_.pressed : style_.fill;
    Color text = enabled_ ? style_.text : style_.disabled_text;
    if (style_.border.a) {
        p.fill_rounded(rect_, style_.radius, style_.border);
        p.fill_rounded(rect_.inset(3), std::max(0, style_.radius - 3), fill);
    } else {
        p.fill_rounded(rect_, style_.radius, fill);
    }
    int pad = style_.padding > 0 ? style_.padding : std::max(style_.radius, 12);
    int inner = rect_.w - 2 * pad;
    TextStyle ls{style_.label_size, text, Weight::Bold};
    TextStyle ds{style_.detail_size, text, Weight::Regular};
    int content = p.measure_wrapped(label_, ls, inner);
    for (const auto& d : details_) content += p.measure_wrapped(d, ds, inner);
    int y = rect_.y + std::max(pad / 2, (rect_.h - content) / 2);
    y += p.text_wrapped(label_, ls, rect_.x + pad, y, inner, style_.align);
    if (style_.detail_text.a && enabled_) ds.color = style_.detail_text;
    for (const auto& d : details_)
        y += p.text_wrapped(d, ds, rect_.x + pad, y, inner, style_.align);
    p.add_target(label_, rect_, enabled_);
}

Button& ButtonSet::place(const std::string& key, const std::string& label,
                         std::function<void()> on_tap, const Rect& r) {
    auto& slot = buttons_[key];
    if (!slot) slot = std::make_unique<Button>(label, nullptr);
    slot->set_label(label);
    slot->set_on_tap(std::move(on_tap));
    slot->set_rect(r);
    placed_.push_back(slot.get());
    return *slot;
}

bool ButtonSet::input(const InputEvent& e) {
    // Copy: a tap handler may change what is placed.
    auto placed = placed_;
    bool used = false;
    for (Button* b : placed) used = b->input(e) || used;
    return used;
}

// ---- ScreenStack ----

void ScreenStack::push(std::unique_ptr<Screen> s) {
    pending_.push_back({Op::Kind::Push, std::move(s)});
}
void ScreenStack::pop() {
    pending_.push_back({Op::Kind::Pop, nullptr});
}
void ScreenStack::replace(std::unique_ptr<Screen> s) {
    pending_.push_back({Op::Kind::Replace, std::move(s)});
}
void ScreenStack::pop_to_root() {
    pending_.push_back({Op::Kind::PopToRoot, nullptr});
}

bool ScreenStack::apply_pending() {
    if (pending_.empty()) return false;
    Screen* before = top();
    // Ops may queue more ops from on_show(); take the batch first.
    auto ops = std::move(pending_);
    pending_.clear();
    std::vector<std::unique_ptr<Screen>> retired;  // destroyed after the loop, never mid-call
    for (auto& op : ops) {
        switch (op.kind) {
            case Op::Kind::Push:
                screens_.push_back(std::move(op.screen));
                break;
            case Op::Kind::Pop:
                if (screens_.size() > 1) {
                    retired.push_back(std::move(screens_.back()));
                    screens_.pop_back();
                }
                break;
            case Op::Kind::Replace:
                if (!screens_.empty()) {
                    retired.push_back(std::move(screens_.back()));
                    screens_.pop_back();
                }
                screens_.push_back(std::move(op.screen));
                break;
            case Op::Kind::PopToRoot:
                while (screens_.size() > 1) {
                    retired.push_back(std::move(screens_.back()));
                    screens_.pop_back();
                }
                break;
        }
    }
    bool changed = top() != before;
    if (changed && top()) top()->on_show();
    return changed;
}

}  // namespace onestop::ui
