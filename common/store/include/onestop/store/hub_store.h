#pragma once
// The hall's database, owned by onestop-hub: schema (migrated by user_version), the
// append-only event log the queue state is rebuilt from, and the tables projected
// from it or written beside it (tickets, calls, evaluations, follow-ups, staff,
// devices, sessions, attendance, leases, notices, alerts, idempotency keys).
//
// Writes happen inside a transaction the caller opens (db().begin()/commit()), so a
// request's rows and its events commit together or not at all.
// Not thread-safe: one HubStore per thread (the hub's writer has one, readers another).

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "onestop/base/clock.h"
#include "onestop/base/result.h"
#include "onestop/queue/engine.h"
#include "onestop/queue/hall.h"
#include "onestop/store/database.h"

namespace onestop::store {

// The schema, one SQL script per version; exposed for the migration tests.
const std::vector<std::string>& hub_migrations();

struct LogEntry {
    int64_t id = 0;
    std::string type;                 // engine event type (event_codec) or a hub-only type
    std::string payload;              // JSON
    std::optional<std::string> name;  // published event name (SSE), absent when internal
    std::optional<std::string> data;  // published one-line JSON
};

struct TicketRecord {
    int64_t id = 0;
    std::string code;        // the ticket's secret for its QR link
    int64_t device = 0;      // issuing device (0: unknown)
    std::string request_id;  // empty when the kiosk sent none
};

// A ticket as the tickets table keeps it: what the hub answers about an earlier day's
// ticket it no longer holds in memory. The table lacks what only the log knows (calls
// counted, transfer origin, target window).
struct StoredTicket {
    queue::Ticket ticket;
    TicketRecord record;
    bool evaluated = false;
};

enum class Role { Kiosk, Pad, Board, Counter, Admin };
const char* to_string(Role role);
std::optional<Role> parse_role(const std::string& text);

struct Device {
    int64_t id = 0;
    std::string name;
    Role role = Role::Kiosk;
    int window = 0;  // pads and window boards: the window they belong to
    std::string token_hash;
    std::string created_at;                   // ISO 8601
    std::optional<std::string> last_seen_at;  // the hub's last sighting, to the minute
    std::optional<std::string> revoked_at;    // set once; the token is refused from then on

    bool revoked() const { return revoked_at.has_value(); }
};

struct Staff {
    std::string number;
    std::string name;
    std::string unit;
    std::string pin_hash;
    std::optional<std::string> disabled_at;  // a disabled member cannot sign in

