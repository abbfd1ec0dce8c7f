// End to end on loopback: a real onestop-hub, a real onestop-board (hall and window
// layouts, headless, --voice-out), calls made through the hub's HTTP API.
//   call at window 1 → the board shows it (state + screenshot) and a WAV says it;
//   recall → the same announcement again; hub killed and back → the board goes
//   offline, resyncs, shows the next call, and lists no call twice.
#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/board/announcement.h"
#include "onestop/config/hall_file.h"
#include "onestop/net/hub_client.h"
#include "temp_dir.h"

using namespace onestop;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A board in the background, its stdout and stderr in `log`.
test::ChildProcess start_board(const std::vector<std::string>& args, const fs::path& log) {
    return test::ChildProcess(
        args, {.out = test::Stream::file(log), .err = test::Stream::same_as_stdout()});
}

json read_state(const fs::path& file) {
    std::ifstream in(file);
    if (!in) return nullptr;
    std::stringstream ss;
    ss << in.rdbuf();
    return json::parse(ss.str(), nullptr, false);
}

// Polls `pred` on the board's state until it holds or `timeout` passes.
template <typename Pred>
bool wait_state(const fs::path& file, Pred pred, std::chrono::milliseconds timeout = 20s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        json s = read_state(file);
        if (s.is_object() && pred(s)) return true;
        std::this_thread::sleep_for(25ms);
    }
    return false;
}

bool wait_file(const fs::path& file, std::chrono::milliseconds timeout = 20s) {
    const auto end = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < end) {
        if (fs::exists(file)) return true;
        std::this_thread::sleep_for(25ms);
    }
    return false;
}

int count_calls(const json& state, const std::string& number, bool recall) {
    int n = 0;
    for (const auto& c : state["calls"])
        if (c["number"] == number && c["recall"] == recall) ++n;
    return n;
}

std::string log_of(const fs::path& file) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

