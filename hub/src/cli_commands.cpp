#include "cli_commands.h"

#include "commands.h"

#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <iostream>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/store/backup.h"
#include "onestop/store/secrets.h"

namespace onestop::hub::cli {

namespace fs = std::filesystem;

namespace {

Error no_database(const fs::path& db) {
    return make_error(errc::no_database, "no database at " + db.string() +
                                             " (create one with: onestop-hub init --db " +
                                             db.string() + ")");
}

// A database that `init` or `serve` made, with its hall; never creates or seeds one.
Result<OpenedDatabase> open_existing(const fs::path& db) {
    std::error_code ec;
    if (!fs::exists(db, ec)) return no_database(db);
    {
        auto store = store::HubStore::open(db);
        if (!store) return store.error();
        auto hall = (*store)->hall_text();
        if (!hall) return hall.error();
        if (!*hall)
            return make_error(errc::no_database,
                              db.string() +
                                  " holds no hall: a start that failed, or not a "
                                  "OneStop database (create one with: onestop-hub "
                                  "init --db " +
                                  db.string() + ")");
    }
    return open_database(db, std::nullopt);
}

// Removes a database this process created when it failed before anything was recorded
// in it (a bad hall file, a port in use): a failed start leaves no half-made database.
void discard_if_unused(const fs::path& db) {
    std::error_code ec;
    if (!fs::exists(db, ec)) return;
    {
        auto store = store::HubStore::open(db);
        if (!store) return;
        auto records = (*store)->holds_records();
        if (!records || *records) return;
    }
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        fs::remove(db.string() + suffix, ec);
}

// Who changed a device or staff row from the command line, for the log.
std::string command_line_actor() {
    return "command line (uid " + std::to_string(getuid()) + ")";
}

using Change = std::function<Status(store::HubStore&, TimePoint)>;

// Runs `change` on an existing database and logs `type` (with `payload` and who did it)
// in the same transaction, and the audit log's `action` on `target`: nothing changes in
// place without an entry saying so.
int change_with_log(const fs::path& path, const Change& change, const std::string& type,
                    nlohmann::json payload, const std::string& action, const std::string& target,
                    const std::string& done) {
    auto opened = open_existing(path);
    if (!opened) return fail(opened.error().message);
    store::HubStore& store = *opened->store;
    TimePoint now = SystemClock().now();
    payload["by"] = command_line_actor();
    auto& db = store.db();
    Status st = db.begin();
    if (st) st = change(store, now);
    if (st) {
        auto id = store.append_event(type, payload.dump(), std::nullopt, std::nullopt, now);
        if (!id) st = id.error();
    }
    if (st) {
        store::AuditEntry entry{0,  format_iso8601(now), command_line_actor(), action, target,
                                "", payload.dump()};
        if (auto id = store.append_audit(entry); !id) st = id.error();
    }
    if (st) st = db.commit();
    if (!st) {
        (void)db.rollback();
        return fail(st.error().message);
    }
    std::cout << done << std::endl;
    return 0;
}

// Prints each record of an existing database as one line of tab-separated fields.
template <typename Fetch, typename Fields>
int print_records(const fs::path& path, Fetch fetch, Fields fields) {
    auto opened = open_existing(path);
    if (!opened) return fail(opened.error().message);
    auto records = fetch(*opened->store);
    if (!records) return fail(records.error().message);
    for (const auto& record : *records) {
        const char* separator = "";
        for (const auto& field : fields(record))
            std::cout << std::exchange(separator, "\t") << field;
        std::cout << '\n';
    }
    std::cout.flush();
    return 0;
}

// Names and numbers are printed one record a line, tab-separated, by the list commands.
std::optional<std::string> bad_label(const std::string& flag, const std::string& text) {
    if (!text.empty() && text.size() <= 64 && !has_control_characters(text)) return std::nullopt;
    return flag + " must have 1 to 64 bytes and no tabs or line breaks";
}

}  // namespace

int fail(const std::string& message, int code) {
    std::cerr << "onestop-hub: " << message << "\n";
    return code;
}

int serve(const ServeOptions& options) {
    std::error_code ec;
    const bool existed = fs::exists(options.db, ec);

    // Signals are taken by one thread with sigwait; every other thread blocks them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    signal(SIGPIPE, SIG_IGN);
    // Each event stream is an open socket: take every descriptor the hard limit allows
    // (the soft default, 1,024, would stop a hall at about 750 phones).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        (void)setrlimit(RLIMIT_NOFILE, &files);
    }

