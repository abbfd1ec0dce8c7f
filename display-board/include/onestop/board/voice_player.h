#pragma once
// Speaks calls one after another on its own thread, so announcements never overlap,
// never cut each other off, keep their order in a burst, and never hold up drawing.

#include <condition_variable>
#include <deque>
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

namespace onestop::board {

// Local times when the hall stays silent, e.g. "12:00-13:30" or "21:00-07:30" (wraps midnight).
struct QuietHours {
    int start_minute = -1;  // -1: never quiet
    int end_minute = -1;

    static Result<QuietHours> parse(std::string_view text);
    bool contains(int minute_of_day) const;
};

// Where finished announcements go.
class AudioSink {
public:
    virtual ~AudioSink() = default;
    // Plays or stores one announcement; returns once it has *started*, after the
    // previous one has finished. Called on the voice thread only.
    virtual Status play(const Announcement& announcement, const Call& call) = 0;
    // Stops waiting in play() (shutdown).
    virtual void interrupt() {}
};

// SDL audio: one device, samples queued with SDL_QueueAudio.
Result<std::unique_ptr<AudioSink>> open_sdl_sink();
// --voice-out DIR: 0001-A012-w3.wav, 0002-A012-w3-recall.wav, … in the order spoken.
Result<std::unique_ptr<AudioSink>> open_wav_dir_sink(const std::filesystem::path& dir);

class VoicePlayer {
public:
    struct Options {
        VoiceOptions voice;
        QuietHours quiet;
        size_t max_queue = 50;  // a runaway burst drops the oldest rather than talking for an hour
    };
    // Called on the voice thread when an announcement starts (benchmarks, logs).
    using StartHook = std::function<void(const Call&, TimePoint started)>;

    VoicePlayer(std::shared_ptr<const ClipLibrary> clips, std::unique_ptr<AudioSink> sink, Options options,
                const Clock& clock, StartHook on_start = {});
    ~VoicePlayer();
    VoicePlayer(const VoicePlayer&) = delete;
    VoicePlayer& operator=(const VoicePlayer&) = delete;

    // Queues a call; returns at once. Calls during quiet hours are not spoken.
    void announce(Call call);
    size_t pending() const;
    // Blocks until the queue is empty and the last announcement has started, or `timeout` passes.
    bool drain(std::chrono::milliseconds timeout);

private:
    void run();

    std::shared_ptr<const ClipLibrary> clips_;
    std::unique_ptr<AudioSink> sink_;
    Options options_;
    const Clock& clock_;
    StartHook on_start_;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Call> queue_;
    bool busy_ = false;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace onestop::board
