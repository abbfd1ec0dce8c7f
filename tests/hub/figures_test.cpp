// The figures report's table without a hub: grouping, averages, the unit filter, key order,
// and the CSV Excel reads.
#include <doctest/doctest.h>

#include "figures.h"
#include "onestop/config/hall_file.h"

using namespace onestop;
using namespace onestop::hub;

namespace {

queue::Hall test_hall() {
    auto hall = config::load_hall(ONESTOP_TEST_HALL);
    REQUIRE(hall.ok());
    return *hall;
}

store::FigureTicket ticket(const std::string& service, int window, const std::string& status,
                           std::optional<double> wait_s, std::optional<double> service_s) {
    return {"2026-11-27", service,  status, window, window ? "S00" + std::to_string(window) : "",
            wait_s,       service_s};
}

}  // namespace

TEST_CASE("figures: averages and longest waits to 0.1 min, a unit's tickets, windows by number") {
    queue::Hall hall = test_hall();
    std::vector<store::FigureTicket> tickets = {
        ticket("A", 1, "done", 60, 300), ticket("A", 1, "done", 180, 120),
        ticket("B", 2, "no_show", 30, {}), ticket("B", 0, "waiting", {}, {}),
        ticket("A", 10, "done", 6, 6)};
    auto everyone = [](const std::string&) { return true; };
    auto by_window = figures(tickets, FiguresBy::Window, hall, everyone, {});
    REQUIRE(by_window.size() == 3);
    CHECK(by_window[0].key == "1");
    CHECK(by_window[0].label->zh == "一号窗口");
    CHECK(by_window[0].average_wait_min == 2.0);
    CHECK(by_window[0].max_wait_min == 3.0);
    CHECK(by_window[0].average_service_min == 3.5);
    CHECK(by_window[1].key == "2");
    CHECK_FALSE(by_window[1].average_service_min.has_value());
    CHECK(by_window[2].key == "10");              // after 2: by number, not as text
    CHECK_FALSE(by_window[2].label.has_value());  // not a window of this hall
    CHECK(by_window[2].average_wait_min == 0.1);

    // The waiting B counts for its service's unit (CWC), as does a ticket of a window the
    // hall no longer has (A: JWC); the rest for their window's.
    auto jwc = [](const std::string& unit) { return unit == "JWC"; };
    auto by_day = figures(tickets, FiguresBy::Day, hall, jwc, {});
    REQUIRE(by_day.size() == 1);
    CHECK(by_day[0].tickets == 3);
    auto cwc = figures(tickets, FiguresBy::Service, hall,
                       [](const std::string& unit) { return unit == "CWC"; }, {});
    REQUIRE(cwc.size() == 1);
    CHECK(cwc[0].key == "B");
    CHECK(cwc[0].tickets == 2);
    CHECK(cwc[0].no_show == 1);

    auto by_staff = figures(tickets, FiguresBy::Staff, hall, everyone, {{"S001", "张三"}});
    REQUIRE(by_staff.size() == 3);
    CHECK(by_staff[0].label->en == "张三");
    CHECK_FALSE(by_staff[1].label.has_value());
}

TEST_CASE("report CSV: a BOM, CRLF, quoted commas and quotes, formulas kept as text") {
    report::Table table{"t", {{"名称", "Name"}, {"数", "Count"}, {"均值", ""}}, {}};
    table.rows.push_back({std::string("a,b \"c\""), int64_t{3}, 2.25});
    table.rows.push_back({std::string("=HYPERLINK(\"x\")"), int64_t{0}, report::Cell()});
    CHECK(report::to_csv(table) ==
          "\xEF\xBB\xBF名称 / Name,数 / Count,均值\r\n"
          "\"a,b \"\"c\"\"\",3,2.2\r\n"
          "\"'=HYPERLINK(\"\"x\"\")\",0,\r\n");
    auto xlsx = report::to_xlsx(table);
    REQUIRE(xlsx.ok());
    CHECK(xlsx->rfind("PK\x03\x04", 0) == 0);
}
