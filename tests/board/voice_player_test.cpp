// The voice queue: in order, one at a time, quiet hours respected, files named in order.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>

#include "onestop/base/time.h"
#include "onestop/board/voice_player.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::board;
using config::Lang;
using namespace std::chrono_literals;

namespace {

std::shared_ptr<const ClipLibrary> clips() {
    static auto lib = [] {
        auto l = std::make_shared<ClipLibrary>();
        for (Lang lang : {Lang::Zh, Lang::En}) REQUIRE(l->load(voice_search_path({}), lang, required_clips(lang)).ok());
        return l;
    }();
    return lib;
}

// A sink that takes a while per announcement and notes any overlap.
class SlowSink final : public AudioSink {
public:
    Status play(const Announcement& a, const Call& call) override {
        if (active_.fetch_add(1) != 0) overlapped_ = true;
        std::this_thread::sleep_for(5ms);  // stands in for the audio playing out
        {
            std::lock_guard lock(mu_);
            order_.push_back(call.number + (call.recall ? "+" : ""));
            seconds_.push_back(a.pcm.seconds());
        }
        active_.fetch_sub(1);
        return {};
    }
    std::vector<std::string> order() {
        std::lock_guard lock(mu_);
        return order_;
    }
    std::atomic<int> active_{0};
    std::atomic<bool> overlapped_{false};
    std::mutex mu_;
    std::vector<std::string> order_;
    std::vector<double> seconds_;
};

TimePoint at_local(const char* iso) { return *parse_iso8601(iso); }

}  // namespace

TEST_CASE("quiet hours parse and wrap past midnight") {
    CHECK(QuietHours::parse("").value().start_minute == -1);
    auto lunch = QuietHours::parse("12:00-13:30");
    REQUIRE(lunch.ok());
    CHECK(lunch->contains(12 * 60));
    CHECK(lunch->contains(13 * 60 + 29));
    CHECK_FALSE(lunch->contains(13 * 60 + 30));
    CHECK_FALSE(lunch->contains(11 * 60 + 59));
    auto night = QuietHours::parse("21:00-07:30");
    REQUIRE(night.ok());
    CHECK(night->contains(23 * 60));
    CHECK(night->contains(7 * 60));
    CHECK_FALSE(night->contains(12 * 60));
    CHECK_FALSE(QuietHours::parse("9-17").ok());
    CHECK_FALSE(QuietHours::parse("25:00-07:00").ok());
    CHECK_FALSE(QuietHours::parse("08:00-08:00").ok());
}

TEST_CASE("a burst of calls is spoken one at a time, in order, recalls included") {
    auto sink = std::make_unique<SlowSink>();
    SlowSink* s = sink.get();
    ManualClock clock(at_local("2026-11-27T10:00:00+08:00"));
    VoicePlayer player(clips(), std::move(sink), VoicePlayer::Options{}, clock);
    std::vector<std::string> expected;
    for (int i = 1; i <= 12; ++i) {
        char num[8];
        std::snprintf(num, sizeof num, "A%03d", i);
        player.announce(Call{num, i % 5 + 1, false});
        expected.push_back(num);
    }
    player.announce(Call{"A003", 4, true});
    expected.push_back("A003+");
    REQUIRE(player.drain(20s));
    CHECK(s->order() == expected);
    CHECK_FALSE(s->overlapped_.load());
    CHECK(player.pending() == 0);
}

TEST_CASE("nothing is spoken in quiet hours; speech resumes after them") {
    auto sink = std::make_unique<SlowSink>();
    SlowSink* s = sink.get();
    ManualClock clock(at_local("2026-11-27T12:10:00+08:00"));
    VoicePlayer::Options opt;
    opt.quiet = *QuietHours::parse("12:00-13:30");
    VoicePlayer player(clips(), std::move(sink), opt, clock);
    player.announce(Call{"B001", 2, false});
    REQUIRE(player.drain(5s));
    CHECK(s->order().empty());
    clock.set(at_local("2026-11-27T13:30:00+08:00"));
    player.announce(Call{"B002", 2, false});
    REQUIRE(player.drain(5s));
    CHECK(s->order() == std::vector<std::string>{"B002"});
}

TEST_CASE("--voice-out writes one numbered WAV per announcement, in order") {
    test::TempDir dir;
    auto sink = open_wav_dir_sink(dir.path());
    REQUIRE(sink.ok());
    SystemClock clock;
    std::vector<std::string> started;
    std::mutex mu;
    {
        VoicePlayer player(clips(), std::move(*sink), VoicePlayer::Options{}, clock,
                           [&](const Call& c, TimePoint) {
                               std::lock_guard lock(mu);
                               started.push_back(c.number);
                           });
        player.announce(Call{"A012", 3, false});
        player.announce(Call{"C100", 11, false});
        player.announce(Call{"A012", 3, true});
        REQUIRE(player.drain(10s));
    }
    std::vector<std::string> names;
    for (auto& e : std::filesystem::directory_iterator(dir.path())) names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"0001-A012-w3.wav", "0002-C100-w11.wav", "0003-A012-w3-recall.wav"});
    CHECK(started == std::vector<std::string>{"A012", "C100", "A012"});
    // The recall says exactly what the call said.
    auto first = load_wav(dir / "0001-A012-w3.wav");
    auto recall = load_wav(dir / "0003-A012-w3-recall.wav");
    REQUIRE(first.ok());
    REQUIRE(recall.ok());
    CHECK(first->samples == recall->samples);
    auto info = read_wav_info(dir / "0002-C100-w11.wav");
    REQUIRE(info.ok());
    CHECK(info->sample_rate == kSampleRate);
}

TEST_CASE("a full queue drops the oldest announcement, never blocks the caller") {
    auto sink = std::make_unique<SlowSink>();
    SlowSink* s = sink.get();
    ManualClock clock(at_local("2026-11-27T10:00:00+08:00"));
    VoicePlayer::Options opt;
    opt.max_queue = 3;
    VoicePlayer player(clips(), std::move(sink), opt, clock);
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 1; i <= 40; ++i) player.announce(Call{"D" + std::to_string(100 + i), 1, false});
    CHECK(std::chrono::steady_clock::now() - t0 < 100ms);
    REQUIRE(player.drain(20s));
    auto order = s->order();
    CHECK(order.size() < 40);
    CHECK(order.back() == "D140");
    CHECK(std::is_sorted(order.begin(), order.end()));
}
