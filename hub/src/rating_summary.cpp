#include "rating_summary.h"

#include <cmath>
#include <map>

#include "onestop/base/time.h"

namespace onestop::hub {

namespace {

struct Tally {
    int ratings = 0, sum = 0, satisfied = 0, bad = 0, rectified = 0, on_time = 0;

    void add(const store::Rating& r, TimeZone zone) {
        ++ratings;
        sum += r.level;
        satisfied += r.level >= 4;
        if (r.level > 2 || r.followup_status == "upheld") return;
        ++bad;
        if (r.followup_status != "closed") return;
        ++rectified;
        auto closed = parse_iso8601(r.closed_at);
        if (closed && zone.to_local(*closed).date() <= r.deadline) ++on_time;
    }
};

json rate(int part, int whole) {
    if (whole == 0) return nullptr;
    return std::round(1000.0 * part / whole) / 1000;
}

json tally_json(const Tally& t) {
    return {
        {"ratings", t.ratings},
        {"average", t.ratings ? json(std::round(100.0 * t.sum / t.ratings) / 100) : json(nullptr)},
        {"satisfied_rate", rate(t.satisfied, t.ratings)},
        {"bad", t.bad},
        {"rectified", t.rectified},
        {"rectification_rate", rate(t.rectified, t.bad)},
        {"on_time", t.on_time},
        {"on_time_rate", rate(t.on_time, t.rectified)}};
}

}  // namespace

json rating_summary(const std::vector<store::Rating>& ratings, const queue::Hall& hall,
                    TimeZone zone, const std::string& month) {
    std::map<std::string, Tally> units;
    std::map<std::string, std::map<int, Tally>> windows;
    Tally total;
    for (const auto& r : ratings) {
        units[r.unit].add(r, zone);
        windows[r.unit][r.window].add(r, zone);
        total.add(r, zone);
    }
    json out = json::array();
    for (const auto& [code, tally] : units) {
        json unit = tally_json(tally);
        const queue::Unit* u = hall.find_unit(code);
        unit["unit"] = code;
        unit["name"] = u ? json{{"zh", u->name.zh}, {"en", u->name.en}} : json(nullptr);
        unit["windows"] = json::array();
        for (const auto& [number, w] : windows[code]) {
            json row = tally_json(w);
            row["window"] = number;
            unit["windows"].push_back(row);
        }
        out.push_back(unit);
    }
    return {{"date", month}, {"units", out}, {"total", tally_json(total)}};
}

}  // namespace onestop::hub
