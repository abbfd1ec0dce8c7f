// The four slips a hall prints. Widths come from the profile (columns and margins, in
// dots), so the same layout fits 58 mm and 80 mm paper and stays clear of both edges;
// every fixed phrase comes from printer.toml.
#include "onestop/printer/slips.h"
#include "slip_writer.h"

namespace onestop::printer {

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
    if (!r.received.empty()) {
        w.wrapped(w.t("acceptance_received"), Align::Left);
        for (size_t i = 0; i < r.received.size(); ++i)
            w.numbered(static_cast<int>(i + 1), r.received[i]);
        w.enc().line();
    }
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
