#include "hall_sim.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <sstream>
#include <thread>

#include "onestop/base/ids.h"

namespace onestop::sim {
namespace {

using namespace std::chrono_literals;

std::string clock_of(const std::string& iso) {
    return iso.size() >= 19 ? iso.substr(11, 8) : iso;
}

std::string elapsed(Steady::duration d) {
    auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%02lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                  static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    return buf;
}

}  // namespace

HallSim::HallSim(SimOptions options, config::Catalogue catalogue)
    : opt_(std::move(options)),
      cat_(std::move(catalogue)),
      rng_(opt_.seed ? opt_.seed : std::random_device{}()),
      kiosk_({opt_.hub, opt_.kiosk_token}),
      anyone_({opt_.hub, ""}) {
    terminal_ = isatty(1) == 1;
}

std::chrono::milliseconds HallSim::service_time() {
    // Service times scale with the arrival rate so the simulated windows about keep up
    // (85% busy), leaving a visible but stable queue.
    double mean_s = static_cast<double>(windows_.size()) * 60.0 / opt_.rate_per_min * 0.85;
    std::uniform_real_distribution<double> f(0.5, 1.5);
    return std::chrono::milliseconds(static_cast<long>(std::max(2.0, mean_s * f(rng_)) * 1000));
}

bool HallSim::sign_in_windows(const volatile std::sig_atomic_t& stop) {
    size_t next_staff = 0;
    for (int number : opt_.windows) {
        SimWindow w;
        w.number = number;
        w.client =
            std::make_unique<net::HubClient>(net::ClientOptions{opt_.hub, opt_.counter_token});
        // Take the first demo staff member the hub lets sign in at this window. A hub that
        // is slow to answer (a loaded machine at the demo's start) is asked again for a while.
        const auto give_up = Steady::now() + std::chrono::seconds(30);
        while (next_staff < opt_.staff.size()) {
            const std::string& staff = opt_.staff[next_staff];
            auto s = w.client->create_session(number, staff, opt_.pin);
            if (s) {
                w.client->set_token(s->session);
                w.staff = staff;
                ++next_staff;
                break;
            }
            last_error_ = "window " + std::to_string(number) + " " + staff + ": " + s.error().code;
            if (s.error().code == "hub_unreachable" || s.error().code == "timeout") {
                if (stop || Steady::now() > give_up) return false;
                std::this_thread::sleep_for(std::chrono::milliseconds(500));
                continue;
            }
            ++next_staff;
        }
        if (w.staff.empty()) {
            std::fprintf(
                stderr, "%s\n",
                text("no_staff", {{"window", std::to_string(number)}, {"error", last_error_}})
                    .c_str());
            continue;
        }
        windows_.push_back(std::move(w));
    }
    return !windows_.empty();
}

void HallSim::sign_out_windows() {
    for (auto& w : windows_) {
        if (w.phase == WindowPhase::Serving) w.client->finish(w.number, new_uuid()).ok();
        if (w.phase == WindowPhase::Paused) w.client->resume(w.number, new_uuid()).ok();
        w.client->end_session().ok();
    }
}

void HallSim::arrive(Steady::time_point now) {
    if (now < next_arrival_ || open_services_.empty()) return;
    std::exponential_distribution<double> gap(opt_.rate_per_min / 60.0);
    next_arrival_ = now + std::chrono::milliseconds(static_cast<long>(gap(rng_) * 1000));
    // Three in four applicants want something the simulated windows serve.
    std::uniform_real_distribution<double> u(0, 1);
    const auto& pool =
        (!favoured_services_.empty() && u(rng_) < 0.75) ? favoured_services_ : open_services_;
    std::string service = pool[std::uniform_int_distribution<size_t>(0, pool.size() - 1)(rng_)];
    net::IssueRequest req{service,    u(rng_) < 0.08 ? net::Priority::Green : net::Priority::Normal,
                          new_uuid(), {},
                          {},         {}};
    auto t = kiosk_.issue_ticket(req);
    if (t) {
        codes_[t->id] = t->code;
    } else {
        ++errors_;
        last_error_ = "ticket " + service + ": " + t.error().code;
    }
}

void HallSim::step_window(SimWindow& w, Steady::time_point now) {
    if (now < w.until) return;
    std::uniform_real_distribution<double> u(0, 1);
    auto fail = [&](const Error& e, const char* what) {
        ++errors_;
        last_error_ = "window " + std::to_string(w.number) + " " + what + ": " + e.code;
    };
    switch (w.phase) {
        case WindowPhase::Paused: {
            if (auto st = w.client->resume(w.number, new_uuid()); !st) fail(st.error(), "resume");
            w.phase = WindowPhase::Idle;
            return;
        }
        case WindowPhase::Idle: {
            auto t = w.client->call_next(w.number, new_uuid());
            if (!t) {
                fail(t.error(), "call-next");
                w.until = now + 2s;
            } else if (!t->has_value()) {
                w.until = now + 1500ms;  // nobody waits: look again shortly
            } else {
                w.phase = WindowPhase::Serving;
                w.current = (*t)->number;
                w.recalled = false;
                w.until = now + service_time();
            }
            return;
        }
        case WindowPhase::Serving:
            break;
    }
    double r = u(rng_);
    if (r < 0.06) {
        // The applicant does not come: one recall, then no-show.
        if (!w.recalled) {
            w.recalled = true;
            if (auto t = w.client->recall(w.number, new_uuid()); !t) fail(t.error(), "recall");
            w.until = now + 4s;
            return;
        }
        if (auto t = w.client->no_show(w.number, new_uuid()); !t) fail(t.error(), "no-show");
        w.phase = WindowPhase::Idle;
        w.until = now + 1s;
        return;
    }
    if (r < 0.13 && (windows_.size() > 1 || !favoured_services_.empty())) {
        // 首接负责: send the applicant on to another window or service, never away.
        Result<net::Ticket> t = make_error("none", "");
        if (windows_.size() > 1 && u(rng_) < 0.5) {
            const SimWindow* other = &w;
            while (other == &w)
                other =
                    &windows_[std::uniform_int_distribution<size_t>(0, windows_.size() - 1)(rng_)];
            t = w.client->transfer_to_window(w.number, other->number, new_uuid());
        } else {
            const auto& s = favoured_services_[std::uniform_int_distribution<size_t>(
                0, favoured_services_.size() - 1)(rng_)];
            t = w.client->transfer_to_service(w.number, s, new_uuid());
        }
        if (t) {
            w.phase = WindowPhase::Idle;
            w.until = now + 1s;
            return;
        }
        // A target this window may not send to: finish here instead.
    }
    if (auto t = w.client->finish(w.number, new_uuid()); !t) fail(t.error(), "finish");
    w.phase = WindowPhase::Idle;
    w.until = now + 1s;
    if (u(rng_) < 0.05) {
        static const net::PauseReason reasons[] = {
            net::PauseReason::Break, net::PauseReason::Meeting, net::PauseReason::Other};
        if (auto st = w.client->pause(
                w.number, reasons[std::uniform_int_distribution<int>(0, 2)(rng_)], new_uuid());
            st) {
            w.phase = WindowPhase::Paused;
            w.until = now + std::chrono::seconds(std::uniform_int_distribution<int>(10, 25)(rng_));
        } else {
            fail(st.error(), "pause");
        }
    }
}

void HallSim::rate_due(Steady::time_point now) {
    while (!ratings_due_.empty() && ratings_due_.front().at <= now) {
        PendingRating due = ratings_due_.front();
        ratings_due_.pop_front();
        static const int levels[] = {5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 2, 1};
        net::Evaluation e;
        e.ticket = due.ticket;
        e.level = levels[std::uniform_int_distribution<size_t>(0, std::size(levels) - 1)(rng_)];
        if (e.level <= 2 && !reasons_.empty())
            e.reasons.push_back(
                reasons_[std::uniform_int_distribution<size_t>(0, reasons_.size() - 1)(rng_)].code);
        bool done = false;
        // The window's pad, found by trying the pad tokens once and remembered.
        std::vector<std::string> candidates;
        if (auto it = pad_of_window_.find(due.window); it != pad_of_window_.end())
            candidates.push_back(it->second);
        else
            candidates = opt_.pads;
        for (const auto& token : candidates) {
            net::HubClient pad({opt_.hub, token});
            auto st = pad.submit_evaluation(e);
            if (st) {
                pad_of_window_[due.window] = token;
                done = true;
                break;
            }
            if (st.error().code != "forbidden" && st.error().code != "wrong_window" &&
                st.error().code != "unauthorized") {
                done = true;  // e.g. already rated at the pad by a person: leave it
                break;
            }
        }
        if (!done) {
            // No pad for this window: the applicant scans the ticket's QR code instead.
            auto code = codes_.find(due.ticket);
            if (code == codes_.end()) continue;
            e.code = code->second;
            if (auto st = anyone_.submit_evaluation(e); !st && st.error().code != "already_rated") {
                ++errors_;
                last_error_ = "rating: " + st.error().code;
            }
        }
    }
}

void HallSim::take_events() {
    while (auto ev = events_->poll()) {
        const auto& d = ev->data;
        if (!d.is_object()) continue;
        const std::string& n = ev->name;
        if (n == "ticket.issued")
            ++issued_;
        else if (n == "ticket.called")
            ++calls_;
        else if (n == "ticket.finished")
            ++finished_;
        else if (n == "ticket.no_show")
            ++no_shows_;
        else if (n == "ticket.transferred")
            ++transfers_;
        else if (n == "evaluation.requested") {
            int window = static_cast<int>(net::field_int(d, "window"));
            bool simulated = std::any_of(windows_.begin(), windows_.end(),
                                         [&](const SimWindow& w) { return w.number == window; });
            if (simulated) {
                auto delay =
                    std::chrono::milliseconds(std::uniform_int_distribution<int>(1500, 5000)(rng_));
                ratings_due_.push_back(
                    {net::field_int(d, "ticket"), window, Steady::now() + delay});
            }
        } else if (n == "evaluation.submitted") {
            int level = static_cast<int>(net::field_int(d, "level"));
            ++ratings_;
            rating_sum_ += level;
            recent_ratings_.push_front(net::field_string(d, "number", "?") + " " +
                                       std::to_string(level) + "* w" +
                                       std::to_string(net::field_int(d, "window")));
            if (recent_ratings_.size() > 6) recent_ratings_.pop_back();
        }
    }
}

void HallSim::draw(Steady::time_point now) {
    std::ostringstream o;
    o << text("title", {{"hub", opt_.hub},
                        {"time", queue_ ? clock_of(queue_->now) : std::string("--:--:--")},
                        {"elapsed", elapsed(now - started_)}})
      << "\n";
    std::string window_list;
    for (const auto& w : windows_)
        window_list += (window_list.empty() ? "" : " ") + std::to_string(w.number);
    char rate[16];
    std::snprintf(rate, sizeof rate, "%g", opt_.rate_per_min);
    o << text("setup", {{"rate", rate},
                        {"windows", window_list},
                        {"via", text(opt_.pads.empty() ? "via_codes" : "via_pads")}})
      << (events_->online() ? "" : text("hub_offline")) << "\n";
    char avg[16];
    std::snprintf(avg, sizeof avg, "%.2f",
                  ratings_ ? static_cast<double>(rating_sum_) / ratings_ : 0.0);
    o << text("tallies", {{"issued", std::to_string(issued_)},
                          {"calls", std::to_string(calls_)},
                          {"finished", std::to_string(finished_)},
                          {"no_shows", std::to_string(no_shows_)},
                          {"transfers", std::to_string(transfers_)},
                          {"ratings", std::to_string(ratings_)},
                          {"avg", avg}})
      << "\n";
    if (queue_) {
        o << text("waiting");
        int shown = 0;
        for (const auto& s : queue_->services)
            if (s.waiting > 0 || s.open) {
                o << "  " << s.code << " " << s.waiting;
                ++shown;
            }
        if (!shown) o << " " << text("none");
        o << "\n" << text("windows");
        int col = 0;
        for (const auto& w : queue_->windows) {
            if (w.status == "closed" && !w.current) continue;
            std::string cell = std::to_string(w.number) + " " +
                               (w.status == "paused" ? text("paused") : w.current.value_or("-")) +
                               (w.staff ? "/" + w.staff->number : "");
            o << (col % 6 == 0 && col ? "\n         " : "") << "  " << cell;
            ++col;
        }
        o << "\n" << text("recent_calls");
        for (size_t i = 0; i < queue_->recent_calls.size() && i < 8; ++i)
            o << "  " << queue_->recent_calls[i].number << "->" << queue_->recent_calls[i].window;
        o << "\n";
    }
    o << text("recent_ratings");
    for (const auto& r : recent_ratings_) o << "  " << r;
    o << "\n"
      << text("errors", {{"n", std::to_string(errors_)}})
      << (last_error_.empty() ? "" : text("last_error", {{"error", last_error_}})) << "\n";
    o << text("footer") << "\n";
    std::string frame = o.str();
    if (frame == last_frame_) return;
    last_frame_ = frame;
    std::fputs(terminal_ ? ("\x1b[H\x1b[J" + frame).c_str() : (frame + "\n").c_str(), stdout);
    std::fflush(stdout);
}

int HallSim::run(const volatile std::sig_atomic_t& stop) {
    auto services = anyone_.services();
    if (!services) {
        std::fprintf(
            stderr, "%s\n",
            text("no_services", {{"hub", opt_.hub}, {"error", services.error().message}}).c_str());
        return 1;
    }
    if (auto reasons = anyone_.rating_reasons()) reasons_ = *reasons;
    if (!sign_in_windows(stop)) {
        std::fprintf(stderr, "%s\n", text("no_window", {{"error", last_error_}}).c_str());
        return 1;
    }
    std::vector<std::string> window_services;
    for (const auto& w : windows_)
        if (auto info = anyone_.window_info(w.number))
            window_services.insert(window_services.end(), info->window.services.begin(),
                                   info->window.services.end());
    for (const auto& s : *services) {
        if (!s.open) continue;
        open_services_.push_back(s.code);
        if (std::find(window_services.begin(), window_services.end(), s.code) !=
            window_services.end())
            favoured_services_.push_back(s.code);
    }

    net::StreamOptions so;
    so.base_url = opt_.hub;
    so.backoff_max = 2000ms;
    events_ = std::make_unique<net::EventStream>(so);
    events_->start();

    auto start = Steady::now();
    started_ = start;
    next_arrival_ = start;
    next_queue_ = start;
    while (!stop) {
        auto now = Steady::now();
        if (opt_.duration_s > 0 && now - start >= std::chrono::duration<double>(opt_.duration_s))
            break;
        take_events();
        arrive(now);
        for (auto& w : windows_) step_window(w, now);
        rate_due(now);
        if (now >= next_queue_) {
            next_queue_ = now + 1s;
            if (auto q = anyone_.queue()) queue_ = std::move(*q);
            draw(now);
        }
        std::this_thread::sleep_for(50ms);
    }
    sign_out_windows();
    // A last frame after the sign-outs, then the stream can go.
    auto until = Steady::now() + 500ms;
    while (Steady::now() < until) {
        take_events();
        std::this_thread::sleep_for(50ms);
    }
    if (auto q = anyone_.queue()) queue_ = std::move(*q);
    last_frame_.clear();
    draw(Steady::now());
    events_->stop();
    return 0;
}

}  // namespace onestop::sim
