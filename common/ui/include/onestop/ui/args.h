#pragma once
// Command-line flags shared by the SDL programs (CONTRACT.md "Common flags").
// A program takes its own flags first with ArgList::value()/flag(), then calls
// parse_common(); whatever is left over is an error naming the flag.

#include <optional>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/config/catalogue.h"

namespace onestop::ui {

class ArgList {
public:
    ArgList(int argc, char** argv);
    explicit ArgList(std::vector<std::string> args) : args_(std::move(args)) {}

    // Removes "--name VALUE" (or "--name=VALUE") and returns VALUE; an error when
    // the flag is present without a value.
    Result<std::optional<std::string>> value(const std::string& name);
    // Removes "--name" and returns whether it was there.
    bool flag(const std::string& name);
    // The first argument not yet taken, e.g. an unknown flag.
    const std::vector<std::string>& rest() const { return args_; }

private:
    std::vector<std::string> args_;
};

struct Size {
    int w = 0;
    int h = 0;
};

struct CommonOptions {
    std::string hub = "http://127.0.0.1:8080";
    std::string token;  // --token, else $ONESTOP_TOKEN
    config::Lang lang = config::Lang::Zh;
    bool help = false;
    bool version = false;
    // SDL programs
    bool headless = false;
    std::optional<Size> window_size;  // --window-size WxH; none = full screen
    std::string screenshot;           // --screenshot FILE.png
    int exit_after_ms = -1;           // --exit-after MS; -1 = run until quit
    std::string script;               // --script FILE
};

// Takes the common flags out of `args`; fails on a malformed value or on any
// argument left over (which the program did not take before).
Result<CommonOptions> parse_common(ArgList& args);
Result<Size> parse_size(const std::string& text);  // "1080x1920"

// The help lines for the common flags, for each program's --help.
const char* common_help();

}  // namespace onestop::ui
