// Renders decoded paper with SDL2_ttf onto a software surface and saves it with
// SDL2_image. FreeType inside SDL_ttf is not thread-safe, so all rendering is serialised.
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <tuple>

#include "onestop/base/paths.h"
#include "onestop/base/utf8.h"
#include "onestop/printer/virtual_printer.h"
#include "qr_matrix.h"

namespace onestop::printer {

namespace {

constexpr int kFontFace = 2;       // Noto Sans CJK collection: face 2 = SC
constexpr int kBaseDots = 24;      // Font A character height
constexpr int kLineDots = 30;      // default line spacing
constexpr int kMaxHeight = 16000;  // 2 m of paper is more than any slip
constexpr int kMargin = 12;

std::mutex g_render_mutex;

struct SurfaceDeleter {
    void operator()(SDL_Surface* s) const { SDL_FreeSurface(s); }
};
using SurfacePtr = std::unique_ptr<SDL_Surface, SurfaceDeleter>;

class Fonts {
  public:
    Fonts() = default;
    Fonts(const Fonts&) = delete;
    Fonts& operator=(const Fonts&) = delete;
    ~Fonts() {  // at exit; SDL_ttf itself stays initialised until then
        glyphs_.clear();
        for (auto& [key, font] : fonts_) TTF_CloseFont(font);
    }

    // Opens (once) the face at `px` pixels; nullptr with `error` set on failure.
    TTF_Font* get(int px, bool bold, std::string& error) {
        auto key = std::make_pair(px, bold);
        if (auto it = fonts_.find(key); it != fonts_.end()) return it->second;
        auto path = cjk_font_path(bold);
        if (path.empty()) path = cjk_font_path(false);
        if (path.empty()) {
            error = "Noto Sans CJK not found (install fonts-noto-cjk)";
            return nullptr;
        }
        TTF_Font* f = TTF_OpenFontIndex(path.c_str(), px, kFontFace);
        if (!f) {
            error = path.string() + ": " + TTF_GetError();
            return nullptr;
        }
        fonts_[key] = f;
        return f;
    }

    SDL_Surface* glyph(TTF_Font* font, int px, bool bold, char32_t cp) {
        auto key = std::make_tuple(cp, px, bold);
        if (auto it = glyphs_.find(key); it != glyphs_.end()) return it->second.get();
        SDL_Surface* s =
            TTF_RenderGlyph32_Blended(font, static_cast<Uint32>(cp), SDL_Color{0, 0, 0, 255});
        glyphs_[key] = SurfacePtr(s);
        return s;
    }

  private:
    std::map<std::pair<int, bool>, TTF_Font*> fonts_;  // opened once, closed at exit
    std::map<std::tuple<char32_t, int, bool>, SurfacePtr> glyphs_;
};

Fonts& fonts() {
    static Fonts f;
    return f;
}

struct CodePoint {
    char32_t value;
    int columns;  // 1 for a half-width (ANK) cell, 2 for a CJK one
};

std::vector<CodePoint> code_points(std::string_view s) {
    std::vector<CodePoint> out;
    for (size_t i = 0; i < s.size();) {
        Utf8Char c = decode_utf8(s, i);
        out.push_back({c.valid ? c.code_point : U'?', text_columns(s.substr(i, c.length))});
        i += c.length;
    }
    return out;
}

int aligned_x(Align a, int content, int width) {
    if (a == Align::Center) return std::max(0, (width - content) / 2);
    if (a == Align::Right) return std::max(0, width - content);
    return 0;
}

// Lays the paper out top to bottom; draws when `target` is set, else only measures.
class Painter {
  public:
    Painter(const Profile& profile, SDL_Surface* target)
        : width_(profile.width_dots), area_width_(width_), target_(target) {}

