#include "onestop/board/voice_player.h"

#include <SDL.h>

#include <charconv>
#include <cstdio>

#include "onestop/base/error_codes.h"
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
        return make_error("invalid_quiet_hours",
                          "quiet hours look like 21:00-07:30, not '" + std::string(text) + "'");
    }
    auto start = parse_hhmm(text.substr(0, dash));
    auto end = parse_hhmm(text.substr(dash + 1));
    if (!start || !end || *start == *end) {
        return make_error("invalid_quiet_hours",
                          "quiet hours look like 21:00-07:30, not '" + std::string(text) + "'");
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
    SdlSink(SDL_AudioDeviceID dev, int pause_ms) : dev_(dev), pause_ms_(pause_ms) {}
    ~SdlSink() override { SDL_CloseAudioDevice(dev_); }

    Status start(const Pcm& pcm, const Call&) override {
        // The previous announcement plays out first, so this start is real and a long
        // burst never piles minutes of samples into SDL.
        if (auto st = wait_left(std::chrono::milliseconds(0)); !st) return st;
        return append(pcm);
    }
    Status append(const Pcm& pcm) override {
        if (SDL_QueueAudio(dev_, pcm.samples.data(), static_cast<Uint32>(pcm.samples.size() * 2)) !=
            0) {
            return make_error("audio_failed", SDL_GetError());
        }
        return {};
    }
    Status wait_left(std::chrono::milliseconds left) override {
        const auto bytes = static_cast<Uint32>(left.count() * kSampleRate / 1000 * 2);
        while (SDL_GetQueuedAudioSize(dev_) > bytes) {
            std::unique_lock lock(mu_);
            if (cv_.wait_for(lock, std::chrono::milliseconds(20), [&] { return stop_; })) {
                return make_error(errc::interrupted, "voice stopped");
            }
        }
        return {};
    }
    Status finish() override {
        Pcm pause;
        pause.append_silence(pause_ms_);  // a breath before the next announcement
        return append(pause);
    }
    void interrupt() override {
        std::lock_guard lock(mu_);
        stop_ = true;
        cv_.notify_all();
    }

  private:
    SDL_AudioDeviceID dev_;
    int pause_ms_;
    std::mutex mu_;
    std::condition_variable cv_;
    bool stop_ = false;
};

class WavDirSink final : public AudioSink {
  public:
    explicit WavDirSink(fs::path dir) : dir_(std::move(dir)) {}
    Status start(const Pcm& pcm, const Call& call) override {
        char seq[16];
        std::snprintf(seq, sizeof seq, "%04d", ++count_);
        name_ = std::string(seq) + "-" + call.number + "-w" + std::to_string(call.window) +
                (call.recall ? "-recall" : "") + ".wav";
        pcm_ = pcm;
        return {};
    }
    Status append(const Pcm& pcm) override {
        pcm_.append(pcm);
        return {};
    }
    Status wait_left(std::chrono::milliseconds) override { return {}; }
    Status finish() override { return write_wav(dir_ / name_, pcm_); }

  private:
    fs::path dir_;
    int count_ = 0;
    std::string name_;
    Pcm pcm_;
};

}  // namespace

Result<std::unique_ptr<AudioSink>> open_sdl_sink(int pause_ms) {
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        return make_error("audio_unavailable", std::string("SDL audio: ") + SDL_GetError());
    }
    SDL_AudioSpec want{};
    want.freq = kSampleRate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioSpec have{};
    SDL_AudioDeviceID dev =
        SDL_OpenAudioDevice(nullptr, 0, &want, &have, 0);  // SDL converts if needed
    if (dev == 0)
        return make_error("audio_unavailable", std::string("SDL audio device: ") + SDL_GetError());
    SDL_PauseAudioDevice(dev, 0);
    return std::unique_ptr<AudioSink>(std::make_unique<SdlSink>(dev, pause_ms));
}

