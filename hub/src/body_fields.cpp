#include "body_fields.h"

#include <algorithm>

#include "commands.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"

namespace onestop::hub {

void BodyFields::keep(Reply reply) {
    if (!problem_) problem_ = std::move(reply);
}

const json* BodyFields::field(const char* name, bool required) {
    auto it = body_.is_object() ? body_.find(name) : body_.end();
    if (it == body_.end() || it->is_null()) {
        if (required)
            keep(error_reply(400, errc::missing_field, std::string(name) + " is required"));
        return nullptr;
    }
    return &*it;
}

std::optional<std::string> BodyFields::text(const char* name, bool required) {
    const json* v = field(name, required);
    if (!v) return std::nullopt;
    if (!v->is_string()) {
        keep(error_reply(400, errc::wrong_type, std::string(name) + " must be a string"));
        return std::nullopt;
    }
    return v->get<std::string>();
}

std::optional<bool> BodyFields::flag(const char* name, bool required) {
    const json* v = field(name, required);
    if (!v) return std::nullopt;
    if (!v->is_boolean()) {
        keep(error_reply(400, errc::wrong_type, std::string(name) + " must be true or false"));
        return std::nullopt;
    }
    return v->get<bool>();
}

std::optional<std::vector<std::string>> BodyFields::texts(const char* name, bool required) {
    const json* v = field(name, required);
    if (!v) return std::nullopt;
    bool strings = v->is_array() &&
                   std::all_of(v->begin(), v->end(), [](const json& e) { return e.is_string(); });
    if (!strings) {
        keep(
            error_reply(400, errc::wrong_type, std::string(name) + " must be an array of strings"));
        return std::nullopt;
    }
    return v->get<std::vector<std::string>>();
}

void BodyFields::invalid(const std::string& message) {
    keep(error_reply(422, errc::invalid_field, message));
}

bool is_label(const std::string& text, size_t max) {
    return !text.empty() && text.size() <= max && !has_control_characters(text);
}

bool is_date(const std::string& text) {
    auto days = parse_date(text);
    return days && format_date(*days) == text;
}

bool is_staff_number(const std::string& text) {
    return !text.empty() && text.size() <= 16 && std::all_of(text.begin(), text.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    });
}

}  // namespace onestop::hub
