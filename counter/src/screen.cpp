#include "onestop/counter/screen.h"

#include <cstdint>
#include <cstdio>

#include "onestop/base/utf8.h"

namespace onestop::counter {
namespace {

// Decodes one UTF-8 sequence at s[i]; returns its length (1 for invalid bytes).
size_t decode(std::string_view s, size_t i, std::uint32_t& cp) {
    Utf8Char c = decode_utf8(s, i);
    cp = c.code_point;
    return c.length;
}

bool wide(std::uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

std::string served_time(std::chrono::steady_clock::duration d) {
    auto s = std::chrono::duration_cast<std::chrono::seconds>(d).count();
    if (s < 0) s = 0;
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%02lld:%02lld", static_cast<long long>(s / 60),
                      static_cast<long long>(s % 60));
    return buf;
}

const char* help_key(const CounterState& s) {
    switch (s.mode) {
        case Mode::Idle:
            return "help_idle";
        case Mode::TransferEntry:
            return "help_transfer";
        case Mode::PauseChoice:
            return "help_pause";
        case Mode::CaseMenu:
            return "help_menu";
        case Mode::CaseConfirm:
            return "help_confirm";
        case Mode::MaterialPick:
            return "help_pick";
        case Mode::ReasonPick:
        case Mode::ResultPick:
            return "help_choose";
        case Mode::CaseNumberEntry:
        case Mode::StaffEntry:
        case Mode::PinEntry:
        case Mode::ClosingNote:
            return "help_entry";
        case Mode::ClosingCheck:
            return "help_closing";
        case Mode::WorklogNote:
            return "help_worklog";
        default:
            return "help_list";
    }
}

// "> " and what was typed, its end when it is wider than the line, and the cursor.
std::string typed_line(std::string_view entry) {
    const int room = kScreenColumns - 3;
    while (display_width(entry) > room) {
        size_t first = 1;  // one whole UTF-8 character off the front
        while (first < entry.size() && (static_cast<unsigned char>(entry[first]) & 0xC0) == 0x80)
            ++first;
        entry.remove_prefix(first);
    }
    return "> " + std::string(entry) + "_";
}

}  // namespace

// The four lines between the served number and the help line while a case menu is open:
// the prompt (or what the last key caused), then the menu's rows or the entry.
std::vector<std::string> menu_lines(const CounterState& s, const config::Catalogue& cat,
                                    config::Lang lang) {
    std::vector<std::string> out;
    out.push_back(s.message.key.empty() ? message_text(s.prompt, cat, lang)
                                        : message_text(s.message, cat, lang));
    switch (s.mode) {
        case Mode::CaseMenu:
            out.push_back(cat.text(s.current ? "case_menu_open" : "case_menu_open_none", lang,
                                   {{"number", s.current.value_or("")}}));
            out.push_back(cat.text("case_menu_more", lang));
            break;
        case Mode::CaseConfirm:
            break;
        case Mode::CaseNumberEntry:
        case Mode::StaffEntry:
            out.push_back(typed_line(s.entry));
            break;
        case Mode::WorklogNote:
            out.push_back(message_text(s.worklog, cat, lang));
            out.push_back(typed_line(s.entry));
            out.push_back(s.entry.empty() ? cat.text("worklog_hint", lang) : std::string());
            break;
        case Mode::PinEntry:
            out.push_back("> " + std::string(s.pin_typed.size(), '*') + "_");
            break;
        case Mode::ClosingCheck:
        case Mode::ClosingNote: {
            // Two checks a line: "[x]1 门窗已关好  [ ]2 灯已关".
            auto check = [&](size_t i) {
                const bool ticked = i < s.picked.size() && s.picked[i];
                return std::string(ticked ? "[x]" : "[ ]") + std::to_string(i + 1) + " " +
                       cat.text(std::string("closing_") + kClosingChecks[i], lang);
            };
            out.push_back(check(0) + "  " + check(1));
            out.push_back(check(2) + "  " + check(3));
            if (s.mode == Mode::ClosingNote)
                out.push_back(typed_line(s.entry));
            else
                out.push_back(s.entry.empty()
                                  ? cat.text("closing_note_hint", lang)
                                  : cat.text("closing_note_line", lang, {{"note", s.entry}}));
            break;
        }
        default: {
            const int digits = s.items.size() >= 10 ? 2 : 1;
            for (size_t i = s.first; i < s.items.size() && i < s.first + kMenuRows; ++i) {
                const ListItem& item = s.items[i];
                char number[24];
                std::snprintf(number, sizeof number, "%0*zu", digits, i + 1);
                std::string mark = " ";
                if (s.mode == Mode::MaterialPick && i < s.picked.size() && s.picked[i]) mark = "*";
                if (s.chosen == i) mark = ">";
                std::string text = pick(item.text, lang);
                if (!item.tag.empty()) {
                    std::string tag =
                        cat.text(item.tag, lang, {{"window", std::to_string(s.window)}});
                    text += text.empty() ? tag : " " + tag;
                }
                out.push_back(mark + number + " " + text);
            }
            if (s.first + kMenuRows < s.items.size() || s.first > 0)
                out.back() = fit(out.back(), kScreenColumns - 3) + " " +
                             (s.first + kMenuRows < s.items.size() ? "+>" : "<-");
            break;
        }
    }
    out.resize(4);
    return out;
}

int display_width(std::string_view utf8) {
    int w = 0;
    for (size_t i = 0; i < utf8.size();) {
        std::uint32_t cp;
        i += decode(utf8, i, cp);
        w += wide(cp) ? 2 : 1;
    }
    return w;
}

std::string fit(std::string_view utf8, int columns) {
    int w = 0;
    size_t i = 0;
    while (i < utf8.size()) {
        std::uint32_t cp;
        size_t len = decode(utf8, i, cp);
        int cw = wide(cp) ? 2 : 1;
        if (w + cw > columns) break;
        w += cw;
        i += len;
    }
    return std::string(utf8.substr(0, i));
}

std::vector<std::string> wrap(std::string_view utf8, int columns) {
    std::vector<std::string> lines;
    while (!utf8.empty()) {
        std::string head = fit(utf8, columns);
        if (head.size() < utf8.size()) {
            // Prefer the last space inside the head, if it leaves a reasonable line.
            size_t space = head.rfind(' ');
            if (space != std::string::npos && space > head.size() / 2) head.resize(space);
        }
        if (head.empty()) head = std::string(utf8.substr(0, 1));  // a lone over-wide char
        lines.push_back(head);
        utf8.remove_prefix(head.size());
        while (!utf8.empty() && utf8.front() == ' ') utf8.remove_prefix(1);
    }
    return lines;
}

std::string message_text(const Message& message, const config::Catalogue& catalogue,
                         config::Lang lang) {
    if (message.key.empty()) return {};
    auto args = message.args;
    if (auto r = args.find("reason"); r != args.end())
        r->second = catalogue.text("reason_" + r->second, lang);
    // A case's mode and status and a slip's name come as catalogue keys (mode_supplement,
    // status_accepted, slip_supplement).
    for (const char* name : {"mode", "status", "slip"})
        if (auto a = args.find(name); a != args.end()) a->second = catalogue.text(a->second, lang);
    return catalogue.text(message.key, lang, args);
}

std::vector<std::string> render_screen(const CounterState& s, const config::Catalogue& cat,
                                       config::Lang lang, Instant now) {
    const std::string rule(kScreenColumns, '-');
    const std::string& window_name = lang == config::Lang::Zh ? s.window_name.zh : s.window_name.en;
    std::vector<std::string> lines;
    lines.push_back(
        cat.text("title", lang, {{"window", std::to_string(s.window)}, {"name", window_name}}));
    lines.push_back(cat.text("staff", lang, {{"number", s.staff_number}, {"name", s.staff_name}}));
    lines.push_back(rule);
    if (s.current) {
        std::string time = s.served_since ? served_time(now - *s.served_since) : "--:--";
        lines.push_back(cat.text("current", lang, {{"number", *s.current}, {"time", time}}));
    } else {
        lines.push_back(cat.text("current_none", lang));
    }
    const bool menu =
        !(s.mode == Mode::Idle || s.mode == Mode::TransferEntry || s.mode == Mode::PauseChoice);
    if (menu) {
        for (auto& l : menu_lines(s, cat, lang)) lines.push_back(l);
    } else if (s.paused) {
        std::string reason = cat.text(
            "reason_" + (s.pause_reason.empty() ? std::string("other") : s.pause_reason), lang);
        lines.push_back(cat.text("waiting_paused", lang,
                                 {{"n", std::to_string(s.waiting)}, {"reason", reason}}));
    } else {
        lines.push_back(cat.text("waiting_open", lang, {{"n", std::to_string(s.waiting)}}));
    }
    if (!menu) {
        lines.push_back(rule);
        auto msg = wrap(message_text(s.message, cat, lang), kScreenColumns);
        msg.resize(2);  // two lines for the message, blank when shorter
        // The printer's trouble keeps the second line until it is fixed; else the unit's
        // cases that fall due stay in sight there.
        if (!s.printer.key.empty())
            msg[1] = message_text(s.printer, cat, lang);
        else if (msg[1].empty() && (s.cases_overdue > 0 || s.cases_due_soon > 0))
            msg[1] = cat.text("cases_due", lang,
                              {{"overdue", std::to_string(s.cases_overdue)},
                               {"soon", std::to_string(s.cases_due_soon)}});
        for (auto& m : msg) lines.push_back(m);
    }
    lines.push_back(cat.text(help_key(s), lang));
    lines.push_back(cat.text(s.online ? "link_online" : "link_offline", lang));
    for (auto& l : lines) l = fit(l, kScreenColumns);
    return lines;
}

}  // namespace onestop::counter