    // One hub a database: a second one (or a restore) would serve from under the first.
    // (A file that cannot be opened at all is left to the hub's start, which says why.)
    auto use = store::ExclusiveUse::take(options.db);
    if (!use && use.error().code == errc::database_in_use) {
        logger("hub")->error("{}", use.error().message);
        return kFailed;
    }
    auto hub = Hub::create(options);
    if (!hub) {
        logger("hub")->error("{}", hub.error().message);
        if (!existed) discard_if_unused(options.db);
        return kFailed;
    }
    std::atomic<bool> finished{false};
    std::thread signal_thread([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (finished) return;
        logger("hub")->info("signal {}: stopping", sig);
        (*hub)->stop();
    });
    int code = (*hub)->run();
    finished = true;
    pthread_kill(signal_thread.native_handle(), SIGTERM);  // wakes sigwait if no signal came
    signal_thread.join();
    hub->reset();
    if (code != 0 && !existed) discard_if_unused(options.db);
    return code;
}

int init(const fs::path& db, const std::optional<fs::path>& hall) {
    std::error_code ec;
    if (fs::exists(db, ec))
        return fail("database " + db.string() + " already exists (serve --db " + db.string() +
                    " --hall FILE replaces its hall)");
    auto opened = open_database(db, hall);
    if (!opened) {
        discard_if_unused(db);
        return fail(opened.error().message);
    }
    std::cout << "database " << db.string() << " created for " << opened->hall.units.size()
              << " units and " << opened->hall.windows.size() << " windows (time zone "
              << opened->hall.settings.time_zone << ")" << std::endl;
    return 0;
}

// Runs `change` and appends `entry` to the audit log in one transaction; the change's id
// (what `change` returns) becomes the entry's target when it has none.
static Status audited(store::HubStore& store, const std::function<Result<int64_t>()>& change,
                      store::AuditEntry entry) {
    auto& db = store.db();
    Status st = db.begin();
    if (st) {
        auto id = change();
        if (!id) st = id.error();
        if (st && entry.target.empty()) entry.target = std::to_string(*id);
    }
    if (st) {
        if (auto id = store.append_audit(entry); !id) st = id.error();
    }
    if (st) st = db.commit();
    if (!st) (void)db.rollback();
    return st;
}

int token_create(const NewToken& t) {
    // Wrong flags are named before the database is opened (exit 2); the rules themselves
    // are check_new_device's, which POST /api/v1/devices applies too.
    auto role = store::parse_role(t.role);
    if (!role) return fail("--role must be kiosk, pad, board, counter or admin", kUsage);
    if (*role == store::Role::Pad && t.window == 0)
        return fail("a pad token needs --window N", kUsage);
    if (auto bad = bad_label("--name", t.name)) return fail(*bad, kUsage);
    auto db = open_existing(t.db);
    if (!db) return fail(db.error().message);
    auto device = check_new_device(t.role, t.name, t.window, db->hall);
    if (!device) return fail(device.error().message);
    std::string token = store::new_token();
    TimePoint now = SystemClock().now();
    json after = {{"role", t.role}, {"name", device->name}};
    if (device->window) after["window"] = device->window;
    auto st = audited(
        *db->store,
        [&] {
            return db->store->add_device(device->name, device->role, device->window,
                                         store::token_hash(token), now);
        },
        {0, format_iso8601(now), command_line_actor(), "device.create", "", "", after.dump()});
    if (!st) return fail(st.error().message);
    std::cout << token << std::endl;
    return 0;
}

