#pragma once
// Real-time status (DLE EOT n). Every answer byte has bits 1 and 4 set and bits 0 and 7
// clear; anything else is not a status byte (e.g. stale data) and is refused.

#include <cstdint>
#include <optional>

namespace onestop::printer {

struct PrinterStatus {
    bool online = true;
    bool cover_open = false;
    bool paper_near_end = false;
    bool paper_end = false;
    bool error = false;  // DLE EOT 2 bit 6: an error stopped the printer

    bool ready() const { return online && !cover_open && !paper_end && !error; }
    bool operator==(const PrinterStatus&) const = default;
};

inline constexpr uint8_t kDle = 0x10, kEot = 0x04;
enum class StatusQuery : uint8_t { Printer = 1, OfflineCause = 2, RollPaper = 4 };

// True iff `byte` looks like a DLE EOT answer (fixed bits right).
bool is_status_byte(uint8_t byte);
// Folds one answer into `status`. Returns false (and changes nothing) for a non-status byte.
bool apply_status_byte(StatusQuery query, uint8_t byte, PrinterStatus& status);
// The answer byte a printer in `status` gives to `query`; the emulator and the fake use it.
uint8_t status_byte(StatusQuery query, const PrinterStatus& status);

}  // namespace onestop::printer
