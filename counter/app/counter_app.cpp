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
#include "onestop/base/time.h"
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
    if constexpr (std::is_same_v<T, net::CaseInfo>) o.cases = {*r};
    if constexpr (std::is_same_v<T, std::vector<net::CaseInfo>>) o.cases = *r;
    if constexpr (std::is_same_v<T, std::vector<net::Handover>>) o.handovers = *r;
    if constexpr (std::is_same_v<T, std::vector<net::LeaveRequest>>) o.leave = *r;
    if constexpr (std::is_same_v<T, bool>) o.last_in_hall = *r;
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
    if (int rc = open_printer(); rc != kExitOk) return rc;
    if (int rc = open_input(); rc != kExitOk) return rc;
    if (int rc = sign_in(); rc != kExitOk) return rc;
    loop();
    sign_out();
    return kExitOk;
}

int CounterApp::open_printer() {
    if (opt_.printer.empty()) return kExitOk;
    auto profile = printer::find_profile(opt_.printer_profile);
    if (!profile) {
        say("printer_profile_unknown", {{"message", profile.error().message}});
        return kExitUsage;
    }
    // Opened at the first slip, and again after trouble: a printer switched on later works.
    printer_ = std::make_unique<printer::DevicePrinter>(opt_.printer, *profile, "counter");
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
            // The case menu needs the services' materials and the return reasons from the
            // first key on; the link fetches them later only if this fails.
            if (auto services = client_.services()) {
                have_services_ = true;
                services_ = *services;
                machine_->set_services(std::move(*services));
            }
            if (auto reasons = client_.return_reasons()) {
                have_reasons_ = true;
                machine_->set_return_reasons(std::move(*reasons));
            }
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
            post([this, services = std::move(*services)]() mutable {
                services_ = services;
                machine_->set_services(std::move(services));
            });
        }
    }
    if (!have_reasons_) {
        if (auto reasons = hub.return_reasons()) {
            have_reasons_ = true;
            post([this, reasons = std::move(*reasons)]() mutable {
                machine_->set_return_reasons(std::move(reasons));
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
        case CommandKind::Logout: {
            // The day's work log for its note, and for the last one out the closing round,
            // before the session ends.
            Outcome o = outcome_of(client_.last_in_hall());
            if (!o.ok) return o;
            if (auto day = client_.worklog_today(opt_.staff))
                o.worklog = std::move(*day);
            else
                logger("counter")->warn("no work log at sign-out: {}", day.error().message);
            return o;
        }
        case CommandKind::SaveNote:
            return outcome_of_status(client_.save_worklog_note(opt_.staff, c.date, c.note));
        case CommandKind::CloseHall: {
            net::ClosingRound round;
            const auto done = [&](size_t i) { return i < c.checks.size() && c.checks[i]; };
            round.doors_windows = done(0);
            round.lights = done(1);
            round.air_conditioning = done(2);
            round.other_power = done(3);
            round.note = c.note;
            return outcome_of_status(client_.record_closing(round));
        }
        default:
            break;
    }
    return execute_case(c);
}

Outcome CounterApp::execute_case(const Command& c) {
    switch (c.kind) {
        case CommandKind::OpenCase: {
            std::vector<std::string> missing;
            for (const auto& m : c.missing) missing.push_back(pick(m, opt_.lang));
            return outcome_of(
                client_.open_case(opt_.window, c.case_mode, missing, c.return_reason));
        }
        case CommandKind::ListCases: {
            // Open means accepted (due ones among them) or waiting for materials.
            Outcome all{true, std::nullopt, {}, {}};
            for (const char* status : {"accepted", "awaiting_supplement"}) {
                Outcome some = outcome_of(client_.cases({{}, status, false, {}}));
                if (!some.ok) return some;
                all.cases.insert(all.cases.end(), some.cases.begin(), some.cases.end());
            }
            return all;
        }
        case CommandKind::FindCase:
            return outcome_of(client_.cases({{}, {}, false, c.number}));
        case CommandKind::ResumeCase:
            return outcome_of(client_.case_action(c.target_id, "resume", nullptr));
        case CommandKind::CompleteCase:
            return outcome_of(client_.case_action(
                c.target_id, "complete",
                net::Json{{"result", cat_.text(c.result.key, opt_.lang, c.result.args)}}));
        case CommandKind::ListHandovers:
            return outcome_of(client_.handovers("pending"));
        case CommandKind::ConfirmHandover:
            return outcome_of(client_.confirm_handover(c.target_id, c.staff, c.pin));
        case CommandKind::ListLeave:
            return outcome_of(client_.leave_requests("awaiting_substitute"));
        case CommandKind::ConfirmLeave:
            return outcome_of_status(client_.confirm_leave(c.target_id, c.staff, c.pin));
        default:
            return Outcome{true, std::nullopt, {}, {}};
    }
}

void CounterApp::print_slip(const net::CaseInfo& c) {
    if (!printer_) return;
    const config::Lang lang = opt_.lang;
    const CounterState& s = machine_->state();
    std::string item = c.service;
    std::string unit_name;
    std::vector<std::string> materials;  // a deadline case is accepted with all of them
    for (const auto& sv : services_)
        if (sv.code == c.service) {
            item = pick(sv.name, lang);
            unit_name = pick(sv.unit_name, lang);
            for (const auto& m : sv.materials) materials.push_back(pick(m, lang));
        }
    const std::string hall = opt_.hall_name.empty() ? cat_.text("slip_hall", lang) : opt_.hall_name;
    const std::string window =
        cat_.text("slip_window", lang,
                  {{"window", std::to_string(opt_.window)},
                   {"name", lang == config::Lang::Zh ? s.window_name.zh : s.window_name.en}});
    const std::string url = net::case_page_url(c, opt_.hub);
    const TimePoint at = parse_iso8601(c.opened_at)
                             .value_or(std::chrono::time_point_cast<std::chrono::milliseconds>(
                                 std::chrono::system_clock::now()));
    const std::string slip_key = "slip_" + c.mode;
    std::function<Result<printer::Job>(const printer::Profile&)> render;
    if (c.mode == "deadline") {
        printer::AcceptanceReceipt r{hall,   item,       c.number, at,       c.promised_date,
                                     window, opt_.staff, url,      materials};
        render = [r, lang](const printer::Profile& p) {
            return printer::render_acceptance_receipt(r, p, lang);
        };
    } else if (c.mode == "supplement") {
        printer::SupplementNotice n{hall, item, c.missing, window, opt_.staff, at, c.number, url};
        render = [n, lang](const printer::Profile& p) {
            return printer::render_supplement_notice(n, p, lang);
        };
    } else if (c.mode == "return") {
        printer::ReturnNotice n{
            hall, item,     c.reason, unit_name.empty() ? window : unit_name, window, opt_.staff,
            at,   c.number, url};
        render = [n, lang](const printer::Profile& p) {
            return printer::render_return_notice(n, p, lang);
        };
    } else {
        printer::InstantReceipt r{hall, item, c.number, at, window, opt_.staff};
        render = [r, lang](const printer::Profile& p) {
            return printer::render_instant_receipt(r, p, lang);
        };
    }
    printer_->print(std::move(render), [this, slip_key](Status st) {
        post([this, slip_key, st] {
            machine_->note_printer(
                st ? Message{} : Message{printer::trouble_kind(st.error()), {{"slip", slip_key}}});
            dirty_ = true;
        });
    });
}

void CounterApp::handle_key(const Key& key) {
    auto command = machine_->press(key, SteadyClock::now());
    dirty_ = true;
    logout_ = machine_->state().leaving;  // a sign-out's step may end it without a request
    if (!command) return;
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
    logout_ = machine_->state().leaving;
    if (out.ok && command->kind == CommandKind::OpenCase && !out.cases.empty())
        print_slip(out.cases.front());
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

void CounterApp::count_due_cases() {
    due_counted_ = SteadyClock::now();
    auto due = client_.cases({{}, {}, true, {}});  // the session's unit
    if (!due) return;                              // the count stays as it was; the next try comes
    int soon = 0, overdue = 0;
    for (const auto& c : *due) (c.due == "overdue" ? overdue : soon) += 1;
    machine_->set_cases_due(soon, overdue);
    dirty_ = true;
}

void CounterApp::on_event(const net::Event& event) {
    // A case of this window's unit fell due: say so whatever the staff is doing.
    if (const auto* overdue = std::get_if<net::CaseOverdue>(&event);
        overdue && overdue->unit == machine_->state().unit) {
        machine_->note({"case_overdue", {{"number", overdue->number}}});
        dirty_ = true;
    }
    const bool unit_case = std::visit(
        [&](const auto& e) {
            if constexpr (std::is_base_of_v<net::CaseChange, std::decay_t<decltype(e)>>)
                return e.unit == machine_->state().unit;
            return false;
        },
        event);
    if (unit_case) count_due_cases();
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
    count_due_cases();
    while (!g_stop && !logout_) {
        // Due tomorrow becomes due today at midnight with no event: counted again now and then.
        if (SteadyClock::now() - due_counted_ >= 5min) count_due_cases();
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
