#include <doctest/doctest.h>

#include <cstdio>
#include <fstream>
#include <iterator>

#include "onestop/printer/printer.h"
#include "samples.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::printer;

TEST_CASE("malformed device strings are refused with bad_device") {
    for (const char* spec :
         {"", "usb:", "usb:04b8", "usb:zz:0202", "usb:04b8:10000", "file:", "tcp:", "tcp:host:0",
          "tcp:host:99999", "tcp:host:12ab", "lpt1", "serial:/dev/ttyS0"}) {
        CAPTURE(spec);
        auto d = open_device(spec);
        REQUIRE_FALSE(d.ok());
        CHECK(d.error().code == errc::kBadDevice);
    }
}

TEST_CASE("a missing USB printer is printer_not_found, not a crash or a hang") {
    auto d = open_device("usb:ffff:fffe");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code != errc::kBadDevice);
}

TEST_CASE(
    "file: takes a job; a plain file never answers status, so printing does not wait for it") {
    onestop::test::TempDir dir;
    auto path = dir / "job.bin";
    Job job =
        render_ticket(samples::ticket(Lang::Zh), find_profile("80mm").value(), Lang::Zh).value();
    {
        auto d = open_device("file:" + path.string());
        REQUIRE(d.ok());
        CHECK_FALSE((*d)->answers_status());
        CHECK(query_status(**d).error().code == errc::kNoStatus);
        auto t0 = std::chrono::steady_clock::now();
        auto report = print(**d, job);
        REQUIRE(report.ok());
        CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(400));
    }
    std::ifstream in(path, std::ios::binary);
    std::vector<uint8_t> written((std::istreambuf_iterator<char>(in)),
                                 std::istreambuf_iterator<char>());
    CHECK(written == job.bytes);
}

TEST_CASE("a character device that reads as end of file (no status channel) is not polled") {
    auto d = open_device("file:/dev/null");
    REQUIRE(d.ok());
    CHECK((*d)->answers_status());  // a device might answer: it is asked once
    auto t0 = std::chrono::steady_clock::now();
    auto st = query_status(**d, Millis(2000));
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().code == errc::kNoStatus);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::milliseconds(500));
    CHECK_FALSE((*d)->answers_status());
    Job job =
        render_ticket(samples::ticket(Lang::En), find_profile("58mm").value(), Lang::En).value();
    auto report = print(**d, job);
    REQUIRE(report.ok());
    CHECK(report->bytes == job.bytes.size());
}

TEST_CASE("a file in a missing folder is printer_not_found") {
    auto d = open_device("file:/nonexistent-dir/lp0");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().code == errc::kNotFound);
}

TEST_CASE(
    "the udev rule opens class-7 printers and every listed vendor-class model to group lp, 0660") {
    std::ifstream in(std::string(ONESTOP_SOURCE_DIR) + "/scripts/udev/60-onestop-printer.rules");
    REQUIRE(in.good());
    std::string rules((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(rules.find("ENV{ID_USB_INTERFACES}==\"*:0701??:*\", GROUP=\"lp\", MODE=\"0660\"") !=
          std::string::npos);
    CHECK(rules.find("KERNEL==\"lp[0-9]*\", GROUP=\"lp\", MODE=\"0660\"") != std::string::npos);
    for (const auto& p : profiles()) {
        for (const auto& id : p.usb_ids) {
            char match[96];
            std::snprintf(
                match, sizeof match,
                "ATTR{idVendor}==\"%04x\", ATTR{idProduct}==\"%04x\", GROUP=\"lp\", MODE=\"0660\"",
                id.vid, id.pid);
            CHECK_MESSAGE(rules.find(match) != std::string::npos,
                          p.name << " has no udev rule: " << match);
        }
    }
}
