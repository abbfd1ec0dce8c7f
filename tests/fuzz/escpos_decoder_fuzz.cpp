// libFuzzer target: the virtual printer's ESC/POS decoder must take any bytes.
// The first byte picks the profile (so GB18030, GBK and UTF-8 decoding all run).
#include <cstddef>
#include <cstdint>
#include <span>

#include "onestop/printer/virtual_printer.h"

using namespace onestop::printer;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0) return 0;
    const auto& all = profiles();
    const Profile& profile = all[data[0] % all.size()];
    Paper paper = decode_escpos(std::span(data + 1, size - 1), profile);
    // Touch what the renderer reads, so bad sizes would show up under ASan.
    size_t total = 0;
    for (const Block& b : paper.blocks) {
        if (const auto* img = std::get_if<ImageBlock>(&b)) {
            size_t row_bytes = (static_cast<size_t>(img->width_dots) + 7) / 8;
            if (img->bits.size() != row_bytes * static_cast<size_t>(img->height_dots))
                __builtin_trap();
            if (!img->bits.empty()) total += img->bits.back();
        } else if (const auto* line = std::get_if<TextLine>(&b)) {
            for (const auto& span : line->spans) total += span.utf8.size();
        } else if (const auto* qr = std::get_if<QrBlock>(&b)) {
            if (qr->module_dots < 1 || qr->module_dots > 16) __builtin_trap();
            total += qr->data.size();
        }
    }
    return total == static_cast<size_t>(-1);
}
