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

}  // namespace onestop::queue
