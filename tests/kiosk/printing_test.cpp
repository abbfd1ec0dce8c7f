#include <doctest/doctest.h>

#include "kiosk.h"
#include "printing.h"

using namespace onestop;

TEST_CASE("printing: printer errors map to the hub's alert kinds and the screen's message") {
    CHECK(std::string(kiosk::alert_kind(make_error(printer::errc::kPaperEnd, ""))) ==
          "printer_paper_end");
    CHECK(std::string(kiosk::alert_kind(make_error(printer::errc::kCoverOpen, ""))) ==
          "printer_cover_open");
    for (const char* gone :
         {printer::errc::kOffline, printer::errc::kNotFound, printer::errc::kUnplugged,
          printer::errc::kTimeout, printer::errc::kAccess, printer::errc::kBusy})
        CHECK(std::string(kiosk::alert_kind(make_error(gone, ""))) == "printer_offline");
    CHECK(std::string(kiosk::alert_kind(make_error(printer::errc::kIo, ""))) == "printer_error");
    CHECK(std::string(kiosk::screen_message_key(make_error(printer::errc::kPaperEnd, ""))) ==
          "printer_paper_end");
    CHECK(std::string(kiosk::screen_message_key(make_error("bad_device", ""))) == "printer_error");
}

TEST_CASE("estimate: the people ahead shared by the open windows, rounded up") {
    kiosk::ServiceView s;
    s.minutes_per_ticket = 4;
    s.windows_open = 1;
    CHECK(s.estimate_min(0) == 0);
    CHECK(s.estimate_min(3) == 12);
    s.windows_open = 2;
    CHECK(s.estimate_min(3) == 6);
    s.windows_open = 0;  // a stale snapshot: never divide by zero
    CHECK(s.estimate_min(3) == 12);
    s.windows_open = 5;
    CHECK(s.estimate_min(1) == 1);
}
