// onestop-hub: the hall's server and its admin subcommands (CONTRACT.md). This file
// parses the command line (CLI11); cli_commands.cpp does the work.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli_commands.h"
#include "onestop/base/time.h"
#include "onestop/base/version.h"
#include "onestop/pg/target.h"

using namespace onestop;
using namespace onestop::hub;

namespace {

const char* kFooter = R"(
In short:
  onestop-hub [serve] [--db PATH] [--listen HOST:PORT] [--hall FILE] [--now ISO8601]
                      [--threads N] [--max-streams N] [--ping-seconds S] [--public-url URL]
                      [--tls-cert FILE --tls-key FILE]
                      [--campus postgresql://USER@HOST/DB [--campus-passfile FILE]]
  onestop-hub init --db PATH [--hall FILE]
  onestop-hub token create --db PATH --role kiosk|pad|board|counter|admin --name NAME [--window N]
  onestop-hub token list --db PATH
  onestop-hub token revoke --db PATH ID
  onestop-hub staff add --db PATH --number NO --name NAME --unit CODE --pin PIN
  onestop-hub staff list --db PATH
  onestop-hub staff disable --db PATH NO
  onestop-hub account add --db PATH --login L --name N --role office|unit|viewer [--unit CODE]
  onestop-hub backup --db PATH --to DIR [--keep N]
  onestop-hub restore --from FILE --db PATH

Only serve and init create a database; the other subcommands refuse a path that holds
none. Exit status: 0 done, 1 failed (the reason on stderr), 2 a flag missing or wrong.
Run "onestop-hub SUBCOMMAND --help" for a subcommand's flags; the HTTP API is in
docs/api.md, running a hall in docs/operations.md.)";

const char* kServeFooter = R"(
serve is the default: "onestop-hub --db PATH" is "onestop-hub serve --db PATH".
It creates and seeds the database when none exists. Once accepting connections it prints
exactly one line "listening on http://HOST:PORT" to stdout. A failed start (hall file,
database or address unusable) says why, exits 1 and removes a database it had just
created. SIGTERM/SIGINT: finishes requests in flight, closes the database, exits 0.

--campus ships the hall's event log to the campus PostgreSQL on a thread of its own, in
order and exactly once; the hall never waits for it, and while the campus is away the
backlog grows (onestop_campus_* on /metrics) and is shipped when it is back. The URL must
not carry a password: it comes from --campus-passfile FILE, else PGPASSFILE, else
~/.pgpass (lines host:port:database:user:password, mode 0600). docs/campus.md.)";

const char* kTokenListFooter = R"(
One line per device, revoked ones too, tab-separated:
  ID ROLE NAME WINDOW CREATED LAST_SEEN STATUS
WINDOW and LAST_SEEN are "-" when none; LAST_SEEN is when the hub last saw the token
(to the minute); STATUS is "active" or "revoked <time>". Tokens are never shown.)";

const char* kTokenRevokeFooter = R"(
The hub refuses the token (401) from its next request on, also while it runs, and ends
the token's open event streams within two seconds. The device stays listed, revoked.)";

const char* kStaffListFooter = R"(
One line per staff member, tab-separated: NUMBER NAME UNIT STATUS, where STATUS is
"active" or "disabled <time>".)";

const char* kStaffDisableFooter = R"(
Their sign-ins are refused (403 staff_disabled); the record stays, and "staff add" with
the same number enables them again.)";

const char* kBackupFooter = R"(
The copy is taken while the hub serves (SQLite's backup API reads the database as of one
commit; the hub keeps writing), checked with PRAGMA integrity_check, and only then named
DIR/<db name>-<UTC time>.db, e.g. onestop-20261201T031500Z.db: a file with that name is a
whole, verified backup. Prints that path alone on stdout. The oldest backups of this
database in DIR beyond --keep are removed; other files there are left alone.)";

const char* kRestoreFooter = R"(
Stop the hub first (systemctl stop onestop-hub): restore refuses while a hub serves the
database, and a hub does not start while a restore runs. FILE is checked (integrity, a
OneStop database of a schema this hub knows) before anything is touched; the database it
replaces is first copied beside it as <db name>-before-restore-<UTC time>.db. The next
start migrates an older backup's schema.)";

