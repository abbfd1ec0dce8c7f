// The stock-take's reconciliation: every expected tag found, missing or misplaced, every
// other scanned tag unknown, and a tag's latest scan the one that counts.
#include <doctest/doctest.h>

#include "onestop/assets/stocktake.h"

using namespace onestop::assets;

TEST_CASE("found, missing, misplaced and unknown, each by tag") {
    std::vector<Expected> expected = {
        {"ZC-000003", "window:1"}, {"ZC-000001", "window:1"}, {"ZC-000002", "仓库"}};
    std::vector<Scan> scans = {
        {"ZC-000001", "window:1", "staff:S001", "t1"},
        {"ZC-000003", "window:2", "staff:S001", "t2"},
        {"XX-9", "window:2", "account:wang", "t3"},
    };
    Reconciliation r = reconcile(expected, scans);
    REQUIRE(r.found.size() == 1);
    CHECK(r.found[0].tag == "ZC-000001");
    CHECK(r.found[0].who == "staff:S001");
    REQUIRE(r.missing.size() == 1);
    CHECK(r.missing[0].tag == "ZC-000002");
    CHECK(r.missing[0].expected == "仓库");
    CHECK(r.missing[0].found.empty());
    REQUIRE(r.misplaced.size() == 1);
    CHECK(r.misplaced[0].expected == "window:1");
    CHECK(r.misplaced[0].found == "window:2");
    REQUIRE(r.unknown.size() == 1);
    CHECK(r.unknown[0].tag == "XX-9");
    CHECK(r.unknown[0].expected.empty());
}

TEST_CASE("a later scan of the same tag replaces the earlier one") {
    std::vector<Expected> expected = {{"ZC-000001", "window:1"}};
    Reconciliation moved_back = reconcile(
        expected, {{"ZC-000001", "window:2", "a", "t1"}, {"ZC-000001", "window:1", "b", "t2"}});
    CHECK(moved_back.found.size() == 1);
    CHECK(moved_back.misplaced.empty());
    CHECK(moved_back.found[0].who == "b");
    Reconciliation nothing = reconcile(expected, {});
    CHECK(nothing.missing.size() == 1);
    CHECK(reconcile({}, {}).found.empty());
}
