#pragma once
// The kiosk's model and controller, shared by its screens and its two modes (ticket_mode/,
// rating_mode/). It outlives every screen: network and printer threads hand their results
// to it through App::post (on the UI thread), never to a screen, so a screen may be
// popped at any moment.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/clock.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/events.h"
#include "onestop/net/hub_link.h"
#include "onestop/queue/hall.h"
#include "onestop/ui/app.h"
#include "onestop/ui/screen.h"
#include "outbox.h"

namespace onestop::kiosk {

using config::Lang;
using Json = nlohmann::json;

enum class Mode { Ticket, Rating };

struct KioskOptions {
    Mode mode = Mode::Ticket;
    int window = 0;       // rating mode
    std::string printer;  // --printer DEV; empty = no printer
    std::string printer_profile = "80mm";
    std::filesystem::path state = "kiosk-state.db";
    std::filesystem::path hall;        // --hall; empty = the shipped default hall
    std::filesystem::path photo_dir;   // rating mode: <dir>/<staff number>.png|jpg
    std::string now;                   // --now ISO 8601: the kiosk's clock starts there
    int ticket_seconds = 20;           // ticket page stays this long…
    int printer_problem_seconds = 60;  // …or this long when the slip could not be printed
    int idle_seconds = 60;             // service / rating pages fall back after this
    int thanks_seconds = 8;
};

struct ServiceView {
    std::string code;
    queue::Text name;
    std::string unit;
    queue::Text unit_name;
    std::string mode = "instant";  // instant deadline joint
    int promised_days = 0;
    queue::Text who_may_apply;
    std::vector<queue::Text> steps;
    std::vector<queue::Text> materials;
    int minutes_per_ticket = 5;
    bool open = false;
    std::string next_open;  // ISO 8601 or empty
    int waiting = 0;
    int windows_open = 1;

    // Minutes for `ahead` people before you, shared by the windows open for it.
    int estimate_min(int ahead) const;
};

class Kiosk;

// What differs between the two kinds of kiosk: the ticket kiosk at the entrance and the
// rating pad at a counter. The Kiosk holds what both share and hands the rest to its mode.
class KioskMode {
  public:
    virtual ~KioskMode() = default;
    virtual std::unique_ptr<ui::Screen> first_screen() = 0;  // UI thread
    virtual bool refresh(net::HubClient& hub) = 0;           // link worker; false: no answer
    virtual void on_event(const net::Event& event) = 0;      // UI thread
};

class Kiosk {
  public:
    Kiosk(ui::App& app, config::Catalogue catalogue, KioskOptions options, ui::CommonOptions common,
          queue::Hall hall, KioskState state, std::unique_ptr<Clock> clock);
    ~Kiosk();
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // Pushes the first screen and starts the hub link.
    void start();

    // --- read by screens (UI thread) ---
    std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
        return catalogue_.text(key, lang_, args);
    }
    // The same text in the language not shown (bilingual rating choices).
    std::string t_other(std::string_view key) const {
        return catalogue_.text(key, lang_ == Lang::Zh ? Lang::En : Lang::Zh);
    }
    // `key` in both languages, for the office (alerts), whatever the kiosk shows.
    std::string t_both(const std::string& key,
                       const std::map<std::string, std::string>& args) const;
    Lang lang() const { return lang_; }
    bool large_text() const { return large_text_; }
    bool online() const { return online_; }
    const KioskOptions& options() const { return options_; }
    const ui::CommonOptions& common() const { return common_; }
    const queue::Hall& hall() const { return hall_; }
    std::string hall_name() const { return pick(hall_.name, lang_); }
    TimePoint now() const { return clock_->now(); }
    std::string today() const;
    const std::vector<ServiceView>& services() const { return services_; }
    std::vector<ServiceView>& services() { return services_; }
    const ServiceView* service(const std::string& code) const;
    // "今天 14:00" / "tomorrow 08:30" for a service's next opening; empty when unknown.
    std::string when_text(const std::string& iso) const;
    std::string date_line() const;
    std::string time_line() const;
    ui::App& app() { return app_; }

    // --- actions (UI thread) ---
    void toggle_lang();
    void toggle_large_text();
    void reset_session();  // back to the default language and text size
    // The services answer (and a queue snapshot, or null) as the screens show them.
    void apply_services(const Json& services, const Json& queue);

    // --- for the modes ---
    net::HubLink& link() { return *link_; }
    KioskState& state() { return state_; }  // link worker only
    // The last answers kept in the state file (errors are logged: a cache, not a record).
    std::optional<std::string> cached(const std::string& key);
    void keep(const std::string& key, const std::string& value);
    // Sends what waits in the outbox, oldest first (link worker); true when it is empty.
    bool drain_outbox(net::HubClient& hub);

  private:
    void on_event(const net::Event& event);  // UI thread
    // An alert for the office about a replayed offline ticket, queued behind it.
    FollowUp ticket_alert(const std::string& request_id, const char* kind, const std::string& key,
                          const std::map<std::string, std::string>& args) const;

    ui::App& app_;
    config::Catalogue catalogue_;
    KioskOptions options_;
    ui::CommonOptions common_;
    queue::Hall hall_;
    std::unique_ptr<Clock> clock_;
    Lang lang_;
    bool large_text_ = false;
    std::vector<ServiceView> services_;  // UI thread
    bool online_ = true;                 // until the link knows better: no "offline" flash at start

    KioskState state_;  // link worker
    std::unique_ptr<KioskMode> mode_;
    std::unique_ptr<net::HubLink> link_;  // last: its threads stop before what they use goes
};

}  // namespace onestop::kiosk
