#pragma once
// The hub's JSON shapes (CONTRACT.md "HTTP API v1" and the team's additions) as plain
// structs, with parsers that never throw: a malformed answer becomes an Error with
// code "bad_response" naming the field, so a client shows it instead of crashing.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "onestop/base/result.h"
#include "onestop/base/text.h"

namespace onestop::net {

using Json = nlohmann::json;

// A text in both languages. Fields the hub may send either as {"zh","en"} or as a
// plain string (then both languages hold that string). The one Text of onestop/base;
// this name is kept for one release while the protocol module moves to it.
using Text = onestop::Text;

struct Ticket {
    std::int64_t id = 0;
    std::string number;   // "A012"
    std::string service;  // "A"
    std::string status;   // waiting called done no_show cancelled
    bool priority = false;
    std::string issued_at;  // ISO 8601, empty when absent
    std::string called_at;  // empty until called
    int window = 0;         // 0 when none
    int waiting_ahead = 0;
    std::string code;                         // only for the issuing kiosk
    std::string url;                          // with code: the ticket page for phones, when the hub has --public-url
    std::optional<int> estimated_wait_min;    // GET /tickets/{id}
    std::string promised_date;                // deadline items, once done
};

struct ServiceInfo {
    std::string code;
    Text name;
    std::string unit;
    std::string mode;  // instant deadline joint
    std::vector<Text> materials;
    bool open = false;
    std::string next_open;  // ISO 8601 or empty
};

struct StaffRef {
    std::string number;
    std::string name;
    std::string unit;  // only in the session answer
};

struct WindowState {
    int number = 0;
    Text name;
    std::string unit;
    std::vector<std::string> services;
    std::string status;                  // open paused closed
    std::optional<std::string> current;  // called ticket's number
    std::optional<StaffRef> staff;
};

struct ServiceWaiting {
    std::string code;
    int waiting = 0;
    bool open = false;
};

struct RecentCall {
    std::string number;
    int window = 0;
    std::string at;
};

struct QueueSnapshot {
    std::string now;
    std::vector<ServiceWaiting> services;
    std::vector<WindowState> windows;
    std::vector<RecentCall> recent_calls;
};

// GET /api/v1/windows/{n}
struct WindowInfo {
    WindowState window;
    int waiting = 0;           // how many this window would call
    std::string pause_reason;  // empty unless paused
};

// POST /api/v1/sessions
struct SessionInfo {
    std::string session;  // the bearer token for window actions
    StaffRef staff;
    int window = 0;
    Text window_name;
};

struct Health {
    std::string status;
    std::string version;
    std::string hub_id;  // the database's identity; empty from hubs before it
};

struct RatingReason {
    std::string code;
    Text text;
};

struct Lease {
    std::string service;
    std::string service_day;
    int first = 0;
    int count = 0;
    std::string hub_id;  // the leasing database (absent in GET /api/v1/leases' list)
};

// GET /api/v1/leases: the blocks the hub's database says this device holds, today on.
struct HeldLeases {
    std::string hub_id;
    std::vector<Lease> leases;
};

// A request to issue a ticket; `leased_*` set only when replaying an offline ticket.
enum class Priority { Normal, Green };
struct IssueRequest {
    std::string service;
    Priority priority = Priority::Normal;
    std::string request_id;
    std::optional<std::string> leased_service_day;
    std::optional<int> leased_sequence;
    std::string issued_at;      // with a lease: when the kiosk printed it
    std::string leased_hub_id{};  // the database that leased the block (empty: unknown)
};

// The answer to POST /api/v1/tickets. `printed` is set when the hub gave a replayed
// offline ticket another number than the one on its slip ("renumbered").
struct IssueAnswer {
    Ticket ticket;
    std::string printed;
};

struct Evaluation {
    std::int64_t ticket = 0;
    std::string code;  // empty for a pad token
    int level = 0;     // 1..5
    std::vector<std::string> reasons;
    std::string comment;
};

enum class PauseReason { Break, Meeting, Other };
const char* to_string(PauseReason reason);  // "break" "meeting" "other"

// Parsers: each takes the object the hub wraps (e.g. the value of "ticket").
Result<Ticket> parse_ticket(const Json& j);
Result<ServiceInfo> parse_service(const Json& j);
Result<std::vector<ServiceInfo>> parse_services(const Json& body);  // {"services":[…]}
Result<QueueSnapshot> parse_queue(const Json& body);
Result<WindowInfo> parse_window_info(const Json& body);              // {"window":{…}}
Result<SessionInfo> parse_session(const Json& body);
Result<Health> parse_health(const Json& body);
Result<std::vector<RatingReason>> parse_rating_reasons(const Json& body);
Result<Lease> parse_lease(const Json& body);
Result<HeldLeases> parse_held_leases(const Json& body);  // {"hub_id","leases":[…]}
Result<IssueAnswer> parse_issue_answer(const Json& body);  // {"ticket":T,"renumbered"?}
Result<Text> parse_notice(const Json& body);  // {"text":{"zh","en"}}

// Non-throwing field readers for event data and other loose JSON: the fallback when the
// field is absent, null or of another type (nlohmann's value() throws on a type mismatch).
std::int64_t field_int(const Json& object, const char* key, std::int64_t fallback = 0);
std::string field_string(const Json& object, const char* key, const std::string& fallback = {});

Json to_json(const IssueRequest& request);
Json to_json(const Evaluation& evaluation);

}  // namespace onestop::net