int token_list(const fs::path& path) {
    return print_records(
        path, [](store::HubStore& store) { return store.devices(); },
        [](const store::Device& d) -> std::vector<std::string> {
            return {std::to_string(d.id),
                    store::to_string(d.role),
                    d.name,
                    d.window ? std::to_string(d.window) : "-",
                    d.created_at,
                    d.last_seen_at.value_or("-"),
                    d.revoked() ? "revoked " + *d.revoked_at : "active"};
        });
}

int token_revoke(const fs::path& path, int64_t id) {
    int code = change_with_log(
        path, [id](store::HubStore& store, TimePoint now) { return store.revoke_device(id, now); },
        "hub.device_revoked", {{"device", id}}, "device.revoke", std::to_string(id),
        "device " + std::to_string(id) + " revoked: its token is refused from now on");
    // A running hub reads revocations at least every kRevocationPoll (auth.h): once this
    // returns, it refuses the token on every request.
    if (code == 0) std::this_thread::sleep_for(2 * kRevocationPoll);
    return code;
}

int staff_add(const fs::path& path, const store::Staff& staff, const std::string& pin) {
    for (auto [flag, text] : {std::pair{"--number", staff.number}, {"--name", staff.name}})
        if (auto bad = bad_label(flag, text)) return fail(*bad, kUsage);
    if (pin.size() < 4 || pin.size() > 12)
        return fail("--pin must have 4 to 12 characters", kUsage);
    auto db = open_existing(path);
    if (!db) return fail(db.error().message);
    if (!db->hall.find_unit(staff.unit))
        return fail("there is no unit '" + staff.unit + "' in the hall");
    auto hash = store::hash_pin(pin);
    if (!hash) return fail(hash.error().message);
    store::Staff s = staff;
    s.pin_hash = *hash;
    // An existing member is updated (and enabled again): the log keeps what they were.
    auto existing = db->store->staff(s.number);
    if (!existing) return fail(existing.error().message);
    auto row = [](const store::Staff& m) {
        return json{{"number", m.number},
                    {"name", m.name},
                    {"unit", m.unit},
                    {"disabled_at", m.disabled_at ? json(*m.disabled_at) : json(nullptr)}};
    };
    TimePoint now = SystemClock().now();
    json after = row(s);
    after["pin"] = "set";
    auto st = audited(
        *db->store,
        [&]() -> Result<int64_t> {
            if (auto up = db->store->upsert_staff(s, now); !up) return up.error();
            return 0;
        },
        {0, format_iso8601(now), command_line_actor(), *existing ? "staff.edit" : "staff.add",
         s.number, *existing ? row(**existing).dump() : "", after.dump()});
    if (!st) return fail(st.error().message);
    std::cout << "staff " << s.number << " saved" << std::endl;
    return 0;
}

int staff_list(const fs::path& path) {
    return print_records(
        path, [](store::HubStore& store) { return store.all_staff(); },
        [](const store::Staff& s) -> std::vector<std::string> {
            return {s.number, s.name, s.unit,
                    s.disabled() ? "disabled " + *s.disabled_at : "active"};
        });
}

int staff_disable(const fs::path& path, const std::string& number) {
    return change_with_log(
        path,
        [&number](store::HubStore& store, TimePoint now) {
            return store.disable_staff(number, now);
        },
        "hub.staff_disabled", {{"staff", number}}, "staff.disable", number,
        "staff " + number + " disabled: they can no longer sign in");
}

