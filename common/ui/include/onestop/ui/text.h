#pragma once
// Fonts and the text texture cache. All text is Noto Sans CJK SC (face index 2
// of the .ttc collection) so Chinese and Latin share one look.

#include <SDL.h>
#include <SDL_ttf.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::ui {

struct Color {
    uint8_t r = 0, g = 0, b = 0, a = 255;
    bool operator<(const Color& o) const {
        return std::tie(r, g, b, a) < std::tie(o.r, o.g, o.b, o.a);
    }
    bool operator==(const Color& o) const = default;
};

enum class Weight { Regular, Bold };

struct TextStyle {
    int size = 32;  // pixels (point size at 72 dpi)
    Color color{};
    Weight weight = Weight::Regular;
};

// Opened fonts by (size, weight); each size is opened once and kept.
class Fonts {
  public:
    // Opens nothing yet; fails when the CJK collection is not installed.
    static Result<Fonts> open_cjk();
    Fonts() = default;
    Fonts(Fonts&&) noexcept;
    Fonts& operator=(Fonts&&) noexcept;
    Fonts(const Fonts&) = delete;
    ~Fonts();

    // The font for that size and weight, or nullptr when SDL_ttf cannot open it.
    TTF_Font* get(int size, Weight weight);

  private:
    std::string regular_;
    std::string bold_;
    std::map<std::pair<int, Weight>, TTF_Font*> open_;
};

// Splits `text` into lines no wider than `width` pixels: breaks at '\n', at
// spaces for Latin words, and between any two CJK characters. A single word
// wider than `width` is broken between characters.
std::vector<std::string> wrap_text(TTF_Font* font, std::string_view text, int width);

struct TextTexture {
    SDL_Texture* texture = nullptr;
    int w = 0;
    int h = 0;
};

// Rendered text textures keyed by (text, size, colour, weight). Entries not used
// during the last frame are dropped once the cache holds more than `capacity`
// entries or `max_bytes` of pixels, so a clock that changes every minute, or a hall
// board drawing each new call in 200-pixel letters, does not grow it without end.
class TextCache {
  public:
    TextCache(SDL_Renderer* renderer, Fonts& fonts, size_t capacity = 400,
              size_t max_bytes = 8u << 20);
    ~TextCache();
    TextCache(const TextCache&) = delete;
    TextCache& operator=(const TextCache&) = delete;

    // The texture for that text; {nullptr,0,0} for empty text or a font failure.
    const TextTexture& get(const std::string& text, const TextStyle& style);
    void end_frame();  // evicts stale entries when over capacity

    size_t size() const { return entries_.size(); }
    uint64_t renders() const { return renders_; }  // textures created so far (for tests)
    size_t bytes() const { return bytes_; }        // pixels held, 4 bytes each
    Fonts& fonts() { return fonts_; }

  private:
    struct Key {
        std::string text;
        int size;
        Color color;
        Weight weight;
        bool operator<(const Key& o) const {
            return std::tie(text, size, color, weight) <
                   std::tie(o.text, o.size, o.color, o.weight);
        }
    };
    struct Entry {
        TextTexture tex;
        uint64_t used_frame = 0;
        size_t bytes = 0;
    };
    SDL_Renderer* renderer_;
    Fonts& fonts_;
    size_t capacity_;
    size_t max_bytes_;
    size_t bytes_ = 0;
    uint64_t frame_ = 0;
    uint64_t renders_ = 0;
    std::map<Key, Entry> entries_;
    TextTexture empty_{};
};

}  // namespace onestop::ui
