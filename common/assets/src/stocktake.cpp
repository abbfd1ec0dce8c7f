#include "onestop/assets/stocktake.h"

#include <map>

namespace onestop::assets {

Reconciliation reconcile(const std::vector<Expected>& expected, const std::vector<Scan>& scans) {
    std::map<std::string, const Scan*> latest;
    for (const auto& s : scans) latest[s.tag] = &s;
    std::map<std::string, std::string> where;
    for (const auto& e : expected) where[e.tag] = e.location;

    Reconciliation r;
    for (const auto& [tag, location] : where) {
        auto seen = latest.find(tag);
        if (seen == latest.end()) {
            r.missing.push_back({tag, location, "", "", ""});
            continue;
        }
        const Scan& s = *seen->second;
        Sighting sighting{tag, location, s.location, s.who, s.at};
        (s.location == location ? r.found : r.misplaced).push_back(sighting);
    }
    for (const auto& [tag, scan] : latest)
        if (!where.count(tag)) r.unknown.push_back({tag, "", scan->location, scan->who, scan->at});
    return r;
}

}  // namespace onestop::assets