// The first line of `in`. Typed at a terminal, it is asked for and not echoed.
static std::string read_password(std::istream& in) {
    bool typed = &in == &std::cin && isatty(STDIN_FILENO);
    termios saved{};
    if (typed && tcgetattr(STDIN_FILENO, &saved) == 0) {
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
        std::cerr << "password: " << std::flush;
    }
    std::string password;
    std::getline(in, password);
    if (typed) {
        tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        std::cerr << std::endl;
    }
    if (!password.empty() && password.back() == '\r') password.pop_back();
    return password;
}

int account_add(const NewAccount& account, std::istream& in) {
    for (auto [flag, text] : {std::pair{"--login", account.login}, {"--name", account.name}})
        if (auto bad = bad_label(flag, text)) return fail(*bad, kUsage);
    auto role = store::parse_account_role(account.role);
    if (!role) return fail("--role must be office, unit or viewer", kUsage);
    if ((*role == store::AccountRole::Unit) != !account.unit.empty())
        return fail("--unit is needed for a unit account, and only for one", kUsage);
    std::string password = read_password(in);
    if (password.size() < 8)
        return fail("the password (first line of standard input) must have 8 characters or more");
    auto db = open_existing(account.db);
    if (!db) return fail(db.error().message);
    if (!account.unit.empty() && !db->hall.find_unit(account.unit))
        return fail("there is no unit '" + account.unit + "' in the hall");
    auto hash = store::hash_pin(password);  // Argon2id, as PINs
    if (!hash) return fail(hash.error().message);
    store::Account a{0, account.login, account.name, *role, account.unit, *hash, std::nullopt};
    TimePoint now = SystemClock().now();
    json after = {{"login", a.login}, {"name", a.name}, {"role", account.role}};
    if (!a.unit.empty()) after["unit"] = a.unit;
    auto st = audited(
        *db->store, [&] { return db->store->add_account(a, now); },
        {0, format_iso8601(now), command_line_actor(), "account.add", a.login, "", after.dump()});
    if (!st) return fail(st.error().message);
    std::cout << "account " << a.login << " (" << account.role << ") saved" << std::endl;
    return 0;
}

namespace {

std::optional<int> parse_port(const std::string& digits) {
    if (digits.empty() || digits.size() > 5 ||
        digits.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    int port = std::stoi(digits);
    if (port > 65535) return std::nullopt;
    return port;
}

}  // namespace

std::optional<ListenAddress> parse_listen(const std::string& text) {
    auto colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return std::nullopt;
    auto port = parse_port(text.substr(colon + 1));
    if (!port) return std::nullopt;
    return ListenAddress{text.substr(0, colon), *port};
}

std::optional<std::string> parse_public_url(const std::string& text) {
    std::string rest;
    for (std::string scheme : {"http://", "https://"})
        if (text.rfind(scheme, 0) == 0) rest = text.substr(scheme.size());
    size_t slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    std::string path = slash == std::string::npos ? "" : rest.substr(slash);
    // host[:port] or [IPv6][:port]
    size_t host_end = authority.rfind(':');
    if (!authority.empty() && authority.front() == '[') {
        size_t close = authority.find(']');
        if (close == std::string::npos) return std::nullopt;
        host_end = close + 1 < authority.size() ? close + 1 : std::string::npos;
    }
    std::string host = authority.substr(0, host_end);
    if (host_end != std::string::npos) {
        if (authority[host_end] != ':') return std::nullopt;
        auto port = parse_port(authority.substr(host_end + 1));
        if (!port || *port == 0) return std::nullopt;
    }
    if (host.empty()) return std::nullopt;
    const char* allowed = host.front() == '['
                              ? "[]0123456789abcdefABCDEF:."
                              : "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-";
    if (host.find_first_not_of(allowed) != std::string::npos) return std::nullopt;
    if (path.find_first_of("?# ") != std::string::npos || has_control_characters(path))
        return std::nullopt;
    std::string url = text;
    while (url.back() == '/') url.pop_back();
    return url;
}

}  // namespace onestop::hub::cli
