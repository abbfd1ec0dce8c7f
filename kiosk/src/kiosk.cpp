#include "kiosk.h"

#include <algorithm>
#include <cstdio>

#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "rating_mode/rating_mode.h"
#include "ticket_mode/ticket_mode.h"

namespace onestop::kiosk {

namespace {

queue::Text to_text(const net::Text& t) { return {t.zh, t.en}; }

queue::Text json_text(const Json& j) {
    if (j.is_string()) return {j.get<std::string>(), j.get<std::string>()};
    if (j.is_object()) return {j.value("zh", std::string()), j.value("en", std::string())};
    return {};
}

// The value at `key`, or null (json::value throws on a body that is not an object).
const Json& member(const Json& j, const char* key) {
    static const Json none;
    if (!j.is_object()) return none;
    auto it = j.find(key);
    return it == j.end() ? none : *it;
}

std::string two(int n) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d", n);
    return buf;
}

}  // namespace

int ServiceView::estimate_min(int ahead) const {
    int windows = std::max(1, windows_open);
    return (ahead * std::max(1, minutes_per_ticket) + windows - 1) / windows;
}

Kiosk::Kiosk(ui::App& app, config::Catalogue catalogue, KioskOptions options, ui::CommonOptions common,
             queue::Hall hall, KioskState state, std::unique_ptr<Clock> clock)
    : app_(app),
      catalogue_(std::move(catalogue)),
      options_(std::move(options)),
      common_(std::move(common)),
      hall_(std::move(hall)),
      clock_(std::move(clock)),
      lang_(common_.lang),
      state_(std::move(state)) {
    // What the hub said last time, so an offline start still shows the services.
    auto services = cached("services"), queue = cached("queue");
    if (services)
        apply_services(Json::parse(*services, nullptr, false),
                       queue ? Json::parse(*queue, nullptr, false) : Json());
    if (options_.mode == Mode::Ticket)
        mode_ = std::make_unique<TicketMode>(*this);
    else
        mode_ = std::make_unique<RatingMode>(*this);
}

Kiosk::~Kiosk() {
    if (link_) link_->stop();  // the jobs already taken (a rating) reach the outbox first
}

void Kiosk::start() {
    net::LinkOptions lo;
    lo.client.base_url = common_.hub;
    lo.client.token = common_.token;
    // Short: a hub that does not answer quickly is treated as away and the kiosk
    // issues from its leased numbers instead of keeping the applicant waiting.
    lo.client.connect_timeout = std::chrono::milliseconds(700);
    lo.client.total_timeout = std::chrono::milliseconds(2500);
    // Every 5 s: the outbox replayed and the leases topped up soon after the hub is back.
    lo.refresh_every = std::chrono::seconds(5);
    lo.retry_after = std::chrono::seconds(5);
    net::LinkHandlers h;
    h.event = [this](net::HubEvent ev) { on_event(ev); };
    h.online = [this](bool online) {
        online_ = online;
        app_.invalidate();
    };
    link_ = std::make_unique<net::HubLink>(
        std::move(lo), [this](std::function<void()> fn) { app_.post(std::move(fn)); }, std::move(h),
        [this](net::HubClient& hub) { return mode_->refresh(hub); });
    app_.screens().push(mode_->first_screen());
    link_->start();
}

// ---------------------------------------------------------------- UI thread

const ServiceView* Kiosk::service(const std::string& code) const {
    for (const auto& s : services_)
        if (s.code == code) return &s;
    return nullptr;
}

void Kiosk::toggle_lang() {
    lang_ = lang_ == Lang::Zh ? Lang::En : Lang::Zh;
    app_.invalidate();
}

void Kiosk::toggle_large_text() {
    large_text_ = !large_text_;
    app_.invalidate();
}

void Kiosk::reset_session() {
    lang_ = common_.lang;
    large_text_ = false;
    app_.invalidate();
}

