// The case menus of the counter's machine (machine.h has the map of modes).
#include <algorithm>
#include <cctype>

#include "onestop/counter/machine.h"

namespace onestop::counter {
namespace {

constexpr const char* kModes[] = {"instant", "deadline", "supplement", "return"};
// The results a staff member completes a case with; result_pickup names this window.
constexpr const char* kResults[] = {"result_done", "result_pickup", "result_notified"};

bool is_list(Mode m) {
    return m == Mode::MaterialPick || m == Mode::ReasonPick || m == Mode::CaseList ||
           m == Mode::CaseActions || m == Mode::ResultPick || m == Mode::HandoverList ||
           m == Mode::LeaveList;
}

// Row numbers take one digit up to 9 rows, two from 10.
size_t digits_for(size_t rows) {
    return rows >= 10 ? 2 : 1;
}

// Due first (overdue, today, tomorrow), then by number.
int due_rank(const std::string& due) {
    if (due == "overdue") return 0;
    if (due == "due_today") return 1;
    if (due == "due_tomorrow") return 2;
    return 3;
}

// Keeps the rows of `all` that `keep` takes (in `kept_rows`, what a picked number acts on)
// and returns their list rows, labelled the same in both languages.
template <typename T, typename Keep, typename Label>
std::vector<ListItem> kept(const std::vector<T>& all, std::vector<T>& kept_rows, Keep keep,
                           Label label) {
    kept_rows.clear();
    std::vector<ListItem> rows;
    for (const auto& row : all) {
        if (!keep(row)) continue;
        kept_rows.push_back(row);
        const std::string text = label(row);
        rows.push_back({{text, text}});
    }
    return rows;
}

std::string joined(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
    return out;
}

}  // namespace

void Machine::set_services(std::vector<net::ServiceInfo> services) {
    service_codes_.clear();
    for (const auto& s : services) service_codes_.push_back(s.code);
    services_ = std::move(services);
}

// The called number's service: CONTRACT numbers are the service code and three digits.
const net::ServiceInfo* Machine::current_service() const {
    if (!state_.current || state_.current->size() < 4) return nullptr;
    const std::string code = state_.current->substr(0, state_.current->size() - 3);
    for (const auto& s : services_)
        if (s.code == code) return &s;
    return nullptr;
}

void Machine::enter_mode(Mode mode, Message prompt, std::vector<ListItem> items) {
    state_.mode = mode;
    state_.prompt = std::move(prompt);
    state_.items = std::move(items);
    state_.first = 0;
    state_.picked.assign(mode == Mode::MaterialPick ? state_.items.size() : 0, false);
    state_.chosen.reset();
    state_.entry.clear();
    state_.pin_typed.clear();
    state_.message = {};
}

void Machine::show_rows(Mode mode, const char* prompt, const char* none,
                        std::vector<ListItem> rows) {
    if (rows.empty()) {
        state_.message = {none, {}};
        return;
    }
    enter_mode(mode, {prompt, {}}, std::move(rows));
}

void Machine::start_signing(std::int64_t target, const std::string& staff, Message prompt) {
    signing_for_ = state_.mode;
    target_id_ = target;
    enter_mode(Mode::StaffEntry, std::move(prompt));
    state_.entry = staff;  // who is expected to sign; Enter accepts, Backspace edits
}

void Machine::show_case_actions(const net::CaseInfo& c) {
    case_ = c;
    // What the hub allows: resume while it waits for materials, complete once it runs.
    std::vector<ListItem> actions;
    if (c.status == "awaiting_supplement") actions.push_back({{}, "action_resume"});
    if (c.status == "accepted") actions.push_back({{}, "action_complete"});
    enter_mode(Mode::CaseActions,
               {"case_actions_prompt", {{"number", c.number}, {"status", "status_" + c.status}}},
               std::move(actions));
    if (state_.items.empty()) state_.message = {"case_closed_already", {{"number", c.number}}};
}

std::optional<Command> Machine::press_case(const Key& key, Instant now) {
    if (key.action == Action::Cancel) {
        state_.mode = Mode::Idle;
        state_.pin_typed.clear();
        state_.message = {"cancelled", {}};
        return std::nullopt;
    }
    if (state_.mode == Mode::CaseMenu) return press_case_menu(key, now);
    if (state_.mode == Mode::CaseConfirm) {
        if (key.action == Action::Finish) return confirm(now);
        if (key.action == Action::Backspace) enter_mode(Mode::CaseMenu, {"case_menu_prompt", {}});
        return std::nullopt;
    }
    if (is_list(state_.mode)) return press_list(key, now);
    return press_entry(key, now);
}

std::optional<Command> Machine::press_case_menu(const Key& key, Instant now) {
    if (key.action == Action::Backspace) {
        state_.mode = Mode::Idle;
        state_.message = {"cancelled", {}};
        return std::nullopt;
    }
    if (key.action != Action::Char || key.ch < '1' || key.ch > '9') return std::nullopt;
    const int choice = key.ch - '0';
    if (choice == 9) {  // sign out: a keypad has no key left for it
        state_.mode = Mode::Idle;
        return Command{CommandKind::Logout, 0, {}, net::PauseReason::Break, {}};
    }
    Command c;
    if (choice <= 4) {
        if (!state_.current) {
            state_.message = {"case_needs_called", {}};
            return std::nullopt;
        }
        case_mode_ = kModes[choice - 1];
        const std::map<std::string, std::string> args{{"number", *state_.current},
                                                      {"mode", "mode_" + case_mode_}};
        if (case_mode_ == "supplement") {
            const net::ServiceInfo* service = current_service();
            if (!service || service->materials.empty()) {
                state_.message = {"no_materials", {{"number", *state_.current}}};
                return std::nullopt;
            }
            std::vector<ListItem> rows;
            for (const auto& m : service->materials) rows.push_back({m});
            enter_mode(Mode::MaterialPick, {"pick_materials", {{"n", "0"}}}, std::move(rows));
        } else if (case_mode_ == "return") {
            if (return_reasons_.empty()) {
                state_.message = {"no_reasons", {}};
                return std::nullopt;
            }
            std::vector<ListItem> rows;
            for (const auto& r : return_reasons_) rows.push_back({r.text});
            enter_mode(Mode::ReasonPick, {"pick_reason", args}, std::move(rows));
        } else {
            enter_mode(Mode::CaseConfirm, {"case_confirm", args});
        }
        return std::nullopt;
    }
    switch (choice) {
        case 5:
            c.kind = CommandKind::ListCases;
            return send(std::move(c), now);
        case 6:
            enter_mode(Mode::CaseNumberEntry, {"case_number_prompt", {}});
            return std::nullopt;
        case 7:
            c.kind = CommandKind::ListHandovers;
            return send(std::move(c), now);
        default:
            c.kind = CommandKind::ListLeave;
            return send(std::move(c), now);
    }
}

std::optional<Command> Machine::press_list(const Key& key, Instant now) {
    const size_t rows = state_.items.size();
    switch (key.action) {
        case Action::CallNext:  // + and - scroll a list longer than the screen
            if (state_.first + kMenuRows < rows) state_.first += kMenuRows;
            return std::nullopt;
        case Action::NoShow:
            state_.first = state_.first >= kMenuRows ? state_.first - kMenuRows : 0;
            return std::nullopt;
        case Action::Finish:
            return confirm(now);
        case Action::Backspace:
            if (!state_.entry.empty()) {
                state_.entry.pop_back();
            } else if (state_.mode == Mode::ResultPick && case_) {
                show_case_actions(*case_);
            } else {
                enter_mode(Mode::CaseMenu, {"case_menu_prompt", {}});
            }
            return std::nullopt;
        case Action::Char: {
            if (!std::isdigit(static_cast<unsigned char>(key.ch))) return std::nullopt;
            state_.entry += key.ch;
            if (state_.entry.size() < digits_for(rows)) return std::nullopt;
            const size_t n = static_cast<size_t>(std::stoi(state_.entry));
            state_.entry.clear();
            if (n == 0 || n > rows) {
                state_.message = {"no_such_row", {{"n", std::to_string(n)}}};
                return std::nullopt;
            }
            state_.first = (n - 1) / kMenuRows * kMenuRows;  // the row chosen stays in view
            return choose(n - 1, now);
        }
        default:
            return std::nullopt;
    }
}

std::optional<Command> Machine::choose(size_t row, Instant now) {
    state_.message = {};
    switch (state_.mode) {
        case Mode::MaterialPick: {
            state_.picked[row] = !state_.picked[row];
            auto n = std::count(state_.picked.begin(), state_.picked.end(), true);
            state_.prompt = {"pick_materials", {{"n", std::to_string(n)}}};
            return std::nullopt;
        }
        case Mode::ReasonPick:
        case Mode::ResultPick:
            state_.chosen = row;
            return std::nullopt;
        case Mode::CaseList:
            show_case_actions(cases_[row]);
            return std::nullopt;
        case Mode::CaseActions: {
            if (state_.items[row].tag == "action_complete") {
                std::vector<ListItem> results;
                for (const char* r : kResults) results.push_back({{}, r});
                enter_mode(Mode::ResultPick, {"pick_result", {{"number", case_->number}}},
                           std::move(results));
                return std::nullopt;
            }
            Command c;
            c.kind = CommandKind::ResumeCase;
            c.target_id = case_->id;
            c.number = case_->number;
            return send(std::move(c), now);
        }
        case Mode::HandoverList:
            start_signing(handovers_[row].id, state_.staff_number,
                          {"sign_handover", {{"unit", handovers_[row].from_unit}}});
            return std::nullopt;
        case Mode::LeaveList:
            start_signing(leave_[row].id, leave_[row].substitute,
                          {"sign_leave", {{"staff", leave_[row].staff}}});
            return std::nullopt;
        default:
            return std::nullopt;
    }
}

std::optional<Command> Machine::confirm(Instant now) {
    Command c;
    c.kind = CommandKind::OpenCase;
    c.case_mode = case_mode_;
    switch (state_.mode) {
        case Mode::CaseConfirm:
            break;
        case Mode::MaterialPick:
            for (size_t i = 0; i < state_.items.size(); ++i)
                if (state_.picked[i]) c.missing.push_back(state_.items[i].text);
            if (c.missing.empty()) {
                state_.message = {"pick_first", {}};
                return std::nullopt;
            }
            break;
        case Mode::ReasonPick:
            if (!state_.chosen) {
                state_.message = {"pick_first", {}};
                return std::nullopt;
            }
            c.return_reason = return_reasons_[*state_.chosen].code;
            break;
        case Mode::ResultPick:
            if (!state_.chosen) {
                state_.message = {"pick_first", {}};
                return std::nullopt;
            }
            c.kind = CommandKind::CompleteCase;
            c.target_id = case_->id;
            c.number = case_->number;
            c.result = {kResults[*state_.chosen], {{"window", std::to_string(state_.window)}}};
            break;
        default:
            return std::nullopt;  // lists act on a row's number, not on Enter
    }
    return send(std::move(c), now);
}

std::optional<Command> Machine::press_entry(const Key& key, Instant now) {
    std::string& entry = state_.mode == Mode::PinEntry ? state_.pin_typed : state_.entry;
    const size_t limit = state_.mode == Mode::CaseNumberEntry ? 40 : 20;
    switch (key.action) {
        case Action::Char:
            if (entry.size() < limit) entry += key.ch;
            return std::nullopt;
        case Action::Backspace:
            if (!entry.empty()) {
                entry.pop_back();
            } else if (state_.mode == Mode::PinEntry) {
                state_.mode = Mode::StaffEntry;
                state_.entry = signer_;
            } else if (state_.mode == Mode::StaffEntry) {
                state_.mode = signing_for_;
                state_.prompt = {
                    signing_for_ == Mode::HandoverList ? "pick_handover" : "pick_leave", {}};
            } else {
                enter_mode(Mode::CaseMenu, {"case_menu_prompt", {}});
            }
            return std::nullopt;
        case Action::Finish:
            break;
        default:
            return std::nullopt;
    }
    if (entry.empty()) return std::nullopt;
    Command c;
    if (state_.mode == Mode::StaffEntry) {
        signer_ = entry;
        Message prompt{"pin_for", {{"staff", signer_}}};
        state_.mode = Mode::PinEntry;
        state_.prompt = prompt;
        state_.pin_typed.clear();
        return std::nullopt;
    }
    if (state_.mode == Mode::PinEntry) {
        c.kind = signing_for_ == Mode::HandoverList ? CommandKind::ConfirmHandover
                                                    : CommandKind::ConfirmLeave;
        c.target_id = target_id_;
        c.staff = signer_;
        c.pin = entry;
        state_.pin_typed.clear();
        return send(std::move(c), now);
    }
    // A keypad has no letters: digits alone are this unit's number without its prefix.
    c.kind = CommandKind::FindCase;
    c.number = std::isdigit(static_cast<unsigned char>(entry[0])) && !state_.unit.empty()
                   ? state_.unit + "-" + entry
                   : entry;
    return send(std::move(c), now);
}

void Machine::case_outcome(const Command& command, const Outcome& out) {
    switch (command.kind) {
        case CommandKind::OpenCase:
            if (out.cases.empty()) break;
            state_.message = {
                "case_opened",
                {{"number", out.cases[0].number}, {"mode", "mode_" + out.cases[0].mode}}};
            break;
        case CommandKind::ListCases: {
            cases_ = out.cases;
            std::stable_sort(cases_.begin(), cases_.end(), [](const auto& a, const auto& b) {
                return std::pair(due_rank(a.due), a.number) < std::pair(due_rank(b.due), b.number);
            });
            if (cases_.empty()) {
                state_.message = {"no_open_cases", {}};
                break;
            }
            std::vector<ListItem> rows;
            for (const auto& c : cases_)
                rows.push_back(
                    {{c.number, c.number}, c.due.empty() ? "status_" + c.status : c.due});
            enter_mode(Mode::CaseList, {"pick_case", {{"n", std::to_string(rows.size())}}},
                       std::move(rows));
            break;
        }
        case CommandKind::FindCase:
            if (out.cases.empty()) {
                state_.message = {"case_not_found", {{"number", command.number}}};
                break;
            }
            show_case_actions(out.cases[0]);
            break;
        case CommandKind::ResumeCase:
            state_.message = {"case_resumed", {{"number", command.number}}};
            break;
        case CommandKind::CompleteCase:
            state_.message = {"case_completed", {{"number", command.number}}};
            break;
        case CommandKind::ListHandovers:
            show_rows(Mode::HandoverList, "pick_handover", "no_handovers",
                      kept(
                          out.handovers, handovers_,
                          [&](const net::Handover& h) {
                              return h.status == "pending" && h.to_unit == state_.unit;
                          },
                          [](const net::Handover& h) {
                              return h.from_unit + " " + h.from_staff + ": " +
                                     joined(h.items, ", ");
                          }));
            break;
        case CommandKind::ConfirmHandover:
            state_.message = {"handover_confirmed", {{"staff", command.staff}}};
            break;
        case CommandKind::ListLeave:
            // Another person's requests: one's own is not one's to confirm.
            show_rows(Mode::LeaveList, "pick_leave", "no_leave",
                      kept(
                          out.leave, leave_,
                          [&](const net::LeaveRequest& l) {
                              return l.status == "awaiting_substitute" &&
                                     l.staff != state_.staff_number;
                          },
                          [](const net::LeaveRequest& l) {
                              return l.staff + " " + l.from + "–" + l.to + " " + l.kind;
                          }));
            break;
        case CommandKind::ConfirmLeave:
            state_.message = {"leave_confirmed", {{"staff", command.staff}}};
            break;
        default:
            break;
    }
}

}  // namespace onestop::counter
