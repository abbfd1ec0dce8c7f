#include "onestop/board/voice_queue.h"

#include <algorithm>

namespace onestop::board {

VoiceQueue::Added VoiceQueue::add(const Call& call, TimePoint at) {
    ++counts_.calls;
    auto same = std::find_if(waiting_.begin(), waiting_.end(),
                             [&](const Waiting& w) { return w.call.number == call.number; });
    if (same != waiting_.end()) {
        // The newer call is the one staff are waiting on: its window, and its time for
        // the delay (a recall is made because the first call went unanswered).
        same->call.window = call.window;
        same->call.recall = same->call.recall || call.recall;
        same->called = at;
        ++counts_.merged;
        return Added::Merged;
    }
    waiting_.push_back({call, at, !speaking_ && waiting_.empty()});
    return Added::Queued;
}

VoiceQueue::Next VoiceQueue::next(TimePoint now) {
    Next out;
    while (!waiting_.empty()) {
        Waiting w = std::move(waiting_.front());
        waiting_.pop_front();
        if (too_late(w, now)) {
            ++counts_.dropped;
            out.dropped.push_back(std::move(w.call));
            continue;
        }
        const bool english = options_.english == queue::VoiceEnglish::After ||
                             (options_.english == queue::VoiceEnglish::Recall && w.call.recall);
        out.turn = VoiceTurn{std::move(w.call), w.called, w.chime, english};
        speaking_ = true;
        ++counts_.said;
        break;
    }
    return out;
}

bool VoiceQueue::english_now(TimePoint now) {
    const bool others = std::any_of(waiting_.begin(), waiting_.end(),
                                    [&](const Waiting& w) { return !too_late(w, now); });
    ++(others ? counts_.english_dropped : counts_.english_said);
    return !others;
}

void VoiceQueue::done() {
    speaking_ = false;
}

}  // namespace onestop::board