    bool disabled() const { return disabled_at.has_value(); }
};

// The hall office's accounts (CONTRACT "Office accounts"): office 北区办 (everything), unit
// (a unit's lead, its own unit only), viewer 管委会 (reads everything, changes nothing).
enum class AccountRole { Office, Unit, Viewer };
const char* to_string(AccountRole role);
std::optional<AccountRole> parse_account_role(const std::string& text);

struct Account {
    int64_t id = 0;
    std::string login;
    std::string name;
    AccountRole role = AccountRole::Viewer;
    std::string unit;  // unit accounts only
    std::string password_hash;
    std::optional<std::string> disabled_at;
};

// One change made by an account or a token: who, when, what, before → after (JSON text,
// empty when there was nothing before or after).
struct AuditEntry {
    int64_t id = 0;
    std::string at;
    std::string who;     // "account:LOGIN", "device:ID NAME", "cli"
    std::string action;  // "notice.set", "account.add", …
    std::string target;
    std::string before;
    std::string after;
};

// One version of a service's guide (办事指南): the whole guide before and after the change
// (JSON text, the keys of PUT /api/v1/services/{code}), who made it and when.
struct ServiceVersion {
    int64_t id = 0;  // also the version's number: it grows with every change in the hall
    std::string service;
    std::string at;
    std::string who;
    std::string before;
    std::string after;
};

struct AuditFilter {
    std::string who;     // exact; empty: anyone
    std::string action;  // prefix; empty: every action
    std::string since;   // ISO 8601 lower bound on `at`; empty: from the start
    int limit = 200;
};

struct Session {
    int64_t id = 0;
    std::string token_hash;
    std::string staff;
    int window = 0;
    int64_t device = 0;
};

struct Lease {
    std::string service;
    std::string service_day;
    int first = 0;
    int count = 0;
};

struct Evaluation {
    int64_t ticket = 0;
    int window = 0;
    std::string unit;
    std::string staff;
    int level = 0;
    std::vector<std::string> reasons;
    std::string comment;
    std::string source;   // "pad" | "code" | "admin"
    std::string contact;  // a phone number left for the call-back (回访); "" none
};

// A rating with its follow-up, for the scorecards (hub_store_quality.cpp).
struct Rating {
    int64_t ticket = 0;
    std::string number;
    int window = 0;
    std::string staff, unit;
    int level = 0;
    std::string at;
    int64_t followup = 0;  // 0: none (levels 3–5)
    std::string followup_status, deadline, closed_at;
};

// A complaint (投诉, 第四十一、四十二条) and what was done about it; text fields are "" until
// set. Rows are updated in place; complaint_steps keep each step, the audit log its change.
struct Complaint {
    int64_t id = 0;
    std::string number, code, channel;  // channel: kiosk | web | phone | box
    std::string about;                  // window:3 | staff:S001 | service:A | hall
    std::string unit;                   // who handles it; "" the hall office
    int window = 0;                     // whom it counts against when substantiated
    std::string staff;
    std::string text, contact, entered_by;
    std::string status;  // open | waiting (for the complainant) | answered
    std::string received_at, due_date, waiting_since;
    std::string finding, action, reply, answered_at, answered_by;  // substantiated | unfounded
    std::string reminded_on, escalated_at;
};

struct ComplaintStep {
    int64_t complaint = 0;
    std::string at, who, what, note;  // what: received routed waiting resumed added answered
};

// For the hall office's reports.
// A bad rating's follow-up (好差评整改); text fields are "" until set.
struct FollowUp {
    int64_t ticket = 0;
    std::string number;
    std::string unit;
    std::string deadline;
    std::string status;  // open | closed | appealed | upheld (the appeal upheld)
    std::string opened_at;
    int64_t id = 0;
    int window = 0;
    std::string callback, rectification, closed_at, closed_by;
    std::string appeal, appealed_at;
    std::string decision, decision_reason, decided_at, decided_by;  // upheld | rejected
    std::string reminded_on;   // the day the clock last reminded the unit
    std::string escalated_at;  // when it went overdue to the office
    std::string contact;       // the applicant's phone left with the rating; "" none
};

struct AttendanceRecord {
    std::string staff;
    int window = 0;
    std::string day;
    std::string half;  // "morning" | "afternoon"
    std::string check_in;
    std::string check_out;  // empty while on duty
};

struct RatingSummary {
    int window = 0;
    int count = 0;
    double average = 0;
    int bad = 0;  // levels 1–2
};

// A notice for the boards' ticker. Rows are kept: ending one early sets ended_at.
struct Notice {
    std::string zh;
    std::string en;
    int64_t id = 0;
    std::string created_at{};
    std::string starts_at{};  // empty: from created_at
    std::string ends_at{};    // empty: until ended or followed by a newer one
    std::string ended_at{};   // when the office ended it early

