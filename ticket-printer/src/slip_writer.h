#pragma once
// Private to the printer library: what every printed slip and label is made with — the
// phrase catalogue (assets/i18n/printer.toml), times as printed, and SlipWriter, the shared
// pieces (wrapped and labelled text, rules, QR codes, footers) on top of the encoder.
#include <cstdio>
#include <map>

#include "onestop/base/time.h"
#include "onestop/config/catalogue.h"
#include "onestop/printer/encoder.h"
#include "onestop/printer/slips.h"
#include "qr_matrix.h"

namespace onestop::printer {

inline Result<const config::Catalogue*> catalogue() {
    static const Result<config::Catalogue> cat = config::Catalogue::load_asset("printer");
    if (!cat) return cat.error();
    return &cat.value();
}

inline std::string minute_text(TimePoint t) {
    LocalTime lt = to_local(t);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                  lt.minute);
    return buf;
}

// Shared pieces of every slip, on top of the encoder.
class SlipWriter {
  public:
    SlipWriter(const Profile& p, const config::Catalogue& cat, Lang lang)
        : enc_(p), cat_(cat), lang_(lang), cols_(p.columns()) {
        enc_.initialize().print_area(p.margin_dots, p.print_width_dots());
    }

    std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
        return cat_.text(key, lang_, args);
    }

    // Text wrapped to the paper at a character width multiplier `w`.
    void wrapped(std::string_view text, Align a, int w = 1, int h = 1, bool bold = false) {
        enc_.align(a).size(w, h).bold(bold);
        for (const auto& line : wrap_columns(text, cols_ / w)) enc_.line(line);
        if (bold) enc_.bold(false);
        if (w != 1 || h != 1) enc_.size(1, 1);
    }

    // "label value", the value's continuation lines indented under its first character
    // (a label wider than half the paper puts the value on lines of its own instead).
    void labeled(std::string_view label_key, std::string_view value, int h = 1, bool bold = false) {
        std::string label = t(label_key);
        int indent = text_columns(label);
        enc_.align(Align::Left).size(1, h).bold(bold);
        if (indent > cols_ / 2) {
            enc_.line(label);
            label.clear();
            indent = 0;
        }
        auto lines = wrap_columns(value, cols_ - indent);
        for (size_t i = 0; i < lines.size(); ++i) {
            enc_.line((i == 0 ? label : std::string(static_cast<size_t>(indent), ' ')) + lines[i]);
        }
        if (bold) enc_.bold(false);
        if (h != 1) enc_.size(1, 1);
    }

    // A list item: "1. " then the text, continuation lines indented under the text.
    void numbered(int n, std::string_view text) {
        std::string mark = std::to_string(n) + ". ";
        std::string indent(mark.size(), ' ');
        enc_.align(Align::Left);
        auto lines = wrap_columns(text, cols_ - static_cast<int>(mark.size()));
        for (size_t i = 0; i < lines.size(); ++i) enc_.line((i == 0 ? mark : indent) + lines[i]);
    }

    void rule() { enc_.align(Align::Left).line(std::string(static_cast<size_t>(cols_), '-')); }

    void header(const std::string& hall, std::string_view title_key) {
        if (!title_key.empty()) wrapped(t(title_key), Align::Center, 1, 2, true);
        wrapped(hall, Align::Center);
        rule();
    }

    void footer(const std::string& window, const std::string& staff, const std::string& date) {
        rule();
        labeled("slip_window", window);
        labeled("slip_staff", staff);
        labeled("slip_date", date);
    }

    Status qr(const std::string& url) {
        if (url.empty()) return {};
        if (!make_qr(url, 'M'))
            return make_error("invalid_slip",
                              "QR data too long: " + std::to_string(url.size()) + " bytes");
        // A quiet zone of about four modules above and below the symbol.
        int quiet = 3 * enc_.profile().qr_module_dots;
        enc_.feed_dots(quiet).align(Align::Center).qr(url).feed_dots(quiet);
        return {};
    }

    // The case page's QR with its caption (nothing without a url).
    Status progress_qr(const std::string& url) {
        if (auto st = qr(url); !st) return st;
        if (!url.empty()) wrapped(t("acceptance_scan"), Align::Center);
        return {};
    }

    Encoder& enc() { return enc_; }

    Job finish(const char* kind) {
        enc_.cut();  // the cut's own feed brings the last line past the blade
        return Job{kind, enc_.profile(), enc_.take()};
    }

  private:
    Encoder enc_;
    const config::Catalogue& cat_;
    Lang lang_;
    int cols_;
};

inline Error missing(const char* field) {
    return make_error("invalid_slip", std::string("the slip needs ") + field);
}

}  // namespace onestop::printer
