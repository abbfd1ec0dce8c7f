// Clip assembly: which clips a call becomes, in which order, and the samples that result.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "onestop/board/announcement.h"
#include "onestop/board/clip_library.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::board;
using config::Lang;

namespace {

std::vector<std::string> seq(Lang lang, const std::string& number, int window) {
    auto r = clip_sequence(lang, Call{number, window, false});
    REQUIRE(r.ok());
    return *r;
}

// The generated clips, loaded through the board's own lookup.
const ClipLibrary& library() {
    static ClipLibrary lib = [] {
        ClipLibrary l;
        for (Lang lang : {Lang::Zh, Lang::En}) {
            auto st = l.load(voice_search_path({}), lang, required_clips(lang));
            if (!st) FAIL(st.error().message);
        }
        return l;
    }();
    return lib;
}

std::vector<std::string> spoken(const Announcement& a) {
    std::vector<std::string> out;
    for (const auto& s : a.segments)
        if (s.what != "gap") out.push_back(s.what);
    return out;
}

}  // namespace

TEST_CASE(
    "a Mandarin call says what the screen shows, the ticket sign by sign and the window "
    "naturally") {
    // 请 A012 号到 3 号窗口, as the hall screen writes it (no 办理: 2/3 s longer and not on the
    // screen).
    CHECK(seq(Lang::Zh, "A012", 3) == std::vector<std::string>{"qing", "letter_A", "d0", "d1", "d2",
                                                               "hao", "dao", "d3", "hao",
                                                               "chuangkou"});
    CHECK(natural_number(Lang::Zh, 10) == std::vector<std::string>{"shi"});
    CHECK(natural_number(Lang::Zh, 12) == std::vector<std::string>{"shi", "d2"});
    CHECK(natural_number(Lang::Zh, 20) == std::vector<std::string>{"d2", "shi"});
    CHECK(natural_number(Lang::Zh, 35) == std::vector<std::string>{"d3", "shi", "d5"});
    CHECK(natural_number(Lang::Zh, 105) == std::vector<std::string>{"d1", "bai", "d0", "d5"});
    CHECK(natural_number(Lang::Zh, 112) ==
          std::vector<std::string>{"d1", "bai", "d1", "shi", "d2"});
    CHECK(natural_number(Lang::Zh, 300) == std::vector<std::string>{"d3", "bai"});
}

TEST_CASE("an English call: Number A zero one two, please go to window twelve") {
    CHECK(seq(Lang::En, "b105", 12) == std::vector<std::string>{"number", "letter_B", "n1", "n0",
                                                                "n5", "please_go_to", "window",
                                                                "n12"});
    CHECK(natural_number(Lang::En, 7) == std::vector<std::string>{"n7"});
    CHECK(natural_number(Lang::En, 42) == std::vector<std::string>{"n40", "n2"});
    CHECK(natural_number(Lang::En, 230) == std::vector<std::string>{"n2", "hundred", "n30"});
}

TEST_CASE("numbers and windows that cannot be spoken are refused, not mangled") {
    CHECK(clip_sequence(Lang::Zh, Call{"A-12", 3, false}).error().code == "invalid_number");
    CHECK(clip_sequence(Lang::Zh, Call{"", 3, false}).error().code == "invalid_number");
    CHECK(clip_sequence(Lang::En, Call{"A012", 0, false}).error().code == "invalid_window");
    CHECK(clip_sequence(Lang::En, Call{"A012", 1000, false}).error().code == "invalid_window");
}

TEST_CASE("every clip a sequence can ask for is in the build-time clip list") {
    for (Lang lang : {Lang::Zh, Lang::En}) {
        std::ifstream in(std::string(ONESTOP_SOURCE_DIR) + "/assets/voice/" +
                         config::to_string(lang) + "/clips.txt");
        REQUIRE(in);
        std::set<std::string> listed;
        for (std::string line; std::getline(in, line);) {
            if (line.empty() || line[0] == '#') continue;
            listed.insert(line.substr(0, line.find('|')));
        }
        for (const auto& name : required_clips(lang)) {
            INFO(config::to_string(lang), "/", name);
            CHECK(listed.count(name) == 1);
        }
        for (int n = 1; n <= 999; ++n) {
            for (const auto& name : natural_number(lang, n)) CHECK(listed.count(name) == 1);
        }
    }
}

