#include "kiosk.h"

#include <algorithm>
#include <cstdio>

#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/events.h"
#include "onestop/net/protocol.h"
#include "onestop/queue/numbering.h"
#include "rating_mode/rating_mode.h"
#include "ticket_mode/ticket_mode.h"

namespace onestop::kiosk {

namespace {

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

Kiosk::Kiosk(ui::App& app, config::Catalogue catalogue, KioskOptions options,
             ui::CommonOptions common, queue::Hall hall, KioskState state,
             std::unique_ptr<Clock> clock)
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
    lo.client.ca_file = common_.ca_file;
    // Short: a hub that does not answer quickly is treated as away and the kiosk
    // issues from its leased numbers instead of keeping the applicant waiting.
    lo.client.connect_timeout = std::chrono::milliseconds(700);
    lo.client.total_timeout = std::chrono::milliseconds(2500);
    // Every 5 s: the outbox replayed and the leases topped up soon after the hub is back.
    lo.refresh_every = std::chrono::seconds(5);
    lo.retry_after = std::chrono::seconds(5);
    net::LinkHandlers h;
    h.event = [this](net::LinkEvent e) { on_event(e.event); };
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

std::string Kiosk::today() const {
    return to_local(now()).date();
}

std::string Kiosk::when_text(const std::string& iso) const {
    auto when = parse_iso8601(iso);
    if (!when) return {};
    LocalTime w = to_local(*when), n = to_local(now());
    std::string hm = two(w.hour) + ":" + two(w.minute);
    auto wd = parse_date(w.date()), nd = parse_date(n.date());
    if (wd && nd && *wd == *nd) return t("when_today", {{"hm", hm}});
    if (wd && nd && *wd == *nd + 1) return t("when_tomorrow", {{"hm", hm}});
    return t("when_date",
             {{"m", std::to_string(w.month)}, {"d", std::to_string(w.day)}, {"hm", hm}});
}

void Kiosk::apply_services(const Json& services_json, const Json& queue_json) {
    auto parsed = net::parse_services(services_json);
    if (!parsed) {
        logger("kiosk")->warn("services answer: {}", parsed.error().message);
        return;
    }
    std::vector<ServiceView> out;
    auto blank = [](const Text& t) { return t.zh.empty() && t.en.empty(); };
    for (const net::ServiceInfo& s : *parsed) {
        ServiceView v;
        v.code = s.code;
        v.name = s.name;
        v.unit = s.unit;
        v.mode = s.mode;
        v.open = s.open;
        v.next_open = s.next_open;
        v.materials = s.materials;
        v.who_may_apply = s.who_may_apply;
        v.steps = s.steps;
        v.promised_days = s.promised_days;
        v.minutes_per_ticket = s.minutes_per_ticket;
        v.unit_name = s.unit_name;
        // What a hub from before these fields leaves out comes from the hall file.
        if (const queue::Service* hs = hall_.find_service(s.code)) {
            if (blank(v.who_may_apply)) v.who_may_apply = hs->who_may_apply;
            if (v.steps.empty()) v.steps = hs->steps;
            if (v.materials.empty()) v.materials = hs->materials;
            if (v.promised_days == 0) v.promised_days = hs->promised_days;
            if (v.minutes_per_ticket == 0) v.minutes_per_ticket = hs->minutes_per_ticket;
        }
        if (blank(v.unit_name)) {
            const queue::Unit* u = hall_.find_unit(s.unit);
            v.unit_name = u ? u->name : Text{s.unit, s.unit};
        }
        if (v.minutes_per_ticket == 0) v.minutes_per_ticket = 5;
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
                if (win.status == "open" && std::find(win.services.begin(), win.services.end(),
                                                      v.code) != win.services.end())
                    ++open;
            v.windows_open = std::max(1, open);
        }
    }
    services_ = std::move(out);
    app_.invalidate();
}

std::string Kiosk::t_both(const std::string& key,
                          const std::map<std::string, std::string>& args) const {
    return catalogue_.text(key, Lang::Zh, args) + " / " + catalogue_.text(key, Lang::En, args);
}

void Kiosk::on_event(const net::Event& event) {
    // Every ticket event carries its service's new waiting count: both modes show it.
    if (const net::TicketChange* t = net::ticket_change(event)) {
        for (auto& s : services_)
            if (s.code == t->service) s.waiting = t->waiting;
        app_.invalidate();
    }
    mode_->on_event(event);
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
                    auto request = net::parse_issue_request(body);
                    auto refusal = net::parse_api_error(r->body);
                    std::string printed =
                        request && request->leased_sequence
                            ? queue::format_number(request->service, *request->leased_sequence)
                            : item.request_id;
                    then = ticket_alert(
                        item.request_id, "ticket_refused", "alert_ticket_refused",
                        {{"printed", printed}, {"reason", refusal ? refusal->code : result}});
                }
            } else if (item.kind == "ticket") {
                auto answer = net::parse_issue_answer(r->body);
                std::string number = answer ? answer->ticket.number : "";
                log->info("outbox ticket {} replayed: {}", item.request_id, number);
                if (answer && !answer->printed.empty()) {
                    log->warn("offline ticket {} renumbered {} by the hub", answer->printed,
                              number);
                    then = ticket_alert(item.request_id, "ticket_renumbered",
                                        "alert_ticket_renumbered",
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

FollowUp Kiosk::ticket_alert(const std::string& request_id, const char* kind,
                             const std::string& key,
                             const std::map<std::string, std::string>& args) const {
    std::string message = t_both(key, args);
    // One alert per ticket: a repeated answer (the same request_id) queues none again.
    return FollowUp{"alert", std::string(kind) + ":" + request_id,
                    Json{{"kind", kind}, {"message", message}}.dump()};
}

}  // namespace onestop::kiosk
