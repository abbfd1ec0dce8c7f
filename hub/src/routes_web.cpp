// Web pages and metrics: the public guide `/` (办事公开), the ticket page
// `/t/{id}?c=CODE` (status, place in line, then the rating form), and `/metrics`.
// Pages show ticket numbers, services and windows only — never applicant data.
#include <charconv>

#include "cases.h"
#include "html.h"
#include "hub.h"
#include "onestop/base/time.h"
#include "onestop/store/secrets.h"
#include "ticket_follow.h"
#include "views.h"
#include "window_plans.h"

namespace onestop::hub {

using config::Lang;
using namespace onestop::queue;

namespace {

std::string list_html(const std::vector<Text>& items, Lang lang, const char* tag,
                      const std::string& none) {
    if (items.empty()) return "<p>" + escape(none) + "</p>";
    std::string out = std::string("<") + tag + ">";
    for (const auto& t : items) out += "<li>" + escape(pick(t, lang)) + "</li>";
    return out + "</" + tag + ">";
}

// Every window with its services and weekly hours, and a periodic window's dates (第十条:
// windows not open every working day publish their hours).
std::string windows_html(const queue::Hall& hall, const config::Catalogue& T, Lang lang) {
    std::string days = T.text("weekdays", lang), rows;
    std::vector<std::string> day_names;
    for (size_t from = 0, comma; from <= days.size(); from = comma + 1) {
        comma = days.find(',', from);
        if (comma == std::string::npos) comma = days.size();
        day_names.push_back(days.substr(from, comma - from));
    }
    for (const auto& w : hall.windows) {
        std::string hours;
        for (size_t d = 0; d < 7 && d < day_names.size(); ++d) {
            if (w.hours[d].empty()) continue;
            std::string ranges;
            for (const auto& r : w.hours[d]) ranges += (ranges.empty() ? "" : ", ") + range_text(r);
            hours += "<li>" + escape(day_names[d]) + " " + escape(ranges) + "</li>";
        }
        std::string dates;
        for (const auto& p : w.periods)
            dates += (dates.empty() ? "" : ", ") + p.from + (p.to == p.from ? "" : "–" + p.to);
        std::string services;
        for (const auto& code : w.services) services += (services.empty() ? "" : " ") + code;
        rows +=
            "<article id=\"window-" + std::to_string(w.number) + "\"><h3><span class=\"code\">" +
            std::to_string(w.number) + "</span>" + escape(pick(w.name, lang)) +
            "</h3><p class=\"meta\">" + escape(services) + "</p><ul>" + hours + "</ul>" +
            (dates.empty()
                 ? ""
                 : "<p>" + escape(T.text("periodic_dates", lang, {{"dates", dates}})) + "</p>") +
            "</article>";
    }
    return "<section class=\"unit\" id=\"windows\"><h2>" + escape(T.text("windows_title", lang)) +
           "</h2>" + rows + "</section>";
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
  var contact = f.querySelector('input[name=contact]').value.trim();
  if (contact) body.contact = contact;
  var show = function (j) { document.getElementById('rate-error').textContent = failText(f, j); };
  fetch('/api/v1/evaluations', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) {
      if (r.status === 201 || r.status === 409) { location.reload(); return; }
      return r.json().then(show);
    }, function () { show(null); });
});
</script>)js";

// The ticket page's texts its script words changes with: data-<attr> = the key's template.
constexpr std::pair<const char*, const char*> kFollowTexts[] = {
    {"waiting", "status_waiting"}, {"wait", "wait_estimate"}, {"next", "status_next"},
    {"called", "status_called"},   {"call", "call_banner"},   {"live", "live_note"},
    {"lost", "lost_note"}};

