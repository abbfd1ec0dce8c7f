#pragma once
// The one interface every printer connection implements: USB (libusb), /dev/usb/lp*,
// TCP 9100, the in-memory fake. Protocol code above it never touches a device API.

#include <chrono>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/printer/profile.h"

namespace onestop::printer {

using Millis = std::chrono::milliseconds;

// Error codes a transport or print() returns.
namespace errc {
inline constexpr const char* kNotFound = "printer_not_found";   // no such device
inline constexpr const char* kAccess = "printer_access";        // permission (udev rule)
inline constexpr const char* kBusy = "printer_busy";            // claimed by another program
inline constexpr const char* kUnplugged = "printer_unplugged";  // gone mid-job: retryable
inline constexpr const char* kTimeout = "printer_timeout";      // nothing moved in time: retryable
inline constexpr const char* kIo = "printer_io";                // other I/O failure
inline constexpr const char* kNoStatus = "printer_no_status";   // no answer to DLE EOT
inline constexpr const char* kPaperEnd = "printer_paper_end";
inline constexpr const char* kCoverOpen = "printer_cover_open";
inline constexpr const char* kOffline = "printer_offline";
inline constexpr const char* kBadDevice = "bad_device";  // malformed DEV string
}  // namespace errc

// True for errors worth retrying after reopening the device (unplug, timeout, busy).
bool is_retryable(const Error& error);

class Transport {
  public:
    virtual ~Transport() = default;

    // Writes up to data.size() bytes, waiting at most `timeout`. Returns how many bytes
    // the device took: fewer than asked means the time ran out (the caller resumes from
    // there); an Error means the connection failed.
    virtual Result<size_t> write(std::span<const uint8_t> data, Millis timeout) = 0;
    // Reads what the printer sent (status answers), at most `max` bytes, waiting at most
    // `timeout`. Empty means nothing arrived in time.
    virtual Result<std::vector<uint8_t>> read(size_t max, Millis timeout) = 0;
    // False for a sink that can never answer a status query (a plain file).
    virtual bool answers_status() const { return true; }
    // "usb:04b8:0202", "tcp:127.0.0.1:9100", … for logs and reports.
    virtual std::string describe() const = 0;
    // The profile this device most likely needs (USB knows its model), else empty.
    virtual std::string suggested_profile() const { return {}; }
};

// Opens "usb" (first printer), "usb:VID:PID" (hex), "file:/dev/usb/lp0" or
// "tcp:HOST:PORT" (port defaults to 9100 when left out: "tcp:HOST").
Result<std::unique_ptr<Transport>> open_device(std::string_view spec);

// One USB printer as `onestop-print list` shows it.
struct UsbPrinterInfo {
    UsbId id;
    int bus = 0, address = 0;
    std::string name;  // manufacturer + product strings when readable, else the profile's
    int interface_number = 0;
    int interface_class = 7;
    uint8_t endpoint_out = 0, endpoint_in = 0;  // 0 = none
    std::string profile;
};
Result<std::vector<UsbPrinterInfo>> list_usb_printers();

}  // namespace onestop::printer
