#include "counter_app.h"

#include <poll.h>
#include <signal.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/counter/screen.h"

namespace onestop::counter {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

volatile sig_atomic_t g_stop = 0;
void on_signal(int) {
    g_stop = 1;
}

void install_signals() {
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;  // no SA_RESTART: poll() returns at once on Ctrl-C / SIGTERM
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    signal(SIGPIPE, SIG_IGN);
}

// Whether an event may change what this window's screen shows: it names the window (as
// the one acting or the one a ticket was sent to) or one of the window's services.
bool concerns(const net::Event& event, int window, const std::vector<std::string>& services) {
    return std::visit(
        [&](const auto& e) {
            bool mine = false;
            if constexpr (requires { e.window; }) mine = mine || e.window == window;
            if constexpr (requires { e.to_window; }) mine = mine || e.to_window == window;
            if constexpr (requires { e.service; })
                mine = mine ||
                       std::find(services.begin(), services.end(), e.service) != services.end();
            return mine;
        },
        event);
}

template <typename T>
Outcome outcome_of(const Result<T>& r) {
    Outcome o;
    if (!r) {
        o.error_code = r.error().code;
        o.error_message = r.error().message;
        return o;
    }
    o.ok = true;
    if constexpr (std::is_same_v<T, net::Ticket>) o.ticket = *r;
    if constexpr (std::is_same_v<T, std::optional<net::Ticket>>) o.ticket = *r;
    return o;
}

Outcome outcome_of_status(const Status& s) {
    Outcome o;
    o.ok = s.ok();
    if (!s) {
        o.error_code = s.error().code;
        o.error_message = s.error().message;
    }
    return o;
}

}  // namespace

CounterApp::CounterApp(Options options, config::Catalogue catalogue, Keymap keymap)
    : opt_(std::move(options)),
      cat_(std::move(catalogue)),
      keymap_(std::move(keymap)),
      client_(net::ClientOptions{opt_.hub, opt_.token, 2000ms, 5000ms, opt_.ca_file}) {
    stdout_terminal_ = isatty(1) == 1;
}

void CounterApp::say(const std::string& key, const std::map<std::string, std::string>& args) {
    std::cout << cat_.text(key, opt_.lang, args) << std::endl;
}

int CounterApp::run() {
    install_signals();
    if (int rc = open_input(); rc != kExitOk) return rc;
    if (int rc = sign_in(); rc != kExitOk) return rc;
    loop();
    sign_out();
    return kExitOk;
}

int CounterApp::open_input() {
    if (opt_.input == "tty") {
        auto tty = std::make_unique<TtyInput>();
        tty_ = tty.get();
        input_ = std::move(tty);
        return kExitOk;
    }
    auto evdev = std::make_unique<EvdevInput>(opt_.input.substr(6));
    evdev_ = evdev.get();
    input_ = std::move(evdev);
    if (auto st = evdev_->open(); !st) {
        // Absent or busy at start: say so, and the loop keeps trying (a keypad plugged in later
        // works).
        say("input_failed", {{"path", evdev_->path()}, {"message", st.error().message}});
    }
    return kExitOk;
}

// The PIN from the terminal (unechoed) or typed on the keypad (digits, Enter).
bool CounterApp::read_pin(std::string& pin) {
    std::cout << cat_.text("pin_prompt", opt_.lang,
                           {{"staff", opt_.staff}, {"window", std::to_string(opt_.window)}})
              << std::flush;
    if (tty_) {
        bool ok = tty_->read_secret_line(pin);
        std::cout << std::endl;
        return ok;
    }
    pin.clear();
    while (!g_stop) {
        if (evdev_->fd() < 0) {
            if (!evdev_->open()) {
                poll(nullptr, 0, 1000);
                continue;
            }
        }
        pollfd p{evdev_->fd(), POLLIN, 0};
        if (poll(&p, 1, 500) <= 0) continue;
        std::vector<std::string> names;
        if (evdev_->read(names) == ReadStatus::Lost) continue;
        for (const auto& n : names) {
            if (n == "enter") {
                std::cout << std::endl;
                return true;
            }
            if (n == "backspace" && !pin.empty())
                pin.pop_back();
            else if (n.size() == 1 && std::isdigit(static_cast<unsigned char>(n[0])))
                pin += n;
        }
    }
    return false;
}

