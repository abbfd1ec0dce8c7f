#pragma once
// The --script file (CONTRACT.md): one step a line, '#' starts a comment.
//   tap X Y          tap at window pixel (X, Y)
//   tap-text TEXT    tap the centre of the button whose label is TEXT (else contains it)
//   key NAME         a key press by SDL name ("escape", "return", "f1")
//   wait MS          let MS milliseconds pass, handling events and network answers
//   shot FILE.png    write the current frame
//   expect TEXT [MS] wait up to MS (default 5000) until TEXT is drawn; fail otherwise
//   expect-gone TEXT [MS]  wait up to MS until no drawn text contains TEXT

#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::ui {

struct ScriptStep {
    enum class Kind { Tap, TapText, Key, Wait, Shot, Expect, ExpectGone };
    Kind kind = Kind::Wait;
    int line = 0;
    int x = 0, y = 0;
    int ms = 0;
    std::string text;  // tap-text / expect text, key name, shot file
};

// Fails on the first unknown or malformed step with "FILE:LINE: …".
Result<std::vector<ScriptStep>> parse_script(const std::string& text,
                                             const std::string& source_name);
Result<std::vector<ScriptStep>> load_script(const std::string& file);

}  // namespace onestop::ui
