#pragma once
// Speaks calls one after another on its own thread, so announcements never overlap,
// never cut each other off, keep their order in a burst, keep up with a busy hall
// (voice_queue.h) and never hold up drawing.

#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"
#include "onestop/board/announcement.h"
#include "onestop/board/voice_queue.h"

namespace onestop::board {

// Local times when the hall stays silent, e.g. "12:00-13:30" or "21:00-07:30" (wraps midnight).
struct QuietHours {
    int start_minute = -1;  // -1: never quiet
    int end_minute = -1;

    static Result<QuietHours> parse(std::string_view text);
    bool contains(int minute_of_day) const;
};

// Where announcements go. An announcement is begun with its first part and may be
// continued (the English, decided once the Mandarin has been said). Voice thread only.
class AudioSink {
  public:
    virtual ~AudioSink() = default;
    // Begins `call`'s announcement with `pcm` once everything before it has played out
    // (pauses included); returns when it starts.
    virtual Status start(const Pcm& pcm, const Call& call) = 0;
    // Continues the announcement begun last, without a break.
    virtual Status append(const Pcm& pcm) = 0;
    // Returns once at most `left` of what was queued remains to be played.
    virtual Status wait_left(std::chrono::milliseconds left) = 0;
    // The announcement begun last is complete.
    virtual Status finish() = 0;
    // Stops waiting in start() and wait_left() (shutdown): they answer "interrupted".
    virtual void interrupt() {}
};

// SDL audio: one device, samples queued with SDL_QueueAudio, `pause_ms` of silence after
// each announcement.
Result<std::unique_ptr<AudioSink>> open_sdl_sink(int pause_ms);
// --voice-out DIR: 0001-A012-w3.wav, 0002-A012-w3-recall.wav, … in the order spoken, each
// written whole when its announcement is complete. Takes no time: nothing is ever behind.
Result<std::unique_ptr<AudioSink>> open_wav_dir_sink(const std::filesystem::path& dir);

class VoicePlayer {
  public:
    struct Options {
        VoiceOptions voice;
        QuietHours quiet;
        VoiceQueue::Options queue;  // voice_english, the longest a call may wait to be said
    };
    // Called on the voice thread when an announcement starts (benchmarks, logs).
    using StartHook = std::function<void(const Call&, TimePoint started)>;

    VoicePlayer(std::shared_ptr<const ClipLibrary> clips, std::unique_ptr<AudioSink> sink,
                Options options, const Clock& clock, StartHook on_start = {});
    ~VoicePlayer();
    VoicePlayer(const VoicePlayer&) = delete;
    VoicePlayer& operator=(const VoicePlayer&) = delete;

    // Queues a call (voice_queue.h says what is said and when); returns at once. Calls
    // during quiet hours are not spoken.
    void announce(Call call);
    // Calls waiting, plus the one being said.
    size_t pending() const;
    // Blocks until nothing waits and the last announcement has played out, or `timeout` passes.
    bool drain(std::chrono::milliseconds timeout);
    VoiceCounts counts() const;

  private:
    void run();
    // Says one turn; false when the sink was interrupted.
    bool speak(const VoiceTurn& turn);

    std::shared_ptr<const ClipLibrary> clips_;
    std::unique_ptr<AudioSink> sink_;
    Options options_;
    const Clock& clock_;
    StartHook on_start_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    VoiceQueue queue_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace onestop::board
