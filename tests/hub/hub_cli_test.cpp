// onestop-hub's command line: help, usage errors, which subcommands may create a
// database, token list/revoke and staff list/disable against a running hub, error
// messages that carry their reason, failed starts that leave no database behind, and
// log timestamps in the hall's zone with the offset.
#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "hub_fixture.h"

using namespace onestop::test;
namespace fs = std::filesystem;

namespace {

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(line);
    return out;
}

std::vector<std::string> fields_of(const std::string& line) {
    std::vector<std::string> out;
    std::istringstream in(line);
    for (std::string field; std::getline(in, field, '\t');) out.push_back(field);
    return out;
}

std::vector<std::string> lines_of_file(const fs::path& file) {
    std::vector<std::string> out;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

bool leaves_no_database(const fs::path& db) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        if (fs::exists(db.string() + suffix)) return false;
    return true;
}

// GET /api/v1/events with a token, on a thread; knows when the hub ended the stream.
class TokenStream {
  public:
    TokenStream(const std::string& url, const std::string& token) : client_(url) {
        client_.set_read_timeout(30);
        thread_ = std::thread([this, token] {
            auto r = client_.Get(
                "/api/v1/events", {{"Authorization", "Bearer " + token}},
                [this](const httplib::Response& res) {
                    status_ = res.status;
                    return true;
                },
                [this](const char*, size_t) {
                    received_ = true;
                    return !stop_;
                });
            if (r && status_ == 0) status_ = r->status;
            ended_ = true;
        });
    }
    ~TokenStream() {
        stop_ = true;
        client_.stop();
        thread_.join();
    }
    // Polls until `condition` holds or the timeout passes.
    static bool wait(const std::function<bool()>& condition, std::chrono::milliseconds timeout) {
        auto deadline = std::chrono::steady_clock::now() + timeout;
        while (!condition()) {
            if (std::chrono::steady_clock::now() > deadline) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
        return true;
    }
    bool received() const { return received_; }
    bool ended() const { return ended_; }
    int status() const { return status_; }

  private:
    httplib::Client client_;
    std::atomic<int> status_{0};
    std::atomic<bool> received_{false}, ended_{false}, stop_{false};
    std::thread thread_;
};

// Sets an environment variable for the scope (the hub processes started inherit it).
class ScopedEnv {
  public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old;
        setenv(name, value, 1);
    }
    ~ScopedEnv() {
        if (old_)
            setenv(name_, old_->c_str(), 1);
        else
            unsetenv(name_);
    }

  private:
    const char* name_;
    std::optional<std::string> old_;
};

}  // namespace

TEST_CASE("every subcommand answers --help with its usage and exit 0; --version too") {
    const std::vector<std::vector<std::string>> helps = {{"--help"},
                                                         {"serve", "--help"},
                                                         {"init", "--help"},
                                                         {"token", "--help"},
                                                         {"token", "create", "--help"},
                                                         {"token", "list", "--help"},
                                                         {"token", "revoke", "--help"},
                                                         {"staff", "--help"},
                                                         {"staff", "add", "--help"},
                                                         {"staff", "list", "--help"},
                                                         {"staff", "disable", "--help"},
                                                         {"backup", "--help"},
                                                         {"restore", "--help"}};
    for (const auto& args : helps) {
        CAPTURE(args.size() > 1 ? args[0] + " " + args[1] : args[0]);
        auto r = hub_cli(args);
        CHECK(r.status == 0);
        CHECK(contains(r.out, "Usage"));
        CHECK(contains(r.out, "--help"));
    }
    CHECK(contains(hub_cli({"serve", "--help"}).out, "--public-url"));
    CHECK(contains(hub_cli({"token", "create", "--help"}).out, "--role"));
    CHECK(contains(hub_cli({"staff", "add", "--help"}).out, "--pin"));
    auto version = hub_cli({"--version"});
    CHECK(version.status == 0);
    CHECK(contains(version.out, "onestop-hub "));
}

