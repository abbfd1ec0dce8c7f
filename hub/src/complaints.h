#pragma once
// Complaints (投诉, 第四十一、四十二条; CONTRACT "Office accounts and the office API v1"). Every
// channel the hall has files one: the kiosk's complaint screen, the phone page (a QR poster,
// the ticket page), and the office entering phone calls and box letters. Each gets a number
// (TS-YYYYMMDD-NNNN) and a code the complainant follows it with. It is routed by what it is
// about (统一管理、归口办理): a window or staff member → their unit, a service → its unit, the
// hall itself → the office (unit ""), and the office may re-route it. The answer is due in
// working days (hall setting); the clock stops while the unit waits for the complainant, who
// resumes it by adding what was asked. The unit records the finding (substantiated or not),
// the action taken and the reply; the complainant reads it on their page and is told through
// the hall's gateway. Reminders and escalation run daily as for the follow-ups.

#include <string>

#include "auth.h"
#include "reply.h"
#include "writer.h"

namespace onestop::hub {

// What the complainant sees (`full` false) or the office and the unit (true: the contact,
// who entered it, whom it counts against, and who did each step).
json complaint_json(const store::Complaint& c, const std::vector<store::ComplaintStep>& steps,
                    const std::string& today, bool full);

struct ComplaintIntake {
    std::string channel;  // kiosk | web | phone | box
    std::string about;    // window:3 | staff:S001 | service:A | hall
    std::string text, contact;
    std::string entered_by;  // the office account, the kiosk device, or "public"
    std::string public_url;  // for the answer's page address; "" none
};
Reply file_complaint(WriteContext& ctx, const ComplaintIntake& intake);

struct ComplaintStepRequest {
    int64_t id = 0;
    std::string verb;                    // answer route wait resume add
    std::string finding, action, reply;  // answer
    std::string unit;                    // route
    std::string note;                    // wait (what is asked), resume, add (the complainant's)
    std::string code;                    // add: the complainant's code
};
Reply step_complaint(WriteContext& ctx, const Principal& by, const ComplaintStepRequest& step);

// The clock's daily look (at start and each new day) at follow-ups and complaints: while one
// is due or overdue its unit is reminded (`followup.due`, `complaint.due`), and once it is
// overdue the office is told (`followup.overdue`, `complaint.overdue`).
Reply daily_reminders(WriteContext& ctx);

}  // namespace onestop::hub
