#include <algorithm>
#include <chrono>

#include "onestop/base/log.h"
#include "onestop/printer/printer.h"

namespace onestop::printer {

namespace {

// Drops anything a printer sent unasked (answers to queries inside earlier data) so the
// next byte read answers our own query.
void drain(Transport& t) {
    for (int i = 0; i < 8; ++i) {
        auto got = t.read(64, Millis(0));
        if (!got || got->empty()) return;
    }
}

}  // namespace

Millis chunk_timeout(const Profile& profile, size_t chunk_bytes) {
    // Worst case every byte is raster data: one dot row is width_bytes bytes and
    // 1/dots_per_mm mm of paper. Twice that time plus a second for the USB round trip,
    // motor start and the cut.
    double rows = static_cast<double>(chunk_bytes) / profile.width_bytes();
    double mm = rows / Profile::dots_per_mm;
    double seconds = mm / std::max(1, profile.speed_mm_s);
    return Millis(1000 + static_cast<long>(2000.0 * seconds));
}

Result<PrinterStatus> query_status(Transport& transport, Millis timeout) {
    if (!transport.answers_status()) {
        return make_error(errc::kNoStatus, transport.describe() + " cannot answer status queries");
    }
    drain(transport);
    PrinterStatus status;
    for (auto q : {StatusQuery::Printer, StatusQuery::OfflineCause, StatusQuery::RollPaper}) {
        const uint8_t ask[3] = {kDle, kEot, static_cast<uint8_t>(q)};
        auto wrote = transport.write(ask, timeout);
        if (!wrote) return wrote.error();
        if (*wrote != sizeof ask) {
            return make_error(errc::kTimeout,
                              transport.describe() + ": status query not accepted in time");
        }
        auto deadline = std::chrono::steady_clock::now() + timeout;
        bool answered = false;
        while (!answered) {
            auto left =
                std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
            if (left.count() <= 0) break;
            auto got = transport.read(1, left);
            if (!got) return got.error();
            if (got->empty()) {
                if (!transport.answers_status()) break;  // found out it never will
                continue;
            }
            answered = apply_status_byte(q, got->front(), status);  // skips stray bytes
        }
        if (!answered) {
            return make_error(errc::kNoStatus, transport.describe() + ": no answer to DLE EOT " +
                                                   std::to_string(static_cast<int>(q)));
        }
    }
    return status;
}

Result<PrintReport> print(Transport& transport, const Job& job) {
    auto log = logger("printer");
    auto started = std::chrono::steady_clock::now();
    PrintReport report;

    auto before = query_status(transport);
    if (before) {
        const PrinterStatus& s = *before;
        if (s.paper_end)
            return make_error(errc::kPaperEnd, transport.describe() + ": out of paper");
        if (s.cover_open)
            return make_error(errc::kCoverOpen, transport.describe() + ": cover open");
        if (!s.online || s.error)
            return make_error(errc::kOffline, transport.describe() + ": printer offline");
    } else if (before.error().code == errc::kNoStatus) {
        // Many cheap printers (and plain files) never answer; print anyway.
        log->debug("{}: no status before printing; printing anyway", transport.describe());
    } else {
        return before.error();
    }

    const auto& bytes = job.bytes;
    size_t sent = 0;
    while (sent < bytes.size()) {
        size_t len = std::min(kChunkBytes, bytes.size() - sent);
        Millis timeout = chunk_timeout(job.profile, len);
        size_t chunk_done = 0;
        int stalls = 0;
        while (chunk_done < len) {
            std::span<const uint8_t> part(bytes.data() + sent + chunk_done, len - chunk_done);
            auto wrote = transport.write(part, timeout);
            if (!wrote) {
                log->warn("{}: {} after {} of {} bytes", transport.describe(),
                          wrote.error().message, sent + chunk_done, bytes.size());
                return wrote.error();
            }
            chunk_done += *wrote;
            if (chunk_done < len) {
                // Timed out part-way: resume after what went out. A printer that takes
                // nothing for three timeouts in a row is stuck (paper jam, buffer full).
                ++report.resumed_writes;
                stalls = *wrote == 0 ? stalls + 1 : 0;
                if (stalls >= 3) {
                    return make_error(errc::kTimeout,
                                      transport.describe() + ": printer took nothing for " +
                                          std::to_string(3 * timeout.count()) + " ms at byte " +
                                          std::to_string(sent + chunk_done));
                }
            }
        }
        sent += len;
        ++report.chunks;
    }
    report.bytes = sent;

    if (auto after = query_status(transport)) {
        report.status = *after;
        report.status_known = true;
        if (after->paper_near_end) log->warn("{}: paper near end", transport.describe());
    }
    report.elapsed = std::chrono::duration_cast<Millis>(std::chrono::steady_clock::now() - started);
    return report;
}

}  // namespace onestop::printer
