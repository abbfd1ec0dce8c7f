// onestop-print: list USB printers, print a ticket, query status, render a job to PNG,
// and emulate a network printer. See CONTRACT.md and docs/printer.md.
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/time.h"
#include "onestop/base/version.h"
#include "onestop/config/catalogue.h"
#include "onestop/config/hall_file.h"
#include "onestop/printer/emulator.h"
#include "onestop/printer/printer.h"
#include "onestop/printer/virtual_printer.h"

using namespace onestop;
using namespace onestop::printer;

namespace {

constexpr int kUsage = 2, kFailed = 1;

struct Args {
    std::string command;
    std::vector<std::string> positional;
    std::map<std::string, std::string> flags;
};

// Flags that take no value.
bool is_switch(const std::string& f) {
    return f == "--help" || f == "--version";
}

Result<Args> parse(int argc, char** argv) {
    Args a;
    for (int i = 1; i < argc; ++i) {
        std::string s = argv[i];
        if (s.starts_with("--")) {
            if (is_switch(s)) {
                a.flags[s] = "";
            } else if (i + 1 < argc) {
                a.flags[s] = argv[++i];
            } else {
                return make_error("usage", s);
            }
        } else if (a.command.empty()) {
            a.command = s;
        } else {
            a.positional.push_back(s);
        }
    }
    return a;
}

class Tool {
  public:
    Tool(config::Catalogue cat, Lang lang) : cat_(std::move(cat)), lang_(lang) {}

    int run(const Args& a) {
        args_ = &a;
        if (a.command == "list") return list();
        if (a.command == "profiles") return list_profiles();
        if (a.command == "ticket") return ticket();
        if (a.command == "status") return status();
        if (a.command == "render") return render();
        if (a.command == "emulate") return emulate();
        return usage_error("cli_unknown", {{"arg", a.command.empty() ? "(none)" : a.command}});
    }

  private:
    std::string t(std::string_view key, const std::map<std::string, std::string>& args = {}) const {
        return cat_.text(key, lang_, args);
    }
    int fail(const Error& e) const {
        std::cerr << t("cli_error", {{"message", e.message + " [" + e.code + "]"}}) << "\n";
        return kFailed;
    }
    int usage_error(std::string_view key, const std::map<std::string, std::string>& args) const {
        std::cerr << t(key, args) << "\n\n" << t("cli_usage") << "\n";
        return kUsage;
    }
    std::string flag(const std::string& name, const std::string& fallback = {}) const {
        auto it = args_->flags.find(name);
        return it == args_->flags.end() ? fallback : it->second;
    }
    bool has(const std::string& name) const { return args_->flags.count(name) > 0; }

    Result<Profile> profile(const std::string& fallback = "80mm") const {
        return find_profile(flag("--profile", fallback));
    }

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

    int ticket() {
        for (const char* required : {"--number", "--service", "--qr"}) {
            if (!has(required)) return usage_error("cli_missing", {{"flag", required}});
        }
        if (has("--device") == has("--out"))
            return usage_error("cli_missing", {{"flag", "--device | --out"}});

        std::unique_ptr<Transport> device;
        if (has("--device")) {
            auto opened = open_device(flag("--device"));
            if (!opened) return fail(opened.error());
            device = std::move(*opened);
        }
        // A USB printer of a known model picks its own profile unless told otherwise.
        std::string default_profile =
            device && !device->suggested_profile().empty() ? device->suggested_profile() : "80mm";
        auto prof = profile(default_profile);
        if (!prof) return fail(prof.error());

        // The hall file (default: the shipped one) names the hall and, when --service is a
        // service code such as "A", the service; --hall-name and other --service text win.
        auto hall = config::load_hall(has("--hall") ? std::filesystem::path(flag("--hall"))
                                                    : config::default_hall_path());
        if (!hall && has("--hall")) return fail(hall.error());
        auto in_lang = [this](const queue::Text& text) {
            return lang_ == Lang::Zh ? text.zh : text.en;
        };
        TicketSlip slip;
        slip.hall_name = flag("--hall-name", hall ? in_lang(hall->name) : t("cli_default_hall"));
        slip.service_name = flag("--service");
        if (hall) {
            if (const auto* service = hall->find_service(slip.service_name))
                slip.service_name = in_lang(service->name);
            (void)set_time_zone(hall->settings.time_zone);
        }
        slip.number = flag("--number");
        slip.qr_url = flag("--qr");
        slip.waiting_ahead = std::atoi(flag("--ahead", "0").c_str());
        if (has("--time")) {
            auto when = parse_iso8601(flag("--time"));
            if (!when) return usage_error("cli_unknown", {{"arg", "--time " + flag("--time")}});
            slip.issued_at = *when;
        } else {
            slip.issued_at = SystemClock().now();
        }
        auto job = render_ticket(slip, *prof, lang_);
        if (!job) return fail(job.error());

        if (!device) {
            std::ofstream out(flag("--out"), std::ios::binary);
            out.write(reinterpret_cast<const char*>(job->bytes.data()),
                      static_cast<std::streamsize>(job->bytes.size()));
            if (!out) return fail(make_error("write_failed", flag("--out") + ": cannot write"));
            std::cout << t("cli_written",
                           {{"bytes", std::to_string(job->bytes.size())}, {"file", flag("--out")}})
                      << "\n";
            return 0;
        }
        auto report = print(*device, *job);
        if (!report) return fail(report.error());
        std::cout << t("cli_printed", {{"bytes", std::to_string(report->bytes)},
                                       {"device", device->describe()},
                                       {"ms", std::to_string(report->elapsed.count())}})
                  << "\n";
        return 0;
    }

