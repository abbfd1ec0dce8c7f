#include "input.h"

namespace onestop::hub {

Result<json> parse_body(const std::string& body) {
    if (body.empty()) return json::object();
    json j = json::parse(body, nullptr, false);
    if (j.is_discarded())
        return make_error("malformed_json", "the request body is not valid JSON in UTF-8");
    if (!j.is_object())
        return make_error("malformed_json", "the request body must be a JSON object");
    return j;
}

Error invalid_field(const std::string& name, const std::string& why) {
    return make_error("invalid_field", "field '" + name + "' " + why);
}

static Error wrong_type(const std::string& name, const char* type) {
    return make_error("wrong_type", std::string("field '") + name + "' must be " + type);
}

Result<std::optional<std::string>> get_optional_string(const json& body, const std::string& name,
                                                       size_t max_len) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::optional<std::string>{};
    if (!it->is_string()) return wrong_type(name, "a string");
    std::string s = it->get<std::string>();
    if (s.size() > max_len)
        return invalid_field(name, "is longer than " + std::to_string(max_len) + " bytes");
    return std::optional<std::string>(std::move(s));
}

Result<std::string> get_string(const json& body, const std::string& name, size_t max_len) {
    auto s = get_optional_string(body, name, max_len);
    if (!s) return s.error();
    if (!*s) return make_error("missing_field", "field '" + name + "' is required");
    return std::move(**s);
}

Result<std::optional<int64_t>> get_optional_int(const json& body, const std::string& name) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::optional<int64_t>{};
    if (!it->is_number_integer()) return wrong_type(name, "an integer");
    return std::optional<int64_t>(it->get<int64_t>());
}

Result<int64_t> get_int(const json& body, const std::string& name) {
    auto v = get_optional_int(body, name);
    if (!v) return v.error();
    if (!*v) return make_error("missing_field", "field '" + name + "' is required");
    return **v;
}

Result<bool> get_bool(const json& body, const std::string& name, bool fallback) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return fallback;
    if (!it->is_boolean()) return wrong_type(name, "true or false");
    return it->get<bool>();
}

Result<std::vector<std::string>> get_string_list(const json& body, const std::string& name,
                                                 size_t max_items) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::vector<std::string>{};
    if (!it->is_array()) return wrong_type(name, "a list of strings");
    if (it->size() > max_items) return invalid_field(name, "has too many items");
    std::vector<std::string> out;
    for (const auto& v : *it) {
        if (!v.is_string()) return wrong_type(name, "a list of strings");
        out.push_back(v.get<std::string>());
    }
    return out;
}

}  // namespace onestop::hub
