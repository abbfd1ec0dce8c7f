#include <doctest/doctest.h>

#include <SDL.h>
#include <SDL_image.h>

#include "onestop/ui/png.h"
#include "temp_dir.h"

using namespace onestop::ui;

namespace {
void write(const std::filesystem::path& file, int w, int h, int changed, uint8_t delta) {
    SDL_Surface* s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32);
    auto* px = static_cast<uint8_t*>(s->pixels);
    for (int i = 0; i < w * h; ++i) {
        px[i * 4 + 0] = 100;
        px[i * 4 + 1] = 150;
        px[i * 4 + 2] = 200;
        px[i * 4 + 3] = 255;
    }
    for (int i = 0; i < changed; ++i) px[i * 4 + 0] = static_cast<uint8_t>(100 + delta);
    IMG_SavePNG(s, file.string().c_str());
    SDL_FreeSurface(s);
}
}  // namespace

TEST_CASE("compare_png: counts pixels beyond the tolerance") {
    onestop::test::TempDir dir;
    write(dir / "a.png", 10, 10, 0, 0);
    write(dir / "b.png", 10, 10, 5, 40);
    write(dir / "c.png", 10, 10, 50, 3);
    write(dir / "small.png", 5, 10, 0, 0);

    auto same = compare_png(dir / "a.png", dir / "a.png", 0);
    REQUIRE(same.ok());
    CHECK(same->differing == 0);

    auto five = compare_png(dir / "b.png", dir / "a.png", 8, dir / "diff.png");
    REQUIRE(five.ok());
    CHECK(five->differing == 5);
    CHECK(five->fraction == doctest::Approx(0.05));
    CHECK(five->max_delta == 40);
    CHECK(std::filesystem::exists(dir / "diff.png"));

    auto faint = compare_png(dir / "c.png", dir / "a.png", 8);
    REQUIRE(faint.ok());
    CHECK(faint->differing == 0);  // within tolerance
    CHECK(faint->max_delta == 3);

    CHECK_FALSE(compare_png(dir / "small.png", dir / "a.png", 8).ok());
    CHECK_FALSE(compare_png(dir / "missing.png", dir / "a.png", 8).ok());
}
