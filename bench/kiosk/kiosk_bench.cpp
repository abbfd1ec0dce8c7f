// bench-kiosk: the kiosk's speed figures (issue 4), printed as one line each.
//   touch → number on screen   in-process kiosk, finger events pushed into SDL, the hub
//                              on loopback; until the first frame that shows the number
//   touch → first printer byte a TCP printer on loopback that answers status queries
//   first frame                in-process (SDL init, fonts, first draw) and the real
//                              program's start-to-exit with --exit-after 0
//   RSS, idle CPU              the real onestop-kiosk, headless, CJK font loaded
// Usage: bench-kiosk [--taps N]

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <regex>
#include <thread>

#include "hub_process.h"
#include "kiosk.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "onestop/printer/status.h"
#include "temp_dir.h"
#include "theme.h"

using namespace onestop;
using Clock_ = std::chrono::steady_clock;

namespace {

double ms(Clock_::duration d) {
    return std::chrono::duration<double, std::milli>(d).count();
}

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p * (v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

// A network printer that only notes when bytes arrive and answers DLE EOT n.
class BytePrinter {
  public:
    BytePrinter() {
        fd_ = socket(AF_INET, SOCK_STREAM, 0);
        int one = 1;
        setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in a{};
        a.sin_family = AF_INET;
        a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        bind(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a);
        listen(fd_, 4);
        socklen_t len = sizeof a;
        getsockname(fd_, reinterpret_cast<sockaddr*>(&a), &len);
        port_ = ntohs(a.sin_port);
        thread_ = std::thread([this] { serve(); });
    }
    ~BytePrinter() {
        stop_ = true;
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        thread_.join();
    }
    int port() const { return port_; }
    // The first byte that arrived at or after `t`.
    std::optional<Clock_::time_point> first_after(Clock_::time_point t) {
        std::lock_guard lock(mu_);
        for (auto a : arrivals_)
            if (a >= t) return a;
        return std::nullopt;
    }

  private:
    void serve() {
        while (!stop_) {
            pollfd p{fd_, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            int c = accept(fd_, nullptr, nullptr);
            if (c < 0) continue;
            std::thread([this, c] { client(c); }).detach();
        }
    }
    void client(int c) {
        unsigned char buf[8192];
        unsigned char prev2 = 0, prev1 = 0;
        while (!stop_) {
            pollfd p{c, POLLIN, 0};
            if (poll(&p, 1, 100) <= 0) continue;
            ssize_t n = read(c, buf, sizeof buf);
            if (n <= 0) break;
            {
                std::lock_guard lock(mu_);
                arrivals_.push_back(Clock_::now());
            }
            for (ssize_t i = 0; i < n; ++i) {
                if (prev2 == printer::kDle && prev1 == printer::kEot && buf[i] >= 1 &&
                    buf[i] <= 4) {
                    uint8_t answer =
                        printer::status_byte(static_cast<printer::StatusQuery>(buf[i]), {});
                    ssize_t w = write(c, &answer, 1);
                    (void)w;
                }
                prev2 = prev1;
                prev1 = buf[i];
            }
        }
        close(c);
    }
    int fd_ = -1, port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
    std::mutex mu_;
    std::vector<Clock_::time_point> arrivals_;
};

// What the kiosk drew last: texts and button targets, with the frame's time.
struct Frames {
    std::mutex mu;
    std::condition_variable cv;
    uint64_t count = 0;
    Clock_::time_point at;
    std::vector<std::string> texts;
    std::vector<ui::Target> targets;

    template <typename Pred>
    bool wait(Pred pred, std::chrono::milliseconds timeout) {
        std::unique_lock lock(mu);
        return cv.wait_for(lock, timeout, [&] { return pred(); });
    }
    bool has_text(const std::string& s) {
        return std::any_of(texts.begin(), texts.end(),
                           [&](const std::string& t) { return t.find(s) != std::string::npos; });
    }
    std::optional<ui::Rect> target(const std::string& label) {
        for (const auto& t : targets)
            if (t.label == label) return t.rect;
        return std::nullopt;
    }
};

void tap(ui::App& app, const ui::Rect& r) {
    for (Uint32 type : {SDL_FINGERDOWN, SDL_FINGERUP}) {
        SDL_Event ev{};
        ev.type = type;
        ev.tfinger.x = (r.x + r.w / 2.0f) / app.width();
        ev.tfinger.y = (r.y + r.h / 2.0f) / app.height();
        app.push_event(ev);
    }
}

struct ProcStats {
    double wall_ms = 0;
    long rss_kb = 0;
    double cpu_percent = 0;
};

// Runs the real program; samples RSS at `sample_at` and CPU between `cpu_from` and `cpu_to`.
ProcStats run_kiosk(const std::vector<std::string>& args, int sample_at_ms, int cpu_from_ms,
                    int cpu_to_ms) {
    auto start = Clock_::now();
    test::ChildProcess kiosk(args);
    ProcStats st;
    double t0 = 0;
    auto at = [&](int ms_) {
        std::this_thread::sleep_until(start + std::chrono::milliseconds(ms_));
    };
    if (cpu_from_ms >= 0) {
        at(cpu_from_ms);
        t0 = kiosk.cpu_seconds();
    }
    if (sample_at_ms >= 0) {
        at(sample_at_ms);
        st.rss_kb = kiosk.rss_kib();
    }
    if (cpu_to_ms >= 0) {
        at(cpu_to_ms);
        st.cpu_percent = 100.0 * (kiosk.cpu_seconds() - t0) / ((cpu_to_ms - cpu_from_ms) / 1000.0);
    }
    kiosk.wait();
    st.wall_ms = ms(Clock_::now() - start);
    return st;
}

}  // namespace

int main(int argc, char** argv) {
    int taps = 100;
    CLI::App cli(
        "bench-kiosk: touch → number, touch → first printer byte, first frame, memory, idle CPU",
        "bench-kiosk");
    cli.add_option("--taps", taps, "taps timed")->capture_default_str()->check(CLI::PositiveNumber);
    if (auto code = cli::parse(cli, argc, argv)) return *code;
    setenv("SDL_VIDEODRIVER", "offscreen", 1);
    spdlog::set_level(spdlog::level::warn);

    test::TempDir dir;
    test::HubProcess hub(test::HubOptions{dir / "hub.db", "2026-11-27T09:30:00+08:00", "", {}});
    hub.start();
    std::string token = hub.create_token("kiosk", "bench");
    BytePrinter paper;

    // ---- in-process kiosk: first frame, then touch → number / first printer byte
    auto t_start = Clock_::now();
    ui::CommonOptions co;
    co.headless = true;
    co.window_size = ui::Size{1080, 1920};
    co.hub = hub.url();
    co.token = token;
    ui::AppConfig ac;
    ac.background = kiosk::color::bg;
    auto app = ui::App::create(co, ac);
    if (!app) {
        std::cerr << app.error().message << "\n";
        return 1;
    }
    Frames frames;
    std::optional<Clock_::time_point> first_frame;
    (*app)->set_frame_observer([&](const ui::Painter& p) {
        std::lock_guard lock(frames.mu);
        if (!first_frame) first_frame = Clock_::now();
        frames.count++;
        frames.at = Clock_::now();
        frames.texts = p.texts();
        frames.targets = p.targets();
        frames.cv.notify_all();
    });
    kiosk::KioskOptions ko;
    ko.printer = "tcp:127.0.0.1:" + std::to_string(paper.port());
    ko.state = dir / "kiosk-state.db";
    auto hall = config::load_hall(config::default_hall_path());
    (void)set_time_zone(hall ? hall->settings.time_zone : "Asia/Shanghai");
    auto cat = config::Catalogue::load_asset("kiosk");
    auto state = kiosk::KioskState::open(ko.state);
    kiosk::Kiosk k(**app, std::move(*cat), ko, co, hall ? *hall : queue::Hall{}, std::move(*state),
                   std::make_unique<SystemClock>(*parse_iso8601("2026-11-27T09:30:00+08:00")));
    k.start();

    std::vector<double> to_screen, to_printer;
    std::string service_name = hall ? hall->services.front().name.zh : "A";
    std::string take_label = k.t("take_number"), your_number = k.t("your_number"),
                done_label = k.t("done");
    std::regex number_re("[A-Z][0-9]{3,}");
    std::thread driver([&] {
        ui::App& a = **app;
        auto fail = [&](const std::string& why) {
            std::cerr << "bench-kiosk: " << why << "\n";
            a.post([&a] { a.quit(1); });
        };
        if (!frames.wait([&] { return frames.target(service_name).has_value(); },
                         std::chrono::seconds(15)))
            return fail("services never appeared");
        for (int i = 0; i < taps; ++i) {
            std::optional<ui::Rect> r;
            frames.wait([&] { return (r = frames.target(service_name)).has_value(); },
                        std::chrono::seconds(5));
            if (!r) return fail("no service button");
            tap(a, *r);
            std::optional<ui::Rect> take;
            frames.wait([&] { return (take = frames.target(take_label)).has_value(); },
                        std::chrono::seconds(5));
            if (!take) return fail("no take-a-number button");
            auto t0 = Clock_::now();
            tap(a, *take);
            Clock_::time_point shown{};
            bool ok = frames.wait(
                [&] {
                    if (!frames.has_text(your_number)) return false;
                    for (const auto& t : frames.texts)
                        if (std::regex_match(t, number_re)) {
                            shown = frames.at;
                            return true;
                        }
                    return false;
                },
                std::chrono::seconds(5));
            if (!ok) return fail("the number never showed");
            to_screen.push_back(ms(shown - t0));
            // Wait for the slip to go out before the next round (one job at a time).
            frames.wait(
                [&] { return frames.has_text(k.t("printed")) || frames.has_text("打印机"); },
                std::chrono::seconds(5));
            if (auto b = paper.first_after(t0)) to_printer.push_back(ms(*b - t0));
            std::optional<ui::Rect> done;
            frames.wait([&] { return (done = frames.target(done_label)).has_value(); },
                        std::chrono::seconds(5));
            if (done) tap(a, *done);
        }
        a.post([&a] { a.quit(0); });
    });
    int rc = (*app)->run();
    driver.join();
    if (rc != 0) return rc;

    std::printf("touch -> number on screen: n=%zu p50=%.1f ms p99=%.1f ms max=%.1f ms\n",
                to_screen.size(), percentile(to_screen, 0.5), percentile(to_screen, 0.99),
                to_screen.empty() ? 0 : *std::max_element(to_screen.begin(), to_screen.end()));
    std::printf("touch -> first printer byte: n=%zu p50=%.1f ms p99=%.1f ms max=%.1f ms\n",
                to_printer.size(), percentile(to_printer, 0.5), percentile(to_printer, 0.99),
                to_printer.empty() ? 0 : *std::max_element(to_printer.begin(), to_printer.end()));
    std::printf("first frame (in-process, SDL init + fonts + first draw): %.1f ms\n",
                first_frame ? ms(*first_frame - t_start) : -1.0);

    // ---- the real program
    std::vector<std::string> base = {test::bin_path("onestop-kiosk"),
                                     "--headless",
                                     "--hub",
                                     hub.url(),
                                     "--token",
                                     token,
                                     "--state",
                                     (dir / "proc-state.db").string()};
    auto with = [&](std::vector<std::string> extra) {
        auto v = base;
        v.insert(v.end(), extra.begin(), extra.end());
        return v;
    };
    auto startup = run_kiosk(
        with({"--exit-after", "0", "--screenshot", (dir / "first.png").string()}), -1, -1, -1);
    std::printf("first frame (process start to exit, --exit-after 0 with screenshot): %.1f ms\n",
                startup.wall_ms);
    auto idle = run_kiosk(with({"--exit-after", "13000"}), 3000, 3000, 12000);
    std::printf("resident memory (VmRSS, 1080x1920, CJK font loaded): %.1f MB\n",
                idle.rss_kb / 1024.0);
    std::printf("idle CPU (3 s .. 12 s after start, home screen): %.2f %% of one core\n",
                idle.cpu_percent);
    return 0;
}
