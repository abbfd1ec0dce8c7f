// GET /api/v1/reports/figures: by day, unit, service, window and staff, narrowed to a unit or
// a staff member; a unit's lead sees its own unit's tickets; CSV with a BOM for Excel and an .xlsx
// workbook.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

// Four tickets on the test day: window 1 (S001, JWC) serves two A's, window 2 (S002, CWC)
// marks a B no-show, a second B waits.
void serve_four(HubFixture& f) {
    for (const char* service : {"A", "B", "A", "B"}) f.issue(service);
    std::string one = f.login(1), two = f.login(2);
    auto act = [&](int window, const std::string& session, const std::string& action) {
        REQUIRE(f.post("/api/v1/windows/" + std::to_string(window) + "/" + action, nullptr, session)
                    .status == 200);
    };
    act(1, one, "call-next");
    act(1, one, "finish");
    act(2, two, "call-next");
    act(2, two, "no-show");
    act(1, one, "call-next");
    act(1, one, "finish");
}

struct Row {
    std::string key;
    int tickets, served, no_show;
};

std::vector<Row> rows(const Answer& a) {
    std::vector<Row> out;
    for (const auto& r : a.body["rows"])
        out.push_back({r["key"], r["tickets"], r["served"], r["no_show"]});
    return out;
}

bool operator==(const Row& a, const Row& b) {
    return a.key == b.key && a.tickets == b.tickets && a.served == b.served &&
           a.no_show == b.no_show;
}

}  // namespace

TEST_CASE("figures: tickets, no-shows, waits and service times by day, service, window, staff") {
    HubFixture f;
    add_office_accounts(f);
    Browser unit{f, "", ""};
    REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);
    serve_four(f);
    auto figures = [&](const std::string& query) {
        return f.get("/api/v1/reports/figures?" + query, f.admin);
    };

    Answer by_day = figures("by=day");
    REQUIRE(by_day.status == 200);
    CHECK(by_day.body["from"] == "2026-11-01");  // this month up to today
    CHECK(by_day.body["to"] == "2026-11-27");
    CHECK(rows(by_day) == std::vector<Row>{{"2026-11-27", 4, 2, 1}});
    const json& day = by_day.body["rows"][0];
    CHECK(day["average_wait_min"].is_number());
    CHECK(day["max_wait_min"].get<double>() >= day["average_wait_min"].get<double>());
    CHECK(day["average_service_min"].is_number());
    CHECK_FALSE(day.contains("label"));

    Answer by_service = figures("by=service&from=2026-11-27&to=2026-11-27");
    CHECK(rows(by_service) == std::vector<Row>{{"A", 2, 2, 0}, {"B", 2, 0, 1}});
    CHECK(by_service.body["rows"][0]["label"]["zh"] == "成绩单打印");
    CHECK(by_service.body["rows"][1]["average_service_min"].is_null());  // none served
    // Only called tickets have a window and a staff member.
    CHECK(rows(figures("by=window")) == std::vector<Row>{{"1", 2, 2, 0}, {"2", 1, 0, 1}});
    Answer by_staff = figures("by=staff");
    CHECK(rows(by_staff) == std::vector<Row>{{"S001", 2, 2, 0}, {"S002", 1, 0, 1}});
    CHECK(by_staff.body["rows"][0]["label"]["zh"] == "张三");
    CHECK(rows(figures("by=day&from=2026-11-28&to=2026-11-30")).empty());

    // JWC's lead: the tickets JWC's window handled (the waiting B is CWC's service).
    CHECK(rows(unit.get("/api/v1/reports/figures?by=day")) ==
          std::vector<Row>{{"2026-11-27", 2, 2, 0}});
    CHECK(rows(unit.get("/api/v1/reports/figures?by=staff")) ==
          std::vector<Row>{{"S001", 2, 2, 0}});

    // Per unit, and drilled down: one unit's staff, one person's days.
    Answer by_unit = figures("by=unit");
    CHECK(rows(by_unit) == std::vector<Row>{{"CWC", 2, 0, 1}, {"JWC", 2, 2, 0}});
    CHECK(by_unit.body["rows"][1]["label"]["zh"] == "教务处");
    Answer cwc_staff = figures("by=staff&unit=CWC");
    CHECK(cwc_staff.body["unit"] == "CWC");
    CHECK(rows(cwc_staff) == std::vector<Row>{{"S002", 1, 0, 1}});
    Answer one = figures("by=day&staff=S001");
    CHECK(one.body["staff"] == "S001");
    CHECK(rows(one) == std::vector<Row>{{"2026-11-27", 2, 2, 0}});
    CHECK(rows(unit.get("/api/v1/reports/figures?by=unit")) == std::vector<Row>{{"JWC", 2, 2, 0}});
    CHECK(unit.get("/api/v1/reports/figures?by=staff&unit=JWC").status == 200);
    CHECK(unit.get("/api/v1/reports/figures?by=staff&unit=CWC").status == 403);

    for (const char* bad : {"by=month", "unit=XXX", "staff=S%22;x", "staff=S00000000000000001",
                            "format=pdf", "from=2026-11-30&to=2026-11-01", "from=2026-13-01",
                            "from=2025-01-01&to=2026-11-27", "to=2026-11-31"})
        CHECK_MESSAGE(figures(bad).status == 422, bad);
    CHECK(f.get("/api/v1/reports/figures").status == 401);
    CHECK(f.get("/api/v1/reports/figures", f.kiosk).status == 403);
}

TEST_CASE("figures as CSV (UTF-8 with a BOM) and as an .xlsx workbook, with file names") {
    HubFixture f;
    serve_four(f);
    auto c = f.client();
    httplib::Headers admin{{"Authorization", "Bearer " + f.admin}};

    auto csv = c.Get("/api/v1/reports/figures?by=service&format=csv", admin);
    REQUIRE(csv);
    CHECK(csv->status == 200);
    CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8");
    CHECK(csv->get_header_value("Content-Disposition") ==
          "attachment; filename=\"figures-by-service-2026-11-01-2026-11-27.csv\"");
    const std::string& text = csv->body;
    REQUIRE(text.rfind("\xEF\xBB\xBF", 0) == 0);
    size_t end = text.find("\r\n");
    CHECK(text.substr(3, end - 3) ==
          "事项 / Service,名称 / Name,取号数 / Tickets,已办结 / Served,过号 / No-shows,"
          "平均等候(分钟) / Average wait (min),最长等候(分钟) / Longest wait (min),"
          "平均办理(分钟) / Average service (min)");
    CHECK(text.find("\r\nA,成绩单打印 Transcripts,2,2,0,") != std::string::npos);
    CHECK(text.find("\r\nB,报销受理 Reimbursements,2,0,1,") != std::string::npos);

    auto xlsx = c.Get("/api/v1/reports/figures?by=window&format=xlsx", admin);
    REQUIRE(xlsx);
    CHECK(xlsx->status == 200);
    CHECK(xlsx->get_header_value("Content-Type") ==
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    CHECK(xlsx->get_header_value("Content-Disposition") ==
          "attachment; filename=\"figures-by-window-2026-11-01-2026-11-27.xlsx\"");
    CHECK(xlsx->body.rfind("PK\x03\x04", 0) == 0);  // a zip archive
    CHECK(xlsx->body.find("xl/worksheets/sheet1.xml") != std::string::npos);
}
