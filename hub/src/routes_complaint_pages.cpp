// The complainant's pages (complaints.h): `/complaint` the phone page a QR poster and the
// ticket page open (what it is about, what happened, a contact), and `/complaint/{id}?c=CODE`
// where it stands — received, with which unit, waiting for the complainant (with what was
// asked, and a box to add it), answered with the reply. Both work in Chinese and English.
#include <charconv>

#include "complaints.h"
#include "html.h"
#include "hub.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

using config::Lang;

namespace {

// Posts the form as JSON without the browser's cookies (the complainant is anonymous even on
// an office PC), then opens the complaint's page; a refusal shows its message.
const char* kFileScript = R"js(
<script>
document.getElementById('complain').addEventListener('submit', function (ev) {
  ev.preventDefault();
  var f = ev.target, kind = f.querySelector('input[name=kind]:checked').value, about = {};
  if (kind === 'window') about.window = Number(f.elements.window.value);
  if (kind === 'service') about.service = f.elements.service.value;
  if (kind === 'staff') about.staff = f.elements.staff.value.trim();
  var body = { channel: 'web', about: about, text: f.elements.text.value.trim() };
  var contact = f.elements.contact.value.trim();
  if (contact) body.contact = contact;
  var show = function (j) { document.getElementById('error').textContent = failText(f, j); };
  fetch('/api/v1/complaints', { method: 'POST', credentials: 'omit',
                                headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json().then(function (j) { return [r.status, j]; }); })
    .then(function (a) {
      if (a[0] === 201) {
        location.href = '/complaint/' + a[1].complaint.id + '?c=' + a[1].complaint.code + f.dataset.lang;
        return;
      }
      show(a[1]);
    }, function () { show(null); });
});
</script>)js";

const char* kAddScript = R"js(
<script>
document.getElementById('add').addEventListener('submit', function (ev) {
  ev.preventDefault();
  var f = ev.target;
  fetch('/api/v1/complaints/' + f.dataset.id + '/add', { method: 'POST', credentials: 'omit',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ code: f.dataset.code, text: f.elements.text.value.trim() }) })
    .then(function (r) {
      if (r.ok) { location.reload(); return; }
      return r.json().then(function (j) { document.getElementById('error').textContent = failText(f, j); });
    }, function () { document.getElementById('error').textContent = failText(f, null); });
});
</script>)js";

std::string radio(const std::string& value, const std::string& label, bool checked) {
    return "<label><input type=\"radio\" name=\"kind\" value=\"" + value + "\"" +
           (checked ? " checked" : "") + "> " + escape(label) + "</label>";
}

}  // namespace

