#pragma once
// Reading an office request's JSON body field by field: the first problem is kept as the
// answer (CONTRACT: a missing field or one of the wrong type 400, a bad value 422).

#include <optional>
#include <string>
#include <vector>

#include "reply.h"

namespace onestop::hub {

class BodyFields {
  public:
    explicit BodyFields(const json& body) : body_(body) {}

    // Absent or null: nullopt (after recording missing_field when `required`).
    std::optional<std::string> text(const char* name, bool required);
    std::optional<bool> flag(const char* name, bool required);
    // An array of strings.
    std::optional<std::vector<std::string>> texts(const char* name, bool required);
    // Records an invalid value (422) unless a problem is already kept.
    void invalid(const std::string& message);

    bool ok() const { return !problem_; }
    const Reply& problem() const { return *problem_; }

  private:
    const json* field(const char* name, bool required);
    void keep(Reply reply);

    const json& body_;
    std::optional<Reply> problem_;
};

// 1–`max` bytes without tabs, line breaks or other control characters (the lists print
// one record a line).
bool is_label(const std::string& text, size_t max = 64);
// YYYY-MM-DD, a real date.
bool is_date(const std::string& text);
// Staff numbers are what the counter's keypad and the routes take: 1–16 letters and digits.
bool is_staff_number(const std::string& text);

}  // namespace onestop::hub
