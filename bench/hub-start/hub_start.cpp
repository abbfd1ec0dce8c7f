// hub-start: how long `onestop-hub serve` takes to listen, and how much memory it holds,
// on a database with a year of a busy hall. The year is written through the hub's own
// commands (issue, call, recall, no-show, finish, rate, sign in and out) on the writer's
// code path, one transaction per service day, with a manual clock; then the real program
// is started on it several times and timed until its "listening on" line.

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include "commands.h"
#include "hub.h"
#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/cli/cli.h"
#include "onestop/store/secrets.h"

using namespace onestop;
using namespace onestop::hub;
using SteadyClock = std::chrono::steady_clock;

namespace {

struct Options {
    int days = 250;
    int tickets = 1500;
    int starts = 3;
    std::filesystem::path dir;
    std::filesystem::path hub_bin;
    bool reuse = false;
    bool last_day = false;
};

[[noreturn]] void die(const std::string& message) {
    std::fprintf(stderr, "hub-start: %s\n", message.c_str());
    std::exit(1);
}

double ms_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double, std::milli>(SteadyClock::now() - t0).count();
}

// The first `days` weekdays from Monday 2025-12-01 (the bench hall opens on weekdays).
std::vector<std::string> service_days(int days) {
    std::vector<std::string> out;
    for (int d = *parse_date("2025-12-01"); static_cast<int>(out.size()) < days; ++d)
        if (iso_weekday(d) <= 5) out.push_back(format_date(d));
    return out;
}

// The next weekday after `day`.
std::string next_service_day(const std::string& day) {
    int d = *parse_date(day) + 1;
    while (iso_weekday(d) > 5) ++d;
    return format_date(d);
}

class Year {
  public:
    Year(OpenedDatabase& opened, HubState& state, ManualClock& clock, int tickets)
        : store_(*opened.store), state_(state), clock_(clock), tickets_(tickets) {}

    Status setup() {
        TimePoint at = clock_.now();
        auto kiosk = store_.add_device("bench-kiosk", store::Role::Kiosk, 0,
                                       store::token_hash(random_hex(16)), at);
        if (!kiosk) return kiosk.error();
        kiosk_ = *kiosk;
        for (const auto& w : state_.engine.hall().windows) {
            std::string number = "S" + std::to_string(100 + w.number);
            auto st = store_.upsert_staff({number, "员工" + std::to_string(w.number), w.unit,
                                           store::token_hash("bench"), std::nullopt},
                                          at);
            if (!st) return st;
        }
        return {};
    }

    // One service day: sign-ins at 08:00, a ticket every 20 s with a window calling after
    // each, the queue drained, ratings for most finished services, sign-outs at 17:00.
    Status day(const std::string& day) {
        auto opening = state_.engine.zone().from_local(day, 8 * 60);
        if (!opening) return make_error("bad_day", day);
        if (auto st = store_.db().begin(); !st) return st;
        clock_.set(*opening);
        std::vector<std::string> tokens;
        for (const auto& w : state_.engine.hall().windows) {
            std::string token = random_hex(16);
            tokens.push_back(store::token_hash(token));
            run([&](WriteContext& c) {
                return start_session(
                    c, {w.number, "S" + std::to_string(100 + w.number), true, 0, token});
            });
        }
        const auto& services = state_.engine.hall().services;
        const int windows = static_cast<int>(state_.engine.hall().windows.size());
        for (int i = 0; i < tickets_; ++i) {
            clock_.set(*opening + std::chrono::seconds(20 * i + 1));
            IssueRequest issue;
            issue.device = kiosk_;
            issue.service = services[pick(services.size())].code;
            issue.priority = chance(0.05) ? queue::Priority::Green : queue::Priority::Normal;
            issue.request_id = day + "-" + std::to_string(i);
            run([&](WriteContext& c) { return issue_ticket(c, issue); });
            serve(i % windows + 1);
        }
        // Closing: every window calls until nobody waits for it, then finishes its last.
        for (bool called = true; called;) {
            called = false;
            for (const auto& w : state_.engine.hall().windows) {
                clock_.advance(std::chrono::seconds(30));
                called = serve(w.number) || called;
            }
        }
        for (const auto& w : state_.engine.hall().windows) {
            auto current = state_.engine.window_state(w.number).current;
            if (!current) continue;
            act(w.number, WindowAction::Finish);
            rate(*current, w.number);
        }
        clock_.set(*state_.engine.zone().from_local(day, 17 * 60));
        for (const auto& hash : tokens) run([&](WriteContext& c) { return end_session(c, hash); });
        if (failed_) return make_error("bench_failed", failure_);
        return store_.db().commit();
    }

    int64_t commands() const { return commands_; }

  private:
    // A window's next step: sometimes a recall or a no-show of its current ticket, then
    // call-next (which finishes the current one). Returns whether it called someone.
    bool serve(int window) {
        auto current = state_.engine.window_state(window).current;
        if (current && chance(0.03)) {
            act(window, WindowAction::NoShow);
            current.reset();
        } else if (current && chance(0.04)) {
            act(window, WindowAction::Recall);
        }
        Reply reply = act(window, WindowAction::CallNext);
        if (current) rate(*current, window);
        return reply.status == 200;
    }

    Reply act(int window, WindowAction action) {
        WindowRequest request;
        request.window = window;
        request.action = action;
        return run([&](WriteContext& c) { return window_action(c, request); });
    }

