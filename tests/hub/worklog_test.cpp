// The work log's day (第十八条) without a hub: what each person did counted from the records,
// sessions clipped to the day with overlaps once, the note's versions, who has a row.
#include <doctest/doctest.h>

#include "worklog.h"

using namespace onestop;
using namespace onestop::hub;

namespace {

TimePoint at(const std::string& iso) {
    auto t = parse_iso8601(iso);
    REQUIRE(t);
    return *t;
}

WorklogInput day() {
    WorklogInput in;
    in.date = "2026-12-01";
    in.zone = *TimeZone::named("Asia/Shanghai");
    in.day_start = at("2026-12-01T00:00:00+08:00");
    in.day_end = at("2026-12-02T00:00:00+08:00");
    in.now = at("2026-12-01T18:00:00+08:00");
    in.staff = {{"S001", "张三", "JWC", "", {}},
                {"S002", "李四", "CWC", "", {}},
                {"S003", "王五", "JWC", "", {}},
                {"S009", "离职", "JWC", "", std::string("2026-01-01T00:00:00+08:00")}};
    return in;
}

store::CaseRecord opened(const std::string& staff, const std::string& mode,
                         const std::string& day = "2026-12-01") {
    store::CaseRecord c;
    c.staff = staff;
    c.mode = mode;
    c.day = day;
    return c;
}

const auto everyone = [](const store::Staff&) { return true; };

}  // namespace

TEST_CASE("worklog: tickets, cases by mode, completions and hand-overs are counted per person") {
    WorklogInput in = day();
    in.tickets = {{"2026-12-01", "A", "done", 1, "S001", 60, 300},
                  {"2026-12-01", "A", "done", 1, "S001", 60, 180},
                  {"2026-12-01", "A", "no_show", 1, "S001", 60, {}},
                  {"2026-12-01", "B", "done", 2, "S002", 30, 90}};
    in.cases = {opened("S001", "instant"),  opened("S001", "deadline"),
                opened("S001", "deadline"), opened("S001", "supplement"),
                opened("S002", "return"),   opened("", "deadline")};
    in.steps = {{1, 1, "2026-12-01T09:00:00+08:00", "completed", "staff:S001", "{}"},
                {2, 2, "2026-12-01T09:10:00+08:00", "opened", "staff:S001", "{}"},
                {3, 3, "2026-12-01T10:00:00+08:00", "completed", "account:wang", "{}"},
                {4, 4, "2026-11-30T16:00:00+08:00", "completed", "staff:S002", "{}"}};
    in.handovers = {
        {1,
         2,
         {"申请表"},
         "JWC",
         "S001",
         "CWC",
         std::string("S002"),
         "confirmed",
         "2026-12-01T09:20:00+08:00",
         std::string("2026-12-01T09:40:00+08:00")},
        {2, 2, {"回执"}, "CWC", "S002", "JWC", {}, "pending", "2026-12-01T11:00:00+08:00", {}}};
    auto rows = worklog_day(in, everyone);
    REQUIRE(rows.size() == 2);  // S003 and S009 did nothing
    // By unit, then number: CWC before JWC.
    const WorklogRow& li = rows[0];
    const WorklogRow& zhang = rows[1];
    CHECK(li.staff == "S002");
    CHECK(zhang.staff == "S001");
    CHECK(zhang.tickets_served == 2);
    CHECK(zhang.average_service_min == 4.0);
    CHECK(zhang.instant == 1);
    CHECK(zhang.deadline == 2);
    CHECK(zhang.supplement == 1);
    CHECK(zhang.returned == 0);
    CHECK(zhang.cases_completed == 1);  // the office's completion is not theirs
    CHECK(zhang.handovers_sent == 1);
    CHECK(zhang.handovers_confirmed == 0);
    CHECK(li.tickets_served == 1);
    CHECK(li.returned == 1);
    CHECK(li.cases_completed == 0);  // yesterday's
    CHECK(li.handovers_sent == 1);
    CHECK(li.handovers_confirmed == 1);  // signed with the PIN
    CHECK_FALSE(li.first_in);
}

TEST_CASE("worklog: time at a window is clipped to the day, overlaps once, open until now") {
    WorklogInput in = day();
    in.sessions = {// From before midnight: counts from 00:00.
                   {"S001", 1, "2026-11-30T23:30:00+08:00", "2026-12-01T00:30:00+08:00"},
                   {"S001", 1, "2026-12-01T08:30:00+08:00", "2026-12-01T11:30:00+08:00"},
                   // Overlapping the morning one at another window: 11:00–12:00 adds 30 minutes.
                   {"S001", 2, "2026-12-01T11:00:00+08:00", "2026-12-01T12:00:00+08:00"},
                   // A phone session is not time at a window.
                   {"S001", 0, "2026-12-01T13:00:00+08:00", "2026-12-01T17:00:00+08:00"},
                   // Still signed in: counts up to now (18:00).
                   {"S002", 3, "2026-12-01T16:00:00+08:00", ""}};
    auto rows = worklog_day(in, everyone);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].staff == "S001");
    CHECK(rows[1].signed_in_min == 30 + 180 + 30);
    CHECK(rows[1].first_in == "00:00");
    CHECK(rows[1].last_out == "12:00");
    CHECK(rows[0].staff == "S002");
    CHECK(rows[0].signed_in_min == 120);
    CHECK(rows[0].first_in == "16:00");
    CHECK_FALSE(rows[0].last_out);  // still at the window
}

TEST_CASE("worklog: the note is the newest version, earlier ones kept; `counts` narrows") {
    WorklogInput in = day();
    in.notes = {
        {1, "S003", "2026-12-01", "上午整理档案", "2026-12-01T12:00:00+08:00", "staff:S003"},
        {2, "S003", "2026-12-01", "上午整理档案；下午培训", "2026-12-01T17:00:00+08:00",
         "staff:S003"}};
    auto rows = worklog_day(in, everyone);
    REQUIRE(rows.size() == 1);  // a note alone is a day worth a row
    CHECK(rows[0].notes.size() == 2);
    json j = worklog_json(rows[0]);
    CHECK(j["note"] == "上午整理档案；下午培训");
    CHECK(j["note_versions"].size() == 2);
    CHECK(j["note_versions"][0]["note"] == "上午整理档案");
    CHECK(j["cases_opened"]["deadline"] == 0);
    CHECK(j["first_in"].is_null());

    in.sessions = {{"S001", 1, "2026-12-01T08:30:00+08:00", "2026-12-01T09:00:00+08:00"}};
    auto cwc = worklog_day(in, [](const store::Staff& s) { return s.unit == "CWC"; });
    CHECK(cwc.empty());
    auto table = worklog_table(worklog_day(in, everyone));
    REQUIRE(table.rows.size() == 2);
    CHECK(table.columns.size() == table.rows[0].size());
}
