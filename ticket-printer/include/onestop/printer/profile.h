#pragma once
// A printer profile: everything that differs between the cheap ESC/POS models a hall
// buys. Layouts and the encoder read these fields; nothing model-specific is a constant.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::printer {

// How non-ASCII text is sent. Gb18030/Gbk use Kanji mode (FS & … FS .).
enum class TextEncoding { Gb18030, Gbk, Utf8 };

// How the paper is cut. GS V is the modern command (with a feed to bring the last line
// past the blade); ESC i / ESC m are what older and many 58 mm clones understand.
enum class CutStyle { GsVFull, GsVPartial, EscI, EscM, None };

enum class QrMode { Native, Raster };  // GS ( k, or GS v 0 bands made with libqrencode

struct UsbId {
    uint16_t vid = 0;
    uint16_t pid = 0;
};

struct Profile {
    std::string name;  // "80mm", "58mm", "tm-t20", "xprinter", "pos58"
    std::string description;
    int width_dots = 576;  // printable width at 8 dots/mm (203 dpi)
    // Kept free of ink on both sides (slips set the print area with GS L / GS W): text
    // that runs to the last dot is lost where the head or the paper guide falls short.
    int margin_dots = 2 * dots_per_mm;
    TextEncoding encoding = TextEncoding::Gb18030;
    QrMode qr = QrMode::Native;
    int qr_module_dots = 6;  // one QR module, in dots (native: GS ( k size n)
    CutStyle cut = CutStyle::GsVPartial;
    // GS V: extra dots fed past the cut position (the printer knows its blade).
    // ESC i / ESC m do not feed: this many dots are fed first (head-to-blade distance).
    int cut_feed_dots = 24;
    int speed_mm_s = 200;        // rated print speed; sizes write timeouts
    std::vector<UsbId> usb_ids;  // known models, including vendor-class ones (not class 7)

    static constexpr int dots_per_mm = 8;
    static constexpr int font_a_cell_dots = 12;  // Font A: 12×24 ASCII, 24×24 CJK
    int width_bytes() const { return (width_dots + 7) / 8; }
    int print_width_dots() const { return width_dots - 2 * margin_dots; }
    // Font A columns inside the margins; a CJK character takes two.
    int columns() const { return print_width_dots() / font_a_cell_dots; }
};

// The built-in profiles, "80mm" first (the default).
const std::vector<Profile>& profiles();
Result<Profile> find_profile(std::string_view name);
// The profile of a known USB model, or "80mm" for an unknown class-7 printer.
const Profile& profile_for_usb(UsbId id);

const char* to_string(TextEncoding e);
const char* to_string(CutStyle c);

}  // namespace onestop::printer
