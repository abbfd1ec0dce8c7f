// scorecard-bench: how long a year of monthly scorecards (第十八条) takes — the twelve months of
// GET /api/v1/reports/scorecard?date=YYYY, each reading the month's records and scoring them —
// for the default hall's 12 windows and 40 staff over 375,000 tickets (1,500 a working day of
// 2026). The year is written straight into a scratch database in the temporary folder (one
// transaction a day): each ticket issued, called by the window's staff on duty after a wait of
// 2–30 minutes, finished or a no-show; 60 % of the served ones rated (1 % level 1, 3 % level 2,
// each with its follow-up, most closed in time), 5 cases a window a week with some overdue,
// 6 complaints a month (half substantiated). Prints the fill time, then each run's time for
// the year (wall clock and CPU), the reading of its records and the slowest month; exits 1
// when a year takes more than the 2 s target of wall-clock time.
//   build/bin/scorecard-bench [runs]

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "../bench_steps.h"
#include "hub.h"
#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"
#include "scorecards.h"

using namespace onestop;
using namespace onestop::hub;
using namespace onestop::bench;

int main(int argc, char** argv) {
    const int kStaff = 40, kPerDay = 1500;
    int runs = argc > 1 ? std::atoi(argv[1]) : 3;
    auto dir = scratch_dir("scorecard-bench");
    auto opened = need(open_database(dir / "hub.db", std::filesystem::path(ONESTOP_DEFAULT_HALL)),
                       "opening the database");
    store::HubStore& store = *opened.store;
    const queue::Hall& hall = opened.hall;
    TimeZone zone = opened.zone;
    queue::Calendar calendar(hall.settings, zone);
    std::mt19937 rng(20261201);
    auto chance = [&rng](double p) { return std::uniform_real_distribution<>(0, 1)(rng) < p; };

    auto t_fill = SteadyClock::now();
    // 40 staff, each at a window of their unit: windows take staff in turn.
    std::vector<std::vector<std::string>> on_window(hall.windows.size());
    need(store.db().begin(), "begin");
    for (int i = 0; i < kStaff; ++i) {
        size_t w = size_t(i) % hall.windows.size();
        char number[8];
        std::snprintf(number, sizeof number, "S%03d", i + 1);
        need(store.upsert_staff(
                 {number, "员工" + std::to_string(i + 1), hall.windows[w].unit, "x", std::nullopt},
                 *zone.from_local("2026-01-01", 8 * 60)),
             "adding staff");
        on_window[w].push_back(number);
    }
    need(store.db().commit(), "commit");

    auto ticket_st =
        need(store.db().prepare("INSERT INTO tickets (number, service, service_day, status, "
                                "priority, code, issued_at, called_at, finished_at, window) "
                                "VALUES (?, ?, ?, ?, 0, 'x', ?, ?, ?, ?)"),
             "preparing tickets");
    auto call_st =
        need(store.db().prepare(
                 "INSERT INTO calls (ticket, window, kind, staff, at) VALUES (?, ?, 'call', ?, ?)"),
             "preparing calls");
    int64_t tickets = 0, ratings = 0, followups = 0, cases = 0, complaints = 0;
    int days = 0;
    for (int day = *parse_date("2026-01-01"); day <= *parse_date("2026-12-31"); ++day) {
        if (!calendar.is_working_day(day)) continue;
        ++days;
        std::string date = format_date(day);
        need(store.db().begin(), "begin");
        std::map<std::string, int> issued_of;  // service → the day's last number
        for (int n = 0; n < kPerDay; ++n) {
            size_t w = size_t(n) % hall.windows.size();
            const queue::Window& window = hall.windows[w];
            const auto& staff = on_window[w];
            const std::string& who = staff[size_t(n / 12) % staff.size()];
            int minute = 8 * 60 + 30 + n * 480 / kPerDay;
            TimePoint issued = *zone.from_local(date, minute);
            TimePoint called = issued + std::chrono::minutes(2 + int(rng() % 29));
            TimePoint finished = called + std::chrono::minutes(5);
            bool served = !chance(0.05);
            char number[16];
            std::snprintf(number, sizeof number, "%s%03d", window.services[0].c_str(),
                          ++issued_of[window.services[0]]);
            ticket_st->bind(1, std::string(number)).bind(2, window.services[0]).bind(3, date);
            ticket_st->bind(4, served ? "done" : "no_show").bind(5, format_iso8601(issued));
            ticket_st->bind(6, format_iso8601(called));
            ticket_st->bind(7, served ? format_iso8601(finished) : std::string());
            ticket_st->bind(8, window.number);
            need(ticket_st->run(), "a ticket");
            int64_t id = store.db().last_insert_id();
            call_st->bind(1, id)
                .bind(2, window.number)
                .bind(3, who)
                .bind(4, format_iso8601(called));
            need(call_st->run(), "a call");
            ++tickets;
            if (!served || !chance(0.6)) continue;
            double r = std::uniform_real_distribution<>(0, 1)(rng);
            int level = r < 0.01 ? 1 : r < 0.04 ? 2 : r < 0.10 ? 3 : r < 0.30 ? 4 : 5;
            store::Evaluation e{
                id,
                window.number,
                window.unit,
                who,
                level,
                level <= 2 ? std::vector<std::string>{"long_wait"} : std::vector<std::string>{},
                "",
                "pad",
                ""};
            need(store.insert_evaluation(e, finished), "a rating");
            ++ratings;
            if (level > 2) continue;
            std::string deadline =
                queue::add_working_days(date, 5, hall.settings.holidays, hall.settings.workdays);
            need(store.open_followup(id, window.unit, deadline, finished), "a follow-up");
            auto f = need(store.followup_of_ticket(id), "the follow-up");
            f->status = "closed";
            f->rectification = "整改";
            f->closed_at =
                format_iso8601(finished + std::chrono::hours(24 * (chance(0.1) ? 10 : 2)));
            need(store.update_followup(*f), "closing it");
            ++followups;
        }
        // Cases: a window's 5 a week, one a day; a few completed late.
        for (size_t w = 0; w < hall.windows.size(); ++w) {
            const queue::Window& window = hall.windows[w];
            store::CaseRecord c;
            c.unit = window.unit;
            c.day = date;
            c.seq = int(w) + 1;
            c.number = window.unit + "-" + date + "-" + std::to_string(w);
            c.ticket = tickets - int64_t(w);
            c.service = window.services[0];
            c.window = window.number;
            c.staff = on_window[w][0];
            c.mode = "deadline";
            c.status = "completed";
            c.code = "x";
            c.opened_at = format_iso8601(*zone.from_local(date, 10 * 60));
            c.promised_days = 5;
            c.completed_at = format_iso8601(*zone.from_local(date, 10 * 60) +
                                            std::chrono::hours(24 * (chance(0.05) ? 12 : 3)));
            need(store.insert_case(c), "a case");
            ++cases;
        }
        if (day % 5 == 0) {  // about 6 complaints a month
            store::Complaint c;
            size_t w = size_t(day) % hall.windows.size();
            c.number = "TS-" + date + "-0001";
            c.code = "x";
            c.channel = "web";
            c.about = "window:" + std::to_string(hall.windows[w].number);
            c.unit = hall.windows[w].unit;
            c.window = hall.windows[w].number;
            c.text = "投诉";
            c.entered_by = "public";
            c.status = "answered";
            c.received_at = format_iso8601(*zone.from_local(date, 9 * 60));
            c.due_date = date;
            c.finding = day % 2 ? "substantiated" : "unfounded";
            c.reply = "答复";
            c.answered_at = c.received_at;
            need(store.insert_complaint(c), "a complaint");
            ++complaints;
        }
        need(store.db().commit(), "commit");
    }
    std::printf(
        "filled %d working days: %lld tickets, %lld ratings, %lld follow-ups, %lld cases, "
        "%lld complaints in %.1f s (%s)\n",
        days, (long long)tickets, (long long)ratings, (long long)followups, (long long)cases,
        (long long)complaints, ms_since(t_fill) / 1000, (dir / "hub.db").c_str());

    // The year as the route computes it (routes_scorecards.cpp): each month scored, then rolled up.
    TimePoint now = *zone.from_local("2026-12-31", 17 * 60);
    auto staff = need(store.all_staff(), "the staff");
    ScoreFilter all{[](const std::string&) { return true; }};
    double worst = 0;
    for (int run = 1; run <= runs; ++run) {
        auto t0 = SteadyClock::now();
        double cpu0 = cpu_ms();
        const long faults0 = minor_faults();
        double slowest = 0;
        std::vector<std::pair<std::string, json>> months;
        size_t lines = 0;
        auto records = need(read_months(store, zone, "2026-01", "2026-12"), "the year's records");
        double read_ms = ms_since(t0);
        for (int m = 1; m <= 12; ++m) {
            char month[8];
            std::snprintf(month, sizeof month, "2026-%02d", m);
            auto t_month = SteadyClock::now();
            auto sheet = need(month_scorecard(store, hall, zone, now, month, records[month], staff),
                              "a month's scorecard");
            for (const auto& s : sheet.windows) lines += s.lines.size();
            months.emplace_back(month, scorecard_json(sheet, hall, staff, month, all));
            slowest = std::max(slowest, ms_since(t_month));
        }
        json year = year_json(months);
        worst = std::max(worst, ms_since(t0));
        std::printf(
            "run %d: the year's scorecards in %.0f ms (CPU %.0f ms, %ld minor page faults; "
            "records read in %.0f ms, slowest month %.0f ms); %zu window lines, %zu windows and "
            "%zu staff ranked\n",
            run, ms_since(t0), cpu_ms() - cpu0, minor_faults() - faults0, read_ms, slowest, lines,
            year["windows"].size(), year["staff"].size());
    }
    std::filesystem::remove_all(dir);
    return worst > 2000 ? 1 : 0;
}
