#include "onestop/board/board_model.h"

#include <algorithm>
#include <charconv>

#include "onestop/base/time.h"

namespace onestop::board {

namespace {

constexpr size_t kSeenCalls = 1000;

TimePoint hub_time(const std::string& iso) {
    auto t = parse_iso8601(iso);
    return t ? *t : TimePoint{};
}
// By instant, not by text, so "…+08:00" in a snapshot and "…Z" in an event match.
std::string call_key(const CallEntry& c) {
    return c.number + "|" + std::to_string(c.window) + "|" +
           std::to_string(hub_time(c.at).time_since_epoch().count());
}

}  // namespace

BoardModel::BoardModel(size_t keep_calls) : keep_calls_(keep_calls) {}

const WindowEntry* BoardModel::window(int number) const {
    auto it = windows_.find(number);
    return it == windows_.end() ? nullptr : &it->second;
}

WindowEntry& BoardModel::window_for(int number) {
    auto& w = windows_[number];
    w.number = number;
    return w;
}

bool BoardModel::newer_than_snapshot(const std::string& key, TimePoint snapshot_now) const {
    auto it = changed_at_.find(key);
    return it != changed_at_.end() && it->second > snapshot_now;
}

void BoardModel::touch(const std::string& key, TimePoint at) {
    auto& t = changed_at_[key];
    t = std::max(t, at);
}

bool BoardModel::add_call(CallEntry call) {
    const std::string key = call_key(call);
    auto it = seen_calls_.find(key);
    if (it != seen_calls_.end()) {
        std::set<int>& counts = it->second;
        if (call.calls == 0) return false;           // a snapshot repeating a call already listed
        if (counts.count(call.calls)) return false;  // an event applied before
        if (counts.erase(0)) {                       // the event of a call a snapshot listed
            counts.insert(call.calls);
            return false;
        }
        counts.insert(call.calls);  // a recall in the same second
    } else {
        seen_calls_[key].insert(call.calls);
        seen_order_.push_back(key);
        if (seen_order_.size() > kSeenCalls) {
            seen_calls_.erase(seen_order_.front());
            seen_order_.pop_front();
        }
    }
    // Newest first by the hub's time; a replayed older call slots in where it belongs.
    // Events come in the hub's log order, which is the order things happened (even if the
    // hub's clock jumped): a call from an event is the newest. A snapshot's entries are
    // history and slot in by time.
    auto pos = calls_.begin();
    if (call.calls == 0) {
        const TimePoint t = hub_time(call.at);
        pos = std::find_if(calls_.begin(), calls_.end(),
                           [&](const CallEntry& c) { return hub_time(c.at) < t; });
    }
    const bool front = pos == calls_.begin();
    calls_.insert(pos, std::move(call));
    if (calls_.size() > keep_calls_) calls_.pop_back();
    return front;
}

void BoardModel::set_waiting(const std::string& service, int waiting, TimePoint at) {
    if (service.empty() || waiting < 0) return;
    auto it = std::find_if(services_.begin(), services_.end(),
                           [&](const ServiceEntry& s) { return s.code == service; });
    if (it == services_.end()) {
        services_.push_back({service, waiting, true});
        std::sort(services_.begin(), services_.end(),
                  [](const ServiceEntry& a, const ServiceEntry& b) { return a.code < b.code; });
    } else {
        it->waiting = waiting;
    }
    touch("s" + service, at);
}

void BoardModel::apply_snapshot(const net::QueueSnapshot& snap) {
    const TimePoint now = hub_time(snap.now);
    for (const auto& s : snap.services) {
        if (newer_than_snapshot("s" + s.code, now)) continue;
        auto it = std::find_if(services_.begin(), services_.end(),
                               [&](const ServiceEntry& e) { return e.code == s.code; });
        if (it == services_.end()) {
            services_.push_back({s.code, s.waiting, s.open});
        } else {
            it->waiting = s.waiting;
            it->open = s.open;
        }
    }
    std::sort(services_.begin(), services_.end(),
              [](const ServiceEntry& a, const ServiceEntry& b) { return a.code < b.code; });
    for (const auto& w : snap.windows) {
        WindowEntry& e = window_for(w.number);
        // Descriptive fields always come from the snapshot; live fields only if no newer event
        // moved them.
        e.name = w.name;
        e.unit = w.unit;
        e.services = w.services;
        if (newer_than_snapshot("w" + std::to_string(w.number), now)) continue;
        e.status = w.status;
        e.current = w.current;
        if (!w.staff) {
            e.staff.reset();
        } else if (!e.staff || e.staff->number != w.staff->number || !w.staff->name.empty()) {
            e.staff = w.staff;
        }
        if (e.status != "paused") e.pause_reason.clear();
    }
    for (const auto& c : snap.recent_calls) add_call(CallEntry{c.number, c.window, c.at, false, 0});
    synced_ = true;
    ++version_;
}

void BoardModel::apply_window_info(const net::WindowInfo& info) {
    WindowEntry& e = window_for(info.window.number);
    e.name = info.window.name;
    e.unit = info.window.unit;
    e.services = info.window.services;
    e.status = info.window.status;
    e.current = info.window.current;
    e.staff = info.window.staff;
    e.pause_reason = info.pause_reason;
    e.waiting = info.waiting;
    ++version_;
}

Effects BoardModel::apply_event(const net::LinkEvent& ev) {
    Effects fx;
    uint64_t id = 0;
    if (std::from_chars(ev.id.data(), ev.id.data() + ev.id.size(), id).ec == std::errc{}) {
        if (id <= last_event_id_) return fx;  // replayed: already applied
        last_event_id_ = id;
    }
    const net::Event& event = ev.event;

    if (const net::TicketChange* t = net::ticket_change(event)) {
        const TimePoint when = hub_time(t->at);
        set_waiting(t->service, t->waiting, when);
        fx.changed = true;
        const auto* recalled = std::get_if<net::TicketRecalled>(&event);
        if (recalled || std::holds_alternative<net::TicketCalled>(event)) {
            if (t->window > 0 && !t->number.empty()) {
                WindowEntry& e = window_for(t->window);
                e.current = t->number;
                if (e.status == "closed") e.status = "open";  // it is calling, so it is open
                touch("w" + std::to_string(t->window), when);
                const int calls = recalled ? std::max(2, recalled->calls) : 1;
                if (add_call(CallEntry{t->number, t->window, t->at, recalled != nullptr, calls}))
                    fx.announce = Call{t->number, t->window, recalled != nullptr};
            }
        } else if (std::holds_alternative<net::TicketFinished>(event) ||
                   std::holds_alternative<net::TicketNoShow>(event) ||
                   std::holds_alternative<net::TicketTransferred>(event)) {
            if (t->window > 0) {
                WindowEntry& e = window_for(t->window);
                if (e.current && *e.current == t->number) e.current.reset();
                touch("w" + std::to_string(t->window), when);
            }
        }
    } else if (const auto* paused = std::get_if<net::WindowPaused>(&event)) {
        WindowEntry& e = window_for(paused->window);
        e.status = "paused";
        e.pause_reason = paused->reason;
        touch("w" + std::to_string(paused->window), hub_time(paused->at));
        fx.changed = true;
    } else if (const auto* resumed = std::get_if<net::WindowResumed>(&event)) {
        WindowEntry& e = window_for(resumed->window);
        e.status = "open";
        e.pause_reason.clear();
        touch("w" + std::to_string(resumed->window), hub_time(resumed->at));
        fx.changed = true;
    } else if (const auto* started = std::get_if<net::SessionStarted>(&event)) {
        window_for(started->window).staff = net::StaffRef{started->staff, "", ""};
        fx.changed = true;
        fx.refresh_window = started->window;
    } else if (const auto* ended = std::get_if<net::SessionEnded>(&event)) {
        window_for(ended->window).staff.reset();
        fx.changed = true;
        fx.refresh_window = ended->window;
    } else if (const auto* notice = std::get_if<net::NoticeUpdated>(&event)) {
        notice_ = notice->text;
        fx.changed = true;
    }
    if (fx.changed) ++version_;
    return fx;
}

bool BoardModel::set_online(bool online) {
    if (online_ == online) return false;
    online_ = online;
    ++version_;
    return true;
}

void BoardModel::set_service_names(const std::vector<net::ServiceInfo>& services) {
    for (const auto& s : services) service_names_[s.code] = s.name;
    ++version_;
}

const Text* BoardModel::service_name(const std::string& code) const {
    auto it = service_names_.find(code);
    return it == service_names_.end() ? nullptr : &it->second;
}

void BoardModel::set_notice(const Text& text) {
    notice_ = text;
    ++version_;
}

}  // namespace onestop::board