void Hub::install_complaint_pages() {
    get("/complaint", [this](const Request& req) {
        Lang lang = page_lang(req);
        const auto& T = *web_text_;
        const std::string window = req.get_param_value("window");
        const std::string service = req.get_param_value("service");
        std::string services;
        for (const auto& s : hall_.services)
            services += "<option value=\"" + escape(s.code) + "\"" +
                        (s.code == service ? " selected" : "") + ">" + escape(s.code) + " " +
                        escape(pick(s.name, lang)) + "</option>";
        std::string body =
            "<h1>" + escape(T.text("complaint_title", lang)) + "</h1><p>" +
            escape(T.text("complaint_intro", lang)) +
            "</p><form class=\"ticket\" id=\"complain\" data-lang=\"" +
            (lang == Lang::En ? "&lang=en" : "") + "\"" + failure_attributes(T, lang) +
            "><fieldset><legend>" + escape(T.text("complaint_about", lang)) + "</legend>" +
            radio("window", T.text("complaint_window", lang), !window.empty()) +
            "<input name=\"window\" type=\"number\" min=\"1\" max=\"999\" value=\"" +
            escape(window) + "\">" +
            radio("service", T.text("complaint_service", lang),
                  window.empty() && !service.empty()) +
            "<select name=\"service\">" + services + "</select>" +
            radio("staff", T.text("complaint_staff", lang), false) +
            "<input name=\"staff\" maxlength=\"16\">" +
            radio("hall", T.text("complaint_hall", lang), window.empty() && service.empty()) +
            "</fieldset><label>" + escape(T.text("complaint_text", lang)) +
            "<textarea name=\"text\" maxlength=\"2000\" required></textarea></label><label>" +
            escape(T.text("complaint_contact", lang)) +
            "<input name=\"contact\" maxlength=\"100\" autocomplete=\"tel\"></label>"
            "<p class=\"error\" id=\"error\"></p><button type=\"submit\">" +
            escape(T.text("complaint_submit", lang)) + "</button></form>" + kFailTextScript +
            kFileScript;
        return Reply{200, web_page(lang, T.text("complaint_title", lang), body, "/complaint", 0),
                     "text/html; charset=utf-8"};
    });

    get(R"(/complaint/(\d+))", [this](const Request& req) {
        Lang lang = page_lang(req);
        const auto& T = *web_text_;
        const std::string code = req.get_param_value("c");
        const std::string digits = req.matches[1];
        int64_t id = 0;
        std::from_chars(digits.data(), digits.data() + digits.size(), id);
        const std::string self = "/complaint/" + std::to_string(id) + "?c=" + code;
        Result<std::optional<store::Complaint>> found = std::optional<store::Complaint>{};
        Result<std::vector<store::ComplaintStep>> steps = std::vector<store::ComplaintStep>{};
        {
            std::lock_guard lock(reader_.mu);
            found = reader_.store->complaint(id);
            if (found && *found) steps = reader_.store->complaint_steps(id);
        }
        if (!found || !steps) return internal_error_reply();
        if (!*found || code.empty() || !store::same_hash(code, (*found)->code))
            return Reply{
                404,
                web_page(lang, T.text("complaint_title", lang),
                         "<p class=\"error\">" + escape(T.text("complaint_unknown", lang)) + "</p>",
                         self, 0),
                "text/html; charset=utf-8"};
        const store::Complaint& c = **found;
        std::string unit = T.text("hall_office", lang);
        if (const auto* u = hall_.find_unit(c.unit)) unit = pick(u->name, lang);
        std::string body = "<div class=\"ticket case\" id=\"complaint\"><p class=\"label\">" +
                           escape(T.text("complaint_number", lang)) + "</p><div class=\"number\">" +
                           escape(c.number) + "</div>";
        body +=
            "<p class=\"status\" id=\"status\">" +
            escape(T.text("complaint_" + c.status, lang, {{"unit", unit}, {"date", c.due_date}})) +
            "</p><ol class=\"steps\">";
        for (const auto& s : steps.value()) {
            std::string line = T.text("step_" + s.what, lang);
            if (s.what == "waiting" || s.what == "added")
                line += (lang == Lang::Zh ? "：" : ": ") + s.note;
            std::string at = s.at.substr(0, 16);
            if (at.size() > 10) at[10] = ' ';
            body += "<li><span class=\"meta\">" + escape(at) + "</span> " + escape(line) + "</li>";
        }
        body += "</ol>";
        if (c.status == "answered")
            body += "<h2>" + escape(T.text("complaint_reply", lang)) + "</h2><p id=\"reply\">" +
                    escape(c.reply) + "</p>";
        else
            body += "<form id=\"add\" data-id=\"" + std::to_string(c.id) + "\" data-code=\"" +
                    escape(code) + "\"" + failure_attributes(T, lang) + "><label>" +
                    escape(T.text("complaint_add", lang)) +
                    "<textarea name=\"text\" maxlength=\"2000\" required></textarea></label>"
                    "<p class=\"error\" id=\"error\"></p><button type=\"submit\">" +
                    escape(T.text("complaint_send", lang)) + "</button></form>" + kFailTextScript +
                    kAddScript;
        body += "</div>";
        return Reply{200, web_page(lang, T.text("complaint_title", lang), body, self, 0),
                     "text/html; charset=utf-8"};
    });
}

}  // namespace onestop::hub
