#include "onestop/cli/cli.h"
#include "onestop/base/error_codes.h"

#include <fcntl.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdlib>
#include <iostream>

#include "onestop/base/errno_text.h"
#include "onestop/base/version.h"

namespace onestop::cli {

namespace {

// Tokens are 40-odd characters: a file this large is the wrong file.
constexpr size_t kMaxTokenFile = 64 * 1024;

// Between the tokens of a list; a file of one token may end in a newline.
constexpr const char* kSeparators = " \t\r\n\v\f,";

}  // namespace

CLI::Validator check(std::function<Status(std::string& value)> parse) {
    return CLI::Validator(
        [parse = std::move(parse)](std::string& value) -> std::string {
            auto s = parse(value);
            return s ? std::string() : s.error().message;
        },
        "");
}

std::vector<std::string> split_tokens(std::string_view text) {
    std::vector<std::string> tokens;
    size_t at = 0;
    while (at < text.size()) {
        const size_t end = text.find_first_of(kSeparators, at);
        if (end != at) tokens.emplace_back(text.substr(at, end - at));
        if (end == std::string_view::npos) break;
        at = end + 1;
    }
    return tokens;
}

Result<std::vector<std::string>> read_token_list(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    auto unreadable = [&](int err) {
        return make_error(errc::token_file,
                          "cannot read token file " + file.string() + ": " + errno_text(err));
    };
    if (fd < 0) return unreadable(errno);
    std::string text;
    char buf[1024];
    ssize_t n = 0;
    while (text.size() <= kMaxTokenFile && (n = ::read(fd, buf, sizeof buf)) > 0)
        text.append(buf, static_cast<size_t>(n));
    const int err = errno;
    ::close(fd);
    if (n < 0) return unreadable(err);
    if (text.size() > kMaxTokenFile)
        return make_error(errc::token_file,
                          "token file " + file.string() + " is too large to hold tokens");
    auto tokens = split_tokens(text);
    if (tokens.empty())
        return make_error(errc::token_file, "token file " + file.string() + " is empty");
    return tokens;
}

Result<std::string> read_token_file(const std::filesystem::path& file) {
    auto tokens = read_token_list(file);
    if (!tokens) return tokens.error();
    if (tokens->size() != 1)
        return make_error(errc::token_file, "token file " + file.string() + " holds " +
                                                std::to_string(tokens->size()) +
                                                " words; put the one token alone in it");
    return tokens->front();
}

std::string with_default(const std::string& help, const std::string& value) {
    return help + " [default: " + value + "]";
}

void add_hub_flag(CLI::App& app, std::string& hub) {
    app.add_option("--hub", hub, with_default("the hub's address", hub))
        ->type_name("URL")
        ->transform(check([](std::string& url) -> Status {
            while (!url.empty() && url.back() == '/') url.pop_back();
            if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
                return make_error(errc::bad_flag,
                                  "wants http://HOST:PORT or https://…, not '" + url + "'");
            return {};
        }));
}

void add_token_flags(CLI::App& app, const std::string& name, std::string& token,
                     const std::string& what, const char* env) {
    if (env)
        if (const char* value = std::getenv(env); value && *value) token = value;
    auto* direct =
        app.add_option(name, token, "the " + what + " itself, for tests: ps shows it to every user")
            ->type_name("TOKEN");
    app.add_option(name + "-file", token,
                   "a file holding the " + what +
                       (env ? std::string(" (or env ") + env + ")" : std::string()))
        ->type_name("FILE")
        ->transform(check([](std::string& value) -> Status {
            auto t = read_token_file(value);
            if (!t) return t.error();
            value = *t;
            return {};
        }))
        ->excludes(direct);
}

void add_hub_flags(CLI::App& app, std::string& hub, std::string& token, std::string& ca_file) {
    add_hub_flag(app, hub);
    add_token_flags(app, "--token", token, "device token", "ONESTOP_TOKEN");
    app.add_option("--ca-file", ca_file,
                   "for an https:// hub: the CA certificate (PEM) that signed the hub's, e.g. "
                   "the campus CA or the hub's self-signed one [default: the system's CAs]")
        ->type_name("FILE")
        ->check(CLI::Validator(CLI::ExistingFile).description(""));
}

void add_lang_flag(CLI::App& app, config::Lang& lang) {
    app.add_option_function<std::string>(
           "--lang", [&lang](const std::string& v) { lang = config::parse_lang(v).value(); },
           std::string("language shown first (default ") + config::to_string(lang) + ")")
        ->type_name("zh|en")
        ->check(check([](std::string& v) { return status_of(config::parse_lang(v)); }));
}

std::optional<int> parse(CLI::App& app, int argc, const char* const* argv) {
    app.set_version_flag("--version", app.get_name() + " " + version());
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success& e) {  // --help, --version
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::string why = e.what();
        // CLI11 checks required flags before leftovers, but a mistyped flag (--windw 3)
        // is the cause of "--window is required": name it first.
        if (auto extras = app.remaining(true); !extras.empty() && e.get_name() != "ExtrasError")
            why = "unexpected argument " + extras.front() + "; " + why;
        std::cerr << app.get_name() << ": " << why
                  << "\n参数有误，用法见 --help / see --help for usage\n";
        return kExitUsage;
    }
    return std::nullopt;
}

}  // namespace onestop::cli
