#pragma once
// Rating mode's screens. Each reads the models (RatingMode, Kiosk) when it draws.

#include <memory>

#include "onestop/ui/screen.h"
#include "rating_mode.h"

namespace onestop::kiosk {

std::unique_ptr<ui::Screen> make_idle_screen(RatingMode& m);
std::unique_ptr<ui::Screen> make_rate_screen(RatingMode& m);
std::unique_ptr<ui::Screen> make_reasons_screen(RatingMode& m, int level);
std::unique_ptr<ui::Screen> make_thanks_screen(RatingMode& m);

}  // namespace onestop::kiosk
