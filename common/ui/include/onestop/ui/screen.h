#pragma once
// Full-window screens on a stack; only the top one receives input and is drawn.
// Changes requested while a screen handles input are applied afterwards
// (apply_pending), so a screen may pop itself from inside its own button handler.

#include <memory>
#include <vector>

#include "onestop/ui/component.h"

namespace onestop::ui {

class Screen : public Component {
  public:
    // Called when the screen becomes the top of the stack (pushed or uncovered).
    virtual void on_show() {}
    // A short name for logs and tests ("home", "service", …).
    virtual const char* name() const = 0;
};

class ScreenStack {
  public:
    void push(std::unique_ptr<Screen> s);
    void pop();                               // never pops the last screen
    void replace(std::unique_ptr<Screen> s);  // pop + push
    void pop_to_root();

    // Applies the requested changes in order; returns true when the top changed.
    bool apply_pending();

    Screen* top() const { return screens_.empty() ? nullptr : screens_.back().get(); }
    size_t depth() const { return screens_.size(); }

  private:
    struct Op {
        enum class Kind { Push, Pop, Replace, PopToRoot } kind;
        std::unique_ptr<Screen> screen;
    };
    std::vector<std::unique_ptr<Screen>> screens_;
    std::vector<Op> pending_;
};

}  // namespace onestop::ui
