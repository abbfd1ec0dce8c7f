#pragma once
// What happened in the hall, as plain values. The engine's commands return them;
// the hub appends them to the store's event log before it answers, and a fresh
// engine that apply()s the log in order reaches the same state (crash recovery).

#include <cstdint>
#include <optional>
#include <string>
#include <variant>

#include "onestop/base/clock.h"

namespace onestop::queue {

enum class Priority { Normal, Green };  // Green = 绿色通道

struct TicketIssued {
    int64_t id = 0;
    std::string number;  // "A012"
    std::string service;
    Priority priority = Priority::Normal;
    std::string service_day;  // local date the number belongs to
    int sequence = 0;         // 12 for A012
    TimePoint at;
    // A kiosk's offline ticket kept under its printed number outside every lease of this
    // database (Engine::adopt): the sequence is taken without moving the day's count.
    bool adopted = false;
    // A kiosk's offline ticket whose printed number was not free here: the number on the
    // slip (empty otherwise). The ticket got `number` instead.
    std::string printed{};  // {}: aggregate initialisers may leave it out (-Wextra)
};

// A block of numbers set aside for one kiosk to issue while the hub is away.
struct NumbersLeased {
    std::string service;
    std::string service_day;
    int first = 0;  // first sequence of the block
    int count = 0;
    TimePoint at;
};

struct TicketCalled {
    int64_t id = 0;
    int window = 0;
    TimePoint at;
};

struct TicketRecalled {
    int64_t id = 0;
    int window = 0;
    TimePoint at;
};

struct TicketNoShow {
    int64_t id = 0;
    int window = 0;
    TimePoint at;
};

// A no-show who arrived late, back in line behind the next few waiting.
struct TicketRejoined {
    int64_t id = 0;
    TimePoint at;
};

// Waiting again under the same number, for another service or one window.
struct TicketTransferred {
    int64_t id = 0;
    int from_window = 0;
    std::string to_service;  // empty when sent to a window
    int to_window = 0;       // 0 when sent to a service
    TimePoint at;
};

struct TicketFinished {
    int64_t id = 0;
    int window = 0;
    TimePoint at;
};

struct TicketCancelled {
    int64_t id = 0;
    TimePoint at;
};

struct WindowPaused {
    int window = 0;
    std::string reason;  // "break" | "meeting" | "other" | free text
    TimePoint at;
};

struct WindowResumed {
    int window = 0;
    TimePoint at;
};

using Event = std::variant<TicketIssued, NumbersLeased, TicketCalled, TicketRecalled, TicketNoShow,
                           TicketRejoined, TicketTransferred, TicketFinished, TicketCancelled,
                           WindowPaused, WindowResumed>;

TimePoint event_time(const Event& event);
int64_t ticket_id(const Event& event);  // the ticket it is about; 0 for leases and windows

}  // namespace onestop::queue
