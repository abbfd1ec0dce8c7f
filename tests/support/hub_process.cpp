#include "hub_process.h"

#include "raw_http.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace onestop::test {

HubProcess::HubProcess(HubOptions options) : options_(std::move(options)) {
    if (options_.log.empty()) {
        options_.log = options_.db;
        options_.log += ".hub-stderr.log";
    }
}

HubProcess::~HubProcess() {
    kill9();
}

std::vector<std::string> HubProcess::command(std::vector<std::string> args) const {
    args.insert(args.begin(),
                options_.program.empty() ? bin_path("onestop-hub") : options_.program.string());
    return args;
}

void HubProcess::start(int port) {
    auto args = command(
        {"serve", "--db", options_.db.string(), "--listen", "127.0.0.1:" + std::to_string(port)});
    if (!options_.now.empty()) args.insert(args.end(), {"--now", options_.now});
    if (!options_.hall.empty()) args.insert(args.end(), {"--hall", options_.hall});
    args.insert(args.end(), options_.extra_args.begin(), options_.extra_args.end());
    process_.emplace(args, ChildOptions{.out = Stream::pipe(),
                                        .err = Stream::file(options_.log, /*append=*/true)});

    // Its one stdout line: "listening on http://HOST:PORT" (https:// under TLS).
    const std::string prefix = "listening on ";
    auto line = process_->read_line(std::chrono::seconds(10)).value_or("");
    if (!line.starts_with(prefix + "http://") && !line.starts_with(prefix + "https://")) {
        kill9();
        std::ifstream err(options_.log);
        std::stringstream ss;
        ss << err.rdbuf();
        throw std::runtime_error("hub did not start; stdout: '" + line + "' stderr: " + ss.str());
    }
    url_ = line.substr(prefix.size());
    port_ = std::stoi(url_.substr(url_.rfind(':') + 1));
}

void HubProcess::kill9() {
    if (process_) process_->stop(SIGKILL);
    process_.reset();
}

int HubProcess::terminate() {
    if (!process_) return -1;
    int status = process_->stop(SIGTERM);
    process_.reset();
    return status;
}

int HubProcess::event_subscribers() const {
    auto r =
        raw_request(port_, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    const std::string name = "\nonestop_event_subscribers ";
    auto at = r.body.find(name);
    if (r.status != 200 || at == std::string::npos) return -1;
    return std::atoi(r.body.c_str() + at + name.size());
}

void HubProcess::init() const {
    auto args = command({"init", "--db", options_.db.string()});
    if (!options_.hall.empty()) args.insert(args.end(), {"--hall", options_.hall});
    RunResult r = run_program(args);
    if (r.status != 0) throw std::runtime_error("init failed: " + r.err);
}

std::string HubProcess::create_token(const std::string& role, const std::string& name,
                                     int window) const {
    auto args =
        command({"token", "create", "--db", options_.db.string(), "--role", role, "--name", name});
    if (window > 0) args.insert(args.end(), {"--window", std::to_string(window)});
    RunResult r = run_program(args);
    if (r.status != 0) throw std::runtime_error("token create failed: " + r.err);
    return r.out.substr(0, r.out.find_first_of("\r\n"));
}

void HubProcess::add_staff(const std::string& number, const std::string& name,
                           const std::string& unit, const std::string& pin) const {
    RunResult r = run_program(command({"staff", "add", "--db", options_.db.string(), "--number",
                                       number, "--name", name, "--unit", unit, "--pin", pin}));
    if (r.status != 0) throw std::runtime_error("staff add failed: " + r.err);
}

void HubProcess::add_account(const std::string& login, const std::string& name,
                             const std::string& role, const std::string& unit,
                             const std::string& password) const {
    std::vector<std::string> args{"account", "add", "--db",   options_.db.string(),
                                  "--login", login, "--name", name,
                                  "--role",  role};
    if (!unit.empty()) args.insert(args.end(), {"--unit", unit});
    RunResult r = run_program(command(args), password + "\n");
    if (r.status != 0) throw std::runtime_error("account add failed: " + r.err);
}

}  // namespace onestop::test
