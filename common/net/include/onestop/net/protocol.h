#pragma once
// The hub's JSON shapes (CONTRACT.md "HTTP API v1" and the team's additions) as plain
// structs, one definition for both sides: the hub writes its answers with to_json, the
// clients read them with parse_*; to_json → parse_* gives back the same value
// (tests/net/protocol_roundtrip_test.cpp). Parsers never throw: a malformed answer becomes
// an Error with code "bad_response" naming the field, so a client shows it instead of
// crashing. The event stream's events are in events.h.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "onestop/base/result.h"
#include "onestop/base/text.h"

namespace onestop::net {

using Json = nlohmann::json;

// Texts are onestop::Text (onestop/base/text.h). On the wire the hub may send one either
// as {"zh","en"} or as a plain string (then both languages hold that string).

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
    std::string code;  // only for the issuing kiosk
    std::string url;   // with code: the ticket page for phones, when the hub has --public-url
    std::optional<int> estimated_wait_min;  // GET /tickets/{id}
    std::string promised_date;              // deadline items, once done
    std::string service_day{};              // the local date its number belongs to
    bool operator==(const Ticket&) const = default;
};

// GET /api/v1/services: one service with what a kiosk discloses about it (办事指南).
// Members with {} may be left out of aggregate initialisers (-Wextra).
struct ServiceInfo {
    std::string code;
    Text name;
    std::string unit;
    std::string mode;  // instant deadline joint
    std::vector<Text> materials;
    bool open = false;
    std::string next_open;  // ISO 8601 or empty
    Text unit_name{};       // empty from hubs before it: then the hall file's name
    Text who_may_apply{};
    std::vector<Text> steps{};
    int promised_days = 0;  // deadline/joint items: working days until the result
    std::vector<std::string> partner_units{};
    int minutes_per_ticket = 0;  // 0 from hubs before it: then the hall file's figure
    int waiting = 0;
    int estimated_wait_min = 0;  // for a ticket issued now
    bool operator==(const ServiceInfo&) const = default;
};

struct StaffRef {
    std::string number;
    std::string name;
    std::string unit;  // only in the session answer
    bool operator==(const StaffRef&) const = default;
};

struct WindowState {
    int number = 0;
    Text name;
    std::string unit;
    std::vector<std::string> services;
    std::string status;                  // open paused closed
    std::optional<std::string> current;  // called ticket's number
    std::optional<StaffRef> staff;
    bool operator==(const WindowState&) const = default;
};

struct ServiceWaiting {
    std::string code;
    int waiting = 0;
    bool open = false;
    int estimated_wait_min = 0;  // for a ticket issued now
    bool operator==(const ServiceWaiting&) const = default;
};

struct RecentCall {
    std::string number;
    int window = 0;
    std::string at;
    bool operator==(const RecentCall&) const = default;
};

struct QueueSnapshot {
    std::string now;
    std::vector<ServiceWaiting> services;
    std::vector<WindowState> windows;
    std::vector<RecentCall> recent_calls;
    bool operator==(const QueueSnapshot&) const = default;
};

// GET /api/v1/windows/{n}, and the answer to pause/resume
struct WindowInfo {
    WindowState window;
    int waiting = 0;           // how many this window would call
    std::string pause_reason;  // empty unless paused
    std::string kind{};        // fixed periodic
    bool operator==(const WindowInfo&) const = default;
};

// POST /api/v1/sessions
struct SessionInfo {
    std::string session;  // the bearer token for window actions
    StaffRef staff;
    int window = 0;
    Text window_name;
    bool operator==(const SessionInfo&) const = default;
};

struct Health {
    std::string status;
    std::string version;
    std::string hub_id;  // the database's identity; empty from hubs before it
    bool operator==(const Health&) const = default;
};

struct RatingReason {
    std::string code;
    Text text;
    bool operator==(const RatingReason&) const = default;
};

struct Lease {
    std::string service;
    std::string service_day;
    int first = 0;
    int count = 0;
    std::string hub_id;  // the leasing database (absent in GET /api/v1/leases' list)
    bool operator==(const Lease&) const = default;
};

// GET /api/v1/leases: the blocks the hub's database says this device holds, today on.
struct HeldLeases {
    std::string hub_id;
    std::vector<Lease> leases;
    bool operator==(const HeldLeases&) const = default;
};

// CONTRACT's error body {"error":{"code","message"}}. service_closed adds when the
// service opens next, inside "error" and, for simple clients, also at the top level
// (docs/api.md); parse_api_error reads the one inside "error".
struct ApiError {
    std::string code;
    std::string message;
    // Set only for errors that carry it: the next opening, "" when none is known (null).
    std::optional<std::string> next_open;
    bool operator==(const ApiError&) const = default;
};

// A request to issue a ticket; `leased_*` set only when replaying an offline ticket.
enum class Priority { Normal, Green };
struct IssueRequest {
    std::string service;
    Priority priority = Priority::Normal;
    std::string request_id;
    std::optional<std::string> leased_service_day;
    std::optional<int> leased_sequence;
    std::string issued_at;        // with a lease: when the kiosk printed it
    std::string leased_hub_id{};  // the database that leased the block (empty: unknown)
    bool operator==(const IssueRequest&) const = default;
};

// The answer to POST /api/v1/tickets. `printed` is set when the hub gave a replayed
// offline ticket another number than the one on its slip ("renumbered").
struct IssueAnswer {
    Ticket ticket;
    std::string printed;
    bool operator==(const IssueAnswer&) const = default;
};

