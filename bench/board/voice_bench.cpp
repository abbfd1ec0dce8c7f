// board-voice-bench: can one voice keep up with a busy hall? Plays hours of calls at 4, 8
// and 16 a minute (random windows 1–12, some recalled) through the board's own voice rules
// (VoiceQueue) in simulated time, each announcement as long as the real announcement
// builder makes it from the generated clips. Prints the announcement lengths, then per
// rate the delay from a call to the start of its announcement, and what was merged,
// shortened or left out. Figures in RESULTS.md.

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "onestop/board/announcement.h"
#include "onestop/board/clip_library.h"
#include "onestop/board/voice_queue.h"
#include "onestop/config/hall_file.h"

using namespace onestop;
using namespace onestop::board;
using config::Lang;
using namespace std::chrono_literals;

namespace {

struct Arrival {
    TimePoint at;
    Call call;
};

// First calls at `per_minute` (Poisson, or evenly spaced), each at a random window 1–12
// with that window's next number; `recall_share` of them recalled 5–40 s later.
std::vector<Arrival> busy_hours(double per_minute, double hours, bool even, double recall_share,
                                unsigned seed) {
    std::mt19937 rng(seed);
    std::exponential_distribution<double> gap(per_minute / 60.0);
    std::uniform_int_distribution<int> window(1, 12);
    std::uniform_real_distribution<double> recall_after(5, 40);
    std::bernoulli_distribution recalled(recall_share);
    std::map<int, int> next_number;
    std::vector<Arrival> out;
    const TimePoint t0{};
    for (double t = 0; t < hours * 3600;) {
        t += even ? 60.0 / per_minute : gap(rng);
        const int w = window(rng);
        char number[8];
        std::snprintf(number, sizeof number, "%c%03d", 'A' + w - 1, ++next_number[w] % 1000);
        const auto at = t0 + std::chrono::milliseconds(static_cast<int64_t>(t * 1000));
        out.push_back({at, {number, w, false}});
        if (recalled(rng)) {
            out.push_back(
                {at + std::chrono::milliseconds(static_cast<int64_t>(recall_after(rng) * 1000)),
                 {number, w, true}});
        }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Arrival& a, const Arrival& b) { return a.at < b.at; });
    return out;
}

class Lengths {
  public:
    Lengths(const ClipLibrary& clips, VoiceOptions options)
        : clips_(clips), options_(std::move(options)) {}
    Millis of(const Call& call, const SpeechPart& part) const {
        const std::string key = call.number + "/" + std::to_string(call.window) + "/" +
                                std::to_string(part.chime) + config::to_string(part.langs.front());
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        auto a = render_part(clips_, options_, call, part);
        if (!a) {
            std::fprintf(stderr, "%s\n", a.error().message.c_str());
            std::exit(1);
        }
        return cache_[key] = Millis(a->pcm.samples.size() * 1000 / kSampleRate);
    }
    Millis first(const Call& call, bool chime) const {
        return of(call, {{Lang::Zh}, chime && options_.chime, false});
    }
    Millis english(const Call& call) const { return of(call, {{Lang::En}, false, true}); }
    Millis pause() const { return Millis(options_.pause_ms); }

  private:
    const ClipLibrary& clips_;
    VoiceOptions options_;
    mutable std::map<std::string, Millis> cache_;  // the same calls recur at every rate
};

struct Figures {
    size_t calls = 0, recalls = 0;
    VoiceCounts counts;
    std::vector<double> delays;  // s, per announcement begun
    double speaking = 0;         // share of the time the speaker was busy
};

