#include "png_tools.h"

#include <SDL.h>
#include <SDL_image.h>
#include <zbar.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace onestop::printer::testing {

namespace {

struct Grey {
    int w = 0, h = 0;
    std::vector<uint8_t> pixels;
};

bool load_grey(const std::filesystem::path& path, Grey& out) {
    SDL_Surface* raw = IMG_Load(path.c_str());
    if (!raw) return false;
    SDL_Surface* s = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(raw);
    if (!s) return false;
    out.w = s->w;
    out.h = s->h;
    out.pixels.resize(static_cast<size_t>(s->w) * s->h);
    for (int y = 0; y < s->h; ++y) {
        auto* row = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(s->pixels) +
                                                      y * s->pitch);
        for (int x = 0; x < s->w; ++x) {
            uint32_t p = row[x];
            int r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            out.pixels[static_cast<size_t>(y) * s->w + x] =
                static_cast<uint8_t>((r * 30 + g * 59 + b * 11) / 100);
        }
    }
    SDL_FreeSurface(s);
    return true;
}

}  // namespace

std::vector<std::string> read_qr_codes(const std::filesystem::path& png) {
    std::vector<std::string> found;
    Grey g;
    if (!load_grey(png, g)) return found;
    zbar::zbar_image_scanner_t* scanner = zbar::zbar_image_scanner_create();
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_NONE, zbar::ZBAR_CFG_ENABLE, 0);
    zbar::zbar_image_scanner_set_config(scanner, zbar::ZBAR_QRCODE, zbar::ZBAR_CFG_ENABLE, 1);
    zbar::zbar_image_t* image = zbar::zbar_image_create();
    zbar::zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar::zbar_image_set_size(image, static_cast<unsigned>(g.w), static_cast<unsigned>(g.h));
    zbar::zbar_image_set_data(image, g.pixels.data(), g.pixels.size(), nullptr);
    if (zbar::zbar_scan_image(scanner, image) > 0) {
        for (auto* sym = zbar::zbar_image_first_symbol(image); sym;
             sym = zbar::zbar_symbol_next(sym)) {
            found.emplace_back(zbar::zbar_symbol_get_data(sym),
                               zbar::zbar_symbol_get_data_length(sym));
        }
    }
    zbar::zbar_image_destroy(image);
    zbar::zbar_image_scanner_destroy(scanner);
    return found;
}

PngDiff compare_png(const std::filesystem::path& a, const std::filesystem::path& b) {
    PngDiff d;
    Grey ga, gb;
    if (!load_grey(a, ga) || !load_grey(b, gb)) return d;
    d.loaded = true;
    d.width_a = ga.w;
    d.height_a = ga.h;
    d.width_b = gb.w;
    d.height_b = gb.h;
    if (ga.w != gb.w || ga.h != gb.h) return d;
    size_t differ = 0;
    for (size_t i = 0; i < ga.pixels.size(); ++i) {
        if (std::abs(int(ga.pixels[i]) - int(gb.pixels[i])) > 64) ++differ;
    }
    d.differing = ga.pixels.empty() ? 0.0 : double(differ) / double(ga.pixels.size());
    return d;
}

InkColumns ink_columns(const std::filesystem::path& png) {
    InkColumns ink;
    Grey g;
    if (!load_grey(png, g)) return ink;
    ink.loaded = true;
    ink.width = g.w;
    for (int y = 0; y < g.h; ++y) {
        for (int x = 0; x < g.w; ++x) {
            if (g.pixels[static_cast<size_t>(y) * g.w + x] >= 128) continue;
            if (ink.left < 0 || x < ink.left) ink.left = x;
            ink.right = std::max(ink.right, x);
        }
    }
    return ink;
}

bool updating_golden() {
    const char* v = std::getenv("ONESTOP_UPDATE_GOLDEN");
    return v && std::string(v) == "1";
}

std::filesystem::path golden_dir() {
    return std::filesystem::path(ONESTOP_SOURCE_DIR) / "tests/printer/golden";
}

}  // namespace onestop::printer::testing
