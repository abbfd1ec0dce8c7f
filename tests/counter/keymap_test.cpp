#include <doctest/doctest.h>

#include "onestop/base/paths.h"
#include "onestop/counter/keymap.h"

using namespace onestop::counter;

TEST_CASE("the shipped keymap holds CONTRACT's defaults") {
    auto shipped = Keymap::load(onestop::asset_path("counter/keymap.toml"));
    REQUIRE_MESSAGE(shipped.ok(), (shipped.ok() ? "" : shipped.error().message));
    for (const Keymap& k : {*shipped, Keymap::defaults()}) {
        CHECK(k.lookup("+") == Key{Action::CallNext, '+'});
        CHECK(k.lookup(".") == Key{Action::Recall, '.'});
        CHECK(k.lookup("-") == Key{Action::NoShow, '-'});
        CHECK(k.lookup("*") == Key{Action::Transfer, '*'});
        CHECK(k.lookup("/") == Key{Action::PauseResume, '/'});
        CHECK(k.lookup("enter") == Key{Action::Finish, 0});
        CHECK(k.lookup("esc") == Key{Action::Cancel, 0});
        CHECK(k.lookup("backspace") == Key{Action::Backspace, 0});
        CHECK(k.lookup("0") == Key{Action::Cases, '0'});  // digits type themselves in menus
    }
    CHECK(shipped->repeat_guard() == std::chrono::milliseconds(800));
}

TEST_CASE("unmapped digits and letters type themselves; letters become capitals") {
    auto k = Keymap::defaults();
    CHECK(k.lookup("7") == Key{Action::Char, '7'});
    CHECK(k.lookup("b") == Key{Action::Char, 'B'});
    CHECK_FALSE(k.lookup("f13").has_value());
}

TEST_CASE("a terminal's spaces, punctuation and UTF-8 bytes are keys for the notes") {
    auto k = Keymap::defaults();
    CHECK(tty_key_name(' ') == " ");
    CHECK(k.lookup(tty_key_name(' ')) == Key{Action::Char, ' '});
    CHECK(k.lookup(tty_key_name(',')) == Key{Action::Char, ','});
    CHECK(tty_key_name(0xE6) == "\xE6");  // the first byte of 整
    CHECK(k.lookup(tty_key_name(0xE6)) == Key{Action::Char, '\xE6'});
}

TEST_CASE("a hall can re-label its keypad; mapped names win over typing") {
    auto k = Keymap::parse(R"([keys]
"0" = "call_next"
"enter" = "finish"
"q" = "logout"
[settings]
repeat_guard_ms = 0
)",
                           "relabel.toml");
    REQUIRE(k.ok());
    CHECK(k->lookup("0") == Key{Action::CallNext, '0'});
    CHECK(k->lookup("q") == Key{Action::Logout, 'Q'});
    // No longer mapped: only a character, which the machine takes in notes only.
    CHECK(k->lookup("+") == Key{Action::Char, '+'});
    CHECK(k->repeat_guard().count() == 0);
}

TEST_CASE("bad keymaps say what is wrong and where") {
    auto unknown_action = Keymap::parse("[keys]\n\"+\" = \"call_next_please\"\n", "a.toml");
    REQUIRE_FALSE(unknown_action.ok());
    CHECK(unknown_action.error().message.find("call_next_please") != std::string::npos);

    auto bad_key = Keymap::parse("[keys]\nF1 = \"recall\"\n", "b.toml");
    REQUIRE_FALSE(bad_key.ok());
    CHECK(bad_key.error().message.find("keys.F1") != std::string::npos);

    auto no_table = Keymap::parse("x = 1\n", "c.toml");
    REQUIRE_FALSE(no_table.ok());

    auto broken = Keymap::parse("[keys\n", "d.toml");
    REQUIRE_FALSE(broken.ok());
    CHECK(broken.error().code == "keymap_invalid");

    auto guard = Keymap::parse("[keys]\n[settings]\nrepeat_guard_ms = -5\n", "e.toml");
    REQUIRE_FALSE(guard.ok());
}

TEST_CASE("terminal bytes name keys: newline is Enter, DEL is backspace, text is itself") {
    CHECK(tty_key_name('\n') == "enter");
    CHECK(tty_key_name('\r') == "enter");
    CHECK(tty_key_name(0x7f) == "backspace");
    CHECK(tty_key_name(0x1b) == "esc");
    CHECK(tty_key_name('+') == "+");
    CHECK(tty_key_name('B') == "b");
    CHECK(tty_key_name('5') == "5");
    CHECK(tty_key_name(' ') == " ");
    CHECK(tty_key_name('#') == "#");
    CHECK(tty_key_name(0x01).empty());  // control bytes other than Enter, Backspace, Esc
}
