// The hall file's voice_english reaches the board's voice, and --voice-english overrides
// it: the board runs in-process (no hub), is handed a call, and writes what it says.
#include <doctest/doctest.h>

#include <condition_variable>
#include <fstream>
#include <mutex>
#include <sstream>

#include "onestop/base/time.h"
#include "onestop/board/board_app.h"
#include "onestop/config/hall_file.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::board;
namespace fs = std::filesystem;
using config::Lang;
using queue::VoiceEnglish;

namespace {

// The default hall with its voice_english line set to `value`.
fs::path hall_with(const fs::path& dir, const std::string& value) {
    std::ifstream in(config::default_hall_path());
    std::stringstream text;
    text << in.rdbuf();
    std::string s = text.str();
    const std::string line = "voice_english = \"after\"";
    const auto at = s.find(line);
    REQUIRE(at != std::string::npos);
    s.replace(at, line.size(), "voice_english = \"" + value + "\"");
    const fs::path file = dir / ("hall-" + value + ".toml");
    std::ofstream(file) << s;
    return file;
}

// What the board says for one call (A012 at window 3, or its recall) with these settings.
Pcm said(const fs::path& hall, std::optional<VoiceEnglish> flag, bool recall) {
    test::TempDir out;
    std::mutex mu;
    std::condition_variable cv;
    bool started = false;
    {
        BoardOptions o;
        o.hall_file = hall.string();
        o.voice_english = flag;
        o.voice_out = out.path().string();
        o.connect = false;
        o.common.headless = true;
        o.on_voice_start = [&](const Call&, TimePoint) {
            std::lock_guard lock(mu);
            started = true;
            cv.notify_all();
        };
        auto b = BoardApp::create(o);
        REQUIRE_MESSAGE(b.ok(), b.error().message);
        (*b)->inject_snapshot(net::QueueSnapshot{});
        nlohmann::json data{{"ticket", 7},        {"number", "A012"},
                            {"service", "A"},     {"window", 3},
                            {"status", "called"}, {"waiting", 0},
                            {"calls", 2},         {"at", "2026-11-27T10:05:30+08:00"}};
        const char* name = recall ? "ticket.recalled" : "ticket.called";
        auto event = net::parse_event(name, data);
        REQUIRE(event.ok());
        (*b)->inject_event(net::LinkEvent{"1", std::move(*event)});
        std::unique_lock lock(mu);
        REQUIRE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return started; }));
    }  // the board stops: the announcement begun is finished and written
    fs::path file;
    for (const auto& e : fs::directory_iterator(out.path())) file = e.path();
    REQUIRE_FALSE(file.empty());
    auto pcm = load_wav(file);
    REQUIRE(pcm.ok());
    return *pcm;
}

size_t samples(bool english, bool recall) {
    static ClipLibrary clips = [] {
        ClipLibrary l;
        for (Lang lang : {Lang::Zh, Lang::En})
            REQUIRE(l.load(voice_search_path({}), lang, required_clips(lang)).ok());
        return l;
    }();
    VoiceOptions o;
    if (!english) o.langs = {Lang::Zh};
    auto a = render_announcement(clips, o, Call{"A012", 3, recall});
    REQUIRE(a.ok());
    return a->pcm.samples.size();
}

}  // namespace

TEST_CASE("voice_english from the hall file, and --voice-english over it") {
    test::TempDir dir;
    const fs::path off = hall_with(dir.path(), "off");
    const fs::path recall = hall_with(dir.path(), "recall");
    // The shipped hall says "after": Mandarin, then English.
    CHECK(said(config::default_hall_path(), std::nullopt, false).samples.size() ==
          samples(true, false));
    CHECK(said(off, std::nullopt, false).samples.size() == samples(false, false));
    CHECK(said(off, VoiceEnglish::After, false).samples.size() == samples(true, false));
    CHECK(said(recall, std::nullopt, false).samples.size() == samples(false, false));
    CHECK(said(recall, std::nullopt, true).samples.size() == samples(true, true));
    CHECK(said(config::default_hall_path(), VoiceEnglish::Off, true).samples.size() ==
          samples(false, true));
}
