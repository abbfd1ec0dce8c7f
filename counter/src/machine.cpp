#include "onestop/counter/machine.h"
#include "onestop/base/error_codes.h"

#include <algorithm>
#include <cctype>

namespace onestop::counter {
namespace {

bool same_request(const Command& a, const Command& b) {
    return a.kind == b.kind && a.to_window == b.to_window && a.to_service == b.to_service &&
           a.reason == b.reason;
}

bool is_transport(const std::string& code) {
    return code == errc::hub_unreachable || code == errc::timeout;
}

bool is_note(Mode mode) {
    return mode == Mode::ClosingNote || mode == Mode::WorklogNote;
}

// Inside menus and entries a key that types a digit or letter types it, whatever its
// action in Idle; '-' is part of a case number, and a note takes every character a key
// types. Enter, Esc and Backspace keep theirs.
Key as_typed(const Key& key, Mode mode) {
    if (mode == Mode::Idle || key.action == Action::Char) return key;
    if (key.action == Action::Finish || key.action == Action::Cancel ||
        key.action == Action::Backspace || (key.action == Action::Logout && !is_note(mode)))
        return key;
    const auto c = static_cast<unsigned char>(key.ch);
    if (std::isalnum(c) || (c == '-' && mode == Mode::CaseNumberEntry) || (c && is_note(mode)))
        return Key{Action::Char, static_cast<char>(std::toupper(c))};
    return key;
}

// A space, a punctuation mark or a byte of a UTF-8 character (a terminal's keyboard): text for
// the notes ('-' in a case number too), no key anywhere else.
bool text_only(const Key& key, Mode mode) {
    const auto c = static_cast<unsigned char>(key.ch);
    return key.action == Action::Char && !std::isalnum(c) &&
           !(c == '-' && mode == Mode::CaseNumberEntry);
}

}  // namespace

Machine::Machine(CounterState initial, std::chrono::milliseconds repeat_guard, KeySource new_key)
    : state_(std::move(initial)), repeat_guard_(repeat_guard), new_key_(std::move(new_key)) {}

void Machine::set_online(bool online) {
    if (state_.online == online) return;
    state_.online = online;
    // Going offline drops a half-typed transfer: nothing is kept to be sent later.
    if (!online && state_.mode != Mode::Idle) state_.mode = Mode::Idle;
}

void Machine::sync(const net::WindowInfo& info, Instant now) {
    state_.window_name = info.window.name;
    state_.unit = info.window.unit;
    if (info.window.staff && !info.window.staff->name.empty() &&
        info.window.staff->number == state_.staff_number)
        state_.staff_name = info.window.staff->name;
    if (info.window.current != state_.current) {
        state_.current = info.window.current;
        state_.served_since = info.window.current ? std::optional<Instant>(now) : std::nullopt;
    }
    state_.paused = info.window.status == "paused";
    state_.pause_reason = state_.paused ? info.pause_reason : std::string();
    state_.waiting = info.waiting;
}

std::optional<Command> Machine::press(const Key& pressed, Instant now) {
    const Key key = as_typed(pressed, state_.mode);
    if (text_only(key, state_.mode) && !is_note(state_.mode)) return std::nullopt;
    if (state_.mode == Mode::WorklogNote) return press_worklog(key);
    if (state_.mode == Mode::ClosingCheck || state_.mode == Mode::ClosingNote)
        return press_closing(key);
    if (key.action == Action::Logout) {
        state_.mode = Mode::Idle;
        return Command{CommandKind::Logout, 0, {}, net::PauseReason::Break, {}};
    }
    switch (state_.mode) {
        case Mode::Idle:
            return press_idle(key, now);
        case Mode::TransferEntry:
            return press_transfer(key, now);
        case Mode::PauseChoice:
            return press_pause(key, now);
        default:
            return press_case(key, now);
    }
}

std::optional<Command> Machine::send(Command command, Instant now) {
    if (!state_.online) {
        state_.mode = Mode::Idle;
        state_.message = {"hub_away", {}};
        return std::nullopt;
    }
    if (last_sent_ && same_request(last_sent_->command, command) &&
        (last_sent_->reuse_key || now - last_sent_->at < repeat_guard_)) {
        command.idempotency_key = last_sent_->command.idempotency_key;
    } else {
        command.idempotency_key = new_key_();
        last_sent_ = Sent{command, now, false};
    }
    state_.mode = Mode::Idle;
    return command;
}

std::optional<Command> Machine::press_idle(const Key& key, Instant now) {
    auto needs_current = [&](CommandKind kind) -> std::optional<Command> {
        if (!state_.current) {
            state_.message = {"no_current", {}};
            return std::nullopt;
        }
        return send(Command{kind, 0, {}, net::PauseReason::Break, {}}, now);
    };
    switch (key.action) {
        case Action::CallNext:
            if (state_.paused && state_.online) {
                state_.message = {"paused_refuse", {}};
                return std::nullopt;
            }
            return send(Command{CommandKind::CallNext, 0, {}, net::PauseReason::Break, {}}, now);
        case Action::Recall:
            return needs_current(CommandKind::Recall);
        case Action::NoShow:
            return needs_current(CommandKind::NoShow);
        case Action::Finish:
            return needs_current(CommandKind::Finish);
        case Action::Transfer:
            if (!state_.current) {
                state_.message = {"no_current", {}};
                return std::nullopt;
            }
            if (!state_.online) {
                state_.message = {"hub_away", {}};
                return std::nullopt;
            }
            state_.mode = Mode::TransferEntry;
            state_.entry.clear();
            state_.message = {"transfer_prompt", {{"number", *state_.current}}};
            return std::nullopt;
        case Action::PauseResume:
            if (state_.paused)
                return send(Command{CommandKind::Resume, 0, {}, net::PauseReason::Break, {}}, now);
            if (!state_.online) {
                state_.message = {"hub_away", {}};
                return std::nullopt;
            }
            state_.mode = Mode::PauseChoice;
            state_.message = {"pause_prompt", {}};
            return std::nullopt;
        case Action::Cases:
            if (!state_.online) {
                state_.message = {"hub_away", {}};
                return std::nullopt;
            }
            enter_mode(Mode::CaseMenu, {"case_menu_prompt", {}});
            return std::nullopt;
        case Action::Char:
            // A scanner types the case number, which starts with its unit's letters.
            if (!std::isalpha(static_cast<unsigned char>(key.ch))) return std::nullopt;
            enter_mode(Mode::CaseNumberEntry, {"case_number_prompt", {}});
            state_.entry = std::string(1, key.ch);
            return std::nullopt;
        default:
            return std::nullopt;  // other digits, cancel: nothing to do here
    }
}

Message Machine::transfer_preview() const {
    const std::string number = state_.current.value_or("");
    if (state_.entry.empty()) return {"transfer_prompt", {{"number", number}}};
    if (std::isdigit(static_cast<unsigned char>(state_.entry[0])))
        return {"transfer_to_window", {{"number", number}, {"window", state_.entry}}};
    return {"transfer_to_service", {{"number", number}, {"service", state_.entry}}};
}

std::optional<Command> Machine::press_transfer(const Key& key, Instant now) {
    std::string& entry = state_.entry;
    bool entry_is_window = !entry.empty() && std::isdigit(static_cast<unsigned char>(entry[0]));
    switch (key.action) {
        case Action::Char:
            if (std::isdigit(static_cast<unsigned char>(key.ch))) {
                if (!entry_is_window) entry.clear();
                if (entry.size() < 3 && !(entry.empty() && key.ch == '0')) entry += key.ch;
            } else {
                entry = std::string(1, key.ch);
            }
            state_.message = transfer_preview();
            return std::nullopt;
        case Action::Transfer: {
            // A keypad has no letters: * again steps through the hall's service codes.
            if (service_codes_.empty()) return std::nullopt;
            auto it = std::find(service_codes_.begin(), service_codes_.end(), entry);
            entry = (it == service_codes_.end() || std::next(it) == service_codes_.end())
                        ? service_codes_.front()
                        : *std::next(it);
            state_.message = transfer_preview();
            return std::nullopt;
        }
        case Action::Backspace:
            if (!entry.empty()) {
                entry.pop_back();
                state_.message = transfer_preview();
                return std::nullopt;
            }
            [[fallthrough]];
        case Action::Cancel:
            state_.mode = Mode::Idle;
            state_.message = {"cancelled", {}};
            return std::nullopt;
        case Action::Finish: {
            if (entry.empty()) {
                state_.message = transfer_preview();
                return std::nullopt;
            }
            Command c{entry_is_window ? CommandKind::TransferWindow : CommandKind::TransferService,
                      entry_is_window ? std::stoi(entry) : 0,
                      entry_is_window ? std::string() : entry,
                      net::PauseReason::Break,
                      {}};
            return send(std::move(c), now);
        }
        default:
            return std::nullopt;  // other actions wait until the entry ends
    }
}

std::optional<Command> Machine::press_pause(const Key& key, Instant now) {
    auto pause = [&](net::PauseReason r) {
        return send(Command{CommandKind::Pause, 0, {}, r, {}}, now);
    };
    switch (key.action) {
        case Action::Finish:
            return pause(net::PauseReason::Break);
        case Action::Char:
            if (key.ch == '1') return pause(net::PauseReason::Break);
            if (key.ch == '2') return pause(net::PauseReason::Meeting);
            if (key.ch == '3') return pause(net::PauseReason::Other);
            return std::nullopt;
        case Action::PauseResume:
        case Action::Cancel:
        case Action::Backspace:
            state_.mode = Mode::Idle;
            state_.message = {"cancelled", {}};
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

void Machine::fail(const Outcome& outcome) {
    const std::string& code = outcome.error_code;
    if (is_transport(code)) {
        state_.online = false;
        state_.message = {code == errc::timeout ? "hub_timeout" : "hub_away", {}};
        if (last_sent_) last_sent_->reuse_key = true;
        return;
    }
    if (code == errc::window_paused) {
        state_.paused = true;
        state_.message = {"paused_refuse", {}};
    } else if (code == errc::nothing_called) {
        state_.current.reset();
        state_.served_since.reset();
        state_.message = {"no_current", {}};
    } else if (code == errc::recall_limit_reached) {
        state_.message = {"recall_limit", {}};
    } else if (code == errc::bad_token || code == errc::unauthorized) {
        state_.message = {"session_ended", {}};
    } else if (code == errc::wrong_pin) {
        state_.message = {"sign_wrong_pin", {}};
    } else if (code == errc::too_many_tries) {
        state_.message = {"sign_locked", {}};
    } else {
        state_.message = {
            "hub_error",
            {{"message", outcome.error_message.empty() ? code : outcome.error_message}}};
    }
}

void Machine::on_outcome(const Command& command, const Outcome& outcome, Instant now) {
    if (command.kind == CommandKind::Logout || command.kind == CommandKind::SaveNote) {
        sign_out_outcome(command, outcome);
        return;
    }
    if (command.kind == CommandKind::CloseHall) {
        closing_outcome(outcome);
        return;
    }
    if (!outcome.ok) {
        fail(outcome);
        return;
    }
    state_.online = true;
    if (last_sent_) last_sent_->reuse_key = false;
    const std::string number =
        outcome.ticket ? outcome.ticket->number : state_.current.value_or("");
    auto clear_current = [&] {
        state_.current.reset();
        state_.served_since.reset();
    };
    switch (command.kind) {
        case CommandKind::CallNext:
            if (!outcome.ticket) {
                clear_current();
                state_.message = {"nobody_waiting", {}};
                break;
            }
            if (state_.current != number)
                state_.served_since = now;  // a repeat answer keeps the timer
            state_.current = number;
            state_.message = {"called", {{"number", number}}};
            break;
        case CommandKind::Recall:
            state_.current = number;
            state_.message = {"recalled", {{"number", number}}};
            break;
        case CommandKind::NoShow:
            clear_current();
            state_.message = {"no_show_done", {{"number", number}}};
            break;
        case CommandKind::Finish:
            clear_current();
            state_.message = {"finished", {{"number", number}}};
            break;
        case CommandKind::TransferWindow:
            clear_current();
            state_.message = {"transferred_window",
                              {{"number", number}, {"window", std::to_string(command.to_window)}}};
            break;
        case CommandKind::TransferService:
            clear_current();
            state_.message = {"transferred_service",
                              {{"number", number}, {"service", command.to_service}}};
            break;
        case CommandKind::Pause:
            state_.paused = true;
            state_.pause_reason = net::to_string(command.reason);
            state_.message = {"paused_done", {{"reason", state_.pause_reason}}};
            break;
        case CommandKind::Resume:
            state_.paused = false;
            state_.pause_reason.clear();
            state_.message = {"resumed", {}};
            break;
        default:
            case_outcome(command, outcome);
            break;
    }
}

}  // namespace onestop::counter
