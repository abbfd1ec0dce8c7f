#pragma once
// The hub's state-changing commands, each run on the writer thread (see writer.h)
// with every input already checked for shape; they check state, change the engine,
// write rows and events, and return the answer. A command that answers 4xx has
// written nothing.

#include <optional>
#include <string>
#include <vector>

#include "writer.h"

namespace onestop::hub {

struct IssueRequest {
    int64_t device = 0;
    std::string service;
    queue::Priority priority = queue::Priority::Normal;
    std::string request_id;
    // An offline ticket from a leased block: its day, sequence and issue time, and the
    // identity of the database that leased the block (empty: the kiosk did not say).
    std::optional<std::string> leased_day;
    int leased_sequence = 0;
    std::string leased_hub_id;
    std::optional<TimePoint> issued_at;
    std::string public_url;  // the answer's "url" starts with it; empty: no url
};
// An offline ticket is never refused for its lease: one this database did not lease to
// the device keeps its printed number when free, else is renumbered ("renumbered" in
// the answer).

Reply issue_ticket(WriteContext& ctx, const IssueRequest& request);
Reply lease_numbers(WriteContext& ctx, int64_t device, const std::string& service, int count);

enum class WindowAction { CallNext, Recall, NoShow, Transfer, Finish, Pause, Resume };
struct WindowRequest {
    int window = 0;
    WindowAction action = WindowAction::CallNext;
    queue::TransferTarget target;  // Transfer
    std::string reason;            // Pause
    std::string idempotency_key;   // empty: none
};
Reply window_action(WriteContext& ctx, const WindowRequest& request);
Reply rejoin_ticket(WriteContext& ctx, int64_t ticket);

struct SessionRequest {
    int window = 0;
    std::string staff;
    bool pin_ok = false;  // checked by the request thread (slow hash)
    int64_t device = 0;
    std::string token;  // the new session token, if the PIN is right
};
Reply start_session(WriteContext& ctx, const SessionRequest& request);
// Staff member `number` when `pin_ok` (checked off the writer: the hash is slow), their
// failures then forgotten; else the refusal: 429 once kPinMaxFailures wrong PINs fell within
// kPinLockWindow, otherwise `wrong_status` errc::wrong_pin with `wrong_message` (the failure
// counted). Counters, hand-overs and the my page share the count.
std::variant<store::Staff, Reply> check_staff_pin(WriteContext& ctx, const std::string& number,
                                                  bool pin_ok, int wrong_status,
                                                  const std::string& wrong_message);
Reply end_session(WriteContext& ctx, const std::string& token_hash);
// Signs the staff member out of every counter (a disabled member is on duty nowhere); false
// when the store failed (ctx holds the error).
bool end_staff_sessions(WriteContext& ctx, const std::string& staff);

struct EvaluationRequest {
    int64_t ticket = 0;
    int level = 0;
    std::vector<std::string> reasons;
    std::string comment;
    std::string source;   // "pad" | "code" | "admin"
    int pad_window = 0;   // for "pad": the pad's window
    std::string contact;  // for the call-back; "" none
};
Reply evaluate(WriteContext& ctx, const EvaluationRequest& request);

// An edit of a service's guide (PUT /api/v1/services/{code}), its keys not yet checked.
struct GuideEdit {
    std::string service;
    json fields;
    std::optional<int64_t> version;  // the version the editor started from; stale: 409
    std::string by;                  // the audit's "who"
};
// Applies the edit, keeps the version (whole guide before and after), audits it as
// service.update and publishes services.updated. An edit that changes nothing answers the
// service as it is and keeps no version. Errors: 404 service_unknown, 409 stale_version,
// 422 invalid_field.
Reply update_guide(WriteContext& ctx, const GuideEdit& edit);
// The service's public answer with its guide's version.
json service_with_version(const HubState& state, const queue::Service& service);

// Tabs, line breaks and other control characters, which the one-record-a-line lists and
// the logs cannot hold.
bool has_control_characters(const std::string& text);

// A device as `token create` and POST /api/v1/devices take it: a role, a name of 1–64
// bytes without tabs or line breaks (the lists print one a line), and a window the hall
// has (a pad needs one). Errors: invalid_field, window_unknown.
struct NewDevice {
    store::Role role = store::Role::Kiosk;
    std::string name;
    int window = 0;
};
Result<NewDevice> check_new_device(const std::string& role, const std::string& name, int window,
                                   const queue::Hall& hall);
json device_json(const store::Device& device);  // never the token or its hash
// 201 {"device","token"}: the token is shown this once. Audited as `by`.
Reply create_device(WriteContext& ctx, const NewDevice& device, const std::string& token,
                    const std::string& by);
// 200 {"device"}; 404 device_unknown. Audited as `by`.
Reply revoke_device(WriteContext& ctx, int64_t id, const std::string& by);

// Notices for the boards' ticker, each written to the audit log as `by` ("account:…"):
// set_notice (PUT /api/v1/notice) shows one from now on, add_notice (POST /api/v1/notices)
// one with its span (201 {"notice"}), end_notice ends one early (404 not_found). Each
// publishes notice.updated when what the boards should show changes.
Reply set_notice(WriteContext& ctx, const store::Notice& notice, const std::string& by);
Reply add_notice(WriteContext& ctx, const store::Notice& notice, const std::string& by);
Reply end_notice(WriteContext& ctx, int64_t id, const std::string& by);
// The hub's clock, every second: a notice's start or end time passed → notice.updated; a
// new day → the state is rebuilt with that day's window plans. 200 always.
Reply clock_tick(WriteContext& ctx);

// A window's plan from `effective` (YYYY-MM-DD, today or later) on: add a window, change
// one (`window` the whole window as in a hall file's [[windows]], hours inline) or close
// one. `base` is the stored hall the plans apply to. 201/200 {"plan"}. Errors: 422
// invalid_field (a past or malformed date, a window the hall file's rules refuse), 422
// service_unserved (a service left without a window on some day), 409 window_exists, 404
// window_unknown. A plan for today takes effect at once (the state is rebuilt).
enum class PlanKind { Add, Change, Close };
struct WindowPlanRequest {
    PlanKind kind = PlanKind::Change;
    int window = 0;
    std::string effective;
    json window_json;  // Add and Change
    std::string by;
};
Reply plan_window(WriteContext& ctx, const queue::Hall& base, const WindowPlanRequest& request);
// {"id","window","effective","at","who","plan":window|null,"in_effect"}.
json window_plan_row_json(const store::WindowPlan& plan, const std::string& today);
// {"id","text":{"zh","en"},"created_at","starts_at","ends_at","ended_at","active"}.
json notice_json(const store::Notice& notice, TimePoint now);
Reply raise_alert(WriteContext& ctx, int64_t device, const std::string& device_name,
                  const std::string& kind, const std::string& message);

// PIN lockout: this many wrong tries inside the window → 429.
inline constexpr int kPinMaxFailures = 5;
inline constexpr std::chrono::minutes kPinLockWindow{15};

}  // namespace onestop::hub