// Follows a live ticket over GET /api/v1/tickets/{id}/events and updates the page in place;
// on each call (a new called_at, or a recall's new "calls") it vibrates and chimes. Browsers allow
// sound only after a tap, so the first tap (or the arm button) resumes the audio. A final state or
// a transfer to another service reloads (the rating form and the service's name come from the hub).
// When the stream fails the page reloads every 15 s, as it does without scripts, once the hub
// answers again.
const char* kFollowScript = R"js(
<script>
(function () {
  var box = document.getElementById('ticket'), d = box.dataset;
  function $(id) { return document.getElementById(id); }
  function fill(text, args) {
    return text.replace(/\{(\w+)\}/g, function (m, k) { return k in args ? String(args[k]) : m; });
  }
  var fallback = null;
  function reloadEvery15s() {
    if (fallback) return;
    $('note').textContent = d.lost;
    fallback = setInterval(function () {
      fetch(location.href, { cache: 'no-store' }).then(function (r) { if (r.ok) location.reload(); },
                                                      function () {});
    }, 15000);
  }
  var Context = window.AudioContext || window.webkitAudioContext, audio = null;
  try { audio = Context ? new Context() : null; } catch (e) {}
  function tone(at, freq, length) {
    var osc = audio.createOscillator(), gain = audio.createGain();
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(0.6, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + length);
    osc.connect(gain);
    gain.connect(audio.destination);
    osc.start(at);
    osc.stop(at + length);
  }
  function chime() {
    if (!audio) return;
    var play = function () { var t = audio.currentTime; tone(t, 880, 0.5); tone(t + 0.4, 659, 0.9); };
    if (audio.state === 'running') play(); else audio.resume().then(play, function () {});
  }
  if (audio && audio.state !== 'running') {
    $('arm').hidden = false;
    $('arm').addEventListener('click', chime);
    ['pointerdown', 'touchend', 'keydown'].forEach(function (name) {
      document.addEventListener(name, function () {
        audio.resume().then(function () { $('arm').hidden = true; }, function () {});
      }, { once: true, capture: true });
    });
  }
  function show(t) {
    if (t.service !== d.service || ['done', 'no_show', 'cancelled'].indexOf(t.status) >= 0) {
      stream.close();
      location.reload();
      return;
    }
    var called = t.status === 'called';
    $('number').textContent = t.number;
    $('call').hidden = !called;
    $('wait').hidden = called || t.waiting_ahead === 0;
    box.classList.toggle('called', called);
    if (!called) {
      $('status').textContent = t.waiting_ahead === 0 ? d.next : fill(d.waiting, { n: t.waiting_ahead });
      $('wait').textContent = fill(d.wait, { min: t.estimated_wait_min });
      return;
    }
    $('call').textContent = fill(d.call, { window: t.window });
    $('status').textContent = d.called;
    if (t.calls + ' ' + t.called_at === d.callKey) return;
    d.callKey = t.calls + ' ' + t.called_at;
    if (navigator.vibrate) navigator.vibrate([400, 200, 400, 200, 800]);
    chime();
  }
  if (!window.EventSource) return reloadEvery15s();
  var stream = new EventSource(d.stream);
  stream.onopen = function () {
    clearInterval(fallback);
    fallback = null;
    $('note').textContent = d.live;
  };
  stream.onerror = reloadEvery15s;
  stream.addEventListener('ticket', function (e) {
    show(JSON.parse(e.data));
    box.dataset.following = 'yes';
  });
})();
</script>)js";

// What the applicant is told of their bad rating's follow-up: with the unit until its
// deadline, then the rectification (整改) once closed.
std::string followup_html(const std::optional<store::FollowUp>& f, const config::Catalogue& T,
                          Lang lang) {
    if (!f) return "";
    std::string text = f->status == "closed"
                           ? T.text("followup_closed", lang, {{"rectification", f->rectification}})
                       : f->status == "upheld"
                           ? T.text("followup_reviewed", lang)
                           : T.text("followup_open", lang, {{"deadline", f->deadline}});
    return "<p class=\"status\" id=\"followup\">" + escape(text) + "</p>";
}

