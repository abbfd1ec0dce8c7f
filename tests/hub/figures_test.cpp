// The figures report's table without a hub: grouping, averages, the unit filter, key order,
// and the CSV Excel reads.
#include <doctest/doctest.h>

#include "case_figures.h"
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

TEST_CASE("case figures: modes, on time against the moved promise, 补正 rate, overdue, per unit") {
    queue::Settings settings;  // no holidays: Friday 27 November + 3 working days = 2 December
    auto make = [](const std::string& unit, const std::string& mode, const std::string& status) {
        store::CaseRecord c;
        c.unit = unit;
        c.day = "2026-11-27";
        c.mode = mode;
        c.status = status;
        c.promised_days = 3;
        return c;
    };
    auto on_time = make("CWC", "deadline", "completed");
    on_time.completed_at = "2026-12-02T16:00:00+08:00";
    auto late = make("CWC", "deadline", "completed");
    late.completed_at = "2026-12-03T09:00:00+08:00";
    // Waited for materials two working days: promised 4 December, kept on the 4th.
    auto waited = make("CWC", "supplement", "completed");
    waited.supplements = 1;
    waited.paused_days = 2;
    waited.completed_at = "2026-12-04T10:00:00+08:00";
    auto overdue = make("JWC", "deadline", "accepted");
    auto instant = make("JWC", "instant", "completed");
    instant.completed_at = "2026-11-27T09:00:00+08:00";
    auto returned = make("JWC", "return", "returned");
    std::vector<store::CaseRecord> all = {on_time, late, waited, overdue, instant, returned};

    auto rows = case_figures(all, settings, "2026-12-07", [](const std::string&) { return true; });
    REQUIRE(rows.size() == 3);
    const auto &cwc = rows[0], &jwc = rows[1], &total = rows[2];
    CHECK(cwc.unit == "CWC");
    CHECK(cwc.cases == 3);
    CHECK(cwc.deadline == 2);
    CHECK(cwc.supplement == 1);
    CHECK(cwc.completed == 3);
    CHECK(cwc.on_time == 2);
    CHECK(*cwc.on_time_rate == doctest::Approx(2.0 / 3));
    CHECK(*cwc.supplement_rate == doctest::Approx(1.0 / 3));
    CHECK(jwc.instant == 1);
    CHECK(jwc.returned == 1);
    CHECK(jwc.overdue == 1);
    CHECK_FALSE(jwc.on_time_rate.has_value());  // nothing promised was completed
    CHECK(total.unit.empty());
    CHECK(total.cases == 6);
    CHECK(*total.supplement_rate == doctest::Approx(1.0 / 6));

    auto jwc_only = case_figures(all, settings, "2026-12-07",
                                 [](const std::string& unit) { return unit == "JWC"; });
    REQUIRE(jwc_only.size() == 2);
    CHECK(jwc_only[1].cases == 3);
    CHECK(case_figures_table(jwc_only).rows.size() == 2);
}
