#include "onestop/printer/device_printer.h"

#include "onestop/base/log.h"

namespace onestop::printer {

DevicePrinter::DevicePrinter(std::string device, Profile profile, std::string log_name)
    : device_(std::move(device)),
      profile_(std::move(profile)),
      log_name_(std::move(log_name)),
      thread_(std::chrono::hours(1), nullptr) {
    thread_.start();
}

DevicePrinter::~DevicePrinter() {
    thread_.stop();
}

void DevicePrinter::print(std::function<Result<Job>(const Profile&)> render,
                          std::function<void(Status)> done) {
    thread_.submit([this, render = std::move(render), done = std::move(done)] {
        auto job = render(profile_);
        if (!job) return done(job.error());
        done(print_now(*job));
    });
}

Status DevicePrinter::print_now(const Job& job) {
    auto log = logger(log_name_);
    // One retry after reopening: the printer may have been unplugged and plugged back.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!transport_) {
            auto t = open_device(device_);
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
        if (!is_retryable(r.error())) return r.error();
    }
    return make_error(errc::kOffline, "the printer did not take the job");
}

const char* trouble_kind(const Error& e) {
    if (e.code == errc::kPaperEnd) return "printer_paper_end";
    if (e.code == errc::kCoverOpen) return "printer_cover_open";
    if (e.code == errc::kOffline || e.code == errc::kNotFound || e.code == errc::kUnplugged ||
        e.code == errc::kTimeout || e.code == errc::kAccess || e.code == errc::kBusy)
        return "printer_offline";
    return "printer_error";
}

}  // namespace onestop::printer
