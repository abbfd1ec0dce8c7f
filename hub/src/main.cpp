// onestop-hub: the hall's server and its two admin sub-commands (CONTRACT.md).
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <iostream>
#include <map>
#include <thread>

#include "hub.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/base/version.h"
#include "onestop/store/secrets.h"

using namespace onestop;

namespace {

const char* kUsage =
    R"(onestop-hub — the one-stop service hall's server (SQLite store, HTTP API, event stream, web pages)

Usage:
  onestop-hub [serve] [--db PATH] [--listen HOST:PORT] [--hall FILE] [--now ISO8601] [--threads N]
                      [--ping-seconds S] [--public-url URL]
  onestop-hub token create --db PATH --role kiosk|pad|board|counter|admin --name NAME [--window N]
  onestop-hub staff add --db PATH --number NO --name NAME --unit CODE --pin PIN
  onestop-hub --help | --version

serve (the default):
  --db PATH           the hall database (default ./onestop.db); an empty one is created and
                      seeded from the hall file
  --listen HOST:PORT  default 127.0.0.1:8080; port 0 picks a free port. Once accepting, prints
                      exactly one line "listening on http://HOST:PORT" to stdout
  --hall FILE         hall file (TOML); given on an existing database it replaces the stored
                      hall configuration (default: the database's, else assets/halls/default.toml)
  --now ISO8601       start the hub's clock at this instant (it then runs at normal speed)
  --threads N         HTTP worker threads (default 256; each open event stream holds one)
  --ping-seconds S     seconds between ": ping" comments on idle event streams (default 10, max 15)
  --public-url URL    the address phones use for /t/ links; ticket answers then carry "url"
  SIGTERM/SIGINT: finishes requests in flight, closes the database, exits 0.

token create: prints the new token alone on stdout (only its hash is stored).
  --window N is required for pads (the window whose ratings they take) and optional for boards.
staff add: adds a staff member, or updates the name, unit and PIN of an existing number.

API: docs/api.md. Every error answer is {"error":{"code","message"}}.
)";

using Args = std::map<std::string, std::string>;

// Parses "--name value" pairs; fails on unknown flags or a missing value.
Result<Args> parse_flags(int argc, char** argv, int first, const std::vector<std::string>& known) {
    Args out;
    for (int i = first; i < argc; ++i) {
        std::string flag = argv[i];
        if (std::find(known.begin(), known.end(), flag) == known.end())
            return make_error("usage", "unknown argument '" + flag + "' (see --help)");
        if (i + 1 >= argc) return make_error("usage", "missing value after " + flag);
        out[flag] = argv[++i];
    }
    return out;
}

int fail(const std::string& message) {
    std::cerr << "onestop-hub: " << message << "\n";
    return 2;
}

std::optional<std::filesystem::path> hall_flag(const Args& a) {
    auto it = a.find("--hall");
    if (it == a.end()) return std::nullopt;
    return std::filesystem::path(it->second);
}

Result<int> parse_int(const std::string& text, const std::string& what) {
    try {
        size_t used = 0;
        int v = std::stoi(text, &used);
        if (used == text.size()) return v;
    } catch (const std::exception&) {
    }
    return make_error("usage", what + " must be a number, not '" + text + "'");
}

int token_create(int argc, char** argv) {
    auto a = parse_flags(argc, argv, 3, {"--db", "--role", "--name", "--window", "--hall"});
    if (!a) return fail(a.error().message);
    if (!a->count("--role") || !a->count("--name"))
        return fail("token create needs --role and --name");
    auto role = store::parse_role(a->at("--role"));
    if (!role) return fail("--role must be kiosk, pad, board, counter or admin");
    int window = 0;
    if (a->count("--window")) {
        auto w = parse_int(a->at("--window"), "--window");
        if (!w) return fail(w.error().message);
        window = *w;
    }
    auto db = hub::open_database(a->count("--db") ? a->at("--db") : "onestop.db", hall_flag(*a));
    if (!db) return fail(db.error().message);
    if (*role == store::Role::Pad && window == 0) return fail("a pad token needs --window N");
    if (window != 0 && !db->hall.find_window(window))
        return fail("there is no window " + std::to_string(window));
    std::string token = store::new_token();
    auto id = db->store->add_device(a->at("--name"), *role, window, store::token_hash(token),
                                    SystemClock().now());
    if (!id) return fail(id.error().message);
    std::cout << token << std::endl;
    return 0;
}

int staff_add(int argc, char** argv) {
    auto a =
        parse_flags(argc, argv, 3, {"--db", "--number", "--name", "--unit", "--pin", "--hall"});
    if (!a) return fail(a.error().message);
    for (const char* need : {"--number", "--name", "--unit", "--pin"})
        if (!a->count(need)) return fail(std::string("staff add needs ") + need);
    const std::string pin = a->at("--pin");
    if (pin.size() < 4 || pin.size() > 12) return fail("--pin must have 4 to 12 characters");
    auto db = hub::open_database(a->count("--db") ? a->at("--db") : "onestop.db", hall_flag(*a));
    if (!db) return fail(db.error().message);
    if (!db->hall.find_unit(a->at("--unit")))
        return fail("there is no unit '" + a->at("--unit") + "' in the hall");
    auto hash = store::hash_pin(pin);
    if (!hash) return fail(hash.error().message);
    store::Staff s{a->at("--number"), a->at("--name"), a->at("--unit"), *hash};
    if (auto st = db->store->upsert_staff(s, SystemClock().now()); !st)
        return fail(st.error().message);
    std::cout << "staff " << s.number << " saved" << std::endl;
    return 0;
}

int serve(int argc, char** argv, int first) {
    auto a = parse_flags(argc, argv, first,
                         {"--db", "--listen", "--hall", "--now", "--threads", "--ping-seconds",
                          "--public-url"});
    if (!a) return fail(a.error().message);
    hub::ServeOptions options;
    if (a->count("--db")) options.db = a->at("--db");
    options.hall = hall_flag(*a);
    if (a->count("--listen")) {
        const std::string& listen = a->at("--listen");
        auto colon = listen.rfind(':');
        if (colon == std::string::npos) return fail("--listen must be HOST:PORT");
        options.host = listen.substr(0, colon);
        auto port = parse_int(listen.substr(colon + 1), "the port");
        if (!port || *port < 0 || *port > 65535)
            return fail("--listen must be HOST:PORT with a port 0…65535");
        options.port = *port;
    }
    if (a->count("--threads")) {
        auto n = parse_int(a->at("--threads"), "--threads");
        if (!n || *n < 4 || *n > 4096) return fail("--threads must be 4…4096");
        options.threads = *n;
    }
    if (a->count("--ping-seconds")) {
        auto n = parse_int(a->at("--ping-seconds"), "--ping-seconds");
        if (!n || *n < 1 || *n > 15) return fail("--ping-seconds must be 1…15");
        options.ping_seconds = *n;
    }
    if (a->count("--public-url")) options.public_url = a->at("--public-url");
    if (a->count("--now")) {
        auto t = parse_iso8601(a->at("--now"));
        if (!t) return fail("--now must be an ISO 8601 time such as 2026-11-27T09:00:00+08:00");
        options.now = *t;
    }

    // Signals are taken by one thread with sigwait; every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);

    auto hub = hub::Hub::create(options);
    if (!hub) {
        logger("hub")->error("{}", hub.error().message);
        return 1;
    }
    std::atomic<bool> finished{false};
    std::thread signal_thread([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (finished) return;
        logger("hub")->info("signal {}: stopping", sig);
        // A signal right at start-up must not be lost: retry until the server listens.
        while (!finished && !(*hub)->stop()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    });
    int code = (*hub)->run();
    finished = true;
    pthread_kill(signal_thread.native_handle(), SIGTERM);  // wakes sigwait if no signal came
    signal_thread.join();
    hub->reset();
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    std::string first = argc > 1 ? argv[1] : "serve";
    if (first == "--help" || first == "-h" || first == "help") {
        std::cout << kUsage;
        return 0;
    }
    if (first == "--version") {
        std::cout << "onestop-hub " << version() << std::endl;
        return 0;
    }
    if (first == "token") {
        if (argc < 3 || std::string(argv[2]) != "create")
            return fail("usage: onestop-hub token create … (see --help)");
        return token_create(argc, argv);
    }
    if (first == "staff") {
        if (argc < 3 || std::string(argv[2]) != "add")
            return fail("usage: onestop-hub staff add … (see --help)");
        return staff_add(argc, argv);
    }
    if (first == "serve") return serve(argc, argv, 2);
    if (first.rfind("--", 0) == 0) return serve(argc, argv, 1);
    return fail("unknown command '" + first + "' (see --help)");
}
