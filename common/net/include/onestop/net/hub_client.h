#pragma once
// A blocking HTTP client for the hub's JSON API over libcurl.
//
// One HubClient owns one CURL easy handle (connections are reused between calls), so an
// object must be used from one thread at a time; give each thread its own client.
// Every call returns a Result: on an HTTP error the Error carries the hub's
// {"error":{"code","message"}}; transport failures map to code "hub_unreachable"
// (refused, reset, DNS, empty reply) or "timeout" (connect or total time-out).

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "onestop/base/result.h"
#include "onestop/net/cases.h"
#include "onestop/net/complaints.h"
#include "onestop/net/protocol.h"

namespace onestop::net {

// GET /api/v1/cases filters; empty ones are left out.
struct CaseQuery {
    std::string unit;
    std::string status;
    bool due = false;    // due tomorrow, today or overdue
    std::string number;  // one case by its number (typed or scanned)
};

// The closing round (闭馆检查, 第三十九条) the last staff member out confirms: each check done
// or not, and a note (what is not done and why).
struct ClosingRound {
    bool doors_windows = false, lights = false, air_conditioning = false, other_power = false;
    std::string note;
};

struct ClientOptions {
    std::string base_url = "http://127.0.0.1:8080";  // no trailing slash needed
    std::string token;                               // bearer token; empty = none
    std::chrono::milliseconds connect_timeout{2000};
    std::chrono::milliseconds total_timeout{5000};
    // For an https:// hub: the CA certificate (PEM) that signed its certificate, e.g. the
    // campus CA or the hub's own self-signed one; empty = the system's CAs.
    std::string ca_file{};
};

enum class Method { Get, Post, Put, Delete };

struct Response {
    long status = 0;
    Json body;  // null when the body was empty (204) or not JSON
};

// Per-request extras.
struct RequestOptions {
    std::string idempotency_key;       // sent as Idempotency-Key when not empty
    std::optional<std::string> token;  // overrides the client's token for this call
};

class HubClient {
  public:
    explicit HubClient(ClientOptions options);
    ~HubClient();
    HubClient(HubClient&&) noexcept;
    HubClient& operator=(HubClient&&) noexcept;
    HubClient(const HubClient&) = delete;
    HubClient& operator=(const HubClient&) = delete;

    const ClientOptions& options() const { return options_; }
    void set_token(std::string token) { options_.token = std::move(token); }

    // Sends one request. Any HTTP status is a Response here; only transport failures are
    // errors. `body` null sends no body.
    Result<Response> send(Method method, std::string_view path, const Json& body = nullptr,
                          const RequestOptions& extra = {});
    // As send(), but a status ≥ 400 becomes the hub's Error (code "http_<status>" when the
    // body is not CONTRACT's error shape). The body of the last error answer stays
    // readable through last_error_body(); parse_api_error reads it (e.g. the next_open of
    // service_closed).
    Result<Response> call(Method method, std::string_view path, const Json& body = nullptr,
                          const RequestOptions& extra = {});
    const Json& last_error_body() const { return last_error_body_; }

    // --- CONTRACT routes ---------------------------------------------------------------
    Result<Health> health();
    Result<std::vector<ServiceInfo>> services();
    Result<QueueSnapshot> queue();
    Result<Ticket> issue_ticket(const IssueRequest& request);  // 201 or 200 (same request_id)
    Result<Ticket> get_ticket(std::int64_t id, std::string_view code);
    Result<Ticket> rejoin(std::int64_t id);

    // Counter sessions. create_session uses the client's (counter) token; the returned
    // session is the bearer for window actions: pass it to set_token() or per call.
    Result<SessionInfo> create_session(int window, std::string_view staff, std::string_view pin);
    Status end_session();  // DELETE /api/v1/sessions/current with the current token
    // Whether the current session is the last one open in the hall (GET
    // /api/v1/sessions/current): its sign-out then asks the closing round.
    Result<bool> last_in_hall();
    Status record_closing(const ClosingRound& round);  // POST /api/v1/hall/closings
    // The staff member's work log for the hall's today, and the note written to it
    // (PUT /api/v1/worklog/{staff}/{date}/note; the same text again writes nothing).
    Result<WorklogDay> worklog_today(std::string_view staff);
    Status save_worklog_note(std::string_view staff, std::string_view date, std::string_view note);

    // Window actions, each with an optional idempotency key. call_next yields nullopt on
    // 204 (nobody waits).
    Result<std::optional<Ticket>> call_next(int window, std::string_view key = {});
    Result<Ticket> recall(int window, std::string_view key = {});
    Result<Ticket> no_show(int window, std::string_view key = {});
    Result<Ticket> finish(int window, std::string_view key = {});
    Result<Ticket> transfer_to_service(int window, std::string_view service,
                                       std::string_view key = {});
    Result<Ticket> transfer_to_window(int window, int to_window, std::string_view key = {});
    Status pause(int window, std::optional<PauseReason> reason, std::string_view key = {});
    Status resume(int window, std::string_view key = {});
    Result<WindowInfo> window_info(int window);

    Status submit_evaluation(const Evaluation& evaluation);
    // POST /api/v1/complaints → 201 with the number and code the complainant follows it by.
    Result<FiledComplaint> submit_complaint(const ComplaintRequest& request);
    Result<std::vector<RatingReason>> rating_reasons();
    Result<Lease> take_lease(std::string_view service, int count);
    Result<HeldLeases> held_leases();  // GET /api/v1/leases
    Status send_alert(std::string_view kind, std::string_view message);
    Result<Text> notice();
    Status set_notice(const Text& text);

    // Cases at the counter, with the window's session (CONTRACT; filters in docs/api.md).
    Result<CaseInfo> open_case(int window, std::string_view mode,
                               const std::vector<std::string>& missing, std::string_view reason);
    Result<std::vector<CaseInfo>> cases(const CaseQuery& query);
    // POST /api/v1/cases/{id}/`action` (resume, complete) with `body`.
    Result<CaseInfo> case_action(std::int64_t id, std::string_view action, const Json& body);
    Result<std::vector<RatingReason>> return_reasons();  // the hall's list, same shape
    Result<std::vector<Handover>> handovers(std::string_view status = {});
    Result<Handover> confirm_handover(std::int64_t id, std::string_view staff,
                                      std::string_view pin);
    Result<std::vector<LeaveRequest>> leave_requests(std::string_view status = {});
    // The substitute's confirmation signed with their own PIN (docs/api.md).
    Status confirm_leave(std::int64_t id, std::string_view staff, std::string_view pin);

  private:
    std::string escaped(std::string_view text);
    Result<Ticket> ticket_action(int window, const char* action, const Json& body,
                                 std::string_view key);

    ClientOptions options_;
    struct Impl;
    std::unique_ptr<Impl> impl_;
    Json last_error_body_;
};

// Maps a curl result code to the client's transport error codes. Exposed for tests.
Error transport_error(int curl_code, std::string_view detail);

}  // namespace onestop::net
