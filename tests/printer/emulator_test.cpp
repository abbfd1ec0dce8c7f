// The network printer emulator over loopback: in-process (as the kiosk's tests use it)
// and as `onestop-print emulate` driven by `onestop-print ticket` / `status`.
#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <thread>

#include "child_process.h"
#include "onestop/config/hall_file.h"
#include "onestop/printer/emulator.h"
#include "onestop/printer/printer.h"
#include "onestop/printer/virtual_printer.h"
#include "png_tools.h"
#include "samples.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::printer;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

TEST_CASE("a ticket printed over TCP to the emulator comes out as .bin and a readable .png") {
    onestop::test::TempDir dir;
    Profile p = find_profile("80mm").value();
    auto emu = Emulator::start("127.0.0.1", 0, dir.path(), p);
    REQUIRE(emu.ok());
    CHECK((*emu)->port() > 0);

    Job job = render_ticket(samples::ticket(Lang::Zh), p, Lang::Zh).value();
    {
        auto device = open_device("tcp:" + (*emu)->address());
        REQUIRE_MESSAGE(device.ok(), device.error().message);
        auto report = print(**device, job);
        REQUIRE_MESSAGE(report.ok(), report.error().message);
        CHECK(report->status_known);
        CHECK(report->status.online);
        // The cut ends the job: it is saved while the connection is still open.
        auto jobs = (*emu)->wait_for_jobs(1, 10s);
        REQUIRE(jobs.size() == 1);
    }
    auto jobs = (*emu)->wait_for_jobs(2, 1500ms);  // the status queries after it are no job
    REQUIRE(jobs.size() == 1);
    CHECK(fs::exists(jobs[0].bin));
    CHECK(fs::exists(jobs[0].png));
    CHECK(jobs[0].bin.filename() == "job-0001.bin");
    // The saved stream is the status queries before the job, and the job — plus the first
    // query after it when both arrived in one read.
    CHECK((jobs[0].bytes == job.bytes.size() + 9 || jobs[0].bytes == job.bytes.size() + 12));
    auto codes = testing::read_qr_codes(jobs[0].png);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == samples::kTicketUrl);
}

TEST_CASE("the emulator answers status; paper end refuses the job and saves nothing") {
    onestop::test::TempDir dir;
    Profile p = find_profile("58mm").value();
    auto emu = Emulator::start("127.0.0.1", 0, dir.path(), p);
    REQUIRE(emu.ok());
    PrinterStatus s;
    s.paper_end = true;
    s.online = false;
    (*emu)->set_status(s);
    auto device = open_device("tcp:" + (*emu)->address());
    REQUIRE(device.ok());
    auto status = query_status(**device);
    REQUIRE(status.ok());
    CHECK(status->paper_end);
    CHECK_FALSE(status->online);
    auto report = print(**device, render_ticket(samples::ticket(Lang::En), p, Lang::En).value());
    REQUIRE_FALSE(report.ok());
    CHECK(report.error().code == errc::kPaperEnd);
    device->reset();
    CHECK((*emu)->wait_for_jobs(1, 1500ms).empty());  // status queries alone are no job
}

