#pragma once
// HTML output helpers: every value put into a page goes through escape().
#include <map>
#include <string>
#include <string_view>

#include "http_server.h"
#include "onestop/config/catalogue.h"

namespace onestop::hub {

// Escapes & < > " ' for text and attribute values.
std::string escape(std::string_view text);
// Fills {{name}} slots of a template with already-escaped HTML fragments; unknown slots stay empty.
std::string fill(const std::string& templ, const std::map<std::string, std::string>& slots);
// A public page's language: ?lang=en, else Chinese.
config::Lang page_lang(const Request& req);

// A public form's refusal texts, as attributes of its <form>: data-failed (the lead-in, 提交失败：)
// and data-errors (what the hub's error codes a person can meet there mean, in the page's
// language, and "network" for no answer). kFailTextScript's failText(form, answer) reads them,
// so nobody at a public page is shown the hub's English message.
std::string failure_attributes(const config::Catalogue& texts, config::Lang lang);
extern const char* const kFailTextScript;

}  // namespace onestop::hub
