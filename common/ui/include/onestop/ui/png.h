#pragma once
// PNG files for screenshots and screenshot tests.

#include <SDL.h>

#include <filesystem>

#include "onestop/base/result.h"

namespace onestop::ui {

// Reads the renderer's current target into a PNG file.
Status save_renderer_png(SDL_Renderer* renderer, const std::filesystem::path& file);

struct PngDiff {
    int width = 0, height = 0;
    long differing = 0;     // pixels where some channel differs by more than the tolerance
    double fraction = 0.0;  // differing / (width * height)
    int max_delta = 0;      // the largest channel difference seen
};

// Compares two PNGs pixel by pixel (RGBA). Fails when either cannot be read or
// their sizes differ. When `diff_out` is set, writes an image where differing
// pixels are red over a faded copy of `expected`.
Result<PngDiff> compare_png(const std::filesystem::path& actual,
                            const std::filesystem::path& expected, int channel_tolerance,
                            const std::filesystem::path& diff_out = {});

}  // namespace onestop::ui