int CounterApp::sign_in() {
    bool typed = !opt_.pin.has_value();
    if (!typed) pin_ = *opt_.pin;
    if (typed && !input_->interactive()) {
        say("no_pin");
        return kExitUsage;
    }
    for (;;) {
        if (typed && !read_pin(pin_)) return g_stop ? kExitInterrupted : kExitUsage;
        auto session = client_.create_session(opt_.window, opt_.staff, pin_);
        if (session) {
            client_.set_token(session->session);
            CounterState s;
            s.window = opt_.window;
            s.window_name = session->window_name;
            s.staff_number = opt_.staff;
            s.staff_name = session->staff.name;
            machine_ = std::make_unique<Machine>(std::move(s), keymap_.repeat_guard(),
                                                 [] { return new_uuid(); });
            return kExitOk;
        }
        const std::string& code = session.error().code;
        if (code == errc::wrong_pin) {
            say("login_wrong_pin", {{"staff", opt_.staff}});
            if (typed && input_->interactive()) continue;  // a person at the keys may try again
            return kExitLoginRefused;
        }
        if (code == errc::too_many_tries) {
            say("login_locked", {{"staff", opt_.staff}});
            return kExitLoginRefused;
        }
        if (net::is_unreachable(session.error())) {
            say("login_hub_away", {{"url", opt_.hub}, {"message", session.error().message}});
            return kExitHubUnreachable;
        }
        say("login_failed", {{"message", session.error().message}});
        return kExitLoginRefused;
    }
}

bool CounterApp::fetch_window(net::HubClient& hub) {
    if (!have_services_) {
        if (auto services = hub.services()) {
            have_services_ = true;
            std::vector<std::string> codes;
            for (const auto& s : *services) codes.push_back(s.code);
            post([this, codes = std::move(codes)]() mutable {
                machine_->set_service_codes(std::move(codes));
            });
        }
    }
    const uint64_t presses = presses_answered_;
    auto info = hub.window_info(opt_.window);
    if (!info) return !net::is_unreachable(info.error());
    post([this, presses, info = std::move(*info)] {
        // Fetched before the last press was answered: older than what the screen shows
        // (the refresh that press asked for follows).
        if (presses != presses_answered_) return;
        window_services_ = info.window.services;
        machine_->sync(info, SteadyClock::now());
        dirty_ = true;
    });
    return true;
}

void CounterApp::post(std::function<void()> fn) {
    {
        std::lock_guard lock(posted_mu_);
        posted_.push_back(std::move(fn));
    }
    const uint64_t one = 1;
    (void)!::write(wake_fd_, &one, sizeof one);
}

void CounterApp::run_posted() {
    uint64_t n = 0;
    (void)!::read(wake_fd_, &n, sizeof n);
    std::vector<std::function<void()>> fns;
    {
        std::lock_guard lock(posted_mu_);
        fns.swap(posted_);
    }
    for (auto& fn : fns) fn();
}

Outcome CounterApp::execute(const Command& c) {
    const int w = opt_.window;
    const std::string& k = c.idempotency_key;
    switch (c.kind) {
        case CommandKind::CallNext:
            return outcome_of(client_.call_next(w, k));
        case CommandKind::Recall:
            return outcome_of(client_.recall(w, k));
        case CommandKind::NoShow:
            return outcome_of(client_.no_show(w, k));
        case CommandKind::Finish:
            return outcome_of(client_.finish(w, k));
        case CommandKind::TransferWindow:
            return outcome_of(client_.transfer_to_window(w, c.to_window, k));
        case CommandKind::TransferService:
            return outcome_of(client_.transfer_to_service(w, c.to_service, k));
        case CommandKind::Pause:
            return outcome_of_status(client_.pause(w, c.reason, k));
        case CommandKind::Resume:
            return outcome_of_status(client_.resume(w, k));
        case CommandKind::Logout:
            break;
    }
    return Outcome{true, std::nullopt, {}, {}};
}