TEST_CASE("call → board shows and says it; recall repeats it; hub killed and back → resync") {
    test::TempDir dir;
    test::HubProcess hub({dir / "hub.db", "2026-11-27T10:00:00+08:00", "", {}});
    hub.start();
    auto hall = config::load_hall(config::default_hall_path());
    REQUIRE(hall.ok());
    const std::string unit = hall->find_window(1)->unit;
    hub.add_staff("S001", "张老师", unit, "1234");
    const std::string board_token = hub.create_token("board", "hall-screen");
    const std::string kiosk_token = hub.create_token("kiosk", "kiosk-1");
    const std::string counter_token = hub.create_token("counter", "counter-1", 1);

    // The hall board runs a script: it must show the call, then the offline mark, then the next
    // call.
    const fs::path voice = dir / "voice";
    const fs::path state = dir / "hall.json";
    {
        std::ofstream script(dir / "hall.script");
        script << "expect 请 A001 号到 1 号窗口 20000\n"
               << "shot " << (dir / "called.png").string() << "\n"
               << "expect 离线 30000\n"
               << "shot " << (dir / "offline.png").string() << "\n"
               << "expect 请 A002 号到 1 号窗口 40000\n"
               << "shot " << (dir / "resynced.png").string() << "\n";
    }
    auto hall_board =
        start_board({test::bin_path("onestop-board"), "--layout", "hall", "--headless", "--hub",
                     hub.url(), "--token", board_token, "--voice-out", voice.string(),
                     "--state-out", state.string(), "--script", (dir / "hall.script").string()},
                    dir / "hall.log");
    // The window board shows the staff member on duty, which only GET /windows/1 tells.
    const fs::path wstate = dir / "window.json";
    {
        std::ofstream script(dir / "window.script");
        script << "expect 张老师 20000\nexpect A001 20000\nshot " << (dir / "window.png").string()
               << "\n";
    }
    auto window_board =
        start_board({test::bin_path("onestop-board"), "--layout", "window", "--window", "1",
                     "--headless", "--hub", hub.url(), "--token", board_token, "--state-out",
                     wstate.string(), "--script", (dir / "window.script").string()},
                    dir / "window.log");

    INFO("hall board log:\n" << log_of(dir / "hall.log"));
    REQUIRE(wait_state(state,
                       [](const json& s) { return s["online"] == true && s["synced"] == true; }));

    net::HubClient kiosk({hub.url(), kiosk_token});
    net::HubClient counter({hub.url(), counter_token});
    auto issue = [&](const char* service) {
        auto t = kiosk.issue_ticket({service, net::Priority::Normal, new_uuid(), {}, {}, {}});
        REQUIRE_MESSAGE(t.ok(), t.error().message);
        return t->number;
    };
    REQUIRE(issue("A") == "A001");
    auto session = counter.create_session(1, "S001", "1234");
    REQUIRE_MESSAGE(session.ok(), session.error().message);
    counter.set_token(session->session);
    auto called = counter.call_next(1);
    REQUIRE(called.ok());
    REQUIRE(called->has_value());
    CHECK((*called)->number == "A001");

    // Shown…
    REQUIRE(wait_state(state, [](const json& s) {
        return !s["calls"].empty() && s["calls"][0]["number"] == "A001";
    }));
    // …and said: the WAV is exactly the announcement of A001 at window 1 from the board's clips.
    const fs::path first = voice / "0001-A001-w1.wav";
    REQUIRE(wait_file(first));
    board::ClipLibrary clips;
    for (auto lang : {config::Lang::Zh, config::Lang::En})
        REQUIRE(clips.load(board::voice_search_path({}), lang, board::required_clips(lang)).ok());
    auto expected =
        board::render_announcement(clips, board::VoiceOptions{}, board::Call{"A001", 1, false});
    REQUIRE(expected.ok());
    auto said = board::load_wav(first);
    REQUIRE(said.ok());
    CHECK(said->samples == expected->pcm.samples);
    CHECK(said->seconds() > 4.0);

    // Recall: flashed, listed and said again, identically.
    auto recalled = counter.recall(1);
    REQUIRE_MESSAGE(recalled.ok(), recalled.error().message);
    const fs::path second = voice / "0002-A001-w1-recall.wav";
    REQUIRE(wait_file(second));
    auto again = board::load_wav(second);
    REQUIRE(again.ok());
    CHECK(again->samples == said->samples);
    REQUIRE(wait_state(state, [](const json& s) { return count_calls(s, "A001", true) == 1; }));

    // The window board: the staff member and the number.
    CHECK(wait_state(wstate, [](const json& s) {
        for (const auto& w : s["windows"])
            if (w["number"] == 1)
                return w["current"] == "A001" && w["staff"].is_object() &&
                       w["staff"]["name"] == "张老师";
        return false;
    }));
    CHECK(window_board.wait(30s) == 0);
    CHECK(fs::file_size(dir / "window.png") > 1000);

    // The hub dies: the board says so.
    const int port = hub.port();
    hub.kill9();
    REQUIRE(wait_state(
        state, [](const json& s) { return s["online"] == false; }, 30s));
    // Back on the same address: the board reconnects and resyncs by itself.
    hub.start(port);
    REQUIRE(wait_state(
        state, [](const json& s) { return s["online"] == true; }, 30s));
    REQUIRE(issue("A") == "A002");
    auto session2 = net::HubClient({hub.url(), counter_token}).create_session(1, "S001", "1234");
    REQUIRE(session2.ok());
    counter.set_token(session2->session);
    auto next = counter.call_next(1);
    REQUIRE(next.ok());
    REQUIRE(next->has_value());
    CHECK((*next)->number == "A002");
    REQUIRE(wait_file(voice / "0003-A002-w1.wav"));
    REQUIRE(wait_state(state, [](const json& s) {
        return !s["calls"].empty() && s["calls"][0]["number"] == "A002";
    }));
    // No call lost, none shown twice, nothing announced twice.
    json s = read_state(state);
    CHECK(count_calls(s, "A001", false) == 1);
    CHECK(count_calls(s, "A001", true) == 1);
    CHECK(count_calls(s, "A002", false) == 1);
    int wavs = 0;
    for (auto& e : fs::directory_iterator(voice)) wavs += e.path().extension() == ".wav";
    CHECK(wavs == 3);

    CHECK(hall_board.wait(30s) == 0);
    for (const char* shot : {"called.png", "offline.png", "resynced.png"})
        CHECK(fs::file_size(dir / shot) > 1000);
}
