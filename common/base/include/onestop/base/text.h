#pragma once
// A text in both of the hall's languages, and the one rule for showing it: the asked
// language, else the other one (a text given in one language only is still shown).
// In base so that the hall model (queue), the wire types (net) and every screen share it.

#include <string>

namespace onestop {

enum class Lang { Zh, En };

struct Text {
    std::string zh;
    std::string en;
    bool operator==(const Text&) const = default;
};

const std::string& pick(const Text& text, Lang lang);

}  // namespace onestop
