#pragma once
// 好差评 follow-ups (国办发〔2019〕51号; CONTRACT "Ratings"): a bad rating opens one for the
// window's unit with a deadline in working days. The unit's lead closes it with the call-back's
// result (when the applicant left a contact) and the rectification (整改), or appeals it to
// the office as a mistaken or malicious rating; the office upholds the appeal (the rating
// leaves the scorecard, the record stays) or rejects it (open again, the decision kept).
// While one is due or overdue the clock reminds its unit daily (`followup.due`), and once it
// is overdue it escalates to the office (`followup.overdue`, once).

#include <string>

#include "auth.h"
#include "reply.h"
#include "writer.h"

namespace onestop::hub {

json followup_json(const store::FollowUp& f, const std::string& today);

struct FollowUpStep {
    int64_t id = 0;
    std::string verb;                     // close | appeal | decide
    std::string callback, rectification;  // close
    std::string reason;                   // appeal, decide
    bool upheld = false;                  // decide
};
Reply step_followup(WriteContext& ctx, const Principal& by, const FollowUpStep& step);

// The clock's daily look (complaints.h daily_reminders): reminders and escalations; false
// when the batch failed.
bool remind_followups(WriteContext& ctx);

}  // namespace onestop::hub