// The case page's body from the case's C: the progress line 受理 → 补正 → 办理中 → 办结
// (a returned case shows 退回 instead), the missing materials, dates, result and window.
std::string case_html(const json& c, const config::Catalogue& T, Lang lang,
                      const queue::Hall& hall) {
    const std::string status = c["status"], mode = c["mode"];
    bool waited = false;
    for (const auto& s : c["steps"]) waited = waited || s["what"] == "supplement_requested";
    waited = waited || mode == "supplement";
    // Which stages the case went through and where it stands now.
    int now = status == "completed" ? 3 : status == "awaiting_supplement" ? 1 : 2;
    std::string body = "<div class=\"ticket case\" id=\"case\"><p class=\"label\">" +
                       escape(T.text("case_number", lang)) + "</p><div class=\"number\">" +
                       escape(c["number"].get<std::string>()) + "</div>";
    const queue::Service* service = hall.find_service(c["service"]);
    body += "<p class=\"service\">" + escape(T.text("service", lang)) +
            (lang == Lang::Zh ? "：" : ": ") +
            escape(service ? pick(service->name, lang) : c["service"].get<std::string>()) + "</p>";
    if (status == "returned") {
        body += "<p class=\"status\" id=\"status\">" + escape(T.text("case_returned", lang)) +
                "</p><p>" +
                escape(T.text("case_reason", lang, {{"reason", c["reason"].get<std::string>()}})) +
                "</p>";
    } else {
        const char* stages[] = {"stage_accepted", "stage_supplement", "stage_processing",
                                "stage_completed"};
        body += "<ol class=\"progress\">";
        for (int i = 0; i < 4; ++i) {
            if (i == 1 && !waited) continue;  // no 补正 asked: the line skips it
            std::string cls = i < now ? "done" : i == now ? "now" : "";
            body += "<li" + (cls.empty() ? "" : " class=\"" + cls + "\"") + ">" +
                    escape(T.text(stages[i], lang)) + "</li>";
        }
        body += "</ol>";
    }
    if (status == "awaiting_supplement") {
        body += "<p>" + escape(T.text("case_missing", lang)) + "</p><ul id=\"missing\">";
        for (const auto& m : c["missing"]) body += "<li>" + escape(m.get<std::string>()) + "</li>";
        body += "</ul>";
    }
    if (c["promised_date"].is_string())
        body +=
            "<p>" +
            escape(T.text("promised", lang, {{"date", c["promised_date"].get<std::string>()}})) +
            "</p>";
    if (c["due"] == "overdue")
        body += "<p class=\"error\">" + escape(T.text("case_overdue", lang)) + "</p>";
    if (status == "completed" && !c["result"].get<std::string>().empty())
        body += "<p class=\"status\">" +
                escape(T.text("case_result", lang, {{"result", c["result"].get<std::string>()}})) +
                "</p>";
    body +=
        "<p class=\"meta\">" +
        escape(T.text("case_window", lang, {{"window", std::to_string(c["window"].get<int>())}})) +
        "</p></div>";
    return body;
}

}  // namespace

std::string Hub::web_page(Lang lang, const std::string& title, const std::string& body,
                          const std::string& self_path, int refresh_seconds) const {
    Lang other = lang == Lang::Zh ? Lang::En : Lang::Zh;
    std::string sep = self_path.find('?') == std::string::npos ? "?" : "&";
    std::string href = self_path + sep + "lang=" + config::to_string(other);
    return fill(layout_, {{"lang", lang == Lang::Zh ? "zh-CN" : "en"},
                          {"title", escape(title)},
                          {"hall", escape(pick(hall_.name, lang))},
                          {"other_lang", escape(web_text_->text("other_lang", lang))},
                          {"other_lang_href", escape(href)},
                          // Only without scripts: with them the page follows its event stream.
                          {"refresh", refresh_seconds > 0
                                          ? "<noscript><meta http-equiv=\"refresh\" content=\"" +
                                                std::to_string(refresh_seconds) + "\"></noscript>"
                                          : ""},
                          {"body", body}});
}

