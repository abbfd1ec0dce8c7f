// GET /api/v1/office/hall: the office's live hall (Qmatic's and Novo SGA's monitor): every
// window with its state, staff, current number and pause, every service's line and waits,
// and what needs someone's attention. The console reads it again on every event.
#include <charconv>

#include "campus_shipper.h"
#include "hall_closing.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "views.h"

namespace onestop::hub {

namespace {

// ?name=N minutes, 0…1440; `fallback` when absent.
Result<int> minutes_param(const Request& req, const char* name, int fallback) {
    std::string text = req.get_param_value(name);
    if (text.empty()) return fallback;
    int v = 0;
    auto r = std::from_chars(text.data(), text.data() + text.size(), v);
    if (r.ec != std::errc() || r.ptr != text.data() + text.size() || v < 0 || v > 1440)
        return make_error(errc::invalid_field,
                          std::string(name) + " must be a number of minutes, 0 to 1440");
    return v;
}

int minutes_between(TimePoint from, TimePoint to) {
    return static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(to - from).count());
}

json alert(const char* kind, const std::string& zh, const std::string& en,
           const std::string& since) {
    return {{"kind", kind}, {"message", {{"zh", zh}, {"en", en}}}, {"since", since}};
}

// What a printer alert's kind says to the office.
std::pair<std::string, std::string> printer_trouble(const std::string& kind) {
    if (kind == "printer_paper_end") return {"缺纸", "out of paper"};
    if (kind == "printer_cover_open") return {"纸仓盖未合上", "cover open"};
    if (kind == "printer_offline") return {"打印机离线", "printer offline"};
    return {"打印机故障", "printer fault"};
}

// A pause's reason code (the counter's 1/2/3) as the counter shows it.
Text pause_reason_text(const std::string& code) {
    if (code == "break") return {"休息", "break"};
    if (code == "meeting") return {"开会", "meeting"};
    if (code == "other") return {"其他", "other"};
    return {"未说明", "not given"};
}

// The campus feed's trouble for the office (issue 18): the campus refusing this hall, or
// events waiting to be shipped while the campus is away or once the oldest has waited a
// minute. A hall works on without the campus; this says its figures there are behind.
std::optional<json> campus_alert(const CampusShipper::Figures& f, TimePoint now) {
    if (f.refused)
        return alert("campus_refused",
                     "校区数据库中本大厅的记录多于本机，已停止上传（见 docs/campus.md）",
                     "The campus database holds more of this hall than its log: shipping stopped "
                     "(see docs/campus.md)",
                     iso(now));
    const int64_t waiting = f.last - f.shipped + f.audit_backlog + f.records_backlog;
    if (waiting <= 0 || !f.oldest_unshipped) return std::nullopt;
    if (f.connected && now - *f.oldest_unshipped < std::chrono::minutes(1)) return std::nullopt;
    const std::string n = std::to_string(waiting);
    return alert("campus_backlog",
                 std::string(f.connected ? "校区数据库" : "校区数据库未连接") + "：" + n +
                     " 条记录待上传，大厅照常办理",
                 std::string(f.connected ? "Campus database" : "Campus database unreachable") +
                     ": " + n + " events waiting to be shipped; the hall works as usual",
                 iso(*f.oldest_unshipped));
}

// The closing round (第三十九条) for the office: overdue, or a round that reports a check not
// done or carries a note.
std::optional<json> closing_alert(const ClosingDay& day) {
    if (day.status == "overdue")
        return alert("closing_overdue", "未完成闭馆检查（应于 " + day.due + " 前完成）",
                     "Closing round not done (due by " + day.due + ")", day.due_at);
    if (!day.last || (day.last->all_done() && day.last->note.empty())) return std::nullopt;
    const store::HallClosing& c = *day.last;
    std::string zh, en;
    auto missed = [&](bool done, const char* z, const char* e) {
        if (done) return;
        zh += (zh.empty() ? "" : "、") + std::string(z);
        en += (en.empty() ? "" : ", ") + std::string(e);
    };
    missed(c.doors_windows, "门窗未关好", "doors or windows open");
    missed(c.lights, "灯未关", "lights on");
    missed(c.air_conditioning, "空调未关", "air conditioning on");
    missed(c.other_power, "其他电源未断", "other power on");
    const std::string who = c.staff + " " + c.name + "，" + std::to_string(c.window) + "号窗口";
    const std::string who_en = c.staff + " " + c.name + ", window " + std::to_string(c.window);
    zh = "闭馆检查：" + (zh.empty() ? std::string("四项已完成") : zh) + "（" + who + "）";
    en = "Closing round: " + (en.empty() ? std::string("all four done") : en) + " (" + who_en + ")";
    if (!c.note.empty()) {
        zh += "，备注：" + c.note;
        en += "; note: " + c.note;
    }
    json a = alert(c.all_done() ? "closing_note" : "closing_incomplete", zh, en, c.at);
    a["window"] = c.window;
    return a;
}

}  // namespace

