#pragma once
// The event stream's events (CONTRACT.md "Events", GET /api/v1/events) as one struct per
// event name in one variant. The hub writes an event's data with event_data(), the clients
// read it with parse_event(): the wire (names, fields, value types) is exactly CONTRACT's.
// A name this code does not know parses as UnknownEvent, so a newer hub's events pass an
// older client by harmlessly.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/net/protocol.h"

namespace onestop::net {

// One event as read from the stream.
struct HubEvent {
    std::string id;
    std::string name;                                // one of event_names, or a newer hub's
    std::string raw;                                 // the data line as received
    nlohmann::json data;                             // parsed; null when the data was not JSON
    std::chrono::steady_clock::time_point received;  // when its last byte was read (latency probes)
};

namespace event_names {
inline constexpr std::string_view kTicketIssued = "ticket.issued";
inline constexpr std::string_view kTicketCalled = "ticket.called";
inline constexpr std::string_view kTicketRecalled = "ticket.recalled";
inline constexpr std::string_view kTicketNoShow = "ticket.no_show";
inline constexpr std::string_view kTicketRejoined = "ticket.rejoined";
inline constexpr std::string_view kTicketTransferred = "ticket.transferred";
inline constexpr std::string_view kTicketFinished = "ticket.finished";
inline constexpr std::string_view kTicketCancelled = "ticket.cancelled";
inline constexpr std::string_view kWindowPaused = "window.paused";
inline constexpr std::string_view kWindowResumed = "window.resumed";
inline constexpr std::string_view kEvaluationRequested = "evaluation.requested";
inline constexpr std::string_view kEvaluationSubmitted = "evaluation.submitted";
inline constexpr std::string_view kSessionStarted = "session.started";
inline constexpr std::string_view kSessionEnded = "session.ended";
inline constexpr std::string_view kNoticeUpdated = "notice.updated";
inline constexpr std::string_view kDeviceAlert = "device.alert";
inline constexpr std::string_view kServicesUpdated = "services.updated";
inline constexpr std::string_view kCaseOpened = "case.opened";
inline constexpr std::string_view kCaseUpdated = "case.updated";
inline constexpr std::string_view kCaseCompleted = "case.completed";
inline constexpr std::string_view kCaseOverdue = "case.overdue";
}  // namespace event_names

// What every ticket.* event carries: the ticket after the change.
struct TicketChange {
    std::int64_t ticket = 0;
    std::string number;  // "A012"
    std::string service;
    int window = 0;      // the window that acted (transferred: the one it left); 0: none
    std::string status;  // the ticket's status now
    int waiting = 0;     // how many now wait for `service`
    std::string at;      // ISO 8601
    bool operator==(const TicketChange&) const = default;
};

struct TicketIssued : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketIssued;
};
struct TicketCalled : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketCalled;
};
struct TicketRecalled : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketRecalled;
    int calls = 0;  // how many times it has been called, this one included
    bool operator==(const TicketRecalled&) const = default;
};
struct TicketNoShow : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketNoShow;
};
struct TicketRejoined : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketRejoined;
};
struct TicketTransferred : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketTransferred;
    std::string to_service;  // empty when sent to a window
    int to_window = 0;       // 0 when sent to a service
    bool operator==(const TicketTransferred&) const = default;
};
struct TicketFinished : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketFinished;
};
struct TicketCancelled : TicketChange {
    static constexpr std::string_view kName = event_names::kTicketCancelled;
};

struct WindowPaused {
    static constexpr std::string_view kName = event_names::kWindowPaused;
    int window = 0;
    std::string reason;  // "break" | "meeting" | "other" | free text
    std::string at;
    bool operator==(const WindowPaused&) const = default;
};
struct WindowResumed {
    static constexpr std::string_view kName = event_names::kWindowResumed;
    int window = 0;
    std::string at;
    bool operator==(const WindowResumed&) const = default;
};