void Hub::install_web_routes() {
    get("/", [this](const Request& req) {
        Lang lang = page_lang(req);
        const auto& T = *web_text_;
        std::string body = "<h1>" + escape(T.text("guide_title", lang)) + "</h1><p>" +
                           escape(T.text("guide_intro", lang)) + "</p>";
        with_state([&](const HubState& s) {
            for (const auto& unit : s.engine.hall().units) {
                std::string items;
                for (const auto& sv : s.engine.hall().services) {
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
                            const Unit* u = s.engine.hall().find_unit(code);
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
            body += windows_html(s.engine.hall(), T, lang);
            return 0;
        });
        return Reply{200, web_page(lang, T.text("guide_title", lang), body, "/", 0),
                     "text/html; charset=utf-8"};
    });

    get(R"(/t/(\d+))", [this](const Request& req) {
        Lang lang = page_lang(req);
        const auto& T = *web_text_;
        const std::string code = req.get_param_value("c");
        int64_t id = 0;
        const std::string s = req.matches[1];
        std::from_chars(s.data(), s.data() + s.size(), id);
        const std::string self = "/t/" + std::to_string(id) + "?c=" + code;
        std::string body;
        int status = 200;
        bool live = false;
        // A bad rating's follow-up: the applicant sees what became of it (国办发〔2019〕51号).
        Result<std::optional<store::FollowUp>> followup = std::optional<store::FollowUp>{};
        {
            std::lock_guard lock(reader_.mu);
            followup = reader_.store->followup_of_ticket(id);
        }
        if (!followup) return internal_error_reply();
        with_ticket(id, [&](const HubState& st, const store::StoredTicket* found) {
            const Ticket* t = found ? &found->ticket : nullptr;
            if (!t || code.empty() || !store::same_hash(code, found->record.code)) {
                status = 404;
                body = "<p class=\"error\">" + escape(T.text("ticket_unknown", lang)) + "</p>";
                return 0;
            }
            live = !final_status(t->status);
            const Service* sv = st.engine.hall().find_service(t->service);
            const std::string window = std::to_string(t->window);
            body = "<div class=\"ticket" +
                   std::string(t->status == TicketStatus::Called ? " called" : "") +
                   "\" id=\"ticket\"";
            if (live) {
                // What the script needs to follow the ticket and word its changes.
                body += " data-stream=\"/api/v1/tickets/" + std::to_string(id) +
                        "/events?code=" + escape(code) + "\" data-service=\"" + escape(t->service) +
                        "\" data-call-key=\"" +
                        (t->called_at ? std::to_string(t->calls) + " " + iso(*t->called_at) : "") +
                        "\"";
                for (const auto& [attr, key] : kFollowTexts)
                    body += std::string(" data-") + attr + "=\"" + escape(T.text(key, lang)) + "\"";
            }
            body += "><p class=\"label\">" + escape(T.text("ticket_title", lang)) +
                    "</p><div class=\"number\" id=\"number\">" + escape(t->number) +
                    "</div><p class=\"service\">" + escape(T.text("service", lang)) +
                    (lang == Lang::Zh ? "：" : ": ") +
                    escape(sv ? pick(sv->name, lang) : t->service) + "</p>";
            if (live)
                body += "<p class=\"call\" id=\"call\"" +
                        std::string(t->status == TicketStatus::Called ? "" : " hidden") + ">" +
                        escape(T.text("call_banner", lang, {{"window", window}})) + "</p>";
            std::string line, wait;
            switch (t->status) {
                case TicketStatus::Waiting: {
                    json view = ticket_view(st, *t);
                    int ahead = view["waiting_ahead"].get<int>();
                    line = ahead == 0
                               ? T.text("status_next", lang)
                               : T.text("status_waiting", lang, {{"n", std::to_string(ahead)}});
                    if (ahead > 0)
                        wait = T.text("wait_estimate", lang,
                                      {{"min", view["estimated_wait_min"].dump()}});
                    break;
                }
                case TicketStatus::Called:
                    line = T.text("status_called", lang);
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
            body += "<p class=\"status\" id=\"status\">" + escape(line) + "</p>";
            if (live)
                body += "<p class=\"wait\" id=\"wait\"" +
                        std::string(wait.empty() ? " hidden" : "") + ">" + escape(wait) + "</p>";
            if (auto date = promised_date(st, *t))
                body += "<p>" + escape(T.text("promised", lang, {{"date", *date}})) + "</p>";
            if (live)
                body += "<button type=\"button\" class=\"arm\" id=\"arm\" hidden>" +
                        escape(T.text("arm_alerts", lang)) +
                        "</button><p class=\"meta\" id=\"note\">" +
                        escape(T.text("refresh_note", lang)) + "</p>";
            if (t->status == TicketStatus::Done) {
                if (found->evaluated) {
                    body += "<h2>" + escape(T.text("thanks", lang)) + "</h2>" +
                            followup_html(*followup, T, lang);
                } else {
                    body += "<form id=\"rate\" data-ticket=\"" + std::to_string(id) +
                            "\" data-code=\"" + escape(code) + "\"" + failure_attributes(T, lang) +
                            "><h2>" + escape(T.text("rate_heading", lang)) + "</h2><fieldset>";
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
                            "<textarea maxlength=\"500\"></textarea></label><label>" +
                            escape(T.text("contact_optional", lang)) +
                            "<input type=\"tel\" name=\"contact\" maxlength=\"20\" "
                            "autocomplete=\"tel\"></label><p id=\"rate-error\" "
                            "class=\"error\"></p>"
                            "<button type=\"submit\">" +
                            escape(T.text("submit", lang)) + "</button></form>" + kFailTextScript +
                            kRatingScript;
                }
            }
            body += "</div><p class=\"meta\"><a href=\"/complaint?window=" + window +
                    (lang == Lang::En ? "&amp;lang=en" : "") + "\">" +
                    escape(T.text("complain_link", lang)) + "</a></p>";
            if (live) body += kFollowScript;
            return 0;
        });
        return Reply{status,
                     web_page(lang, T.text("ticket_title", lang), body, self, live ? 15 : 0),
                     "text/html; charset=utf-8"};
    });

    // The case page the slips' QR opens: where the case stands on 受理 → 补正 → 办理中 → 办结,
    // what is missing, the promised date, the result and where to collect it.
    get(R"(/c/(\d+))", [this](const Request& req) {
        Lang lang = page_lang(req);
        const auto& T = *web_text_;
        const std::string code = req.get_param_value("c");
        const std::string s = req.matches[1];
        int64_t id = 0;
        std::from_chars(s.data(), s.data() + s.size(), id);
        const std::string self = "/c/" + std::to_string(id) + "?c=" + code;
        Result<std::optional<CaseFile>> file = std::optional<CaseFile>{};
        {
            std::lock_guard lock(reader_.mu);
            file = load_case(*reader_.store, id);
        }
        if (!file) return internal_error_reply();
        bool known = *file && !code.empty() && store::same_hash(code, (*file)->record.code);
        if (!known)
            return Reply{
                *file ? 403 : 404,
                web_page(lang, T.text("case_title", lang),
                         "<p class=\"error\">" + escape(T.text("case_unknown", lang)) + "</p>",
                         self, 0),
                "text/html; charset=utf-8"};
        std::string today = zone_.to_local(clock_->now()).date();
        json c = case_json(**file, hall_.settings, today, false);
        return Reply{
            200, web_page(lang, T.text("case_title", lang), case_html(c, T, lang, hall_), self, 0),
            "text/html; charset=utf-8"};
    });
}

}  // namespace onestop::hub
