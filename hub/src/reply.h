#pragma once
// An HTTP answer as a value, so the writer thread can produce it, the idempotency
// table can store it, and the route wrapper writes it out.

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"

namespace onestop::hub {

using nlohmann::json;

struct Reply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
    std::vector<std::pair<std::string, std::string>> headers{};  // beyond Content-Type
};

// One-line JSON; invalid UTF-8 cannot reach here (inputs are validated) but is replaced, never
// thrown.
std::string dump(const json& j);

Reply json_reply(int status, const json& body);
// CONTRACT's error body: {"error":{"code","message"}} plus any `extra` members inside "error".
Reply error_reply(int status, const std::string& code, const std::string& message,
                  const json& extra = json::object());
Reply no_content();

// Status for an error the queue engine returned (409 state conflicts, 404 unknown
// path ids, 422 unknown values in a body).
int status_for_engine_error(const std::string& code);
Reply engine_error_reply(const Error& error);

// Input problems: missing_field / wrong_type / malformed_json → 400, the rest → 422.
Reply input_error_reply(const Error& error);
Reply internal_error_reply();

// A file to download (an .xlsx or .csv report): 200, not cached, saved as `name`.
Reply file_reply(std::string bytes, const std::string& content_type, const std::string& name);

}  // namespace onestop::hub
