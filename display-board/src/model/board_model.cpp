#include "onestop/board/board_model.h"

#include <algorithm>
#include <charconv>

#include "onestop/base/time.h"

namespace onestop::board {
using nlohmann::json;

namespace {

constexpr size_t kSeenCalls = 1000;

std::string str(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string{};
}
int integer(const json& j, const char* key, int fallback = 0) {
    auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<int>() : fallback;
}
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
        if (call.calls == 0) return false;             // a snapshot repeating a call already listed
        if (counts.count(call.calls)) return false;     // an event applied before
        if (counts.erase(0)) {                          // the event of a call a snapshot listed
            counts.insert(call.calls);
            return false;
        }
        counts.insert(call.calls);                      // a recall in the same second
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
        pos = std::find_if(calls_.begin(), calls_.end(), [&](const CallEntry& c) { return hub_time(c.at) < t; });
    }
    const bool front = pos == calls_.begin();
    calls_.insert(pos, std::move(call));
    if (calls_.size() > keep_calls_) calls_.pop_back();
    return front;
}

void BoardModel::set_waiting(const std::string& service, int waiting, TimePoint at) {
    if (service.empty() || waiting < 0) return;
    auto it = std::find_if(services_.begin(), services_.end(), [&](const ServiceEntry& s) { return s.code == service; });
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
        auto it = std::find_if(services_.begin(), services_.end(), [&](const ServiceEntry& e) { return e.code == s.code; });
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
        // Descriptive fields always come from the snapshot; live fields only if no newer event moved them.
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

Effects BoardModel::apply_event(const net::HubEvent& ev) {
    Effects fx;
    uint64_t id = 0;
    if (std::from_chars(ev.id.data(), ev.id.data() + ev.id.size(), id).ec == std::errc{}) {
        if (id <= last_event_id_) return fx;  // replayed: already applied
        last_event_id_ = id;
    }
    if (!ev.data.is_object()) return fx;
    const json& d = ev.data;
    const std::string at = str(d, "at");
    const TimePoint when = hub_time(at);
    const int w = integer(d, "window");
    const std::string number = str(d, "number");

    if (ev.name.rfind("ticket.", 0) == 0) {
        set_waiting(str(d, "service"), integer(d, "waiting", -1), when);
        fx.changed = true;
        if (ev.name == "ticket.called" || ev.name == "ticket.recalled") {
            const bool recall = ev.name == "ticket.recalled";
            if (w > 0 && !number.empty()) {
                WindowEntry& e = window_for(w);
                e.current = number;
                if (e.status == "closed") e.status = "open";  // it is calling, so it is open
                touch("w" + std::to_string(w), when);
                const int calls = recall ? std::max(2, integer(d, "calls", 2)) : 1;
                if (add_call(CallEntry{number, w, at, recall, calls})) fx.announce = Call{number, w, recall};
            }
        } else if (ev.name == "ticket.finished" || ev.name == "ticket.no_show" || ev.name == "ticket.transferred") {
            if (w > 0) {
                WindowEntry& e = window_for(w);
                if (e.current && *e.current == number) e.current.reset();
                touch("w" + std::to_string(w), when);
            }
        }
    } else if (ev.name == "window.paused" || ev.name == "window.resumed") {
        WindowEntry& e = window_for(w);
        const bool paused = ev.name == "window.paused";
        e.status = paused ? "paused" : "open";
        e.pause_reason = paused ? str(d, "reason") : std::string{};
        touch("w" + std::to_string(w), when);
        fx.changed = true;
    } else if (ev.name == "session.started" || ev.name == "session.ended") {
        WindowEntry& e = window_for(w);
        if (ev.name == "session.started") {
            std::string staff_no = d.contains("staff") && d["staff"].is_object() ? str(d["staff"], "number") : "";
            e.staff = net::StaffRef{staff_no, "", ""};
        } else {
            e.staff.reset();
        }
        fx.changed = true;
        fx.refresh_window = w;
    } else if (ev.name == "notice.updated") {
        if (d.contains("text") && d["text"].is_object()) {
            notice_ = net::Text{str(d["text"], "zh"), str(d["text"], "en")};
            fx.changed = true;
        }
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

const net::Text* BoardModel::service_name(const std::string& code) const {
    auto it = service_names_.find(code);
    return it == service_names_.end() ? nullptr : &it->second;
}

void BoardModel::set_notice(const net::Text& text) {
    notice_ = text;
    ++version_;
}

}  // namespace onestop::board
