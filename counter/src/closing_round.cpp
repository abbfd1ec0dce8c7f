// The closing round (闭馆检查, 第三十九条) of the counter's machine: when the staff member
// signing out is the last one signed in in the hall, the sign-out first asks that doors and
// windows are shut and the lights, the air conditioning and other power are off. A check that
// cannot be ticked is reported, not hidden: a second Enter sends the unticked ones as not done,
// and the note (0) says what and why; the hub keeps the round and alerts the office.
#include <iterator>
#include <string>

#include "onestop/counter/machine.h"

namespace onestop::counter {
namespace {

constexpr size_t kChecks = std::size(kClosingChecks);
constexpr size_t kMaxNote = 120;  // bytes: 40 Chinese characters, a line and then some

}  // namespace

void Machine::start_closing() {
    enter_mode(Mode::ClosingCheck, {"closing_prompt", {}});
    state_.picked.assign(kChecks, false);
    closing_warned_ = false;
}

void Machine::closing_outcome(const Outcome& out) {
    if (!out.ok) {
        fail(out);  // the round stays on the screen to be sent again
        return;
    }
    state_.online = true;
    state_.mode = Mode::Idle;
    state_.message = {"closing_recorded", {}};
    state_.leaving = true;
}

std::optional<Command> Machine::submit_closing() {
    if (!state_.online) {
        state_.message = {"hub_away", {}};
        return std::nullopt;
    }
    Command c;
    c.kind = CommandKind::CloseHall;
    c.checks = state_.picked;
    c.note = state_.entry;
    return c;
}

std::optional<Command> Machine::press_closing(const Key& key) {
    if (state_.mode == Mode::ClosingNote) {
        switch (key.action) {
            case Action::Backspace:
                if (edit_note(state_.entry, key, kMaxNote)) return std::nullopt;
                [[fallthrough]];
            case Action::Cancel:
                state_.mode = Mode::ClosingCheck;
                state_.prompt = {"closing_prompt", {}};
                state_.message = {};
                return std::nullopt;
            case Action::Finish:
                return submit_closing();
            default:
                edit_note(state_.entry, key, kMaxNote);
                return std::nullopt;
        }
    }
    switch (key.action) {
        case Action::Char:
            if (key.ch == '0') {
                state_.mode = Mode::ClosingNote;
                state_.prompt = {"closing_note_prompt", {}};
                state_.message = {};
                return std::nullopt;
            }
            if (key.ch >= '1' && key.ch < '1' + static_cast<char>(kChecks)) {
                const size_t i = static_cast<size_t>(key.ch - '1');
                state_.picked[i] = !state_.picked[i];
                state_.message = {};
                closing_warned_ = false;
            }
            return std::nullopt;
        case Action::Finish: {
            std::string unticked;
            for (size_t i = 0; i < kChecks; ++i)
                if (!state_.picked[i])
                    unticked += (unticked.empty() ? "" : " ") + std::to_string(i + 1);
            if (unticked.empty() || closing_warned_) return submit_closing();
            closing_warned_ = true;
            state_.message = {"closing_unticked", {{"items", unticked}}};
            return std::nullopt;
        }
        case Action::Cancel:
            state_.mode = Mode::Idle;
            state_.entry.clear();
            state_.message = {"closing_stay", {}};
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

}  // namespace onestop::counter
