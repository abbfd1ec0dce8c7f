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

}  // namespace onestop::hub
