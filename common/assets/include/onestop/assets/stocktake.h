#pragma once
// The yearly stock-take (年度盘点, 第三十四条). When it opens, the register's every asset
// in use and where it should be is the snapshot; then labels are scanned where they are
// found. The result sorts every tag: found where expected, missing (never scanned),
// misplaced (found elsewhere: where expected and where found) and unknown (a scanned tag
// the snapshot does not hold). A tag scanned twice counts by its latest scan: a person who
// moved it back, or scanned in the wrong room, scans again.

#include <string>
#include <vector>

namespace onestop::assets {

struct Expected {
    std::string tag;
    std::string location;
};

struct Scan {
    std::string tag;
    std::string location;
    std::string who;  // "staff:S001", "account:wang"
    std::string at;   // ISO 8601
};

struct Sighting {
    std::string tag;
    std::string expected;  // "" for an unknown tag
    std::string found;     // "" for a missing one
    std::string who, at;   // the scan that counted
};

struct Reconciliation {
    std::vector<Sighting> found, missing, misplaced, unknown;  // each by tag
};

// `scans` oldest first.
Reconciliation reconcile(const std::vector<Expected>& expected, const std::vector<Scan>& scans);

}  // namespace onestop::assets
