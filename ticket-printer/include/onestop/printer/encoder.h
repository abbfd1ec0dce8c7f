#pragma once
// A builder for the ESC/POS subset OneStop prints. Text is UTF-8 in, and leaves in the
// profile's encoding; QR codes are native (GS ( k) or raster (GS v 0) per profile.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/printer/profile.h"

namespace onestop::printer {

enum class Align : uint8_t { Left = 0, Center = 1, Right = 2 };

class Encoder {
  public:
    explicit Encoder(Profile profile);

    Encoder& initialize();    // ESC @
    Encoder& align(Align a);  // ESC a n
    // GS L + GS W: lines start `left` dots in and wrap after `width` dots (alignment is
    // within that area). Printers take it only at the start of a line.
    Encoder& print_area(int left, int width);
    Encoder& bold(bool on);                     // ESC E n
    Encoder& size(int width, int height);       // GS ! n, each 1..8
    Encoder& text(std::string_view utf8);       // in the profile's encoding
    Encoder& line(std::string_view utf8 = {});  // text + LF
    Encoder& feed_lines(int n);                 // ESC d n
    Encoder& feed_dots(int n);                  // ESC J n (8 dots = 1 mm)
    // The QR code of `data` (EC level M), centred by the current alignment.
    Encoder& qr(std::string_view data);
    Encoder& qr_native(std::string_view data, int module_dots);
    // Fails softly: data libqrencode cannot encode prints nothing and is logged.
    Encoder& qr_raster(std::string_view data, int module_dots);
    // A 1-bit image, rows of (width+7)/8 bytes, MSB = leftmost dot, sent in bands.
    Encoder& raster(const std::vector<uint8_t>& bits, int width_dots, int height_dots);
    Encoder& cut();  // per profile, with the feed it needs

    const std::vector<uint8_t>& bytes() const { return out_; }
    std::vector<uint8_t> take() { return std::move(out_); }
    const Profile& profile() const { return profile_; }

    // Rows per GS v 0 band: small enough for the receive buffers of cheap models.
    static constexpr int kRasterBandRows = 64;

  private:
    void put(uint8_t b) { out_.push_back(b); }
    Profile profile_;
    std::vector<uint8_t> out_;
};

// UTF-8 → the profile's bytes. Characters the encoding lacks become '?'.
std::string encode_text(std::string_view utf8, TextEncoding encoding);
// The profile's bytes → UTF-8. Undecodable bytes become U+FFFD.
std::string decode_text(std::string_view bytes, TextEncoding encoding);

// Display columns of UTF-8 text on a printer: CJK and other wide characters take two.
int text_columns(std::string_view utf8);
// Breaks text into lines of at most `columns` columns, at spaces when there are any
// (English), anywhere between wide characters (Chinese).
std::vector<std::string> wrap_columns(std::string_view utf8, int columns);

}  // namespace onestop::printer
