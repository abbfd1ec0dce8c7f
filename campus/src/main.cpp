// onestop-campus: the campus view across halls, read from the campus PostgreSQL the halls'
// hubs ship to (onestop-hub serve --campus; docs/campus.md).
#include <CLI/CLI.hpp>

#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "campus_server.h"
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
  onestop-campus serve --pg URL [--passfile FILE] [--listen HOST:PORT]

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

// Serves until SIGTERM or SIGINT, taken by one thread with sigwait.
int serve_campus(const Database& db, const std::string& listen) {
    auto colon = listen.rfind(':');
    int port = -1;
    if (colon != std::string::npos && colon + 1 < listen.size() && listen.size() - colon <= 6 &&
        listen.find_first_not_of("0123456789", colon + 1) == std::string::npos)
        port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535)
        return fail("--listen: '" + listen + "' is not HOST:PORT with a port 0…65535", kUsage);
    std::string host = listen.substr(0, colon);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    auto server = campus::CampusServer::create(*pg::make_target(db.url, db.passfile), host, port);
    if (!server) return fail(server.error().message);
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        (*server)->stop();
    });
    std::cout << "listening on http://" << host << ":" << (*server)->port() << std::endl;
    (*server)->run();
    pthread_kill(stopper.native_handle(), SIGTERM);  // wakes sigwait when the server stopped first
    stopper.join();
    return 0;
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

    Database serve_db;
    std::string listen = "127.0.0.1:8090";
    auto* serve = app.add_subcommand(
        "serve",
        "Serve the read-only campus console (/) and API (/api/v1/halls, "
        "/api/v1/report?date=YYYY-MM); prints \"listening on http://HOST:PORT\" once ready.");
    database_options(*serve, serve_db);
    serve
        ->add_option("--listen", listen,
                     "address to listen on; port 0 picks a free one [default: 127.0.0.1:8090]")
        ->type_name("HOST:PORT");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);
        return code == 0 ? 0 : kUsage;
    }

    const Database& chosen = *report ? report_db : *migrate ? migrate_db : serve_db;
    if (auto target = pg::make_target(chosen.url, chosen.passfile); !target)
        return fail("--pg: " + target.error().message, kUsage);
    if (*serve) return serve_campus(chosen, listen);
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
