#pragma once
// Rating mode's screens. Each reads the models (RatingMode, Kiosk) when it draws.

#include <memory>
#include <string>
#include <vector>

#include "onestop/ui/screen.h"
#include "rating_mode.h"

namespace onestop::kiosk {

std::unique_ptr<ui::Screen> make_idle_screen(RatingMode& m);
std::unique_ptr<ui::Screen> make_rate_screen(RatingMode& m);
std::unique_ptr<ui::Screen> make_reasons_screen(RatingMode& m, int level);
// After a bad rating's reasons: an optional phone number for the call-back, then thanks.
std::unique_ptr<ui::Screen> make_contact_screen(RatingMode& m, int level,
                                                std::vector<std::string> reasons,
                                                std::string comment);
std::unique_ptr<ui::Screen> make_thanks_screen(RatingMode& m);

}  // namespace onestop::kiosk
