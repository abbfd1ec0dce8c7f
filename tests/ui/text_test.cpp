#include <doctest/doctest.h>

#include <SDL.h>

#include "onestop/ui/text.h"

using namespace onestop::ui;

namespace {
// A software renderer on an in-memory surface: no video driver needed.
struct Soft {
    SDL_Surface* surface = SDL_CreateRGBSurfaceWithFormat(0, 400, 200, 32, SDL_PIXELFORMAT_RGBA32);
    SDL_Renderer* renderer = SDL_CreateSoftwareRenderer(surface);
    Soft() { TTF_Init(); }
    ~Soft() {
        SDL_DestroyRenderer(renderer);
        SDL_FreeSurface(surface);
        TTF_Quit();
    }
};
int width(TTF_Font* f, const std::string& s) {
    int w = 0, h = 0;
    TTF_SizeUTF8(f, s.c_str(), &w, &h);
    return w;
}
}  // namespace

TEST_CASE("text cache: one texture per (text, size, colour, weight)") {
    Soft soft;
    auto fonts = Fonts::open_cjk();
    REQUIRE(fonts.ok());
    TextCache cache(soft.renderer, *fonts, 3);
    const TextTexture& a = cache.get("取号", {32, {0, 0, 0}, Weight::Regular});
    CHECK(a.texture != nullptr);
    CHECK(a.w > 0);
    cache.get("取号", {32, {0, 0, 0}, Weight::Regular});
    CHECK(cache.renders() == 1);
    cache.get("取号", {40, {0, 0, 0}, Weight::Regular});
    cache.get("取号", {32, {255, 0, 0}, Weight::Regular});
    cache.get("取号", {32, {0, 0, 0}, Weight::Bold});
    CHECK(cache.renders() == 4);
    CHECK(cache.size() == 4);
    CHECK(cache.get("", {32, {}, Weight::Regular}).texture == nullptr);
    cache.end_frame();
    // Over capacity: only what the new frame uses stays.
    cache.get("A012", {32, {0, 0, 0}, Weight::Regular});
    cache.end_frame();
    CHECK(cache.size() == 1);
    cache.get("A012", {32, {0, 0, 0}, Weight::Regular});
    CHECK(cache.renders() == 5);
}

TEST_CASE("wrap_text: CJK breaks between characters, Latin at spaces, lines fit") {
    Soft soft;
    auto fonts = Fonts::open_cjk();
    REQUIRE(fonts.ok());
    TTF_Font* f = fonts->get(24, Weight::Regular);
    REQUIRE(f != nullptr);
    std::string zh = "本人有效身份证件原件及复印件一份，学生证或工作证原件。";
    auto lines = wrap_text(f, zh, 200);
    CHECK(lines.size() > 1);
    std::string joined;
    for (auto& l : lines) {
        CHECK(width(f, l) <= 200);
        CHECK(l.rfind("，", 0) != 0);  // no line starts with a comma
        joined += l;
    }
    CHECK(joined == zh);

    auto en = wrap_text(f, "Bring your student card and one copy of it", 200);
    CHECK(en.size() > 1);
    for (auto& l : en) {
        CHECK(width(f, l) <= 200);
        CHECK(l.front() != ' ');
        CHECK(l.back() != ' ');
    }
    CHECK(wrap_text(f, "one\ntwo", 1000).size() == 2);
}