double percentile(std::vector<double> v, double p) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// The voice thread's loop (VoicePlayer::run/speak) in simulated time: the speaker is free
// at `now`; calls come in while it speaks.
Figures simulate(const std::vector<Arrival>& arrivals, const Lengths& len,
                 VoiceQueue::Options options) {
    Figures f;
    VoiceQueue q(options);
    size_t i = 0;
    auto arrive_until = [&](TimePoint t) {
        for (; i < arrivals.size() && arrivals[i].at <= t; ++i) {
            ++(arrivals[i].call.recall ? f.recalls : f.calls);
            q.add(arrivals[i].call, arrivals[i].at);
        }
    };
    TimePoint now{};
    Millis busy{0};
    for (;;) {
        if (q.waiting() == 0) {
            if (i == arrivals.size()) break;
            now = std::max(now, arrivals[i].at);
        }
        arrive_until(now);
        auto next = q.next(now);
        if (!next.turn) continue;
        const VoiceTurn& turn = *next.turn;
        f.delays.push_back(std::chrono::duration<double>(now - turn.called).count());
        TimePoint t = now + len.first(turn.call, turn.chime);
        arrive_until(t);
        if (turn.english && q.english_now(t)) t += len.english(turn.call);
        t += len.pause();
        arrive_until(t);
        q.done();
        busy += std::chrono::duration_cast<Millis>(t - now);
        now = t;
    }
    f.counts = q.counts();
    const auto span = arrivals.empty()
                          ? Millis(1)
                          : std::chrono::duration_cast<Millis>(now - arrivals.front().at);
    f.speaking =
        static_cast<double>(busy.count()) / static_cast<double>(std::max<int64_t>(1, span.count()));
    return f;
}

// The old voice for comparison: every call said whole (chime, Mandarin, English), first
// come first served, nothing merged or left out.
Figures say_everything(const std::vector<Arrival>& arrivals, const Lengths& len) {
    Figures f;
    TimePoint free{};
    Millis busy{0};
    for (const auto& a : arrivals) {
        ++(a.call.recall ? f.recalls : f.calls);
        const TimePoint start = std::max(free, a.at);
        f.delays.push_back(std::chrono::duration<double>(start - a.at).count());
        const Millis said = len.first(a.call, true) + len.english(a.call) + len.pause();
        busy += said;
        free = start + said;
    }
    f.counts.calls = f.counts.said = f.counts.english_said = arrivals.size();
    const auto span = arrivals.empty()
                          ? Millis(1)
                          : std::chrono::duration_cast<Millis>(free - arrivals.front().at);
    f.speaking =
        static_cast<double>(busy.count()) / static_cast<double>(std::max<int64_t>(1, span.count()));
    return f;
}

void print_row(const char* rate, const char* rules, const Figures& f) {
    auto n = [](uint64_t v) { return static_cast<unsigned long long>(v); };
    std::printf("%-6s %-22s %6zu %7zu %6llu %7llu %7llu %7llu/%-6llu %6.1f %6.1f %7.1f %6.0f%%\n",
                rate, rules, f.calls, f.recalls, n(f.counts.said), n(f.counts.merged),
                n(f.counts.dropped), n(f.counts.english_said), n(f.counts.english_dropped),
                percentile(f.delays, 0.5), percentile(f.delays, 0.95), percentile(f.delays, 1.0),
                f.speaking * 100);
}

double seconds(Millis m) {
    return static_cast<double>(m.count()) / 1000.0;
}

}  // namespace

