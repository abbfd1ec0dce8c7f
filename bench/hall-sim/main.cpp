// onestop-sim: the demo's traffic simulator (see hall_sim.h).
#include <signal.h>

#include <csignal>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "hall_sim.h"
#include "onestop/base/log.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) { g_stop = 1; }

std::vector<std::string> split(const std::string& list) {
    std::vector<std::string> out;
    std::stringstream ss(list);
    std::string item;
    while (std::getline(ss, item, ','))
        if (!item.empty()) out.push_back(item);
    return out;
}

const char* kUsage =
    "onestop-sim --hub URL --kiosk-token T --counter-token T [--admin-token T]\n"
    "            [--rate PER_MIN=20] [--windows 2,3,4,5,6] [--pads T1,T2,…|none]\n"
    "            [--staff S002,S003,…] [--pin 1234] [--duration SECONDS (0 = until Ctrl-C)] [--seed N]\n"
    "            [--lang zh|en (default zh)]\n"
    "Applicants arrive at the given rate and take tickets; the listed windows sign in as\n"
    "demo staff and call, recall, finish, mark no-shows, transfer and pause; served\n"
    "applicants rate at the window's pad (a pad token) or by their ticket code.\n";

}  // namespace

int main(int argc, char** argv) {
    using namespace onestop;
    spdlog::set_level(spdlog::level::err);
    sim::SimOptions o;
    if (const char* t = std::getenv("ONESTOP_TOKEN")) o.kiosk_token = t;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "onestop-sim: %s needs a value\n%s", a.c_str(), kUsage);
                std::exit(2);
            }
            return argv[++i];
        };
        try {
            if (a == "--hub") o.hub = next();
            else if (a == "--kiosk-token") o.kiosk_token = next();
            else if (a == "--admin-token") o.admin_token = next();
            else if (a == "--counter-token") o.counter_token = next();
            else if (a == "--rate") o.rate_per_min = std::stod(next());
            else if (a == "--windows") {
                o.windows.clear();
                for (const auto& w : split(next())) o.windows.push_back(std::stoi(w));
            } else if (a == "--pads") {
                std::string v = next();
                o.pads = v == "none" ? std::vector<std::string>{} : split(v);
            } else if (a == "--staff") o.staff = split(next());
            else if (a == "--pin") o.pin = next();
            else if (a == "--duration") o.duration_s = std::stod(next());
            else if (a == "--seed") o.seed = static_cast<std::uint32_t>(std::stoul(next()));
            else if (a == "--lang") {
                auto lang = config::parse_lang(next());
                if (!lang) {
                    std::fprintf(stderr, "onestop-sim: %s\n", lang.error().message.c_str());
                    return 2;
                }
                o.lang = *lang;
            }
            else if (a == "--help" || a == "-h") {
                std::fputs(kUsage, stdout);
                return 0;
            } else {
                std::fprintf(stderr, "onestop-sim: unknown option %s\n%s", a.c_str(), kUsage);
                return 2;
            }
        } catch (const std::exception&) {
            std::fprintf(stderr, "onestop-sim: bad value for %s\n", a.c_str());
            return 2;
        }
    }
    if (o.kiosk_token.empty() || o.counter_token.empty() || o.rate_per_min <= 0 || o.windows.empty()) {
        std::fprintf(stderr, "onestop-sim: --kiosk-token, --counter-token, a positive --rate and --windows are needed\n%s",
                     kUsage);
        return 2;
    }
    struct sigaction sa {};
    sa.sa_handler = on_signal;
    sigaction(SIGINT, &sa, nullptr);
    sigaction(SIGTERM, &sa, nullptr);
    auto catalogue = config::Catalogue::load_asset("sim");
    if (!catalogue) {
        std::fprintf(stderr, "onestop-sim: %s\n", catalogue.error().message.c_str());
        return 2;
    }
    sim::HallSim simulation(std::move(o), std::move(*catalogue));
    return simulation.run(g_stop);
}
