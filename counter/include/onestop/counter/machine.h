#pragma once
// The counter's action state machine. Pure: it turns key presses into hub commands
// and hub answers into what the screen shows; it does no I/O and reads no clock
// (callers pass the instant), so every path is unit-tested.
//
//   Idle ──*──▶ TransferEntry (digits = window, letter or * = service) ──Enter──▶ transfer
//   Idle ──/──▶ PauseChoice (1 break, 2 meeting, 3 other; Enter = break) ──▶ pause
//   Idle ──/ (when paused)──▶ resume;   + call next, . recall, - no-show, Enter finish
//
// A press while the hub link is down is refused with a message, never kept for later.
// The same command pressed again within the repeat guard (an accidental double press),
// or again after a transport failure, reuses the first press's idempotency key, so
// the hub answers it without acting twice.

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "onestop/counter/keymap.h"
#include "onestop/net/protocol.h"

namespace onestop::counter {

using Instant = std::chrono::steady_clock::time_point;

enum class Mode { Idle, TransferEntry, PauseChoice };

enum class CommandKind {
    CallNext,
    Recall,
    NoShow,
    Finish,
    TransferWindow,
    TransferService,
    Pause,
    Resume,
    Logout
};

struct Command {
    CommandKind kind = CommandKind::CallNext;
    int to_window = 0;
    std::string to_service;
    net::PauseReason reason = net::PauseReason::Break;
    std::string idempotency_key;  // empty for Logout
};

// What the hub answered: a ticket (or none, for call-next's 204) or an error code.
struct Outcome {
    bool ok = false;
    std::optional<net::Ticket> ticket;
    std::string error_code;     // hub code, or "hub_unreachable" / "timeout"
    std::string error_message;  // the hub's text
};

// A catalogue key with its placeholder values.
struct Message {
    std::string key;
    std::map<std::string, std::string> args;
    bool operator==(const Message&) const = default;
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
};

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
    // Sets the message line directly (e.g. keypad unplugged).
    void note(Message message) { state_.message = std::move(message); }

    const CounterState& state() const { return state_; }

  private:
    std::optional<Command> send(Command command, Instant now);
    std::optional<Command> press_idle(const Key& key, Instant now);
    std::optional<Command> press_transfer(const Key& key, Instant now);
    std::optional<Command> press_pause(const Key& key, Instant now);
    Message transfer_preview() const;
    void fail(const Outcome& outcome);

    CounterState state_;
    std::chrono::milliseconds repeat_guard_;
    KeySource new_key_;
    std::vector<std::string> service_codes_;

    struct Sent {
        Command command;
        Instant at;
        bool reuse_key = false;  // the last try failed in transport: same key next time
    };
    std::optional<Sent> last_sent_;
};

}  // namespace onestop::counter
