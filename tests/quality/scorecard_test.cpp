// The scorecard's rules: every point traced to its record, bonuses capped, ties sharing a
// rank, the month's picks, and the hall's own points per rule.
#include <doctest/doctest.h>

#include "onestop/quality/scorecard.h"

using namespace onestop;
using quality::Occurrence;

namespace {

const quality::Score& of(const std::vector<quality::Score>& scores, const std::string& who) {
    for (const auto& s : scores)
        if (s.who == who) return s;
    FAIL("no score for " << who);
    return scores.front();
}

}  // namespace

TEST_CASE("every deduction and bonus is listed with its record; the sum is the score") {
    queue::ScorecardRules rules;  // 100 points, late −1, bad rating −2, complaint −5, praise +0.2
    std::vector<Occurrence> seen = {
        {"late", 1, "S001", "attendance:S001:2026-11-03:am"},
        {"bad_rating", 1, "S001", "ticket:A012@2026-11-04"},
        {"complaint", 2, "S002", "complaint:TS-20261105-0001"},
        {"praise", 1, "S001", "ticket:A013@2026-11-04"},
        {"praise", 1, "S001", "ticket:A014@2026-11-04"},
        {"praise", 1, "S001", "ticket:A015@2026-11-04"},
    };
    auto sheet = quality::score(seen, {1, 2, 3}, {"S001", "S002"}, rules);
    const auto& w1 = of(sheet.windows, "1");
    CHECK(w1.deducted == doctest::Approx(-3));
    CHECK(w1.bonus == doctest::Approx(0.6));
    CHECK(w1.points == doctest::Approx(97.6));
    REQUIRE(w1.lines.size() == 5);
    CHECK(w1.lines[0].rule == "late");
    CHECK(w1.lines[0].points == -1);
    CHECK(w1.lines[0].ref == "attendance:S001:2026-11-03:am");
    CHECK(w1.lines[1].ref == "ticket:A012@2026-11-04");
    double sum = 0;
    for (const auto& l : w1.lines) sum += l.points;
    CHECK(rules.base + sum == doctest::Approx(w1.points));

    // Window 3 had nothing: full marks, first.
    CHECK(of(sheet.windows, "3").points == 100);
    CHECK(of(sheet.windows, "3").rank == 1);
    CHECK(of(sheet.windows, "3").honoured);  // 红旗窗口: one a month by default
    CHECK(of(sheet.windows, "1").rank == 2);
    CHECK(of(sheet.windows, "2").rank == 3);
    CHECK_FALSE(of(sheet.windows, "2").honoured);
    CHECK(of(sheet.staff, "S002").points == 95);
    CHECK(of(sheet.staff, "S002").lines[0].ref == "complaint:TS-20261105-0001");
}

TEST_CASE("bonuses count up to the cap; deductions have none") {
    queue::ScorecardRules rules;
    rules.bonus_cap = 1;
    std::vector<Occurrence> seen;
    for (int i = 0; i < 20; ++i) seen.push_back({"praise", 1, "", "ticket:" + std::to_string(i)});
    for (int i = 0; i < 30; ++i)
        seen.push_back({"absent", 1, "", "attendance:" + std::to_string(i)});
    auto sheet = quality::score(seen, {1}, {}, rules);
    CHECK(sheet.windows[0].bonus == 1);       // 20 × 0.2 = 4, capped at 1
    CHECK(sheet.windows[0].deducted == -90);  // 30 × −3
    CHECK(sheet.windows[0].points == 11);
    CHECK(sheet.windows[0].lines.size() == 50);  // every one listed, capped or not

    // Records named together count as many times.
    auto many = quality::score({{"praise", 1, "", "ratings:window:1:2026-11 (3)", 3}}, {1}, {},
                               queue::ScorecardRules{});
    CHECK(many.windows[0].lines.size() == 1);
    CHECK(many.windows[0].lines[0].points == doctest::Approx(0.6));
    CHECK(many.windows[0].points == doctest::Approx(100.6));
}

TEST_CASE("ties share a rank and the picks; the hall's points and unknown people") {
    queue::ScorecardRules rules;
    rules.service_stars = 2;
    for (auto& [rule, points] : rules.points)
        if (rule == "late") points = -0.5;
    std::vector<Occurrence> seen = {{"late", 0, "S001", "a"},
                                    {"late", 0, "S002", "b"},
                                    {"late", 0, "S003", "c"},
                                    {"late", 0, "S003", "d"},
                                    {"late", 0, "S999", "not listed"}};
    auto sheet = quality::score(seen, {}, {"S001", "S002", "S003", "S004"}, rules);
    CHECK(of(sheet.staff, "S004").rank == 1);
    CHECK(of(sheet.staff, "S001").rank == 2);
    CHECK(of(sheet.staff, "S002").rank == 2);
    CHECK(of(sheet.staff, "S001").points == 99.5);
    CHECK(of(sheet.staff, "S003").rank == 4);
    CHECK(of(sheet.staff, "S003").points == 99);
    CHECK(of(sheet.staff, "S001").honoured);  // ranks 1 and 2: three people
    CHECK(of(sheet.staff, "S002").honoured);
    CHECK_FALSE(of(sheet.staff, "S003").honoured);
    CHECK(sheet.staff.size() == 4);

    // A rule the hall gives no points does not appear.
    for (auto& [rule, points] : rules.points)
        if (rule == "late") points = 0;
    CHECK(quality::score(seen, {}, {"S001"}, rules).staff[0].lines.empty());
    CHECK(quality::section_of("late") == quality::Section::Discipline);
    CHECK(quality::section_of("complaint") == quality::Section::Service);
    CHECK(quality::section_of("worklog_kept") == quality::Section::Extra);

    // Nothing recorded at all: full marks, one rank, nobody picked.
    auto quiet = quality::score({}, {1, 2}, {"S001"}, queue::ScorecardRules{});
    CHECK(quiet.windows[0].rank == 1);
    CHECK(quiet.windows[1].rank == 1);
    CHECK_FALSE(quiet.windows[0].honoured);
    CHECK_FALSE(quiet.staff[0].honoured);
}