Result<std::unique_ptr<AudioSink>> open_wav_dir_sink(const fs::path& dir) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        return make_error("voice_out_unwritable",
                          "cannot create " + dir.string() + ": " + ec.message());
    return std::unique_ptr<AudioSink>(std::make_unique<WavDirSink>(dir));
}

VoicePlayer::VoicePlayer(std::shared_ptr<const ClipLibrary> clips, std::unique_ptr<AudioSink> sink,
                         Options options, const Clock& clock, StartHook on_start)
    : clips_(std::move(clips)),
      sink_(std::move(sink)),
      options_(std::move(options)),
      clock_(clock),
      on_start_(std::move(on_start)),
      queue_(options_.queue),
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
        if (queue_.add(call, clock_.now()) == VoiceQueue::Added::Merged) {
            logger("board")->info(
                "{} at window {} is already waiting to be said: not saying it twice", call.number,
                call.window);
        }
    }
    cv_.notify_all();
}

size_t VoicePlayer::pending() const {
    std::lock_guard lock(mu_);
    return queue_.waiting() + (queue_.speaking() ? 1 : 0);
}

bool VoicePlayer::drain(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return queue_.waiting() == 0 && !queue_.speaking(); });
}

VoiceCounts VoicePlayer::counts() const {
    std::lock_guard lock(mu_);
    return queue_.counts();
}

void VoicePlayer::run() {
    for (;;) {
        VoiceQueue::Next next;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stop_ || queue_.waiting() > 0; });
            if (stop_) return;
            next = queue_.next(clock_.now());
        }
        for (const auto& c : next.dropped) {
            logger("board")->warn(
                "not announcing {} at window {}: the voice is too far behind (the screen shows it)",
                c.number, c.window);
        }
        const bool go_on = !next.turn || speak(*next.turn);
        {
            std::lock_guard lock(mu_);
            if (next.turn) queue_.done();
        }
        cv_.notify_all();
        if (!go_on) return;
    }
}

bool VoicePlayer::speak(const VoiceTurn& turn) {
    auto log = logger("board");
    const Call& call = turn.call;
    const auto& langs = options_.voice.langs;
    if (options_.quiet.contains(to_local(clock_.now()).minute_of_day())) {
        log->info("quiet hours: not announcing {} at window {}", call.number, call.window);
        return true;
    }
    // True on shutdown (the thread ends); other sink failures are logged and the rest of
    // the announcement goes on, so the next call finds the sink in a known state.
    auto stopped = [&](const Status& st) {
        if (st) return false;
        if (st.error().code == errc::interrupted) return true;
        log->error("announcement failed: {}", st.error().message);
        return false;
    };
    auto first =
        render_part(*clips_, options_.voice, call,
                    SpeechPart{{langs.front()}, turn.chime && options_.voice.chime, false});
    if (!first) {
        log->error("cannot announce {}: {}", call.number, first.error().message);
        return true;
    }
    auto started = sink_->start(first->pcm, call);
    if (stopped(started)) return false;
    if (started) {
        if (on_start_) on_start_(call, clock_.now());
        log->info("announcing {} at window {}{} ({:.1f} s)", call.number, call.window,
                  call.recall ? " (recall)" : "", first->pcm.seconds());
        if (turn.english && langs.size() > 1) {
            // Decided at the end of the Mandarin: a call that came meanwhile goes first.
            if (stopped(sink_->wait_left(std::chrono::milliseconds(50)))) return false;
            bool english = false;
            {
                std::lock_guard lock(mu_);
                english = queue_.english_now(clock_.now());
            }
            if (english) {
                auto rest = render_part(*clips_, options_.voice, call,
                                        SpeechPart{{langs.begin() + 1, langs.end()}, false, true});
                if (!rest)
                    log->error("cannot announce {}: {}", call.number, rest.error().message);
                else if (stopped(sink_->append(rest->pcm)))
                    return false;
            }
        }
    }
    if (stopped(sink_->finish())) return false;
    // Heard out (the pause included) before the hall counts as silent again.
    return !stopped(sink_->wait_left(std::chrono::milliseconds(0)));
}

}  // namespace onestop::board