    // Shown at `now`: started, not ended, not past its end.
    bool active(TimePoint now) const;
};

struct IdempotentAnswer {
    int status = 0;
    std::string body;
};

// A window's plan from a date on (第七–十条): the whole window as JSON (the keys of a hall
// file's [[windows]] table), or empty: the window closes that day.
struct WindowPlan {
    int64_t id = 0;
    int window = 0;
    std::string effective;  // YYYY-MM-DD
    std::string at;
    std::string who;
    std::string plan;
};

// Today's figures for the office's live hall.
struct HallDay {
    std::map<int, int> served;                       // window → tickets done today
    std::map<std::string, double> average_wait_min;  // service → issue to first call, today
    std::map<int, std::string> paused_at;            // window → its latest pause (ISO 8601)
};

// A device's printer trouble still standing: its newest alert of a kind since a time, with
// no ticket issued by that device after it (a ticket issued means the printer was refilled
// or reconnected; if it still fails the kiosk raises the alert again).
struct StandingAlert {
    int64_t device = 0;
    std::string device_name;
    int window = 0;
    std::string kind;
    std::string message;
    std::string at;
};

// A training record (上岗培训, 第十六条): who recorded it (audit name) and when.
struct Training {
    int64_t id = 0;
    std::string staff;
    std::string date;  // YYYY-MM-DD
    std::string topic;
    bool passed = false;
    std::string at;
    std::string who;
};

// A staff member as the office's console shows them: the row, whether they are their
// unit's window lead (大厅窗口负责人, 第十三条: one a unit) and their training, oldest first.
struct StaffProfile {
    Staff staff;
    bool lead = false;
    std::string created_at;
    std::vector<Training> training;
};

struct AccountListing {
    Account account;  // without its password hash
    std::string created_at;
};

// One ticket of the figures report, from the tickets and calls tables.
struct FigureTicket {
    std::string day;  // service day
    std::string service;
    std::string status;
    int window = 0;                   // the window that called it last; 0: never called
    std::string staff;                // signed in at that window then; empty: nobody
    std::optional<double> wait_s;     // issue → first call
    std::optional<double> service_s;  // last call → finish; served tickets only
};

// --- people (issue 14; hub_store_rosters.cpp) ------------------------------------------
// A term (both dates included, YYYY-MM-DD).
struct TermRow {
    int64_t id = 0;
    std::string name, start, end, at, who;
};

// One version of a window's roster for a term: the whole roster as JSON (the body of
// PUT /api/v1/rosters/{term}/{window}); a published one applies from `effective` on.
struct RosterVersion {
    int64_t id = 0;
    int64_t term = 0;
    int window = 0;
    std::string state;  // "draft" | "published"
    std::string effective;
    std::string body;
    std::string at, who;
};

// A request waiting for someone's word: leave, a missed-punch correction or a mid-term
// roster change; its fields as JSON in `body`.
struct PeopleRequest {
    int64_t id = 0;
    std::string kind;   // "leave" | "correction" | "roster_change"
    std::string staff;  // whom it is about (a roster change: empty)
    std::string unit;   // whose unit acts on it
    std::string body;
    std::string status;
    std::string asked_at, asked_by;
    std::optional<std::string> confirmed_at, decided_at, decided_by;
    std::string note;  // the office's reason for its decision
};

struct MeetingRow {
    int64_t id = 0;
    std::string date, half, topic;
    std::vector<std::string> must, came;
    std::string at, who;
};

// A month's attendance sheet as published (JSON), and why (first publication or a
// correction approved after it).
struct SheetRow {
    int64_t id = 0;
    std::string month, sheet, reason, at, who;
};

// A counter session as attendance reads it (times ISO 8601; ended_at empty while open).
struct SessionSpan {
    std::string staff;
    int window = 0;
    std::string started_at, ended_at;
};

// A case (办件, hub_store_cases.cpp): opened at a window for its called ticket. The row
// holds where the case stands; how it got there is in its steps, which are never changed.
struct CaseRecord {
    int64_t id = 0;
    std::string number;  // UNIT-YYYYMMDD-NNNN
    std::string unit;
    std::string day;  // the local day it was opened (its number's date)
    int seq = 0;      // the unit's sequence that day
    int64_t ticket = 0;
    std::string service;
    int window = 0;
    std::string staff;
    std::string mode;    // cases::Mode as text
    std::string status;  // cases::Status as text
    std::string code;    // the secret of its /c/ link
    std::string opened_at;
    int promised_days = 0;
    std::vector<std::string> missing;         // the materials asked for (补正), latest request
    std::string reason_code;                  // return: the hall's reason code
    std::string reason;                       // return: the reason's text and the staff's words
    std::string result;                       // completed: what the applicant is told
    int supplements = 0;                      // 补正 requests made
    int supplements_allowed = 1;              // raised by the office
    int paused_days = 0;                      // working days of finished waits for materials
    std::optional<std::string> paused_since;  // the current wait's first day
    std::optional<std::string> completed_at;
    std::optional<std::string> overdue_at;  // when case.overdue was published
};

struct CaseStep {
    int64_t id = 0;
    int64_t case_id = 0;
    std::string at;
    std::string what;    // opened, supplement_requested, resumed, handover, …
    std::string who;     // "staff:S001", "account:wang", …
    std::string detail;  // JSON text
};

// A partner unit's part of a joint item (第二十一条), with its own due date.
struct CaseTask {
    int64_t id = 0;
    int64_t case_id = 0;
    std::string unit;
    std::string due_date;
    std::string status;  // "open" | "done"
    std::optional<std::string> done_at;
    std::optional<std::string> done_by;
};

// Materials moving between units: pending until the receiving staff confirms with a PIN.
struct Handover {
    int64_t id = 0;
    int64_t case_id = 0;
    std::vector<std::string> items;
    std::string from_unit;
    std::string from_staff;
    std::string to_unit;
    std::optional<std::string> to_staff;
    std::string status;  // "pending" | "confirmed"
    std::string at;
    std::optional<std::string> confirmed_at;
};

// A staff member's note on their day's work log (工作日志, 第十八条). Each save is a new
// row: the newest is the note, the earlier ones its versions.
struct WorklogNote {
    int64_t id = 0;
    std::string staff;
    std::string date;  // YYYY-MM-DD, the day the note is about
    std::string note;
    std::string at;
    std::string who;  // "staff:S001", "account:wang", …
};

// The closing round (第三十九条, hub_store_closing.cpp): the last staff member signing out
// confirms the four checks at the counter; a check not done is false, the note says why.
// Kept, never changed (triggers refuse it).
struct HallClosing {
    int64_t id = 0;
    std::string date;  // the hall's local day
    std::string at;    // ISO 8601
    std::string staff, name;
    int window = 0;
    bool doors_windows = false, lights = false, air_conditioning = false, other_power = false;
    std::string note;

