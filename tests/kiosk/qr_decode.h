#pragma once
// Reads the QR codes in a PNG with libzbar (tests only).

#include <SDL.h>
#include <SDL_image.h>
#include <zbar.h>

#include <filesystem>
#include <string>
#include <vector>

namespace kiosk_test {

inline std::vector<std::string> decode_qr(const std::filesystem::path& png) {
    using namespace zbar;  // zbar.h puts its C API there when compiled as C++
    std::vector<std::string> out;
    SDL_Surface* raw = IMG_Load(png.string().c_str());
    if (!raw) return out;
    SDL_Surface* rgba = SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(raw);
    if (!rgba) return out;
    std::vector<unsigned char> gray(static_cast<size_t>(rgba->w * rgba->h));
    for (int y = 0; y < rgba->h; ++y) {
        auto* row = static_cast<unsigned char*>(rgba->pixels) + y * rgba->pitch;
        for (int x = 0; x < rgba->w; ++x)
            gray[static_cast<size_t>(y * rgba->w + x)] = static_cast<unsigned char>(
                (row[x * 4] * 30 + row[x * 4 + 1] * 59 + row[x * 4 + 2] * 11) / 100);
    }
    zbar_image_scanner_t* scanner = zbar_image_scanner_create();
    zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    zbar_image_t* image = zbar_image_create();
    zbar_image_set_format(image, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(image, static_cast<unsigned>(rgba->w), static_cast<unsigned>(rgba->h));
    zbar_image_set_data(image, gray.data(), gray.size(), nullptr);
    if (zbar_scan_image(scanner, image) > 0) {
        for (const zbar_symbol_t* s = zbar_image_first_symbol(image); s; s = zbar_symbol_next(s))
            out.emplace_back(zbar_symbol_get_data(s));
    }
    zbar_image_destroy(image);
    zbar_image_scanner_destroy(scanner);
    SDL_FreeSurface(rgba);
    return out;
}

}  // namespace kiosk_test
