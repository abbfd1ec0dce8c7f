#pragma once
// Ticket mode's screens. Each reads the models (TicketMode, Kiosk) when it draws, so a
// network answer only has to update the model and invalidate.

#include <memory>
#include <string>

#include "onestop/ui/screen.h"
#include "ticket_mode.h"

namespace onestop::kiosk {

std::unique_ptr<ui::Screen> make_home_screen(TicketMode& m,
                                             bool priority);  // priority: the 绿色通道 list
std::unique_ptr<ui::Screen> make_service_screen(TicketMode& m, std::string code, bool priority);
std::unique_ptr<ui::Screen> make_ticket_screen(TicketMode& m);
// The 意见箱: what it is about, what happened, an optional phone number; then its result page.
std::unique_ptr<ui::Screen> make_complaint_screen(TicketMode& m);
std::unique_ptr<ui::Screen> make_complaint_sent_screen(TicketMode& m);

}  // namespace onestop::kiosk