    Result<int> paint(const Paper& paper) {
        y_ = kMargin;
        for (const Block& b : paper.blocks) {
            if (y_ > kMaxHeight) break;
            if (auto st = std::visit([this](const auto& block) { return draw(block); }, b); !st)
                return st.error();
        }
        bool ends_with_cut =
            !paper.blocks.empty() && std::holds_alternative<CutBlock>(paper.blocks.back());
        if (!ends_with_cut) y_ += kMargin;
        return std::min(y_, kMaxHeight);
    }

  private:
    struct Glyph {
        char32_t cp;
        TTF_Font* font;
        int px;
        bool bold;
        int w, h;     // GS ! multipliers
        int advance;  // the font's advance at px, unscaled
        int cell;     // the printer's character cell: 12 or 24 dots times w
    };

    Status draw(const TextLine& line) {
        std::vector<Glyph> glyphs;
        int empty_height = 1;
        for (const TextSpan& span : line.spans) {
            empty_height = std::max(empty_height, std::clamp(span.height, 1, 8));
            // Blocks may come from anywhere, not only the decoder: keep GS ! limits.
            int w = std::clamp(span.width, 1, 8), h = std::clamp(span.height, 1, 8);
            int px = kBaseDots * h;
            std::string error;
            TTF_Font* font = fonts().get(px, span.bold, error);
            if (!font) return make_error("font_missing", error);
            for (auto [cp, columns] : code_points(span.utf8)) {
                if (!TTF_GlyphIsProvided32(font, static_cast<Uint32>(cp))) cp = U'?';
                int minx, maxx, miny, maxy, advance = 0;
                TTF_GlyphMetrics32(font, static_cast<Uint32>(cp), &minx, &maxx, &miny, &maxy,
                                   &advance);
                // Printer fonts are fixed cells (Font A: 12×24 for ASCII, 24×24 for CJK),
                // so lines fill and wrap exactly as on paper.
                int cell = columns * (kBaseDots / 2) * w;
                glyphs.push_back({cp, font, px, span.bold, w, h, advance, cell});
            }
        }
        if (glyphs.empty()) {
            y_ += kLineDots * empty_height;
            return {};
        }
        // The printer wraps a line wider than its print area, character by character.
        size_t start = 0;
        while (start < glyphs.size()) {
            size_t end = start;
            int used = 0;
            while (end < glyphs.size() &&
                   (end == start || used + glyphs[end].cell <= area_width_)) {
                used += glyphs[end].cell;
                ++end;
            }
            draw_row(glyphs, start, end, used, line.align);
            start = end;
        }
        return {};
    }

    void draw_row(const std::vector<Glyph>& glyphs, size_t start, size_t end, int used,
                  Align align) {
        int tallest = 1;
        for (size_t i = start; i < end; ++i) tallest = std::max(tallest, glyphs[i].h);
        // Ideographs sit in an em box from 0.88 em above the baseline to 0.12 em below;
        // centre the tallest em box in the line's spacing.
        int baseline = y_ + (kLineDots - kBaseDots) * tallest / 2 + kBaseDots * tallest * 88 / 100;
        int x = area_x(align, used);
        for (size_t i = start; i < end; ++i) {
            const Glyph& g = glyphs[i];
            SDL_Surface* s = target_ ? fonts().glyph(g.font, g.px, g.bold, g.cp) : nullptr;
            if (s && g.advance > 0) {
                // Stretch by the width multiplier, squeeze a glyph wider than its cell,
                // and centre it in the cell.
                double sx = double(g.w) / g.h;
                if (g.advance * sx > g.cell) sx = double(g.cell) / g.advance;
                int shown = static_cast<int>(std::lround(g.advance * sx));
                SDL_Rect dst{x + (g.cell - shown) / 2, baseline - TTF_FontAscent(g.font),
                             static_cast<int>(std::lround(s->w * sx)), s->h};
                if (dst.w == s->w) {
                    SDL_BlitSurface(s, nullptr, target_, &dst);
                } else {
                    SDL_BlitScaled(s, nullptr, target_, &dst);
                }
            }
            x += g.cell;
        }
        y_ += kLineDots * tallest;
    }

