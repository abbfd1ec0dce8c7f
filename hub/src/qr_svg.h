#pragma once
// A QR code (libqrencode, byte mode, level M) as a standalone SVG image, for pages that show
// a secret once to be scanned (a new device's token in the console).

#include <optional>
#include <string>
#include <string_view>

namespace onestop::hub {

// The SVG text (one path of dark modules, a 4-module quiet zone, scaled by its viewBox);
// nullopt when `text` is empty or too long for a QR code.
std::optional<std::string> qr_svg(std::string_view text);

}  // namespace onestop::hub
