#pragma once
// The counter's action state machine. Pure: it turns key presses into hub commands
// and hub answers into what the screen shows; it does no I/O and reads no clock
// (callers pass the instant), so every path is unit-tested.
//
//   Idle ──*──▶ TransferEntry (digits = window, letter or * = service) ──Enter──▶ transfer
//   Idle ──/──▶ PauseChoice (1 break, 2 meeting, 3 other; Enter = break) ──▶ pause
//   Idle ──/ (when paused)──▶ resume;   + call next, . recall, - no-show, Enter finish
//   Idle ──cases key (0)──▶ CaseMenu:
//     1 instant, 2 deadline ──▶ CaseConfirm ──Enter──▶ open the case for the called number
//     3 supplement ──▶ MaterialPick (digits toggle the service's materials) ──Enter──▶ open
//     4 return ──▶ ReasonPick (a digit picks the hall's reason) ──Enter──▶ open
//     5 ──▶ the unit's open cases (CaseList, + - scroll, a digit picks) ──▶ CaseActions
//     6 ──▶ CaseNumberEntry (typed, or scanned: a letter in Idle starts it too) ──▶ CaseActions
//       CaseActions: 1 resume (awaiting materials) or 1 complete (accepted) ──▶ ResultPick
//         ──Enter──▶ complete
//     7 ──▶ pending hand-overs to the unit ──▶ StaffEntry ──▶ PinEntry ──Enter──▶ confirm
//     8 ──▶ leave awaiting a substitute ──▶ StaffEntry ──▶ PinEntry ──Enter──▶ confirm
//     9 ──▶ sign out (as the logout key)
//   Sign-out (sign_out.cpp) ──▶ WorklogNote: the day's work log (工作日志, 第十八条) and its
//     note, typed (Enter keeps it, Esc stays signed in) ──(the hub: the last session open in
//     the hall)──▶ ClosingCheck (闭馆检查, closing_round.cpp): 1–4 tick the checks, 0 ──▶
//     ClosingNote (what is not done) ──Enter──▶ record; Enter records once all four are
//     ticked, or on a second Enter reports the unticked ones as not done; Esc stays signed in.
//     Then the session ends.
//   Esc (cancel) leaves any of them; Backspace edits an entry or steps back.
//
// Lists number their rows 1…N; with ten or more rows a number takes two digits (01…).
// Inside menus and entries a key that types a digit or letter types it, whatever action
// the keymap gives it in Idle (the default cases key is "0"). Spaces and UTF-8 bytes (from a
// terminal) are typed into the notes only.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onestop/counter/keymap.h"
#include "onestop/net/cases.h"
#include "onestop/net/protocol.h"

