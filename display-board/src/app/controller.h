#pragma once
// The UI thread's side of the board: applies what the hub link posts to the model,
// starts flashes and announcements, and tells the app when to draw. Screens read it.

#include <cstdint>
#include <memory>
#include <string>

#include "onestop/board/board_app.h"
#include "onestop/board/board_model.h"
#include "onestop/board/voice_player.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/hub_link.h"
#include "onestop/ui/app.h"

namespace onestop::board {

class BoardController {
  public:
    BoardController(ui::App& app, BoardOptions options, config::Catalogue catalogue,
                    std::unique_ptr<VoicePlayer> voice, Text hall_name);
    ~BoardController();

    // Starts the network side (after the screens exist).
    void connect();
    // The handlers the hub link posts to (public so tests can feed the board directly).
    void on_event(const net::LinkEvent& event);
    void on_online(bool online);
    void on_snapshot(const net::QueueSnapshot& s);
    void on_window_info(const net::WindowInfo& w);
    void on_services(const std::vector<net::ServiceInfo>& s);
    void on_notice(const Text& t);

    const Clock& clock() const { return *clock_; }
    std::string hall_name() const;

    const BoardModel& model() const { return model_; }
    const BoardOptions& options() const { return options_; }
    const config::Catalogue& catalogue() const { return catalogue_; }
    config::Lang lang() const { return options_.common.lang; }
    std::string text(std::string_view key,
                     const std::map<std::string, std::string>& args = {}) const {
        return catalogue_.text(key, lang(), args);
    }
    std::string pick(const Text& t) const { return onestop::pick(t, lang()); }

    // SDL_GetTicks64 time until which the newest call flashes; 0 when it does not.
    uint64_t flash_until() const { return flash_until_; }
    uint64_t flash_started() const { return flash_started_; }
    // The offline mark shows once the link has been down for a moment (not during start-up).
    bool show_offline() const;
    uint64_t started_at() const { return started_at_; }

  private:
    void changed();
    void write_state() const;
    // On the link's worker thread; results are posted to the UI thread.
    bool fetch_all(net::HubClient& client);
    void fetch_window(net::HubClient& client);

    ui::App& app_;
    BoardOptions options_;
    const Clock* clock_;
    Text hall_name_;
    config::Catalogue catalogue_;
    std::unique_ptr<VoicePlayer> voice_;
    BoardModel model_;
    std::unique_ptr<net::HubLink> link_;
    uint64_t flash_until_ = 0;
    uint64_t flash_started_ = 0;
    uint64_t started_at_ = 0;
    bool ever_online_ = false;
};

inline constexpr uint64_t kFlashMs = 5000;      // a new call flashes this long
inline constexpr uint64_t kFlashPhaseMs = 500;  // on / off
inline constexpr uint64_t kStartupGraceMs = 3000;

}  // namespace onestop::board
