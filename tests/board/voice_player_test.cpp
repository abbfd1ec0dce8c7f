// The voice thread: in order, one at a time, keeping up when busy, quiet hours respected,
// files named in order.
#include <doctest/doctest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>

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
        for (Lang lang : {Lang::Zh, Lang::En})
            REQUIRE(l->load(voice_search_path({}), lang, required_clips(lang)).ok());
        return l;
    }();
    return lib;
}

// A sink that records what it was given and notes any overlap.
class RecordingSink : public AudioSink {
  public:
    struct Said {
        std::string call;     // number, "+" for a recall
        size_t first = 0;     // samples the announcement began with
        size_t appended = 0;  // samples added after (the English)
    };
    Status start(const Pcm& pcm, const Call& call) override {
        if (active_.fetch_add(1) != 0) overlapped_ = true;
        std::lock_guard lock(mu_);
        said_.push_back({call.number + (call.recall ? "+" : ""), pcm.samples.size(), 0});
        return {};
    }
    Status append(const Pcm& pcm) override {
        std::lock_guard lock(mu_);
        said_.back().appended += pcm.samples.size();
        return {};
    }
    Status wait_left(std::chrono::milliseconds) override { return {}; }
    Status finish() override {
        active_.fetch_sub(1);
        return {};
    }
    std::vector<Said> said() {
        std::lock_guard lock(mu_);
        return said_;
    }
    std::vector<std::string> order() {
        std::vector<std::string> out;
        for (const auto& s : said()) out.push_back(s.call);
        return out;
    }
    std::atomic<int> active_{0};
    std::atomic<bool> overlapped_{false};

  private:
    std::mutex mu_;
    std::vector<Said> said_;
};

// A speaker that holds each announcement "playing" until the test lets it go: calls made
// meanwhile find the voice busy, as in a busy hall.
class GatedSink final : public RecordingSink {
  public:
    Status wait_left(std::chrono::milliseconds) override {
        std::unique_lock lock(gate_mu_);
        ++blocked_;
        gate_cv_.notify_all();
        gate_cv_.wait(lock, [&] { return open_ > 0 || stop_; });
        --blocked_;
        if (stop_) return make_error("interrupted", "voice stopped");
        --open_;
        gate_cv_.notify_all();
        return {};
    }
    void interrupt() override {
        std::lock_guard lock(gate_mu_);
        stop_ = true;
        gate_cv_.notify_all();
    }
    // Waits until the voice thread is held at the gate, every earlier release used up.
    bool held() {
        std::unique_lock lock(gate_mu_);
        return gate_cv_.wait_for(lock, 10s, [&] { return blocked_ > 0 && open_ == 0; });
    }
    // Lets one wait_left() through.
    void release() {
        std::lock_guard lock(gate_mu_);
        ++open_;
        gate_cv_.notify_all();
    }

  private:
    std::mutex gate_mu_;
    std::condition_variable gate_cv_;
    int blocked_ = 0;
    int open_ = 0;
    bool stop_ = false;
};

// Samples of one part of `call`'s announcement as the player renders it.
size_t samples(const Call& call, bool chime, std::vector<Lang> langs, bool continues = false) {
    auto a =
        render_part(*clips(), VoiceOptions{}, call, SpeechPart{std::move(langs), chime, continues});
    REQUIRE(a.ok());
    return a->pcm.samples.size();
}

TimePoint at_local(const char* iso) {
    return *parse_iso8601(iso);
}

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
    auto sink = std::make_unique<RecordingSink>();
    RecordingSink* s = sink.get();
    ManualClock clock(at_local("2026-11-27T10:00:00+08:00"));
    VoicePlayer player(clips(), std::move(sink), VoicePlayer::Options{}, clock);
    std::vector<std::string> expected;
    for (int i = 1; i <= 12; ++i) {
        char num[8];
        std::snprintf(num, sizeof num, "A%03d", i);
        player.announce(Call{num, i % 5 + 1, false});
        expected.push_back(num);
    }
    REQUIRE(player.drain(20s));
    player.announce(Call{"A003", 4, true});
    expected.push_back("A003+");
    REQUIRE(player.drain(20s));
    CHECK(s->order() == expected);
    CHECK_FALSE(s->overlapped_.load());
    CHECK(player.pending() == 0);
}

