#include "followups.h"

#include <algorithm>

#include "audit.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "views.h"

namespace onestop::hub {

namespace {

// Events carry the ticket's number, unit and window: never the applicant's contact.
bool publish_followup(WriteContext& ctx, const std::string& name, const store::FollowUp& f,
                      TimePoint at) {
    json data = {{"followup", f.id},   {"ticket", f.ticket},      {"number", f.number},
                 {"unit", f.unit},     {"window", f.window},      {"deadline", f.deadline},
                 {"status", f.status}, {"at", format_iso8601(at)}};
    return ctx.publish(name, data, at);
}

json brief(const store::FollowUp& f) {
    return {{"status", f.status}, {"callback", f.callback}, {"rectification", f.rectification},
            {"appeal", f.appeal}, {"decision", f.decision}, {"decision_reason", f.decision_reason}};
}

std::optional<Reply> wrong_status(const store::FollowUp& f, const char* needed) {
    return error_reply(
        409, errc::wrong_status,
        "follow-up " + std::to_string(f.id) + " is " + f.status + "; this needs it " + needed);
}

}  // namespace

json followup_json(const store::FollowUp& f, const std::string& today) {
    auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    bool resolved = f.status == "closed" || f.status == "upheld";
    return {{"id", f.id},
            {"ticket", f.ticket},
            {"number", f.number},
            {"unit", f.unit},
            {"window", f.window},
            {"deadline", f.deadline},
            {"status", f.status},
            {"overdue", !resolved && f.status != "appealed" && today > f.deadline},
            {"opened_at", f.opened_at},
            {"callback", text(f.callback)},
            {"rectification", text(f.rectification)},
            {"closed_at", text(f.closed_at)},
            {"closed_by", text(f.closed_by)},
            {"appeal", text(f.appeal)},
            {"appealed_at", text(f.appealed_at)},
            {"decision", text(f.decision)},
            {"decision_reason", text(f.decision_reason)},
            {"decided_at", text(f.decided_at)},
            {"decided_by", text(f.decided_by)},
            {"escalated_at", text(f.escalated_at)},
            {"contact", text(f.contact)}};
}

Reply step_followup(WriteContext& ctx, const Principal& by, const FollowUpStep& s) {
    auto found = ctx.store.followup(s.id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::followup_unknown,
                           "there is no follow-up " + std::to_string(s.id));
    store::FollowUp f = **found;
    const store::FollowUp before = f;
    // The unit's lead acts for its own unit's follow-ups; the office decides appeals.
    if (s.verb == "decide" ? !by.office() : !by.acts_for(f.unit))
        return forbidden(s.verb == "decide" ? "the hall office decides appeals"
                                            : "follow-ups are handled by their unit " + f.unit);
    if (s.verb == "appeal" && !by.has(store::AccountRole::Unit))
        return forbidden("the unit appeals to the hall office; the office decides");
    std::string now = iso(ctx.clock.now());
    std::string who = by.audit_name();
    if (s.verb == "close") {
        if (f.status != "open") return *wrong_status(f, "open");
        f.status = "closed";
        f.callback = s.callback;
        f.rectification = s.rectification;
        f.closed_at = now;
        f.closed_by = who;
    } else if (s.verb == "appeal") {
        if (f.status != "open") return *wrong_status(f, "open");
        f.status = "appealed";
        f.appeal = s.reason;
        f.appealed_at = now;
    } else {
        if (f.status != "appealed") return *wrong_status(f, "appealed");
        // Rejected: back to the unit, which still owes the rectification by the deadline.
        f.status = s.upheld ? "upheld" : "open";
        f.decision = s.upheld ? "upheld" : "rejected";
        f.decision_reason = s.reason;
        f.decided_at = now;
        f.decided_by = who;
    }
    if (auto st = ctx.store.update_followup(f); !st) return ctx.fail(st.error());
    if (!audit(ctx, who, "followup." + s.verb, "followup " + std::to_string(f.id), brief(before),
               brief(f)) ||
        !publish_followup(ctx, "followup.updated", f, ctx.clock.now()))
        return internal_error_reply();
    return json_reply(200, {{"followup", followup_json(f, ctx.today())}});
}

bool remind_followups(WriteContext& ctx) {
    TimePoint now = ctx.clock.now();
    std::string today = ctx.today();
    const auto& settings = ctx.state.engine.hall().settings;
    // Due: the deadline is today or the next working day, or has passed.
    std::string due_by = queue::add_working_days(today, 1, settings.holidays, settings.workdays);
    auto open = ctx.store.followups(true);
    if (!open) {
        ctx.fail(open.error());
        return false;
    }
    for (auto f : *open) {
        if (f.status != "open" || f.deadline > due_by || f.reminded_on == today) continue;
        f.reminded_on = today;
        bool escalate = today > f.deadline && f.escalated_at.empty();
        if (escalate) f.escalated_at = iso(now);
        if (auto st = ctx.store.update_followup(f); !st) {
            ctx.fail(st.error());
            return false;
        }
        if (!publish_followup(ctx, "followup.due", f, now) ||
            (escalate && !publish_followup(ctx, "followup.overdue", f, now)))
            return false;
    }
    return true;
}

}  // namespace onestop::hub
