#include "service_guide.h"

#include <algorithm>
#include <array>

#include "commands.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"

namespace onestop::hub {

namespace {

using queue::HandlingMode;

constexpr std::array<const char*, 6> kKeys = {"name",      "who_may_apply", "steps",
                                              "materials", "mode",          "promised_days"};
constexpr size_t kMaxItems = 40;  // steps or materials: more does not fit a kiosk's page

Error invalid(const std::string& key, const std::string& what) {
    return make_error(errc::invalid_field, key + ": " + what);
}

// {"zh","en"}, both set (unless `may_be_empty`), at most `max_bytes` each; line breaks only
// where `lines` (who may apply is a paragraph, a name or a material one line).
Result<Text> guide_text(const json& j, const std::string& key, size_t max_bytes,
                        bool may_be_empty = false, bool lines = false) {
    if (!j.is_object() || !j.contains("zh") || !j.contains("en") || !j["zh"].is_string() ||
        !j["en"].is_string())
        return invalid(key, "must be {\"zh\":\"…\",\"en\":\"…\"}");
    Text t{j["zh"].get<std::string>(), j["en"].get<std::string>()};
    for (const auto* text : {&t.zh, &t.en}) {
        if (text->empty() && !may_be_empty) return invalid(key, "needs both Chinese and English");
        if (text->size() > max_bytes)
            return invalid(key, "is longer than " + std::to_string(max_bytes) + " bytes");
        std::string checked = *text;
        if (lines) std::erase(checked, '\n');
        if (has_control_characters(checked))
            return invalid(key, lines ? "holds a tab or control character"
                                      : "holds a line break, tab or control character");
    }
    return t;
}

Result<std::vector<Text>> guide_texts(const json& j, const std::string& key) {
    if (!j.is_array()) return invalid(key, "must be a list of {\"zh\",\"en\"}");
    if (j.size() > kMaxItems)
        return invalid(key, "has more than " + std::to_string(kMaxItems) + " entries");
    std::vector<Text> out;
    for (size_t i = 0; i < j.size(); ++i) {
        auto t = guide_text(j[i], key + "[" + std::to_string(i) + "]", 300);
        if (!t) return t.error();
        out.push_back(std::move(*t));
    }
    return out;
}

std::optional<HandlingMode> parse_mode(const std::string& text) {
    for (HandlingMode m : {HandlingMode::Instant, HandlingMode::Deadline, HandlingMode::Joint})
        if (text == queue::to_string(m)) return m;
    return std::nullopt;
}

}  // namespace

json guide_json(const queue::Service& s) {
    return {{"name", net::to_json(s.name)},      {"who_may_apply", net::to_json(s.who_may_apply)},
            {"steps", net::texts_json(s.steps)}, {"materials", net::texts_json(s.materials)},
            {"mode", queue::to_string(s.mode)},  {"promised_days", s.promised_days}};
}

Status apply_guide(queue::Service& service, const json& fields) {
    if (!fields.is_object()) return make_error(errc::invalid_field, "the body must be an object");
    queue::Service s = service;
    for (const auto& [key, value] : fields.items()) {
        if (key == "version") continue;  // the edit's base, checked by the command
        if (std::find(kKeys.begin(), kKeys.end(), key) == kKeys.end())
            return invalid(key,
                           "is not part of a service's guide; the keys are name, "
                           "who_may_apply, steps, materials, mode, promised_days");
        if (key == "name") {
            auto t = guide_text(value, key, 120);
            if (!t) return t.error();
            s.name = *t;
        } else if (key == "who_may_apply") {
            auto t = guide_text(value, key, 2000, true, true);
            if (!t) return t.error();
            s.who_may_apply = *t;
        } else if (key == "steps" || key == "materials") {
            auto list = guide_texts(value, key);
            if (!list) return list.error();
            (key == "steps" ? s.steps : s.materials) = std::move(*list);
        } else if (key == "mode") {
            auto mode = value.is_string() ? parse_mode(value.get<std::string>()) : std::nullopt;
            if (!mode) return invalid(key, "must be instant, deadline or joint");
            s.mode = *mode;
        } else {
            if (!value.is_number_integer() || value.get<int64_t>() < 0 || value.get<int64_t>() > 60)
                return invalid(key, "must be a whole number of working days, 1 to 60");
            s.promised_days = value.get<int>();
        }
    }
    // The hall file's rules: an instant item is done on the spot, a deadline item promises.
    if (s.mode == HandlingMode::Instant) s.promised_days = 0;
    if (s.mode == HandlingMode::Deadline && s.promised_days < 1)
        return invalid("promised_days", "a deadline item needs 1 to 60 working days");
    service = std::move(s);
    return {};
}

json guide_changes(const json& before, const json& after) {
    json out = json::array();
    for (const char* key : kKeys) {
        json b = before.value(key, json());
        json a = after.value(key, json());
        if (a != b) out.push_back({{"field", key}, {"before", b}, {"after", a}});
    }
    return out;
}

}  // namespace onestop::hub
