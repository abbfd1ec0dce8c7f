// printer_bench [--out-dir DIR] [--speed MM_PER_S]
// Prints, per profile: job sizes (native QR vs raster QR), encode time, decode+render
// time, the ticket's paper length and how long a printer of the given speed needs for it
// and for a 60 mm ticket. With --out-dir also writes every slip as PNG (zh and en).
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "onestop/base/time.h"
#include "onestop/cli/cli.h"
#include "onestop/printer/emulator.h"
#include "onestop/printer/printer.h"
#include "onestop/printer/virtual_printer.h"
#include "samples.h"

using namespace onestop;
using namespace onestop::printer;
using Steady = std::chrono::steady_clock;

namespace {

double ms_since(Steady::time_point t0, int runs) {
    return std::chrono::duration<double, std::milli>(Steady::now() - t0).count() / runs;
}

}  // namespace

int main(int argc, char** argv) {
    (void)set_time_zone("Asia/Shanghai");
    std::filesystem::path out_dir;
    double speed = 130.0;  // mm/s, a common rating for cheap 80 mm printers
    CLI::App cli("printer_bench: job sizes, encode and render times, paper time at a print speed",
                 "printer_bench");
    cli.add_option("--out-dir", out_dir, "also write each job's PNG there");
    cli.add_option("--speed", speed, "the printer's speed in mm/s")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    if (auto code = cli::parse(cli, argc, argv)) return *code;
    std::filesystem::path tmp =
        std::filesystem::temp_directory_path() / "onestop-printer-bench.png";

    Profile raster80 = find_profile("80mm").value();
    raster80.name = "80mm+raster";
    raster80.qr = QrMode::Raster;
    std::vector<Profile> set{find_profile("80mm").value(), raster80, find_profile("58mm").value(),
                             find_profile("pos58").value()};

    std::printf("%-12s %-6s %10s %10s %10s %10s %12s %12s\n", "profile", "QR", "bytes", "encode_ms",
                "render_ms", "paper_mm", "print_s", "usb_fs_ms");
    for (const Profile& p : set) {
        const int encode_runs = 200, render_runs = 10;
        auto t0 = Steady::now();
        Job job;
        for (int i = 0; i < encode_runs; ++i)
            job = render_ticket(samples::ticket(Lang::Zh), p, Lang::Zh).value();
        double encode_ms = ms_since(t0, encode_runs);

        Paper paper = decode_escpos(job.bytes, p);
        (void)render_png_file(paper, p, tmp);  // warm the font and glyph caches
        t0 = Steady::now();
        for (int i = 0; i < render_runs; ++i) {
            Paper again = decode_escpos(job.bytes, p);
            if (!render_png_file(again, p, tmp)) return 1;
        }
        double render_ms = ms_since(t0, render_runs);
        double paper_mm = paper_length_dots(paper, p).value() / double(Profile::dots_per_mm);
        // USB full speed bulk moves at most 19 × 64-byte packets per 1 ms frame.
        double usb_ms = job.bytes.size() / (19.0 * 64.0);
        std::printf("%-12s %-6s %10zu %10.3f %10.1f %10.1f %12.2f %12.2f\n", p.name.c_str(),
                    p.qr == QrMode::Native ? "native" : "raster", job.bytes.size(), encode_ms,
                    render_ms, paper_mm, paper_mm / speed, usb_ms);
    }
    std::printf("\na 60 mm ticket at %.0f mm/s takes %.2f s of printing (plus the cut)\n", speed,
                60.0 / speed);

    // End to end over loopback: print() to the emulator, and until its PNG is on disk.
    {
        auto dir = std::filesystem::temp_directory_path() / "onestop-printer-bench-emu";
        std::filesystem::remove_all(dir);
        Profile p = find_profile("80mm").value();
        auto emu = Emulator::start("127.0.0.1", 0, dir, p);
        if (!emu) return 1;
        Job job = render_ticket(samples::ticket(Lang::Zh), p, Lang::Zh).value();
        const int runs = 10;
        double print_ms = 0, saved_ms = 0;
        for (int i = 0; i < runs; ++i) {
            auto t0 = Steady::now();
            auto dev = open_device("tcp:" + (*emu)->address());
            if (!dev || !print(**dev, job)) return 1;
            print_ms += ms_since(t0, 1);
            dev->reset();  // closing ends the job
            if ((*emu)
                    ->wait_for_jobs(static_cast<size_t>(i + 1), std::chrono::seconds(10))
                    .size() != static_cast<size_t>(i + 1))
                return 1;
            saved_ms += ms_since(t0, 1);
        }
        std::printf(
            "emulator over loopback (80mm ticket): print() %.1f ms, until .bin+.png saved %.1f ms "
            "(mean of %d)\n",
            print_ms / runs, saved_ms / runs, runs);
        (*emu)->stop();
        std::filesystem::remove_all(dir);
    }

    if (!out_dir.empty()) {
        std::filesystem::create_directories(out_dir);
        for (const char* name : {"80mm", "58mm", "pos58"}) {
            Profile p = find_profile(name).value();
            for (Lang lang : {Lang::Zh, Lang::En}) {
                for (const auto& sample : samples::all()) {
                    auto job = sample.render(p, lang).value();
                    auto file = out_dir /
                                (sample.kind + "-" + name + "-" + config::to_string(lang) + ".png");
                    if (!render_png_file(decode_escpos(job.bytes, p), p, file)) return 1;
                }
            }
        }
        std::printf("slips written to %s\n", out_dir.c_str());
    }
    std::filesystem::remove(tmp);
    return 0;
}