    bool all_done() const { return doors_windows && lights && air_conditioning && other_power; }
};

struct CaseFilter {
    std::string status;  // empty: any
    std::string unit;    // empty: any
    bool open_only = false;
    int limit = 500;
};

// A notification waiting for (or done with) delivery to the hall's webhook.
struct OutboxMessage {
    int64_t id = 0;
    std::string kind;  // "case.completed"
    std::string url;
    std::string body;  // JSON text
    std::string created_at;
    int attempts = 0;
    std::string next_at;
    std::optional<std::string> delivered_at;
    std::string last_error;
};

class HubStore {
  public:
    static Result<std::unique_ptr<HubStore>> open(const std::filesystem::path& file,
                                                  Durability durability = Durability::Full);
    Database& db() { return *db_; }

    // The database's identity: 32 hex digits made when it was created (schema 2).
    Result<std::string> hub_id();

    // --- the hall (configuration) ---------------------------------------------
    // The hall file's text stored at seeding; absent on an empty database.
    Result<std::optional<std::string>> hall_text();
    // Whether anything beyond the seeded hall was ever written (events, tickets, devices,
    // staff): a database without records can be thrown away after a failed start.
    Result<bool> holds_records();
    // Replaces the stored hall text and the units/services/windows/hours tables.
    Status save_hall(const queue::Hall& hall, const std::string& toml_text,
                     const std::string& source);

    // --- event log --------------------------------------------------------------
    // Appends one entry; returns its id (increasing; the SSE event id).
    Result<int64_t> append_event(const std::string& type, const std::string& payload,
                                 const std::optional<std::string>& name,
                                 const std::optional<std::string>& data, TimePoint at);
    // Calls `fn` for every entry after `after_id`, oldest first; stops early if fn returns false.
    Status for_each_event(int64_t after_id, const std::function<bool(const LogEntry&)>& fn);
    // Published entries (with a name) after `after_id`, oldest first, at most `limit`.
    Result<std::vector<LogEntry>> published_after(int64_t after_id, int limit);
    Result<int64_t> last_event_id();

    // --- tickets and calls (projections of the log) -------------------------------
    Status insert_ticket(const queue::Ticket& ticket, const TicketRecord& record);
    Status update_ticket(const queue::Ticket& ticket);
    Status insert_call(int64_t ticket, int window, const std::string& kind,
                       const std::string& staff, TimePoint at);
    // The records of tickets from `first_id` on.
    Result<std::vector<TicketRecord>> ticket_records(int64_t first_id = 0);
    Result<int64_t> count_tickets();

