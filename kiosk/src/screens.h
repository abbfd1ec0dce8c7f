#pragma once
// The kiosk's screens. Each reads the Kiosk model when it draws, so a network answer
// only has to update the model and invalidate.

#include <memory>

#include "onestop/ui/screen.h"

namespace onestop::kiosk {

class Kiosk;

// Ticket mode
std::unique_ptr<ui::Screen> make_home_screen(Kiosk& k, bool priority);  // priority: the 绿色通道 list
std::unique_ptr<ui::Screen> make_service_screen(Kiosk& k, std::string code, bool priority);
std::unique_ptr<ui::Screen> make_ticket_screen(Kiosk& k);
// Rating mode
std::unique_ptr<ui::Screen> make_idle_screen(Kiosk& k);
std::unique_ptr<ui::Screen> make_rate_screen(Kiosk& k);
std::unique_ptr<ui::Screen> make_reasons_screen(Kiosk& k, int level);
std::unique_ptr<ui::Screen> make_thanks_screen(Kiosk& k);

}  // namespace onestop::kiosk
