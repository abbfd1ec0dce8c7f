#pragma once
// A small hall for engine tests, built in code so each test sees every rule's input.
//   window 1 (JWC): A, B        window 2 (JWC): B        window 3 (CWC): C
//   window 4 (XGB): D, periodic 2026-11-01…2026-11-30 and 2027-02-22…2027-03-12
//   window 5 (BWC): E, open around the clock every day (for midnight rollover)
// Weekday hours 08:30–11:30 and 13:30–17:00; 2027-01-01 is a holiday.

#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "onestop/base/clock.h"
#include "onestop/base/time.h"
#include "onestop/queue/engine.h"

namespace test {

inline onestop::queue::Hall small_hall() {
    using namespace onestop::queue;
    Hall h;
    h.name = {"测试大厅", "Test hall"};
    h.settings.holidays = {"2027-01-01"};
    h.units = {{"JWC", {"教务处", "Academic Affairs"}},
               {"CWC", {"财务处", "Finance"}},
               {"XGB", {"学生工作部", "Student Affairs"}},
               {"BWC", {"保卫处", "Security"}}};
    auto service = [](std::string code, std::string unit, int minutes) {
        Service s;
        s.code = code;
        s.name = {"事项" + code, "Service " + code};
        s.unit = unit;
        s.minutes_per_ticket = minutes;
        return s;
    };
    h.services = {service("A", "JWC", 4), service("B", "JWC", 5), service("C", "CWC", 10),
                  service("D", "XGB", 6), service("E", "BWC", 3)};
    WeeklyHours standard;
    for (int d = 0; d < 5; ++d)
        standard[d] = {{8 * 60 + 30, 11 * 60 + 30}, {13 * 60 + 30, 17 * 60}};
    WeeklyHours always;
    for (int d = 0; d < 7; ++d) always[d] = {{0, 24 * 60}};
    auto window = [&](int number, std::string unit, std::vector<std::string> services) {
        Window w;
        w.number = number;
        w.name = {"窗口" + std::to_string(number), "Window " + std::to_string(number)};
        w.unit = unit;
        w.services = services;
        w.hours = standard;
        return w;
    };
    h.windows = {window(1, "JWC", {"A", "B"}), window(2, "JWC", {"B"}), window(3, "CWC", {"C"}),
                 window(4, "XGB", {"D"}), window(5, "BWC", {"E"})};
    h.windows[3].kind = WindowKind::Periodic;
    h.windows[3].periods = {{"2026-11-01", "2026-11-30"}, {"2027-02-22", "2027-03-12"}};
    h.windows[4].hours = always;
    h.rating_reasons = {{"attitude", {"态度不好", "Unfriendly attitude"}}};
    return h;
}

// The small hall's zone.
inline onestop::TimeZone shanghai() {
    auto zone = onestop::TimeZone::named("Asia/Shanghai");
    REQUIRE(zone.ok());
    return *zone;
}

// A local wall-clock instant in Asia/Shanghai: at("2026-11-27", "09:00").
inline onestop::TimePoint at(const std::string& date, const std::string& hhmm, int seconds = 0) {
    int minutes = std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
    auto t = shanghai().from_local(date, minutes);
    REQUIRE(t.has_value());
    return *t + std::chrono::seconds(seconds);
}

// Issues and returns the ticket, failing the test if the engine refuses.
inline onestop::queue::Ticket issue(
    onestop::queue::Engine& engine, const std::string& service,
    onestop::queue::Priority priority = onestop::queue::Priority::Normal) {
    auto out = engine.issue(service, priority);
    REQUIRE_MESSAGE(out.ok(), out.error().message);
    REQUIRE(out->ticket.has_value());
    return *out->ticket;
}

// Calls next at `window` and returns the called ticket's number ("" when none waits).
inline std::string call(onestop::queue::Engine& engine, int window) {
    auto out = engine.call_next(window);
    REQUIRE_MESSAGE(out.ok(), out.error().message);
    return out->ticket ? out->ticket->number : "";
}

// Ten seconds on: enough to order two tickets by their issue time.
inline void tick(onestop::ManualClock& clock) {
    clock.advance(std::chrono::seconds(10));
}

}  // namespace test
