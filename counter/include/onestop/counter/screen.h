#pragma once
// The counter's compact text screen: at most 10 lines of at most 40 columns (a CJK
// character counts two), no colours, so it fits a small terminal or a serial console.

#include <string>
#include <string_view>
#include <vector>

#include "onestop/config/catalogue.h"
#include "onestop/counter/machine.h"

namespace onestop::counter {

inline constexpr int kScreenColumns = 40;
inline constexpr int kScreenLines = 10;

// Display columns of UTF-8 text (East Asian wide characters count two).
int display_width(std::string_view utf8);
// The longest prefix of `utf8` that fits `columns` (never splits a character).
std::string fit(std::string_view utf8, int columns);
// Splits into lines of at most `columns`, preferring to break at spaces.
std::vector<std::string> wrap(std::string_view utf8, int columns);

// The message's text from the catalogue; a "reason" argument is itself translated.
std::string message_text(const Message& message, const config::Catalogue& catalogue,
                         config::Lang lang);

// The lines a case menu shows (always four) in place of the message area.
std::vector<std::string> menu_lines(const CounterState& state, const config::Catalogue& catalogue,
                                    config::Lang lang);

// The whole screen for a state at `now` (for the served time).
std::vector<std::string> render_screen(const CounterState& state,
                                       const config::Catalogue& catalogue, config::Lang lang,
                                       Instant now);

}  // namespace onestop::counter
