#include "onestop/printer/encoder.h"

#include <algorithm>

#include "onestop/base/log.h"
#include "qr_matrix.h"

namespace onestop::printer {

namespace {
constexpr uint8_t ESC = 0x1B, GS = 0x1D, FS = 0x1C, LF = 0x0A;
}

Encoder::Encoder(Profile profile) : profile_(std::move(profile)) {}

Encoder& Encoder::initialize() {
    out_.insert(out_.end(), {ESC, '@'});
    return *this;
}

Encoder& Encoder::align(Align a) {
    out_.insert(out_.end(), {ESC, 'a', static_cast<uint8_t>(a)});
    return *this;
}

Encoder& Encoder::print_area(int left, int width) {
    auto lo = [](int v) { return static_cast<uint8_t>(v & 0xFF); };
    auto hi = [](int v) { return static_cast<uint8_t>((v >> 8) & 0xFF); };
    left = std::clamp(left, 0, 0xFFFF);
    width = std::clamp(width, 1, 0xFFFF);
    out_.insert(out_.end(), {GS, 'L', lo(left), hi(left), GS, 'W', lo(width), hi(width)});
    return *this;
}

Encoder& Encoder::bold(bool on) {
    out_.insert(out_.end(), {ESC, 'E', static_cast<uint8_t>(on ? 1 : 0)});
    return *this;
}

Encoder& Encoder::size(int width, int height) {
    width = std::clamp(width, 1, 8);
    height = std::clamp(height, 1, 8);
    out_.insert(out_.end(), {GS, '!', static_cast<uint8_t>(((width - 1) << 4) | (height - 1))});
    return *this;
}

Encoder& Encoder::text(std::string_view utf8) {
    bool ascii = std::all_of(utf8.begin(), utf8.end(),
                             [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    // Control bytes inside text would be read as commands: drop them.
    std::string clean;
    for (char c : utf8) {
        if (static_cast<unsigned char>(c) >= 0x20) clean += c;
    }
    if (ascii || profile_.encoding == TextEncoding::Utf8) {
        out_.insert(out_.end(), clean.begin(), clean.end());
        return *this;
    }
    // Kanji mode for the double-byte text; ASCII inside it still prints as ANK.
    std::string encoded = encode_text(clean, profile_.encoding);
    out_.insert(out_.end(), {FS, '&'});
    out_.insert(out_.end(), encoded.begin(), encoded.end());
    out_.insert(out_.end(), {FS, '.'});
    return *this;
}

Encoder& Encoder::line(std::string_view utf8) {
    text(utf8);
    put(LF);
    return *this;
}

Encoder& Encoder::feed_lines(int n) {
    out_.insert(out_.end(), {ESC, 'd', static_cast<uint8_t>(std::clamp(n, 0, 255))});
    return *this;
}

Encoder& Encoder::feed_dots(int n) {
    out_.insert(out_.end(), {ESC, 'J', static_cast<uint8_t>(std::clamp(n, 0, 255))});
    return *this;
}

Encoder& Encoder::qr(std::string_view data) {
    if (profile_.qr == QrMode::Native) return qr_native(data, profile_.qr_module_dots);
    return qr_raster(data, profile_.qr_module_dots);
}

Encoder& Encoder::qr_native(std::string_view data, int module_dots) {
    // 7089 digits is the most any QR symbol holds; beyond it the 16-bit length would wrap.
    if (data.empty() || data.size() > 7089) {
        logger("printer")->error("QR data of {} bytes cannot be encoded; QR left out", data.size());
        return *this;
    }
    auto fn = [this](uint8_t code, std::initializer_list<uint8_t> params) {
        size_t len = 2 + params.size();
        out_.insert(out_.end(), {GS, '(', 'k', static_cast<uint8_t>(len & 0xFF),
                                 static_cast<uint8_t>(len >> 8), 49, code});
        out_.insert(out_.end(), params);
    };
    fn(65, {50, 0});                                                 // model 2
    fn(67, {static_cast<uint8_t>(std::clamp(module_dots, 1, 16))});  // module size
    fn(69, {49});                                                    // EC level M
    size_t len = data.size() + 3;                                    // store: cn fn m + data
    out_.insert(out_.end(), {GS, '(', 'k', static_cast<uint8_t>(len & 0xFF),
                             static_cast<uint8_t>((len >> 8) & 0xFF), 49, 80, 48});
    out_.insert(out_.end(), data.begin(), data.end());
    fn(81, {48});  // print
    return *this;
}

Encoder& Encoder::qr_raster(std::string_view data, int module_dots) {
    auto qr = make_qr(data, 'M');
    if (!qr) {
        logger("printer")->error("QR data of {} bytes cannot be encoded; QR left out", data.size());
        return *this;
    }
    int dots = qr->size * module_dots;
    if (dots > profile_.print_width_dots()) {  // shrink the modules rather than clip the symbol
        module_dots = std::max(1, profile_.print_width_dots() / qr->size);
        dots = qr->size * module_dots;
    }
    int row_bytes = (dots + 7) / 8;
    std::vector<uint8_t> bits(static_cast<size_t>(row_bytes) * dots, 0);
    for (int y = 0; y < dots; ++y) {
        for (int x = 0; x < dots; ++x) {
            if (qr->at(x / module_dots, y / module_dots)) {
                bits[static_cast<size_t>(y) * row_bytes + x / 8] |=
                    static_cast<uint8_t>(0x80 >> (x % 8));
            }
        }
    }
    return raster(bits, dots, dots);
}

Encoder& Encoder::raster(const std::vector<uint8_t>& bits, int width_dots, int height_dots) {
    int row_bytes = (width_dots + 7) / 8;
    if (width_dots <= 0 || height_dots <= 0 ||
        bits.size() < static_cast<size_t>(row_bytes) * height_dots) {
        logger("printer")->error("raster image {}x{} has {} bytes; left out", width_dots,
                                 height_dots, bits.size());
        return *this;
    }
    for (int top = 0; top < height_dots; top += kRasterBandRows) {
        int rows = std::min(kRasterBandRows, height_dots - top);
        out_.insert(out_.end(),
                    {GS, 'v', '0', 0, static_cast<uint8_t>(row_bytes & 0xFF),
                     static_cast<uint8_t>(row_bytes >> 8), static_cast<uint8_t>(rows & 0xFF),
                     static_cast<uint8_t>(rows >> 8)});
        auto first = bits.begin() + static_cast<ptrdiff_t>(top) * row_bytes;
        out_.insert(out_.end(), first, first + static_cast<ptrdiff_t>(rows) * row_bytes);
    }
    return *this;
}

Encoder& Encoder::cut() {
    auto feed = static_cast<uint8_t>(std::clamp(profile_.cut_feed_dots, 0, 255));
    switch (profile_.cut) {
        case CutStyle::GsVFull:
            out_.insert(out_.end(), {GS, 'V', 65, feed});
            break;
        case CutStyle::GsVPartial:
            out_.insert(out_.end(), {GS, 'V', 66, feed});
            break;
        case CutStyle::EscI:
            out_.insert(out_.end(), {ESC, 'J', feed, ESC, 'i'});
            break;
        case CutStyle::EscM:
            out_.insert(out_.end(), {ESC, 'J', feed, ESC, 'm'});
            break;
        case CutStyle::None:
            out_.insert(out_.end(), {ESC, 'J', feed});
            break;
    }
    return *this;
}

}  // namespace onestop::printer