void CounterApp::handle_key(const Key& key) {
    auto command = machine_->press(key, SteadyClock::now());
    dirty_ = true;
    if (!command) return;
    if (command->kind == CommandKind::Logout) {
        logout_ = true;
        return;
    }
    Outcome out = execute(*command);
    if (!out.ok && (out.error_code == errc::bad_token || out.error_code == errc::unauthorized)) {
        // The session ended hub-side (e.g. the same staff signed in elsewhere and back):
        // sign in again with the same PIN and send this same press once more, same key.
        auto session = client_.create_session(opt_.window, opt_.staff, pin_);
        if (session) {
            client_.set_token(session->session);
            out = execute(*command);
        }
    }
    link_->note(out.ok || !net::is_unreachable(Error{out.error_code, out.error_message}));
    ++presses_answered_;
    machine_->on_outcome(*command, out, SteadyClock::now());
    if (out.ok) link_->refresh();
}

void CounterApp::draw() {
    auto lines = render_screen(machine_->state(), cat_, opt_.lang, SteadyClock::now());
    std::string frame;
    for (const auto& l : lines) frame += l + "\n";
    if (frame == last_frame_) return;
    last_frame_ = frame;
    if (stdout_terminal_)
        std::cout << "\x1b[H\x1b[J";  // home and clear: works on any VT100 console
    std::cout << frame;
    if (!stdout_terminal_) std::cout << "\n";  // frames in a log or pipe stay apart
    std::cout << std::flush;
}

void CounterApp::on_event(const net::Event& event) {
    if (concerns(event, opt_.window, window_services_)) link_->refresh();
}

void CounterApp::loop() {
    wake_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    net::LinkOptions lo;
    lo.client = net::ClientOptions{opt_.hub, opt_.token, 2000ms, 5000ms, opt_.ca_file};
    net::LinkHandlers h;
    h.event = [this](net::LinkEvent e) { on_event(e.event); };
    h.online = [this](bool online) {
        machine_->set_online(online);
        dirty_ = true;
    };
    link_ = std::make_unique<net::HubLink>(
        std::move(lo), [this](std::function<void()> fn) { post(std::move(fn)); }, std::move(h),
        [this](net::HubClient& hub) { return fetch_window(hub); });
    link_->start();
    if (evdev_ && evdev_->fd() < 0) machine_->note({"keypad_lost", {}});  // absent at start: say so

    auto last_reopen = SteadyClock::now();
    while (!g_stop && !logout_) {
        if (stdout_terminal_ || dirty_) draw();
        dirty_ = false;

        int fd = input_->fd();
        pollfd p[2] = {{wake_fd_, POLLIN, 0}, {fd, POLLIN, 0}};
        int ready = poll(p, fd >= 0 ? 2 : 1, 200);
        auto now = SteadyClock::now();
        if (ready > 0 && (p[0].revents & POLLIN)) run_posted();

        if (fd < 0 && evdev_ && now - last_reopen >= 1s) {
            last_reopen = now;
            if (evdev_->open()) {
                machine_->note({"keypad_back", {}});
                dirty_ = true;
            }
        }
        if (ready > 0 && fd >= 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
            std::vector<std::string> names;
            ReadStatus st = input_->read(names);
            for (const auto& name : names) {
                if (auto key = keymap_.lookup(name)) handle_key(*key);
                if (logout_) break;
            }
            if (st == ReadStatus::EndOfInput) break;
            if (st == ReadStatus::Lost) {
                machine_->note({"keypad_lost", {}});
                dirty_ = true;
                last_reopen = now;
            }
        }
    }
    draw();
    link_->stop();
    ::close(wake_fd_);
}

void CounterApp::sign_out() {
    auto st = client_.end_session();
    if (st)
        say("logged_out", {{"staff", opt_.staff}});
    else
        say("logout_failed", {{"message", st.error().message}});
}

}  // namespace onestop::counter
