#pragma once
// The running counter: signs in, runs the key → command → hub loop with the screen and
// the hub's event stream, and signs out at the end of the shift.

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "onestop/config/catalogue.h"
#include "onestop/counter/input.h"
#include "onestop/counter/keymap.h"
#include "onestop/counter/machine.h"
#include "onestop/net/hub_client.h"
#include "onestop/net/hub_link.h"
#include "onestop/printer/device_printer.h"
#include "options.h"

namespace onestop::counter {

// Exit statuses (also in --help).
inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitLoginRefused = 3;
inline constexpr int kExitHubUnreachable = 4;
inline constexpr int kExitInterrupted = 130;  // Ctrl-C or SIGTERM before anyone signed in

class CounterApp {
  public:
    CounterApp(Options options, config::Catalogue catalogue, Keymap keymap);
    int run();

  private:
    int open_input();
    int open_printer();
    int sign_in();
    bool read_pin(std::string& pin);
    void loop();
    void sign_out();

    void handle_key(const Key& key);
    Outcome execute(const Command& command);
    Outcome execute_case(const Command& command);
    // The slip of a case just opened, on the window's printer (never holds up the keys:
    // the hub already keeps the case; trouble shows on the screen).
    void print_slip(const net::CaseInfo& c);
    void on_event(const net::Event& event);
    // The unit's cases due tomorrow, today or overdue, counted for the screen (on the loop's
    // thread, with the session: at the start, on the unit's case events, every few minutes).
    void count_due_cases();
    // On the hub link's worker: the window (and once the service codes), posted back.
    bool fetch_window(net::HubClient& hub);
    // The link's results run on the loop's thread: queued here, the loop woken by wake_fd_.
    void post(std::function<void()> fn);
    void run_posted();
    void say(const std::string& key, const std::map<std::string, std::string>& args = {});
    void draw();

    Options opt_;
    config::Catalogue cat_;
    Keymap keymap_;
    net::HubClient client_;  // the session's: sign-in, key presses, sign-out
    std::unique_ptr<net::HubLink> link_;
    int wake_fd_ = -1;
    std::mutex posted_mu_;
    std::vector<std::function<void()>> posted_;
    bool have_services_ = false;                 // sign-in, then the worker thread
    bool have_reasons_ = false;                  // sign-in, then the worker thread
    std::atomic<uint64_t> presses_answered_{0};  // a window fetched before an answer is stale
    std::unique_ptr<InputSource> input_;
    EvdevInput* evdev_ = nullptr;  // input_ when it is a keypad
    TtyInput* tty_ = nullptr;      // input_ when it is stdin
    std::unique_ptr<Machine> machine_;
    std::unique_ptr<printer::DevicePrinter> printer_;
    std::vector<net::ServiceInfo> services_;  // loop thread: the slips' item names
    std::string pin_;
    std::vector<std::string> window_services_;
    bool stdout_terminal_ = false;
    bool dirty_ = true;
    bool logout_ = false;
    std::chrono::steady_clock::time_point due_counted_{};
    std::string last_frame_;
};

}  // namespace onestop::counter
