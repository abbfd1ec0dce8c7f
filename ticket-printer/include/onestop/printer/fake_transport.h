#pragma once
// An in-memory printer for tests: it answers DLE EOT like a real one, and can be told
// to fail on the N-th byte, to stall (time out after taking part of a write), or to
// report paper end / cover open.

#include <optional>
#include <vector>

#include "onestop/printer/status.h"
#include "onestop/printer/transport.h"

namespace onestop::printer {

class FakeTransport final : public Transport {
  public:
    struct Faults {
        // The write that would carry byte number N (0-based) fails with `fail_code` after
        // taking the bytes before it; later writes fail too (the device is gone).
        std::optional<size_t> fail_at_byte;
        std::string fail_code = errc::kUnplugged;
        // The next `stalls` writes take at most `stall_accept` bytes each and then time
        // out, as a busy printer does (libusb: LIBUSB_ERROR_TIMEOUT with transferred > 0).
        int stalls = 0;
        size_t stall_accept = 0;
        size_t stall_from_byte = 0;  // stalls begin once this many bytes have arrived
        bool silent = false;         // never answers status queries
    };

    FakeTransport() = default;
    explicit FakeTransport(Faults faults) : faults_(std::move(faults)) {}

    Result<size_t> write(std::span<const uint8_t> data, Millis timeout) override;
    Result<std::vector<uint8_t>> read(size_t max, Millis timeout) override;
    std::string describe() const override { return "fake"; }

    PrinterStatus& status() { return status_; }
    Faults& faults() { return faults_; }
    // Everything the printer took, status queries included.
    const std::vector<uint8_t>& received() const { return received_; }
    int write_calls() const { return write_calls_; }
    int timed_out_writes() const { return timed_out_writes_; }

  private:
    void answer_queries(size_t from);

    Faults faults_;
    PrinterStatus status_;
    std::vector<uint8_t> received_;
    std::vector<uint8_t> pending_answers_;
    bool failed_ = false;
    int write_calls_ = 0;
    int timed_out_writes_ = 0;
};

}  // namespace onestop::printer
