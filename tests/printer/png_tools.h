#pragma once
// Reading rendered slips back: QR codes through libzbar, and PNG comparison with a tolerance.

#include <filesystem>
#include <string>
#include <vector>

namespace onestop::printer::testing {

// Every QR code zbar finds in the PNG, as text.
std::vector<std::string> read_qr_codes(const std::filesystem::path& png);

struct PngDiff {
    bool loaded = false;
    int width_a = 0, height_a = 0, width_b = 0, height_b = 0;
    double differing = 1.0;  // fraction of pixels whose grey level differs by more than 64
};
PngDiff compare_png(const std::filesystem::path& a, const std::filesystem::path& b);

// The columns that carry ink: the leftmost and rightmost x with a pixel darker than
// mid-grey (the renderer's grey cut marks are not ink). left = -1 when there is none.
struct InkColumns {
    bool loaded = false;
    int width = 0;
    int left = -1, right = -1;
};
InkColumns ink_columns(const std::filesystem::path& png);

// True when ONESTOP_UPDATE_GOLDEN=1: golden files are rewritten instead of compared.
bool updating_golden();
std::filesystem::path golden_dir();  // tests/printer/golden in the source tree

}  // namespace onestop::printer::testing