    // --- history: what start-up reads instead of the whole log ------------------------
    // The first log entry stamped at or after `at`; last_event_id() + 1 when none is.
    Result<int64_t> first_event_at(TimePoint at);
    // Window pauses and resumes logged before entry `before_id`, oldest first.
    Result<std::vector<LogEntry>> window_events_before(int64_t before_id);
    // The issue time of the oldest ticket still waiting or called, if any.
    Result<std::optional<TimePoint>> oldest_open_ticket();
    Result<int64_t> max_ticket_id();  // 0 on an empty database
    Result<int64_t> count_calls();    // calls and recalls
    // The latest `limit` calls and recalls made before `before`, newest first.
    Result<std::vector<queue::PastCall>> calls_before(TimePoint before, int limit);
    Result<std::optional<StoredTicket>> stored_ticket(int64_t id);
    Result<std::optional<int64_t>> ticket_by_request(int64_t device, const std::string& request_id);
    // The numbers `service` issued and leased on `service_day`, from the tickets and leases.
    Result<queue::DayNumbers> day_numbers(const std::string& service,
                                          const std::string& service_day);

    // --- devices, staff, sessions, attendance -------------------------------------
    Result<int64_t> add_device(const std::string& name, Role role, int window,
                               const std::string& token_hash, TimePoint at);
    // Revoked devices too (callers check revoked()).
    Result<std::optional<Device>> device_by_token_hash(const std::string& token_hash);
    Result<std::vector<Device>> devices();  // all of them, revoked too, by id
    // Marks the device revoked (its row stays); a second revoke keeps the first time.
    // Error "device_unknown" when there is no such id.
    Status revoke_device(int64_t id, TimePoint at);
    Status record_device_seen(int64_t id, TimePoint at);
    Result<int64_t> count_revoked_devices();
    // Adds the staff member, or updates name, unit and PIN of an existing number and
    // enables it again if it was disabled.
    Status upsert_staff(const Staff& staff, TimePoint at);
    Result<std::optional<Staff>> staff(const std::string& number);
    Result<std::vector<Staff>> all_staff();  // by number, disabled ones too
    // Error "staff_unknown" when there is no such number; a second disable keeps the first time.
    Status disable_staff(const std::string& number, TimePoint at);
    Status record_pin_failure(const std::string& staff, TimePoint at);
    Result<int> pin_failures_since(const std::string& staff, TimePoint since);
    Status clear_pin_failures(const std::string& staff);

    Result<int64_t> start_session(const Session& session, TimePoint at);
    Status end_session(int64_t id, TimePoint at);
    Result<std::optional<Session>> session_by_token_hash(
        const std::string& token_hash);  // open only
    Result<std::vector<Session>> open_sessions();
    // Attendance: the first check-in of (staff, day, half) counts; check-out updates
    // that staff's latest record.
    Status check_in(const std::string& staff, int window, const std::string& day,
                    const std::string& half, TimePoint at);
    Status check_out(const std::string& staff, TimePoint at);

    // --- ratings ------------------------------------------------------------------
    Status insert_evaluation(const Evaluation& evaluation, TimePoint at);
    Result<std::vector<int64_t>> evaluated_tickets(int64_t first_id = 0);  // from that ticket on
    Status open_followup(int64_t ticket, const std::string& unit, const std::string& deadline,
                         TimePoint at);
    // Unresolved ones (open, appealed) when `open_only`; by deadline (hub_store_quality.cpp).
    Result<std::vector<FollowUp>> followups(bool open_only);
    Result<std::optional<FollowUp>> followup(int64_t id);
    Result<std::optional<FollowUp>> followup_of_ticket(int64_t ticket);
    Status update_followup(const FollowUp& followup);
    // Ratings given on dates starting with `date_prefix`, with their follow-ups, by ticket.
    Result<std::vector<Rating>> ratings(const std::string& date_prefix);

    // --- complaints (hub_store_quality.cpp) ---------------------------------------------
    Result<int> next_complaint_seq(const std::string& day);  // 1 for the day's first
    Result<int64_t> insert_complaint(const Complaint& complaint);
    Result<std::optional<Complaint>> complaint(int64_t id);
    Result<std::vector<Complaint>> complaints(bool open_only);  // by due date, then id
    Status update_complaint(const Complaint& complaint);
    Status append_complaint_step(const ComplaintStep& step);
    Result<std::vector<ComplaintStep>> complaint_steps(int64_t complaint);  // oldest first
    // Ratings given on dates starting with `date_prefix` ("2026-11" or "2026-11-27"), per window.
    Result<std::vector<RatingSummary>> rating_summary(const std::string& date_prefix);
    // Attendance records whose day starts with `date_prefix`, by day and staff.
    Result<std::vector<AttendanceRecord>> attendance(const std::string& date_prefix);