TEST_CASE("two slips on one connection are saved as two jobs; uncut data when the client leaves") {
    onestop::test::TempDir dir;
    Profile p = find_profile("58mm").value();
    auto emu = Emulator::start("127.0.0.1", 0, dir.path(), p);
    REQUIRE(emu.ok());
    auto device = open_device("tcp:" + (*emu)->address());
    REQUIRE(device.ok());
    REQUIRE(print(**device, render_ticket(samples::ticket(Lang::Zh), p, Lang::Zh).value()).ok());
    REQUIRE(
        print(**device, render_return_notice(samples::return_notice(Lang::Zh), p, Lang::Zh).value())
            .ok());
    CHECK((*emu)->wait_for_jobs(2, 10s).size() == 2);
    const uint8_t uncut[] = {'h', 'i', '\n'};
    REQUIRE((*device)->write(uncut, 1000ms).value() == 3);
    device->reset();
    auto jobs = (*emu)->wait_for_jobs(3, 10s);
    REQUIRE(jobs.size() == 3);
    // The third job is "hi" and whichever status queries arrived with it.
    std::ifstream in(jobs[2].bin, std::ios::binary);
    std::string saved((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(saved.size() == jobs[2].bytes);
    CHECK(saved.ends_with("hi\n"));
    CHECK(saved.size() <= 9 + 3);
}

TEST_CASE("a status query split across TCP segments is answered exactly once") {
    onestop::test::TempDir dir;
    auto emu = Emulator::start("127.0.0.1", 0, dir.path(), find_profile("80mm").value());
    REQUIRE(emu.ok());
    auto device = open_device("tcp:" + (*emu)->address());
    REQUIRE(device.ok());
    const uint8_t first[] = {0x10}, rest[] = {0x04, 0x04};
    REQUIRE((*device)->write(first, 1000ms).value() == 1);
    CHECK((*device)->read(8, 200ms).value().empty());  // half a query: no answer yet
    REQUIRE((*device)->write(rest, 1000ms).value() == 2);
    auto answer = (*device)->read(8, 5000ms);
    REQUIRE(answer.ok());
    REQUIRE(answer->size() == 1);
    CHECK((*answer)[0] == 0x12);  // roll paper present
    CHECK((*device)->read(8, 200ms).value().empty());
}

TEST_CASE("a connection to a closed port fails with printer_not_found, retryable") {
    onestop::test::TempDir dir;
    int port;
    {
        auto emu = Emulator::start("127.0.0.1", 0, dir.path(), find_profile("80mm").value());
        REQUIRE(emu.ok());
        port = (*emu)->port();
    }
    auto device = open_device("tcp:127.0.0.1:" + std::to_string(port));
    REQUIRE_FALSE(device.ok());
    CHECK(device.error().code == errc::kNotFound);
    CHECK(is_retryable(device.error()));
}

TEST_CASE("onestop-print: emulate, ticket --device tcp:…, status, render") {
    onestop::test::TempDir dir;
    std::string tool = onestop::test::bin_path("onestop-print");
    onestop::test::ChildProcess emulator({tool, "emulate", "--listen", "127.0.0.1:0", "--out-dir",
                                          (dir / "jobs").string(), "--profile", "80mm"},
                                         {.out = onestop::test::Stream::pipe()});
    auto line = emulator.read_line(10s);
    REQUIRE(line.has_value());
    REQUIRE(line->starts_with("listening on 127.0.0.1:"));
    std::string address = line->substr(std::string("listening on ").size());

    auto printed = onestop::test::run_program({tool, "ticket", "--number", "B007", "--service",
                                               "学籍证明", "--qr", samples::kTicketUrl, "--ahead",
                                               "2", "--device", "tcp:" + address});
    CHECK(printed.status == 0);

    // Wait for both files (the emulator saves when the connection closes).
    fs::path bin = dir / "jobs/job-0001.bin", png = dir / "jobs/job-0001.png";
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!(fs::exists(bin) && fs::exists(png)) && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(20ms);
    }
    REQUIRE(fs::exists(bin));
    REQUIRE(fs::exists(png));
    auto codes = testing::read_qr_codes(png);
    REQUIRE(codes.size() == 1);
    CHECK(codes[0] == samples::kTicketUrl);

    auto status =
        onestop::test::run_program({tool, "status", "--device", "tcp:" + address, "--lang", "en"});
    CHECK(status.status == 0);
    CHECK(status.out == "online: yes\npaper: ok\ncover: closed\n");

    auto rendered = onestop::test::run_program(
        {tool, "render", bin.string(), "--out", (dir / "again.png").string()});
    CHECK(rendered.status == 0);
    CHECK(testing::compare_png(png, dir / "again.png").differing == 0.0);

    CHECK(emulator.stop() == 0);
}

TEST_CASE("onestop-print: a cover-open emulator reports it, and tickets fail with the reason") {
    onestop::test::TempDir dir;
    std::string tool = onestop::test::bin_path("onestop-print");
    onestop::test::ChildProcess emulator(
        {tool, "emulate", "--listen", "127.0.0.1:0", "--out-dir", dir.path().string(), "--cover",
         "open", "--paper", "near-end"},
        {.out = onestop::test::Stream::pipe()});
    auto line = emulator.read_line(10s);
    REQUIRE(line.has_value());
    std::string address = line->substr(std::string("listening on ").size());
    auto status =
        onestop::test::run_program({tool, "status", "--device", "tcp:" + address, "--lang", "en"});
    CHECK(status.out == "online: no\npaper: near-end\ncover: open\n");
    auto printed =
        onestop::test::run_program({tool, "ticket", "--number", "A001", "--service", "x", "--qr",
                                    "http://h/t/1?c=a", "--device", "tcp:" + address});
    CHECK(printed.status == 1);
}

TEST_CASE("onestop-print: usage errors exit 2, --out writes the job, file: devices take it too") {
    onestop::test::TempDir dir;
    std::string tool = onestop::test::bin_path("onestop-print");
    CHECK(onestop::test::run_program({tool, "ticket", "--number", "A001"}).status == 2);
    CHECK(onestop::test::run_program({tool, "frobnicate"}).status == 2);
    CHECK(onestop::test::run_program({tool, "status", "--device", "serial:/dev/ttyS0"}).status ==
          1);
    auto help = onestop::test::run_program({tool, "--help", "--lang", "en"});
    CHECK(help.status == 0);
    CHECK(help.out.find("onestop-print emulate --listen HOST:PORT --out-dir DIR") !=
          std::string::npos);

    std::vector<std::string> ticket{tool,        "ticket",
                                    "--number",  "A001",
                                    "--service", "Certificates",
                                    "--qr",      samples::kTicketUrl,
                                    "--profile", "58mm",
                                    "--lang",    "en",
                                    "--time",    "2026-11-27T09:05:00+08:00"};
    auto out = ticket;
    out.insert(out.end(), {"--out", (dir / "a.bin").string()});
    auto dev = ticket;
    dev.insert(dev.end(), {"--device", "file:" + (dir / "b.bin").string()});
    REQUIRE(onestop::test::run_program(out).status == 0);
    REQUIRE(onestop::test::run_program(dev).status == 0);
    CHECK(fs::file_size(dir / "a.bin") == fs::file_size(dir / "b.bin"));
    CHECK(fs::file_size(dir / "a.bin") > 100);
}

TEST_CASE("onestop-print ticket: a service code prints the hall file's name for it") {
    onestop::test::TempDir dir;
    std::string tool = onestop::test::bin_path("onestop-print");
    auto hall = config::load_hall(config::default_hall_path());
    REQUIRE(hall.ok());
    REQUIRE_FALSE(hall->services.empty());
    const auto& service = hall->services.front();
    auto run = onestop::test::run_program({tool, "ticket", "--number", service.code + "001",
                                           "--service", service.code, "--qr", samples::kTicketUrl,
                                           "--out", (dir / "t.bin").string()});
    REQUIRE(run.status == 0);
    std::ifstream in(dir / "t.bin", std::ios::binary);
    std::vector<uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                               std::istreambuf_iterator<char>());
    Paper paper = decode_escpos(bytes, find_profile("80mm").value());
    std::string text;
    for (const auto& block : paper.blocks) {
        if (const auto* line = std::get_if<TextLine>(&block)) {
            for (const auto& span : line->spans) text += span.utf8;
        }
    }
    CHECK(text.find(hall->name.zh) != std::string::npos);
    // The 2x-wide service name may wrap: compare without the line breaks.
    CHECK(text.find(service.name.zh.substr(0, 6)) != std::string::npos);
    CHECK(onestop::test::run_program({tool, "ticket", "--number", "A001", "--service", "A", "--qr",
                                      "http://h/t/1?c=a", "--hall", (dir / "missing.toml").string(),
                                      "--out", (dir / "u.bin").string()})
              .status == 1);
}