    void rate(int64_t ticket, int window) {
        if (!chance(0.6)) return;
        double r = uniform_(rng_);
        int level = r < 0.02 ? 1 : r < 0.05 ? 2 : r < 0.15 ? 3 : r < 0.40 ? 4 : 5;
        EvaluationRequest rating{ticket, level, {}, "", "pad", window, ""};
        if (level <= 2) rating.reasons = {"long_wait"};
        run([&](WriteContext& c) { return evaluate(c, rating); });
    }

    template <typename F>
    Reply run(F&& command) {
        std::vector<Published> outbox;
        WriteContext ctx(store_, state_, clock_, outbox);
        Reply reply = command(ctx);
        ++commands_;
        if ((ctx.failed() || reply.status >= 400) && !failed_) {
            failed_ = true;
            failure_ = std::to_string(reply.status) + " " + reply.body;
        }
        return reply;
    }

    size_t pick(size_t n) { return static_cast<size_t>(uniform_(rng_) * static_cast<double>(n)); }
    bool chance(double p) { return uniform_(rng_) < p; }

    store::HubStore& store_;
    HubState& state_;
    ManualClock& clock_;
    int tickets_;
    int64_t kiosk_ = 0;
    int64_t commands_ = 0;
    bool failed_ = false;
    std::string failure_;
    std::mt19937_64 rng_{20261130};
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

void fill(const std::filesystem::path& db, const Options& opt,
          const std::vector<std::string>& days) {
    auto opened = open_database(db, std::filesystem::path(ONESTOP_HUB_START_HALL));
    if (!opened) die(opened.error().message);
    ManualClock clock(*opened->zone.from_local(days.front(), 7 * 60));
    auto state = load_state(*opened->store, opened->hall, clock, opened->zone);
    if (!state) die(state.error().message);
    Year year(*opened, **state, clock, opt.tickets);
    if (auto st = year.setup(); !st) die(st.error().message);
    auto t0 = SteadyClock::now();
    for (size_t i = 0; i < days.size(); ++i) {
        if (auto st = year.day(days[i]); !st) die(days[i] + ": " + st.error().message);
        if ((i + 1) % 25 == 0)
            std::fprintf(stderr, "  %zu days written (%.0f s)\n", i + 1, ms_since(t0) / 1000);
    }
    std::printf("filled: %d days x %d tickets, %lld commands in %.1f s\n", opt.days, opt.tickets,
                static_cast<long long>(year.commands()), ms_since(t0) / 1000);
}

struct StartFigures {
    double ms = 0;
    long rss_kib = 0;
};

// The time until `onestop-hub serve` prints "listening on", then its resident memory.
StartFigures start_hub(const Options& opt, const std::filesystem::path& db,
                       const std::string& now) {
    test::HubProcess hub({db, now, "", {}, opt.hub_bin, "/dev/null"});
    auto t0 = SteadyClock::now();
    try {
        hub.start();
    } catch (const std::exception& e) {
        die(std::string("the hub did not start: ") + e.what());
    }
    StartFigures figures{ms_since(t0), hub.rss_kib()};
    hub.terminate();
    return figures;
}

}  // namespace

int main(int argc, char** argv) {
    Options opt;
    CLI::App cli("hub-start: hub start time and memory on a year of a busy hall", "hub-start");
    cli.add_option("--days", opt.days, "service days to write")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--tickets", opt.tickets, "tickets per service day")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--starts", opt.starts, "hub starts to time")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--dir", opt.dir, "folder for hub.db (default a new folder under /tmp)");
    cli.add_flag("--reuse", opt.reuse, "start on the hub.db already in --dir, do not fill");
    cli.add_flag("--last-day", opt.last_day,
                 "start the hub at 16:30 on the last day written (its tickets are today's) "
                 "instead of the next morning");
    cli.add_option("--hub-bin", opt.hub_bin,
                   "the onestop-hub to run (default: next to this program)");
    if (auto code = onestop::cli::parse(cli, argc, argv)) return *code;
    if (opt.hub_bin.empty())
        opt.hub_bin = std::filesystem::canonical("/proc/self/exe").parent_path() / "onestop-hub";
    if (opt.reuse && opt.dir.empty()) die("--reuse needs --dir");
    spdlog::set_level(spdlog::level::warn);
    if (opt.dir.empty()) {
        char tmpl[] = "/tmp/hub-start.XXXXXX";
        if (!mkdtemp(tmpl)) die("mkdtemp failed");
        opt.dir = tmpl;
    }
    std::filesystem::create_directories(opt.dir);
    const auto db = opt.dir / "hub.db";
    auto days = service_days(opt.days);
    if (!opt.reuse) {
        if (std::filesystem::exists(db)) die(db.string() + " exists; pass --reuse or remove it");
        fill(db, opt, days);
    }
    // The next service day's morning, before the first ticket: a year behind, nothing today.
    // Or a restart late on the last day: its 1,500 tickets are today's.
    std::string now = opt.last_day ? days.back() + "T16:30:00+08:00"
                                   : next_service_day(days.back()) + "T07:50:00+08:00";
    std::printf("database %s: %.1f MB; hub started at %s\n", db.c_str(),
                static_cast<double>(std::filesystem::file_size(db)) / 1e6, now.c_str());
    for (int i = 0; i < opt.starts; ++i) {
        StartFigures f = start_hub(opt, db, now);
        std::printf("start %d: listening after %.0f ms, RSS %.1f MB\n", i + 1, f.ms,
                    static_cast<double>(f.rss_kib) / 1024.0);
    }
    return 0;
}
