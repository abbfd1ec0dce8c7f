#pragma once
// A receipt printer driven from its own thread: every byte to one printer goes through
// this thread (DESIGN: all USB I/O of one printer from one thread). The device stays open
// between jobs and is reopened after a failure. The kiosk prints tickets with it, the
// counter its window's case slips.

#include <functional>
#include <memory>
#include <string>

#include "onestop/base/job_thread.h"
#include "onestop/printer/printer.h"

namespace onestop::printer {

class DevicePrinter {
  public:
    // `device` in CONTRACT's syntax (usb | usb:VID:PID | file:PATH | tcp:HOST:PORT);
    // `log_name` is the program's logger ("kiosk", "counter").
    DevicePrinter(std::string device, Profile profile, std::string log_name);
    ~DevicePrinter();
    DevicePrinter(const DevicePrinter&) = delete;
    DevicePrinter& operator=(const DevicePrinter&) = delete;

    const std::string& device() const { return device_; }
    const Profile& profile() const { return profile_; }
    // Renders with this printer's profile and prints, both on the printer thread; `done`
    // is called there with the outcome (an Error code from printer::errc when the slip did
    // not come out). Jobs print in the order given.
    void print(std::function<Result<Job>(const Profile&)> render, std::function<void(Status)> done);

  private:
    Status print_now(const Job& job);

    std::string device_;
    Profile profile_;
    std::string log_name_;
    std::unique_ptr<Transport> transport_;  // printer thread only
    JobThread thread_;
};

// What a print error means for people: printer_paper_end, printer_cover_open,
// printer_offline (unplugged, off, busy, unreachable) or printer_error. The hub's alert
// kinds (POST /api/v1/alerts) and the screens' catalogue keys are these.
const char* trouble_kind(const Error& error);

}  // namespace onestop::printer