struct Evaluation {
    std::int64_t ticket = 0;
    std::string code;  // empty for a pad token
    int level = 0;     // 1..5
    std::vector<std::string> reasons;
    std::string comment;
    std::string contact;  // optional: a phone number for the call-back (回访)
    bool operator==(const Evaluation&) const = default;
};

enum class PauseReason { Break, Meeting, Other };
const char* to_string(PauseReason reason);  // "break" "meeting" "other"

// The other requests' bodies. Their parsers (below) check the shape and the protocol's own
// limits, lengths, ranges and names, and refuse as the hub answers: missing_field and
// wrong_type (400), invalid_field (422). What depends on the hall (is there such a
// service, such a window) the hub checks after them.
struct LeaseRequest {  // POST /api/v1/leases
    std::string service;
    int count = 0;  // 1..200
    bool operator==(const LeaseRequest&) const = default;
};

struct SignIn {  // POST /api/v1/sessions
    int window = 0;
    std::string staff;
    std::string pin;
    bool operator==(const SignIn&) const = default;
};

// POST /api/v1/windows/{n}/transfer: to a service's line or to one window, exactly one.
struct Transfer {
    std::string service;  // empty: to `window`
    int window = 0;
    bool operator==(const Transfer&) const = default;
};

struct Pause {  // POST /api/v1/windows/{n}/pause
    PauseReason reason = PauseReason::Other;
    bool operator==(const Pause&) const = default;
};

// POST /api/v1/alerts: a device's trouble for the office; `kind` one of kAlertKinds.
struct Alert {
    std::string kind;
    std::string message;
    bool operator==(const Alert&) const = default;
};
inline constexpr const char* kAlertKinds[] = {"printer_paper_end", "printer_cover_open",
                                              "printer_offline",   "printer_error",
                                              "ticket_renumbered", "ticket_refused"};

// Parsers: parse_ticket and parse_service take the object the hub wraps (the value of
// "ticket"); the others the whole body. Each to_json below writes what its parser takes.
Result<Ticket> parse_ticket(const Json& j);
Result<ServiceInfo> parse_service(const Json& j);
Result<std::vector<ServiceInfo>> parse_services(const Json& body);  // {"services":[…]}
Result<QueueSnapshot> parse_queue(const Json& body);
Result<WindowState> parse_window_state(const Json& j);   // a /queue window
Result<WindowInfo> parse_window_info(const Json& body);  // {"window":{…}}
Result<SessionInfo> parse_session(const Json& body);
Result<Health> parse_health(const Json& body);
Result<std::vector<RatingReason>> parse_rating_reasons(const Json& body);
Result<Lease> parse_lease(const Json& body);
Result<HeldLeases> parse_held_leases(const Json& body);    // {"hub_id","leases":[…]}
Result<IssueAnswer> parse_issue_answer(const Json& body);  // {"ticket":T,"renumbered"?}
// GET /api/v1/notice's answer and PUT's body, read as a request.
Result<Text> parse_notice(const Json& body);         // {"text":{"zh","en"}}
Result<ApiError> parse_api_error(const Json& body);  // {"error":{…}}
// Requests (the hub's side).
Result<Json> parse_request_body(const std::string& text);  // malformed_json; "" counts as {}
Result<IssueRequest> parse_issue_request(const Json& body);
// The shape only: the hub checks the values (check_evaluation) after it knows who rates,
// the order docs/api.md gives (400 → 404 → 401/403 → 422).
Result<Evaluation> parse_evaluation(const Json& body);
// A phone number as people type it: 5–20 digits with optional +, - and spaces.
bool is_phone(std::string_view text);
// level 1..5, comment ≤ 2000 bytes, contact "" or a phone number (digits, + - and spaces)
Status check_evaluation(const Evaluation& evaluation);
Result<LeaseRequest> parse_lease_request(const Json& body);
Result<SignIn> parse_sign_in(const Json& body);
Result<Transfer> parse_transfer(const Json& body);
Result<Pause> parse_pause(const Json& body);
Result<Alert> parse_alert(const Json& body);

// POST /api/v1/login: an office account's login and password.
struct LoginRequest {
    std::string login;
    std::string password;
};
Result<LoginRequest> parse_login(const Json& body);

// Non-throwing field readers for event data and other loose JSON: the fallback when the
// field is absent, null or of another type (nlohmann's value() throws on a type mismatch).
std::int64_t field_int(const Json& object, const char* key, std::int64_t fallback = 0);
std::string field_string(const Json& object, const char* key, const std::string& fallback = {});

Json to_json(const Text& text);                   // {"zh","en"}
Json texts_json(const std::vector<Text>& texts);  // [{"zh","en"}…]
Json to_json(const Ticket& ticket);
Json to_json(const ServiceInfo& service);
Json to_json(const std::vector<ServiceInfo>& services);  // {"services":[…]}
Json to_json(const QueueSnapshot& queue);
Json to_json(const WindowState& window);
Json to_json(const WindowInfo& info);  // {"window":{…}}
Json to_json(const SessionInfo& session);
Json to_json(const Health& health);
Json to_json(const std::vector<RatingReason>& reasons);  // {"reasons":[…]}
Json to_json(const Lease& lease);
Json to_json(const HeldLeases& held);
Json to_json(const IssueAnswer& answer);
Json notice_json(const Text& text);  // {"text":{"zh","en"}}
Json to_json(const ApiError& error);
Json to_json(const IssueRequest& request);
Json to_json(const Evaluation& evaluation);
Json to_json(const LeaseRequest& request);
Json to_json(const SignIn& sign_in);
Json to_json(const Transfer& transfer);
Json to_json(const Pause& pause);
Json to_json(const Alert& alert);

}  // namespace onestop::net
