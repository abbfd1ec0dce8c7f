#pragma once
// The monthly scorecard (考核, 第十八条): each window and each staff member starts from the
// sheet's base points; every occurrence of a rule — a late half day, a bad rating that stood,
// a substantiated complaint, an overdue case … — adds its points (deductions negative) and is
// listed with the record it comes from, so every point can be traced; bonuses (praise, a work
// log kept) count up to the sheet's cap. Then a ranking (ties share a rank) and the month's
// picks: 红旗窗口 for the first windows, 服务之星 for the first staff (ties at the top all
// picked; nobody in a month with nothing recorded).

#include <string>
#include <vector>

#include "onestop/queue/hall.h"

namespace onestop::quality {

// The sheet's sections, for the rules the hub knows (ScorecardRules::points).
enum class Section { Discipline, Service, Extra };  // 工作纪律 服务质量 附加事项
Section section_of(const std::string& rule);
const char* to_string(Section section);  // discipline service extra

// Something recorded that counts: its rule, whom it concerns (a window, a person or both) and
// the record it comes from ("ticket:A012@2026-11-03", "complaint:TS-20261103-0002" …); `count`
// occurrences of one kind of record named together (a month's 非常满意 ratings) as one line.
struct Occurrence {
    std::string rule;
    int window = 0;     // 0: no window
    std::string staff;  // "": no person
    std::string ref;
    int count = 1;
};

struct Line {
    std::string rule;
    double points = 0;
    std::string ref;
};

struct Score {
    std::string who;  // the window's number as text, or the staff number
    double points = 0;
    double deducted = 0;      // the deductions' sum (≤ 0)
    double bonus = 0;         // the bonuses counted (≤ the cap)
    int rank = 0;             // 1 the best; ties share a rank
    bool honoured = false;    // 红旗窗口 / 服务之星
    std::vector<Line> lines;  // every deduction and bonus, in the order recorded
};

struct Sheet {
    std::vector<Score> windows;
    std::vector<Score> staff;
};

// Scores every listed window and person (those with nothing recorded too) against `rules`;
// occurrences of rules the sheet gives no points, or of someone not listed, do not count.
Sheet score(const std::vector<Occurrence>& occurrences, const std::vector<int>& windows,
            const std::vector<std::string>& staff, const queue::ScorecardRules& rules);

}  // namespace onestop::quality