namespace onestop::counter {

using Instant = std::chrono::steady_clock::time_point;

enum class Mode {
    Idle,
    TransferEntry,
    PauseChoice,
    CaseMenu,
    CaseConfirm,
    MaterialPick,
    ReasonPick,
    CaseList,
    CaseNumberEntry,
    CaseActions,
    ResultPick,
    HandoverList,
    LeaveList,
    StaffEntry,
    PinEntry,
    ClosingCheck,  // the closing round's four checks
    ClosingNote,   // its note: what is not done and why
    WorklogNote,   // at sign-out: the day's work log and its note
};

enum class CommandKind {
    CallNext,
    Recall,
    NoShow,
    Finish,
    TransferWindow,
    TransferService,
    Pause,
    Resume,
    Logout,
    OpenCase,         // case_mode, missing (supplement), reason (return: the hall's code)
    ListCases,        // the unit's open cases
    FindCase,         // by number
    ResumeCase,       // case_id
    CompleteCase,     // case_id, result
    ListHandovers,    // pending ones
    ConfirmHandover,  // target_id, staff, pin
    ListLeave,        // awaiting a substitute
    ConfirmLeave,     // target_id, staff, pin
    CloseHall,        // checks, note: the closing round (第三十九条)
    SaveNote,         // note, date: the work log's note (第十八条)
};

// A catalogue key with its placeholder values.
struct Message {
    std::string key;
    std::map<std::string, std::string> args;
    bool operator==(const Message&) const = default;
};

struct Command {
    CommandKind kind = CommandKind::CallNext;
    int to_window = 0;
    std::string to_service;
    net::PauseReason reason = net::PauseReason::Break;
    std::string idempotency_key;  // empty for Logout
    // Case commands (the hub's case routes take no idempotency key; a case is opened by a
    // confirmed Enter only).
    std::string case_mode{};      // instant deadline supplement return
    std::vector<Text> missing{};  // the service's materials picked, sent in the UI language
    std::string return_reason{};  // the hall's reason code
    std::string number{};         // FindCase
    std::int64_t target_id{};     // the case, hand-over or leave request acted on
    Message result{};             // CompleteCase: the catalogue's result text
    std::string staff{};          // who signs (hand-over, leave)
    std::string pin{};
    // CloseHall: doors and windows, lights, air conditioning, other power; and the note.
    std::vector<bool> checks{};
    std::string note{};
    std::string date{};  // SaveNote: the work log's day
};

// What the hub answered: a ticket (or none, for call-next's 204) or an error code.
struct Outcome {
    bool ok = false;
    std::optional<net::Ticket> ticket;
    std::string error_code;              // hub code, or "hub_unreachable" / "timeout"
    std::string error_message;           // the hub's text
    std::vector<net::CaseInfo> cases{};  // the case acted on, or the list asked for
    std::vector<net::Handover> handovers{};
    std::vector<net::LeaveRequest> leave{};
    bool last_in_hall = false;  // Logout: the session is the last one open in the hall
    std::optional<net::WorklogDay> worklog{};  // Logout: today's work log, when the hub gave it
};

// A row of a menu list: its text (both languages) and a catalogue key whose text follows
// it (a case's mode or due state), empty for none.
struct ListItem {
    Text text;
    std::string tag{};
    bool operator==(const ListItem&) const = default;
};

struct CounterState {
    int window = 0;
    Text window_name;
    std::string staff_number;
    std::string staff_name;

    Mode mode = Mode::Idle;
    std::string entry;  // transfer target typed so far: digits or one service letter

    std::optional<std::string> current;   // number being served
    std::optional<Instant> served_since;  // when this counter saw it called
    bool paused = false;
    std::string pause_reason;  // break meeting other
    int waiting = 0;           // how many this window would call
    bool online = true;

    Message message{"ready", {}};

    // The case menus.
    std::string unit;               // the window's unit (cases are per unit)
    Message prompt{};               // the menu's first line
    std::vector<ListItem> items{};  // the rows to choose from
    size_t first = 0;               // the first row shown
    std::vector<bool> picked{};     // MaterialPick: the rows ticked
    std::optional<size_t> chosen;   // ReasonPick, ResultPick: the row chosen
    std::string pin_typed{};        // never shown: the screen prints one * a digit
    Message printer{};              // the window printer's trouble, empty key when none
    Message worklog{};              // WorklogNote: the day's counts
    // The unit's cases due tomorrow or today, and overdue (第二十五条's promised dates).
    int cases_due_soon = 0;
    int cases_overdue = 0;
    // The sign-out may go ahead: nobody else is signed in, or the closing round is recorded.
    bool leaving = false;
};

// The closing round's checks, in key order 1–4 (catalogue keys closing_<name>).
inline constexpr const char* kClosingChecks[] = {"doors_windows", "lights", "air_conditioning",
                                                 "other_power"};

// Rows a menu shows at once on the 40×10 screen.
inline constexpr size_t kMenuRows = 3;

class Machine {
  public:
    using KeySource = std::function<std::string()>;  // new idempotency keys (uuid)

    Machine(CounterState initial, std::chrono::milliseconds repeat_guard, KeySource new_key);