TEST_CASE(
    "calls made while the voice is busy: said in order without chime or English, a recall merged, "
    "the last one in English again") {
    auto sink = std::make_unique<GatedSink>();
    GatedSink* s = sink.get();
    ManualClock clock(at_local("2026-11-27T10:00:00+08:00"));
    VoicePlayer player(clips(), std::move(sink), VoicePlayer::Options{}, clock);
    player.announce(Call{"A001", 1, false});
    REQUIRE(s->held());  // A001's Mandarin is playing
    player.announce(Call{"B002", 2, false});
    player.announce(Call{"C003", 12, false});
    player.announce(Call{"B002", 2, true});  // staff recall before B002 was even said
    clock.advance(3s);
    for (int i = 0; i < 6; ++i) {
        s->release();
        if (i < 5) REQUIRE(s->held());
    }
    REQUIRE(player.drain(10s));
    const auto said = s->said();
    REQUIRE(said.size() == 3);
    const Call a{"A001", 1, false}, b{"B002", 2, true}, c{"C003", 12, false};
    // A001: chime and Mandarin; its English gave way to the calls waiting.
    CHECK(said[0].call == "A001");
    CHECK(said[0].first == samples(a, true, {Lang::Zh}));
    CHECK(said[0].appended == 0);
    // B002 once, as a recall, straight after: no chime, no English (C003 waits).
    CHECK(said[1].call == "B002+");
    CHECK(said[1].first == samples(b, false, {Lang::Zh}));
    CHECK(said[1].appended == 0);
    // C003, the last: English follows again.
    CHECK(said[2].call == "C003");
    CHECK(said[2].first == samples(c, false, {Lang::Zh}));
    CHECK(said[2].appended == samples(c, false, {Lang::En}, true));
    const VoiceCounts n = player.counts();
    CHECK(n.merged == 1);
    CHECK(n.english_dropped == 2);
    CHECK(n.english_said == 1);
    CHECK(n.dropped == 0);
}

TEST_CASE("calls the voice cannot begin within 10 s are left out, never said minutes late") {
    auto sink = std::make_unique<GatedSink>();
    GatedSink* s = sink.get();
    ManualClock clock(at_local("2026-11-27T10:00:00+08:00"));
    std::vector<std::pair<std::string, TimePoint>> starts;
    std::mutex mu;
    VoicePlayer player(clips(), std::move(sink), VoicePlayer::Options{}, clock,
                       [&](const Call& c, TimePoint at) {
                           std::lock_guard lock(mu);
                           starts.emplace_back(c.number, at);
                       });
    const auto t0 = clock.now();
    player.announce(Call{"A001", 1, false});
    REQUIRE(s->held());
    for (int i = 2; i <= 40; ++i) player.announce(Call{"D" + std::to_string(100 + i), 1, false});
    player.announce(Call{"E001", 2, false});
    clock.advance(12s);  // the speaker was stuck: everything but A001 waited too long…
    player.announce(Call{"E002", 2, false});  // …except what came just now
    for (int i = 0; i < 2; ++i) {
        s->release();
        REQUIRE(s->held());
    }
    s->release();  // E002's English, then the pause
    s->release();
    REQUIRE(player.drain(10s));
    CHECK(s->order() == std::vector<std::string>{"A001", "E002"});
    CHECK(player.counts().dropped == 40);
    std::lock_guard lock(mu);
    REQUIRE(starts.size() == 2);
    CHECK(starts[1].second - t0 == 12s);
}

TEST_CASE("nothing is spoken in quiet hours; speech resumes after them") {
    auto sink = std::make_unique<RecordingSink>();
    RecordingSink* s = sink.get();
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
        // Each to a silent hall: said whole, chime and English included.
        for (const Call& c :
             {Call{"A012", 3, false}, Call{"C100", 11, false}, Call{"A012", 3, true}}) {
            player.announce(c);
            REQUIRE(player.drain(10s));
        }
    }
    std::vector<std::string> names;
    for (auto& e : std::filesystem::directory_iterator(dir.path()))
        names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    CHECK(names == std::vector<std::string>{"0001-A012-w3.wav", "0002-C100-w11.wav",
                                            "0003-A012-w3-recall.wav"});
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
    auto whole = render_announcement(*clips(), VoiceOptions{}, Call{"A012", 3, false});
    REQUIRE(whole.ok());
    CHECK(first->samples == whole->pcm.samples);
}
