// onestop-campus: the campus view across halls, read from the campus PostgreSQL the halls'
// hubs ship to (onestop-hub serve --campus; docs/campus.md).
#include <CLI/CLI.hpp>

#include <iostream>

#include "onestop/base/version.h"
#include "onestop/pg/campus_schema.h"
#include "report.h"

using namespace onestop;

namespace {

constexpr int kFailed = 1;
constexpr int kUsage = 2;

const char* kFooter = R"(
In short:
  onestop-campus report --pg URL --date YYYY-MM [--passfile FILE]
  onestop-campus migrate --pg URL [--passfile FILE]

URL is postgresql://USER@HOST[:PORT]/DB without a password: it comes from --passfile FILE,
else PGPASSFILE, else ~/.pgpass. Exit status: 0 done, 1 failed (the reason on stderr),
2 a flag missing or wrong. docs/campus.md.)";

int fail(const std::string& message, int code = kFailed) {
    std::cerr << "onestop-campus: " << message << "\n";
    return code;
}

struct Database {
    std::string url;
    std::filesystem::path passfile;
};

void database_options(CLI::App& cmd, Database& db) {
    cmd.add_option("--pg", db.url, "the campus database: postgresql://USER@HOST[:PORT]/DB")
        ->type_name("URL")
        ->required();
    cmd.add_option("--passfile", db.passfile,
                   "its password file (libpq's .pgpass format, mode 0600) "
                   "[default: PGPASSFILE, else ~/.pgpass]")
        ->type_name("FILE");
}

Result<std::unique_ptr<pg::Connection>> connect(const Database& db) {
    auto target = pg::make_target(db.url, db.passfile);
    if (!target) return target.error();
    return pg::Connection::open(*target, "onestop-campus");
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app("onestop-campus — every hall's figures from the campus PostgreSQL",
                 "onestop-campus");
    app.set_version_flag("--version", std::string("onestop-campus ") + version());
    app.require_subcommand(1);
    app.footer(kFooter);

    Database report_db;
    std::string month;
    auto* report = app.add_subcommand(
        "report",
        "Print the month's tickets, ratings and cases per hall and unit as JSON: "
        "{\"month\",\"halls\":[{\"hall\",\"tickets\",\"ratings\",\"cases\",\"units\":[…]}]}.");
    database_options(*report, report_db);
    report->add_option("--date", month, "the month, in each hall's own time zone")
        ->type_name("YYYY-MM")
        ->required()
        ->check(CLI::Validator(
            [](std::string& text) -> std::string {
                return campus::valid_month(text) ? "" : "'" + text + "' is not a month YYYY-MM";
            },
            "", ""));

    Database migrate_db;
    auto* migrate = app.add_subcommand(
        "migrate",
        "Bring the campus schema to this version (hubs also do it when they connect; run it "
        "as the schema's owner when the hubs' role may not create tables).");
    database_options(*migrate, migrate_db);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : kUsage;
    }

    const Database& chosen = *report ? report_db : migrate_db;
    if (auto target = pg::make_target(chosen.url, chosen.passfile); !target)
        return fail("--pg: " + target.error().message, kUsage);
    auto db = connect(chosen);
    if (!db) return fail(db.error().message);
    if (*migrate) {
        if (auto st = pg::migrate_campus(**db); !st) return fail(st.error().message);
        std::cout << "campus schema at version " << pg::campus_migrations().size() << std::endl;
        return 0;
    }
    auto figures = campus::monthly_report(**db, month);
    if (!figures) return fail(figures.error().message);
    std::cout << figures->dump() << std::endl;
    return 0;
}
