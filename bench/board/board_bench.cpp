// board-bench: how fast and how lean the hall board is against a real hub on loopback.
//
//  1. latency: N calls at 10 windows, one at a time; for each, the time from the
//     call's HTTP answer to the first presented frame that shows it, and to the start
//     of its announcement (written to a WAV, i.e. the speaker is free);
//  2. audio: a few calls through SDL audio (SDL_AUDIODRIVER=dummy plays in real time):
//     call → samples queued to the device;
//  3. a busy day: M calls (recalls, no-shows, finishes mixed in) as fast as the hub
//     takes them, the voice through SDL audio (its queue saturates, as in a real rush),
//     RSS sampled as it goes;
//  4. idle: CPU used by the board over 10 s with nothing happening.
//
// Usage: board-bench [--calls N] [--day M]   (defaults 200 and 4000)

#include <sys/resource.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/board/board_app.h"
#include "onestop/config/hall_file.h"
#include "onestop/net/hub_client.h"

using namespace onestop;
using namespace std::chrono_literals;
namespace fs = std::filesystem;
using steady = std::chrono::steady_clock;

namespace {

double cpu_seconds() {
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec / 1e6;
}

double ms(steady::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1,
                      static_cast<size_t>(p / 100.0 * static_cast<double>(v.size())))];
}

void report(const char* what, const std::vector<double>& v) {
    std::printf("%-44s n=%zu  p50 %.1f ms  p99 %.1f ms  max %.1f ms\n", what, v.size(),
                percentile(v, 50), percentile(v, 99),
                v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()));
}

// What the board's frames and voice report, waited on by the calling thread.
struct Observed {
    std::mutex mu;
    std::condition_variable cv;
    std::string want;  // the headline text being waited for
    steady::time_point drawn{};
    std::string spoken;
    steady::time_point spoken_at{};
};

struct Hall {
    test::HubProcess* hub;
    std::string kiosk_token;
    std::vector<std::string> sessions;  // index = window number
    std::vector<std::string> service;   // first service of each window
};

bool fail(const std::string& what) {
    std::fprintf(stderr, "board-bench: %s\n", what.c_str());
    return false;
}

// Drives one board from a worker thread; `job` runs while the app loop runs on this thread.
template <typename Job>
int run_board(board::BoardOptions options, Observed& obs, Job job) {
    options.on_voice_start = [&obs](const board::Call& c, TimePoint) {
        std::lock_guard lock(obs.mu);
        obs.spoken = c.number;
        obs.spoken_at = steady::now();
        obs.cv.notify_all();
    };
    auto b = board::BoardApp::create(options);
    if (!b) {
        fail(b.error().message);
        return 1;
    }
    board::BoardApp& app = **b;
    app.app().set_frame_observer([&obs](const ui::Painter& p) {
        std::lock_guard lock(obs.mu);
        if (obs.want.empty()) return;
        for (const auto& t : p.texts()) {
            if (t.find(obs.want) != std::string::npos) {
                if (obs.drawn == steady::time_point{}) obs.drawn = steady::now();
                obs.cv.notify_all();
                return;
            }
        }
    });
    std::thread worker([&] {
        job(app);
        app.app().post([&app] { app.app().quit(0); });
    });
    const int rc = app.run();
    worker.join();
    return rc;
}

}  // namespace

