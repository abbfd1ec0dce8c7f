// GET /metrics: the hub's figures in Prometheus text, for a monitoring server (docs/api.md
// lists every name, its unit and labels; packaging/prometheus/onestop-alerts.yml alerts on
// them). Open on loopback; elsewhere for admin tokens.
#include <algorithm>

#include "campus_shipper.h"
#include "hub.h"
#include "onestop/base/time.h"
#include "views.h"

namespace onestop::hub {

namespace {

// A label value as Prometheus' text format writes it: \, " and line breaks escaped.
std::string label(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        out += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return out;
}

void header(std::string& out, const char* name, const char* type, const char* help) {
    out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n";
}

double seconds_since_epoch(TimePoint t) {
    return std::chrono::duration<double>(t.time_since_epoch()).count();
}

// The campus shipper's figures (only with --campus): how far the campus is behind the hall.
void campus_figures(std::string& out, const CampusShipper::Figures& f, TimePoint now) {
    header(out, "onestop_campus_connected", "gauge",
           "1 while the hub holds a connection to the campus database.");
    out += "onestop_campus_connected " + std::to_string(f.connected ? 1 : 0) + "\n";
    header(out, "onestop_campus_refused", "gauge",
           "1 while the campus database holds more of this hall than its log (nothing is "
           "shipped; docs/campus.md).");
    out += "onestop_campus_refused " + std::to_string(f.refused ? 1 : 0) + "\n";
    header(out, "onestop_campus_shipped_event_id", "gauge",
           "Every event of the hall's log up to this id is in the campus database.");
    out += "onestop_campus_shipped_event_id " + std::to_string(f.shipped) + "\n";
    header(out, "onestop_campus_backlog_events", "gauge",
           "Events of the hall's log not yet in the campus database.");
    out += "onestop_campus_backlog_events " +
           std::to_string(std::max<int64_t>(0, f.last - f.shipped)) + "\n";
    header(out, "onestop_campus_backlog_audit", "gauge",
           "Entries of the hall's audit log (office changes) not yet in the campus database.");
    out += "onestop_campus_backlog_audit " + std::to_string(f.audit_backlog) + "\n";
    header(out, "onestop_campus_backlog_records", "gauge",
           "Changes of the hall's office records (cases, follow-ups, complaints, ratings, "
           "attendance, assets) not yet in the campus database.");
    out += "onestop_campus_backlog_records " + std::to_string(f.records_backlog) + "\n";
    header(out, "onestop_campus_lag_seconds", "gauge",
           "Age of the oldest event, audit entry or record change not yet in the campus database "
           "(0: none waits).");
    double lag =
        f.oldest_unshipped
            ? std::max(0.0, std::chrono::duration<double>(now - *f.oldest_unshipped).count())
            : 0.0;
    out += "onestop_campus_lag_seconds " + std::to_string(lag) + "\n";
}

}  // namespace

void Hub::install_metrics_route() {
    get("/metrics", [this](const Request& req) {
        if (!from_loopback(req)) {
            auto p = who(req);
            if (auto* r = std::get_if<Reply>(&p)) return *r;
            const Principal& principal = std::get<Principal>(p);
            if (principal.kind == Principal::Kind::Anonymous)
                return unauthorized("metrics need an admin token off loopback");
            if (!principal.admin()) return forbidden("metrics need an admin token off loopback");
        }
        TimePoint now = clock_->now();
        std::string today = zone_.to_local(now).date();
        Result<std::vector<store::StandingAlert>> printers = std::vector<store::StandingAlert>{};
        Result<std::vector<store::Device>> devices = std::vector<store::Device>{};
        {
            std::lock_guard lock(reader_.mu);
            printers = reader_.store->standing_printer_alerts(
                iso(zone_.from_local(today, 0).value_or(now)));
            if (printers) devices = reader_.store->devices();
        }
        if (!printers || !devices) return internal_error_reply();

        std::string out;
        with_state([&](const HubState& s) {
            header(out, "onestop_tickets_issued_total", "counter", "Tickets issued.");
            out += "onestop_tickets_issued_total " + std::to_string(s.tickets_issued) + "\n";
            header(out, "onestop_calls_total", "counter", "Calls and recalls made at windows.");
            out += "onestop_calls_total " + std::to_string(s.calls) + "\n";
            const queue::Hall& hall = s.engine.hall();
            header(out, "onestop_waiting", "gauge", "Tickets waiting, per service.");
            for (const auto& sv : hall.services)
                out += "onestop_waiting{service=\"" + sv.code + "\"} " +
                       std::to_string(s.engine.waiting_count(sv.code)) + "\n";
            header(out, "onestop_longest_wait_seconds", "gauge",
                   "Seconds the oldest waiting ticket has waited, per service (0: none waits).");
            for (const auto& sv : hall.services) {
                double longest = 0;
                for (const auto* t : s.engine.waiting(sv.code))
                    longest = std::max(longest,
                                       std::chrono::duration<double>(now - t->issued_at).count());
                out += "onestop_longest_wait_seconds{service=\"" + sv.code + "\"} " +
                       std::to_string(static_cast<int64_t>(longest)) + "\n";
            }
            int open = 0;
            for (const auto& w : hall.windows) open += s.engine.window_open(w.number);
            header(out, "onestop_windows_open", "gauge",
                   "Windows open by their hours now (paused ones included).");
            out += "onestop_windows_open " + std::to_string(open) + "\n";
            return 0;
        });
        header(out, "onestop_device_last_seen_timestamp_seconds", "gauge",
               "When the hub last saw each device's token (to the minute), Unix time.");
        for (const auto& d : *devices) {
            if (d.revoked() || !d.last_seen_at) continue;
            auto seen = parse_iso8601(*d.last_seen_at);
            if (!seen) continue;
            out += "onestop_device_last_seen_timestamp_seconds{device=\"" + std::to_string(d.id) +
                   "\",role=\"" + store::to_string(d.role) + "\",name=\"" + label(d.name) +
                   "\",window=\"" + (d.window ? std::to_string(d.window) : "") + "\"} " +
                   std::to_string(static_cast<int64_t>(seconds_since_epoch(*seen))) + "\n";
        }
        header(out, "onestop_device_printer_trouble", "gauge",
               "1 while a kiosk's printer reported trouble today and it has issued no ticket "
               "since; trouble is the kiosk's alert kind (printer_paper_end, printer_cover_open, "
               "printer_offline, printer_error).");
        for (const auto& a : *printers)
            out += "onestop_device_printer_trouble{device=\"" + std::to_string(a.device) +
                   "\",name=\"" + label(a.device_name) + "\",trouble=\"" + label(a.kind) +
                   "\"} 1\n";
        header(out, "onestop_event_subscribers", "gauge", "Open event streams.");
        out += "onestop_event_subscribers " + std::to_string(streams_->open()) + "\n";
        if (campus_) campus_figures(out, campus_->figures(), now);
        out += latency_.render("onestop_http_request_duration_seconds");
        return Reply{200, out, "text/plain; version=0.0.4; charset=utf-8"};
    });
}

}  // namespace onestop::hub
