#pragma once
// The running counter: signs in, runs the key → command → hub loop with the screen and
// the hub's event stream, and signs out at the end of the shift.

#include <memory>
#include <string>
#include <vector>

#include "onestop/config/catalogue.h"
#include "onestop/counter/input.h"
#include "onestop/counter/keymap.h"
#include "onestop/counter/machine.h"
#include "onestop/net/hub_client.h"
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
    int sign_in();
    bool read_pin(std::string& pin);
    void loop();
    void sign_out();

    void handle_key(const Key& key);
    Outcome execute(const Command& command);
    void refresh_window();
    void say(const std::string& key, const std::map<std::string, std::string>& args = {});
    void draw();

    Options opt_;
    config::Catalogue cat_;
    Keymap keymap_;
    net::HubClient client_;
    std::unique_ptr<InputSource> input_;
    EvdevInput* evdev_ = nullptr;  // input_ when it is a keypad
    TtyInput* tty_ = nullptr;      // input_ when it is stdin
    std::unique_ptr<Machine> machine_;
    std::string pin_;
    std::vector<std::string> window_services_;
    bool stdout_terminal_ = false;
    bool dirty_ = true;
    bool logout_ = false;
    std::string last_frame_;
};

}  // namespace onestop::counter
