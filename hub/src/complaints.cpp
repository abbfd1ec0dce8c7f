#include "complaints.h"

#include <cstdio>

#include "audit.h"
#include "followups.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/time.h"
#include "onestop/cases/case_rules.h"
#include "onestop/store/secrets.h"
#include "outbox.h"
#include "views.h"

namespace onestop::hub {

namespace {

// complaint.* events carry the number, unit and status: never the text or the contact.
bool publish_complaint(WriteContext& ctx, const std::string& name, const store::Complaint& c) {
    return ctx.publish(name,
                       {{"complaint", c.id},
                        {"number", c.number},
                        {"unit", c.unit},
                        {"due_date", c.due_date},
                        {"status", c.status}},
                       ctx.clock.now());
}

bool add_step(WriteContext& ctx, const store::Complaint& c, const std::string& who,
              const std::string& what, const std::string& note) {
    auto st = ctx.store.append_complaint_step({c.id, iso(ctx.clock.now()), who, what, note});
    if (!st) ctx.fail(st.error());
    return static_cast<bool>(st);
}

json brief(const store::Complaint& c) {
    return {{"status", c.status},   {"unit", c.unit},     {"due_date", c.due_date},
            {"finding", c.finding}, {"action", c.action}, {"reply", c.reply}};
}

std::optional<Reply> bad_text(const std::string& name, const std::string& value, size_t max,
                              bool required) {
    if ((required && value.empty()) || value.size() > max)
        return error_reply(422, errc::invalid_field,
                           name + " must have " + (required ? "1" : "0") + " to " +
                               std::to_string(max) + " bytes");
    return std::nullopt;
}

// Who handles complaints about `about`, and whom they count against.
struct Routing {
    std::string unit;  // "" the hall office
    int window = 0;
    std::string staff;
};

std::variant<Routing, Reply> route_of(WriteContext& ctx, const std::string& about) {
    const auto& hall = ctx.state.engine.hall();
    auto colon = about.find(':');
    std::string kind = about.substr(0, colon),
                what = colon == std::string::npos ? "" : about.substr(colon + 1);
    if (about == "hall") return Routing{};
    if (kind == "window") {
        int n = std::atoi(what.c_str());
        if (const auto* w = hall.find_window(n); w && std::to_string(n) == what)
            return Routing{w->unit, n, ""};
        return error_reply(422, errc::window_unknown, "there is no window " + what);
    }
    if (kind == "service") {
        if (const auto* s = hall.find_service(what)) return Routing{s->unit, 0, ""};
        return error_reply(422, errc::service_unknown, "there is no service " + what);
    }
    if (kind == "staff") {
        auto staff = ctx.store.staff(what);
        if (!staff) return ctx.fail(staff.error());
        if (*staff) return Routing{(*staff)->unit, 0, what};
        return error_reply(422, errc::staff_unknown, "there is no staff member " + what);
    }
    return error_reply(
        422, errc::invalid_field,
        "about must be {\"window\":N}, {\"staff\":\"NO\"}, {\"service\":\"A\"} or {}");
}

Reply answer_of(WriteContext& ctx, int status, const store::Complaint& c, bool full,
                const std::string& public_url = "") {
    auto steps = ctx.store.complaint_steps(c.id);
    if (!steps) return ctx.fail(steps.error());
    json out = complaint_json(c, *steps, ctx.today(), full);
    if (!public_url.empty())
        out["url"] = public_url + "/complaint/" + std::to_string(c.id) + "?c=" + c.code;
    return json_reply(status, {{"complaint", out}});
}

std::optional<Reply> wrong_status(const store::Complaint& c, const char* needed) {
    return error_reply(409, errc::wrong_status,
                       "complaint " + c.number + " is " + c.status + "; this needs it " + needed);
}

// The working days the clock stood still are added to the due date.
void restart_clock(WriteContext& ctx, store::Complaint& c) {
    const auto& settings = ctx.state.engine.hall().settings;
    int held = cases::working_days_between(settings, c.waiting_since, ctx.today());
    if (held > 0)
        c.due_date =
            queue::add_working_days(c.due_date, held, settings.holidays, settings.workdays);
    c.waiting_since.clear();
    c.status = "open";
}

}  // namespace

json complaint_json(const store::Complaint& c, const std::vector<store::ComplaintStep>& steps,
                    const std::string& today, bool full) {
    auto text = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    json history = json::array();
    for (const auto& s : steps) {
        json step = {{"at", s.at}, {"what", s.what}, {"note", text(s.note)}};
        if (full) step["who"] = s.who;
        history.push_back(step);
    }
    json out = {{"id", c.id},
                {"number", c.number},
                {"channel", c.channel},
                {"about", c.about},
                {"unit", c.unit},
                {"status", c.status},
                {"received_at", c.received_at},
                {"due_date", c.due_date},
                {"overdue", c.status == "open" && today > c.due_date},
                {"text", c.text},
                {"finding", text(c.finding)},
                {"action", text(c.action)},
                {"reply", text(c.reply)},
                {"answered_at", text(c.answered_at)},
                {"steps", history}};
    if (full) {
        out["code"] = c.code;
        out["window"] = c.window == 0 ? json(nullptr) : json(c.window);
        out["staff"] = text(c.staff);
        out["contact"] = text(c.contact);
        out["entered_by"] = c.entered_by;
        out["answered_by"] = text(c.answered_by);
        out["escalated_at"] = text(c.escalated_at);
    }
    return out;
}

Reply file_complaint(WriteContext& ctx, const ComplaintIntake& in) {
    if (in.channel != "kiosk" && in.channel != "web" && in.channel != "phone" &&
        in.channel != "box")
        return error_reply(422, errc::invalid_field, "channel must be kiosk, web, phone or box");
    if (auto bad = bad_text("text", in.text, 2000, true)) return *bad;
    if (auto bad = bad_text("contact", in.contact, 100, false)) return *bad;
    auto routing = route_of(ctx, in.about);
    if (auto* refused = std::get_if<Reply>(&routing)) return *refused;
    const Routing& r = std::get<Routing>(routing);
    const auto& settings = ctx.state.engine.hall().settings;
    std::string today = ctx.today();
    auto seq = ctx.store.next_complaint_seq(today);
    if (!seq) return ctx.fail(seq.error());
    char number[32];
    std::snprintf(number, sizeof number, "TS-%s%s%s-%04d", today.substr(0, 4).c_str(),
                  today.substr(5, 2).c_str(), today.substr(8, 2).c_str(), *seq);
    store::Complaint c;
    c.number = number;
    c.code = random_hex(8);
    c.channel = in.channel;
    c.about = in.about;
    c.unit = r.unit;
    c.window = r.window;
    c.staff = r.staff;
    c.text = in.text;
    c.contact = in.contact;
    c.entered_by = in.entered_by;
    c.status = "open";
    c.received_at = iso(ctx.clock.now());
    c.due_date = queue::add_working_days(today, settings.complaint_working_days, settings.holidays,
                                         settings.workdays);
    auto id = ctx.store.insert_complaint(c);
    if (!id) return ctx.fail(id.error());
    c.id = *id;
    if (!add_step(ctx, c, in.entered_by, "received", in.channel) ||
        !add_step(ctx, c, "hub", "routed", c.unit) ||
        !publish_complaint(ctx, "complaint.received", c))
        return internal_error_reply();
    return answer_of(ctx, 201, c, true, in.public_url);
}

Reply step_complaint(WriteContext& ctx, const Principal& by, const ComplaintStepRequest& s) {
    auto found = ctx.store.complaint(s.id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::complaint_unknown,
                           "there is no complaint " + std::to_string(s.id));
    store::Complaint c = **found;
    const store::Complaint before = c;
    std::string who = by.audit_name();
    if (s.verb == "add") {
        // The complainant, with the code: what the unit asked for, which restarts the clock.
        if (s.code.empty() || !store::same_hash(s.code, c.code))
            return forbidden("the complaint's code does not match");
        if (c.status == "answered") return *wrong_status(c, "open or waiting for you");
        if (auto bad = bad_text("text", s.note, 2000, true)) return *bad;
        bool waited = c.status == "waiting";
        if (waited) restart_clock(ctx, c);
        if (auto st = ctx.store.update_complaint(c); !st) return ctx.fail(st.error());
        if (!add_step(ctx, c, "complainant", "added", s.note) ||
            (waited && !add_step(ctx, c, "complainant", "resumed", "")) ||
            !publish_complaint(ctx, "complaint.updated", c))
            return internal_error_reply();
        return answer_of(ctx, 200, c, false);
    }
    if (s.verb == "route" ? !by.office() : !by.acts_for(c.unit))
        return forbidden(s.verb == "route" ? "the hall office routes complaints"
                         : c.unit.empty()  ? "complaints about the hall are the office's"
                                           : "the complaint is handled by unit " + c.unit);
    std::string note;
    if (s.verb == "answer") {
        if (c.status == "answered") return *wrong_status(c, "open or waiting");
        if (s.finding != "substantiated" && s.finding != "unfounded")
            return error_reply(422, errc::invalid_field,
                               "finding must be substantiated or unfounded");
        if (auto bad = bad_text("action", s.action, 2000, s.finding == "substantiated"))
            return *bad;
        if (auto bad = bad_text("reply", s.reply, 2000, true)) return *bad;
        if (c.status == "waiting") restart_clock(ctx, c);
        c.status = "answered";
        c.finding = s.finding;
        c.action = s.action;
        c.reply = s.reply;
        c.answered_at = iso(ctx.clock.now());
        c.answered_by = who;
        note = s.finding;
    } else if (s.verb == "route") {
        if (c.status == "answered") return *wrong_status(c, "open or waiting");
        if (!s.unit.empty() && !ctx.state.engine.hall().find_unit(s.unit))
            return error_reply(422, errc::unit_unknown, "there is no unit " + s.unit);
        if (s.unit == c.unit)
            return error_reply(409, errc::wrong_status, "it is with that unit already");
        c.unit = s.unit;
        note = s.unit;
    } else if (s.verb == "wait") {
        if (c.status != "open") return *wrong_status(c, "open");
        if (auto bad = bad_text("note", s.note, 2000, true)) return *bad;
        c.status = "waiting";
        c.waiting_since = ctx.today();
        note = s.note;
    } else {  // resume: the complainant answered by phone or in person
        if (c.status != "waiting") return *wrong_status(c, "waiting");
        restart_clock(ctx, c);
        note = s.note;
    }
    const std::string what = s.verb == "answer"  ? "answered"
                             : s.verb == "route" ? "routed"
                             : s.verb == "wait"  ? "waiting"
                                                 : "resumed";
    if (auto st = ctx.store.update_complaint(c); !st) return ctx.fail(st.error());
    if (!add_step(ctx, c, who, what, note) ||
        !audit(ctx, who, "complaint." + s.verb, "complaint " + c.number, brief(before), brief(c)) ||
        !publish_complaint(ctx, s.verb == "answer" ? "complaint.answered" : "complaint.updated", c))
        return internal_error_reply();
    if (s.verb == "answer") {
        // The complainant is told through the hall's gateway: it needs their contact.
        json body = {{"event", "complaint.answered"},
                     {"complaint", c.number},
                     {"id", c.id},
                     {"finding", c.finding},
                     {"reply", c.reply},
                     {"contact", c.contact},
                     {"at", c.answered_at}};
        if (!queue_notification(ctx, "complaint.answered",
                                ctx.state.engine.hall().notify.complaint_answered, c.number, c.id,
                                body))
            return internal_error_reply();
    }
    return answer_of(ctx, 200, c, true);
}

namespace {

Reply remind_complaints(WriteContext& ctx) {
    std::string today = ctx.today();
    const auto& settings = ctx.state.engine.hall().settings;
    std::string due_by = queue::add_working_days(today, 1, settings.holidays, settings.workdays);
    auto open = ctx.store.complaints(true);
    if (!open) return ctx.fail(open.error());
    for (auto c : *open) {
        // Waiting for the complainant: the clock stands still, nobody is reminded.
        if (c.status != "open" || c.due_date > due_by || c.reminded_on == today) continue;
        c.reminded_on = today;
        bool escalate = today > c.due_date && c.escalated_at.empty();
        if (escalate) c.escalated_at = iso(ctx.clock.now());
        if (auto st = ctx.store.update_complaint(c); !st) return ctx.fail(st.error());
        if (!publish_complaint(ctx, "complaint.due", c) ||
            (escalate && !publish_complaint(ctx, "complaint.overdue", c)))
            return internal_error_reply();
    }
    return json_reply(200, json::object());
}

}  // namespace

Reply daily_reminders(WriteContext& ctx) {
    if (!remind_followups(ctx)) return internal_error_reply();
    Reply r = remind_complaints(ctx);
    if (r.status != 200) return r;
    // Again at the next local midnight.
    std::string today = ctx.today();
    auto next = ctx.state.engine.zone().from_local(format_date(*parse_date(today) + 1), 0);
    ctx.state.reminders_due = next ? *next : TimePoint::max();
    return r;
}

}  // namespace onestop::hub
