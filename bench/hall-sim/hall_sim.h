#pragma once
// onestop-sim: the demo's traffic. Applicants arrive at a kiosk (tickets through a kiosk
// token), simulated windows sign in as demo staff and call, recall, finish, mark no-shows,
// transfer and pause through their counter sessions, and served applicants rate through
// the window's pad token or their ticket's code. Everything goes through the hub's public
// API, as the real devices do. A one-screen summary refreshes in place.

#include <chrono>
#include <csignal>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "onestop/config/catalogue.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"

namespace onestop::sim {

struct SimOptions {
    std::string hub = "http://127.0.0.1:8080";
    std::string kiosk_token;
    std::string admin_token;    // reads nothing yet; kept for admin-only routes (tickets as admin)
    std::string counter_token;  // signs the simulated windows in
    double rate_per_min = 20;   // applicant arrivals per minute
    std::vector<int> windows = {2, 3, 4, 5, 6};
    std::vector<std::string> pads;  // pad tokens; empty = rate with ticket codes
    std::vector<std::string> staff = {"S002", "S003", "S004", "S005", "S006",
                                      "S007", "S008", "S009", "S010"};
    std::string pin = "1234";
    double duration_s = 0;   // 0 = until Ctrl-C
    std::uint32_t seed = 0;  // 0 = random
    config::Lang lang = config::Lang::Zh;
};

using Steady = std::chrono::steady_clock;

class HallSim {
  public:
    HallSim(SimOptions options, config::Catalogue catalogue);
    // Runs until the duration ends or `stop` becomes true; returns the exit status.
    int run(const volatile std::sig_atomic_t& stop);

  private:
    enum class WindowPhase { Idle, Serving, Paused };
    struct SimWindow {
        int number = 0;
        std::string staff;
        std::unique_ptr<net::HubClient> client;  // holds the session token
        WindowPhase phase = WindowPhase::Idle;
        Steady::time_point until;  // end of the service or the pause
        std::string current;
        bool recalled = false;
    };
    struct PendingRating {
        std::int64_t ticket = 0;
        int window = 0;
        Steady::time_point at;
    };

    bool sign_in_windows(const volatile std::sig_atomic_t& stop);
    void sign_out_windows();
    void arrive(Steady::time_point now);
    void step_window(SimWindow& w, Steady::time_point now);
    void rate_due(Steady::time_point now);
    void take_events();
    void draw(Steady::time_point now);
    std::chrono::milliseconds service_time();

    std::string text(std::string_view key,
                     const std::map<std::string, std::string>& args = {}) const {
        return cat_.text(key, opt_.lang, args);
    }

    SimOptions opt_;
    config::Catalogue cat_;
    std::mt19937 rng_;
    net::HubClient kiosk_;
    net::HubClient anyone_;
    std::vector<SimWindow> windows_;
    std::vector<std::string> open_services_;
    std::vector<std::string> favoured_services_;  // served by the simulated windows
    std::vector<net::RatingReason> reasons_;
    std::map<std::int64_t, std::string> codes_;  // ticket id → code, for rating by code
    std::map<int, std::string> pad_of_window_;
    std::deque<PendingRating> ratings_due_;
    std::unique_ptr<net::EventStream> events_;

    // Tallies from the hall's event stream (all windows, the human counter's too).
    int issued_ = 0, calls_ = 0, finished_ = 0, no_shows_ = 0, transfers_ = 0, ratings_ = 0,
        rating_sum_ = 0;
    int errors_ = 0;
    std::string last_error_;
    std::deque<std::string> recent_ratings_;
    std::optional<net::QueueSnapshot> queue_;
    Steady::time_point started_;
    Steady::time_point next_arrival_;
    Steady::time_point next_queue_;
    bool terminal_ = false;
    std::string last_frame_;
};

}  // namespace onestop::sim
