#include "onestop/counter/keymap.h"
#include "onestop/base/error_codes.h"

#include <toml++/toml.h>

#include <array>
#include <cctype>
#include <fstream>
#include <sstream>

namespace onestop::counter {
namespace {

struct ActionName {
    Action action;
    const char* name;
};
constexpr std::array<ActionName, 10> kActionNames{{
    {Action::CallNext, "call_next"},
    {Action::Recall, "recall"},
    {Action::NoShow, "no_show"},
    {Action::Transfer, "transfer"},
    {Action::PauseResume, "pause_resume"},
    {Action::Finish, "finish"},
    {Action::Cancel, "cancel"},
    {Action::Backspace, "backspace"},
    {Action::Logout, "logout"},
    {Action::Cases, "cases"},
}};

bool valid_key_name(std::string_view k) {
    static const std::array<std::string_view, 8> named{"+", "-",     ".",         "*",
                                                       "/", "enter", "backspace", "esc"};
    for (auto n : named)
        if (k == n) return true;
    return k.size() == 1 && (std::isdigit(static_cast<unsigned char>(k[0])) ||
                             std::islower(static_cast<unsigned char>(k[0])));
}

}  // namespace

Result<Action> parse_action(std::string_view name) {
    for (const auto& a : kActionNames)
        if (name == a.name) return a.action;
    return make_error(errc::keymap_invalid, "unknown action '" + std::string(name) + "'");
}

const char* to_string(Action action) {
    for (const auto& a : kActionNames)
        if (a.action == action) return a.name;
    return "char";
}

Keymap Keymap::defaults() {
    Keymap k;
    k.keys_ = {
        {"+", Action::CallNext},          {".", Action::Recall},      {"-", Action::NoShow},
        {"*", Action::Transfer},          {"/", Action::PauseResume}, {"enter", Action::Finish},
        {"backspace", Action::Backspace}, {"esc", Action::Cancel},    {"0", Action::Cases}};
    return k;
}

Result<Keymap> Keymap::load(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) return make_error(errc::keymap_invalid, file.string() + ": cannot be read");
    std::stringstream text;
    text << in.rdbuf();
    return parse(text.str(), file.string());
}

Result<Keymap> Keymap::parse(std::string_view toml_text, const std::string& source_name) {
    toml::table parsed;
    try {
        parsed = toml::parse(toml_text, source_name);
    } catch (const toml::parse_error& err) {
        return make_error(errc::keymap_invalid, source_name + ":" +
                                                    std::to_string(err.source().begin.line) + ": " +
                                                    std::string(err.description()));
    }
    Keymap k;
    const toml::table* keys = parsed["keys"].as_table();
    if (!keys) return make_error(errc::keymap_invalid, source_name + ": needs a [keys] table");
    for (auto&& [name, node] : *keys) {
        std::string key(name.str());
        if (!valid_key_name(key))
            return make_error(errc::keymap_invalid,
                              source_name + ": keys." + key +
                                  ": not a key name (+ - . * / enter backspace esc, 0-9, a-z)");
        auto action_name = node.value<std::string>();
        if (!action_name)
            return make_error(errc::keymap_invalid,
                              source_name + ": keys." + key + ": needs an action name");
        auto action = parse_action(*action_name);
        if (!action)
            return make_error(errc::keymap_invalid,
                              source_name + ": keys." + key + ": " + action.error().message);
        k.keys_[key] = *action;
    }
    if (auto guard = parsed["settings"]["repeat_guard_ms"].value<int64_t>()) {
        if (*guard < 0 || *guard > 10000)
            return make_error(errc::keymap_invalid,
                              source_name + ": settings.repeat_guard_ms must be 0…10000");
        k.repeat_guard_ = std::chrono::milliseconds(*guard);
    }
    return k;
}

std::optional<Key> Keymap::lookup(std::string_view key_name) const {
    char typed = 0;
    if (key_name.size() == 1)
        typed = static_cast<char>(std::toupper(static_cast<unsigned char>(key_name[0])));
    if (auto it = keys_.find(key_name); it != keys_.end()) return Key{it->second, typed};
    // Unbound, a character types itself; the machine takes spaces, punctuation and UTF-8
    // bytes (from a terminal) into notes only.
    const auto c = static_cast<unsigned char>(typed);
    if (std::isalnum(c) || std::isprint(c) || c >= 0x80) return Key{Action::Char, typed};
    return std::nullopt;
}

std::string tty_key_name(unsigned char byte) {
    switch (byte) {
        case '\n':
        case '\r':
            return "enter";
        case 0x7f:
        case 0x08:
            return "backspace";
        case 0x1b:
            return "esc";
        case '+':
        case '-':
        case '.':
        case '*':
        case '/':
            return std::string(1, static_cast<char>(byte));
        default:
            break;
    }
    if (std::isalpha(byte)) return std::string(1, static_cast<char>(std::tolower(byte)));
    // Digits, and for a note the rest of what a keyboard types: spaces, punctuation and the
    // bytes of UTF-8 characters (an input method's Chinese).
    if (std::isprint(byte) || byte >= 0x80) return std::string(1, static_cast<char>(byte));
    return {};
}

}  // namespace onestop::counter
