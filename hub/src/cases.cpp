#include "cases.h"

#include <algorithm>
#include <cstdio>

#include "audit.h"
#include "body_fields.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/time.h"
#include "outbox.h"
#include "views.h"

namespace onestop::hub {

namespace {

// Appends the step; false (batch failed) on a database error.
bool step(WriteContext& ctx, int64_t case_id, TimePoint at, const std::string& what,
          const std::string& who, const json& detail) {
    auto id = ctx.store.append_case_step({0, case_id, iso(at), what, who, dump(detail)});
    if (!id) ctx.fail(id.error());
    return static_cast<bool>(id);
}

// case.* events carry numbers, units and windows only (CONTRACT "Events").
bool publish_case(WriteContext& ctx, const std::string& name, const store::CaseRecord& c,
                  TimePoint at) {
    json data = {{"case", c.number},   {"id", c.id},           {"unit", c.unit},
                 {"window", c.window}, {"service", c.service}, {"mode", c.mode},
                 {"status", c.status}};
    return ctx.publish(name, data, at);
}

// Audits what an account or an admin token did (staff sessions leave steps only).
bool audit_case(WriteContext& ctx, bool audited, const std::string& by, const std::string& action,
                const store::CaseRecord& before, const store::CaseRecord& after) {
    if (!audited) return true;
    auto brief = [](const store::CaseRecord& c) {
        return json{{"status", c.status},
                    {"missing", c.missing},
                    {"result", c.result},
                    {"supplements_allowed", c.supplements_allowed}};
    };
    return audit(ctx, by, action, "case " + after.number, brief(before), brief(after));
}

Reply case_answer(WriteContext& ctx, int status, int64_t id, bool with_code,
                  const std::string& public_url = "") {
    auto file = load_case(ctx.store, id);
    if (!file) return ctx.fail(file.error());
    if (!*file) return internal_error_reply();
    TimePoint now = ctx.clock.now();
    json c = case_json(**file, ctx.state.engine.hall().settings, ctx.date_of(now), with_code);
    if (with_code && !public_url.empty()) c["url"] = case_url(public_url, (*file)->record);
    return json_reply(status, {{"case", c}});
}

// The materials a 补正 request names: 1–30 entries of 1–200 bytes, none twice.
std::optional<Reply> check_missing(const std::vector<std::string>& missing) {
    if (missing.empty() || missing.size() > 30)
        return error_reply(422, errc::invalid_field,
                           "missing: name every missing material at once (1–30 entries)");
    for (const auto& m : missing)
        if (!is_label(m, 200))
            return error_reply(422, errc::invalid_field,
                               "missing: each entry is 1–200 bytes of text without line breaks");
    return std::nullopt;
}

// A 补正 request on an open case: the clock stops until the applicant brings them.
Reply request_supplement(WriteContext& ctx, store::CaseRecord c,
                         const std::vector<std::string>& missing, const std::string& by,
                         bool audited) {
    TimePoint now = ctx.clock.now();
    auto status = cases::parse_status(c.status).value_or(cases::Status::Completed);
    if (!cases::is_open(status))
        return error_reply(409, errc::case_closed, "case " + c.number + " is " + c.status);
    if (!cases::may_request_supplement(c.supplements, c.supplements_allowed))
        return error_reply(409, errc::supplement_once,
                           "case " + c.number +
                               " has had its one 补正 request (一次告知); the hall office may "
                               "allow another (POST /api/v1/cases/" +
                               std::to_string(c.id) + "/allow-supplement)");
    if (auto bad = check_missing(missing)) return *bad;
    store::CaseRecord before = c;
    c.supplements += 1;
    c.missing = missing;
    c.status = cases::to_string(cases::Status::AwaitingSupplement);
    if (!c.paused_since) c.paused_since = ctx.date_of(now);
    if (auto st = ctx.store.update_case(c); !st) return ctx.fail(st.error());
    if (!step(ctx, c.id, now, "supplement_requested", by, {{"missing", missing}}) ||
        !publish_case(ctx, "case.updated", c, now) ||
        !audit_case(ctx, audited, by, "case.supplement", before, c))
        return internal_error_reply();
    return case_answer(ctx, 200, c.id, false);
}

std::string number_for(const std::string& unit, const std::string& day, int seq) {
    std::string compact = day;
    compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
    char tail[8];
    std::snprintf(tail, sizeof tail, "%04d", seq);
    return unit + "-" + compact + "-" + tail;
}

Reply complete_case(WriteContext& ctx, store::CaseRecord c, const CaseChange& r) {
    TimePoint now = ctx.clock.now();
    if (c.status == cases::to_string(cases::Status::AwaitingSupplement))
        return error_reply(
            409, errc::case_awaiting,
            "case " + c.number + " waits for its missing materials; resume it first");
    if (c.status != cases::to_string(cases::Status::Accepted))
        return error_reply(409, errc::case_closed, "case " + c.number + " is " + c.status);
    if (!is_label(r.text, 500))
        return error_reply(422, errc::invalid_field,
                           "result: 1–500 bytes telling the applicant the outcome (e.g. "
                           "请凭回执到 3 号窗口领取)");
    auto tasks = ctx.store.case_tasks(c.id);
    if (!tasks) return ctx.fail(tasks.error());
    std::vector<std::string> open;
    for (const auto& t : *tasks)
        if (t.status != "done") open.push_back(t.unit);
    if (!open.empty()) {
        std::string units;
        for (const auto& u : open) units += (units.empty() ? "" : ", ") + u;
        return error_reply(409, errc::tasks_open,
                           "the partner units' tasks are not done yet: " + units);
    }
    store::CaseRecord before = c;
    c.status = cases::to_string(cases::Status::Completed);
    c.result = r.text;
    c.completed_at = iso(now);
    if (auto st = ctx.store.update_case(c); !st) return ctx.fail(st.error());
    if (!step(ctx, c.id, now, "completed", r.by, {{"result", r.text}}) ||
        !publish_case(ctx, "case.completed", c, now) ||
        !audit_case(ctx, r.audited, r.by, "case.complete", before, c))
        return internal_error_reply();
    // The applicant is told through the hall's gateway, delivered after the commit by the
    // hub's notifier (retried until it answers 2xx).
    json body = {{"event", "case.completed"}, {"case", c.number}, {"id", c.id}, {"unit", c.unit},
                 {"result", c.result},        {"at", iso(now)}};
    if (!queue_notification(ctx, "case.completed", ctx.state.engine.hall().notify.case_completed,
                            c.number, c.id, body))
        return internal_error_reply();
    return case_answer(ctx, 200, c.id, false);
}

}  // namespace

Result<std::optional<CaseFile>> load_case(store::HubStore& store, int64_t id) {
    auto record = store.case_by_id(id);
    if (!record) return record.error();
    if (!*record) return std::optional<CaseFile>{};
    CaseFile file{std::move(**record), {}, {}, {}};
    auto steps = store.case_steps(id);
    if (!steps) return steps.error();
    auto tasks = store.case_tasks(id);
    if (!tasks) return tasks.error();
    auto handovers = store.handovers(id);
    if (!handovers) return handovers.error();
    file.steps = std::move(*steps);
    file.tasks = std::move(*tasks);
    file.handovers = std::move(*handovers);
    return std::optional<CaseFile>(std::move(file));
}

std::string case_promised(const store::CaseRecord& c, const queue::Settings& settings,
                          const std::string& today) {
    if (c.mode == cases::to_string(cases::Mode::Instant) ||
        c.mode == cases::to_string(cases::Mode::Return))
        return "";
    std::string last = today;
    // A closed case's promise stopped moving when it closed.
    if (c.completed_at)
        if (auto at = parse_iso8601(*c.completed_at)) last = to_local(*at).date();
    return cases::promised_date(settings, {c.day, c.promised_days, c.paused_days, c.paused_since},
                                last);
}

json case_json(const CaseFile& file, const queue::Settings& settings, const std::string& today,
               bool with_code) {
    const store::CaseRecord& c = file.record;
    std::string promised = case_promised(c, settings, today);
    auto status = cases::parse_status(c.status).value_or(cases::Status::Completed);
    json steps = json::array(), tasks = json::array(), handovers = json::array();
    for (const auto& s : file.steps) {
        json detail = json::parse(s.detail, nullptr, false);
        steps.push_back({{"at", s.at},
                         {"what", s.what},
                         {"who", s.who},
                         {"detail", detail.is_object() ? detail : json::object()}});
    }
    for (const auto& t : file.tasks)
        tasks.push_back({{"unit", t.unit},
                         {"due_date", t.due_date},
                         {"status", t.status},
                         {"done_at", t.done_at ? json(*t.done_at) : json(nullptr)}});
    for (const auto& h : file.handovers) handovers.push_back(handover_json(h));
    json out = {{"id", c.id},
                {"number", c.number},
                {"ticket", c.ticket},
                {"service", c.service},
                {"unit", c.unit},
                {"window", c.window},
                {"staff", c.staff},
                {"mode", c.mode},
                {"status", c.status},
                {"opened_at", c.opened_at},
                {"promised_date", promised.empty() ? json(nullptr) : json(promised)},
                {"missing", c.missing},
                {"reason", c.reason},
                {"reason_code", c.reason_code.empty() ? json(nullptr) : json(c.reason_code)},
                {"result", c.result},
                {"completed_at", c.completed_at ? json(*c.completed_at) : json(nullptr)},
                {"due", promised.empty() ? json(nullptr) : [&] {
                     std::string due = cases::to_string(cases::due_state(settings, status, promised, today));
                     return due.empty() ? json(nullptr) : json(due);
                 }()},
                {"tasks", tasks},
                {"handovers", handovers},
                {"steps", steps}};
    if (with_code) out["code"] = c.code;
    return out;
}

json handover_json(const store::Handover& h) {
    return {{"id", h.id},
            {"case", h.case_id},
            {"items", h.items},
            {"from_unit", h.from_unit},
            {"from_staff", h.from_staff},
            {"to_unit", h.to_unit},
            {"to_staff", h.to_staff ? json(*h.to_staff) : json(nullptr)},
            {"status", h.status},
            {"at", h.at},
            {"confirmed_at", h.confirmed_at ? json(*h.confirmed_at) : json(nullptr)}};
}

std::string case_url(const std::string& public_url, const store::CaseRecord& c) {
    return public_url + "/c/" + std::to_string(c.id) + "?c=" + c.code;
}

Reply open_case(WriteContext& ctx, const OpenCase& r) {
    TimePoint now = ctx.clock.now();
    const queue::Hall& hall = ctx.state.engine.hall();
    std::string n = std::to_string(r.window);
    auto current = ctx.state.engine.window_state(r.window).current;
    const queue::Ticket* ticket = current ? ctx.state.engine.ticket(*current) : nullptr;
    if (!ticket)
        return error_reply(409, errc::nothing_called,
                           "window " + n +
                               " has no called ticket; a case is opened for the "
                               "ticket being served");
    auto existing = ctx.store.case_by_ticket(ticket->id);
    if (!existing) return ctx.fail(existing.error());
    if (*existing) {
        if (r.mode == cases::Mode::Supplement)
            return request_supplement(ctx, **existing, r.missing, r.by, r.audited);
        return error_reply(409, errc::case_exists,
                           "ticket " + ticket->number + " already has case " + (*existing)->number);
    }
    const queue::Window* window = hall.find_window(r.window);
    const queue::Service* service = hall.find_service(ticket->service);
    if (!window || !service) return internal_error_reply();

    std::string today = ctx.date_of(now);
    store::CaseRecord c;
    c.unit = window->unit;
    c.day = today;
    c.ticket = ticket->id;
    c.service = service->code;
    c.window = r.window;
    c.staff = r.staff;
    c.mode = cases::to_string(r.mode);
    c.status = cases::to_string(cases::opening_status(r.mode));
    c.code = random_hex(8);
    c.opened_at = iso(now);
    c.promised_days = service->promised_days;
    json detail = {{"mode", c.mode}};
    switch (r.mode) {
        case cases::Mode::Instant:
            c.completed_at = iso(now);
            break;
        case cases::Mode::Deadline:
            break;
        case cases::Mode::Supplement:
            if (auto bad = check_missing(r.missing)) return *bad;
            c.missing = r.missing;
            c.supplements = 1;
            c.paused_since = today;
            detail["missing"] = r.missing;
            break;
        case cases::Mode::Return: {
            auto reason = std::find_if(hall.return_reasons.begin(), hall.return_reasons.end(),
                                       [&](const auto& x) { return x.code == r.reason; });
            if (reason == hall.return_reasons.end())
                return error_reply(422, errc::reason_unknown,
                                   "reason: one of the hall's return reasons "
                                   "(GET /api/v1/return-reasons), not '" +
                                       r.reason + "'");
            if (!r.note.empty() && !is_label(r.note, 500))
                return error_reply(422, errc::invalid_field,
                                   "note: up to 500 bytes without line breaks");
            c.reason_code = reason->code;
            c.reason = reason->text.zh + (r.note.empty() ? "" : "：" + r.note);
            detail["reason"] = c.reason;
            break;
        }
    }
    auto seq = ctx.store.next_case_seq(c.unit, today);
    if (!seq) return ctx.fail(seq.error());
    c.seq = *seq;
    c.number = number_for(c.unit, today, c.seq);
    auto id = ctx.store.insert_case(c);
    if (!id) return ctx.fail(id.error());
    c.id = *id;
    if (!step(ctx, c.id, now, "opened", r.by, detail)) return internal_error_reply();
    // Joint items (第二十一条): each partner unit gets its task, due when the case is.
    if (service->mode == queue::HandlingMode::Joint &&
        cases::is_open(cases::opening_status(r.mode))) {
        std::string due = case_promised(c, hall.settings, today);
        for (const auto& unit : service->partner_units) {
            if (unit == c.unit) continue;
            if (auto t = ctx.store.insert_case_task({0, c.id, unit, due, "open", {}, {}}); !t)
                return ctx.fail(t.error());
        }
    }
    if (!publish_case(ctx, "case.opened", c, now)) return internal_error_reply();
    if (r.mode == cases::Mode::Instant &&
        (!step(ctx, c.id, now, "completed", r.by, json::object()) ||
         !publish_case(ctx, "case.completed", c, now)))
        return internal_error_reply();
    if (r.audited && !audit(ctx, r.by, "case.open", "case " + c.number, nullptr,
                            {{"mode", c.mode}, {"status", c.status}, {"ticket", ticket->number}}))
        return internal_error_reply();
    ctx.state.case_due = TimePoint::min();  // the clock looks again at the next tick
    return case_answer(ctx, 201, c.id, true, r.public_url);
}

Reply change_case(WriteContext& ctx, const CaseChange& r) {
    TimePoint now = ctx.clock.now();
    auto found = ctx.store.case_by_id(r.id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::case_unknown, "there is no case " + std::to_string(r.id));
    store::CaseRecord c = **found;
    store::CaseRecord before = c;
    switch (r.action) {
        case CaseAction::Supplement:
            return request_supplement(ctx, c, r.missing, r.by, r.audited);
        case CaseAction::Complete:
            return complete_case(ctx, c, r);
        case CaseAction::Resume: {
            if (c.status != cases::to_string(cases::Status::AwaitingSupplement))
                return error_reply(
                    409, errc::case_not_awaiting,
                    "case " + c.number + " is " + c.status + ", not waiting for materials");
            std::string today = ctx.date_of(now);
            c.paused_days += cases::working_days_between(ctx.state.engine.hall().settings,
                                                         c.paused_since.value_or(today), today);
            c.paused_since.reset();
            c.status = cases::to_string(cases::Status::Accepted);
            if (auto st = ctx.store.update_case(c); !st) return ctx.fail(st.error());
            if (!step(ctx, c.id, now, "resumed", r.by, {{"supplied", c.missing}}) ||
                !publish_case(ctx, "case.updated", c, now) ||
                !audit_case(ctx, r.audited, r.by, "case.resume", before, c))
                return internal_error_reply();
            ctx.state.case_due = TimePoint::min();
            return case_answer(ctx, 200, c.id, false);
        }
        case CaseAction::AllowSupplement: {
            if (!cases::is_open(cases::parse_status(c.status).value_or(cases::Status::Completed)))
                return error_reply(409, errc::case_closed, "case " + c.number + " is " + c.status);
            c.supplements_allowed = c.supplements + 1;
            if (auto st = ctx.store.update_case(c); !st) return ctx.fail(st.error());
            if (!step(ctx, c.id, now, "supplement_allowed", r.by, json::object()) ||
                !audit_case(ctx, r.audited, r.by, "case.allow_supplement", before, c))
                return internal_error_reply();
            return case_answer(ctx, 200, c.id, false);
        }
        case CaseAction::FinishTask: {
            auto tasks = ctx.store.case_tasks(c.id);
            if (!tasks) return ctx.fail(tasks.error());
            auto task = std::find_if(tasks->begin(), tasks->end(),
                                     [&](const store::CaseTask& t) { return t.unit == r.unit; });
            if (task == tasks->end())
                return error_reply(404, errc::not_found,
                                   "case " + c.number + " has no task for unit " + r.unit);
            if (task->status == "done") return case_answer(ctx, 200, c.id, false);
            if (auto st = ctx.store.finish_case_task(task->id, r.by, now); !st)
                return ctx.fail(st.error());
            if (!step(ctx, c.id, now, "task_done", r.by, {{"unit", r.unit}}) ||
                !publish_case(ctx, "case.updated", c, now))
                return internal_error_reply();
            if (r.audited && !audit(ctx, r.by, "case.task_done", "case " + c.number, nullptr,
                                    {{"unit", r.unit}}))
                return internal_error_reply();
            return case_answer(ctx, 200, c.id, false);
        }
    }
    return internal_error_reply();
}

Reply hand_over(WriteContext& ctx, const HandOver& r) {
    TimePoint now = ctx.clock.now();
    auto found = ctx.store.case_by_id(r.case_id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::case_unknown,
                           "there is no case " + std::to_string(r.case_id));
    const store::CaseRecord& c = **found;
    if (!cases::is_open(cases::parse_status(c.status).value_or(cases::Status::Completed)))
        return error_reply(409, errc::case_closed, "case " + c.number + " is " + c.status);
    if (!ctx.state.engine.hall().find_unit(r.to_unit))
        return error_reply(422, errc::unit_unknown, "there is no unit '" + r.to_unit + "'");
    if (r.to_unit == r.from_unit)
        return error_reply(422, errc::invalid_field,
                           "to_unit: materials move to another unit, not within " + r.from_unit);
    if (r.items.empty() || r.items.size() > 30 ||
        std::any_of(r.items.begin(), r.items.end(),
                    [](const auto& i) { return !is_label(i, 200); }))
        return error_reply(422, errc::invalid_field,
                           "items: 1–30 entries of 1–200 bytes naming the materials handed over");
    store::Handover h{0,         c.id, r.items,   r.from_unit, r.from_staff,
                      r.to_unit, {},   "pending", iso(now),    {}};
    auto id = ctx.store.insert_handover(h);
    if (!id) return ctx.fail(id.error());
    h.id = *id;
    if (!step(ctx, c.id, now, "handover", r.by,
              {{"handover", h.id}, {"to_unit", r.to_unit}, {"items", r.items}}) ||
        !publish_case(ctx, "case.updated", c, now))
        return internal_error_reply();
    return json_reply(201, {{"handover", handover_json(h)}});
}

Reply confirm_hand_over(WriteContext& ctx, const ConfirmHandOver& r) {
    TimePoint now = ctx.clock.now();
    auto found = ctx.store.handover(r.id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::handover_unknown,
                           "there is no hand-over " + std::to_string(r.id));
    store::Handover h = **found;
    if (h.status == "confirmed")
        return error_reply(409, errc::handover_confirmed,
                           "hand-over " + std::to_string(h.id) + " was confirmed already");
    auto staff = check_staff_pin(ctx, r.staff, r.pin_ok, 403,
                                 "the receiving staff member's number or PIN is wrong");
    if (auto* refused = std::get_if<Reply>(&staff)) return *refused;
    if (std::get<store::Staff>(staff).unit != h.to_unit)
        return error_reply(403, errc::wrong_unit,
                           "staff " + r.staff + " is not of the receiving unit " + h.to_unit);
    if (auto st = ctx.store.confirm_handover(h.id, r.staff, now); !st) return ctx.fail(st.error());
    h.status = "confirmed";
    h.to_staff = r.staff;
    h.confirmed_at = iso(now);
    auto c = ctx.store.case_by_id(h.case_id);
    if (!c) return ctx.fail(c.error());
    if (!*c) return internal_error_reply();
    if (!step(ctx, h.case_id, now, "handover_confirmed", r.by,
              {{"handover", h.id}, {"staff", r.staff}}) ||
        !publish_case(ctx, "case.updated", **c, now))
        return internal_error_reply();
    return json_reply(200, {{"handover", handover_json(h)}});
}

Reply scan_overdue_cases(WriteContext& ctx) {
    TimePoint now = ctx.clock.now();
    std::string today = ctx.date_of(now);
    const queue::Settings& settings = ctx.state.engine.hall().settings;
    store::CaseFilter open;
    open.status = cases::to_string(cases::Status::Accepted);
    open.limit = 100000;
    auto rows = ctx.store.cases(open);
    if (!rows) return ctx.fail(rows.error());
    std::string next;  // the earliest day a case not yet overdue becomes so
    for (auto c : *rows) {
        if (c.overdue_at) continue;
        std::string from = cases::overdue_from(case_promised(c, settings, today));
        if (today < from) {
            if (next.empty() || from < next) next = from;
            continue;
        }
        c.overdue_at = iso(now);
        if (auto st = ctx.store.update_case(c); !st) return ctx.fail(st.error());
        if (!step(ctx, c.id, now, "overdue", "hub", json::object()) ||
            !publish_case(ctx, "case.overdue", c, now))
            return internal_error_reply();
    }
    auto at = next.empty() ? std::nullopt : ctx.state.engine.zone().from_local(next, 0);
    ctx.state.case_due = at ? *at : TimePoint::max();
    return json_reply(200, json::object());
}

}  // namespace onestop::hub
