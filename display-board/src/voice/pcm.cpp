#include "onestop/board/pcm.h"

#include <SDL.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>

namespace onestop::board {
namespace fs = std::filesystem;

Result<Pcm> load_wav(const fs::path& file) {
    SDL_AudioSpec spec;
    Uint8* buf = nullptr;
    Uint32 len = 0;
    if (!SDL_LoadWAV(file.c_str(), &spec, &buf, &len)) {
        return make_error("voice_clip_unreadable", file.string() + ": " + SDL_GetError());
    }
    // SDL's stream converter does format, channel and rate conversion in one go.
    SDL_AudioStream* stream =
        SDL_NewAudioStream(spec.format, spec.channels, spec.freq, AUDIO_S16SYS, 1, kSampleRate);
    if (!stream) {
        SDL_FreeWAV(buf);
        return make_error("voice_clip_format", file.string() + ": " + SDL_GetError());
    }
    int put = SDL_AudioStreamPut(stream, buf, static_cast<int>(len));
    SDL_FreeWAV(buf);
    if (put != 0 || SDL_AudioStreamFlush(stream) != 0) {
        SDL_FreeAudioStream(stream);
        return make_error("voice_clip_format", file.string() + ": " + SDL_GetError());
    }
    Pcm pcm;
    pcm.samples.resize(static_cast<size_t>(SDL_AudioStreamAvailable(stream)) / sizeof(int16_t));
    int got = SDL_AudioStreamGet(stream, pcm.samples.data(),
                                 static_cast<int>(pcm.samples.size() * sizeof(int16_t)));
    SDL_FreeAudioStream(stream);
    if (got < 0) return make_error("voice_clip_format", file.string() + ": " + SDL_GetError());
    pcm.samples.resize(static_cast<size_t>(got) / sizeof(int16_t));
    return pcm;
}

Pcm trim_silence(const Pcm& pcm, int margin_ms) {
    constexpr int kThreshold =
        400;  // about -38 dBFS: well under speech, above espeak-ng's noise floor
    auto loud = [](int16_t s) { return std::abs(static_cast<int>(s)) > kThreshold; };
    auto first = std::find_if(pcm.samples.begin(), pcm.samples.end(), loud);
    if (first == pcm.samples.end()) return {};
    auto last = std::find_if(pcm.samples.rbegin(), pcm.samples.rend(), loud).base();
    const auto margin = static_cast<std::ptrdiff_t>(margin_ms) * kSampleRate / 1000;
    auto from = first - std::min(margin, first - pcm.samples.begin());
    auto to = last + std::min(margin, pcm.samples.end() - last);
    return Pcm{{from, to}};
}

void apply_gain(Pcm& pcm, double gain) {
    for (auto& s : pcm.samples) {
        s = static_cast<int16_t>(std::clamp(std::lround(s * gain), -32768L, 32767L));
    }
}

namespace {
void put_u32(std::string& out, uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}
void put_u16(std::string& out, uint16_t v) {
    out.push_back(static_cast<char>(v & 0xff));
    out.push_back(static_cast<char>(v >> 8));
}
uint32_t get_u32(const char* p) {
    return static_cast<uint32_t>(static_cast<uint8_t>(p[0])) |
           static_cast<uint32_t>(static_cast<uint8_t>(p[1])) << 8 |
           static_cast<uint32_t>(static_cast<uint8_t>(p[2])) << 16 |
           static_cast<uint32_t>(static_cast<uint8_t>(p[3])) << 24;
}
uint16_t get_u16(const char* p) {
    return static_cast<uint16_t>(static_cast<uint8_t>(p[0]) | static_cast<uint8_t>(p[1]) << 8);
}
}  // namespace

Status write_wav(const fs::path& file, const Pcm& pcm) {
    const uint32_t data_bytes = static_cast<uint32_t>(pcm.samples.size() * sizeof(int16_t));
    std::string header;
    header += "RIFF";
    put_u32(header, 36 + data_bytes);
    header += "WAVEfmt ";
    put_u32(header, 16);
    put_u16(header, 1);  // PCM
    put_u16(header, 1);  // mono
    put_u32(header, kSampleRate);
    put_u32(header, kSampleRate * 2);
    put_u16(header, 2);
    put_u16(header, 16);
    header += "data";
    put_u32(header, data_bytes);

    fs::path tmp = file;
    tmp += ".part";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return make_error("voice_out_unwritable", "cannot write " + tmp.string());
        out.write(header.data(), static_cast<std::streamsize>(header.size()));
        // Little-endian host (x86, ARM Linux): samples are already in WAV byte order.
        out.write(reinterpret_cast<const char*>(pcm.samples.data()), data_bytes);
        if (!out) return make_error("voice_out_unwritable", "short write to " + tmp.string());
    }
    std::error_code ec;
    fs::rename(tmp, file, ec);
    if (ec)
        return make_error("voice_out_unwritable",
                          "cannot rename to " + file.string() + ": " + ec.message());
    return {};
}

Result<WavInfo> read_wav_info(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error("not_found", "cannot open " + file.string());
    char riff[12];
    if (!in.read(riff, 12) || std::memcmp(riff, "RIFF", 4) != 0 ||
        std::memcmp(riff + 8, "WAVE", 4) != 0) {
        return make_error("not_wav", file.string() + " is not a RIFF/WAVE file");
    }
    WavInfo info;
    bool have_fmt = false;
    char chunk[8];
    while (in.read(chunk, 8)) {
        const uint32_t size = get_u32(chunk + 4);
        if (std::memcmp(chunk, "fmt ", 4) == 0) {
            std::string fmt(size, '\0');
            if (size < 16 || !in.read(fmt.data(), size))
                return make_error("not_wav", "short fmt chunk");
            info.channels = get_u16(fmt.data() + 2);
            info.sample_rate = static_cast<int>(get_u32(fmt.data() + 4));
            info.bits_per_sample = get_u16(fmt.data() + 14);
            have_fmt = true;
        } else if (std::memcmp(chunk, "data", 4) == 0) {
            if (!have_fmt) return make_error("not_wav", "data before fmt");
            info.data_bytes = size;
            return info;
        } else {
            in.seekg(size + (size & 1), std::ios::cur);
        }
    }
    return make_error("not_wav", file.string() + " has no data chunk");
}

}  // namespace onestop::board
