#include "onestop/quality/scorecard.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace onestop::quality {

Section section_of(const std::string& rule) {
    if (rule == "late" || rule == "early" || rule == "absent" || rule == "meeting_missed")
        return Section::Discipline;
    if (rule == "praise" || rule == "worklog_kept") return Section::Extra;
    return Section::Service;
}

const char* to_string(Section section) {
    switch (section) {
        case Section::Discipline:
            return "discipline";
        case Section::Service:
            return "service";
        case Section::Extra:
            return "extra";
    }
    return "service";
}

namespace {

// Points are kept to hundredths so 0.2 × 3 prints as 0.6, not 0.6000000000000001.
double hundredths(double v) {
    return std::round(v * 100) / 100;
}

void finish(std::vector<Score>& scores, const queue::ScorecardRules& rules, int honours) {
    for (auto& s : scores) {
        double bonus = 0;
        for (const auto& l : s.lines) (l.points < 0 ? s.deducted : bonus) += l.points;
        s.deducted = hundredths(s.deducted);
        s.bonus = hundredths(std::min(bonus, rules.bonus_cap));
        s.points = hundredths(rules.base + s.deducted + s.bonus);
    }
    std::stable_sort(scores.begin(), scores.end(),
                     [](const Score& a, const Score& b) { return a.points > b.points; });
    // A month with nothing recorded for anyone picks nobody.
    bool recorded =
        std::any_of(scores.begin(), scores.end(), [](const Score& s) { return !s.lines.empty(); });
    for (size_t i = 0; i < scores.size(); ++i) {
        bool tie = i > 0 && scores[i].points == scores[i - 1].points;
        scores[i].rank = tie ? scores[i - 1].rank : int(i) + 1;
        scores[i].honoured = recorded && scores[i].rank <= honours;
    }
}

}  // namespace

Sheet score(const std::vector<Occurrence>& occurrences, const std::vector<int>& windows,
            const std::vector<std::string>& staff, const queue::ScorecardRules& rules) {
    Sheet sheet;
    std::map<int, size_t> window_at;
    std::map<std::string, size_t> staff_at;
    for (int w : windows) {
        window_at[w] = sheet.windows.size();
        sheet.windows.emplace_back().who = std::to_string(w);
    }
    for (const auto& s : staff) {
        staff_at[s] = sheet.staff.size();
        sheet.staff.emplace_back().who = s;
    }
    for (const auto& o : occurrences) {
        double points = hundredths(rules.of(o.rule) * o.count);
        if (points == 0) continue;
        if (auto w = window_at.find(o.window); o.window != 0 && w != window_at.end())
            sheet.windows[w->second].lines.push_back({o.rule, points, o.ref});
        if (auto s = staff_at.find(o.staff); !o.staff.empty() && s != staff_at.end())
            sheet.staff[s->second].lines.push_back({o.rule, points, o.ref});
    }
    finish(sheet.windows, rules, rules.red_flag_windows);
    finish(sheet.staff, rules, rules.service_stars);
    return sheet;
}

}  // namespace onestop::quality