// A finished service asks for a rating at that window's pad.
struct EvaluationRequested {
    static constexpr std::string_view kName = event_names::kEvaluationRequested;
    std::int64_t ticket = 0;
    std::string number;
    std::string service;
    int window = 0;
    std::string at;
    bool operator==(const EvaluationRequested&) const = default;
};
struct EvaluationSubmitted {
    static constexpr std::string_view kName = event_names::kEvaluationSubmitted;
    std::int64_t ticket = 0;
    std::string number;
    int window = 0;
    int level = 0;
    std::string at;
    bool operator==(const EvaluationSubmitted&) const = default;
};

// A staff member logged in at or left a window (the staff number only: no names on the stream).
struct SessionChange {
    int window = 0;
    std::string staff;  // staff number
    std::string at;
    bool operator==(const SessionChange&) const = default;
};
struct SessionStarted : SessionChange {
    static constexpr std::string_view kName = event_names::kSessionStarted;
};
struct SessionEnded : SessionChange {
    static constexpr std::string_view kName = event_names::kSessionEnded;
};

struct NoticeUpdated {
    static constexpr std::string_view kName = event_names::kNoticeUpdated;
    Text text;
    std::string at;
    bool operator==(const NoticeUpdated&) const = default;
};

struct DeviceAlert {
    static constexpr std::string_view kName = event_names::kDeviceAlert;
    std::string device;  // the device's name
    std::string kind;
    std::string message;
    std::string at;
    bool operator==(const DeviceAlert&) const = default;
};

// The office changed a service's guide (办事指南): kiosks fetch GET /api/v1/services again.
struct ServicesUpdated {
    static constexpr std::string_view kName = event_names::kServicesUpdated;
    std::string service;  // its code
    std::string unit;
    std::int64_t version = 0;
    std::string at;
    bool operator==(const ServicesUpdated&) const = default;
};

// What every case.* event carries (CONTRACT: numbers, units and windows only): the case
// after the change. Counters of `unit` refresh their case lists on it.
struct CaseChange {
    std::int64_t id = 0;
    std::string number;  // "JWC-20261130-0007", sent as "case"
    std::string unit;
    int window = 0;  // the window that opened it
    std::string service;
    std::string mode;    // instant deadline supplement return
    std::string status;  // completed accepted awaiting_supplement returned
    bool operator==(const CaseChange&) const = default;
};
struct CaseOpened : CaseChange {
    static constexpr std::string_view kName = event_names::kCaseOpened;
};
struct CaseUpdated : CaseChange {
    static constexpr std::string_view kName = event_names::kCaseUpdated;
};
struct CaseCompleted : CaseChange {
    static constexpr std::string_view kName = event_names::kCaseCompleted;
};
struct CaseOverdue : CaseChange {
    static constexpr std::string_view kName = event_names::kCaseOverdue;
};

// An event of a name this version does not know, kept as it came.
struct UnknownEvent {
    std::string name;
    Json data;
    bool operator==(const UnknownEvent&) const = default;
};

using Event = std::variant<UnknownEvent, TicketIssued, TicketCalled, TicketRecalled, TicketNoShow,
                           TicketRejoined, TicketTransferred, TicketFinished, TicketCancelled,
                           WindowPaused, WindowResumed, EvaluationRequested, EvaluationSubmitted,
                           SessionStarted, SessionEnded, NoticeUpdated, DeviceAlert,
                           ServicesUpdated, CaseOpened, CaseUpdated, CaseCompleted, CaseOverdue>;

std::string event_name(const Event& event);
// The event's `data: ` object.
Json event_data(const Event& event);
// A field of the wrong type is a bad_response error naming it; absent fields take their
// defaults (as in the other parsers); data that is not an object is an error.
Result<Event> parse_event(std::string_view name, const Json& data);
Result<Event> parse_event(const HubEvent& event);

// The ticket part of a ticket.* event; nullptr for the others.
const TicketChange* ticket_change(const Event& event);
// The window and staff of session.started and session.ended; nullptr for the others.
const SessionChange* session_change(const Event& event);
// The case of a case.* event; nullptr for the others.
const CaseChange* case_change(const Event& event);

// An event as HubLink hands it to a device: parsed once, with the stream's id, which the
// board needs to skip a replay it has already applied.
struct LinkEvent {
    std::string id;
    Event event;
};

}  // namespace onestop::net
