#pragma once
// The two board layouts as ui::Screens. They only read the controller; update() asks the
// app for the next frame when something moves (flash, notice scroll, clock, offline grace)
// and for none otherwise, so an idle board draws nothing.

#include <memory>
#include <vector>

#include "../app/controller.h"
#include "onestop/ui/app.h"
#include "onestop/ui/screen.h"

namespace onestop::board {

// Shared timing: the clock, the flash, the offline grace period, the scrolling notice.
class BoardScreen : public ui::Screen {
  public:
    BoardScreen(ui::App& app, const BoardController& c) : app_(app), c_(c) {}
    void update(ui::Millis dt) override;

  protected:
    // Draws the notice line into `r`, scrolling when it does not fit.
    void notice_line(ui::Painter& p, const ui::Rect& r, int size);
    void offline_frame(ui::Painter& p, int thickness);

    ui::App& app_;
    const BoardController& c_;
    bool notice_scrolls_ = false;
    double notice_offset_ = 0;  // px scrolled
    int notice_width_ = 0;
    std::string clock_drawn_;
    bool offline_drawn_ = false;
};

struct TileName;  // a window's name fitted to its tile (hall_screen.cpp)

class HallScreen final : public BoardScreen {
  public:
    using BoardScreen::BoardScreen;
    const char* name() const override { return "hall"; }
    void render(ui::Painter& p) override;
    // The height in pixels of one character of the newest call as last drawn.
    int call_glyph_height() const { return call_glyph_height_; }
    const std::vector<TileLayout>& tile_layouts() const { return tiles_; }

  private:
    void header(ui::Painter& p, const ui::Rect& r, double s);
    void call_band(ui::Painter& p, const ui::Rect& r, double s);
    void windows_grid(ui::Painter& p, const ui::Rect& r, double s);
    TileLayout window_tile(ui::Painter& p, const ui::Rect& t, double s, double ts,
                           const WindowEntry& w, const TileName& name, int name_block);
    void side_panel(ui::Painter& p, const ui::Rect& r, double s);
    int call_glyph_height_ = 0;
    std::vector<TileLayout> tiles_;
};

class WindowScreen final : public BoardScreen {
  public:
    using BoardScreen::BoardScreen;
    const char* name() const override { return "window"; }
    void render(ui::Painter& p) override;
};

}  // namespace onestop::board
