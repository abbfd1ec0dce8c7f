// The four slips a hall prints. Widths come from the profile (columns and margins, in
// dots), so the same layout fits 58 mm and 80 mm paper and stays clear of both edges;
// every fixed phrase comes from printer.toml.
#include <cstdio>

#include "onestop/base/time.h"
#include "onestop/printer/encoder.h"
#include "onestop/printer/slips.h"
#include "qr_matrix.h"

namespace onestop::printer {

namespace {

Result<const config::Catalogue*> catalogue() {
    static const Result<config::Catalogue> cat = config::Catalogue::load_asset("printer");
    if (!cat) return cat.error();
    return &cat.value();
}

std::string minute_text(TimePoint t) {
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

Error missing(const char* field) {
    return make_error("invalid_slip", std::string("the slip needs ") + field);
}

}  // namespace

Result<Job> render_ticket(const TicketSlip& slip, const Profile& profile, Lang lang) {
    if (slip.number.empty()) return missing("a ticket number");
    auto cat = catalogue();
    if (!cat) return cat.error();
    SlipWriter w(profile, **cat, lang);
    w.wrapped(slip.hall_name, Align::Center, 1, 1, true);
    w.rule();
    w.wrapped(slip.service_name, Align::Center, 2, 2, true);
    w.wrapped(w.t("ticket_your_number"), Align::Center);
    // The number is what people read from across the hall: as big as the paper allows.
    int big = std::min(5, profile.columns() / std::max<int>(4, text_columns(slip.number)));
    w.enc().align(Align::Center).size(big, big).bold(true).line(slip.number).bold(false).size(1, 1);
    std::string ahead = slip.waiting_ahead <= 0 ? w.t("ticket_ahead_none")
                        : slip.waiting_ahead == 1
                            ? w.t("ticket_ahead_one")
                            : w.t("ticket_ahead", {{"n", std::to_string(slip.waiting_ahead)}});
    w.wrapped(ahead, Align::Center, 1, 1, true);
    w.wrapped(w.t("ticket_taken_at", {{"time", minute_text(slip.issued_at)}}), Align::Center);
    if (auto st = w.qr(slip.qr_url); !st) return st.error();
    if (!slip.qr_url.empty()) w.wrapped(w.t("ticket_scan"), Align::Center);
    w.rule();
    w.wrapped(w.t("ticket_guidance"), Align::Left);
    return w.finish("ticket");
}

Result<Job> render_supplement_notice(const SupplementNotice& n, const Profile& profile, Lang lang) {
    if (n.missing.empty()) return missing("at least one missing material");
    auto cat = catalogue();
    if (!cat) return cat.error();
    SlipWriter w(profile, **cat, lang);
    w.header(n.hall_name, "supplement_title");
    if (!n.case_number.empty()) w.labeled("acceptance_case", n.case_number, 1, true);
    w.labeled("slip_item", n.item, 1, true);
    w.wrapped(w.t("supplement_intro"), Align::Left);
    for (size_t i = 0; i < n.missing.size(); ++i) w.numbered(static_cast<int>(i + 1), n.missing[i]);
    w.enc().line();
    w.wrapped(w.t("supplement_bring", {{"window", n.window}}), Align::Left);
    w.wrapped(w.t("supplement_once"), Align::Left);
    if (auto st = w.progress_qr(n.progress_url); !st) return st.error();
    w.footer(n.window, n.staff_number, to_local(n.date).date());
    return w.finish("supplement");
}

Result<Job> render_acceptance_receipt(const AcceptanceReceipt& r, const Profile& profile,
                                      Lang lang) {
    if (r.case_number.empty()) return missing("a case number");
    if (r.promised_date.empty()) return missing("a promised date");
    auto cat = catalogue();
    if (!cat) return cat.error();
    SlipWriter w(profile, **cat, lang);
    w.header(r.hall_name, "acceptance_title");
    w.labeled("acceptance_case", r.case_number, 1, true);
    w.labeled("slip_item", r.item);
    w.labeled("acceptance_at", minute_text(r.accepted_at));
    w.labeled("acceptance_promised", r.promised_date, 2, true);
    w.wrapped(w.t("acceptance_body"), Align::Left);
    if (auto st = w.progress_qr(r.progress_url); !st) return st.error();
    w.footer(r.window, r.staff_number, to_local(r.accepted_at).date());
    return w.finish("acceptance");
}

Result<Job> render_return_notice(const ReturnNotice& n, const Profile& profile, Lang lang) {
    if (n.reason.empty()) return missing("a reason");
    auto cat = catalogue();
    if (!cat) return cat.error();
    SlipWriter w(profile, **cat, lang);
    w.header(n.hall_name, "return_title");
    if (!n.case_number.empty()) w.labeled("acceptance_case", n.case_number, 1, true);
    w.labeled("slip_item", n.item, 1, true);
    w.labeled("return_reason", n.reason);
    w.labeled("return_ask", n.where_to_ask);
    w.wrapped(w.t("return_rights"), Align::Left);
    if (auto st = w.progress_qr(n.progress_url); !st) return st.error();
    w.footer(n.window, n.staff_number, to_local(n.date).date());
    return w.finish("return");
}

Result<Job> render_instant_receipt(const InstantReceipt& r, const Profile& profile, Lang lang) {
    if (r.case_number.empty()) return missing("a case number");
    auto cat = catalogue();
    if (!cat) return cat.error();
    SlipWriter w(profile, **cat, lang);
    w.header(r.hall_name, "instant_title");
    w.labeled("acceptance_case", r.case_number, 1, true);
    w.labeled("slip_item", r.item);
    w.labeled("instant_at", minute_text(r.completed_at));
    w.wrapped(w.t("instant_body"), Align::Left);
    w.footer(r.window, r.staff_number, to_local(r.completed_at).date());
    return w.finish("instant");
}

}  // namespace onestop::printer
