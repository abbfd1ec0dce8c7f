#pragma once
// The kiosk's model and controller, shared by its screens. It outlives every screen:
// network and printer threads hand their results to it through App::post (on the UI
// thread), never to a screen, so a screen may be popped at any moment.

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "job_thread.h"
#include "onestop/base/clock.h"
#include "onestop/config/catalogue.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"
#include "onestop/queue/hall.h"
#include "onestop/ui/app.h"
#include "outbox.h"
#include "printing.h"

namespace onestop::kiosk {

using config::Lang;
using Json = nlohmann::json;

enum class Mode { Ticket, Rating };

struct KioskOptions {
    Mode mode = Mode::Ticket;
    int window = 0;                  // rating mode
    std::string printer;             // --printer DEV; empty = no printer
    std::string printer_profile = "80mm";
    std::filesystem::path state = "kiosk-state.db";
    std::filesystem::path hall;      // --hall; empty = the shipped default hall
    std::filesystem::path photo_dir; // rating mode: <dir>/<staff number>.png|jpg
    std::string now;                 // --now ISO 8601: the kiosk's clock starts there
    int ticket_seconds = 20;         // ticket page stays this long…
    int printer_problem_seconds = 60;  // …or this long when the slip could not be printed
    int idle_seconds = 60;           // service / rating pages fall back after this
    int thanks_seconds = 8;
};

// The one rule of onestop/base/text.h (a function of the same signature here would make
// every unqualified call ambiguous); the kiosk split drops this name.
using onestop::pick;

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

struct IssuedTicket {
    std::string number;
    std::string service;
    int64_t id = 0;
    std::string code;
    int waiting_ahead = 0;
    bool priority = false;
    bool offline = false;  // issued from a leased block; sent to the hub later
    std::string qr_url;    // empty when offline (the hub has not given it an id yet)
};

enum class PrintState { None, Printing, Printed, Failed };

// What the ticket page shows; replaced by each new "take a number".
struct TicketView {
    enum class Phase { Pending, Issued, Failed } phase = Phase::Pending;
    uint64_t serial = 0;  // which take_number this belongs to
    std::string service;
    bool priority = false;
    IssuedTicket ticket;
    std::string error;  // Failed: a sentence for the applicant
    PrintState print = PrintState::None;
    std::string print_error;  // catalogue key: printer_paper_end …
};

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

class Kiosk {
public:
    Kiosk(ui::App& app, config::Catalogue catalogue, KioskOptions options, ui::CommonOptions common,
          queue::Hall hall, KioskState state, std::unique_ptr<Clock> clock);
    ~Kiosk();
    Kiosk(const Kiosk&) = delete;
    Kiosk& operator=(const Kiosk&) = delete;

    // Pushes the first screen and starts the network, event and printer threads.
    void start();

    // --- read by screens (UI thread) ---
    std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
        return catalogue_.text(key, lang_, args);
    }
    // The same text in the language not shown (bilingual rating choices).
    std::string t_other(std::string_view key) const {
        return catalogue_.text(key, lang_ == Lang::Zh ? Lang::En : Lang::Zh);
    }
    Lang lang() const { return lang_; }
    int last_level() const { return last_level_; }
    bool large_text() const { return large_text_; }
    bool online() const { return online_ && stream_online_; }
    const KioskOptions& options() const { return options_; }
    const queue::Hall& hall() const { return hall_; }
    std::string hall_name() const { return pick(hall_.name, lang_); }
    TimePoint now() const { return clock_->now(); }
    const std::vector<ServiceView>& services() const { return services_; }
    const ServiceView* service(const std::string& code) const;
    const TicketView& ticket_view() const { return ticket_; }
    const WindowView& window_view() const { return window_; }
    const std::vector<queue::RatingReason>& reasons() const { return reasons_; }
    const std::optional<RatingRequest>& rating_request() const { return rating_; }
    bool rating_saved_offline() const { return rating_offline_; }
    // "今天 14:00" / "tomorrow 08:30" for a service's next opening; empty when unknown.
    std::string when_text(const std::string& iso) const;
    std::string date_line() const;
    std::string time_line() const;
    ui::App& app() { return app_; }

    // --- actions (UI thread) ---
    void toggle_lang();
    void toggle_large_text();
    void reset_session();  // back to the default language and text size
    // Starts issuing; the ticket page follows ticket_view().
    void take_number(const std::string& service, bool priority);
    void submit_rating(int level, std::vector<std::string> reasons, std::string comment);
    void rating_finished();  // the pad went back to idle

private:
    // Network worker thread.
    void worker_idle();
    bool refresh_catalogue();  // true when the hub answered
    void refresh_window();
    void check_leases();
    void top_up_leases();
    bool drain_outbox();  // true when the outbox is empty afterwards
    // An alert for the office about a replayed offline ticket, queued behind it.
    FollowUp ticket_alert(const std::string& request_id, const char* kind, const std::string& key,
                          const std::map<std::string, std::string>& args) const;
    void issue_on_worker(uint64_t serial, std::string service, bool priority);
    void send_alert_on_worker(std::string kind, std::string message);
    void set_online_from_worker(bool online);
    // Event pump thread.
    void pump_events();
    void on_event(const net::HubEvent& ev);  // UI thread
    // Printer results (UI thread).
    void on_printed(uint64_t serial, const Status& result);

    void apply_services(const Json& services, const Json& queue);  // UI thread
    std::string today() const;

    ui::App& app_;
    config::Catalogue catalogue_;
    KioskOptions options_;
    ui::CommonOptions common_;
    queue::Hall hall_;
    std::unique_ptr<Clock> clock_;
    Lang lang_;
    bool large_text_ = false;

    // UI-thread state
    std::vector<ServiceView> services_;
    TicketView ticket_;
    uint64_t next_serial_ = 0;
    WindowView window_;
    std::vector<queue::RatingReason> reasons_;
    std::optional<RatingRequest> rating_;
    bool rating_offline_ = false;
    int last_level_ = 5;
    bool online_ = true;
    bool stream_online_ = true;

    // worker-thread state
    KioskState state_;
    std::unique_ptr<net::HubClient> client_;
    std::unique_ptr<JobThread> worker_;
    std::string last_catalogue_;  // what the screens were last given: unchanged answers redraw nothing
    std::string last_window_;

    std::unique_ptr<TicketPrinter> printer_;
    std::unique_ptr<net::EventStream> stream_;
    std::thread pump_;
    std::atomic<bool> stopping_{false};
};

}  // namespace onestop::kiosk
