#include "onestop/printer/profile.h"

namespace onestop::printer {

namespace {

// Every model keeps 2 mm clear on each side (see Profile::margin_dots).
constexpr int kMargin = 2 * Profile::dots_per_mm;

std::vector<Profile> make_profiles() {
    std::vector<Profile> all;
    // The generic 80 mm printer most halls buy: GB18030 font, native QR, partial cut.
    all.push_back({"80mm",
                   "generic 80 mm ESC/POS, 576 dots",
                   576,
                   kMargin,
                   TextEncoding::Gb18030,
                   QrMode::Native,
                   6,
                   CutStyle::GsVPartial,
                   24,
                   200,
                   {}});
    all.push_back({"58mm",
                   "generic 58 mm ESC/POS, 384 dots",
                   384,
                   kMargin,
                   TextEncoding::Gb18030,
                   QrMode::Native,
                   5,
                   CutStyle::GsVPartial,
                   24,
                   90,
                   {}});
    // Epson TM-T20 family (Chinese models carry the GB18030 font). 04b8:0202 enumerates
    // as vendor class 0xFF, not printer class 7, so it must be found by its id.
    all.push_back({"tm-t20",
                   "Epson TM-T20 family (04b8:0202), 576 dots",
                   576,
                   kMargin,
                   TextEncoding::Gb18030,
                   QrMode::Native,
                   6,
                   CutStyle::GsVPartial,
                   24,
                   150,
                   {{0x04b8, 0x0202}}});
    // Xprinter XP-80 series: GBK font; cuts with GS V function A (full cut).
    all.push_back({"xprinter",
                   "Xprinter XP-80 series, GBK, 576 dots",
                   576,
                   kMargin,
                   TextEncoding::Gbk,
                   QrMode::Native,
                   6,
                   CutStyle::GsVFull,
                   24,
                   160,
                   {}});
    // POS-58 class clones (often 0416:5011): GBK, no GS ( k, only the old ESC i cut.
    all.push_back({"pos58",
                   "POS-58 class clones, GBK, raster QR, ESC i cut",
                   384,
                   kMargin,
                   TextEncoding::Gbk,
                   QrMode::Raster,
                   5,
                   CutStyle::EscI,
                   96,
                   90,
                   {{0x0416, 0x5011}}});
    // Newer firmware that can be switched to UTF-8 text.
    all.push_back({"80mm-utf8",
                   "80 mm printer in UTF-8 mode, 576 dots",
                   576,
                   kMargin,
                   TextEncoding::Utf8,
                   QrMode::Native,
                   6,
                   CutStyle::GsVPartial,
                   24,
                   200,
                   {}});
    return all;
}

}  // namespace

const std::vector<Profile>& profiles() {
    static const std::vector<Profile> all = make_profiles();
    return all;
}

Result<Profile> find_profile(std::string_view name) {
    std::string names;
    for (const auto& p : profiles()) {
        if (p.name == name) return p;
        names += (names.empty() ? "" : ", ") + p.name;
    }
    return make_error("unknown_profile",
                      "no printer profile '" + std::string(name) + "'; known: " + names);
}

const Profile& profile_for_usb(UsbId id) {
    for (const auto& p : profiles()) {
        for (const auto& known : p.usb_ids) {
            if (known.vid == id.vid && known.pid == id.pid) return p;
        }
    }
    return profiles().front();
}

const char* to_string(TextEncoding e) {
    switch (e) {
        case TextEncoding::Gb18030:
            return "GB18030";
        case TextEncoding::Gbk:
            return "GBK";
        case TextEncoding::Utf8:
            return "UTF-8";
    }
    return "?";
}

const char* to_string(CutStyle c) {
    switch (c) {
        case CutStyle::GsVFull:
            return "GS V 65 (full)";
        case CutStyle::GsVPartial:
            return "GS V 66 (partial)";
        case CutStyle::EscI:
            return "ESC i";
        case CutStyle::EscM:
            return "ESC m";
        case CutStyle::None:
            return "none";
    }
    return "?";
}

}  // namespace onestop::printer
