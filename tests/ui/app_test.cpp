#include <doctest/doctest.h>

#include <SDL_image.h>

#include <fstream>
#include <thread>

#include "onestop/ui/app.h"
#include "temp_dir.h"

using namespace onestop::ui;

namespace {
// One button that counts taps and shows the count.
struct Counter : Screen {
    explicit Counter(int& taps) : taps_(taps), button_("加一 Add one", [this] { ++taps_; }) {}
    void render(Painter& p) override {
        button_.set_rect({40, 40, 300, 120});
        button_.render(p);
        p.text("count " + std::to_string(taps_), {40, {0, 0, 0}, Weight::Bold}, 40, 200);
    }
    bool input(const InputEvent& e) override { return button_.input(e); }
    const char* name() const override { return "counter"; }
    int& taps_;
    Button button_;
};

CommonOptions headless(const onestop::test::TempDir& dir, const std::string& script) {
    CommonOptions o;
    o.headless = true;
    o.window_size = Size{400, 300};
    if (!script.empty()) {
        std::ofstream(dir / "s.txt") << script;
        o.script = (dir / "s.txt").string();
    }
    return o;
}
}  // namespace

TEST_CASE("app: a script taps by label, waits for text and takes a shot") {
    onestop::test::TempDir dir;
    auto shot = (dir / "shot.png").string();
    auto app = App::create(
        headless(dir, "tap-text 加一\ntap 100 100\nexpect count 2 1000\nshot " + shot + "\n"), {});
    REQUIRE(app.ok());
    int taps = 0;
    (*app)->screens().push(std::make_unique<Counter>(taps));
    CHECK((*app)->run() == 0);
    CHECK(taps == 2);
    SDL_Surface* s = IMG_Load(shot.c_str());
    REQUIRE(s != nullptr);
    CHECK(s->w == 400);
    CHECK(s->h == 300);
    SDL_FreeSurface(s);
}

TEST_CASE("app: a script that ends with a wait ends after it") {
    onestop::test::TempDir dir;
    auto app = App::create(headless(dir, "tap-text 加一\nwait 200\n"), {});
    REQUIRE(app.ok());
    int taps = 0;
    (*app)->screens().push(std::make_unique<Counter>(taps));
    auto start = std::chrono::steady_clock::now();
    CHECK((*app)->run() == 0);
    CHECK(std::chrono::steady_clock::now() - start >= std::chrono::milliseconds(200));
    CHECK(taps == 1);
}

TEST_CASE("app: tap-text that finds nothing fails naming the line") {
    onestop::test::TempDir dir;
    auto app = App::create(headless(dir, "wait 1\ntap-text 没有这个\n"), {});
    REQUIRE(app.ok());
    int taps = 0;
    (*app)->screens().push(std::make_unique<Counter>(taps));
    CHECK((*app)->run() == 2);
}

TEST_CASE("app: --exit-after writes the screenshot and exits 0; idle draws no frames") {
    onestop::test::TempDir dir;
    CommonOptions o = headless(dir, "");
    o.exit_after_ms = 300;
    o.screenshot = (dir / "last.png").string();
    auto app = App::create(o, {});
    REQUIRE(app.ok());
    int taps = 0;
    (*app)->screens().push(std::make_unique<Counter>(taps));
    CHECK((*app)->run() == 0);
    CHECK(std::filesystem::exists(dir / "last.png"));
    CHECK((*app)->frames() <= 2);  // the first frame, perhaps once more when the window is exposed
}

TEST_CASE("app: posted work from another thread runs on the loop") {
    onestop::test::TempDir dir;
    auto app = App::create(headless(dir, "expect count 1 2000\n"), {});
    REQUIRE(app.ok());
    int taps = 0;
    (*app)->screens().push(std::make_unique<Counter>(taps));
    App* a = app->get();
    std::thread t([a, &taps] {
        a->post([a, &taps] {
            ++taps;
            a->invalidate();
        });
    });
    CHECK(a->run() == 0);
    t.join();
    CHECK(taps == 1);
}