    int status() {
        if (!has("--device")) return usage_error("cli_missing", {{"flag", "--device"}});
        auto device = open_device(flag("--device"));
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

    int render() {
        if (args_->positional.size() != 1)
            return usage_error("cli_missing", {{"flag", "FILE.bin"}});
        if (!has("--out")) return usage_error("cli_missing", {{"flag", "--out"}});
        auto prof = profile();
        if (!prof) return fail(prof.error());
        std::ifstream in(args_->positional[0], std::ios::binary);
        if (!in) return fail(make_error("read_failed", args_->positional[0] + ": cannot read"));
        std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
        Paper paper = decode_escpos(bytes, *prof);
        if (auto st = render_png_file(paper, *prof, flag("--out")); !st) return fail(st.error());
        std::cout << t("cli_rendered", {{"file", flag("--out")}}) << "\n";
        return 0;
    }

    int emulate() {
        if (!has("--listen")) return usage_error("cli_missing", {{"flag", "--listen"}});
        if (!has("--out-dir")) return usage_error("cli_missing", {{"flag", "--out-dir"}});
        auto prof = profile();
        if (!prof) return fail(prof.error());
        std::string listen = flag("--listen");
        auto colon = listen.rfind(':');
        if (colon == std::string::npos) return usage_error("cli_unknown", {{"arg", listen}});
        std::string host = listen.substr(0, colon);
        if (host.size() >= 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
        int port = std::atoi(listen.c_str() + colon + 1);

        PrinterStatus initial;
        std::string paper = flag("--paper", "ok"), cover = flag("--cover", "closed");
        if (paper != "ok" && paper != "near-end" && paper != "end")
            return usage_error("cli_unknown", {{"arg", "--paper " + paper}});
        if (cover != "open" && cover != "closed")
            return usage_error("cli_unknown", {{"arg", "--cover " + cover}});
        initial.paper_near_end = paper == "near-end";
        initial.paper_end = paper == "end";
        initial.cover_open = cover == "open";
        initial.online = !initial.paper_end && !initial.cover_open;

        // Block the stop signals before any thread starts, then wait for one here.
        sigset_t stop;
        sigemptyset(&stop);
        sigaddset(&stop, SIGINT);
        sigaddset(&stop, SIGTERM);
        pthread_sigmask(SIG_BLOCK, &stop, nullptr);

        auto emu = Emulator::start(host, port, flag("--out-dir"), *prof);
        if (!emu) return fail(emu.error());
        (*emu)->set_status(initial);
        std::cout << "listening on " << (*emu)->address() << std::endl;
        int sig = 0;
        sigwait(&stop, &sig);
        (*emu)->stop();
        return 0;
    }

    config::Catalogue cat_;
    Lang lang_;
    const Args* args_ = nullptr;
};

}  // namespace

int main(int argc, char** argv) {
    // The hall's zone (from the hall file, for `ticket`) or else Asia/Shanghai prints times.
    if (const char* tz = std::getenv("TZ"); !tz || !*tz) (void)set_time_zone("Asia/Shanghai");
    auto args = parse(argc, argv);
    auto cat = config::Catalogue::load_asset("printer");
    if (!cat) {
        std::cerr << "onestop-print: " << cat.error().message << "\n";
        return kFailed;
    }
    Lang lang = Lang::Zh;
    if (args) {
        if (auto it = args->flags.find("--lang"); it != args->flags.end()) {
            auto parsed = config::parse_lang(it->second);
            if (!parsed) {
                std::cerr << parsed.error().message << "\n";
                return kUsage;
            }
            lang = *parsed;
        }
    }
    if (!args) {
        std::cerr << cat->text("cli_missing", lang, {{"flag", args.error().message + " VALUE"}})
                  << "\n";
        return kUsage;
    }
    if (args->flags.count("--version")) {
        std::cout << "onestop-print " << version() << "\n";
        return 0;
    }
    if (args->flags.count("--help") || args->command == "help") {
        std::cout << cat->text("cli_usage", lang) << "\n";
        return 0;
    }
    return Tool(std::move(*cat), lang).run(*args);
}