    void fill(int x, int y, int w, int h, Uint32 argb) {
        if (!target_) return;
        SDL_Rect r{x, y, w, h};
        SDL_FillRect(target_, &r, argb);
    }

    Status draw(const QrBlock& qr) {
        auto m = make_qr(qr.data, qr.ec);
        if (!m) return {};  // a printer prints nothing for data it cannot encode
        int module = std::clamp(qr.module_dots, 1, 16);
        int size = m->size * module;
        int x0 = area_x(qr.align, size);
        for (int my = 0; my < m->size; ++my) {
            for (int mx = 0; mx < m->size; ++mx) {
                if (m->at(mx, my))
                    fill(x0 + mx * module, y_ + my * module, module, module, 0xFF000000);
            }
        }
        y_ += size;
        return {};
    }

    Status draw(const ImageBlock& img) {
        int row_bytes = (img.width_dots + 7) / 8;
        if (img.width_dots <= 0 || img.height_dots <= 0 ||
            img.bits.size() < static_cast<size_t>(row_bytes) * img.height_dots) {
            return {};  // inconsistent sizes: nothing a printer could print
        }
        int x0 = area_x(img.align, img.width_dots);
        if (target_) {
            for (int y = 0; y < img.height_dots; ++y) {
                for (int x = 0; x < img.width_dots && x0 + x < width_; ++x) {
                    uint8_t byte = img.bits[static_cast<size_t>(y) * row_bytes + x / 8];
                    if (byte & (0x80 >> (x % 8))) fill(x0 + x, y_ + y, 1, 1, 0xFF000000);
                }
            }
        }
        y_ += img.height_dots;
        return {};
    }

    Status draw(const FeedBlock& feed) {
        y_ += feed.dots;
        return {};
    }

    Status draw(const AreaBlock& area) {
        area_left_ = std::clamp(area.left, 0, width_ - 1);
        int room = width_ - area_left_;
        area_width_ = area.width <= 0 ? room : std::min(area.width, room);
        return {};
    }

    // Where content of `size` dots starts, aligned within the print area.
    int area_x(Align a, int size) const { return area_left_ + aligned_x(a, size, area_width_); }

    Status draw(const CutBlock& cut) {
        y_ += kMargin;
        // Dashes: long for a full cut, short for a partial one.
        int dash = cut.partial ? 6 : 14;
        for (int x = 0; x < width_; x += 2 * dash) fill(x, y_, dash, 2, 0xFF808080);
        y_ += 2 + kMargin;
        return {};
    }

    int width_;
    int area_left_ = 0, area_width_;  // GS L / GS W
    SDL_Surface* target_;
    int y_ = 0;
};

void init_sdl_libraries() {
    static std::once_flag once;
    std::call_once(once, [] {
        TTF_Init();
        IMG_Init(IMG_INIT_PNG);
    });
}

}  // namespace

Result<int> paper_length_dots(const Paper& paper, const Profile& profile) {
    std::lock_guard lock(g_render_mutex);
    init_sdl_libraries();
    return Painter(profile, nullptr).paint(paper);
}

Status render_png_file(const Paper& paper, const Profile& profile,
                       const std::filesystem::path& out) {
    std::lock_guard lock(g_render_mutex);
    init_sdl_libraries();
    auto height = Painter(profile, nullptr).paint(paper);
    if (!height) return height.error();
    SurfacePtr surface(SDL_CreateRGBSurfaceWithFormat(0, profile.width_dots, std::max(1, *height),
                                                      32, SDL_PIXELFORMAT_ARGB8888));
    if (!surface)
        return make_error("render_failed", std::string("SDL_CreateRGBSurface: ") + SDL_GetError());
    SDL_FillRect(surface.get(), nullptr, 0xFFFFFFFF);
    if (auto drawn = Painter(profile, surface.get()).paint(paper); !drawn) return drawn.error();
    if (IMG_SavePNG(surface.get(), out.c_str()) != 0) {
        return make_error("render_failed", out.string() + ": " + IMG_GetError());
    }
    return {};
}

}  // namespace onestop::printer
