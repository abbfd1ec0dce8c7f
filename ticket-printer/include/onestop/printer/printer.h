#pragma once
// Sending a job and asking how the printer is. The kiosk's whole printing API is this
// header plus slips.h and transport.h (open_device). See docs/printer.md.

#include <cstddef>

#include "onestop/base/result.h"
#include "onestop/printer/slips.h"
#include "onestop/printer/status.h"
#include "onestop/printer/transport.h"

namespace onestop::printer {

struct PrintReport {
    size_t bytes = 0;        // bytes the printer took (the whole job on success)
    int chunks = 0;          // chunks written
    int resumed_writes = 0;  // writes that timed out part-way and were resumed
    Millis elapsed{0};
    PrinterStatus status;  // after the job (paper near end shows here)
    bool status_known = false;
};

// Asks DLE EOT 1, 2 and 4 (each waits at most `timeout`). printer_no_status when the
// printer does not answer — never blocks longer than 3 × timeout.
Result<PrinterStatus> query_status(Transport& transport, Millis timeout = Millis(500));

// Checks status first (paper end / cover open / offline refuse the job with that error,
// a printer that does not answer status is printed to anyway), then writes the job in
// chunks whose timeouts follow the profile's print speed, resuming short writes. A
// failure part-way (printer_unplugged, printer_timeout, printer_io) is retryable by
// reopening the device and printing the job again.
Result<PrintReport> print(Transport& transport, const Job& job);

// Chunk size and per-chunk timeout for a profile: a chunk of raster data at most this
// long must print in the timeout with margin.
inline constexpr size_t kChunkBytes = 4096;
Millis chunk_timeout(const Profile& profile, size_t chunk_bytes);

}  // namespace onestop::printer
