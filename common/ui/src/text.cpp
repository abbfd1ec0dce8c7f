#include "onestop/ui/text.h"
#include "onestop/base/error_codes.h"

#include "onestop/base/paths.h"
#include "onestop/base/utf8.h"

namespace onestop::ui {

Result<Fonts> Fonts::open_cjk() {
    Fonts f;
    f.regular_ = cjk_font_path(false).string();
    f.bold_ = cjk_font_path(true).string();
    if (f.regular_.empty())
        return make_error(errc::font_missing,
                          "Noto Sans CJK is not installed (Debian: fonts-noto-cjk)");
    if (f.bold_.empty()) f.bold_ = f.regular_;  // then bold is synthesised by SDL_ttf
    return f;
}

Fonts::Fonts(Fonts&& o) noexcept
    : regular_(std::move(o.regular_)), bold_(std::move(o.bold_)), open_(std::move(o.open_)) {
    o.open_.clear();
}

Fonts& Fonts::operator=(Fonts&& o) noexcept {
    if (this != &o) {
        for (auto& [_, f] : open_) TTF_CloseFont(f);
        regular_ = std::move(o.regular_);
        bold_ = std::move(o.bold_);
        open_ = std::move(o.open_);
        o.open_.clear();
    }
    return *this;
}

Fonts::~Fonts() {
    for (auto& [_, f] : open_) TTF_CloseFont(f);
}

TTF_Font* Fonts::get(int size, Weight weight) {
    auto key = std::make_pair(size, weight);
    if (auto it = open_.find(key); it != open_.end()) return it->second;
    const std::string& path = weight == Weight::Bold ? bold_ : regular_;
    // Face index 2 of the Noto Sans CJK collection is the Simplified Chinese face.
    TTF_Font* font = TTF_OpenFontIndex(path.c_str(), size, 2);
    if (font && weight == Weight::Bold && bold_ == regular_) TTF_SetFontStyle(font, TTF_STYLE_BOLD);
    if (font) open_[key] = font;
    return font;
}

namespace {

// Decodes one UTF-8 code point at `i` and advances `i`.
uint32_t next_cp(std::string_view s, size_t& i) {
    Utf8Char c = decode_utf8(s, i);
    i += c.length;
    return c.code_point;
}

bool is_cjk(uint32_t cp) {
    return cp >= 0x2e80;
}

// Punctuation that must not start a line (it sticks to what is before it).
bool closes(uint32_t cp) {
    switch (cp) {
        case 0xff0c:
        case 0x3002:
        case 0x3001:
        case 0xff1b:
        case 0xff1a:
        case 0xff01:
        case 0xff1f:
        case 0xff09:
        case 0x300d:
        case 0x300f:
        case 0x3011:
        case 0x2026:
        case ',':
        case '.':
        case ';':
        case ':':
        case '!':
        case '?':
        case ')':
            return true;
        default:
            return false;
    }
}

int width_of(TTF_Font* font, const std::string& s) {
    int w = 0, h = 0;
    if (s.empty() || TTF_SizeUTF8(font, s.c_str(), &w, &h) != 0) return 0;
    return w;
}

// Tokens: a Latin word, one CJK character (plus closing punctuation), or a space.
std::vector<std::string> tokens(std::string_view line) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        size_t start = i;
        uint32_t cp = next_cp(line, i);
        if (cp == ' ') {
            out.emplace_back(" ");
            continue;
        }
        if (closes(cp) && !out.empty() && out.back() != " ") {
            out.back() += std::string(line.substr(start, i - start));
            continue;
        }
        if (is_cjk(cp)) {
            out.emplace_back(line.substr(start, i - start));
            continue;
        }
        // A Latin word runs until a space or a CJK character.
        size_t end = i;
        while (end < line.size()) {
            size_t probe = end;
            uint32_t c2 = next_cp(line, probe);
            if (c2 == ' ' || (is_cjk(c2) && !closes(c2))) break;
            end = probe;
        }
        out.emplace_back(line.substr(start, end - start));
        i = end;
    }
    return out;
}

// Breaks one over-long word between characters.
void split_long(TTF_Font* font, const std::string& word, int width, std::vector<std::string>& lines,
                std::string& current) {
    size_t i = 0;
    while (i < word.size()) {
        size_t start = i;
        next_cp(word, i);
        std::string ch = word.substr(start, i - start);
        if (!current.empty() && width_of(font, current + ch) > width) {
            lines.push_back(current);
            current.clear();
        }
        current += ch;
    }
}

}  // namespace

std::vector<std::string> wrap_text(TTF_Font* font, std::string_view text, int width) {
    std::vector<std::string> lines;
    size_t pos = 0;
    while (pos <= text.size()) {
        size_t nl = text.find('\n', pos);
        std::string_view para =
            text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        std::string current;
        for (const std::string& tok : tokens(para)) {
            if (tok == " " && current.empty()) continue;  // no leading spaces
            std::string candidate = current + tok;
            if (width_of(font, candidate) <= width) {
                current = std::move(candidate);
                continue;
            }
            if (!current.empty()) {
                while (!current.empty() && current.back() == ' ') current.pop_back();
                lines.push_back(current);
                current.clear();
            }
            if (tok == " ") continue;
            if (width_of(font, tok) > width)
                split_long(font, tok, width, lines, current);
            else
                current = tok;
        }
        while (!current.empty() && current.back() == ' ') current.pop_back();
        lines.push_back(current);
        if (nl == std::string_view::npos) break;
        pos = nl + 1;
    }
    return lines;
}

TextCache::TextCache(SDL_Renderer* renderer, Fonts& fonts, size_t capacity, size_t max_bytes)
    : renderer_(renderer), fonts_(fonts), capacity_(capacity), max_bytes_(max_bytes) {}

TextCache::~TextCache() {
    for (auto& [_, e] : entries_) SDL_DestroyTexture(e.tex.texture);
}

const TextTexture& TextCache::get(const std::string& text, const TextStyle& style) {
    if (text.empty()) return empty_;
    Key key{text, style.size, style.color, style.weight};
    if (auto it = entries_.find(key); it != entries_.end()) {
        it->second.used_frame = frame_;
        return it->second.tex;
    }
    TTF_Font* font = fonts_.get(style.size, style.weight);
    if (!font) return empty_;
    SDL_Color c{style.color.r, style.color.g, style.color.b, style.color.a};
    SDL_Surface* surface = TTF_RenderUTF8_Blended(font, text.c_str(), c);
    if (!surface) return empty_;
    TextTexture tex;
    tex.texture = SDL_CreateTextureFromSurface(renderer_, surface);
    tex.w = surface->w;
    tex.h = surface->h;
    SDL_FreeSurface(surface);
    if (!tex.texture) return empty_;
    ++renders_;
    const size_t bytes = static_cast<size_t>(tex.w) * static_cast<size_t>(tex.h) * 4;
    bytes_ += bytes;
    auto [it, _] = entries_.emplace(std::move(key), Entry{tex, frame_, bytes});
    return it->second.tex;
}

void TextCache::end_frame() {
    if (entries_.size() > capacity_ || bytes_ > max_bytes_) {
        for (auto it = entries_.begin(); it != entries_.end();) {
            if (it->second.used_frame != frame_) {
                SDL_DestroyTexture(it->second.tex.texture);
                bytes_ -= it->second.bytes;
                it = entries_.erase(it);
            } else {
                ++it;
            }
        }
    }
    ++frame_;
}

}  // namespace onestop::ui
