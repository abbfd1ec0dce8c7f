// onestop-print: list USB printers, print a ticket or an asset's label, query status, render a
// job to PNG, and emulate a network printer. See CONTRACT.md and docs/printer.md.
#include <CLI/CLI.hpp>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/time.h"
#include "onestop/cli/cli.h"
#include "onestop/config/catalogue.h"
#include "onestop/config/hall_file.h"
#include "onestop/printer/asset_prints.h"
#include "onestop/printer/emulator.h"
#include "onestop/printer/printer.h"
#include "onestop/printer/virtual_printer.h"

using namespace onestop;
using namespace onestop::printer;

namespace {

constexpr int kFailed = 1;

struct TicketArgs {
    std::string number, service, qr, profile, hall, hall_name, time, device, out;
    int ahead = 0;
};

struct LabelArgs {
    std::string tag, name, qr, stock = "label40x30", hall_name, device, out;
};

struct RenderArgs {
    std::string file, out, profile = "80mm";
};

struct EmulateArgs {
    std::string listen, out_dir, profile = "80mm", paper = "ok", cover = "closed";
};

// "HOST:PORT" or "[V6]:PORT".
Result<std::pair<std::string, int>> split_listen(const std::string& listen) {
    auto colon = listen.rfind(':');
    if (colon == std::string::npos)
        return make_error("usage", "wants HOST:PORT, not '" + listen + "'");
    std::string host = listen.substr(0, colon);
    if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    const std::string port = listen.substr(colon + 1);
    int n = -1;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), n);
    if (ec != std::errc{} || end != port.data() + port.size() || n < 0 || n > 65535)
        return make_error("usage",
                          "wants HOST:PORT with a port from 0 to 65535, not '" + listen + "'");
    return std::pair{host, n};
}

class Tool {
  public:
    Tool(config::Catalogue cat, Lang lang) : cat_(std::move(cat)), lang_(lang) {}

    int list() {
        auto found = list_usb_printers();
        if (!found) return fail(found.error());
        if (found->empty()) std::cout << t("cli_no_printers") << "\n";
        for (const auto& p : *found) {
            char line[64];
            std::snprintf(line, sizeof line, "%04x:%04x", p.id.vid, p.id.pid);
            char out[8], in[8];
            std::snprintf(out, sizeof out, "0x%02x", p.endpoint_out);
            std::snprintf(in, sizeof in, "0x%02x", p.endpoint_in);
            std::cout << line << "  " << p.name << "  "
                      << t("cli_endpoint", {{"interface", std::to_string(p.interface_number)},
                                            {"out", out},
                                            {"in", in}})
                      << "  profile " << p.profile << "\n";
        }
        return 0;
    }

    int list_profiles() {
        for (const auto& p : profiles()) {
            std::cout << p.name << "\t" << p.width_dots << " dots\t" << to_string(p.encoding)
                      << "\t" << (p.qr == QrMode::Native ? "native QR" : "raster QR") << "\t"
                      << to_string(p.cut) << "\t" << p.description << "\n";
        }
        return 0;
    }

    int ticket(const TicketArgs& a) {
        std::unique_ptr<Transport> device;
        if (!a.device.empty()) {
            auto opened = open_device(a.device);
            if (!opened) return fail(opened.error());
            device = std::move(*opened);
        }
        // A USB printer of a known model picks its own profile unless told otherwise.
        std::string default_profile =
            device && !device->suggested_profile().empty() ? device->suggested_profile() : "80mm";
        auto prof = find_profile(a.profile.empty() ? default_profile : a.profile);
        if (!prof) return fail(prof.error());

        // The hall file (default: the shipped one) names the hall and, when --service is a
        // service code such as "A", the service; --hall-name and other --service text win.
        auto hall = config::load_hall(!a.hall.empty() ? std::filesystem::path(a.hall)
                                                      : config::default_hall_path());
        if (!hall && !a.hall.empty()) return fail(hall.error());
        TicketSlip slip;
        slip.hall_name = !a.hall_name.empty() ? a.hall_name
                         : hall               ? pick(hall->name, lang_)
                                              : t("cli_default_hall");
        slip.service_name = a.service;
        if (hall) {
            if (const auto* service = hall->find_service(slip.service_name))
                slip.service_name = pick(service->name, lang_);
            (void)set_time_zone(hall->settings.time_zone);
        }
        slip.number = a.number;
        slip.qr_url = a.qr;
        slip.waiting_ahead = a.ahead;
        slip.issued_at = a.time.empty() ? SystemClock().now() : *parse_iso8601(a.time);
        auto job = render_ticket(slip, *prof, lang_);
        if (!job) return fail(job.error());

        return deliver(*job, device.get(), a.out);
    }