    // --- leases, notices, alerts, idempotency ----------------------------------------
    Status insert_lease(int64_t device, const Lease& lease, TimePoint at);
    Result<std::vector<Lease>> leases(int64_t device);
    Result<int64_t> insert_notice(const Notice& notice, TimePoint at);
    Result<std::vector<Notice>> notices(int limit);  // newest first
    Result<std::optional<Notice>> notice_by_id(int64_t id);
    Status end_notice(int64_t id, TimePoint at);
    // What the boards show at `now`: the newest active notice (empty texts when none).
    Result<Notice> notice(TimePoint now);
    Result<int64_t> insert_alert(int64_t device, const std::string& kind,
                                 const std::string& message, TimePoint at);
    Result<std::optional<IdempotentAnswer>> idempotent_answer(int window, const std::string& key);
    Status save_idempotent_answer(int window, const std::string& key,
                                  const IdempotentAnswer& answer, TimePoint at);

    // --- office accounts and the audit log ------------------------------------------
    // Fails with errc::account_exists when the login is taken.
    Result<int64_t> add_account(const Account& account, TimePoint at);
    Result<std::optional<Account>> account_by_login(const std::string& login);
    Result<int64_t> append_audit(const AuditEntry& entry);
    Result<std::vector<AuditEntry>> audit(const AuditFilter& filter);  // newest first
    // --- the live hall (hub_store_hall.cpp) ------------------------------------
    Result<HallDay> hall_day(const std::string& service_day);
    Result<std::vector<StandingAlert>> standing_printer_alerts(const std::string& since);

    Result<int64_t> insert_window_plan(const WindowPlan& plan);
    Result<std::vector<WindowPlan>> window_plans();  // by date taking effect, then as made

    Result<int64_t> insert_service_version(const ServiceVersion& version);
    Result<std::vector<ServiceVersion>> service_versions(
        const std::string& service);  // newest first
    // Each service's newest version made since the hall file was last loaded (save_hall):
    // the console's edits win over the stored hall until a hall file replaces it.
    Result<std::vector<ServiceVersion>> current_service_versions();

    // --- the office console: staff and training (hub_store_staff.cpp), accounts -------
    // A new staff member; errc::staff_exists when the number is taken (also by a disabled one).
    Status add_staff(const Staff& staff, TimePoint at);
    Result<std::vector<StaffProfile>> staff_profiles();  // by number, disabled ones too
    Result<std::optional<StaffProfile>> staff_profile(const std::string& number);
    // Name, unit and lead mark of an existing member (errc::staff_unknown otherwise).
    // Marking a lead unmarks the unit's other lead, whose number `replaced` gets.
    Status update_staff(const std::string& number, const std::string& name, const std::string& unit,
                        bool lead, std::string* replaced = nullptr);
    Status set_staff_pin(const std::string& number, const std::string& pin_hash);
    Result<int64_t> add_training(const Training& training);
    Result<std::vector<AccountListing>> accounts();  // by login, disabled ones too
    // errc::account_unknown when there is no such login; a second disable keeps the first time.
    Status disable_account(const std::string& login, TimePoint at);

    // --- the figures report (hub_store_figures.cpp) ----------------------------------
    // The tickets of service days `from`…`to` (YYYY-MM-DD, both included), by id.
    Result<std::vector<FigureTicket>> figure_tickets(const std::string& from,
                                                     const std::string& to);

