#include "onestop/printer/asset_prints.h"

#include "slip_writer.h"

namespace onestop::printer {

namespace {

// Label stock: a 2 mm margin each side like the rolls; 4-dot QR modules (0.5 mm, which a
// phone camera and a handheld scanner read at a hand's distance; the symbol's own quiet zone
// comes from the blank around it); no cut, a 1 mm feed to the gap between labels.
Profile label_profile(const char* name, const char* description, int width_dots) {
    return {name,
            description,
            width_dots,
            2 * Profile::dots_per_mm,
            TextEncoding::Gb18030,
            QrMode::Native,
            4,
            CutStyle::None,
            8,
            100,
            {}};
}

std::vector<LabelStock> make_stocks() {
    std::vector<LabelStock> all;
    all.push_back({label_profile("label40x30", "40×30 mm label stock, 320 dots", 320),
                   30 * Profile::dots_per_mm});
    all.push_back({label_profile("label50x30", "50×30 mm label stock, 400 dots", 400),
                   30 * Profile::dots_per_mm});
    for (const char* roll : {"58mm", "80mm"}) all.push_back({*find_profile(roll), 0});
    return all;
}

// The first line of `text` that fits `columns`.
std::string one_line(std::string_view text, int columns) {
    auto lines = wrap_columns(text, columns);
    return lines.empty() ? std::string() : lines.front();
}

}  // namespace

const std::vector<LabelStock>& label_stocks() {
    static const std::vector<LabelStock> all = make_stocks();
    return all;
}

Result<LabelStock> find_label_stock(std::string_view name) {
    std::string names;
    for (const auto& s : label_stocks()) {
        if (s.profile.name == name) return s;
        names += (names.empty() ? "" : ", ") + s.profile.name;
    }
    return make_error("unknown_profile",
                      "no label stock '" + std::string(name) + "'; known: " + names);
}

Result<Job> render_asset_label(const AssetLabel& label, const LabelStock& stock) {
    if (label.tag.empty()) return missing("an asset tag");
    const std::string qr = label.qr.empty() ? label.tag : label.qr;
    if (!make_qr(qr, 'M'))
        return make_error("invalid_slip", "QR data too long: " + std::to_string(qr.size()));
    const Profile& p = stock.profile;
    Encoder enc(p);
    enc.initialize().print_area(p.margin_dots, p.print_width_dots());
    bool roll = stock.height_dots == 0;
    if (roll && !label.hall_name.empty())
        enc.align(Align::Center).line(one_line(label.hall_name, p.columns()));
    enc.align(Align::Center).bold(true).line(label.tag).bold(false);
    int quiet = p.qr_module_dots;
    enc.feed_dots(quiet).align(Align::Center).qr(qr).feed_dots(quiet);
    if (!label.name.empty()) {
        if (roll) {
            for (const auto& line : wrap_columns(label.name, p.columns())) enc.line(line);
        } else {
            enc.line(one_line(label.name, p.columns()));
        }
    }
    enc.cut();
    return Job{"label", p, enc.take()};
}

Result<Job> render_requisition_slip(const RequisitionSlip& s, const Profile& profile, Lang lang) {
    if (s.number.empty()) return missing("a requisition number");
    if (s.approved_name.empty()) return missing("the approver (print once approved)");
    auto cat = catalogue();
    if (!cat) return cat.error();
    SlipWriter w(profile, **cat, lang);
    w.header(s.hall_name, "requisition_title");
    w.labeled("requisition_number", s.number, 1, true);
    w.labeled("requisition_item", s.item);
    w.labeled("requisition_tag", s.tag);
    w.labeled("requisition_quantity", std::to_string(s.quantity));
    if (!s.keeper.empty()) w.labeled("requisition_keeper", s.keeper);
    w.labeled("requisition_reason", s.reason);
    w.rule();
    w.labeled("requisition_asked", s.asked_name);
    w.labeled("requisition_asked_at", s.asked_at);
    w.labeled("requisition_approved", s.approved_name);
    w.labeled("requisition_approved_at", s.approved_at);
    w.rule();
    // Room to sign by hand under each label: a blank line, then a rule across the paper. The
    // label stands alone on its line so that it reads back (OCR) as printed.
    for (const char* key : {"requisition_sign_asker", "requisition_sign_approver", "slip_date"}) {
        w.enc().align(Align::Left).line(w.t(key)).line();
        w.rule();
    }
    return w.finish("requisition");
}

}  // namespace onestop::printer
