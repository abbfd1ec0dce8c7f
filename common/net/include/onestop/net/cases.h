#pragma once
// Cases (办件), hand-overs, leave requests and the work log as the hub answers them (CONTRACT
// "Office accounts and the office API v1"), read by the counter. The hub writes these answers with
// its own JSON (hub/src/cases.cpp); only the fields a counter shows or prints are here.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/net/protocol.h"

namespace onestop::net {

// Case C.
struct CaseInfo {
    std::int64_t id = 0;
    std::string number;  // "JWC-20261130-0007"
    std::int64_t ticket = 0;
    std::string service;
    std::string unit;
    int window = 0;
    std::string mode;    // instant deadline supplement return
    std::string status;  // completed accepted awaiting_supplement returned
    std::string opened_at;
    std::string promised_date;  // empty for instant and return
    std::vector<std::string> missing;
    std::string reason;
    std::string result;
    std::string due;   // "", due_tomorrow, due_today, overdue
    std::string code;  // only in the answer to the window that opened it
    std::string url;   // with code, when the hub has --public-url: the case page /c/{id}?c=CODE
    bool operator==(const CaseInfo&) const = default;
};

struct Handover {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::vector<std::string> items;
    std::string from_unit;
    std::string from_staff;
    std::string to_unit;
    std::string status;  // pending confirmed
    std::string at;
    bool operator==(const Handover&) const = default;
};

// A leave request (POST /api/v1/leave's answer and GET /api/v1/leave's rows).
struct LeaveRequest {
    std::int64_t id = 0;
    std::string staff;
    std::string from;
    std::string to;
    std::string kind;
    std::string substitute;
    std::string status;  // awaiting_substitute awaiting_approval approved refused
    bool operator==(const LeaveRequest&) const = default;
};

Result<CaseInfo> parse_case(const Json& j);
Result<CaseInfo> parse_case_answer(const Json& body);         // {"case":C}
Result<std::vector<CaseInfo>> parse_cases(const Json& body);  // {"cases":[C…]}
Result<Handover> parse_handover(const Json& j);
Result<std::vector<Handover>> parse_handovers(const Json& body);       // {"handovers":[…]}
Result<std::vector<LeaveRequest>> parse_leave_list(const Json& body);  // {"leave":[…]}

// A staff member's day as the work log counts it (工作日志, 第十八条; GET /api/v1/worklog): what
// the counter shows at sign-out beside the note.
struct WorklogDay {
    std::string date;  // the hall's day, YYYY-MM-DD
    int tickets_served = 0;
    int cases_opened = 0;  // every mode
    int cases_completed = 0;
    int handovers = 0;  // sent and signed for
    std::string note;   // the latest version, empty for none
};
// GET /api/v1/worklog?staff=NO: that staff member's row ({"date","rows":[…]}); no row yet is
// a day with nothing counted.
Result<WorklogDay> parse_worklog_day(const Json& body, std::string_view staff);

// The case page for phones: the hub's url when it has --public-url, else built on `hub_url`
// (the address the counter reaches the hub at) from the case's id and code; empty without
// a code.
std::string case_page_url(const CaseInfo& c, const std::string& hub_url);

}  // namespace onestop::net
