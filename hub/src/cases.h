#pragma once
// Cases (办件, issue 13): what the writer does when a window opens a case for its called
// ticket in one of the four modes (第二十五条), when the applicant brings the missing
// materials, when a joint item's materials move between units (第二十一条) and when the
// case is completed; the clock's overdue scan; and the case as CONTRACT's `C`. Each
// command checks the case's state, writes the row and an append-only step, logs and
// publishes case.* events (numbers, units, windows only) and audits what an account did.
// Who may ask is checked by the routes (routes_cases.cpp) before a command is submitted.

#include <optional>
#include <string>
#include <vector>

#include "commands.h"
#include "onestop/cases/case_rules.h"

namespace onestop::hub {

// A case with everything recorded about it.
struct CaseFile {
    store::CaseRecord record;
    std::vector<store::CaseStep> steps;
    std::vector<store::CaseTask> tasks;
    std::vector<store::Handover> handovers;
};
Result<std::optional<CaseFile>> load_case(store::HubStore& store, int64_t id);

// CONTRACT's C, with the case's tasks, hand-overs and due state ("due"); `code` only for
// the window that opened it (it prints the slip's QR).
json case_json(const CaseFile& file, const queue::Settings& settings, const std::string& today,
               bool with_code);
json handover_json(const store::Handover& handover);
// The promised date as of `today` (empty for instant and returned cases: nothing promised).
std::string case_promised(const store::CaseRecord& record, const queue::Settings& settings,
                          const std::string& today);

// POST /api/v1/windows/{n}/cases. A `supplement` for a ticket whose case exists is that
// case's second 补正 request (409 supplement_once unless the office allowed it); any other
// mode then answers 409 case_exists.
struct OpenCase {
    int window = 0;
    std::string staff;  // the session's staff number; empty for an admin token
    std::string by;     // audit name
    bool audited = false;
    cases::Mode mode = cases::Mode::Instant;
    std::vector<std::string> missing;  // supplement
    std::string reason;                // return: a code of the hall's return reasons
    std::string note;                  // return: the staff's words
    std::string public_url;            // the answer's "url" starts with it; empty: none
};
Reply open_case(WriteContext& ctx, const OpenCase& request);

enum class CaseAction { Resume, Supplement, AllowSupplement, Complete, FinishTask };
struct CaseChange {
    int64_t id = 0;
    CaseAction action = CaseAction::Resume;
    std::string by;
    bool audited = false;
    std::string unit;                  // FinishTask: the partner unit whose task is done
    std::vector<std::string> missing;  // Supplement
    std::string text;                  // Complete: the result told to the applicant
};
Reply change_case(WriteContext& ctx, const CaseChange& change);

struct HandOver {
    int64_t case_id = 0;
    std::string from_unit;
    std::string from_staff;
    std::string to_unit;
    std::vector<std::string> items;
    std::string by;
};
Reply hand_over(WriteContext& ctx, const HandOver& request);

struct ConfirmHandOver {
    int64_t id = 0;
    std::string staff;    // the receiving staff member who signs with the PIN
    bool pin_ok = false;  // checked by the request thread (slow hash)
    std::string by;
};
Reply confirm_hand_over(WriteContext& ctx, const ConfirmHandOver& request);

// The clock's scan: accepted cases past their promised date get case.overdue, once each;
// the state keeps when the next one falls due.
Reply scan_overdue_cases(WriteContext& ctx);

// The case's public link: public_url + "/c/{id}?c=CODE".
std::string case_url(const std::string& public_url, const store::CaseRecord& record);

}  // namespace onestop::hub
