#pragma once
// The hall model: departments (units), service items, windows with their hours,
// and the hall's settings. Loaded from a hall TOML file (common/config) and
// seeded into the hub's database; the queue engine reads it, never writes it.

#include <array>
#include <string>
#include <vector>

#include "onestop/base/text.h"

namespace onestop::queue {

using onestop::Text;

// 即收即办 / 限时办结 / 主办负责、联合办理 (hall rules, 第二十一条 and 第二十五条).
enum class HandlingMode { Instant, Deadline, Joint };

struct Unit {
    std::string code;  // e.g. "JWC" (教务处)
    Text name;
};

struct Service {
    std::string code;  // one capital letter, the ticket number's prefix: "A"
    Text name;
    std::string unit;  // the lead department's code
    HandlingMode mode = HandlingMode::Instant;
    int promised_days = 0;                   // deadline and joint items: working days
    std::vector<std::string> partner_units;  // joint items: who else handles it
    Text who_may_apply;
    std::vector<Text> steps;
    std::vector<Text> materials;
    int minutes_per_ticket = 5;  // for the estimated wait
};

// Minutes since local midnight, [start, end).
struct TimeRange {
    int start = 0;
    int end = 0;
};

// Index 0 = Monday … 6 = Sunday.
using WeeklyHours = std::array<std::vector<TimeRange>, 7>;

// Inclusive dates "YYYY-MM-DD".
struct DateRange {
    std::string from;
    std::string to;
};

// Fixed windows open every week by their hours; periodic windows (周期性窗口) only
// on dates inside one of their periods, and then by their hours.
enum class WindowKind { Fixed, Periodic };

struct Window {
    int number = 0;
    Text name;
    std::string unit;
    std::vector<std::string> services;  // service codes it calls from
    WindowKind kind = WindowKind::Fixed;
    WeeklyHours hours;
    std::vector<DateRange> periods;  // periodic windows only
    // Staff of other units may sign in here; by default a window takes only its own
    // unit's staff (第十七条: staff are managed by their own unit).
    bool accepts_other_units = false;
};

struct RatingReason {
    std::string code;
    Text text;
};

// When the hall board says a call in English after the Mandarin: after every call, only
// on recalls (the applicant did not come), or never. A board behind with its calls
// leaves the English out whatever this says.
enum class VoiceEnglish { After, Recall, Off };

struct Settings {
    std::string time_zone = "Asia/Shanghai";
    int recall_limit = 3;        // calls in all, the first call included
    int late_rejoin_behind = 3;  // a late no-show rejoins behind this many waiting (过号重排)
    int priority_one_in =
        0;  // 0: strict priority; N ≥ 2: at most 1 priority call in N while others wait
    int followup_working_days = 5;      // deadline of a bad rating's follow-up
    int complaint_working_days = 10;    // deadline of a complaint's answer (第四十二条)
    std::vector<std::string> holidays;  // "YYYY-MM-DD", not working days
    std::vector<std::string> workdays;  // "YYYY-MM-DD" weekend days worked (调休上班)
    bool accepts_other_units = false;   // for windows whose entry does not say
    VoiceEnglish voice_english = VoiceEnglish::After;
    // 第二十八条: a rostered half day asks for this much of the statutory working time
    // (8 hours a day: 240 minutes a half day).
    int half_day_minutes = 240;
    // The kinds of leave staff may ask for (第三十条).
    std::vector<std::string> leave_kinds = {"事假", "病假", "公假", "年假",
                                            "婚假", "丧假", "产假", "探亲假"};
    // 第三十九条: the closing round (the last staff member out confirms doors, windows, lights,
    // air conditioning and power) is due by this local minute of a working day on which anyone
    // worked; after it the office is alerted once.
    int closing_check_by = 18 * 60;
};

// Where the hub sends notifications (an SMS or WeChat gateway's webhook): URL templates,
// empty when the hall sends none.
struct Notify {
    std::string case_completed;      // {number} and {id} are replaced by the case's
    std::string complaint_answered;  // {number} and {id} are replaced by the complaint's
};

// The monthly scorecard (考核, 第十八条): a sheet of `base` points, less the deductions, plus
// bonuses up to `bonus_cap`. `points` are per occurrence of each rule (deductions negative),
// in the order the sheet lists them; the rules are known to the hub (docs/hall-file.md).
struct ScorecardRules {
    double base = 100;
    double bonus_cap = 10;
    int long_wait_minutes = 20;  // a month whose average wait is longer costs `long_wait`
    int red_flag_windows = 1;    // 红旗窗口 picked each month
    int service_stars = 3;       // 服务之星 picked each month
    std::vector<std::pair<std::string, double>> points = {
        {"late", -1},       {"early", -1},         {"absent", -3},     {"meeting_missed", -1},
        {"bad_rating", -2}, {"followup_late", -2}, {"complaint", -5},  {"case_overdue", -2},
        {"long_wait", -2},  {"praise", 0.2},       {"worklog_kept", 2}};
    double of(const std::string& rule) const;  // 0 for a rule the sheet leaves out
};

struct Hall {
    Text name;
    Settings settings;
    std::vector<Unit> units;
    std::vector<Service> services;
    std::vector<Window> windows;
    std::vector<RatingReason> rating_reasons;
    // Why a case is returned (退回, 第二十五条: a written reason); the hall file's
    // [[return_reasons]], else default_return_reasons().
    std::vector<RatingReason> return_reasons;
    Notify notify;
    ScorecardRules scorecard;

    const Service* find_service(const std::string& code) const;
    const Window* find_window(int number) const;
    const Unit* find_unit(const std::string& code) const;
};

const char* to_string(HandlingMode mode);
// The return reasons a hall without [[return_reasons]] offers.
std::vector<RatingReason> default_return_reasons();  // "instant" | "deadline" | "joint"

}  // namespace onestop::queue
