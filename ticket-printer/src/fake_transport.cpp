#include "onestop/printer/fake_transport.h"

#include <algorithm>

namespace onestop::printer {

Result<size_t> FakeTransport::write(std::span<const uint8_t> data, Millis) {
    ++write_calls_;
    if (failed_) return make_error(faults_.fail_code, "fake printer: the device is gone");
    size_t take = data.size();
    bool fail = false;
    if (faults_.fail_at_byte && received_.size() + take > *faults_.fail_at_byte) {
        take = *faults_.fail_at_byte - std::min(*faults_.fail_at_byte, received_.size());
        fail = true;
    }
    // A stalled write is a short count, exactly as a timed-out bulk transfer.
    if (!fail && faults_.stalls > 0 && take > faults_.stall_accept &&
        received_.size() >= faults_.stall_from_byte) {
        take = faults_.stall_accept;
        --faults_.stalls;
        ++timed_out_writes_;
    }
    size_t before = received_.size();
    received_.insert(received_.end(), data.begin(), data.begin() + static_cast<ptrdiff_t>(take));
    answer_queries(before);
    if (fail) {
        failed_ = true;
        return make_error(faults_.fail_code,
                          "fake printer: failed at byte " + std::to_string(*faults_.fail_at_byte));
    }
    return take;
}

// Answers every DLE EOT n that the new bytes complete (a query may straddle writes).
void FakeTransport::answer_queries(size_t from) {
    size_t start = from >= 2 ? from - 2 : 0;
    for (size_t i = start; i + 2 < received_.size(); ++i) {
        if (i + 2 < from) continue;  // completed and answered in an earlier write
        if (received_[i] != kDle || received_[i + 1] != kEot) continue;
        uint8_t n = received_[i + 2];
        if (n != 1 && n != 2 && n != 4) continue;
        if (!faults_.silent)
            pending_answers_.push_back(status_byte(static_cast<StatusQuery>(n), status_));
    }
}

Result<std::vector<uint8_t>> FakeTransport::read(size_t max, Millis) {
    if (failed_) return make_error(faults_.fail_code, "fake printer: the device is gone");
    size_t n = std::min(max, pending_answers_.size());
    std::vector<uint8_t> out(pending_answers_.begin(),
                             pending_answers_.begin() + static_cast<ptrdiff_t>(n));
    pending_answers_.erase(pending_answers_.begin(),
                           pending_answers_.begin() + static_cast<ptrdiff_t>(n));
    return out;
}

}  // namespace onestop::printer
