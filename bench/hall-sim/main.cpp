// onestop-sim: the demo's traffic simulator (see hall_sim.h).
#include <signal.h>

#include <csignal>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <string>

#include "hall_sim.h"
#include "onestop/base/log.h"
#include "onestop/cli/cli.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void on_signal(int) {
    g_stop = 1;
}

}  // namespace

int main(int argc, char** argv) {
    using namespace onestop;
    spdlog::set_level(spdlog::level::err);
    sim::SimOptions o;
    CLI::App cli(
        "Applicants arrive at the given rate and take tickets; the listed windows sign in as\n"
        "demo staff and call, recall, finish, mark no-shows, transfer and pause; served\n"
        "applicants rate at the window's pad (a pad token) or by their ticket code.",
        "onestop-sim");
    cli::add_hub_flag(cli, o.hub);
    cli::add_token_flags(cli, "--kiosk-token", o.kiosk_token, "kiosk token", "ONESTOP_TOKEN");
    cli::add_token_flags(cli, "--counter-token", o.counter_token, "counter token");
    cli::add_token_flags(cli, "--admin-token", o.admin_token, "admin token");
    auto* pads = cli.add_option_function<std::string>(
                        "--pads",
                        [&o](const std::string& v) {
                            o.pads =
                                v == "none" ? std::vector<std::string>{} : cli::split_tokens(v);
                        },
                        "pad tokens of the windows, in order, or none: rate by ticket code")
                     ->type_name("T1,T2,…|none");
    cli.add_option_function<std::string>(
           "--pads-file",
           [&o](const std::string& file) { o.pads = cli::read_token_list(file).value(); },
           "a file of the pad tokens, one a line")
        ->type_name("FILE")
        ->excludes(pads)
        ->check(cli::check(
            [](std::string& file) { return cli::status_of(cli::read_token_list(file)); }));
    cli.add_option("--rate", o.rate_per_min, "applicants a minute")
        ->type_name("PER_MIN")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cli.add_option("--windows", o.windows, "the windows the simulated staff work at")
        ->type_name("2,3,…")
        ->delimiter(',')
        ->capture_default_str()
        ->check(CLI::Range(1, 999).description(""));
    cli.add_option("--staff", o.staff, "the demo staff who sign in")
        ->type_name("S002,S003,…")
        ->delimiter(',');
    cli.add_option("--pin", o.pin, "the demo staff's PIN")->capture_default_str();
    cli.add_option("--duration", o.duration_s, "seconds to run (0 = until Ctrl-C)")
        ->type_name("SECONDS")
        ->capture_default_str()
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--seed", o.seed, "random seed (0 = random)")->type_name("N");
    cli::add_lang_flag(cli, o.lang);
    cli.callback([&o] {
        if (o.kiosk_token.empty())
            throw CLI::RequiredError("--kiosk-token-file (or --kiosk-token, env ONESTOP_TOKEN)");
        if (o.counter_token.empty())
            throw CLI::RequiredError("--counter-token-file (or --counter-token)");
    });
    if (auto code = cli::parse(cli, argc, argv)) return *code;
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
