#pragma once
// The command line every OneStop program shares (CONTRACT.md "Common flags"), on CLI11:
// --help and --version, usage errors that name the flag and exit 2, --lang, and the hub
// address with a device token that never has to be on a command line `ps` shows.
//
// A program declares its own flags on a CLI::App (include <CLI/CLI.hpp> there), adds
// the shared ones with the add_* calls below, and calls parse(). Checks that span
// flags go in the app's callback and throw a CLI::ParseError (e.g. CLI::RequiredError),
// which parse() reports like any other usage error.

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/config/catalogue.h"

namespace CLI {
class App;
class Validator;
}  // namespace CLI

namespace onestop::cli {

constexpr int kExitUsage = 2;
constexpr const char* kDefaultHub = "http://127.0.0.1:8080";

// A flag's help with its default, "… [default: VALUE]": one way for every program (CLI11's
// own capture_default_str prints it as "NAME=VALUE" beside the type instead).
std::string with_default(const std::string& help, const std::string& value);

// --hub URL (default kDefaultHub, stored without a trailing slash).
void add_hub_flag(CLI::App& app, std::string& hub);

// `--NAME TOKEN` and `--NAME-file FILE`, which exclude each other; when neither is
// given, `env` (if named and set) supplies the token. --NAME stays for tests: a token
// on the command line is visible to every user of the machine.
void add_token_flags(CLI::App& app, const std::string& name, std::string& token,
                     const std::string& what, const char* env = nullptr);

// --hub, the device token as --token, --token-file or $ONESTOP_TOKEN (in that order), and
// --ca-file for an https:// hub whose certificate the system's CAs do not vouch for.
void add_hub_flags(CLI::App& app, std::string& hub, std::string& token, std::string& ca_file);

// --lang zh|en.
void add_lang_flag(CLI::App& app, config::Lang& lang);

// The token a token file holds, without the whitespace and newline around it. An error
// naming the file when it cannot be read, is empty, or holds more than one word (say,
// a file of several tokens given by mistake).
Result<std::string> read_token_file(const std::filesystem::path& file);
// The tokens a file lists, separated by commas, spaces or newlines (e.g. one pad a line).
Result<std::vector<std::string>> read_token_list(const std::filesystem::path& file);
std::vector<std::string> split_tokens(std::string_view text);

// A CLI11 check from a parser; it may also rewrite the value (a transform). The error's
// message becomes the usage error "--flag: message".
CLI::Validator check(std::function<Status(std::string& value)> parse);

template <typename T>
Status status_of(const Result<T>& r) {
    if (r) return {};
    return r.error();
}

// Adds --version ("<program> <version>"), parses argv and runs the callbacks. Returns
// the exit status when the program should stop here: 0 after --help or --version
// (printed on stdout), kExitUsage after a usage error (stderr: the program, the reason
// naming the flag, and a pointer to --help); nullopt when the program goes on.
std::optional<int> parse(CLI::App& app, int argc, const char* const* argv);

}  // namespace onestop::cli
