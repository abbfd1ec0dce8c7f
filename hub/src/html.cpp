#include "html.h"

#include <nlohmann/json.hpp>

namespace onestop::hub {

namespace {

// The codes the rating, complaint and complaint-progress forms can be answered with; each has
// its text error_<code> in assets/web/strings.toml.
constexpr const char* kFormErrors[] = {
    "too_many_tries",  "invalid_field", "missing_field",     "window_unknown",
    "service_unknown", "staff_unknown", "unit_unknown",      "already_evaluated",
    "ticket_not_done", "wrong_status",  "complaint_unknown", "ticket_unknown",
    "forbidden",       "network"};

}  // namespace

std::string failure_attributes(const config::Catalogue& texts, config::Lang lang) {
    nlohmann::json errors = nlohmann::json::object();
    for (const char* code : kFormErrors)
        errors[code] = texts.text(std::string("error_") + code, lang);
    return " data-failed=\"" + escape(texts.text("rate_failed", lang)) + "\" data-errors=\"" +
           escape(errors.dump()) + "\"";
}

const char* const kFailTextScript = R"js(
<script>
function failText(form, answer) {
  var texts = JSON.parse(form.dataset.errors || '{}');
  var code = answer && answer.error ? answer.error.code : 'network';
  return form.dataset.failed + (texts[code] || (answer && answer.error ? answer.error.message : ''));
}
</script>)js";

config::Lang page_lang(const Request& req) {
    return req.get_param_value("lang") == "en" ? config::Lang::En : config::Lang::Zh;
}

std::string escape(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 16);
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

std::string fill(const std::string& templ, const std::map<std::string, std::string>& slots) {
    std::string out;
    size_t pos = 0;
    for (;;) {
        size_t open = templ.find("{{", pos);
        if (open == std::string::npos) break;
        size_t close = templ.find("}}", open + 2);
        if (close == std::string::npos) break;
        out.append(templ, pos, open - pos);
        auto it = slots.find(templ.substr(open + 2, close - open - 2));
        if (it != slots.end()) out += it->second;
        pos = close + 2;
    }
    out.append(templ, pos, std::string::npos);
    return out;
}

}  // namespace onestop::hub
