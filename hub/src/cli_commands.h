#pragma once
// What onestop-hub's subcommands do once their flags are parsed (main.cpp parses them).
// Each returns the process's exit code: 0 done, 1 failed (the reason on stderr).
// Only `serve` and `init` create a database; the others refuse a path that holds none.

#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <string>

#include "hub.h"

namespace onestop::hub::cli {

inline constexpr int kFailed = 1;
inline constexpr int kUsage = 2;  // a flag is missing, unknown or invalid

// Prints "onestop-hub: MESSAGE" on stderr; returns `code`.
int fail(const std::string& message, int code = kFailed);

int serve(const ServeOptions& options);
int init(const std::filesystem::path& db, const std::optional<std::filesystem::path>& hall);

struct NewToken {
    std::filesystem::path db;
    std::string role;
    std::string name;
    int window = 0;  // 0: none
};
int token_create(const NewToken& token);
int token_list(const std::filesystem::path& db);
int token_revoke(const std::filesystem::path& db, int64_t id);

int staff_add(const std::filesystem::path& db, const store::Staff& staff, const std::string& pin);
int staff_list(const std::filesystem::path& db);
int staff_disable(const std::filesystem::path& db, const std::string& number);

struct NewAccount {
    std::filesystem::path db;
    std::string login;
    std::string name;
    std::string role;  // office | unit | viewer
    std::string unit;  // unit accounts only
};
// The password is the first line of standard input (never a flag: it would stay in the
// shell's history and show in ps).
int account_add(const NewAccount& account, std::istream& in);

// An online copy of `db` into `dir` (made if missing), checked with integrity_check and
// named <db stem>-<UTC time>.db; keeps the newest `keep` there. Prints the file written.
int backup(const std::filesystem::path& db, const std::filesystem::path& dir, int keep);
// Puts backup `from` in place as `db` while no hub serves it; the database it replaces is
// kept beside it as <stem>-before-restore-<UTC time>.db.
int restore(const std::filesystem::path& from, const std::filesystem::path& db);

// Flag values: the parsed value, or nullopt when the text is not one.
struct ListenAddress {
    std::string host;
    int port = 0;
};
std::optional<ListenAddress> parse_listen(const std::string& text);
// http(s)://host[:port][/path] without query, fragment or user; returned without a
// trailing slash, so "<url>/t/12" is always a well-formed link.
std::optional<std::string> parse_public_url(const std::string& text);

}  // namespace onestop::hub::cli
