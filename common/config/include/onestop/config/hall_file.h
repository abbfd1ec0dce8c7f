#pragma once
// Hall TOML files (assets/halls/*.toml) → the queue engine's Hall model.
// Every problem is reported with the file, the path inside it and what to fix.

#include <filesystem>
#include <optional>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "onestop/base/result.h"
#include "onestop/queue/hall.h"

namespace onestop::config {

Result<queue::Hall> load_hall(const std::filesystem::path& file);
Result<queue::Hall> parse_hall(std::string_view toml_text, const std::string& source_name);
// One window as the office plans it (the keys of a [[windows]] table as JSON, hours inline
// as { weekdays, mon … sun }), checked against `hall` by the file's rules. Error
// invalid_field listing every problem as "window.<key path>: <what is wrong>".
Result<queue::Window> parse_window(const nlohmann::json& window, const queue::Hall& hall);
// The shipped default hall: assets/halls/default.toml.
std::filesystem::path default_hall_path();
// settings.voice_english (and onestop-board --voice-english): "after" | "recall" | "off".
std::optional<queue::VoiceEnglish> parse_voice_english(std::string_view text);

}  // namespace onestop::config