TEST_CASE("the generated clips load, each a short word in one format") {
    const ClipLibrary& lib = library();
    CHECK(lib.size() == required_clips(Lang::Zh).size() + required_clips(Lang::En).size());
    for (Lang lang : {Lang::Zh, Lang::En}) {
        for (const auto& name : required_clips(lang)) {
            const Pcm* clip = lib.find(lang, name);
            REQUIRE(clip != nullptr);
            INFO(lib.source(lang, name).string());
            CHECK(clip->seconds() > 0.1);  // a real word, not silence trimmed to nothing
            CHECK(clip->seconds() < 1.6);  // trimmed: no long padding left
        }
    }
}

TEST_CASE("an announcement is chime, Mandarin, pause, English, contiguous and in order") {
    VoiceOptions opt;
    auto a = render_announcement(library(), opt, Call{"A012", 3, false});
    REQUIRE(a.ok());
    std::vector<std::string> expected{"chime"};
    for (const auto& c : seq(Lang::Zh, "A012", 3)) expected.push_back("zh/" + c);
    for (const auto& c : seq(Lang::En, "A012", 3)) expected.push_back("en/" + c);
    CHECK(spoken(*a) == expected);

    // Segments tile the samples exactly: no overlap, no hole.
    size_t at = 0;
    for (const auto& s : a->segments) {
        CHECK(s.start == at);
        at += s.length;
    }
    CHECK(at == a->pcm.samples.size());

    // The pause between the languages is the configured one.
    auto first_en = std::find_if(a->segments.begin(), a->segments.end(),
                                 [](const Segment& s) { return s.what.rfind("en/", 0) == 0; });
    REQUIRE(first_en != a->segments.begin());
    CHECK((first_en - 1)->what == "gap");
    CHECK((first_en - 1)->length == static_cast<size_t>(opt.lang_gap_ms) * kSampleRate / 1000);

    // A whole bilingual call with its chime: long enough to be words, well under the 11 s of the
    // first clip set.
    CHECK(a->pcm.seconds() > 6.0);
    CHECK(a->pcm.seconds() < 9.5);

    // Said in two parts (the English decided once the Mandarin is said), it is the same sound.
    auto zh =
        render_part(library(), opt, Call{"A012", 3, false}, SpeechPart{{Lang::Zh}, true, false});
    auto en =
        render_part(library(), opt, Call{"A012", 3, false}, SpeechPart{{Lang::En}, false, true});
    REQUIRE(zh.ok());
    REQUIRE(en.ok());
    Pcm joined = zh->pcm;
    joined.append(en->pcm);
    CHECK(joined.samples == a->pcm.samples);
    CHECK(en->segments.front().what == "gap");
}

TEST_CASE("the Mandarin call 请 A012 号到 3 号窗口 lasts at most 3.5 s") {
    // One voice for a hall of 12 windows: at 8–16 calls a minute every second counts
    // (bench/board/RESULTS.md). The first clip set said this in 5.0 s (6.1 s with the chime).
    VoiceOptions zh;
    zh.langs = {Lang::Zh};
    zh.chime = false;
    for (int window : {3, 12}) {
        auto a = render_announcement(library(), zh, Call{"A012", window, false});
        REQUIRE(a.ok());
        INFO("window " << window << ": " << a->pcm.seconds() << " s");
        CHECK(a->pcm.seconds() <= (window == 3 ? 3.5 : 3.7));
        CHECK(a->pcm.seconds() >= 2.5);  // still words at an announcement's pace, not a gabble
    }
}

