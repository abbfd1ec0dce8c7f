#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "onestop/ui/screen.h"

using namespace onestop::ui;

namespace {
struct Probe : Screen {
    Probe(std::string n, std::vector<std::string>& log) : n_(std::move(n)), log_(log) {}
    ~Probe() override { log_.push_back("destroy " + n_); }
    void on_show() override { log_.push_back("show " + n_); }
    void render(Painter&) override {}
    const char* name() const override { return n_.c_str(); }
    std::string n_;
    std::vector<std::string>& log_;
};
}  // namespace

TEST_CASE("screen stack: changes wait for apply_pending, the root stays") {
    std::vector<std::string> log;
    ScreenStack stack;
    stack.push(std::make_unique<Probe>("home", log));
    CHECK(stack.top() == nullptr);
    CHECK(stack.apply_pending());
    CHECK(std::string(stack.top()->name()) == "home");

    stack.push(std::make_unique<Probe>("service", log));
    stack.push(std::make_unique<Probe>("ticket", log));
    CHECK(stack.apply_pending());
    CHECK(stack.depth() == 3);
    CHECK(std::string(stack.top()->name()) == "ticket");

    stack.replace(std::make_unique<Probe>("thanks", log));
    stack.apply_pending();
    CHECK(stack.depth() == 3);
    CHECK(std::string(stack.top()->name()) == "thanks");

    stack.pop_to_root();
    stack.apply_pending();
    CHECK(stack.depth() == 1);
    stack.pop();
    CHECK_FALSE(stack.apply_pending());
    CHECK(stack.depth() == 1);  // never pops the last screen
    CHECK(log == std::vector<std::string>{"show home", "show ticket", "show thanks",
                                          "destroy ticket", "show home", "destroy thanks",
                                          "destroy service"});
}

TEST_CASE("button: acts on a tap inside it only when enabled") {
    int taps = 0;
    Button b("取号", [&] { ++taps; });
    b.set_rect({100, 100, 200, 80});
    CHECK_FALSE(b.input({InputEvent::Kind::Tap, 10, 10, {}}));
    CHECK(b.input({InputEvent::Kind::Tap, 150, 120, {}}));
    CHECK(taps == 1);
    b.set_enabled(false);
    CHECK_FALSE(b.input({InputEvent::Kind::Tap, 150, 120, {}}));
    CHECK(taps == 1);
}
