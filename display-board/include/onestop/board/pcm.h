#pragma once
// Mono 16-bit PCM at one fixed rate: every clip, generated or recorded, is converted
// to this on load, so announcements are plain concatenations of samples.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::board {

inline constexpr int kSampleRate =
    22050;  // espeak-ng's native rate: generated clips need no resampling

struct Pcm {
    std::vector<int16_t> samples;  // mono, kSampleRate

    double seconds() const { return static_cast<double>(samples.size()) / kSampleRate; }
    void append(const Pcm& other) {
        samples.insert(samples.end(), other.samples.begin(), other.samples.end());
    }
    void append_silence(int ms) {
        samples.insert(samples.end(), static_cast<size_t>(ms) * kSampleRate / 1000, 0);
    }
};

// Reads any WAV SDL understands (PCM 8/16/32-bit, float, any rate, any channel count)
// and converts it to mono S16 at kSampleRate.
Result<Pcm> load_wav(const std::filesystem::path& file);

// Cuts leading and trailing near-silence (espeak-ng pads each word), keeping `margin_ms`.
Pcm trim_silence(const Pcm& pcm, int margin_ms = 15);

// Multiplies by `gain` (0..1), clamping.
void apply_gain(Pcm& pcm, double gain);

// A RIFF/WAVE file, PCM S16 mono at kSampleRate. Writes to a temporary name first and
// renames, so a reader polling the folder never sees half a file.
Status write_wav(const std::filesystem::path& file, const Pcm& pcm);

// The fields of a canonical PCM WAV header, for tests and tools.
struct WavInfo {
    int channels = 0;
    int sample_rate = 0;
    int bits_per_sample = 0;
    size_t data_bytes = 0;
};
Result<WavInfo> read_wav_info(const std::filesystem::path& file);

}  // namespace onestop::board