int main(int argc, char** argv) {
    int calls = 200, day = 4000;
    CLI::App cli(
        "board-bench: call → number drawn, call → announcement, memory over a busy day, idle CPU",
        "board-bench");
    cli.add_option("--calls", calls, "calls timed")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--day", day, "calls in the simulated busy day")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    if (auto code = cli::parse(cli, argc, argv)) return *code;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    const fs::path scratch = fs::temp_directory_path() / ("board-bench-" + random_hex(4));
    fs::create_directories(scratch);
    // The hub's request log goes to /dev/null: writing it would skew the timing.
    test::HubProcess hub(
        {scratch / "hub.db", "2026-11-27T08:31:00+08:00", "", {}, {}, "/dev/null"});
    auto hall_file = config::load_hall(config::default_hall_path());
    if (!hall_file) return fail(hall_file.error().message), 1;
    Hall hall{&hub, {}, std::vector<std::string>(11), std::vector<std::string>(11)};
    std::string board_token;
    std::vector<std::string> counter_tokens(11);
    try {
        hub.init();
        for (int w = 1; w <= 10; ++w) {
            const auto* win = hall_file->find_window(w);
            char staff[8];
            std::snprintf(staff, sizeof staff, "S%03d", w);
            hub.add_staff(staff, "Staff " + std::to_string(w), win->unit, "1234");
            hall.service[static_cast<size_t>(w)] = win->services.front();
        }
        hall.kiosk_token = hub.create_token("kiosk", "bench-kiosk");
        board_token = hub.create_token("board", "bench-board");
        for (int w = 1; w <= 10; ++w)
            counter_tokens[static_cast<size_t>(w)] =
                hub.create_token("counter", "bench-counter-" + std::to_string(w), w);
        hub.start();
    } catch (const std::exception& e) {
        return fail(e.what()), 1;
    }
    for (int w = 1; w <= 10; ++w) {
        net::HubClient c({hub.url(), counter_tokens[static_cast<size_t>(w)]});
        char staff[8];
        std::snprintf(staff, sizeof staff, "S%03d", w);
        auto s = c.create_session(w, staff, "1234");
        if (!s) return fail(s.error().message), 1;
        hall.sessions[static_cast<size_t>(w)] = s->session;
    }
    std::printf("hub %s, board in-process (hall layout 1920x1080, offscreen software renderer)\n",
                hub.url().c_str());

    board::BoardOptions base;
    base.common.hub = hub.url();
    base.common.token = board_token;
    base.common.headless = true;
    base.common.window_size = ui::Size{1920, 1080};
    base.layout = board::Layout::Hall;

    net::HubClient kiosk_client({hub.url(), hall.kiosk_token});
    std::vector<net::HubClient> counters;
    for (int w = 0; w <= 10; ++w)
        counters.emplace_back(net::ClientOptions{hub.url(), hall.sessions[static_cast<size_t>(w)]});

    // One call at window w: issue a ticket for it, call it; returns the number and the answer's
    // time.
    auto call_at = [&](int w, std::string& number, steady::time_point& answered) -> bool {
        auto t = kiosk_client.issue_ticket(
            {hall.service[static_cast<size_t>(w)], net::Priority::Normal, new_uuid(), {}, {}, {}});
        if (!t) return fail("issue: " + t.error().message);
        auto c = counters[static_cast<size_t>(w)].call_next(w);
        answered = steady::now();
        if (!c || !c->has_value()) return fail("call-next failed");
        number = (**c).number;
        return true;
    };
    auto wait_online = [](board::BoardApp& app) {
        for (int i = 0; i < 500; ++i) {
            std::atomic<bool> ready{false};
            app.app().post([&] { ready = app.model().online() && app.model().synced(); });
            std::this_thread::sleep_for(20ms);
            if (ready) return true;
        }
        return false;
    };

    // 1. call → frame, call → announcement (WAV sink: the speaker is free).
    {
        Observed obs;
        board::BoardOptions o = base;
        o.voice_out = (scratch / "voice").string();
        std::vector<double> drawn, spoken;
        run_board(o, obs, [&](board::BoardApp& app) {
            if (!wait_online(app)) return (void)fail("board never came online");
            for (int i = 0; i < calls; ++i) {
                const int w = 1 + i % 10;
                {
                    std::lock_guard lock(obs.mu);
                    obs.drawn = {};
                    obs.spoken.clear();
                    obs.want = "?";  // set below, once the number is known
                }
                std::string number;
                steady::time_point answered;
                if (!call_at(w, number, answered)) return;
                std::unique_lock lock(obs.mu);
                // The headline text, as the catalogue writes it for zh.
                obs.want = "请 " + number + " 号到 " + std::to_string(w) + " 号窗口";
                if (!obs.cv.wait_for(lock, 3s, [&] {
                        return obs.drawn != steady::time_point{} && obs.spoken == number;
                    })) {
                    return (void)fail("call " + number + " not drawn or spoken within 3 s");
                }
                drawn.push_back(ms(obs.drawn - answered));
                spoken.push_back(ms(obs.spoken_at - answered));
                for (auto& f : fs::directory_iterator(o.voice_out))
                    fs::remove(f.path());  // keep the disk small
            }
        });
        report("call answered -> frame showing it", drawn);
        report("call answered -> announcement written", spoken);
    }

    // 2. call → SDL audio start, with the speaker free (each announcement plays out first).
    {
        Observed obs;
        std::vector<double> spoken;
        board::BoardOptions o = base;
        run_board(o, obs, [&](board::BoardApp& app) {
            if (!wait_online(app)) return (void)fail("board never came online");
            for (int i = 0; i < 3; ++i) {
                std::string number;
                steady::time_point answered;
                {
                    std::lock_guard lock(obs.mu);
                    obs.spoken.clear();
                }
                if (!call_at(1 + i, number, answered)) return;
                std::unique_lock lock(obs.mu);
                if (!obs.cv.wait_for(lock, 5s, [&] { return obs.spoken == number; }))
                    return (void)fail("not spoken");
                spoken.push_back(ms(obs.spoken_at - answered));
                lock.unlock();
                std::this_thread::sleep_for(12s);  // let it play out (an announcement is ~11 s)
            }
        });
        report("call answered -> SDL audio start (dummy)", spoken);
    }

    // 3. A busy day: `day` calls as fast as the hub takes them, against the real
    // onestop-board program (voice through SDL audio: its queue saturates, as in a rush).
    {
        const fs::path state = scratch / "day.json";
        test::ChildProcess board({test::bin_path("onestop-board"), "--layout", "hall", "--headless",
                                  "--hub", hub.url(), "--token", board_token, "--state-out",
                                  state.string()});
        for (int i = 0; i < 500 && !fs::exists(state); ++i) std::this_thread::sleep_for(20ms);
        std::this_thread::sleep_for(1s);
        std::vector<std::pair<int, long>> rss;
        const double cpu0 = board.cpu_seconds();
        const auto t0 = steady::now();
        for (int i = 0; i < day; ++i) {
            const int w = 1 + i % 10;
            std::string number;
            steady::time_point answered;
            if (!call_at(w, number, answered)) break;
            auto& c = counters[static_cast<size_t>(w)];
            if (i % 10 == 3) (void)c.recall(w);
            if (i % 17 == 5)
                (void)c.no_show(w);
            else
                (void)c.finish(w);
            if (i % 250 == 0) rss.emplace_back(i, board.rss_kib());
        }
        const double busy_s = std::chrono::duration<double>(steady::now() - t0).count();
        std::this_thread::sleep_for(2s);  // the board catches up with the stream
        const double busy_cpu = board.cpu_seconds() - cpu0;
        rss.emplace_back(day, board.rss_kib());
        // Idle after the rush: the flash is over; the voice keeps draining its queue.
        std::this_thread::sleep_for(6s);
        const double c0 = board.cpu_seconds();
        std::this_thread::sleep_for(10s);
        const double after_cpu = (board.cpu_seconds() - c0) / 10.0 * 100.0;
        board.stop();
        std::printf(
            "busy day (onestop-board process): %d calls (+recalls, no-shows, finishes) in %.1f s; "
            "board CPU %.0f%% of a core\n",
            day, busy_s, busy_s > 0 ? busy_cpu / (busy_s + 2) * 100 : 0.0);
        std::printf("RSS (MiB) by calls:");
        for (auto& [i, kib] : rss) std::printf(" %d:%.1f", i, kib / 1024.0);
        std::printf("\n");
        long peak = 0;
        for (auto& r : rss) peak = std::max(peak, r.second);
        if (rss.size() > 4) {
            std::printf("RSS peak %.1f MiB; growth after warm-up (call %d -> %d): %+.1f MiB\n",
                        peak / 1024.0, rss[2].first, rss.back().first,
                        (rss.back().second - rss[2].second) / 1024.0);
        }
        std::printf("after the rush (voice still speaking its queue): CPU %.2f%% of a core\n",
                    after_cpu);
    }

    // 4. Idle: a board online, voice on, nothing happening (pings only).
    {
        Observed obs;
        double idle_cpu = 0;
        uint64_t frames = 0;
        run_board(base, obs, [&](board::BoardApp& app) {
            if (!wait_online(app)) return (void)fail("board never came online");
            std::this_thread::sleep_for(4s);  // start-up drawing done
            const double c0 = cpu_seconds();
            std::atomic<uint64_t> f0{0}, f1{0};
            app.app().post([&] { f0 = app.app().frames(); });
            std::this_thread::sleep_for(20s);
            app.app().post([&] { f1 = app.app().frames(); });
            std::this_thread::sleep_for(100ms);
            idle_cpu = (cpu_seconds() - c0 - 0.0) / 20.1 * 100.0;
            frames = f1 - f0;
        });
        std::printf(
            "idle (online, voice on, no calls) over 20 s: CPU %.2f%% of a core, %llu frames "
            "drawn\n",
            idle_cpu, static_cast<unsigned long long>(frames));
    }
    hub.terminate();
    fs::remove_all(scratch);
    return 0;
}