TEST_CASE("usage errors exit 2 and name the flag") {
    TempDir dir;
    const std::string db = (dir / "hall.db").string();
    struct Case {
        std::vector<std::string> args;
        std::string named;
    };
    const std::vector<Case> cases = {
        {{"token", "create", "--db", db, "--name", "k"}, "--role"},
        {{"token", "create", "--db", db, "--role", "root", "--name", "k"}, "--role"},
        {{"token", "create", "--db", db, "--role", "pad", "--name", "p"}, "--window"},
        {{"token", "create", "--db", db, "--role", "kiosk", "--name", "a\tb"}, "--name"},
        {{"staff", "add", "--db", db, "--number", "S9", "--name", "王五", "--unit", "JWC"},
         "--pin"},
        {{"init"}, "--db"},
        {{"token", "revoke", "--db", db}, "ID"},
        {{"token", "revoke", "--db", db, "three"}, "ID"},
        {{"serve", "--db", db, "--listen", "8080"}, "--listen"},
        {{"--db", db, "--threads", "2"}, "--threads"},
        {{"--db", db, "--now", "yesterday"}, "--now"},
        {{"--db", db, "--bogus", "1"}, "--bogus"},
        {{"serve", "--db", db, "--public-url", "ftp://hall.example.edu"}, "--public-url"},
        {{"serve", "--db", db, "--public-url", "https://"}, "--public-url"},
        {{"serve", "--db", db, "--public-url", "https://hall.example.edu:99999/"}, "--public-url"},
        {{"serve", "--db", db, "--public-url", "https://hall.example.edu/t?x=1"}, "--public-url"},
        {{"serve", "--db", db, "--public-url", "https://user@hall.example.edu"}, "--public-url"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.named);
        auto r = hub_cli(c.args);
        CHECK(r.status == 2);
        CHECK(contains(r.err, c.named));
        CHECK(r.err.rfind("onestop-hub", 0) == 0);
    }
    CHECK(hub_cli({"token"}).status == 2);  // a subcommand of token is required
    CHECK(hub_cli({"frobnicate"}).status == 2);
    CHECK(leaves_no_database(db));  // usage errors happen before anything is opened
}

TEST_CASE("only init and serve create a database; the other subcommands refuse a missing one") {
    TempDir dir;
    const fs::path db = dir / "typo.db";
    const std::string refusal = "onestop-hub: no database at " + db.string() +
                                " (create one with: onestop-hub init --db " + db.string() + ")";
    const std::vector<std::vector<std::string>> admin = {
        {"token", "create", "--db", db.string(), "--role", "kiosk", "--name", "k"},
        {"token", "list", "--db", db.string()},
        {"token", "revoke", "--db", db.string(), "1"},
        {"staff", "add", "--db", db.string(), "--number", "S9", "--name", "王五", "--unit", "JWC",
         "--pin", "1234"},
        {"staff", "list", "--db", db.string()},
        {"staff", "disable", "--db", db.string(), "S9"}};
    for (const auto& args : admin) {
        CAPTURE(args[0] + " " + args[1]);
        auto r = hub_cli(args);
        CHECK(r.status == 1);
        CHECK(contains(r.err, refusal));
        CHECK(r.out.empty());
        CHECK(leaves_no_database(db));
    }

    auto init = hub_cli({"init", "--db", db.string(), "--hall", ONESTOP_TEST_HALL});
    CHECK(init.status == 0);
    CHECK(contains(init.out, db.string()));
    CHECK(fs::exists(db));
    auto again = hub_cli({"init", "--db", db.string()});
    CHECK(again.status == 1);
    CHECK(contains(again.err, "already exists"));
    auto token =
        hub_cli({"token", "create", "--db", db.string(), "--role", "kiosk", "--name", "k"});
    CHECK(token.status == 0);
    CHECK(token.out.size() == 65);  // the token alone: 64 hex characters and a newline
    // A window the hall does not have, a unit it does not have.
    CHECK(hub_cli({"token", "create", "--db", db.string(), "--role", "pad", "--name", "p",
                   "--window", "99"})
              .status == 1);
    CHECK(hub_cli({"staff", "add", "--db", db.string(), "--number", "S9", "--name", "王五",
                   "--unit", "NOPE", "--pin", "1234"})
              .status == 1);
    auto unknown = hub_cli({"token", "revoke", "--db", db.string(), "99"});
    CHECK(unknown.status == 1);
    CHECK(contains(unknown.err, "there is no device 99"));
    auto nobody = hub_cli({"staff", "disable", "--db", db.string(), "S404"});
    CHECK(nobody.status == 1);
    CHECK(contains(nobody.err, "there is no staff member S404"));
}