    // An asset's QR label (第三十三条) on label stock or a roll.
    int label(const LabelArgs& a) {
        auto stock = find_label_stock(a.stock);
        if (!stock) return fail(stock.error());
        std::unique_ptr<Transport> device;
        if (!a.device.empty()) {
            auto opened = open_device(a.device);
            if (!opened) return fail(opened.error());
            device = std::move(*opened);
        }
        auto job = render_asset_label({a.tag, a.name, a.qr, a.hall_name}, *stock);
        if (!job) return fail(job.error());
        return deliver(*job, device.get(), a.out);
    }

    // The job to the printer (`device`), or written to `out` when there is none.
    int deliver(const Job& job, Transport* device, const std::string& out_file) {
        if (!device) {
            std::ofstream out(out_file, std::ios::binary);
            out.write(reinterpret_cast<const char*>(job.bytes.data()),
                      static_cast<std::streamsize>(job.bytes.size()));
            if (!out) return fail(make_error("write_failed", out_file + ": cannot write"));
            std::cout << t("cli_written",
                           {{"bytes", std::to_string(job.bytes.size())}, {"file", out_file}})
                      << "\n";
            return 0;
        }
        auto report = print(*device, job);
        if (!report) return fail(report.error());
        std::cout << t("cli_printed", {{"bytes", std::to_string(report->bytes)},
                                       {"device", device->describe()},
                                       {"ms", std::to_string(report->elapsed.count())}})
                  << "\n";
        return 0;
    }

    int status(const std::string& spec) {
        auto device = open_device(spec);
        if (!device) return fail(device.error());
        auto s = query_status(**device);
        if (!s) return fail(s.error());
        std::cout << t("cli_online", {{"value", t(s->online ? "cli_yes" : "cli_no")}}) << "\n"
                  << t("cli_paper", {{"value", t(s->paper_end        ? "cli_paper_end"
                                                 : s->paper_near_end ? "cli_paper_near_end"
                                                                     : "cli_paper_ok")}})
                  << "\n"
                  << t("cli_cover",
                       {{"value", t(s->cover_open ? "cli_cover_open" : "cli_cover_closed")}})
                  << "\n";
        return 0;
    }

    int render(const RenderArgs& a) {
        auto prof = find_profile(a.profile);
        if (!prof) return fail(prof.error());
        std::ifstream in(a.file, std::ios::binary);
        if (!in) return fail(make_error("read_failed", a.file + ": cannot read"));
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
        Paper paper = decode_escpos(bytes, *prof);
        if (auto st = render_png_file(paper, *prof, a.out); !st) return fail(st.error());
        std::cout << t("cli_rendered", {{"file", a.out}}) << "\n";
        return 0;
    }

    int emulate(const EmulateArgs& a) {
        auto prof = find_profile(a.profile);
        if (!prof) return fail(prof.error());
        const auto [host, port] = split_listen(a.listen).value();

        PrinterStatus initial;
        initial.paper_near_end = a.paper == "near-end";
        initial.paper_end = a.paper == "end";
        initial.cover_open = a.cover == "open";
        initial.online = !initial.paper_end && !initial.cover_open;

        // Block the stop signals before any thread starts, then wait for one here.
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stop, nullptr);

        auto emu = Emulator::start(host, port, a.out_dir, *prof);
        if (!emu) return fail(emu.error());
        (*emu)->set_status(initial);
        std::cout << "listening on " << (*emu)->address() << std::endl;
        int sig = 0;
        sigwait(&stop, &sig);
        (*emu)->stop();
        return 0;
    }

  private:
    std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
        return cat_.text(key, lang_, args);
    }
    int fail(const Error& e) const {
        std::cerr << t("cli_error", {{"message", e.message + " [" + e.code + "]"}}) << "\n";
        return kFailed;
    }

    config::Catalogue cat_;
    Lang lang_;
};

}  // namespace

