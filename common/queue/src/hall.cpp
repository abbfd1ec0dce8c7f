#include "onestop/queue/hall.h"

namespace onestop::queue {

const Service* Hall::find_service(const std::string& code) const {
    for (const auto& s : services)
        if (s.code == code) return &s;
    return nullptr;
}

const Window* Hall::find_window(int number) const {
    for (const auto& w : windows)
        if (w.number == number) return &w;
    return nullptr;
}

const Unit* Hall::find_unit(const std::string& code) const {
    for (const auto& u : units)
        if (u.code == code) return &u;
    return nullptr;
}

double ScorecardRules::of(const std::string& rule) const {
    for (const auto& [name, value] : points)
        if (name == rule) return value;
    return 0;
}

const char* to_string(HandlingMode mode) {
    switch (mode) {
        case HandlingMode::Instant:
            return "instant";
        case HandlingMode::Deadline:
            return "deadline";
        case HandlingMode::Joint:
            return "joint";
    }
    return "instant";
}

std::vector<RatingReason> default_return_reasons() {
    return {
        {"not_eligible", {"不符合办理条件", "Not eligible for this service"}},
        {"not_this_unit", {"不属于本单位办理范围", "Not handled by this unit"}},
        {"materials_invalid", {"材料不真实或无效", "Materials not genuine or not valid"}},
        {"out_of_period", {"不在办理时间段内", "Outside the period this is handled in"}},
        {"other", {"其他原因（见说明）", "Other (see the note)"}},
    };
}

}  // namespace onestop::queue
