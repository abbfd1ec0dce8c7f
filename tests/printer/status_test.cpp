#include <doctest/doctest.h>

#include <chrono>

#include "onestop/printer/device_printer.h"
#include "onestop/printer/fake_transport.h"
#include "onestop/printer/printer.h"

using namespace onestop;
using namespace onestop::printer;

TEST_CASE("DLE EOT answers decode: online, cover open, paper near end, paper end") {
    PrinterStatus s;
    CHECK(apply_status_byte(StatusQuery::Printer, 0x12, s));
    CHECK(s.online);
    CHECK(apply_status_byte(StatusQuery::Printer, 0x1A, s));
    CHECK_FALSE(s.online);

    PrinterStatus cover;
    CHECK(apply_status_byte(StatusQuery::OfflineCause, 0x16, cover));
    CHECK(cover.cover_open);
    CHECK_FALSE(cover.ready());
    CHECK_FALSE(cover.paper_end);

    PrinterStatus near;
    CHECK(apply_status_byte(StatusQuery::RollPaper, 0x1E, near));
    CHECK(near.paper_near_end);
    CHECK_FALSE(near.paper_end);

    PrinterStatus end;
    CHECK(apply_status_byte(StatusQuery::RollPaper, 0x72, end));
    CHECK(end.paper_end);

    PrinterStatus stopped;  // DLE EOT 2 bit 5: printing stopped for lack of paper; bit 6: error
    CHECK(apply_status_byte(StatusQuery::OfflineCause, 0x72, stopped));
    CHECK(stopped.paper_end);
    CHECK(stopped.error);
}

TEST_CASE("bytes with the wrong fixed bits are not status answers") {
    PrinterStatus s;
    for (uint8_t b : {0x00, 0x13, 0x92, 0x10, 0x02, 0xFF}) {
        CHECK_FALSE(is_status_byte(b));
        CHECK_FALSE(apply_status_byte(StatusQuery::Printer, b, s));
    }
    CHECK(s == PrinterStatus{});
}

TEST_CASE("status_byte and apply_status_byte agree for every combination") {
    for (int bits = 0; bits < 16; ++bits) {
        PrinterStatus want;
        want.cover_open = bits & 1;
        want.paper_near_end = bits & 2;
        want.paper_end = bits & 4;
        want.error = bits & 8;
        want.online = !(want.cover_open || want.paper_end || want.error);
        if (want.paper_end) want.paper_near_end = true;  // a printer reports both sensors
        PrinterStatus got;
        for (auto q : {StatusQuery::Printer, StatusQuery::OfflineCause, StatusQuery::RollPaper}) {
            REQUIRE(apply_status_byte(q, status_byte(q, want), got));
        }
        CHECK(got == want);
    }
}

TEST_CASE("query_status asks DLE EOT 1, 2 and 4 and skips stray bytes") {
    FakeTransport fake;
    fake.status().paper_near_end = true;
    auto s = query_status(fake);
    REQUIRE(s.ok());
    CHECK(s->online);
    CHECK(s->ready());  // near end still prints
    CHECK(s->paper_near_end);
    CHECK_FALSE(s->paper_end);
    CHECK(fake.received() == std::vector<uint8_t>{0x10, 4, 1, 0x10, 4, 2, 0x10, 4, 4});
}

TEST_CASE("a printer that never answers status gives printer_no_status, quickly") {
    FakeTransport::Faults f;
    f.silent = true;
    FakeTransport fake(f);
    auto t0 = std::chrono::steady_clock::now();
    auto s = query_status(fake, Millis(50));
    REQUIRE_FALSE(s.ok());
    CHECK(s.error().code == errc::kNoStatus);
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
}

TEST_CASE("printer errors map to the hub's alert kinds and the screens' messages") {
    CHECK(std::string(trouble_kind(make_error(errc::kPaperEnd, ""))) == "printer_paper_end");
    CHECK(std::string(trouble_kind(make_error(errc::kCoverOpen, ""))) == "printer_cover_open");
    for (const char* gone : {errc::kOffline, errc::kNotFound, errc::kUnplugged, errc::kTimeout,
                             errc::kAccess, errc::kBusy})
        CHECK(std::string(trouble_kind(make_error(gone, ""))) == "printer_offline");
    CHECK(std::string(trouble_kind(make_error(errc::kIo, ""))) == "printer_error");
    CHECK(std::string(trouble_kind(make_error("bad_device", ""))) == "printer_error");
}
