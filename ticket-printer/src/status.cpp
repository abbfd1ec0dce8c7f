#include "onestop/printer/status.h"

namespace onestop::printer {

bool is_status_byte(uint8_t byte) {
    return (byte & 0x93) == 0x12;
}

bool apply_status_byte(StatusQuery query, uint8_t byte, PrinterStatus& status) {
    if (!is_status_byte(byte)) return false;
    switch (query) {
        case StatusQuery::Printer:  // bit 3: offline
            status.online = (byte & 0x08) == 0;
            break;
        case StatusQuery::OfflineCause:  // bit 2: cover open, bit 5: stopped by paper end, bit 6:
                                         // error
            status.cover_open = (byte & 0x04) != 0;
            status.error = (byte & 0x40) != 0;
            if (byte & 0x20) status.paper_end = true;
            break;
        case StatusQuery::RollPaper:  // bits 2,3: near end; bits 5,6: end
            status.paper_near_end = (byte & 0x0C) != 0;
            if (byte & 0x60) status.paper_end = true;
            break;
    }
    return true;
}

uint8_t status_byte(StatusQuery query, const PrinterStatus& s) {
    uint8_t b = 0x12;
    switch (query) {
        case StatusQuery::Printer:
            if (!s.online || s.cover_open || s.paper_end || s.error) b |= 0x08;
            break;
        case StatusQuery::OfflineCause:
            if (s.cover_open) b |= 0x04;
            if (s.paper_end) b |= 0x20;
            if (s.error) b |= 0x40;
            break;
        case StatusQuery::RollPaper:
            if (s.paper_near_end || s.paper_end) b |= 0x0C;
            if (s.paper_end) b |= 0x60;
            break;
    }
    return b;
}

}  // namespace onestop::printer
