// Web pages and metrics: the public guide `/` (办事公开), the ticket page
// `/t/{id}?c=CODE` (status, place in line, then the rating form), and `/metrics`.
// Pages show ticket numbers, services and windows only — never applicant data.
#include <charconv>

#include "html.h"
#include "hub.h"
#include "onestop/base/time.h"
#include "onestop/store/secrets.h"
#include "views.h"

namespace onestop::hub {

using config::Lang;
using namespace onestop::queue;

namespace {

Lang lang_of(const Request& req) {
    return req.get_param_value("lang") == "en" ? Lang::En : Lang::Zh;
}

std::string list_html(const std::vector<Text>& items, Lang lang, const char* tag,
                      const std::string& none) {
    if (items.empty()) return "<p>" + escape(none) + "</p>";
    std::string out = std::string("<") + tag + ">";
    for (const auto& t : items) out += "<li>" + escape(pick(t, lang)) + "</li>";
    return out + "</" + tag + ">";
}

// Renders the JavaScript of the rating form: posts JSON to /api/v1/evaluations, then reloads.
const char* kRatingScript = R"js(
<script>
document.getElementById('rate').addEventListener('submit', function (ev) {
  ev.preventDefault();
  var f = ev.target, level = f.querySelector('input[name=level]:checked');
  var reasons = Array.prototype.map.call(f.querySelectorAll('input[name=reason]:checked'), function (x) { return x.value; });
  var body = { ticket: Number(f.dataset.ticket), code: f.dataset.code, level: level ? Number(level.value) : 0,
               reasons: reasons, comment: f.querySelector('textarea').value };
  fetch('/api/v1/evaluations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) {
      if (r.status === 201 || r.status === 409) { location.reload(); return; }
      return r.json().then(function (j) { document.getElementById('rate-error').textContent = f.dataset.failed + j.error.message; });
    });
});
</script>)js";

}  // namespace