TEST_CASE("token list shows every device but never a token; revoke refuses it at once") {
    HubFixture f;
    const std::string db = f.hub.options().db.string();
    // A revoked token ends its open event stream; other tokens' streams go on.
    TokenStream kiosk_stream(f.hub.url(), f.kiosk);
    TokenStream board_stream(f.hub.url(), f.board);
    REQUIRE(TokenStream::wait([&] { return kiosk_stream.received() && board_stream.received(); },
                              std::chrono::seconds(5)));
    CHECK(kiosk_stream.status() == 200);
    f.issue();  // with f.kiosk

    auto list = hub_cli({"token", "list", "--db", db});
    REQUIRE(list.status == 0);
    auto lines = lines_of(list.out);
    REQUIRE(lines.size() == 7);  // the fixture's seven devices
    for (const std::string& token :
         {f.kiosk, f.kiosk2, f.counter, f.pad1, f.pad2, f.admin, f.board})
        CHECK_FALSE(contains(list.out, token));
    std::string kiosk_id;
    for (const auto& line : lines) {
        auto fields = fields_of(line);
        REQUIRE(fields.size() == 7);  // ID ROLE NAME WINDOW CREATED LAST_SEEN STATUS
        CHECK(fields[6] == "active");
        CHECK(std::regex_match(fields[4], std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00)")));
        if (fields[2] == "pad-1") CHECK(fields[3] == "1");
        if (fields[2] == "大厅入口二号机") CHECK(fields[5] == "-");  // never used
        if (fields[2] == "大厅入口一号机") {
            kiosk_id = fields[0];
            CHECK(fields[1] == "kiosk");
            CHECK(fields[3] == "-");
            CHECK(fields[5].rfind("2026-11-27T09:", 0) == 0);  // seen by the hub (its clock)
        }
    }
    REQUIRE_FALSE(kiosk_id.empty());

    auto revoke = hub_cli({"token", "revoke", "--db", db, kiosk_id});
    CHECK(revoke.status == 0);
    auto started = std::chrono::steady_clock::now();
    auto refused =
        f.post("/api/v1/tickets", {{"service", "A"}, {"request_id", "after-revoke"}}, f.kiosk);
    CHECK(refused.status == 401);
    CHECK(refused.body["error"]["code"] == "unauthorized");
    CHECK(contains(refused.text, "revoked"));
    CHECK(TokenStream::wait([&] { return kiosk_stream.ended(); }, std::chrono::seconds(5)));
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(2500));
    CHECK_FALSE(board_stream.ended());
    TokenStream reopened(f.hub.url(), f.kiosk);
    CHECK(TokenStream::wait([&] { return reopened.ended(); }, std::chrono::seconds(5)));
    CHECK(reopened.status() == 401);
    CHECK(f.post("/api/v1/tickets", {{"service", "A"}, {"request_id", "other-kiosk"}}, f.kiosk2)
              .status == 201);

    // Listed as revoked, with the row kept; a second revoke keeps the first time.
    auto after = lines_of(hub_cli({"token", "list", "--db", db}).out);
    REQUIRE(after.size() == 7);
    std::string status;
    for (const auto& line : after)
        if (fields_of(line)[0] == kiosk_id) status = fields_of(line)[6];
    CHECK(status.rfind("revoked 20", 0) == 0);
    CHECK(hub_cli({"token", "revoke", "--db", db, kiosk_id}).status == 0);
    for (const auto& line : lines_of(hub_cli({"token", "list", "--db", db}).out))
        if (fields_of(line)[0] == kiosk_id) CHECK(fields_of(line)[6] == status);
}

TEST_CASE("staff list and disable: a disabled member's sign-in is refused") {
    HubFixture f;
    const std::string db = f.hub.options().db.string();
    auto list = hub_cli({"staff", "list", "--db", db});
    REQUIRE(list.status == 0);
    CHECK(lines_of(list.out) ==
          std::vector<std::string>{"S001\t张三\tJWC\tactive", "S002\t李四\tCWC\tactive"});
    CHECK_FALSE(contains(list.out, "$argon"));  // no PIN hashes

    REQUIRE(hub_cli({"staff", "disable", "--db", db, "S001"}).status == 0);
    const nlohmann::json login = {{"window", 1}, {"staff", "S001"}, {"pin", "1234"}};
    auto refused = f.post("/api/v1/sessions", login, f.counter);
    CHECK(refused.status == 403);
    CHECK(refused.body["error"]["code"] == "staff_disabled");
    // A wrong PIN says nothing about the member being disabled.
    auto wrong =
        f.post("/api/v1/sessions", {{"window", 1}, {"staff", "S001"}, {"pin", "9999"}}, f.counter);
    CHECK(wrong.status == 401);
    auto listed = lines_of(hub_cli({"staff", "list", "--db", db}).out);
    REQUIRE(listed.size() == 2);
    CHECK(listed[0].rfind("S001\t张三\tJWC\tdisabled 20", 0) == 0);
    // The change is in the audit log, with who made it.
    auto audit = f.get("/api/v1/audit?action=staff.disable", f.admin);
    REQUIRE(audit.body["entries"].size() == 1);
    CHECK(audit.body["entries"][0]["target"] == "S001");
    CHECK(audit.body["entries"][0]["who"].get<std::string>().rfind("command line (uid ", 0) == 0);
    CHECK(listed[1] == "S002\t李四\tCWC\tactive");
    CHECK(f.post("/api/v1/sessions", {{"window", 2}, {"staff", "S002"}, {"pin", "1234"}}, f.counter)
              .status == 201);

    // staff add enables the member again, and the log keeps what they were.
    f.hub.add_staff("S001", "张三", "JWC", "1234");
    CHECK(f.post("/api/v1/sessions", login, f.counter).status == 201);
    auto edited = f.get("/api/v1/audit?action=staff.edit", f.admin);
    REQUIRE(edited.body["entries"].size() == 1);
    const auto& entry = edited.body["entries"][0];
    CHECK(entry["target"] == "S001");
    CHECK(entry["before"]["disabled_at"].is_string());
    CHECK(entry["after"]["disabled_at"].is_null());
    CHECK(entry["after"]["pin"] == "set");
    // The fixture's members were added the same way: each a staff.add entry.
    CHECK(f.get("/api/v1/audit?action=staff.add", f.admin).body["entries"].size() == 2);
}