TEST_CASE("options: Mandarin only, no chime, and the volume scales the samples") {
    VoiceOptions loud;
    loud.langs = {Lang::Zh};
    loud.chime = false;
    loud.volume = 1.0;
    VoiceOptions quiet = loud;
    quiet.volume = 0.25;
    auto a = render_announcement(library(), loud, Call{"C007", 5, false});
    auto b = render_announcement(library(), quiet, Call{"C007", 5, false});
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(a->segments.front().what == "zh/qing");
    CHECK(a->segments.back().what == "zh/chuangkou");
    REQUIRE(a->pcm.samples.size() == b->pcm.samples.size());
    int peak_a = 0, peak_b = 0;
    for (size_t i = 0; i < a->pcm.samples.size(); ++i) {
        peak_a = std::max(peak_a, std::abs(static_cast<int>(a->pcm.samples[i])));
        peak_b = std::max(peak_b, std::abs(static_cast<int>(b->pcm.samples[i])));
    }
    CHECK(peak_a > 3000);
    CHECK(peak_b == doctest::Approx(peak_a * 0.25).epsilon(0.01));
}

TEST_CASE(
    "a recorded clip in the hall's folder replaces the generated one, converted to the board's "
    "format") {
    test::TempDir hall;
    std::filesystem::create_directories(hall / "zh");
    // A hall recording at 44.1 kHz stereo: one second of a 440 Hz tone.
    {
        std::vector<int16_t> stereo;
        for (int i = 0; i < 44100; ++i) {
            auto v = static_cast<int16_t>(8000 * std::sin(2 * 3.14159265 * 440 * i / 44100.0));
            stereo.push_back(v);
            stereo.push_back(v);
        }
        std::ostringstream h;
        auto u32 = [&](uint32_t v) { h.write(reinterpret_cast<const char*>(&v), 4); };
        auto u16 = [&](uint16_t v) { h.write(reinterpret_cast<const char*>(&v), 2); };
        const uint32_t bytes = static_cast<uint32_t>(stereo.size() * 2);
        h << "RIFF";
        u32(36 + bytes);
        h << "WAVEfmt ";
        u32(16);
        u16(1);
        u16(2);
        u32(44100);
        u32(44100 * 4);
        u16(4);
        u16(16);
        h << "data";
        u32(bytes);
        std::ofstream out(hall / "zh" / "qing.wav", std::ios::binary);
        out << h.str();
        out.write(reinterpret_cast<const char*>(stereo.data()), bytes);
    }
    ClipLibrary lib;
    REQUIRE(lib.load(voice_search_path(hall.path()), Lang::Zh, {"qing", "hao"}).ok());
    CHECK(lib.source(Lang::Zh, "qing") == hall / "zh" / "qing.wav");
    CHECK(lib.source(Lang::Zh, "hao").string().find(hall.path().string()) == std::string::npos);
    CHECK(lib.find(Lang::Zh, "qing")->seconds() == doctest::Approx(1.0).epsilon(0.02));

    ClipLibrary missing;
    auto st = missing.load(voice_search_path(hall.path()), Lang::Zh, {"no_such_clip"});
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == "voice_clip_missing");
}

TEST_CASE("written WAVs carry a canonical header that matches their samples") {
    test::TempDir dir;
    auto a = render_announcement(library(), VoiceOptions{}, Call{"A001", 1, false});
    REQUIRE(a.ok());
    REQUIRE(write_wav(dir / "a.wav", a->pcm).ok());
    auto info = read_wav_info(dir / "a.wav");
    REQUIRE(info.ok());
    CHECK(info->channels == 1);
    CHECK(info->sample_rate == kSampleRate);
    CHECK(info->bits_per_sample == 16);
    CHECK(info->data_bytes == a->pcm.samples.size() * 2);
    CHECK(std::filesystem::file_size(dir / "a.wav") == 44 + info->data_bytes);
    auto back = load_wav(dir / "a.wav");
    REQUIRE(back.ok());
    CHECK(back->samples == a->pcm.samples);
    CHECK_FALSE(std::filesystem::exists(dir / "a.wav.part"));
}
