#pragma once
// Turning a call into speech: which clips, in which order, and the samples.
//
//   zh: 请 A 0 1 2 号 到 三 号 窗口  — what the hall screen shows, the ticket letter by
//       letter and digit by digit, the window number read naturally (十二, 一百零五);
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
    // Said in this order; the languages after the first (English after the Mandarin) as
    // the hall's voice_english setting allows (see voice_queue.h).
    std::vector<config::Lang> langs{config::Lang::Zh, config::Lang::En};
    bool chime = true;
    double volume = 0.8;  // 0..1
    // Between clips. Each loaded clip keeps up to 15 ms of its own silence at either end
    // (trim_silence), so words stay apart at 0 and the sentence flows instead of being
    // read word by word.
    int word_gap_ms = 0;
    int lang_gap_ms = 450;   // between the Mandarin and the English sentence
    int chime_gap_ms = 250;  // after the chime
    // After an announcement, before the next one begins: short, because each call begins
    // with 请 (or the chime), which marks the boundary; every 0.1 s counts at a busy hour.
    int pause_ms = 300;
};

// One stretch of the rendered announcement, for tests and logs.
struct Segment {
    std::string what;   // "chime", "gap", or "<lang>/<clip>"
    size_t start = 0;   // first sample
    size_t length = 0;  // samples
};

struct Announcement {
    Pcm pcm;
    std::vector<Segment> segments;  // contiguous, in order, covering pcm exactly
};

// The chime before an announcement: a two-note "ding-dong", generated (no file).
Pcm make_chime();

// One stretch of an announcement: the board says the Mandarin first and decides on the
// English only once the Mandarin has been said (voice_queue.h).
struct SpeechPart {
    std::vector<config::Lang> langs;  // in order, lang_gap_ms apart
    bool chime = false;               // the chime (and chime_gap_ms) first
    bool continues = false;           // follows a sentence already said: lang_gap_ms first
};

Result<Announcement> render_part(const ClipLibrary& clips, const VoiceOptions& options,
                                 const Call& call, const SpeechPart& part);
// The whole announcement: options.chime, then every language of options.langs. Equal to the
// first language's part followed by the others' part (continues = true).
Result<Announcement> render_announcement(const ClipLibrary& clips, const VoiceOptions& options,
                                         const Call& call);

}  // namespace onestop::board
