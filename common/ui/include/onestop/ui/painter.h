#pragma once
// Drawing for one frame: rectangles, text (cached), images, QR codes. It also
// records what was drawn — every button's label and rectangle, every text — so
// the script runner can `tap-text` a button and `expect` a text by what is on screen.

#include <SDL.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "onestop/ui/text.h"

namespace onestop::ui {

class QrCode;

struct Rect {
    int x = 0, y = 0, w = 0, h = 0;
    bool contains(int px, int py) const { return px >= x && py >= y && px < x + w && py < y + h; }
    int right() const { return x + w; }
    int bottom() const { return y + h; }
    Rect inset(int d) const { return {x + d, y + d, w - 2 * d, h - 2 * d}; }
    bool operator==(const Rect&) const = default;
};

enum class Align { Left, Center, Right };

struct Target {  // a tappable control as drawn this frame
    std::string label;
    Rect rect;
    bool enabled = true;
};

class Painter {
  public:
    Painter(SDL_Renderer* renderer, Fonts& fonts);
    Painter(const Painter&) = delete;
    Painter& operator=(const Painter&) = delete;
    ~Painter();

    void begin_frame(Color background);
    void end_frame();

    void fill(const Rect& r, Color c);
    void fill_rounded(const Rect& r, int radius, Color c);
    void outline(const Rect& r, int thickness, Color c);

    // One line of text with its top at `y`, aligned inside [x, x+width) (width
    // ignored for Left when 0). Returns the drawn size.
    SDL_Point text(const std::string& s, const TextStyle& style, int x, int y,
                   Align align = Align::Left, int width = 0);
    // Text wrapped to `width`, lines `line_gap` apart beyond the font height;
    // returns the total height. `max_lines` > 0 cuts the rest with "…".
    int text_wrapped(const std::string& s, const TextStyle& style, int x, int y, int width,
                     Align align = Align::Left, int max_lines = 0, int line_gap = 0);
    // Height `text_wrapped` would take, without drawing.
    int measure_wrapped(const std::string& s, const TextStyle& style, int width, int line_gap = 0);
    SDL_Point measure(const std::string& s, const TextStyle& style);
    // The largest size ≤ style.size at which `s` fits in `width` on one line.
    int fit_size(const std::string& s, const TextStyle& style, int width);

    // An image file (PNG/JPEG) scaled to fit `r`, kept centred; false when unreadable.
    bool image(const std::filesystem::path& file, const Rect& r);
    // Dark modules on a white quiet zone filling the largest square inside `r`.
    void qr(const QrCode& code, const Rect& r);

    void add_target(const std::string& label, const Rect& r, bool enabled = true);

    // While on, drawing calls only return their sizes: run a layout once to measure
    // it (e.g. to centre it), then again to draw.
    void set_dry_run(bool on) { dry_ = on; }
    bool dry_run() const { return dry_; }
    const std::vector<Target>& targets() const { return targets_; }
    const std::vector<std::string>& texts() const { return texts_; }

    SDL_Renderer* renderer() const { return renderer_; }
    TextCache& cache() { return cache_; }

  private:
    SDL_Renderer* renderer_;
    TextCache cache_;
    std::map<std::string, SDL_Texture*> images_;
    std::vector<Target> targets_;
    std::vector<std::string> texts_;
    bool dry_ = false;
};

}  // namespace onestop::ui
