#include "window_plans.h"

#include <algorithm>
#include <cstdio>

#include "onestop/base/error_codes.h"
#include "onestop/config/hall_file.h"
#include "onestop/net/protocol.h"

namespace onestop::hub {

namespace {

const char* const kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

}  // namespace

std::string range_text(const queue::TimeRange& r) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", r.start / 60 % 100, r.start % 60,
                  r.end / 60 % 100, r.end % 60);
    return buf;
}

Result<queue::Hall> planned_hall(queue::Hall hall, const std::vector<store::WindowPlan>& plans,
                                 const std::string& day) {
    for (const auto& plan : plans) {
        if (plan.effective > day) continue;
        auto& windows = hall.windows;
        auto it = std::find_if(windows.begin(), windows.end(),
                               [&](const queue::Window& w) { return w.number == plan.window; });
        if (plan.plan.empty()) {
            if (it != windows.end()) windows.erase(it);
            continue;
        }
        auto window = config::parse_window(json::parse(plan.plan, nullptr, false), hall);
        if (!window)
            return make_error(window.error().code, "window " + std::to_string(plan.window) +
                                                       " from " + plan.effective + ": " +
                                                       window.error().message);
        if (it != windows.end())
            *it = std::move(*window);
        else
            windows.push_back(std::move(*window));
    }
    std::sort(hall.windows.begin(), hall.windows.end(),
              [](const auto& a, const auto& b) { return a.number < b.number; });
    for (const auto& s : hall.services) {
        bool served = std::any_of(hall.windows.begin(), hall.windows.end(), [&](const auto& w) {
            return std::find(w.services.begin(), w.services.end(), s.code) != w.services.end();
        });
        if (!served)
            return make_error(errc::service_unserved,
                              "from " + day + " no window would serve service " + s.code + " (" +
                                  s.name.zh + "); numbers could not be issued for it");
    }
    return hall;
}

json window_plan_json(const queue::Window& w) {
    json hours = json::object();
    for (int d = 0; d < 7; ++d) {
        json ranges = json::array();
        for (const auto& r : w.hours[static_cast<size_t>(d)]) ranges.push_back(range_text(r));
        if (!ranges.empty()) hours[kDays[d]] = ranges;
    }
    json periods = json::array();
    for (const auto& p : w.periods) periods.push_back({{"from", p.from}, {"to", p.to}});
    json out = {{"number", w.number},
                {"name", net::to_json(w.name)},
                {"unit", w.unit},
                {"services", w.services},
                {"kind", w.kind == queue::WindowKind::Periodic ? "periodic" : "fixed"},
                {"hours", hours},
                {"accepts_other_units", w.accepts_other_units}};
    if (!periods.empty()) out["periods"] = periods;
    return out;
}

}  // namespace onestop::hub
