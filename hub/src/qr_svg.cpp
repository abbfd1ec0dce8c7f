#include "qr_svg.h"

#include <qrencode.h>

#include <memory>

namespace onestop::hub {

std::optional<std::string> qr_svg(std::string_view text) {
    if (text.empty()) return std::nullopt;
    std::string copy(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeData(static_cast<int>(copy.size()),
                          reinterpret_cast<const unsigned char*>(copy.data()), 0, QR_ECLEVEL_M),
        &QRcode_free);
    if (!code) return std::nullopt;
    constexpr int kQuiet = 4;
    const int width = code->width;
    const std::string side = std::to_string(width + 2 * kQuiet);
    std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " +
                      side + "\" shape-rendering=\"crispEdges\"><rect width=\"" + side +
                      "\" height=\"" + side + "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
    // One horizontal run of dark modules per subpath keeps the path short.
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width;) {
            if (!(code->data[y * width + x] & 1)) {
                ++x;
                continue;
            }
            int run = 1;
            while (x + run < width && (code->data[y * width + x + run] & 1)) ++run;
            svg += "M" + std::to_string(x + kQuiet) + " " + std::to_string(y + kQuiet) + "h" +
                   std::to_string(run) + "v1h-" + std::to_string(run) + "z";
            x += run;
        }
    }
    return svg + "\"/></svg>";
}

}  // namespace onestop::hub
