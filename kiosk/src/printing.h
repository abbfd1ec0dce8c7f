#pragma once
// The ticket printer, driven from its own thread: every byte to one printer goes
// through this thread (DESIGN: all USB I/O of one printer from one thread). The
// device stays open between tickets and is reopened after a failure.

#include <functional>
#include <memory>
#include <string>

#include "onestop/base/job_thread.h"
#include "onestop/printer/printer.h"

namespace onestop::kiosk {

class TicketPrinter {
  public:
    // `device` in CONTRACT's syntax (usb | usb:VID:PID | file:PATH | tcp:HOST:PORT).
    TicketPrinter(std::string device, printer::Profile profile);
    ~TicketPrinter();

    const printer::Profile& profile() const { return profile_; }
    // Renders and prints on the printer thread; `done` is called there with the outcome
    // (an Error code from printer::errc when the slip did not come out).
    void print(printer::TicketSlip slip, config::Lang lang, std::function<void(Status)> done);

  private:
    Status print_now(const printer::Job& job);

    std::string device_;
    printer::Profile profile_;
    std::unique_ptr<printer::Transport> transport_;  // printer thread only
    JobThread thread_;
};

// The hub alert kind (POST /api/v1/alerts) and the catalogue key for a print error code.
const char* alert_kind(const Error& error);
const char* screen_message_key(const Error& error);

}  // namespace onestop::kiosk
