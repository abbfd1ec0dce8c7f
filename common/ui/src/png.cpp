#include "onestop/ui/png.h"
#include "onestop/base/error_codes.h"

#include <SDL_image.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace onestop::ui {

namespace {
using SurfacePtr = std::unique_ptr<SDL_Surface, decltype(&SDL_FreeSurface)>;

SurfacePtr load_rgba(const std::filesystem::path& file) {
    SurfacePtr raw(IMG_Load(file.string().c_str()), &SDL_FreeSurface);
    if (!raw) return SurfacePtr(nullptr, &SDL_FreeSurface);
    return SurfacePtr(SDL_ConvertSurfaceFormat(raw.get(), SDL_PIXELFORMAT_RGBA32, 0),
                      &SDL_FreeSurface);
}
}  // namespace

Status save_renderer_png(SDL_Renderer* renderer, const std::filesystem::path& file) {
    int w = 0, h = 0;
    if (SDL_GetRendererOutputSize(renderer, &w, &h) != 0)
        return make_error(errc::screenshot_failed, SDL_GetError());
    SurfacePtr s(SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGBA32),
                 &SDL_FreeSurface);
    if (!s) return make_error(errc::screenshot_failed, SDL_GetError());
    if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, s->pixels, s->pitch) != 0)
        return make_error(errc::screenshot_failed, SDL_GetError());
    if (IMG_SavePNG(s.get(), file.string().c_str()) != 0)
        return make_error(errc::screenshot_failed,
                          "cannot write " + file.string() + ": " + IMG_GetError());
    return {};
}

Result<PngDiff> compare_png(const std::filesystem::path& actual,
                            const std::filesystem::path& expected, int tolerance,
                            const std::filesystem::path& diff_out) {
    SurfacePtr a = load_rgba(actual), b = load_rgba(expected);
    if (!a) return make_error(errc::png_unreadable, "cannot read " + actual.string());
    if (!b) return make_error(errc::png_unreadable, "cannot read " + expected.string());
    if (a->w != b->w || a->h != b->h)
        return make_error(errc::png_size, actual.string() + " is " + std::to_string(a->w) + "x" +
                                              std::to_string(a->h) + ", " + expected.string() +
                                              " is " + std::to_string(b->w) + "x" +
                                              std::to_string(b->h));
    PngDiff d;
    d.width = a->w;
    d.height = a->h;
    SurfacePtr out(
        diff_out.empty() ? nullptr : SDL_ConvertSurfaceFormat(b.get(), SDL_PIXELFORMAT_RGBA32, 0),
        &SDL_FreeSurface);
    for (int y = 0; y < a->h; ++y) {
        auto* pa = static_cast<uint8_t*>(a->pixels) + y * a->pitch;
        auto* pb = static_cast<uint8_t*>(b->pixels) + y * b->pitch;
        auto* po = out ? static_cast<uint8_t*>(out->pixels) + y * out->pitch : nullptr;
        for (int x = 0; x < a->w; ++x) {
            int delta = 0;
            for (int c = 0; c < 4; ++c)
                delta = std::max(delta, std::abs(pa[x * 4 + c] - pb[x * 4 + c]));
            d.max_delta = std::max(d.max_delta, delta);
            bool differs = delta > tolerance;
            if (differs) ++d.differing;
            if (po) {
                uint8_t* px = po + x * 4;
                if (differs) {
                    px[0] = 255, px[1] = 0, px[2] = 0, px[3] = 255;
                } else {
                    for (int c = 0; c < 3; ++c)
                        px[c] = static_cast<uint8_t>(255 - (255 - px[c]) / 4);
                }
            }
        }
    }
    d.fraction = static_cast<double>(d.differing) / (static_cast<double>(d.width) * d.height);
    if (out) IMG_SavePNG(out.get(), diff_out.string().c_str());
    return d;
}

}  // namespace onestop::ui
