#pragma once
// What a hall prints, laid out for a profile in zh or en. All fixed text comes from
// assets/i18n/printer.toml; the fields below are data the caller already has
// (names in the language being printed).

#include <string>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"
#include "onestop/config/catalogue.h"
#include "onestop/printer/profile.h"

namespace onestop::printer {

using config::Lang;

// Bytes ready for a printer, and the profile they were made for (print() sizes its
// write timeouts by the profile's speed).
struct Job {
    std::string kind;  // "ticket", "supplement", "acceptance", "return", "instant"
    Profile profile;
    std::vector<uint8_t> bytes;
};

struct TicketSlip {
    std::string hall_name;     // e.g. "北区一站式服务大厅"
    std::string service_name;  // e.g. "学籍证明"
    std::string number;        // "A012"
    int waiting_ahead = 0;
    TimePoint issued_at;
    std::string qr_url;  // the hub's /t/{id}?c=CODE
};

// 申请材料补正一次性告知单: every missing material, listed once.
struct SupplementNotice {
    std::string hall_name;
    std::string item;                  // the service item applied for
    std::vector<std::string> missing;  // the materials to bring
    std::string window;                // "3号窗口 教务处" / "Window 3"
    std::string staff_number;          // "S001"
    TimePoint date;
    std::string case_number{};   // the case the applicant comes back with; printed when given
    std::string progress_url{};  // QR: the case page /c/{id}?c=CODE; printed when given
};

// 受理通知书 for deadline (限时办结) items.
struct AcceptanceReceipt {
    std::string hall_name;
    std::string item;
    std::string case_number;
    TimePoint accepted_at;
    std::string promised_date;  // "2026-12-04"
    std::string window;
    std::string staff_number;
    std::string progress_url;             // QR: where to check progress
    std::vector<std::string> received{};  // the materials taken in, listed when given
};

// 不予受理/退回通知书.
struct ReturnNotice {
    std::string hall_name;
    std::string item;
    std::string reason;
    std::string where_to_ask;  // office, room, phone
    std::string window;
    std::string staff_number;
    TimePoint date;
    std::string case_number{};   // printed when given
    std::string progress_url{};  // QR of the case page, printed when given
};

// 办结回执: a short receipt for an item handled on the spot (即办).
struct InstantReceipt {
    std::string hall_name;
    std::string item;
    std::string case_number;
    TimePoint completed_at;
    std::string window;
    std::string staff_number;
};

Result<Job> render_ticket(const TicketSlip& slip, const Profile& profile, Lang lang);
Result<Job> render_supplement_notice(const SupplementNotice& n, const Profile& profile, Lang lang);
Result<Job> render_acceptance_receipt(const AcceptanceReceipt& r, const Profile& profile,
                                      Lang lang);
Result<Job> render_return_notice(const ReturnNotice& n, const Profile& profile, Lang lang);
Result<Job> render_instant_receipt(const InstantReceipt& r, const Profile& profile, Lang lang);

}  // namespace onestop::printer
