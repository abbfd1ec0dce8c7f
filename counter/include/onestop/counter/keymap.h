#pragma once
// Raw key names (from a keypad or a terminal) → named actions, through a TOML keymap so
// a hall can re-label its keypads (assets/counter/keymap.toml holds CONTRACT's defaults).

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "onestop/base/result.h"

namespace onestop::counter {

enum class Action {
    CallNext,
    Recall,
    NoShow,
    Transfer,
    PauseResume,
    Finish,
    Cancel,
    Backspace,
    Logout,
    Cases,  // the case menu
    Char,   // a digit or letter typing itself: `ch` holds '0'…'9' or 'A'…'Z'
};

struct Key {
    Action action = Action::Char;
    // The character the key types ('0'…'9', 'A'…'Z', '+', '-', '.', '*', '/'), also when
    // the keymap gives it an action: menus and entries take typed characters. 0 for
    // Enter, Backspace and Esc.
    char ch = 0;
    bool operator==(const Key&) const = default;
};

Result<Action> parse_action(std::string_view name);
const char* to_string(Action action);

class Keymap {
  public:
    // CONTRACT's defaults: + . - * / enter, backspace and esc.
    static Keymap defaults();
    static Result<Keymap> load(const std::filesystem::path& file);
    static Result<Keymap> parse(std::string_view toml_text, const std::string& source_name);

    // The key for a raw key name, or nullopt when the key means nothing here.
    // Mapped names win; unmapped digits and letters become Action::Char.
    std::optional<Key> lookup(std::string_view key_name) const;
    std::chrono::milliseconds repeat_guard() const { return repeat_guard_; }

  private:
    std::map<std::string, Action, std::less<>> keys_;
    std::chrono::milliseconds repeat_guard_{800};
};

// A terminal byte → key name ("+", "enter", "backspace", "esc", "7", "b"); empty for
// bytes that are no key (spaces, control characters).
std::string tty_key_name(unsigned char byte);

}  // namespace onestop::counter