TEST_CASE("a failed start says why and leaves no half-made database behind") {
    TempDir dir;
    const fs::path db = dir / "new.db";
    const std::string missing_hall = (dir / "no-such-hall.toml").string();
    for (const std::string command : {"serve", "init"}) {
        CAPTURE(command);
        std::vector<std::string> args = {command, "--db", db.string(), "--hall", missing_hall};
        if (command == "serve") args.insert(args.end(), {"--listen", "127.0.0.1:0"});
        auto r = hub_cli(args);
        CHECK(r.status == 1);
        CHECK(contains(r.err, "cannot read " + missing_hall + ": no such file"));
        CHECK(leaves_no_database(db));
    }

    const fs::path nowhere = dir / "no-such-dir" / "hall.db";
    for (const std::string command : {"serve", "init"}) {
        CAPTURE(command);
        auto r = hub_cli({command, "--db", nowhere.string()});
        CHECK(r.status == 1);
        CHECK(contains(r.err, "cannot open database " + nowhere.string() + ": directory " +
                                  (dir / "no-such-dir").string() + " does not exist"));
        CHECK_FALSE(fs::exists(dir / "no-such-dir"));
    }

    // An address the hub cannot listen on (TEST-NET-1 is never local): the database made
    // for this start goes; a database that existed before stays.
    auto r = hub_cli(
        {"serve", "--db", db.string(), "--hall", ONESTOP_TEST_HALL, "--listen", "192.0.2.1:8080"});
    CHECK(r.status == 1);
    CHECK(contains(r.err, "cannot listen on 192.0.2.1:8080"));
    CHECK(leaves_no_database(db));
    REQUIRE(hub_cli({"init", "--db", db.string(), "--hall", ONESTOP_TEST_HALL}).status == 0);
    CHECK(hub_cli({"serve", "--db", db.string(), "--listen", "192.0.2.1:8080"}).status == 1);
    CHECK(fs::exists(db));
}

TEST_CASE("log lines carry the hall's time zone with its offset from the first line on") {
    // The process's zone is not the hall's (Asia/Shanghai): the hub must still log in the
    // hall's, and a line from before the hall is known must say its offset.
    ScopedEnv zone("TZ", "America/New_York");
    TempDir dir;
    HubProcess hub(
        {dir / "hub.db", "", ONESTOP_TEST_HALL, {"--public-url", "https://hall.example.edu/"}});
    hub.start();
    httplib::Client(hub.url()).Get("/api/v1/health");
    CHECK(hub.terminate() == 0);
    auto lines = lines_of_file(dir / "hub.db.hub-stderr.log");
    REQUIRE(lines.size() >= 2);  // "serving …", "signal 15: stopping", "stopped"
    const std::regex hall_line(R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+08:00\] \[hub\] .*)");
    for (const auto& line : lines) {
        CAPTURE(line);
        CHECK(std::regex_match(line, hall_line));
    }

    auto failed = hub_cli(
        {"serve", "--db", (dir / "other.db").string(), "--hall", (dir / "missing.toml").string()});
    CHECK(failed.status == 1);
    auto failed_lines = lines_of(failed.err);
    REQUIRE(failed_lines.size() == 1);
    CHECK(std::regex_match(
        failed_lines[0],
        std::regex(
            R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}-0[45]:00\] \[hub\] \[error\] cannot read .*)")));
}
