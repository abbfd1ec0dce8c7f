#include "pg_server.h"

#include <pwd.h>
#include <unistd.h>

#include <fstream>
#include <stdexcept>

#include "child_process.h"
#include "onestop/base/ids.h"

namespace onestop::test {

namespace fs = std::filesystem;

namespace {

constexpr const char* kRole = "campus";

// The newest installed server's programs (Debian: /usr/lib/postgresql/<major>/bin).
std::optional<fs::path> server_bin() {
    std::optional<fs::path> best;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        fs::path bin = entry.path() / "bin";
        if (fs::exists(bin / "initdb") && fs::exists(bin / "pg_ctl") && (!best || bin > *best))
            best = bin;
    }
    return best;
}

std::string read_text(const fs::path& file) {
    std::ifstream in(file);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

std::optional<std::string> PgServer::missing() {
    if (!server_bin())
        return "PostgreSQL's server programs (initdb, pg_ctl) are not installed under "
               "/usr/lib/postgresql: apt-get install postgresql-15 (scripts/setup does)";
    return std::nullopt;
}

std::vector<std::string> PgServer::as_owner(std::vector<std::string> argv) const {
    if (getuid() != 0) return argv;
    argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "nobody", "--"});
    return argv;
}

PgServer::PgServer(bool durable) : durable_(durable) {
    if (auto why = missing()) throw std::runtime_error(*why);
    bin_ = *server_bin();
    data_ = dir_ / "data";
    socket_ = dir_ / "socket";
    passfile_ = dir_ / "pgpass";
    fs::create_directories(data_);
    fs::create_directories(socket_);
    if (getuid() == 0) {
        // The server runs as nobody: it must reach its folders (mkdtemp made ours 0700).
        const passwd* nobody = getpwnam("nobody");
        if (!nobody) throw std::runtime_error("running as root, but there is no user nobody");
        fs::permissions(dir_.path(),
                        fs::perms::owner_all | fs::perms::group_exec | fs::perms::others_exec);
        for (const auto& d : {data_, socket_})
            if (chown(d.c_str(), nobody->pw_uid, nobody->pw_gid) != 0)
                throw std::runtime_error("cannot hand " + d.string() + " to nobody");
    }
    std::string password = random_hex(16);
    fs::path pwfile = dir_ / "initdb-password";
    std::ofstream(pwfile) << password << "\n";
    fs::permissions(pwfile, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
    RunResult init =
        run_program(as_owner({(bin_ / "initdb").string(), "-D", data_.string(), "-U", kRole,
                              "--pwfile", pwfile.string(), "--auth", "scram-sha-256", "-E", "UTF8",
                              "--locale", "C.UTF-8", "--no-sync", "--no-instructions"}));
    fs::remove(pwfile);
    if (init.status != 0) throw std::runtime_error("initdb failed: " + init.out + init.err);
    {
        std::ofstream pass(passfile_);
        pass << "*:*:*:" << kRole << ":" << password << "\n";
    }
    fs::permissions(passfile_, fs::perms::owner_read | fs::perms::owner_write);
    start();
    auto admin = pg::Connection::open(
        *pg::make_target("postgresql://campus@/postgres?host=" + socket_.string(), passfile_),
        "onestop-test");
    if (!admin) throw std::runtime_error(admin.error().message);
    if (auto st = (*admin)->exec("CREATE DATABASE campus"); !st)
        throw std::runtime_error(st.error().message);
}

PgServer::~PgServer() {
    if (running_) {
        try {
            pg_ctl({"stop", "-m", "immediate"});
        } catch (const std::exception&) {
        }
    }
}

void PgServer::pg_ctl(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {(bin_ / "pg_ctl").string(), "-D", data_.string(), "-w"};
    argv.insert(argv.end(), args.begin(), args.end());
    RunResult r = run_program(as_owner(argv));
    if (r.status != 0)
        throw std::runtime_error("pg_ctl " + args.front() + " failed: " + r.out + r.err +
                                 read_text(data_ / "server.log"));
}

void PgServer::start() {
    std::string options = "-c listen_addresses='' -k " + socket_.string();
    if (!durable_) options += " -c fsync=off -c synchronous_commit=off";
    pg_ctl({"start", "-l", (data_ / "server.log").string(), "-o", options});
    running_ = true;
}

void PgServer::stop() {
    pg_ctl({"stop", "-m", "fast"});
    running_ = false;
}

std::string PgServer::url() const {
    return std::string("postgresql://") + kRole + "@/campus?host=" + socket_.string();
}

std::unique_ptr<pg::Connection> PgServer::connect() const {
    auto target = pg::make_target(url(), passfile_);
    if (!target) throw std::runtime_error(target.error().message);
    auto db = pg::Connection::open(*target, "onestop-test");
    if (!db) throw std::runtime_error(db.error().message);
    return std::move(*db);
}

}  // namespace onestop::test
