#pragma once
// The rating pad at a counter (好差评): idle with the window and the staff on duty
// (窗口人员信息公示), the five levels when the hub asks for a rating, reasons, thanks.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk.h"

namespace onestop::kiosk {

struct StaffOnDuty {
    std::string number;
    std::string name;
};

struct WindowView {
    int number = 0;
    queue::Text name;
    std::string unit;
    std::vector<std::string> services;
    std::string status;
    std::optional<StaffOnDuty> staff;
};

struct RatingRequest {
    int64_t ticket = 0;
    std::string number;
    std::string service;
};

class RatingMode final : public KioskMode {
  public:
    explicit RatingMode(Kiosk& kiosk);

    std::unique_ptr<ui::Screen> first_screen() override;
    bool refresh(net::HubClient& hub) override;
    void on_event(const net::Event& event) override;

    Kiosk& kiosk() { return k_; }
    const WindowView& window_view() const { return window_; }
    const std::vector<queue::RatingReason>& reasons() const { return reasons_; }
    const std::optional<RatingRequest>& rating_request() const { return rating_; }
    bool rating_saved_offline() const { return rating_offline_; }
    int last_level() const { return last_level_; }

    // `contact`: a phone number for the follow-up's call-back (回访), or "".
    void submit_rating(int level, std::vector<std::string> reasons, std::string comment,
                       std::string contact = "");
    // The rating is over (or abandoned): the idle screen, in the default language and size.
    void back_to_idle();

  private:
    // UI thread: the window's answer (GET /api/v1/windows/{n}) and the rating reasons.
    void apply_window(const Json& window);
    void apply_reasons(const Json& reasons);

    Kiosk& k_;
    WindowView window_;  // UI thread
    std::vector<queue::RatingReason> reasons_;
    std::optional<RatingRequest> rating_;
    bool rating_offline_ = false;
    int last_level_ = 5;
    std::string last_window_;  // link worker: unchanged answers redraw nothing
};

}  // namespace onestop::kiosk
