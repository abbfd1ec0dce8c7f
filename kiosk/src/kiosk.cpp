#include "kiosk.h"

#include <algorithm>
#include <cstdio>

#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "screens.h"

namespace onestop::kiosk {

namespace {

bool is_transport(const Error& e) { return e.code == "hub_unreachable" || e.code == "timeout"; }

queue::Text to_text(const net::Text& t) { return {t.zh, t.en}; }

queue::Text json_text(const Json& j) {
    if (j.is_string()) return {j.get<std::string>(), j.get<std::string>()};
    if (j.is_object()) return {j.value("zh", std::string()), j.value("en", std::string())};
    return {};
}

std::string pad3(int n) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%03d", n);
    return buf;
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
    auto services = state_.get("services"), queue = state_.get("queue");
    if (services)
        apply_services(Json::parse(*services, nullptr, false),
                       queue ? Json::parse(*queue, nullptr, false) : Json());
    if (auto w = state_.get("window")) {
        auto info = net::parse_window_info(Json::parse(*w, nullptr, false));
        if (info) {
            window_.number = info->window.number;
            window_.name = to_text(info->window.name);
            window_.unit = info->window.unit;
            window_.services = info->window.services;
            window_.status = info->window.status;
            if (info->window.staff) window_.staff = StaffOnDuty{info->window.staff->number, info->window.staff->name};
        }
    }
    if (window_.number == 0 && options_.mode == Mode::Rating) {
        window_.number = options_.window;
        if (const queue::Window* w = hall_.find_window(options_.window)) {
            window_.name = w->name;
            window_.unit = w->unit;
            window_.services = w->services;
        }
    }
    reasons_ = hall_.rating_reasons;
    if (auto r = state_.get("reasons")) {
        auto parsed = net::parse_rating_reasons(Json::parse(*r, nullptr, false));
        if (parsed) {
            reasons_.clear();
            for (auto& reason : *parsed) reasons_.push_back({reason.code, to_text(reason.text)});
        }
    }
}

Kiosk::~Kiosk() {
    stopping_ = true;
    if (stream_) stream_->stop();
    if (pump_.joinable()) pump_.join();
    if (worker_) worker_->stop();
    printer_.reset();
}

void Kiosk::start() {
    net::ClientOptions co;
    co.base_url = common_.hub;
    co.token = common_.token;
    // Short: a hub that does not answer quickly is treated as away and the kiosk
    // issues from its leased numbers instead of keeping the applicant waiting.
    co.connect_timeout = std::chrono::milliseconds(700);
    co.total_timeout = std::chrono::milliseconds(2500);
    client_ = std::make_unique<net::HubClient>(co);
    worker_ = std::make_unique<JobThread>(std::chrono::seconds(5), [this] { worker_idle(); });

    if (!options_.printer.empty()) {
        auto profile = printer::find_profile(options_.printer_profile);
        if (profile) {
            printer_ = std::make_unique<TicketPrinter>(options_.printer, *profile);
        } else {
            logger("kiosk")->error("{}", profile.error().message);
        }
    }

    net::StreamOptions so;
    so.base_url = common_.hub;
    so.token = common_.token;
    so.backoff_max = std::chrono::milliseconds(2000);
    so.on_state = [this](net::LinkState s) {
        app_.post([this, s] {
            stream_online_ = s == net::LinkState::Online;
            app_.invalidate();
        });
        if (s == net::LinkState::Online && worker_) worker_->poke();  // resync, replay the outbox
    };
    stream_ = std::make_unique<net::EventStream>(so);

    if (options_.mode == Mode::Ticket)
        app_.screens().push(make_home_screen(*this, false));
    else
        app_.screens().push(make_idle_screen(*this));

    worker_->start();
    stream_->start();
    pump_ = std::thread([this] { pump_events(); });
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

void Kiosk::take_number(const std::string& code, bool priority) {
    ticket_ = TicketView{};
    ticket_.serial = ++next_serial_;
    ticket_.service = code;
    ticket_.priority = priority;
    app_.screens().push(make_ticket_screen(*this));
    app_.invalidate();
    uint64_t serial = ticket_.serial;
    worker_->submit([this, serial, code, priority] { issue_on_worker(serial, code, priority); });
}

void Kiosk::on_printed(uint64_t serial, const Status& result) {
    if (serial == ticket_.serial) {
        ticket_.print = result ? PrintState::Printed : PrintState::Failed;
        if (!result) ticket_.print_error = screen_message_key(result.error());
        app_.invalidate();
    }
    if (!result) {
        std::string kind = alert_kind(result.error());
        std::string message = "kiosk printer " + options_.printer + ": " + result.error().message;
        worker_->submit([this, kind, message] { send_alert_on_worker(kind, message); });
    }
}

void Kiosk::submit_rating(int level, std::vector<std::string> reasons, std::string comment) {
    if (!rating_) return;
    net::Evaluation ev;
    ev.ticket = rating_->ticket;
    ev.level = level;
    ev.reasons = std::move(reasons);
    ev.comment = std::move(comment);
    rating_offline_ = false;
    last_level_ = level;
    worker_->submit([this, ev] {
        // Into the outbox first (durable), then out in order with whatever waits before it.
        auto q = state_.enqueue("rating", new_uuid(), net::to_json(ev).dump());
        if (!q) logger("kiosk")->error("{}", q.error().message);
        if (!drain_outbox()) {
            app_.post([this] {
                rating_offline_ = true;
                app_.invalidate();
            });
        }
    });
}

void Kiosk::rating_finished() {
    rating_.reset();
    rating_offline_ = false;
}

void Kiosk::on_event(const net::HubEvent& ev) {
    const Json& d = ev.data;
    if (!d.is_object()) return;
    if (ev.name.rfind("ticket.", 0) == 0) {
        std::string code = d.value("service", std::string());
        if (d.contains("waiting") && d["waiting"].is_number_integer()) {
            for (auto& s : services_)
                if (s.code == code) s.waiting = d["waiting"].get<int>();
            app_.invalidate();
        }
        if (ev.name == "ticket.transferred") worker_->poke();  // two services changed
        return;
    }
    if (options_.mode != Mode::Rating) return;
    int window = d.value("window", 0);
    if (window != options_.window) return;
    if (ev.name == "evaluation.requested") {
        rating_ = RatingRequest{d.value("ticket", int64_t{0}), d.value("number", std::string()),
                                d.value("service", std::string())};
        rating_offline_ = false;
        app_.screens().pop_to_root();
        app_.screens().push(make_rate_screen(*this));
        app_.invalidate();
    } else if (ev.name == "window.paused" || ev.name == "window.resumed") {
        window_.status = ev.name == "window.paused" ? "paused" : "open";
        app_.invalidate();
    } else if (ev.name.rfind("session.", 0) == 0) {
        worker_->submit([this] { refresh_window(); });
    }
}

// ---------------------------------------------------------------- event pump thread

void Kiosk::pump_events() {
    uint64_t seen_connects = 0;
    while (!stopping_) {
        auto ev = stream_->wait(std::chrono::milliseconds(300));
        if (ev) app_.post([this, e = std::move(*ev)] { on_event(e); });
        uint64_t c = stream_->connects();
        if (c != seen_connects) {
            seen_connects = c;
            worker_->poke();
        }
    }
}

// ---------------------------------------------------------------- worker thread

void Kiosk::set_online_from_worker(bool online) {
    app_.post([this, online] {
        if (online_ != online) {
            online_ = online;
            app_.invalidate();
        }
    });
}

void Kiosk::worker_idle() {
    if (options_.mode == Mode::Ticket) {
        if (refresh_catalogue()) check_leases();
        if (drain_outbox()) top_up_leases();
    } else {
        refresh_window();
        drain_outbox();
    }
}

bool Kiosk::refresh_catalogue() {
    auto services = client_->call(net::Method::Get, "/api/v1/services");
    if (!services) {
        if (is_transport(services.error())) set_online_from_worker(false);
        return false;
    }
    auto queue = client_->call(net::Method::Get, "/api/v1/queue");
    Json q = queue ? queue->body : Json();
    set_online_from_worker(true);
    std::string both = services->body.dump() + "\n" + q.dump();
    if (both == last_catalogue_) return true;  // the 5 s refresh found nothing new
    last_catalogue_ = both;
    (void)state_.put("services", services->body.dump());
    if (queue) (void)state_.put("queue", q.dump());
    app_.post([this, s = services->body, q] { apply_services(s, q); });
    return true;
}

void Kiosk::refresh_window() {
    auto w = client_->call(net::Method::Get, "/api/v1/windows/" + std::to_string(options_.window));
    if (!w) {
        if (is_transport(w.error())) set_online_from_worker(false);
        else logger("kiosk")->warn("window {}: {}", options_.window, w.error().message);
        return;
    }
    set_online_from_worker(true);
    auto info = net::parse_window_info(w->body);
    auto reasons = client_->call(net::Method::Get, "/api/v1/rating-reasons");
    auto services = client_->call(net::Method::Get, "/api/v1/services");
    std::string all = w->body.dump() + "\n" + (reasons ? reasons->body.dump() : "") + "\n" +
                      (services ? services->body.dump() : "");
    if (all == last_window_) return;  // nothing new since the last refresh
    last_window_ = all;
    (void)state_.put("window", w->body.dump());
    if (reasons) (void)state_.put("reasons", reasons->body.dump());
    if (services) (void)state_.put("services", services->body.dump());
    app_.post([this, info = info ? std::optional<net::WindowInfo>(*info) : std::nullopt,
               r = reasons ? reasons->body : Json(), s = services ? services->body : Json()] {
        if (info) {
            window_.number = info->window.number;
            window_.name = to_text(info->window.name);
            window_.unit = info->window.unit;
            window_.services = info->window.services;
            window_.status = info->window.status;
            window_.staff.reset();
            if (info->window.staff) window_.staff = StaffOnDuty{info->window.staff->number, info->window.staff->name};
        }
        if (auto parsed = net::parse_rating_reasons(r)) {
            reasons_.clear();
            for (auto& reason : *parsed) reasons_.push_back({reason.code, to_text(reason.text)});
        }
        if (!s.is_null()) apply_services(s, Json());
        app_.invalidate();
    });
}

// A block the hub's database does not list (another database: the hub was replaced or
// the kiosk moved; or this one restored from a backup) would hand out numbers the hub
// may give to others: dropped as soon as the hub answers, and fresh blocks leased.
void Kiosk::check_leases() {
    if (state_.leases().empty()) return;
    auto held = client_->held_leases();
    if (!held) {
        if (!is_transport(held.error()))
            logger("kiosk")->warn("leases held: {}", held.error().message);
        return;
    }
    std::vector<LeaseBlock> known;
    for (const auto& l : held->leases) known.push_back({l.service, l.service_day, l.first, l.count});
    auto dropped = state_.keep_leases(held->hub_id, known);
    if (!dropped)
        logger("kiosk")->error("{}", dropped.error().message);
    else if (*dropped > 0)
        logger("kiosk")->warn("dropped {} number block(s) the hub {} does not know", *dropped, held->hub_id);
}

void Kiosk::top_up_leases() {
    auto cached = state_.get("services");
    if (!cached) return;
    auto parsed = net::parse_services(Json::parse(*cached, nullptr, false));
    if (!parsed) return;
    std::string day = today();
    for (const auto& s : *parsed) {
        if (!s.open || state_.remaining(s.code, day) >= 5) continue;
        auto lease = client_->take_lease(s.code, 20);
        if (!lease) {
            logger("kiosk")->warn("lease for {}: {}", s.code, lease.error().message);
            return;  // try again at the next idle round
        }
        if (auto st = state_.add_lease({lease->service, lease->service_day, lease->first, lease->count},
                                       lease->hub_id);
            !st)
            logger("kiosk")->error("{}", st.error().message);
    }
}

bool Kiosk::drain_outbox() {
    auto log = logger("kiosk");
    for (;;) {
        auto items = state_.pending(50);
        if (items.empty()) return true;
        for (const auto& item : items) {
            Json body = Json::parse(item.body, nullptr, false);
            const char* path = item.kind == "ticket"  ? "/api/v1/tickets"
                               : item.kind == "alert" ? "/api/v1/alerts"
                                                      : "/api/v1/evaluations";
            auto r = client_->send(net::Method::Post, path, body);
            if (!r) {
                set_online_from_worker(false);
                return false;  // keep the order: nothing newer goes before this one
            }
            set_online_from_worker(true);
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
                    std::string printed = net::field_string(body, "service") +
                                          pad3(static_cast<int>(net::field_int(member(body, "leased"), "sequence")));
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
    // For the office in both languages, whatever the kiosk shows.
    std::string message = catalogue_.text(key, Lang::Zh, args) + " / " + catalogue_.text(key, Lang::En, args);
    // One alert per ticket: a repeated answer (the same request_id) queues none again.
    return FollowUp{"alert", std::string(kind) + ":" + request_id,
                    Json{{"kind", kind}, {"message", message}}.dump()};
}

void Kiosk::issue_on_worker(uint64_t serial, std::string code, bool priority) {
    net::IssueRequest req;
    req.service = code;
    req.priority = priority ? net::Priority::Green : net::Priority::Normal;
    req.request_id = new_uuid();
    IssuedTicket out;
    out.service = code;
    out.priority = priority;
    bool issued = false;
    if (drain_outbox()) {
        auto r = client_->issue_ticket(req);
        if (r) {
            issued = true;
            set_online_from_worker(true);
            out.number = r->number;
            out.id = r->id;
            out.code = r->code;
            out.waiting_ahead = r->waiting_ahead;
            // The hub's public address when it has one: phones rarely reach the kiosk's --hub.
            out.qr_url = !r->url.empty()
                             ? r->url
                             : common_.hub + "/t/" + std::to_string(r->id) + "?c=" + r->code;
        } else if (!is_transport(r.error())) {
            // The hub answered no (closed, unknown service…): tell the applicant why.
            std::string message;
            const Json& body = client_->last_error_body();
            std::string next_open;
            if (body.contains("next_open") && body["next_open"].is_string()) next_open = body["next_open"];
            else if (body.contains("error") && body["error"].contains("next_open") && body["error"]["next_open"].is_string())
                next_open = body["error"]["next_open"];
            Error err = r.error();
            app_.post([this, serial, err, next_open] {
                if (serial != ticket_.serial) return;
                ticket_.phase = TicketView::Phase::Failed;
                if (err.code == "service_closed")
                    ticket_.error = t("service_closed_notice", {{"when", when_text(next_open)}});
                else
                    ticket_.error = t("issue_failed", {{"reason", err.message}});
                app_.invalidate();
            });
            return;
        } else {
            set_online_from_worker(false);
        }
    }
    if (!issued) {
        auto n = state_.issue_offline(code, today(), req.request_id, net::to_json(req).dump(),
                                      format_iso8601(now()));
        if (!n) {
            logger("kiosk")->error("offline ticket for {}: {}", code, n.error().message);
            app_.post([this, serial] {
                if (serial != ticket_.serial) return;
                ticket_.phase = TicketView::Phase::Failed;
                ticket_.error = t("issue_failed", {{"reason", t("no_lease")}});
                app_.invalidate();
            });
            return;
        }
        out.number = code + pad3(n->sequence);
        out.offline = true;
        out.waiting_ahead = -1;  // the UI fills in what it last knew
    }
    app_.post([this, serial, out] {
        if (serial != ticket_.serial) return;
        ticket_.phase = TicketView::Phase::Issued;
        ticket_.ticket = out;
        for (auto& s : services_) {
            if (s.code != out.service) continue;
            if (ticket_.ticket.waiting_ahead < 0) ticket_.ticket.waiting_ahead = s.waiting;
            if (out.offline) ++s.waiting;  // no event will tell us while offline
        }
        ticket_.ticket.waiting_ahead = std::max(0, ticket_.ticket.waiting_ahead);
        app_.invalidate();
        if (printer_) {
            ticket_.print = PrintState::Printing;
            printer::TicketSlip slip;
            slip.hall_name = hall_name();
            const ServiceView* sv = service(out.service);
            slip.service_name = sv ? pick(sv->name, lang_) : out.service;
            slip.number = out.number;
            slip.waiting_ahead = ticket_.ticket.waiting_ahead;
            slip.issued_at = now();
            slip.qr_url = out.qr_url;
            printer_->print(slip, lang_, [this, serial](Status s) {
                app_.post([this, serial, s] { on_printed(serial, s); });
            });
        }
    });
}

void Kiosk::send_alert_on_worker(std::string kind, std::string message) {
    auto s = client_->send_alert(kind, message);
    if (!s) logger("kiosk")->warn("alert {} not delivered: {}", kind, s.error().message);
}

}  // namespace onestop::kiosk
