#pragma once
// A QR symbol from libqrencode as a plain matrix (true = dark module).

#include <optional>
#include <string_view>
#include <vector>

namespace onestop::printer {

struct QrMatrix {
    int size = 0;  // modules per side, no quiet zone
    std::vector<bool> dark;
    bool at(int x, int y) const { return dark[static_cast<size_t>(y) * size + x]; }
};

// Byte mode, level 'L', 'M', 'Q' or 'H'; nullopt when the data cannot be encoded.
std::optional<QrMatrix> make_qr(std::string_view data, char ec_level);

}  // namespace onestop::printer
