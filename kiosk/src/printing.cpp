#include "printing.h"

#include "onestop/base/log.h"

namespace onestop::kiosk {

TicketPrinter::TicketPrinter(std::string device, printer::Profile profile)
    : device_(std::move(device)),
      profile_(std::move(profile)),
      thread_(std::chrono::hours(1), nullptr) {
    thread_.start();
}

TicketPrinter::~TicketPrinter() {
    thread_.stop();
}

void TicketPrinter::print(printer::TicketSlip slip, config::Lang lang,
                          std::function<void(Status)> done) {
    thread_.submit([this, slip = std::move(slip), lang, done = std::move(done)] {
        auto job = printer::render_ticket(slip, profile_, lang);
        if (!job) return done(job.error());
        done(print_now(*job));
    });
}

Status TicketPrinter::print_now(const printer::Job& job) {
    auto log = logger("kiosk");
    // One retry after reopening: the printer may have been unplugged and plugged back.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!transport_) {
            auto t = printer::open_device(device_);
            if (!t) {
                log->warn("printer {}: {}", device_, t.error().message);
                return t.error();
            }
            transport_ = std::move(*t);
        }
        auto r = printer::print(*transport_, job);
        if (r) return {};
        log->warn("printer {}: {} ({})", device_, r.error().message, r.error().code);
        transport_.reset();
        if (!printer::is_retryable(r.error())) return r.error();
    }
    return make_error(printer::errc::kOffline, "the printer did not take the job");
}

const char* alert_kind(const Error& e) {
    if (e.code == printer::errc::kPaperEnd) return "printer_paper_end";
    if (e.code == printer::errc::kCoverOpen) return "printer_cover_open";
    if (e.code == printer::errc::kOffline || e.code == printer::errc::kNotFound ||
        e.code == printer::errc::kUnplugged || e.code == printer::errc::kTimeout ||
        e.code == printer::errc::kAccess || e.code == printer::errc::kBusy)
        return "printer_offline";
    return "printer_error";
}

const char* screen_message_key(const Error& e) {
    std::string kind = alert_kind(e);
    if (kind == "printer_paper_end") return "printer_paper_end";
    if (kind == "printer_cover_open") return "printer_cover_open";
    if (kind == "printer_offline") return "printer_offline";
    return "printer_error";
}

}  // namespace onestop::kiosk
