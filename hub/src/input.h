#pragma once
// Strict reading of JSON request bodies: the body must be a JSON object of valid
// UTF-8 (nlohmann's parser rejects ill-formed UTF-8); each field has one type.
// Unknown fields are ignored so older hubs accept newer clients.
// Errors: malformed_json, missing_field, wrong_type (→ 400); invalid_field (→ 422).

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"

namespace onestop::hub {

using nlohmann::json;

// An empty body (none at all, or Content-Length: 0) counts as {}: routes without fields take
// it as is, the others then name the first field that is missing.
Result<json> parse_body(const std::string& body);

Result<std::string> get_string(const json& body, const std::string& name, size_t max_len = 200);
Result<std::optional<std::string>> get_optional_string(const json& body, const std::string& name,
                                                       size_t max_len = 200);
Result<int64_t> get_int(const json& body, const std::string& name);
Result<std::optional<int64_t>> get_optional_int(const json& body, const std::string& name);
Result<bool> get_bool(const json& body, const std::string& name, bool fallback);
Result<std::vector<std::string>> get_string_list(const json& body, const std::string& name,
                                                 size_t max_items = 20);

Error invalid_field(const std::string& name, const std::string& why);

}  // namespace onestop::hub
