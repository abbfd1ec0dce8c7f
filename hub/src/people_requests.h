#pragma once
// What leave, missed-punch corrections and mid-term roster changes share: a request kept
// with its whole body, moved from status to status by the people allowed to, every move
// audited ("<kind>.<verb>" on the staff member, or on "roster:TERM/WINDOW" for a change;
// before → after, with the request's id) in the move's own transaction.

#include <initializer_list>
#include <string>
#include <variant>

#include "auth.h"
#include "writer.h"

namespace onestop::hub {

// The request as answered: its body's fields, then id, staff, unit, status and the
// times and people of each step.
json request_json(const store::PeopleRequest& request);

// Request `id` of `kind`, read on the writer thread: 404 request_unknown when there is none
// (or it is of another kind).
std::variant<store::PeopleRequest, Reply> find_request(WriteContext& ctx, int64_t id,
                                                       const std::string& kind);

// Stores a new request and audits it as "<kind>.ask"; answers 201 {answer_key: request}.
Reply ask(WriteContext& ctx, store::PeopleRequest request, const std::string& by,
          const char* answer_key);

// Moves `request` to `to` when its status is one of `from` (else 409 wrong_status): a
// confirmation (decided false) or the office's decision with its note; audited as
// "<kind>.<verb>"; answers 200 {answer_key: request}.
Reply move(WriteContext& ctx, store::PeopleRequest request, std::initializer_list<const char*> from,
           const std::string& to, bool decided, const std::string& by, const std::string& note,
           const std::string& verb, const char* answer_key);

// Whether the month (YYYY-MM) of the monthly sheet is published; a change to it then needs a
// correction request. Nullopt on a database error (ctx is then marked failed).
std::optional<bool> month_is_published(WriteContext& ctx, const std::string& month);

// A path id ((\d+) in a route); 0, which no row has, when it does not fit.
int64_t path_id(const std::string& digits);

}  // namespace onestop::hub