void Hub::install_live_hall_route() {
    // Devices not seen for a week are taken to be out of use, not broken.
    constexpr auto kOutOfUse = std::chrono::hours(24 * 7);

    get("/api/v1/office/hall", [this, kOutOfUse](const Request& req) {
        auto p =
            who_may(req, &Principal::reads_a_unit,
                    "the live hall is for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        auto paused_limit = minutes_param(req, "paused_minutes", 30);
        if (!paused_limit) return input_error_reply(paused_limit.error());
        auto wait_limit = minutes_param(req, "wait_minutes", 30);
        if (!wait_limit) return input_error_reply(wait_limit.error());
        // Devices see the hub at least every few seconds (kiosks refresh, boards hold the
        // stream); one not seen for this long while windows are open is offline.
        auto offline_limit = minutes_param(req, "offline_minutes", 10);
        if (!offline_limit) return input_error_reply(offline_limit.error());

        TimePoint now = clock_->now();
        std::string today = zone_.to_local(now).date();
        std::string day_start = iso(zone_.from_local(today, 0).value_or(now));
        Result<store::HallDay> day = store::HallDay{};
        Result<std::vector<store::StandingAlert>> printers = std::vector<store::StandingAlert>{};
        Result<std::vector<store::Device>> devices = std::vector<store::Device>{};
        Result<ClosingDay> closing = ClosingDay{};
        {
            std::lock_guard lock(reader_.mu);
            day = reader_.store->hall_day(today);
            if (day) printers = reader_.store->standing_printer_alerts(day_start);
            if (day && printers) devices = reader_.store->devices();
            if (day && printers && devices)
                closing = closing_day(*reader_.store, hall_.settings, zone_, today, now);
        }
        if (!day || !printers || !devices || !closing) return internal_error_reply();

        return with_state([&](const HubState& s) {
            const queue::Hall& hall = s.engine.hall();
            json windows = json::array(), services = json::array(), alerts = json::array();
            bool hall_open = false;
            for (const auto& w : hall.windows) {
                if (!principal.sees(w.unit)) continue;
                queue::WindowState ws = s.engine.window_state(w.number);
                hall_open = hall_open || s.engine.window_open(w.number);
                json current = nullptr;
                if (ws.current)
                    if (const queue::Ticket* t = s.engine.ticket(*ws.current))
                        current = {{"id", t->id},
                                   {"number", t->number},
                                   {"service", t->service},
                                   {"called_at", t->called_at ? json(iso(*t->called_at)) : json()}};
                json staff = nullptr;
                if (const OnDuty* duty = s.duty_at(w.number))
                    staff = {{"number", duty->staff}, {"name", duty->name}};
                json paused_at = nullptr;
                auto pause = day->paused_at.find(w.number);
                if (ws.paused && pause != day->paused_at.end()) {
                    paused_at = pause->second;
                    auto since = parse_iso8601(pause->second);
                    int minutes = since ? minutes_between(*since, now) : 0;
                    if (minutes >= *paused_limit) {
                        Text reason = pause_reason_text(ws.pause_reason);
                        json a = alert("window_paused",
                                       std::to_string(w.number) + "号窗口已暂停 " +
                                           std::to_string(minutes) + " 分钟（" + reason.zh + "）",
                                       "window " + std::to_string(w.number) + " paused for " +
                                           std::to_string(minutes) + " min (" + reason.en + ")",
                                       pause->second);
                        a["window"] = w.number;
                        alerts.push_back(a);
                    }
                }
                auto served = day->served.find(w.number);
                windows.push_back(
                    {{"number", w.number},
                     {"name", net::to_json(w.name)},
                     {"unit", w.unit},
                     {"services", w.services},
                     {"status", to_string(ws.status)},
                     {"paused_at", paused_at},
                     {"pause_reason", ws.paused ? ws.pause_reason : ""},
                     {"pause_reason_text",
                      ws.paused ? net::to_json(pause_reason_text(ws.pause_reason)) : json(nullptr)},
                     {"current", current},
                     {"staff", staff},
                     {"waiting", s.engine.waiting_for_window(w.number)},
                     {"served_today", served == day->served.end() ? 0 : served->second}});
            }
            for (const auto& sv : hall.services) {
                if (!principal.sees(sv.unit)) continue;
                auto waiting = s.engine.waiting(sv.code);
                json longest = 0;
                std::string oldest;
                if (!waiting.empty()) {
                    auto first = std::min_element(
                        waiting.begin(), waiting.end(),
                        [](const auto* a, const auto* b) { return a->issued_at < b->issued_at; });
                    int minutes = std::max(0, minutes_between((*first)->issued_at, now));
                    longest = minutes;
                    if (minutes >= *wait_limit) {
                        json a = alert("long_wait",
                                       sv.name.zh + "（" + sv.code + "）最长已等 " +
                                           std::to_string(minutes) + " 分钟",
                                       sv.name.en + " (" + sv.code + "): longest wait " +
                                           std::to_string(minutes) + " min",
                                       iso((*first)->issued_at));
                        a["service"] = sv.code;
                        alerts.push_back(a);
                    }
                }
                auto average = day->average_wait_min.find(sv.code);
                services.push_back(
                    {{"code", sv.code},
                     {"name", net::to_json(sv.name)},
                     {"unit", sv.unit},
                     {"waiting", static_cast<int>(waiting.size())},
                     {"longest_wait_min", longest},
                     {"average_wait_today_min", average == day->average_wait_min.end()
                                                    ? json(nullptr)
                                                    : json(std::lround(average->second))},
                     {"open", s.engine.service_open(sv.code)}});
            }
            // A kiosk serves the whole hall; a window's devices its unit.
            auto device_unit = [&](int window) {
                const queue::Window* w = hall.find_window(window);
                return w ? w->unit : std::string();
            };
            auto visible = [&](int window) {
                return window == 0 ? principal.reads_a_unit() : principal.sees(device_unit(window));
            };
            for (const auto& a : *printers) {
                if (!visible(a.window)) continue;
                auto [zh, en] = printer_trouble(a.kind);
                json out =
                    alert("printer", a.device_name + "：" + zh, a.device_name + ": " + en, a.at);
                out["device"] = a.device;
                out["trouble"] = a.kind;
                if (a.window) out["window"] = a.window;
                alerts.push_back(out);
            }
            if (hall_open) {
                for (const auto& d : *devices) {
                    if (d.revoked() || d.role == store::Role::Admin || !d.last_seen_at) continue;
                    if (!visible(d.window)) continue;
                    auto seen = parse_iso8601(*d.last_seen_at);
                    if (!seen || now - *seen > kOutOfUse ||
                        minutes_between(*seen, now) < *offline_limit)
                        continue;
                    json out = alert("device_offline",
                                     d.name + " 已 " + std::to_string(minutes_between(*seen, now)) +
                                         " 分钟未连接",
                                     d.name + " not seen for " +
                                         std::to_string(minutes_between(*seen, now)) + " min",
                                     *d.last_seen_at);
                    out["device"] = d.id;
                    if (d.window) out["window"] = d.window;
                    alerts.push_back(out);
                }
            }
            if (campus_ && visible(0))
                if (auto a = campus_alert(campus_->figures(), now)) alerts.push_back(*a);
            if (auto a = closing_alert(*closing)) alerts.push_back(*a);
            return json_reply(200, {{"now", iso(now)},
                                    {"windows", windows},
                                    {"services", services},
                                    {"alerts", alerts},
                                    {"closing", closing_day_json(*closing)}});
        });
    });
}

}  // namespace onestop::hub