int main(int argc, char** argv) {
    double hours = 10, recall_percent = 10;
    unsigned seed = 1;
    std::string arrivals_kind = "poisson";
    std::string english = "after";
    VoiceOptions voice;
    CLI::App cli("board-voice-bench: one voice against a busy hall, in simulated time",
                 "board-voice-bench");
    cli.add_option("--hours", hours, "simulated hours per rate")
        ->capture_default_str()
        ->check(CLI::Range(0.1, 1000.0));
    cli.add_option("--recall-percent", recall_percent, "share of calls recalled 5–40 s later")
        ->capture_default_str()
        ->check(CLI::Range(0.0, 100.0));
    cli.add_option("--seed", seed, "random seed")->capture_default_str();
    cli.add_option("--arrivals", arrivals_kind,
                   "calls at random times (poisson) or evenly spaced (even)")
        ->capture_default_str()
        ->check(CLI::IsMember({"poisson", "even"}));
    cli.add_option("--voice-english", english, "the hall's voice_english")
        ->capture_default_str()
        ->check(CLI::IsMember({"after", "recall", "off"}));
    cli.add_flag("!--no-chime", voice.chime, "no chime before calls to a silent hall");
    cli.add_option("--pause-ms", voice.pause_ms, "silence after each announcement")
        ->capture_default_str()
        ->check(CLI::Range(0, 5000));
    CLI11_PARSE(cli, argc, argv);

    ClipLibrary clips;
    for (Lang lang : {Lang::Zh, Lang::En}) {
        if (auto st = clips.load(voice_search_path({}), lang, required_clips(lang)); !st) {
            std::fprintf(stderr, "%s\n", st.error().message.c_str());
            return 1;
        }
    }
    const Lengths len(clips, voice);

    const Call a012{"A012", 3, false};
    const Millis chime = len.first(a012, true) - len.first(a012, false);
    Millis zh_min = Millis::max(), zh_max{0}, all_min = Millis::max(), all_max{0};
    for (int w = 1; w <= 12; ++w) {
        const Call c{"A012", w, false};
        zh_min = std::min(zh_min, len.first(c, false));
        zh_max = std::max(zh_max, len.first(c, false));
        all_min = std::min(all_min, len.first(c, true) + len.english(c));
        all_max = std::max(all_max, len.first(c, true) + len.english(c));
    }
    std::printf("announcement lengths (generated clips):\n");
    std::printf("  Mandarin 请 A012 号到 3 号窗口            %.2f s  (windows 1-12: %.2f-%.2f s)\n",
                seconds(len.first(a012, false)), seconds(zh_min), seconds(zh_max));
    std::printf("  English after it (450 ms gap first)       %.2f s\n", seconds(len.english(a012)));
    std::printf("  chime before a call to a silent hall      %.2f s\n", seconds(chime));
    std::printf("  bilingual with chime                      %.2f s  (windows 1-12: %.2f-%.2f s)\n",
                seconds(len.first(a012, true) + len.english(a012)), seconds(all_min),
                seconds(all_max));
    std::printf("  pause after each announcement             %.2f s\n\n", seconds(len.pause()));

    VoiceQueue::Options options;
    options.english = *config::parse_voice_english(english);
    std::printf(
        "%s arrivals, %.1f h per rate, seed %u, %.0f%% of calls recalled 5-40 s later, "
        "voice_english = %s,\n"
        "a call left out when it cannot begin within %lld s\n\n",
        arrivals_kind.c_str(), hours, seed, recall_percent, english.c_str(),
        static_cast<long long>(
            std::chrono::duration_cast<std::chrono::seconds>(options.max_delay).count()));
    std::printf("%-6s %-22s %6s %7s %6s %7s %7s %14s %6s %6s %7s %7s\n", "calls/", "rules", "calls",
                "recalls", "said", "merged", "dropped", "English", "delay", "p95", "max",
                "speaker");
    std::printf("%-6s %-22s %6s %7s %6s %7s %7s %14s %6s %6s %7s %7s\n", "minute", "", "", "", "",
                "", "", "said/left out", "p50 s", "s", "s", "busy");
    VoiceQueue::Options uncut = options;
    uncut.max_delay = std::chrono::hours(24 * 365);
    for (double rate : {4.0, 8.0, 16.0}) {
        const auto arrivals =
            busy_hours(rate, hours, arrivals_kind == "even", recall_percent / 100, seed);
        const std::string r = std::to_string(static_cast<int>(rate));
        print_row(r.c_str(), "this board", simulate(arrivals, len, options));
        print_row("", "  without the 10 s cut", simulate(arrivals, len, uncut));
        print_row("", "  say every call whole", say_everything(arrivals, len));
    }
    return 0;
}
