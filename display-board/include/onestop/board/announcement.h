#pragma once
// Turning a call into speech: which clips, in which order, and the samples.
//
//   zh: 请 A 0 1 2 号 到 三 号 窗口 办理  — the ticket letter by letter and digit by digit,
//       the window number read naturally (十二, 一百零五);
//   en: Number A zero one two, please go to window twelve.

#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/board/clip_library.h"
#include "onestop/board/pcm.h"
#include "onestop/config/catalogue.h"

namespace onestop::board {

struct Call {
    std::string number;  // "A012"
    int window = 0;
    bool recall = false;
};

// Every clip name the sequences below can ask for in `lang` (what ClipLibrary must load).
std::vector<std::string> required_clips(config::Lang lang);

// The clips of one call in one language; fails for a number with other than A–Z and 0–9,
// or a window outside 1…999.
Result<std::vector<std::string>> clip_sequence(config::Lang lang, const Call& call);

// The window number read naturally: zh 12 → {"shi","d2"}, 20 → {"d2","shi"}, en 12 → {"n12"}.
std::vector<std::string> natural_number(config::Lang lang, int n);

struct VoiceOptions {
    std::vector<config::Lang> langs{config::Lang::Zh, config::Lang::En};
    bool chime = true;
    double volume = 0.8;      // 0..1
    int word_gap_ms = 30;     // between clips
    int lang_gap_ms = 450;    // between the Mandarin and the English sentence
    int chime_gap_ms = 250;   // after the chime
};

// One stretch of the rendered announcement, for tests and logs.
struct Segment {
    std::string what;  // "chime", "gap", or "<lang>/<clip>"
    size_t start = 0;  // first sample
    size_t length = 0; // samples
};

struct Announcement {
    Pcm pcm;
    std::vector<Segment> segments;  // contiguous, in order, covering pcm exactly
};

// The chime before an announcement: a two-note "ding-dong", generated (no file).
Pcm make_chime();

Result<Announcement> render_announcement(const ClipLibrary& clips, const VoiceOptions& options,
                                         const Call& call);

}  // namespace onestop::board