std::string Kiosk::date_line() const {
    LocalTime lt = to_local(now());
    return t("date_line", {{"y", std::to_string(lt.year)},
                           {"m", std::to_string(lt.month)},
                           {"d", std::to_string(lt.day)},
                           {"weekday", t("weekday_" + std::to_string(lt.weekday))}});
}

std::string Kiosk::time_line() const {
    LocalTime lt = to_local(now());
    return two(lt.hour) + ":" + two(lt.minute);
}

std::string Kiosk::today() const { return to_local(now()).date(); }

std::string Kiosk::when_text(const std::string& iso) const {
    auto when = parse_iso8601(iso);
    if (!when) return {};
    LocalTime w = to_local(*when), n = to_local(now());
    std::string hm = two(w.hour) + ":" + two(w.minute);
    auto wd = parse_date(w.date()), nd = parse_date(n.date());
    if (wd && nd && *wd == *nd) return t("when_today", {{"hm", hm}});
    if (wd && nd && *wd == *nd + 1) return t("when_tomorrow", {{"hm", hm}});
    return t("when_date", {{"m", std::to_string(w.month)}, {"d", std::to_string(w.day)}, {"hm", hm}});
}

void Kiosk::apply_services(const Json& services_json, const Json& queue_json) {
    auto parsed = net::parse_services(services_json);
    if (!parsed) {
        logger("kiosk")->warn("services answer: {}", parsed.error().message);
        return;
    }
    std::vector<ServiceView> out;
    const Json* raw_list = services_json.contains("services") ? &services_json["services"] : nullptr;
    for (size_t i = 0; i < parsed->size(); ++i) {
        const net::ServiceInfo& s = (*parsed)[i];
        ServiceView v;
        v.code = s.code;
        v.name = to_text(s.name);
        v.unit = s.unit;
        v.mode = s.mode;
        v.open = s.open;
        v.next_open = s.next_open;
        for (const auto& m : s.materials) v.materials.push_back(to_text(m));
        // Disclosure details the hub's answer may lack come from the hall file.
        if (const queue::Service* hs = hall_.find_service(s.code)) {
            v.who_may_apply = hs->who_may_apply;
            v.steps = hs->steps;
            v.promised_days = hs->promised_days;
            v.minutes_per_ticket = hs->minutes_per_ticket;
            if (v.materials.empty()) v.materials = hs->materials;
        }
        if (raw_list && i < raw_list->size()) {
            const Json& r = (*raw_list)[i];
            if (r.contains("who_may_apply")) v.who_may_apply = json_text(r["who_may_apply"]);
            if (r.contains("steps") && r["steps"].is_array()) {
                v.steps.clear();
                for (const auto& st : r["steps"]) v.steps.push_back(json_text(st));
            }
            if (r.contains("promised_days") && r["promised_days"].is_number_integer())
                v.promised_days = r["promised_days"].get<int>();
            if (r.contains("minutes_per_ticket") && r["minutes_per_ticket"].is_number_integer())
                v.minutes_per_ticket = r["minutes_per_ticket"].get<int>();
        }
        if (const queue::Unit* u = hall_.find_unit(s.unit)) v.unit_name = u->name;
        else v.unit_name = {s.unit, s.unit};
        // Keep the live count we may have from events when the snapshot lacks it.
        if (const ServiceView* old = service(s.code)) v.waiting = old->waiting;
        out.push_back(std::move(v));
    }
    auto snapshot = net::parse_queue(queue_json);
    if (snapshot) {
        for (auto& v : out) {
            for (const auto& w : snapshot->services)
                if (w.code == v.code) v.waiting = w.waiting;
            int open = 0;
            for (const auto& win : snapshot->windows)
                if (win.status == "open" && std::find(win.services.begin(), win.services.end(), v.code) != win.services.end())
                    ++open;
            v.windows_open = std::max(1, open);
        }
    }
    services_ = std::move(out);
    app_.invalidate();
}

std::string Kiosk::t_both(const std::string& key, const std::map<std::string, std::string>& args) const {
    return catalogue_.text(key, Lang::Zh, args) + " / " + catalogue_.text(key, Lang::En, args);
}

