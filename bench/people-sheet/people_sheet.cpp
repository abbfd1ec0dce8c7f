// people-sheet: how long the monthly attendance sheet (第三十二条) takes for a hall of 60
// staff over a month of 23 working days (December 2026): every staff member rostered one
// half day each working day at a window of the default hall, signed in and out at the
// counter (some late, some early, some absent), a few on approved leave with a substitute.
// Times reading and reconciling it (compute_sheet), the JSON (sheet_json) and the .xlsx
// (sheet_table + to_xlsx), several runs, on a scratch database in a temporary folder.

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "../bench_steps.h"
#include "attendance.h"
#include "hub.h"
#include "onestop/base/time.h"
#include "rosters.h"

using namespace onestop;
using namespace onestop::hub;
using namespace onestop::bench;

int main(int argc, char** argv) {
    const int kStaff = 60;
    int runs = argc > 1 ? std::atoi(argv[1]) : 5;
    auto dir = scratch_dir("people-sheet");
    auto opened = need(open_database(dir / "hub.db", std::filesystem::path(ONESTOP_DEFAULT_HALL)),
                       "opening the database");
    store::HubStore& store = *opened.store;
    const queue::Hall& hall = opened.hall;
    TimeZone zone = opened.zone;
    queue::Calendar calendar(hall.settings, zone);

    // 60 staff spread over the windows, each window's staff of its unit.
    need(store.db().begin(), "begin");
    TimePoint t0 = *zone.from_local("2026-08-01", 9 * 60);
    std::vector<std::pair<std::string, int>> staff;  // number, window
    for (int i = 0; i < kStaff; ++i) {
        const queue::Window& w = hall.windows[i % hall.windows.size()];
        char number[8];
        std::snprintf(number, sizeof number, "S%03d", i + 1);
        need(store.upsert_staff({number, "员工" + std::to_string(i + 1), w.unit, "x", std::nullopt},
                                t0),
             "adding staff");
        staff.emplace_back(number, w.number);
    }
    int64_t term = need(store.insert_term({0, "2026秋", "2026-09-07", "2027-01-15", "", "bench"}),
                        "adding the term");
    // Each window: its staff alternate the half days of every weekday.
    std::map<int, people::Roster> rosters;
    for (size_t i = 0; i < staff.size(); ++i) {
        auto& r = rosters[staff[i].second];
        r.window = staff[i].second;
        for (int wd = 1; wd <= 5; ++wd)
            r.pattern.push_back(
                {1, wd, i % 2 ? people::Half::Pm : people::Half::Am, staff[i].first});
    }
    for (const auto& [window, r] : rosters)
        need(store.insert_roster_version(
                 {0, term, window, "published", "2026-09-07", dump(roster_json(r)), "", "bench"}),
             "publishing a roster");

    // December's sessions: on time, 3 minutes late every 7th, leaving 10 minutes early every
    // 11th, absent every 13th.
    auto first = *parse_date("2026-12-01"), last = *parse_date("2026-12-31");
    int working = 0, sessions = 0;
    for (int day = first; day <= last; ++day) {
        if (!calendar.is_working_day(day)) continue;
        ++working;
        for (size_t i = 0; i < staff.size(); ++i) {
            if ((day + i) % 13 == 0) continue;
            const queue::Window* w = hall.find_window(staff[i].second);
            auto range = people::half_range(calendar.hours_on(*w, day),
                                            i % 2 ? people::Half::Pm : people::Half::Am);
            if (!range) continue;
            int in = range->start - 5 + ((day + i) % 7 == 0 ? 8 : 0);
            int out = range->end + 2 - ((day + i) % 11 == 0 ? 12 : 0);
            auto a = zone.from_local(format_date(day), in),
                 b = zone.from_local(format_date(day), out);
            int64_t id = need(
                store.start_session(
                    {0, "h" + std::to_string(sessions), staff[i].first, staff[i].second, 0}, *a),
                "a session");
            need(store.end_session(id, *b), "ending a session");
            ++sessions;
        }
    }
    // Five people on a day's leave, their neighbour standing in.
    for (int i = 0; i < 5; ++i) {
        store::PeopleRequest leave;
        leave.kind = "leave";
        leave.staff = staff[i * 2].first;
        leave.status = "approved";
        leave.asked_by = "bench";
        leave.body = dump({{"from", "2026-12-1" + std::to_string(i)},
                           {"to", "2026-12-1" + std::to_string(i)},
                           {"kind", "事假"},
                           {"substitute", staff[i * 2 + 1].first}});
        need(store.insert_request(leave), "leave");
    }
    need(store.db().commit(), "commit");

    TimePoint now = *zone.from_local("2027-01-05", 9 * 60);
    std::printf("people-sheet: %d staff, %d working days, %d sessions, %d runs\n", kStaff, working,
                sessions, runs);
    double best = 1e9, worst = 0;
    size_t bytes = 0;
    for (int run = 0; run < runs; ++run) {
        auto t = SteadyClock::now();
        auto sheet = need(compute_sheet(store, hall, zone, now, {first, last}), "the sheet");
        double computed = ms_since(t);
        auto all = need(store.all_staff(), "staff");
        json j = sheet_json(sheet, all);
        auto xlsx = need(report::to_xlsx(sheet_table(j, "2026-12")), "the workbook");
        double total = ms_since(t);
        bytes = xlsx.size();
        best = std::min(best, total);
        worst = std::max(worst, total);
        std::printf("run %d: computed %.1f ms, with JSON and .xlsx written %.1f ms\n", run + 1,
                    computed, total);
    }
    std::printf("best %.1f ms, worst %.1f ms (target ≤ 1000 ms); workbook %zu bytes\n", best, worst,
                bytes);
    std::filesystem::remove_all(dir);
    return worst <= 1000 ? 0 : 1;
}