    // A key press; returns the command to send now, if any.
    std::optional<Command> press(const Key& key, Instant now);
    // The hub's answer to a command press() returned.
    void on_outcome(const Command& command, const Outcome& outcome, Instant now);
    // Link state from the event stream or a health probe.
    void set_online(bool online);
    // The window as the hub sees it (on start, after reconnects, after others' changes).
    void sync(const net::WindowInfo& info, Instant now);
    // Service codes the transfer entry cycles through when * is pressed again.
    void set_service_codes(std::vector<std::string> codes) { service_codes_ = std::move(codes); }
    // The services' materials (补正 picks) and the hall's return reasons.
    void set_services(std::vector<net::ServiceInfo> services);
    void set_return_reasons(std::vector<net::RatingReason> reasons) {
        return_reasons_ = std::move(reasons);
    }
    void set_cases_due(int due_soon, int overdue) {
        state_.cases_due_soon = due_soon;
        state_.cases_overdue = overdue;
    }
    // Sets the message line directly (e.g. keypad unplugged).
    void note(Message message) { state_.message = std::move(message); }
    // The printer's line under the message (empty key: nothing wrong).
    void note_printer(Message message) { state_.printer = std::move(message); }

    const CounterState& state() const { return state_; }

  private:
    std::optional<Command> send(Command command, Instant now);
    std::optional<Command> press_idle(const Key& key, Instant now);
    std::optional<Command> press_transfer(const Key& key, Instant now);
    std::optional<Command> press_pause(const Key& key, Instant now);
    Message transfer_preview() const;
    void fail(const Outcome& outcome);

    // The case menus (case_menu.cpp).
    std::optional<Command> press_case(const Key& key, Instant now);
    std::optional<Command> press_case_menu(const Key& key, Instant now);
    std::optional<Command> press_list(const Key& key, Instant now);
    std::optional<Command> press_entry(const Key& key, Instant now);
    std::optional<Command> press_case_actions(const Key& key, Instant now);
    std::optional<Command> choose(size_t row, Instant now);
    std::optional<Command> confirm(Instant now);
    void enter_mode(Mode mode, Message prompt, std::vector<ListItem> items = {});
    void start_signing(std::int64_t target, const std::string& staff, Message prompt);
    // A list to pick from, or `none` said when it has no rows.
    void show_rows(Mode mode, const char* prompt, const char* none, std::vector<ListItem> rows);
    void show_case_actions(const net::CaseInfo& c);
    void case_outcome(const Command& command, const Outcome& outcome);

    // Signing out (sign_out.cpp) and the closing round (closing_round.cpp).
    void sign_out_outcome(const Command& command, const Outcome& outcome);
    std::optional<Command> press_worklog(const Key& key);
    void after_worklog();
    void start_closing();
    std::optional<Command> press_closing(const Key& key);
    std::optional<Command> submit_closing();
    void closing_outcome(const Outcome& outcome);
    // Types a key into a note (UTF-8 bytes from a terminal too; Backspace takes one
    // character); false for any other key.
    static bool edit_note(std::string& note, const Key& key, size_t max_bytes);
    const net::ServiceInfo* current_service() const;

    CounterState state_;
    std::chrono::milliseconds repeat_guard_;
    KeySource new_key_;
    std::vector<std::string> service_codes_;
    std::vector<net::ServiceInfo> services_;
    std::vector<net::RatingReason> return_reasons_;
    // What the open menu acts on.
    Mode signing_for_ = Mode::Idle;      // HandoverList or LeaveList while signing
    std::string case_mode_;              // CaseConfirm / MaterialPick / ReasonPick
    std::optional<net::CaseInfo> case_;  // CaseActions, ResultPick
    std::vector<net::Handover> handovers_;
    std::vector<net::LeaveRequest> leave_;
    std::vector<net::CaseInfo> cases_;
    std::int64_t target_id_ = 0;
    std::string signer_;
    bool closing_warned_ = false;  // Enter pressed once with a check unticked
    bool last_in_hall_ = false;    // the sign-out under way asks the closing round next
    std::string worklog_date_;     // the day the note is for
    std::string saved_note_;       // the note the hub has for it

    struct Sent {
        Command command;
        Instant at;
        bool reuse_key = false;  // the last try failed in transport: same key next time
    };
    std::optional<Sent> last_sent_;
};

}  // namespace onestop::counter
