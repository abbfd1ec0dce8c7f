#pragma once
// Components (after EmulationStation's GuiComponent, without raw child pointers):
// input() returns true when it consumed the event, update(dt) advances time that
// main passes in, render() draws into the rectangle the parent gave with set_rect().

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "onestop/ui/painter.h"

namespace onestop::ui {

using Millis = std::chrono::milliseconds;

struct InputEvent {
    enum class Kind {
        Press,  // finger or mouse down: show the control as pressed
        Tap,    // finger or mouse up: act
        Key,    // a named key ("escape", "return", "f1", …, SDL's key names lower-cased)
    };
    Kind kind = Kind::Tap;
    int x = 0, y = 0;
    std::string key;
};

class Component {
  public:
    virtual ~Component() = default;
    virtual bool input(const InputEvent&) { return false; }
    virtual void update(Millis /*dt*/) {}
    virtual void render(Painter& p) = 0;

    void set_rect(const Rect& r) { rect_ = r; }
    const Rect& rect() const { return rect_; }

  protected:
    Rect rect_;
};

struct ButtonStyle {
    Color fill{0x1f, 0x5f, 0xbf};
    Color pressed{0x17, 0x48, 0x91};
    Color disabled{0xd9, 0xdd, 0xe3};
    Color text{255, 255, 255};
    Color disabled_text{0x6b, 0x72, 0x80};
    Color detail_text{0, 0, 0, 0};  // alpha 0: same as the label
    Color border{0, 0, 0, 0};       // alpha 0: none
    int radius = 16;
    int label_size = 40;
    int detail_size = 26;
    Align align = Align::Center;
    int padding = 0;  // inner space; 0: the radius (at least 12)
};

// A large touch button: a label and optional detail lines below it. The label is
// what `tap-text` matches. Acts on Tap inside its rectangle when enabled.
class Button final : public Component {
  public:
    Button(std::string label, std::function<void()> on_tap, ButtonStyle style = {});

    bool input(const InputEvent& e) override;
    void render(Painter& p) override;

    const std::string& label() const { return label_; }
    void set_label(std::string label) { label_ = std::move(label); }
    void set_details(std::vector<std::string> lines) { details_ = std::move(lines); }
    void set_on_tap(std::function<void()> fn) { on_tap_ = std::move(fn); }
    void set_enabled(bool on) { enabled_ = on; }
    bool enabled() const { return enabled_; }
    ButtonStyle& style() { return style_; }
    // Height needed for the label and details at `width`.
    int preferred_height(Painter& p, int width) const;

  private:
    std::string label_;
    std::vector<std::string> details_;
    std::function<void()> on_tap_;
    ButtonStyle style_;
    bool enabled_ = true;
    bool pressed_ = false;
};

// Buttons that come and go with what a screen shows (one per service, per reason…).
// place() returns the button for `key` — created once, so its pressed state survives
// redraws — and marks it as on screen this frame; input goes only to placed buttons.
class ButtonSet {
  public:
    void begin_frame() { placed_.clear(); }
    Button& place(const std::string& key, const std::string& label, std::function<void()> on_tap,
                  const Rect& r);
    bool input(const InputEvent& e);

  private:
    std::map<std::string, std::unique_ptr<Button>> buttons_;
    std::vector<Button*> placed_;
};

}  // namespace onestop::ui
