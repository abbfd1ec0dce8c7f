#include "onestop/board/announcement.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace onestop::board {
using config::Lang;

namespace {

std::string digit_clip(Lang lang, int d) {
    return (lang == Lang::Zh ? "d" : "n") + std::to_string(d);
}

// 1…99 in Mandarin: 十二, 二十, 二十三. `in_hundreds` reads 10–19 as 一十… (一百一十二).
void zh_tens(int n, bool in_hundreds, std::vector<std::string>& out) {
    if (n < 10) {
        out.push_back(digit_clip(Lang::Zh, n));
        return;
    }
    if (n >= 20 || in_hundreds) out.push_back(digit_clip(Lang::Zh, n / 10));
    out.push_back("shi");
    if (n % 10) out.push_back(digit_clip(Lang::Zh, n % 10));
}

void en_tens(int n, std::vector<std::string>& out) {
    if (n < 20) {
        out.push_back("n" + std::to_string(n));
        return;
    }
    out.push_back("n" + std::to_string(n / 10 * 10));
    if (n % 10) out.push_back("n" + std::to_string(n % 10));
}

}  // namespace

std::vector<std::string> natural_number(Lang lang, int n) {
    std::vector<std::string> out;
    if (lang == Lang::Zh) {
        if (n >= 100) {
            out.push_back(digit_clip(lang, n / 100));
            out.push_back("bai");
            const int rest = n % 100;
            if (rest == 0) return out;
            if (rest < 10) out.push_back("d0");  // 一百零五
            zh_tens(rest, true, out);
        } else {
            zh_tens(n, false, out);
        }
    } else {
        if (n >= 100) {
            out.push_back("n" + std::to_string(n / 100));
            out.push_back("hundred");
            if (n % 100) en_tens(n % 100, out);
        } else {
            en_tens(n, out);
        }
    }
    return out;
}

std::vector<std::string> required_clips(Lang lang) {
    std::vector<std::string> names =
        lang == Lang::Zh ? std::vector<std::string>{"qing", "hao", "dao", "chuangkou", "shi", "bai"}
                         : std::vector<std::string>{"number", "please_go_to", "window", "hundred"};
    for (char c = 'A'; c <= 'Z'; ++c) names.push_back(std::string("letter_") + c);
    const int numbers = lang == Lang::Zh ? 10 : 20;
    for (int i = 0; i < numbers; ++i) names.push_back(digit_clip(lang, i));
    if (lang == Lang::En) {
        for (int t = 20; t <= 90; t += 10) names.push_back("n" + std::to_string(t));
    }
    return names;
}

Result<std::vector<std::string>> clip_sequence(Lang lang, const Call& call) {
    if (call.window < 1 || call.window > 999) {
        return make_error("invalid_window",
                          "window " + std::to_string(call.window) + " cannot be announced");
    }
    std::vector<std::string> ticket;
    for (char c : call.number) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (c >= 'A' && c <= 'Z') {
            ticket.push_back(std::string("letter_") + c);
        } else if (c >= '0' && c <= '9') {
            ticket.push_back(digit_clip(lang, c - '0'));
        } else {
            return make_error("invalid_number",
                              "ticket number '" + call.number + "' cannot be announced");
        }
    }
    if (ticket.empty()) return make_error("invalid_number", "empty ticket number");

    std::vector<std::string> seq;
    const auto window = natural_number(lang, call.window);
    if (lang == Lang::Zh) {
        seq.push_back("qing");
        seq.insert(seq.end(), ticket.begin(), ticket.end());
        seq.push_back("hao");
        seq.push_back("dao");
        seq.insert(seq.end(), window.begin(), window.end());
        seq.push_back("hao");
        seq.push_back("chuangkou");
    } else {
        seq.push_back("number");
        seq.insert(seq.end(), ticket.begin(), ticket.end());
        seq.push_back("please_go_to");
        seq.push_back("window");
        seq.insert(seq.end(), window.begin(), window.end());
    }
    return seq;
}

Pcm make_chime() {
    // Two bell-like notes (G5 then E5), each with a soft attack, an exponential decay
    // and a quieter octave partial: recognisable, not harsh through ceiling speakers.
    Pcm pcm;
    const double notes[] = {783.99, 659.25};
    const int note_samples = kSampleRate * 55 / 100;
    for (double f : notes) {
        for (int i = 0; i < note_samples; ++i) {
            const double t = static_cast<double>(i) / kSampleRate;
            const double attack = std::min(1.0, t / 0.008);
            const double env = attack * std::exp(-t * 5.0);
            const double v = std::sin(2 * std::numbers::pi * f * t) +
                             0.3 * std::sin(4 * std::numbers::pi * f * t);
            pcm.samples.push_back(static_cast<int16_t>(std::lround(v / 1.3 * env * 0.6 * 32767)));
        }
    }
    return pcm;
}

Result<Announcement> render_part(const ClipLibrary& clips, const VoiceOptions& options,
                                 const Call& call, const SpeechPart& part) {
    Announcement out;
    auto add = [&](const std::string& what, const Pcm& pcm) {
        out.segments.push_back({what, out.pcm.samples.size(), pcm.samples.size()});
        out.pcm.append(pcm);
    };
    auto gap = [&](int ms) {
        if (ms <= 0) return;
        Pcm silence;
        silence.append_silence(ms);
        add("gap", silence);
    };
    if (part.chime) {
        add("chime", make_chime());
        gap(options.chime_gap_ms);
    }
    bool first_lang = !part.continues;
    for (Lang lang : part.langs) {
        auto seq = clip_sequence(lang, call);
        if (!seq) return seq.error();
        if (!first_lang) gap(options.lang_gap_ms);
        first_lang = false;
        bool first_clip = true;
        for (const auto& name : *seq) {
            const Pcm* clip = clips.find(lang, name);
            if (!clip) {
                return make_error(
                    "voice_clip_missing",
                    std::string("clip ") + config::to_string(lang) + "/" + name + " is not loaded");
            }
            if (!first_clip) gap(options.word_gap_ms);
            first_clip = false;
            add(std::string(config::to_string(lang)) + "/" + name, *clip);
        }
    }
    apply_gain(out.pcm, std::clamp(options.volume, 0.0, 1.0));
    return out;
}

Result<Announcement> render_announcement(const ClipLibrary& clips, const VoiceOptions& options,
                                         const Call& call) {
    return render_part(clips, options, call, SpeechPart{options.langs, options.chime, false});
}

}  // namespace onestop::board
