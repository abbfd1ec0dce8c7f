#include "rating_mode.h"

#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/net/protocol.h"
#include "screens.h"

namespace onestop::kiosk {

RatingMode::RatingMode(Kiosk& kiosk) : k_(kiosk) {
    // The window as the hall file has it, then what the hub said last time, so an
    // offline start still shows the window and the staff on duty.
    window_.number = k_.options().window;
    if (const queue::Window* w = k_.hall().find_window(window_.number)) {
        window_.name = w->name;
        window_.unit = w->unit;
        window_.services = w->services;
    }
    reasons_ = k_.hall().rating_reasons;
    if (auto w = k_.cached("window")) apply_window(Json::parse(*w, nullptr, false));
    if (auto r = k_.cached("reasons")) apply_reasons(Json::parse(*r, nullptr, false));
}

std::unique_ptr<ui::Screen> RatingMode::first_screen() {
    return make_idle_screen(*this);
}

void RatingMode::on_event(const net::Event& event) {
    const int window = k_.options().window;
    if (const auto* e = std::get_if<net::EvaluationRequested>(&event); e && e->window == window) {
        rating_ = RatingRequest{e->ticket, e->number, e->service};
        rating_offline_ = false;
        k_.app().screens().pop_to_root();
        k_.app().screens().push(make_rate_screen(*this));
        k_.app().invalidate();
    } else if (const auto* p = std::get_if<net::WindowPaused>(&event); p && p->window == window) {
        window_.status = "paused";
        k_.app().invalidate();
    } else if (const auto* r = std::get_if<net::WindowResumed>(&event); r && r->window == window) {
        window_.status = "open";
        k_.app().invalidate();
    } else if (const net::SessionChange* s = net::session_change(event); s && s->window == window) {
        k_.link().refresh();  // events carry the staff number only; the name needs a fetch
    }
}

void RatingMode::apply_window(const Json& body) {
    auto info = net::parse_window_info(body);
    if (!info) return;
    const net::WindowState& w = info->window;
    window_.number = w.number;
    window_.name = {w.name.zh, w.name.en};
    window_.unit = w.unit;
    window_.services = w.services;
    window_.status = w.status;
    window_.staff.reset();
    if (w.staff) window_.staff = StaffOnDuty{w.staff->number, w.staff->name};
}

void RatingMode::apply_reasons(const Json& body) {
    auto parsed = net::parse_rating_reasons(body);
    if (!parsed) return;
    reasons_.clear();
    for (auto& reason : *parsed)
        reasons_.push_back({reason.code, {reason.text.zh, reason.text.en}});
}

void RatingMode::submit_rating(int level, std::vector<std::string> reasons, std::string comment,
                               std::string contact) {
    if (!rating_) return;
    net::Evaluation ev;
    ev.ticket = rating_->ticket;
    ev.level = level;
    ev.reasons = std::move(reasons);
    ev.comment = std::move(comment);
    ev.contact = std::move(contact);
    rating_offline_ = false;
    last_level_ = level;
    k_.link().submit([this, ev](net::HubClient& hub) {
        // Into the outbox first (durable), then out in order with whatever waits before it.
        auto q = k_.state().enqueue("rating", new_uuid(), net::to_json(ev).dump());
        if (!q) logger("kiosk")->error("{}", q.error().message);
        if (!k_.drain_outbox(hub)) {
            k_.app().post([this] {
                rating_offline_ = true;
                k_.app().invalidate();
            });
        }
    });
}

void RatingMode::back_to_idle() {
    rating_.reset();
    rating_offline_ = false;
    k_.reset_session();
    k_.app().screens().pop_to_root();
}

// On the link's worker: the window, the reasons and the services, then what waits in
// the outbox.
bool RatingMode::refresh(net::HubClient& hub) {
    auto w = hub.call(net::Method::Get, "/api/v1/windows/" + std::to_string(k_.options().window));
    if (!w) {
        if (net::is_unreachable(w.error())) return false;
        logger("kiosk")->warn("window {}: {}", k_.options().window, w.error().message);
    } else {
        auto reasons = hub.call(net::Method::Get, "/api/v1/rating-reasons");
        auto services = hub.call(net::Method::Get, "/api/v1/services");
        std::string all = w->body.dump() + "\n" + (reasons ? reasons->body.dump() : "") + "\n" +
                          (services ? services->body.dump() : "");
        if (all != last_window_) {  // else nothing new since the last refresh
            last_window_ = all;
            k_.keep("window", w->body.dump());
            if (reasons) k_.keep("reasons", reasons->body.dump());
            if (services) k_.keep("services", services->body.dump());
            k_.app().post([this, wb = w->body, r = reasons ? reasons->body : Json(),
                           s = services ? services->body : Json()] {
                apply_window(wb);
                apply_reasons(r);
                if (!s.is_null()) k_.apply_services(s, Json());
                k_.app().invalidate();
            });
        }
    }
    k_.drain_outbox(hub);
    return true;
}

}  // namespace onestop::kiosk