// "onestop-hub token create": the subcommands the parser had reached, for error hints.
std::string command_path(const CLI::App& app) {
    std::string path = app.get_name();
    for (const CLI::App* at = &app; !at->get_subcommands().empty();) {
        at = at->get_subcommands().front();
        path += " " + at->get_name();
    }
    return path;
}

CLI::Validator positive_integer() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            bool digits = !text.empty() && text.size() <= 18 &&
                          text.find_first_not_of("0123456789") == std::string::npos;
            return digits && std::stoll(text) > 0 ? "" : "'" + text + "' is not a positive number";
        },
        "", "");
}

// A CLI11 check from a parser: the text is accepted when `parse` returns a value.
template <typename Parse>
CLI::Validator accepts(Parse parse, const std::string& expected) {
    return CLI::Validator(
        [parse, expected](std::string& text) -> std::string {
            return parse(text) ? "" : "'" + text + "' is not " + expected;
        },
        "", "");
}

CLI::Option* db_option(CLI::App& app, std::filesystem::path& db, bool required) {
    auto* o = app.add_option(
        "--db", db,
        required ? "the hall database" : "the hall database [default: " + db.string() + "]");
    o->type_name("PATH");
    return required ? o->required() : o;
}

// `onestop-hub --db X` is `onestop-hub serve --db X`: serve is the default subcommand.
std::vector<std::string> with_default_subcommand(int argc, char** argv) {
    std::vector<std::string> args(argv, argv + argc);
    const bool flag_first = argc > 1 && args[1].rfind("-", 0) == 0 && args[1] != "-h" &&
                            args[1] != "--help" && args[1] != "--version";
    if (argc == 1 || flag_first) args.insert(args.begin() + 1, "serve");
    return args;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app(
        "onestop-hub — the one-stop service hall's server (SQLite store, HTTP API, event "
        "stream, web pages) and its admin commands",
        "onestop-hub");
    app.set_version_flag("--version", std::string("onestop-hub ") + version());
    app.require_subcommand(1);
    app.failure_message([](const CLI::App* failed, const CLI::Error& e) {
        std::string path = command_path(*failed);
        return path + ": " + e.what() + " (see " + path + " --help)\n";
    });

    // serve
    ServeOptions serve;
    std::string listen, now;
    std::optional<std::filesystem::path> serve_hall;
    auto* serve_cmd = app.add_subcommand(
        "serve", "Serve the hall: HTTP API, event stream, web pages (the default subcommand).");
    serve_cmd->footer(kServeFooter);
    db_option(*serve_cmd, serve.db, false);
    serve_cmd
        ->add_option("--listen", listen,
                     "address to listen on; port 0 picks a free port [default: 127.0.0.1:8080]")
        ->type_name("HOST:PORT")
        ->check(accepts(cli::parse_listen, "HOST:PORT with a port 0…65535"));
    serve_cmd
        ->add_option("--hall", serve_hall,
                     "hall file (TOML); on an existing database it replaces the stored hall "
                     "[default: the database's, else the shipped assets/halls/default.toml]")
        ->type_name("FILE");
    serve_cmd
        ->add_option("--now", now,
                     "start the hub's clock at this instant (it then runs at normal speed)")
        ->type_name("ISO8601")
        ->check(accepts(parse_iso8601, "an ISO 8601 time such as 2026-11-27T09:00:00+08:00"));
    // The range and default go into the text: CLI11 would print them as "N:INT in [4 - 4096]=256".
    for (auto [flag, value, help, unit, low, high] :
         {std::tuple{"--threads", &serve.threads,
                     "threads that handle API requests (event streams need none)", "N", 4, 4096},
          {"--max-streams", &serve.max_streams,
           "open event streams allowed (also capped by the open-file limit)", "N", 1, 1000000},
          {"--ping-seconds", &serve.ping_seconds,
           "seconds between \": ping\" comments on idle event streams", "S", 1, 15}})
        serve_cmd
            ->add_option(flag, *value,
                         std::string(help) + ", " + std::to_string(low) + "…" +
                             std::to_string(high) + " [default: " + std::to_string(*value) + "]")
            ->type_name(unit)
            ->check(CLI::Range(low, high).description(""));
    serve_cmd
        ->add_option("--public-url", serve.public_url,
                     "the hub's address as phones reach it, for the links on tickets: "
                     "http(s)://host[:port][/path]")
        ->type_name("URL")
        ->check(accepts(cli::parse_public_url, "http(s)://host[:port][/path]"));
    auto* tls_cert = serve_cmd
                         ->add_option("--tls-cert", serve.tls_cert,
                                      "serve HTTPS with this certificate (PEM; a chain after it), "
                                      "with --tls-key (docs/operations.md: making one)")
                         ->type_name("FILE");
    auto* tls_key =
        serve_cmd->add_option("--tls-key", serve.tls_key, "the certificate's private key (PEM)")
            ->type_name("FILE");
    tls_cert->needs(tls_key);
    tls_key->needs(tls_cert);
    auto* campus = serve_cmd
                       ->add_option("--campus", serve.campus,
                                    "ship the hall's event log to this campus PostgreSQL database "
                                    "(postgresql://USER@HOST[:PORT]/DB, never with a password)")
                       ->type_name("URL");
    serve_cmd
        ->add_option("--campus-passfile", serve.campus_passfile,
                     "the campus database's password file (libpq's .pgpass format, mode 0600) "
                     "[default: PGPASSFILE, else ~/.pgpass]")
        ->type_name("FILE")
        ->needs(campus);

    // init
    std::filesystem::path init_db;
    std::optional<std::filesystem::path> init_hall;
    auto* init_cmd = app.add_subcommand(
        "init", "Create a hall database and seed it from the hall file; refuses an existing one.");
    db_option(*init_cmd, init_db, true);
    init_cmd
        ->add_option("--hall", init_hall,
                     "hall file (TOML) [default: the shipped assets/halls/default.toml]")
        ->type_name("FILE");

    // token create | list | revoke
    auto* token_cmd =
        app.add_subcommand("token", "Device tokens (kiosks, pads, boards, counters, admin).");
    token_cmd->require_subcommand(1);
    cli::NewToken new_token;
    new_token.db = serve.db;
    auto* token_create = token_cmd->add_subcommand(
        "create", "Create a device and print its token alone on stdout (shown only this once).");
    db_option(*token_create, new_token.db, false);
    token_create->add_option("--role", new_token.role, "what the device is")
        ->required()
        ->check(CLI::IsMember({"kiosk", "pad", "board", "counter", "admin"}));
    token_create->add_option("--name", new_token.name, "a name the hall office knows it by")
        ->required();
    token_create
        ->add_option("--window", new_token.window,
                     "the device's window: required for pads (the window whose ratings they "
                     "take), optional for boards and counters")
        ->type_name("N")
        ->check(positive_integer());
    std::filesystem::path token_db = serve.db;
    auto* token_list = token_cmd->add_subcommand("list", "List the devices (never their tokens).");
    token_list->footer(kTokenListFooter);
    db_option(*token_list, token_db, false);
    int64_t revoke_id = 0;
    auto* token_revoke = token_cmd->add_subcommand("revoke", "Revoke a device's token.");
    token_revoke->footer(kTokenRevokeFooter);
    db_option(*token_revoke, token_db, false);
    token_revoke->add_option("ID", revoke_id, "the device's ID (see token list)")
        ->required()
        ->check(positive_integer());

    // staff add | list | disable
    auto* staff_cmd = app.add_subcommand("staff", "Window staff who sign in at the counters.");
    staff_cmd->require_subcommand(1);
    std::filesystem::path staff_db = serve.db;
    store::Staff staff;
    std::string pin;
    auto* staff_add = staff_cmd->add_subcommand(
        "add",
        "Add a staff member, or update the name, unit and PIN of an existing number "
        "(enabling a disabled one again).");
    db_option(*staff_add, staff_db, false);
    staff_add->add_option("--number", staff.number, "staff number, e.g. S001")
        ->required()
        ->type_name("NO");
    staff_add->add_option("--name", staff.name, "full name")->required();
    staff_add->add_option("--unit", staff.unit, "the unit's code in the hall file")
        ->required()
        ->type_name("CODE");
    staff_add->add_option("--pin", pin, "sign-in PIN, 4 to 12 characters")->required();
    auto* staff_list = staff_cmd->add_subcommand("list", "List the staff members.");
    staff_list->footer(kStaffListFooter);
    db_option(*staff_list, staff_db, false);
    std::string disable_number;
    auto* staff_disable = staff_cmd->add_subcommand("disable", "Disable a staff member.");
    staff_disable->footer(kStaffDisableFooter);
    db_option(*staff_disable, staff_db, false);
    staff_disable->add_option("NO", disable_number, "the staff number")->required();

    // account add
    auto* account_cmd = app.add_subcommand("account", "The hall office's console accounts.");
    account_cmd->require_subcommand(1);
    cli::NewAccount account{serve.db, "", "", "", ""};
    auto* account_add = account_cmd->add_subcommand(
        "add", "Add a console account; its password is read from standard input.");
    account_add->footer(
        "\nThe password is the first line of standard input (8 characters or more), e.g.\n"
        "  printf '%s\\n' \"$PASSWORD\" | onestop-hub account add --db onestop.db --login wang "
        "--name 王老师 --role office\nRoles: office (北区办, everything), unit (a unit's lead: "
        "its own unit only, needs --unit), viewer (管委会: reads everything, changes nothing).");
    db_option(*account_add, account.db, false);
    account_add->add_option("--login", account.login, "sign-in name")->required()->type_name("L");
    account_add->add_option("--name", account.name, "display name")->required()->type_name("N");
    account_add->add_option("--role", account.role, "office, unit or viewer")
        ->required()
        ->type_name("ROLE");
    account_add->add_option("--unit", account.unit, "the unit's code (unit accounts)")
        ->type_name("CODE");

    // backup | restore
    std::filesystem::path backup_db = serve.db, backup_dir, restore_from;
    int keep = 14;
    auto* backup_cmd = app.add_subcommand(
        "backup", "Take an online, verified backup of the database into a folder; rotate.");
    backup_cmd->footer(kBackupFooter);
    db_option(*backup_cmd, backup_db, true);
    backup_cmd->add_option("--to", backup_dir, "the backups' folder (made if missing)")
        ->required()
        ->type_name("DIR");
    backup_cmd
        ->add_option("--keep", keep,
                     "how many backups of this database to keep there, 1…10000 [default: 14]")
        ->type_name("N")
        ->check(CLI::Range(1, 10000).description(""));
    auto* restore_cmd = app.add_subcommand(
        "restore", "Put a backup in place as the database (the hub must be stopped).");
    restore_cmd->footer(kRestoreFooter);
    restore_cmd->add_option("--from", restore_from, "the backup file")
        ->required()
        ->type_name("FILE");
    db_option(*restore_cmd, backup_db, true);

    app.footer(kFooter);  // set last: subcommands would inherit it

    std::vector<std::string> args = with_default_subcommand(argc, argv);
    // CLI11 would only say "A subcommand is required" for a mistyped one.
    if (args[1].rfind("-", 0) != 0 &&
        app.get_subcommands([&](CLI::App* sub) { return sub->get_name() == args[1]; }).empty()) {
        std::cerr << "onestop-hub: unknown subcommand '" << args[1]
                  << "' (see onestop-hub --help)\n";
        return cli::kUsage;
    }
    std::vector<char*> arg_ptrs;
    for (auto& a : args) arg_ptrs.push_back(a.data());
    try {
        app.parse(static_cast<int>(arg_ptrs.size()), arg_ptrs.data());
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);  // prints help, the version or the error
        return code == 0 ? 0 : cli::kUsage;
    }

    if (*serve_cmd) {
        serve.hall = serve_hall;
        if (!listen.empty()) {
            auto address = cli::parse_listen(listen);
            serve.host = address->host;
            serve.port = address->port;
        }
        if (!now.empty()) serve.now = parse_iso8601(now);
        if (!serve.public_url.empty()) serve.public_url = *cli::parse_public_url(serve.public_url);
        if (!serve.campus.empty())
            if (auto target = pg::make_target(serve.campus, serve.campus_passfile); !target)
                return cli::fail("--campus: " + target.error().message, cli::kUsage);
        return cli::serve(serve);
    }
    if (*init_cmd) return cli::init(init_db, init_hall);
    if (*token_create) return cli::token_create(new_token);
    if (*token_list) return cli::token_list(token_db);
    if (*token_revoke) return cli::token_revoke(token_db, revoke_id);
    if (*staff_add) return cli::staff_add(staff_db, staff, pin);
    if (*staff_list) return cli::staff_list(staff_db);
    if (*account_add) return cli::account_add(account, std::cin);
    if (*backup_cmd) return cli::backup(backup_db, backup_dir, keep);
    if (*restore_cmd) return cli::restore(restore_from, backup_db);
    return cli::staff_disable(staff_db, disable_number);
}