TEST_CASE("UsbPrinter_Hardware: a real USB printer prints a ticket" * doctest::skip()) {
    auto device = open_device("usb");
    REQUIRE_MESSAGE(device.ok(), device.error().message);
    Profile p = find_profile((*device)->suggested_profile()).value();
    auto report = print(**device, render_ticket(samples::ticket(Lang::Zh), p, Lang::Zh).value());
    REQUIRE_MESSAGE(report.ok(), report.error().message);
}

TEST_CASE("onestop-print label: an asset's label to the emulator over TCP reads back with zbar") {
    onestop::test::TempDir dir;
    std::string tool = onestop::test::bin_path("onestop-print");
    onestop::test::ChildProcess emulator({tool, "emulate", "--listen", "127.0.0.1:0", "--out-dir",
                                          (dir / "jobs").string(), "--profile", "58mm"},
                                         {.out = onestop::test::Stream::pipe()});
    auto line = emulator.read_line(10s);
    REQUIRE(line.has_value());
    std::string address = line->substr(std::string("listening on ").size());
    const std::string url = "https://hall.example/office/#assets/ZC-000123";
    auto printed =
        onestop::test::run_program({tool, "label", "--tag", "ZC-000123", "--name", "窗口电脑",
                                    "--qr", url, "--stock", "58mm", "--device", "tcp:" + address});
    CHECK(printed.status == 0);
    fs::path png = dir / "jobs/job-0001.png";
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!fs::exists(png) && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(20ms);
    REQUIRE(fs::exists(png));
    CHECK(testing::read_qr_codes(png) == std::vector<std::string>{url});
    CHECK(emulator.stop() == 0);

    // Label stock to a file; an unknown stock is a usage error.
    auto written = onestop::test::run_program(
        {tool, "label", "--tag", "ZC-000123", "--out", (dir / "label.bin").string()});
    CHECK(written.status == 0);
    CHECK(fs::file_size(dir / "label.bin") > 0);
    CHECK(onestop::test::run_program(
              {tool, "label", "--tag", "ZC-1", "--stock", "A7", "--out", (dir / "x.bin").string()})
              .status == 2);
}
