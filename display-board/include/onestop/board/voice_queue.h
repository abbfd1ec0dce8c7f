#pragma once
// Which call the hall hears next, and how much of it. Pure: times are passed in and
// nothing blocks, so the rules are tested with made-up times and the benchmark
// (bench/board/voice_bench.cpp) plays a busy hour through them in simulated time.
// VoicePlayer runs them on its thread against a real speaker.
//
// One voice says about 16 short calls a minute at most, and a hall at a busy hour makes
// 8–16: the voice must not fall behind. So:
// - calls are said in the order they came, one at a time;
// - a call of a ticket still waiting to be said (a recall, or the number called again
//   at another window) is not said twice: the waiting one takes the newer window and
//   time, and keeps its place;
// - the chime goes before a call that came to a silent hall, not between calls said
//   back to back;
// - English (the languages after the first) follows the Mandarin only as the hall's
//   voice_english allows, and only when no other call waits once the Mandarin is said;
// - a call that cannot begin within max_delay of its call is not said at all: the screen
//   shows it, and a hall that hears numbers minutes late is worse served than by the
//   screen alone (the old queue said everything and fell minutes behind).

#include <chrono>
#include <cstdint>
#include <deque>
#include <optional>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/board/announcement.h"
#include "onestop/queue/hall.h"

namespace onestop::board {

// One announcement to say now.
struct VoiceTurn {
    Call call;
    TimePoint called;      // the latest call it answers
    bool chime = false;    // it came to a silent hall
    bool english = false;  // voice_english allows English after it: ask english_now() when the
                           // Mandarin is said
};

struct VoiceCounts {
    uint64_t calls = 0;    // add()
    uint64_t merged = 0;   // joined a waiting call of the same ticket
    uint64_t said = 0;     // turns given out
    uint64_t dropped = 0;  // too late to begin
    uint64_t english_said = 0;
    uint64_t english_dropped = 0;  // allowed, but other calls waited
};

class VoiceQueue {
  public:
    struct Options {
        queue::VoiceEnglish english = queue::VoiceEnglish::After;
        std::chrono::milliseconds max_delay{10000};
    };
    explicit VoiceQueue(Options options) : options_(options) {}

    enum class Added { Queued, Merged };
    Added add(const Call& call, TimePoint at);

    struct Next {
        std::optional<VoiceTurn> turn;  // none when nothing waits that can still begin
        std::vector<Call>
            dropped;  // left out: they would begin more than max_delay after their call
    };
    // The speaker is free at `now`. A turn given out makes the hall busy until done().
    Next next(TimePoint now);
    // The Mandarin of the current turn, one that allows English, has been said at `now`:
    // true when its English follows (no call that can still be said waits).
    bool english_now(TimePoint now);
    // The current turn has been said and heard out: the hall is silent.
    void done();

    size_t waiting() const { return waiting_.size(); }
    bool speaking() const { return speaking_; }
    const VoiceCounts& counts() const { return counts_; }

  private:
    struct Waiting {
        Call call;
        TimePoint called;
        bool chime;
    };
    bool too_late(const Waiting& w, TimePoint now) const {
        return now - w.called > options_.max_delay;
    }

    Options options_;
    std::deque<Waiting> waiting_;
    bool speaking_ = false;
    VoiceCounts counts_;
};

}  // namespace onestop::board