void Kiosk::on_event(const net::HubEvent& ev) {
    const Json& d = ev.data;
    if (!d.is_object()) return;
    // Every ticket event carries its service's new waiting count: both modes show it.
    if (ev.name.rfind("ticket.", 0) == 0 && d.contains("waiting") && d["waiting"].is_number_integer()) {
        const std::string code = net::field_string(d, "service");
        for (auto& s : services_)
            if (s.code == code) s.waiting = d["waiting"].get<int>();
        app_.invalidate();
    }
    mode_->on_event(ev);
}

// ---------------------------------------------------------------- link worker thread

std::optional<std::string> Kiosk::cached(const std::string& key) {
    auto value = state_.get(key);
    if (!value) logger("kiosk")->error("{}", value.error().message);
    return value ? *value : std::nullopt;
}

void Kiosk::keep(const std::string& key, const std::string& value) {
    if (auto s = state_.put(key, value); !s) logger("kiosk")->error("{}", s.error().message);
}

bool Kiosk::drain_outbox(net::HubClient& hub) {
    auto log = logger("kiosk");
    for (;;) {
        auto items = state_.pending(50);
        if (!items) {
            log->error("{}", items.error().message);
            return false;
        }
        if (items->empty()) return true;
        for (const auto& item : *items) {
            Json body = Json::parse(item.body, nullptr, false);
            const char* path = item.kind == "ticket"  ? "/api/v1/tickets"
                               : item.kind == "alert" ? "/api/v1/alerts"
                                                      : "/api/v1/evaluations";
            auto r = hub.send(net::Method::Post, path, body);
            if (!r) {
                link_->note(false);
                return false;  // keep the order: nothing newer goes before this one
            }
            link_->note(true);
            std::string result = std::to_string(r->status) + " " + r->body.dump();
            if (!settles(r->status)) {
                log->warn("outbox {} {} not taken yet: {}", item.kind, item.request_id, result);
                return false;
            }
            std::optional<FollowUp> then;
            if (r->status >= 400) {
                // A definitive refusal (a service this hall lacks, already rated): sending
                // it again cannot change the answer. Recorded, not retried; for a ticket
                // someone holds the slip, so the office is told.
                log->error("outbox {} {} refused: {}", item.kind, item.request_id, result);
                if (item.kind == "ticket") {
                    // The slip shows the service code and the leased sequence.
                    std::string printed = offline_number(
                        net::field_string(body, "service"),
                        static_cast<int>(net::field_int(member(body, "leased"), "sequence")));
                    then = ticket_alert(item.request_id, "ticket_refused", "alert_ticket_refused",
                                        {{"printed", printed},
                                         {"reason", net::field_string(member(r->body, "error"), "code")}});
                }
            } else if (item.kind == "ticket") {
                auto answer = net::parse_issue_answer(r->body);
                std::string number = answer ? answer->ticket.number : "";
                log->info("outbox ticket {} replayed: {}", item.request_id, number);
                if (answer && !answer->printed.empty()) {
                    log->warn("offline ticket {} renumbered {} by the hub", answer->printed, number);
                    then = ticket_alert(item.request_id, "ticket_renumbered", "alert_ticket_renumbered",
                                        {{"printed", answer->printed}, {"number", number}});
                }
            }
            if (auto s = state_.mark_done(item.seq, result, then); !s) {
                log->error("{}", s.error().message);
                return false;
            }
        }
    }
}

FollowUp Kiosk::ticket_alert(const std::string& request_id, const char* kind, const std::string& key,
                             const std::map<std::string, std::string>& args) const {
    std::string message = t_both(key, args);
    // One alert per ticket: a repeated answer (the same request_id) queues none again.
    return FollowUp{"alert", std::string(kind) + ":" + request_id,
                    Json{{"kind", kind}, {"message", message}}.dump()};
}

}  // namespace onestop::kiosk