void Hub::install_web_routes() {
    auto page = [this](Lang lang, const std::string& title, const std::string& body,
                       const std::string& self_path, int refresh_seconds) {
        Lang other = lang == Lang::Zh ? Lang::En : Lang::Zh;
        std::string sep = self_path.find('?') == std::string::npos ? "?" : "&";
        std::string href = self_path + sep + "lang=" + config::to_string(other);
        return fill(layout_,
                    {{"lang", lang == Lang::Zh ? "zh-CN" : "en"},
                     {"title", escape(title)},
                     {"hall", escape(pick(hall_.name, lang))},
                     {"other_lang", escape(web_text_->text("other_lang", lang))},
                     {"other_lang_href", escape(href)},
                     {"refresh", refresh_seconds > 0 ? "<meta http-equiv=\"refresh\" content=\"" +
                                                           std::to_string(refresh_seconds) + "\">"
                                                     : ""},
                     {"body", body}});
    };

    get("/", [this, page](const Request& req) {
        Lang lang = lang_of(req);
        const auto& T = *web_text_;
        std::string body = "<h1>" + escape(T.text("guide_title", lang)) + "</h1><p>" +
                           escape(T.text("guide_intro", lang)) + "</p>";
        with_state([&](const HubState& s) {
            for (const auto& unit : hall_.units) {
                std::string items;
                for (const auto& sv : hall_.services) {
                    if (sv.unit != unit.code) continue;
                    std::string mode;
                    std::map<std::string, std::string> args = {
                        {"days", std::to_string(sv.promised_days)}};
                    if (sv.mode == HandlingMode::Instant)
                        mode = T.text("mode_instant", lang);
                    else if (sv.mode == HandlingMode::Deadline)
                        mode = T.text("mode_deadline", lang, args);
                    else {
                        std::string units;
                        for (const auto& code : sv.partner_units) {
                            const Unit* u = hall_.find_unit(code);
                            units += (units.empty()      ? ""
                                      : lang == Lang::Zh ? "、"
                                                         : ", ") +
                                     (u ? pick(u->name, lang) : code);
                        }
                        args["units"] = units;
                        mode = T.text("mode_joint", lang, args);
                    }
                    std::string availability;
                    if (s.engine.service_open(sv.code)) {
                        availability =
                            "<span class=\"open\">" +
                            escape(
                                T.text("open_now", lang,
                                       {{"n", std::to_string(s.engine.waiting_count(sv.code))}})) +
                            "</span>";
                    } else if (auto next = s.engine.next_open(sv.code)) {
                        availability =
                            "<span class=\"closed\">" +
                            escape(T.text("closed_until", lang,
                                          {{"time", format_iso8601(*next).substr(0, 16)}})) +
                            "</span>";
                    } else {
                        availability =
                            "<span class=\"closed\">" + escape(T.text("closed", lang)) + "</span>";
                    }
                    items +=
                        "<article id=\"service-" + escape(sv.code) +
                        "\"><h3><span class=\"code\">" + escape(sv.code) + "</span>" +
                        escape(pick(sv.name, lang)) + "</h3><p class=\"meta\">" + availability +
                        "</p>" + "<h4>" + escape(T.text("who_may_apply", lang)) + "</h4><p>" +
                        escape(pick(sv.who_may_apply, lang)) + "</p><h4>" +
                        escape(T.text("steps", lang)) + "</h4>" +
                        list_html(sv.steps, lang, "ol", T.text("none", lang)) + "<h4>" +
                        escape(T.text("materials", lang)) + "</h4>" +
                        list_html(sv.materials, lang, "ul", T.text("none", lang)) + "<h4>" +
                        escape(T.text("mode", lang)) + "</h4><p>" + escape(mode) + "</p></article>";
                }
                if (!items.empty())
                    body += "<section class=\"unit\"><h2>" + escape(pick(unit.name, lang)) +
                            "</h2>" + items + "</section>";
            }
            return 0;
        });
        return Reply{200, page(lang, T.text("guide_title", lang), body, "/", 0),
                     "text/html; charset=utf-8"};
    });

    get(R"(/t/(\d+))", [this, page](const Request& req) {
        Lang lang = lang_of(req);
        const auto& T = *web_text_;
        const std::string code = req.get_param_value("c");
        int64_t id = 0;
        const std::string s = req.matches[1];
        std::from_chars(s.data(), s.data() + s.size(), id);
        const std::string self = "/t/" + std::to_string(id) + "?c=" + code;
        std::string body;
        int status = 200;
        int refresh = 0;
        with_ticket(id, [&](const HubState& st, const store::StoredTicket* found) {
            const Ticket* t = found ? &found->ticket : nullptr;
            if (!t || code.empty() || !store::same_hash(code, found->record.code)) {
                status = 404;
                body = "<p class=\"error\">" + escape(T.text("ticket_unknown", lang)) + "</p>";
                return 0;
            }
            const Service* sv = hall_.find_service(t->service);
            body = "<div class=\"ticket\"><div class=\"number\">" + escape(t->number) +
                   "</div><p>" + escape(T.text("service", lang)) + "：" +
                   escape(sv ? pick(sv->name, lang) : t->service) + "</p>";
            std::string line;
            switch (t->status) {
                case TicketStatus::Waiting: {
                    int ahead = st.engine.waiting_ahead(id);
                    line =
                        ahead == 0
                            ? T.text("status_next", lang)
                            : T.text(
                                  "status_waiting", lang,
                                  {{"n", std::to_string(ahead)},
                                   {"min", std::to_string(st.engine.estimated_wait_minutes(id))}});
                    refresh = 15;
                    break;
                }
                case TicketStatus::Called:
                    line = T.text("status_called", lang, {{"window", std::to_string(t->window)}});
                    refresh = 15;
                    break;
                case TicketStatus::Done:
                    line = T.text("status_done", lang);
                    break;
                case TicketStatus::NoShow:
                    line = T.text("status_no_show", lang);
                    break;
                case TicketStatus::Cancelled:
                    line = T.text("status_cancelled", lang);
                    break;
            }
            body += "<p class=\"status\">" + escape(line) + "</p>";
            if (auto date = promised_date(st, *t))
                body += "<p>" + escape(T.text("promised", lang, {{"date", *date}})) + "</p>";
            if (refresh)
                body += "<p class=\"meta\">" + escape(T.text("refresh_note", lang)) + "</p>";
            if (t->status == TicketStatus::Done) {
                if (found->evaluated) {
                    body += "<h2>" + escape(T.text("thanks", lang)) + "</h2>";
                } else {
                    body += "<form id=\"rate\" data-ticket=\"" + std::to_string(id) +
                            "\" data-code=\"" + escape(code) + "\" data-failed=\"" +
                            escape(T.text("rate_failed", lang)) + "\"><h2>" +
                            escape(T.text("rate_heading", lang)) + "</h2><fieldset>";
                    for (int level = 5; level >= 1; --level)
                        body += "<label><input type=\"radio\" name=\"level\" value=\"" +
                                std::to_string(level) + "\"" + (level == 5 ? " checked" : "") +
                                "> " + escape(T.text("level_" + std::to_string(level), lang)) +
                                "</label>";
                    body += "</fieldset><fieldset><legend>" + escape(T.text("reasons_hint", lang)) +
                            "</legend>";
                    for (const auto& r : hall_.rating_reasons)
                        body += "<label><input type=\"checkbox\" name=\"reason\" value=\"" +
                                escape(r.code) + "\"> " + escape(pick(r.text, lang)) + "</label>";
                    body += "</fieldset><label>" + escape(T.text("comment", lang)) +
                            "<textarea maxlength=\"500\"></textarea></label><p id=\"rate-error\" "
                            "class=\"error\"></p>"
                            "<button type=\"submit\">" +
                            escape(T.text("submit", lang)) + "</button></form>" + kRatingScript;
                }
            }
            body += "</div>";
            return 0;
        });
        return Reply{status, page(lang, T.text("ticket_title", lang), body, self, refresh),
                     "text/html; charset=utf-8"};
    });

    get("/metrics", [this](const Request& req) {
        if (!from_loopback(req)) {
            auto p = who(req);
            if (auto* r = std::get_if<Reply>(&p)) return *r;
            const Principal& principal = std::get<Principal>(p);
            if (principal.kind == Principal::Kind::Anonymous)
                return unauthorized("metrics need an admin token off loopback");
            if (!principal.admin()) return forbidden("metrics need an admin token off loopback");
        }
        std::string out;
        with_state([&](const HubState& s) {
            out +=
                "# HELP onestop_tickets_issued_total Tickets issued.\n# TYPE "
                "onestop_tickets_issued_total counter\n";
            out += "onestop_tickets_issued_total " + std::to_string(s.tickets_issued) + "\n";
            out +=
                "# HELP onestop_calls_total Calls and recalls made at windows.\n# TYPE "
                "onestop_calls_total counter\n";
            out += "onestop_calls_total " + std::to_string(s.calls) + "\n";
            out +=
                "# HELP onestop_waiting Tickets waiting, per service.\n# TYPE onestop_waiting "
                "gauge\n";
            for (const auto& sv : hall_.services)
                out += "onestop_waiting{service=\"" + sv.code + "\"} " +
                       std::to_string(s.engine.waiting_count(sv.code)) + "\n";
            return 0;
        });
        out +=
            "# HELP onestop_event_subscribers Open event streams.\n# TYPE "
            "onestop_event_subscribers gauge\n";
        out += "onestop_event_subscribers " + std::to_string(streams_->open()) + "\n";
        out += latency_.render("onestop_http_request_duration_seconds");
        return Reply{200, out, "text/plain; version=0.0.4; charset=utf-8"};
    });
}

}  // namespace onestop::hub
