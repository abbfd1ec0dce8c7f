#include "onestop/ui/painter.h"

#include <SDL_image.h>

#include <algorithm>
#include <cmath>

#include "onestop/ui/qr.h"

namespace onestop::ui {

Painter::Painter(SDL_Renderer* renderer, Fonts& fonts)
    : renderer_(renderer), cache_(renderer, fonts) {}

Painter::~Painter() {
    for (auto& [_, t] : images_)
        if (t) SDL_DestroyTexture(t);
}

void Painter::begin_frame(Color bg) {
    targets_.clear();
    texts_.clear();
    SDL_SetRenderDrawBlendMode(renderer_, SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(renderer_);
}

void Painter::end_frame() {
    cache_.end_frame();
}

void Painter::fill(const Rect& r, Color c) {
    if (dry_) return;
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    SDL_Rect sr{r.x, r.y, r.w, r.h};
    SDL_RenderFillRect(renderer_, &sr);
}

void Painter::fill_rounded(const Rect& r, int radius, Color c) {
    if (dry_) return;
    radius = std::min({radius, r.w / 2, r.h / 2});
    if (radius <= 0) return fill(r, c);
    SDL_SetRenderDrawColor(renderer_, c.r, c.g, c.b, c.a);
    SDL_Rect mid{r.x, r.y + radius, r.w, r.h - 2 * radius};
    SDL_RenderFillRect(renderer_, &mid);
    // The rounded top and bottom bands, one scan line each.
    for (int i = 0; i < radius; ++i) {
        double dy = radius - i - 0.5;
        int inset = radius - static_cast<int>(std::lround(std::sqrt(radius * radius - dy * dy)));
        SDL_Rect top{r.x + inset, r.y + i, r.w - 2 * inset, 1};
        SDL_Rect bottom{r.x + inset, r.y + r.h - 1 - i, r.w - 2 * inset, 1};
        SDL_RenderFillRect(renderer_, &top);
        SDL_RenderFillRect(renderer_, &bottom);
    }
}

void Painter::outline(const Rect& r, int t, Color c) {
    fill({r.x, r.y, r.w, t}, c);
    fill({r.x, r.bottom() - t, r.w, t}, c);
    fill({r.x, r.y, t, r.h}, c);
    fill({r.right() - t, r.y, t, r.h}, c);
}

SDL_Point Painter::text(const std::string& s, const TextStyle& style, int x, int y, Align align,
                        int width) {
    if (s.empty()) return {0, 0};
    if (dry_) return measure(s, style);
    texts_.push_back(s);
    const TextTexture& t = cache_.get(s, style);
    if (!t.texture) return {0, 0};
    int dx = x;
    if (align == Align::Center) dx = x + (width - t.w) / 2;
    if (align == Align::Right) dx = x + width - t.w;
    SDL_Rect dst{dx, y, t.w, t.h};
    SDL_RenderCopy(renderer_, t.texture, nullptr, &dst);
    return {t.w, t.h};
}

SDL_Point Painter::measure(const std::string& s, const TextStyle& style) {
    TTF_Font* f = cache_.fonts().get(style.size, style.weight);
    int w = 0, h = 0;
    if (f && !s.empty()) TTF_SizeUTF8(f, s.c_str(), &w, &h);
    if (f && s.empty()) h = TTF_FontHeight(f);
    return {w, h};
}

int Painter::fit_size(const std::string& s, const TextStyle& style, int width) {
    TextStyle st = style;
    while (st.size > 12 && measure(s, st).x > width) st.size = st.size * 9 / 10;
    return st.size;
}

int Painter::measure_wrapped(const std::string& s, const TextStyle& style, int width,
                             int line_gap) {
    TTF_Font* f = cache_.fonts().get(style.size, style.weight);
    if (!f || s.empty()) return 0;
    auto lines = wrap_text(f, s, width);
    int n = static_cast<int>(lines.size());
    return n * TTF_FontHeight(f) + (n - 1) * line_gap;
}

int Painter::text_wrapped(const std::string& s, const TextStyle& style, int x, int y, int width,
                          Align align, int max_lines, int line_gap) {
    TTF_Font* f = cache_.fonts().get(style.size, style.weight);
    if (!f || s.empty()) return 0;
    if (!dry_) texts_.push_back(s);  // whole, so `expect` finds text that wrapped
    auto lines = wrap_text(f, s, width);
    if (max_lines > 0 && static_cast<int>(lines.size()) > max_lines) {
        lines.resize(static_cast<size_t>(max_lines));
        lines.back() += "…";
    }
    int lh = TTF_FontHeight(f);
    int cy = y;
    for (const auto& line : lines) {
        text(line, style, x, cy, align, width);
        cy += lh + line_gap;
    }
    return cy - y - line_gap;
}

bool Painter::image(const std::filesystem::path& file, const Rect& r) {
    if (dry_) return true;
    auto key = file.string();
    auto it = images_.find(key);
    if (it == images_.end())
        it = images_.emplace(key, IMG_LoadTexture(renderer_, key.c_str())).first;
    SDL_Texture* t = it->second;
    if (!t) return false;
    int w = 0, h = 0;
    SDL_QueryTexture(t, nullptr, nullptr, &w, &h);
    if (w <= 0 || h <= 0) return false;
    double scale = std::min(static_cast<double>(r.w) / w, static_cast<double>(r.h) / h);
    int dw = static_cast<int>(w * scale), dh = static_cast<int>(h * scale);
    SDL_Rect dst{r.x + (r.w - dw) / 2, r.y + (r.h - dh) / 2, dw, dh};
    SDL_RenderCopy(renderer_, t, nullptr, &dst);
    return true;
}

void Painter::qr(const QrCode& code, const Rect& r) {
    if (dry_) return;
    int side = std::min(r.w, r.h);
    int total = code.size() + 8;  // 4 modules of quiet zone each side
    int m = std::max(1, side / total);
    int drawn = m * total;
    int ox = r.x + (r.w - drawn) / 2, oy = r.y + (r.h - drawn) / 2;
    fill({ox, oy, drawn, drawn}, Color{255, 255, 255});
    SDL_SetRenderDrawColor(renderer_, 0, 0, 0, 255);
    for (int y = 0; y < code.size(); ++y) {
        for (int x = 0; x < code.size(); ++x) {
            if (!code.dark(x, y)) continue;
            SDL_Rect mr{ox + (x + 4) * m, oy + (y + 4) * m, m, m};
            SDL_RenderFillRect(renderer_, &mr);
        }
    }
}

void Painter::add_target(const std::string& label, const Rect& r, bool enabled) {
    if (dry_) return;
    targets_.push_back(Target{label, r, enabled});
}

}  // namespace onestop::ui
