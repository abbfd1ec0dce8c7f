// Signing out (the logout key, or 9 in the 0 menu). The hub answers with the staff member's
// day as the work log counts it (工作日志, 第十八条: tickets served, cases opened and completed,
// hand-overs) and the screen asks for the day's note before the session ends; Enter keeps
// it (the same text again writes nothing), an empty note is no note, Esc stays signed in.
// Then, for the last one out of the hall, the closing round (closing_round.cpp).
#include <string>

#include "onestop/counter/machine.h"

namespace onestop::counter {
namespace {

constexpr size_t kMaxWorklogNote = 240;  // bytes: 80 Chinese characters, a few lines

// Whether the text ends inside a UTF-8 character: its last lead byte promises more
// continuation bytes (10xxxxxx) than follow it.
bool ends_mid_character(const std::string& text) {
    size_t follow = 0;
    for (auto it = text.rbegin(); it != text.rend(); ++it) {
        const auto b = static_cast<unsigned char>(*it);
        if ((b & 0xC0) == 0x80) {
            ++follow;
            continue;
        }
        const size_t length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
        return follow + 1 < length;
    }
    return false;
}

}  // namespace

bool Machine::edit_note(std::string& note, const Key& key, size_t max_bytes) {
    if (key.action == Action::Char) {
        // At the limit no new character starts, but one already started is finished: a note
        // never ends in half a UTF-8 character.
        const bool continues = (static_cast<unsigned char>(key.ch) & 0xC0) == 0x80;
        if (note.size() < max_bytes || (continues && ends_mid_character(note))) note += key.ch;
        return true;
    }
    if (key.action != Action::Backspace || note.empty()) return false;
    // One character: its UTF-8 continuation bytes (10xxxxxx) and the byte that leads them.
    while (note.size() > 1 && (static_cast<unsigned char>(note.back()) & 0xC0) == 0x80)
        note.pop_back();
    note.pop_back();
    return true;
}

void Machine::sign_out_outcome(const Command& command, const Outcome& out) {
    if (command.kind == CommandKind::SaveNote) {
        if (!out.ok) {
            fail(out);  // the note stays on the screen to be sent again
            return;
        }
        state_.online = true;
        after_worklog();
        return;
    }
    // No answer: the sign-out goes ahead (the note can be written on the my page later).
    if (!out.ok) {
        state_.leaving = true;
        return;
    }
    last_in_hall_ = out.last_in_hall;
    if (!out.worklog) {  // a hub without the work log
        after_worklog();
        return;
    }
    const net::WorklogDay& day = *out.worklog;
    worklog_date_ = day.date;
    saved_note_ = day.note;
    state_.worklog = {"worklog_counts",
                      {{"served", std::to_string(day.tickets_served)},
                       {"opened", std::to_string(day.cases_opened)},
                       {"completed", std::to_string(day.cases_completed)},
                       {"handovers", std::to_string(day.handovers)}}};
    enter_mode(Mode::WorklogNote, {"worklog_prompt", {{"date", day.date}}});
    state_.entry = day.note;  // written earlier (the my page): shown, kept by Enter
}

std::optional<Command> Machine::press_worklog(const Key& key) {
    switch (key.action) {
        case Action::Cancel:
            state_.mode = Mode::Idle;
            state_.entry.clear();
            state_.message = {"closing_stay", {}};
            return std::nullopt;
        case Action::Finish: {
            if (state_.entry.empty() || state_.entry == saved_note_) {
                after_worklog();
                return std::nullopt;
            }
            if (!state_.online) {
                state_.message = {"hub_away", {}};
                return std::nullopt;
            }
            Command c;
            c.kind = CommandKind::SaveNote;
            c.note = state_.entry;
            c.date = worklog_date_;
            return c;
        }
        default:
            if (edit_note(state_.entry, key, kMaxWorklogNote)) state_.message = {};
            return std::nullopt;
    }
}

void Machine::after_worklog() {
    state_.entry.clear();
    state_.message = {};
    if (last_in_hall_) {
        start_closing();
        return;
    }
    state_.mode = Mode::Idle;
    state_.leaving = true;
}

}  // namespace onestop::counter
