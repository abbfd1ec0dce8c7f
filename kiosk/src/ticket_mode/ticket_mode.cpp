#include "ticket_mode.h"

#include <algorithm>

#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "onestop/queue/numbering.h"
#include "screens.h"

namespace onestop::kiosk {

TicketMode::TicketMode(Kiosk& kiosk) : k_(kiosk) {
    const KioskOptions& o = k_.options();
    if (o.printer.empty()) return;
    auto profile = printer::find_profile(o.printer_profile);
    if (profile)
        printer_ = std::make_unique<printer::DevicePrinter>(o.printer, *profile, "kiosk");
    else
        logger("kiosk")->error("{}", profile.error().message);
}

TicketMode::~TicketMode() {
    printer_.reset();
}

std::unique_ptr<ui::Screen> TicketMode::first_screen() {
    return make_home_screen(*this, false);
}

bool TicketMode::refresh(net::HubClient& hub) {
    if (!refresh_catalogue(hub)) return false;
    check_leases(hub);
    if (k_.drain_outbox(hub)) top_up_leases(hub);
    return true;
}

void TicketMode::on_event(const net::Event& event) {
    if (std::holds_alternative<net::TicketTransferred>(event))
        k_.link().refresh();  // two services changed
}

void TicketMode::take_number(const std::string& code, bool priority) {
    ticket_ = TicketView{};
    ticket_.serial = ++next_serial_;
    ticket_.service = code;
    ticket_.priority = priority;
    k_.app().screens().push(make_ticket_screen(*this));
    k_.app().invalidate();
    uint64_t serial = ticket_.serial;
    k_.link().submit([this, serial, code, priority](net::HubClient& hub) {
        issue_on_worker(hub, serial, code, priority);
    });
}

void TicketMode::file_complaint(net::ComplaintRequest request) {
    complaint_ = ComplaintView{};
    complaint_.serial = ++next_serial_;
    complaint_.request = request;
    k_.app().screens().replace(make_complaint_sent_screen(*this));
    k_.app().invalidate();
    uint64_t serial = complaint_.serial;
    k_.link().submit([this, serial, request](net::HubClient& hub) {
        auto filed = hub.submit_complaint(request);
        bool unreachable = !filed && net::is_unreachable(filed.error());
        bool unsure = !filed && filed.error().code == errc::timeout;
        k_.link().note(!unreachable);
        if (!filed)
            logger("kiosk")->warn("complaint not filed: {}", filed.error().message);
        else
            logger("kiosk")->info("complaint {} filed", filed->number);
        k_.app().post([this, serial, filed, unreachable, unsure] {
            if (serial != complaint_.serial) return;
            if (filed) {
                complaint_.phase = ComplaintView::Phase::Filed;
                complaint_.filed = *filed;
                // The hub's public address when it has one, as for the ticket's QR.
                complaint_.qr_url = net::complaint_page_url(*filed, k_.common().hub);
            } else {
                complaint_.phase = ComplaintView::Phase::Failed;
                complaint_.offline = unreachable;
                complaint_.unsure = unsure;
                complaint_.error = filed.error().message;
            }
            k_.app().invalidate();
        });
    });
}

void TicketMode::on_printed(uint64_t serial, const Status& result) {
    if (serial == ticket_.serial) {
        ticket_.print = result ? PrintState::Printed : PrintState::Failed;
        if (!result) ticket_.print_error = printer::trouble_kind(result.error());
        k_.app().invalidate();
    }
    if (!result) {
        std::string kind = printer::trouble_kind(result.error());
        std::string message =
            "kiosk printer " + k_.options().printer + ": " + result.error().message;
        k_.link().submit([kind, message](net::HubClient& hub) {
            if (auto s = hub.send_alert(kind, message); !s)
                logger("kiosk")->warn("alert {} not delivered: {}", kind, s.error().message);
        });
    }
}

bool TicketMode::refresh_catalogue(net::HubClient& hub) {
    auto services = hub.call(net::Method::Get, "/api/v1/services");
    if (!services) {
        if (net::is_unreachable(services.error())) return false;
        logger("kiosk")->warn("services: {}", services.error().message);
        return true;
    }
    auto queue = hub.call(net::Method::Get, "/api/v1/queue");
    Json q = queue ? queue->body : Json();
    std::string both = services->body.dump() + "\n" + q.dump();
    if (both == last_catalogue_) return true;  // the 5 s refresh found nothing new
    last_catalogue_ = both;
    k_.keep("services", services->body.dump());
    if (queue) k_.keep("queue", q.dump());
    k_.app().post([this, s = services->body, q] { k_.apply_services(s, q); });
    return true;
}

// A block the hub's database does not list (another database: the hub was replaced or
// the kiosk moved; or this one restored from a backup) would hand out numbers the hub
// may give to others: dropped as soon as the hub answers, and fresh blocks leased.
void TicketMode::check_leases(net::HubClient& hub) {
    auto held_here = k_.state().leases();
    if (!held_here) {
        logger("kiosk")->error("{}", held_here.error().message);
        return;
    }
    if (held_here->empty()) return;
    auto held = hub.held_leases();
    if (!held) {
        if (!net::is_unreachable(held.error()))
            logger("kiosk")->warn("leases held: {}", held.error().message);
        return;
    }
    std::vector<LeaseBlock> known;
    for (const auto& l : held->leases)
        known.push_back({l.service, l.service_day, l.first, l.count});
    auto dropped = k_.state().keep_leases(held->hub_id, known);
    if (!dropped)
        logger("kiosk")->error("{}", dropped.error().message);
    else if (*dropped > 0)
        logger("kiosk")->warn("dropped {} number block(s) the hub {} does not know", *dropped,
                              held->hub_id);
}

void TicketMode::top_up_leases(net::HubClient& hub) {
    auto services = k_.cached("services");
    if (!services) return;
    auto parsed = net::parse_services(Json::parse(*services, nullptr, false));
    if (!parsed) return;
    std::string day = k_.today();
    for (const auto& s : *parsed) {
        auto left = k_.state().remaining(s.code, day);
        if (!left) {
            logger("kiosk")->error("{}", left.error().message);
            return;
        }
        if (!s.open || *left >= 5) continue;
        auto lease = hub.take_lease(s.code, 20);
        if (!lease) {
            logger("kiosk")->warn("lease for {}: {}", s.code, lease.error().message);
            return;  // try again at the next idle round
        }
        if (auto st = k_.state().add_lease(
                {lease->service, lease->service_day, lease->first, lease->count}, lease->hub_id);
            !st)
            logger("kiosk")->error("{}", st.error().message);
    }
}

void TicketMode::issue_on_worker(net::HubClient& hub, uint64_t serial, std::string code,
                                 bool priority) {
    net::IssueRequest req;
    req.service = code;
    req.priority = priority ? net::Priority::Green : net::Priority::Normal;
    req.request_id = new_uuid();
    IssuedTicket out;
    out.service = code;
    out.priority = priority;
    bool issued = false;
    if (k_.drain_outbox(hub)) {
        auto r = hub.issue_ticket(req);
        if (r) {
            issued = true;
            k_.link().note(true);
            out.number = r->number;
            out.id = r->id;
            out.code = r->code;
            out.waiting_ahead = r->waiting_ahead;
            // The hub's public address when it has one: phones rarely reach the kiosk's --hub.
            out.qr_url = !r->url.empty()
                             ? r->url
                             : k_.common().hub + "/t/" + std::to_string(r->id) + "?c=" + r->code;
        } else if (!net::is_unreachable(r.error())) {
            // The hub answered no (closed, unknown service…): tell the applicant why.
            auto refusal = net::parse_api_error(hub.last_error_body());
            std::string next_open = refusal ? refusal->next_open.value_or("") : "";
            Error err = r.error();
            k_.app().post([this, serial, err, next_open] {
                if (serial != ticket_.serial) return;
                ticket_.phase = TicketView::Phase::Failed;
                if (err.code == errc::service_closed)
                    ticket_.error =
                        k_.t("service_closed_notice", {{"when", k_.when_text(next_open)}});
                else
                    ticket_.error = k_.t("issue_failed", {{"reason", err.message}});
                k_.app().invalidate();
            });
            return;
        } else {
            k_.link().note(false);
        }
    }
    if (!issued) {
        auto n = k_.state().issue_offline(code, k_.today(), req.request_id,
                                          net::to_json(req).dump(), format_iso8601(k_.now()));
        if (!n) {
            logger("kiosk")->error("offline ticket for {}: {}", code, n.error().message);
            k_.app().post([this, serial] {
                if (serial != ticket_.serial) return;
                ticket_.phase = TicketView::Phase::Failed;
                ticket_.error = k_.t("issue_failed", {{"reason", k_.t("no_lease")}});
                k_.app().invalidate();
            });
            return;
        }
        out.number = queue::format_number(code, n->sequence);
        out.offline = true;
        out.waiting_ahead = -1;  // the UI fills in what it last knew
    }
    k_.app().post([this, serial, out] {
        if (serial != ticket_.serial) return;
        ticket_.phase = TicketView::Phase::Issued;
        ticket_.ticket = out;
        for (auto& s : k_.services()) {
            if (s.code != out.service) continue;
            if (ticket_.ticket.waiting_ahead < 0) ticket_.ticket.waiting_ahead = s.waiting;
            if (out.offline) ++s.waiting;  // no event will tell us while offline
        }
        ticket_.ticket.waiting_ahead = std::max(0, ticket_.ticket.waiting_ahead);
        k_.app().invalidate();
        if (printer_) {
            ticket_.print = PrintState::Printing;
            printer::TicketSlip slip;
            slip.hall_name = k_.hall_name();
            const ServiceView* sv = k_.service(out.service);
            slip.service_name = sv ? pick(sv->name, k_.lang()) : out.service;
            slip.number = out.number;
            slip.waiting_ahead = ticket_.ticket.waiting_ahead;
            slip.issued_at = k_.now();
            slip.qr_url = out.qr_url;
            printer_->print(
                [slip, lang = k_.lang()](const printer::Profile& p) {
                    return printer::render_ticket(slip, p, lang);
                },
                [this, serial](Status s) {
                    k_.app().post([this, serial, s] { on_printed(serial, s); });
                });
        }
    });
}

}  // namespace onestop::kiosk
