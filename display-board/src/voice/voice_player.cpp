#include "onestop/board/voice_player.h"

#include <SDL.h>

#include <charconv>
#include <cstdio>

#include "onestop/base/log.h"
#include "onestop/base/time.h"

namespace onestop::board {
namespace fs = std::filesystem;

namespace {
std::optional<int> parse_hhmm(std::string_view s) {
    int h = 0, m = 0;
    if (s.size() != 5 || s[2] != ':') return std::nullopt;
    if (std::from_chars(s.data(), s.data() + 2, h).ec != std::errc{}) return std::nullopt;
    if (std::from_chars(s.data() + 3, s.data() + 5, m).ec != std::errc{}) return std::nullopt;
    if (h > 24 || m > 59 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}
}  // namespace

Result<QuietHours> QuietHours::parse(std::string_view text) {
    if (text.empty() || text == "none") return QuietHours{};
    auto dash = text.find('-');
    if (dash == std::string_view::npos) {
        return make_error("invalid_quiet_hours", "quiet hours look like 21:00-07:30, not '" + std::string(text) + "'");
    }
    auto start = parse_hhmm(text.substr(0, dash));
    auto end = parse_hhmm(text.substr(dash + 1));
    if (!start || !end || *start == *end) {
        return make_error("invalid_quiet_hours", "quiet hours look like 21:00-07:30, not '" + std::string(text) + "'");
    }
    return QuietHours{*start, *end};
}

bool QuietHours::contains(int minute) const {
    if (start_minute < 0) return false;
    if (start_minute < end_minute) return minute >= start_minute && minute < end_minute;
    return minute >= start_minute || minute < end_minute;  // wraps past midnight
}

namespace {

class SdlSink final : public AudioSink {
public:
    explicit SdlSink(SDL_AudioDeviceID dev) : dev_(dev) {}
    ~SdlSink() override { SDL_CloseAudioDevice(dev_); }

    Status play(const Announcement& a, const Call&) override {
        // Wait for the previous announcement to finish before queueing this one, so its
        // start is real and a long burst does not pile minutes of samples into SDL.
        while (SDL_GetQueuedAudioSize(dev_) > 0) {
            std::unique_lock lock(mu_);
            if (cv_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stop_; })) {
                return make_error("interrupted", "voice stopped");
            }
        }
        Pcm tail;
        tail.append_silence(600);  // a breath between announcements
        if (SDL_QueueAudio(dev_, a.pcm.samples.data(), static_cast<Uint32>(a.pcm.samples.size() * 2)) != 0 ||
            SDL_QueueAudio(dev_, tail.samples.data(), static_cast<Uint32>(tail.samples.size() * 2)) != 0) {
            return make_error("audio_failed", SDL_GetError());
        }
        return {};
    }
    void interrupt() override {
        std::lock_guard lock(mu_);
        stop_ = true;
        cv_.notify_all();
    }

private:
    SDL_AudioDeviceID dev_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
};

class WavDirSink final : public AudioSink {
public:
    explicit WavDirSink(fs::path dir) : dir_(std::move(dir)) {}
    Status play(const Announcement& a, const Call& call) override {
        char seq[16];
        std::snprintf(seq, sizeof seq, "%04d", ++count_);
        std::string name = std::string(seq) + "-" + call.number + "-w" + std::to_string(call.window) +
                           (call.recall ? "-recall" : "") + ".wav";
        return write_wav(dir_ / name, a.pcm);
    }

private:
    fs::path dir_;
    int count_ = 0;
};

}  // namespace

Result<std::unique_ptr<AudioSink>> open_sdl_sink() {
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        return make_error("audio_unavailable", std::string("SDL audio: ") + SDL_GetError());
    }
    SDL_AudioSpec want{};
    want.freq = kSampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioSpec have{};
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts if needed
    if (dev == 0) return make_error("audio_unavailable", std::string("SDL audio device: ") + SDL_GetError());
    SDL_PauseAudioDevice(dev, 0);
    return std::unique_ptr<AudioSink>(std::make_unique<SdlSink>(dev));
}

Result<std::unique_ptr<AudioSink>> open_wav_dir_sink(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return make_error("voice_out_unwritable", "cannot create " + dir.string() + ": " + ec.message());
    return std::unique_ptr<AudioSink>(std::make_unique<WavDirSink>(dir));
}

VoicePlayer::VoicePlayer(std::shared_ptr<const ClipLibrary> clips, std::unique_ptr<AudioSink> sink, Options options,
                         const Clock& clock, StartHook on_start)
    : clips_(std::move(clips)),
      sink_(std::move(sink)),
      options_(std::move(options)),
      clock_(clock),
      on_start_(std::move(on_start)),
      thread_([this] { run(); }) {}

VoicePlayer::~VoicePlayer() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    cv_.notify_all();
    sink_->interrupt();
    thread_.join();
}

void VoicePlayer::announce(Call call) {
    {
        std::lock_guard lock(mu_);
        if (queue_.size() >= options_.max_queue) {
            logger("board")->warn("voice queue full: dropping the announcement of {}", queue_.front().number);
            queue_.pop_front();
        }
        queue_.push_back(std::move(call));
    }
    cv_.notify_all();
}

size_t VoicePlayer::pending() const {
    std::lock_guard lock(mu_);
    return queue_.size() + (busy_ ? 1 : 0);
}

bool VoicePlayer::drain(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return queue_.empty() && !busy_; });
}

void VoicePlayer::run() {
    auto log = logger("board");
    for (;;) {
        Call call;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
            if (stop_) return;
            call = std::move(queue_.front());
            queue_.pop_front();
            busy_ = true;
        }
        if (options_.quiet.contains(to_local(clock_.now()).minute_of_day())) {
            log->info("quiet hours: not announcing {} at window {}", call.number, call.window);
        } else if (auto a = render_announcement(*clips_, options_.voice, call); !a) {
            log->error("cannot announce {}: {}", call.number, a.error().message);
        } else if (auto played = sink_->play(*a, call); !played) {
            if (played.error().code != "interrupted") log->error("announcement failed: {}", played.error().message);
        } else {
            if (on_start_) on_start_(call, clock_.now());
            log->info("announcing {} at window {}{} ({:.1f} s)", call.number, call.window,
                      call.recall ? " (recall)" : "", a->pcm.seconds());
        }
        {
            std::lock_guard lock(mu_);
            busy_ = false;
        }
        cv_.notify_all();
    }
}

}  // namespace onestop::board