int main(int argc, char** argv) {
    // The hall's zone (from the hall file, for `ticket`) or else Asia/Shanghai prints times.
    if (const char* tz = std::getenv("TZ"); !tz || !*tz) (void)set_time_zone("Asia/Shanghai");
    auto cat = config::Catalogue::load_asset("printer");
    if (!cat) {
        std::cerr << "onestop-print: " << cat.error().message << "\n";
        return kFailed;
    }
    Lang lang = Lang::Zh;
    CLI::App cli("onestop-print: ESC/POS ticket printers", "onestop-print");
    // The help is the catalogue's, in the --lang given; a subcommand's --help shows its own line.
    cli.formatter_fn([&](const CLI::App* app, const std::string&, CLI::AppFormatMode) {
        std::string text = cat->text("cli_usage", lang) + "\n";
        for (const char* name :
             {"list", "ticket", "label", "status", "render", "emulate", "profiles"})
            if (app == &cli || app->get_name() == name)
                text += cat->text(std::string("cli_usage_") + name, lang) + "\n";
        return text + cat->text("cli_usage_common", lang) + "\n";
    });
    cli.fallthrough();  // --lang also after the subcommand
    // Not require_subcommand(): its error would hide the mistyped command's name.
    cli.callback([&cli] {
        if (cli.get_subcommands().empty())
            throw CLI::RequiredError(
                "a command (list, ticket, label, status, render, emulate or profiles)");
    });
    cli::add_lang_flag(cli, lang);
    const auto profile_check =
        cli::check([](std::string& v) { return cli::status_of(find_profile(v)); });

    auto* list = cli.add_subcommand("list", "USB printers found");
    auto* profiles = cli.add_subcommand("profiles", "the printer profiles");

    TicketArgs ticket_args;
    auto* ticket = cli.add_subcommand("ticket", "print a ticket slip");
    ticket->add_option("--number", ticket_args.number)->required();
    ticket->add_option("--service", ticket_args.service)->required();
    ticket->add_option("--qr", ticket_args.qr)->required();
    ticket->add_option("--profile", ticket_args.profile)->check(profile_check);
    ticket->add_option("--hall", ticket_args.hall);
    ticket->add_option("--hall-name", ticket_args.hall_name);
    ticket->add_option("--ahead", ticket_args.ahead)->check(CLI::NonNegativeNumber);
    ticket->add_option("--time", ticket_args.time)->check(cli::check([](std::string& v) -> Status {
        if (parse_iso8601(v)) return {};
        return make_error("usage", "needs an ISO 8601 time, e.g. 2026-11-27T09:05:00+08:00");
    }));
    auto* device = ticket->add_option("--device", ticket_args.device);
    auto* out = ticket->add_option("--out", ticket_args.out)->excludes(device);
    ticket->callback([device, out] {
        if (device->count() == 0 && out->count() == 0)
            throw CLI::RequiredError("--device DEV or --out FILE");
    });

    LabelArgs label_args;
    auto* label = cli.add_subcommand("label", "print an asset's QR label");
    label->add_option("--tag", label_args.tag)->required();
    label->add_option("--name", label_args.name);
    label->add_option("--qr", label_args.qr);
    label->add_option("--stock", label_args.stock)->check(cli::check([](std::string& v) {
        return cli::status_of(find_label_stock(v));
    }));
    label->add_option("--hall-name", label_args.hall_name);
    auto* label_device = label->add_option("--device", label_args.device);
    auto* label_out = label->add_option("--out", label_args.out)->excludes(label_device);
    label->callback([label_device, label_out] {
        if (label_device->count() == 0 && label_out->count() == 0)
            throw CLI::RequiredError("--device DEV or --out FILE");
    });

    std::string status_device;
    auto* status = cli.add_subcommand("status", "online, paper, cover");
    status->add_option("--device", status_device)->required();

    RenderArgs render_args;
    auto* render = cli.add_subcommand("render", "an ESC/POS job as PNG");
    render->add_option("FILE.bin", render_args.file)->required();
    render->add_option("--out", render_args.out)->required();
    render->add_option("--profile", render_args.profile)->check(profile_check);

    EmulateArgs emulate_args;
    auto* emulate = cli.add_subcommand("emulate", "a network printer that saves each job");
    emulate->add_option("--listen", emulate_args.listen)
        ->required()
        ->check(cli::check([](std::string& v) { return cli::status_of(split_listen(v)); }));
    emulate->add_option("--out-dir", emulate_args.out_dir)->required();
    emulate->add_option("--profile", emulate_args.profile)->check(profile_check);
    emulate->add_option("--paper", emulate_args.paper)
        ->check(CLI::IsMember({"ok", "near-end", "end"}));
    emulate->add_option("--cover", emulate_args.cover)->check(CLI::IsMember({"open", "closed"}));

    if (auto code = cli::parse(cli, argc, argv)) return *code;
    Tool tool(std::move(*cat), lang);
    if (*list) return tool.list();
    if (*profiles) return tool.list_profiles();
    if (*ticket) return tool.ticket(ticket_args);
    if (*label) return tool.label(label_args);
    if (*status) return tool.status(status_device);
    if (*render) return tool.render(render_args);
    return tool.emulate(emulate_args);
}
