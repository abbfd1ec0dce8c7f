#include "onestop/net/cases.h"

#include "json_reader.h"

namespace onestop::net {

using detail::bad;
using detail::Reader;

namespace {

template <typename T, typename Parse>
Result<std::vector<T>> list_of(const Json& body, const char* key, Parse parse) {
    if (!body.is_object() || !body.contains(key) || !body[key].is_array())
        return bad(std::string("no '") + key + "' list");
    std::vector<T> out;
    for (const auto& v : body[key]) {
        auto one = parse(v);
        if (!one) return one.error();
        out.push_back(std::move(*one));
    }
    return out;
}

}  // namespace

Result<CaseInfo> parse_case(const Json& j) {
    Reader r{j};
    CaseInfo c;
    c.id = r.integer("id", true);
    c.number = r.str("number", true);
    c.ticket = r.integer("ticket");
    c.service = r.str("service");
    c.unit = r.str("unit");
    c.window = static_cast<int>(r.integer("window"));
    c.mode = r.str("mode", true);
    c.status = r.str("status", true);
    c.opened_at = r.str("opened_at");
    c.promised_date = r.str("promised_date");
    c.missing = r.strings("missing");
    c.reason = r.str("reason");
    c.result = r.str("result");
    c.due = r.str("due");
    c.code = r.str("code");
    c.url = r.str("url");
    if (!r.ok()) return bad("case field '" + r.failed + "'");
    return c;
}

Result<CaseInfo> parse_case_answer(const Json& body) {
    if (!body.is_object() || !body.contains("case")) return bad("the hub's answer has no case");
    return parse_case(body["case"]);
}

Result<std::vector<CaseInfo>> parse_cases(const Json& body) {
    return list_of<CaseInfo>(body, "cases", parse_case);
}

Result<Handover> parse_handover(const Json& j) {
    Reader r{j};
    Handover h;
    h.id = r.integer("id", true);
    h.case_id = r.integer("case");
    h.items = r.strings("items");
    h.from_unit = r.str("from_unit");
    h.from_staff = r.str("from_staff");
    h.to_unit = r.str("to_unit");
    h.status = r.str("status", true);
    h.at = r.str("at");
    if (!r.ok()) return bad("hand-over field '" + r.failed + "'");
    return h;
}

Result<std::vector<Handover>> parse_handovers(const Json& body) {
    return list_of<Handover>(body, "handovers", parse_handover);
}

Result<std::vector<LeaveRequest>> parse_leave_list(const Json& body) {
    return list_of<LeaveRequest>(body, "leave", [](const Json& j) -> Result<LeaveRequest> {
        Reader r{j};
        LeaveRequest l{r.integer("id", true), r.str("staff"), r.str("from"),
                       r.str("to"),           r.str("kind"),  r.str("substitute"),
                       r.str("status", true)};
        if (!r.ok()) return bad("leave field '" + r.failed + "'");
        return l;
    });
}

Result<WorklogDay> parse_worklog_day(const Json& body, std::string_view staff) {
    Reader top{body};
    WorklogDay day;
    day.date = top.str("date", true);
    if (!top.ok() || !body.contains("rows") || !body["rows"].is_array())
        return bad("the work log answer has no date or rows");
    for (const Json& row : body["rows"]) {
        Reader r{row};
        if (r.str("staff") != staff) continue;
        day.tickets_served = static_cast<int>(r.integer("tickets_served"));
        day.cases_completed = static_cast<int>(r.integer("cases_completed"));
        day.handovers =
            static_cast<int>(r.integer("handovers_sent") + r.integer("handovers_confirmed"));
        day.note = r.str("note");
        if (const Json* opened = r.field("cases_opened"); opened && opened->is_object()) {
            Reader modes{*opened, "cases_opened"};
            for (const auto& [mode, n] : opened->items())
                day.cases_opened += static_cast<int>(modes.integer(mode.c_str()));
            r.adopt(modes);
        }
        if (!r.ok()) return bad("work log field '" + r.failed + "'");
    }
    return day;
}

std::string case_page_url(const CaseInfo& c, const std::string& hub_url) {
    if (!c.url.empty()) return c.url;
    if (c.code.empty()) return {};
    std::string base = hub_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/c/" + std::to_string(c.id) + "?c=" + c.code;
}

}  // namespace onestop::net
