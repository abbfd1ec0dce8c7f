// The shared command line: token files, where the device token comes from, exit codes.
#include <doctest/doctest.h>

#include <sys/stat.h>

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <fstream>

#include "onestop/cli/cli.h"
#include "temp_dir.h"

using namespace onestop;

namespace {

std::filesystem::path write_file(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file) << text;
    return file;
}

// The parse error's message, or "" when the line parses.
std::string parse_error(CLI::App& app, const std::string& line) {
    try {
        app.parse(line);
    } catch (const CLI::ParseError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE(
    "read_token_file: the token without the newline; unreadable, empty and many-word files are "
    "named") {
    test::TempDir dir;
    auto ok = cli::read_token_file(write_file(dir / "kiosk.token", "  abc123def\n"));
    REQUIRE(ok.ok());
    CHECK(*ok == "abc123def");

    auto missing = cli::read_token_file(dir / "nope.token");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message ==
          "cannot read token file " + (dir / "nope.token").string() + ": no such file");

    auto empty = cli::read_token_file(write_file(dir / "empty.token", " \n\n"));
    REQUIRE_FALSE(empty.ok());
    CHECK(empty.error().message == "token file " + (dir / "empty.token").string() + " is empty");

    auto many = cli::read_token_file(write_file(dir / "tokens.txt", "kiosk=abc\npad=def\n"));
    REQUIRE_FALSE(many.ok());
    CHECK(many.error().message.find((dir / "tokens.txt").string()) != std::string::npos);
    CHECK(many.error().message.find("2 words") != std::string::npos);

    auto folder = cli::read_token_file(dir.path());
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().message.find("is a directory") != std::string::npos);

    if (geteuid() != 0) {  // root reads anything
        auto locked = write_file(dir / "locked.token", "abc\n");
        chmod(locked.c_str(), 0);
        auto denied = cli::read_token_file(locked);
        REQUIRE_FALSE(denied.ok());
        CHECK(denied.error().message.find("permission denied") != std::string::npos);
    }
}

TEST_CASE("read_token_list: one token a line or comma-separated") {
    test::TempDir dir;
    auto pads = cli::read_token_list(write_file(dir / "pads", "p1\np2,p3\n\n p4 \n"));
    REQUIRE(pads.ok());
    CHECK(*pads == std::vector<std::string>{"p1", "p2", "p3", "p4"});
    CHECK(cli::split_tokens(",a,,b,") == std::vector<std::string>{"a", "b"});
}

TEST_CASE(
    "the device token: --token, else --token-file, else ONESTOP_TOKEN; --token and --token-file "
    "exclude each other") {
    test::TempDir dir;
    auto file = write_file(dir / "board.token", "from-file\n");
    setenv("ONESTOP_TOKEN", "from-env", 1);
    auto run = [](const std::string& line, std::string& hub, std::string& token) {
        CLI::App app("test", "test");
        std::string ca_file;
        cli::add_hub_flags(app, hub, token, ca_file);
        return parse_error(app, line);
    };
    std::string hub = cli::kDefaultHub, token;
    CHECK(run("", hub, token) == "");
    CHECK(token == "from-env");
    CHECK(hub == "http://127.0.0.1:8080");

    token.clear();
    CHECK(run("--token-file " + file.string() + " --hub https://hall.example/", hub, token) == "");
    CHECK(token == "from-file");
    CHECK(hub == "https://hall.example");

    token.clear();
    CHECK(run("--token direct", hub, token) == "");
    CHECK(token == "direct");
    unsetenv("ONESTOP_TOKEN");

    token.clear();
    auto both = run("--token direct --token-file " + file.string(), hub, token);
    CHECK(both.find("--token") != std::string::npos);
    CHECK(both.find("--token-file") != std::string::npos);

    auto missing = run("--token-file " + (dir / "gone").string(), hub, token);
    CHECK(missing ==
          "--token-file: cannot read token file " + (dir / "gone").string() + ": no such file");
}

TEST_CASE("parse: 0 after --help and --version, 2 after a usage error, nullopt to go on") {
    auto run = [](std::vector<const char*> argv) {
        CLI::App app("test", "onestop-test");
        int window = 0;
        app.add_option("--window", window)->required()->check(CLI::Range(1, 999));
        argv.insert(argv.begin(), "onestop-test");
        return cli::parse(app, static_cast<int>(argv.size()), argv.data());
    };
    CHECK(run({"--help"}) == std::optional<int>(0));
    CHECK(run({"--version"}) == std::optional<int>(0));
    CHECK(run({"--window", "3"}) == std::nullopt);
    CHECK(run({}) == std::optional<int>(cli::kExitUsage));
    CHECK(run({"--window", "0"}) == std::optional<int>(cli::kExitUsage));
    CHECK(run({"--window", "3", "--frobnicate"}) == std::optional<int>(cli::kExitUsage));
}

TEST_CASE("--lang: zh or en, named when wrong") {
    config::Lang lang = config::Lang::Zh;
    CLI::App app("test", "test");
    cli::add_lang_flag(app, lang);
    CHECK(parse_error(app, "--lang en") == "");
    CHECK(lang == config::Lang::En);
    config::Lang other = config::Lang::Zh;
    CLI::App again("test", "test");
    cli::add_lang_flag(again, other);
    CHECK(parse_error(again, "--lang fr").find("--lang") != std::string::npos);
}