    // --- people (hub_store_rosters.cpp) ---------------------------------------------------
    Result<int64_t> insert_term(const TermRow& term);
    Result<std::vector<TermRow>> terms();  // by start
    Result<int64_t> insert_roster_version(const RosterVersion& version);
    Result<std::vector<RosterVersion>> roster_versions(int64_t term);  // by window, then id
    Result<int64_t> insert_request(const PeopleRequest& request);
    Result<std::optional<PeopleRequest>> request(int64_t id);
    Result<std::vector<PeopleRequest>> requests(const std::string& kind);  // by id
    Status set_request_status(int64_t id, const std::string& status, bool decided,
                              const std::string& at, const std::string& by,
                              const std::string& note);
    Result<int64_t> insert_meeting(const MeetingRow& meeting);
    Status set_meeting_came(int64_t id, const std::vector<std::string>& came);
    Result<std::vector<MeetingRow>> meetings(const std::string& date_prefix);  // by date, id
    Result<std::optional<MeetingRow>> meeting(int64_t id);
    Result<int64_t> insert_sheet(const SheetRow& sheet);
    Result<std::optional<SheetRow>> sheet(const std::string& month);  // the newest
    // Sessions that began before `to` and had not ended before `from` (ISO 8601 bounds).
    Result<std::vector<SessionSpan>> sessions_between(const std::string& from,
                                                      const std::string& to);
    // Per (window, service day) of days `from`…`to`: when its last ticket was finished.
    Result<std::vector<std::tuple<int, std::string, std::string>>> last_finished(
        const std::string& from, const std::string& to);
    // --- cases, their steps, tasks and hand-overs, the notification outbox ------------
    // (hub_store_cases.cpp)
    // The next sequence number of `unit`'s cases on `day` (1 for the first).
    Result<int> next_case_seq(const std::string& unit, const std::string& day);
    Result<int64_t> insert_case(const CaseRecord& record);
    // Writes the case's changing fields (status, missing, reason, result, supplements,
    // pauses, completion and overdue times).
    Status update_case(const CaseRecord& record);
    Result<std::optional<CaseRecord>> case_by_id(int64_t id);
    Result<std::optional<CaseRecord>> case_by_ticket(int64_t ticket);
    Result<std::optional<CaseRecord>> case_by_number(const std::string& number);
    Result<std::vector<CaseRecord>> cases(const CaseFilter& filter);  // newest first
    // The cases opened on days `from`…`to` (YYYY-MM-DD, both included), by id.
    Result<std::vector<CaseRecord>> cases_opened(const std::string& from, const std::string& to);
    Result<int64_t> append_case_step(const CaseStep& step);
    Result<std::vector<CaseStep>> case_steps(int64_t case_id);  // oldest first
    // Every case's steps taken at `from` ≤ at < `to` (ISO 8601 in the hall's zone), oldest first.
    Result<std::vector<CaseStep>> case_steps_between(const std::string& from,
                                                     const std::string& to);
    Result<int64_t> insert_case_task(const CaseTask& task);
    Result<std::vector<CaseTask>> case_tasks(int64_t case_id);
    Status finish_case_task(int64_t id, const std::string& by, TimePoint at);
    Result<int64_t> insert_handover(const Handover& handover);
    Result<std::optional<Handover>> handover(int64_t id);
    Result<std::vector<Handover>> handovers(int64_t case_id);
    // Every case's hand-overs with that status ("" for all), newest first.
    Result<std::vector<Handover>> all_handovers(const std::string& status);
    // Hand-overs made or confirmed at `from` ≤ time < `to`, by id.
    Result<std::vector<Handover>> handovers_between(const std::string& from, const std::string& to);
    Status confirm_handover(int64_t id, const std::string& staff, TimePoint at);
    Result<int64_t> enqueue_outbox(const OutboxMessage& message);
    Result<std::vector<OutboxMessage>> undelivered_outbox(int limit);  // oldest first
    // One try: delivered (delivered_at = at), or failed with `error` and tried again at `next`.
    Status record_outbox_try(int64_t id, bool delivered, const std::string& error, TimePoint at,
                             TimePoint next);

    // --- the work log's notes (hub_store_worklog.cpp) ------------------------------------
    // A new version of a staff member's note for a day; the earlier ones stay.
    Result<int64_t> insert_worklog_note(const WorklogNote& note);
    // Every version of the day's notes, by staff number then oldest first.
    Result<std::vector<WorklogNote>> worklog_notes(const std::string& date);

    // --- the closing round (hub_store_closing.cpp) ------------------------------------------
    Result<int64_t> insert_hall_closing(const HallClosing& closing);
    // The rounds of days `from`…`to` (YYYY-MM-DD, both included), oldest first.
    Result<std::vector<HallClosing>> hall_closings(const std::string& from, const std::string& to);
    // Notes that the office was alerted about `date`'s missing round; false when it already
    // was (the alert goes once a day, also across restarts).
    Result<bool> mark_closing_overdue(const std::string& date, const std::string& at);

  private:
    explicit HubStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
    std::unique_ptr<Database> db_;
};

}  // namespace onestop::store
