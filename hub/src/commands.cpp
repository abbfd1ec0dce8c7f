#include "commands.h"

#include <algorithm>

#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "onestop/queue/calendar.h"
#include "onestop/store/event_codec.h"
#include "onestop/store/secrets.h"
#include "qr_svg.h"
#include "service_guide.h"
#include "views.h"
#include "window_plans.h"

namespace onestop::hub {

using namespace onestop::queue;

namespace {

// Logs an event of the hub's own and publishes it on the event stream. Its type in the log
// is its stream name under "hub.", dots made underscores (session.ended → hub.session_ended).
bool publish(WriteContext& ctx, const net::Event& event, TimePoint at) {
    json data = net::event_data(event);
    std::string name(net::event_name(event));
    std::string type = name;
    std::replace(type.begin(), type.end(), '.', '_');
    return ctx.log("hub." + type, dump(data), name, data, at);
}

// Logs the outcome's events and brings the projections up to date. `fresh` is the
// record of a ticket this outcome issued. Returns false on a database error.
bool record_outcome(WriteContext& ctx, const Outcome& outcome, const store::TicketRecord* fresh) {
    for (const Event& event : outcome.events) {
        auto encoded = store::encode_event(event);
        auto published = stream_event(ctx.state, event);
        if (!ctx.log(encoded.type, encoded.fields.dump(),
                     published ? net::event_name(*published) : "",
                     published ? net::event_data(*published) : json::object(), event_time(event)))
            return false;
        int64_t id = ticket_id(event);
        const Ticket* t = id ? ctx.state.engine.ticket(id) : nullptr;
        if (!t) continue;
        Status st;
        if (std::holds_alternative<TicketIssued>(event)) {
            store::TicketRecord record = fresh ? *fresh : store::TicketRecord{};
            record.id = id;
            if (record.code.empty()) record.code = random_hex(8);
            st = ctx.store.insert_ticket(*t, record);
            if (!record.request_id.empty())
                ctx.state.requests[{record.device, record.request_id}] = id;
            ctx.state.records[id] = record;
            ++ctx.state.tickets_issued;
        } else {
            st = ctx.store.update_ticket(*t);
        }
        if (st && (std::holds_alternative<TicketCalled>(event) ||
                   std::holds_alternative<TicketRecalled>(event))) {
            const OnDuty* duty = ctx.state.duty_at(t->window);
            st = ctx.store.insert_call(
                id, t->window, std::holds_alternative<TicketCalled>(event) ? "call" : "recall",
                duty ? duty->staff : "", event_time(event));
            ++ctx.state.calls;
        }
        if (!st) {
            ctx.fail(st.error());
            return false;
        }
        if (const auto* finished = std::get_if<TicketFinished>(&event)) {
            // Every finished service asks for a rating at that window's pad (服务评价制).
            net::EvaluationRequested requested{id, t->number, t->service, finished->window,
                                               iso(finished->at)};
            if (!publish(ctx, requested, finished->at)) return false;
        }
    }
    return true;
}

// The ticket as anyone but its issuing kiosk sees it (without its code).
Reply ticket_reply(WriteContext& ctx, int status, const Ticket& t) {
    return json_reply(status, {{"ticket", ticket_json(ctx.state, t, false)}});
}

// The answer to the kiosk that issued `t`: with its code (and url, for the QR), and with
// the number on the slip when the hub gave the ticket another one (also on an idempotent repeat).
Reply issued_reply(WriteContext& ctx, int status, const Ticket& t, const IssueRequest& req) {
    json body = {{"ticket", ticket_json(ctx.state, t, true, req.public_url)}};
    if (!t.printed.empty()) body["renumbered"] = {{"printed", t.printed}};
    return json_reply(status, body);
}

// Whether this database leased the offline ticket's number to the device.
Result<bool> lease_known(WriteContext& ctx, const IssueRequest& req) {
    if (!req.leased_hub_id.empty() && req.leased_hub_id != ctx.state.hub_id) return false;
    auto leases = ctx.store.leases(req.device);
    if (!leases) return leases.error();
    return std::any_of(leases->begin(), leases->end(), [&](const store::Lease& l) {
        return l.service == req.service && l.service_day == *req.leased_day &&
               req.leased_sequence >= l.first && req.leased_sequence < l.first + l.count;
    });
}

// The ticket from memory, else an earlier day's read back into memory (a repeated request,
// a rating, a late rejoin). Null when there is none, or on a database error (ctx.failed()).
const Ticket* known_ticket(WriteContext& ctx, int64_t id) {
    if (const Ticket* t = ctx.state.engine.ticket(id)) return t;
    auto stored = ctx.store.stored_ticket(id);
    if (!stored) {
        ctx.fail(stored.error());
        return nullptr;
    }
    if (*stored) ctx.state.remember(**stored);
    return ctx.state.engine.ticket(id);
}

// The device's earlier ticket for this request id, from memory or the tables.
Result<std::optional<int64_t>> earlier_request(WriteContext& ctx, const IssueRequest& req) {
    auto it = ctx.state.requests.find({req.device, req.request_id});
    if (it != ctx.state.requests.end()) return std::optional<int64_t>(it->second);
    return ctx.store.ticket_by_request(req.device, req.request_id);
}

// Before an offline ticket of a past day is numbered, the engine learns that day's numbers
// from the tables (memory holds today's).
Status recall_day(WriteContext& ctx, const std::string& service, const std::string& day) {
    if (day == ctx.state.day || ctx.state.recalled_days.count({service, day})) return {};
    auto numbers = ctx.store.day_numbers(service, day);
    if (!numbers) return numbers.error();
    ctx.state.engine.recall_numbers(*numbers);
    ctx.state.recalled_days.insert({service, day});
    return {};
}

Reply closed_reply(WriteContext& ctx, const std::string& service, const Error& error) {
    auto next = ctx.state.engine.next_open(service);
    return json_reply(409, net::to_json(net::ApiError{error.code, error.message,
                                                      next ? iso(*next) : std::string()}));
}

}  // namespace

Reply issue_ticket(WriteContext& ctx, const IssueRequest& req) {
    if (!req.request_id.empty()) {
        auto earlier = earlier_request(ctx, req);
        if (!earlier) return ctx.fail(earlier.error());
        if (*earlier) {
            if (const Ticket* t = known_ticket(ctx, **earlier))
                return issued_reply(ctx, 200, *t, req);
            if (ctx.failed()) return internal_error_reply();
        }
    }
    Result<Outcome> outcome = make_error(errc::internal, "");
    if (req.leased_day) {
        if (auto st = recall_day(ctx, req.service, *req.leased_day); !st)
            return ctx.fail(st.error());
        auto known = lease_known(ctx, req);
        if (!known) return ctx.fail(known.error());
        TimePoint issued_at = req.issued_at.value_or(ctx.clock.now());
        if (*known)
            outcome = ctx.state.engine.issue_leased(req.service, req.priority, *req.leased_day,
                                                    req.leased_sequence, issued_at);
        // The applicant holds the slip whatever became of the lease: a block of another
        // database, one lost to a restore, a number issued twice.
        if (!*known || (!outcome && outcome.error().code == errc::lease_unknown))
            outcome = ctx.state.engine.adopt(req.service, req.priority, *req.leased_day,
                                             req.leased_sequence, issued_at);
    } else {
        outcome = ctx.state.engine.issue(req.service, req.priority);
    }
    if (!outcome) {
        if (outcome.error().code == errc::service_closed)
            return closed_reply(ctx, req.service, outcome.error());
        return engine_error_reply(outcome.error());
    }
    store::TicketRecord record{0, random_hex(8), req.device, req.request_id};
    if (!record_outcome(ctx, *outcome, &record)) return internal_error_reply();
    if (!outcome->ticket) return ctx.fail(make_error(errc::internal, "issue returned no ticket"));
    return issued_reply(ctx, 201, *outcome->ticket, req);
}

Reply lease_numbers(WriteContext& ctx, int64_t device, const std::string& service, int count) {
    auto outcome = ctx.state.engine.lease(service, count);
    if (!outcome) return engine_error_reply(outcome.error());
    if (!record_outcome(ctx, *outcome, nullptr)) return internal_error_reply();
    for (const Event& e : outcome->events) {
        if (const auto* leased = std::get_if<NumbersLeased>(&e)) {
            store::Lease lease{leased->service, leased->service_day, leased->first, leased->count};
            if (auto st = ctx.store.insert_lease(device, lease, leased->at); !st)
                return ctx.fail(st.error());
            return json_reply(201,
                              net::to_json(net::Lease{lease.service, lease.service_day, lease.first,
                                                      lease.count, ctx.state.hub_id}));
        }
    }
    return ctx.fail(make_error(errc::internal, "lease returned no block"));
}

static Reply run_window_action(WriteContext& ctx, const WindowRequest& req) {
    Engine& engine = ctx.state.engine;
    Result<Outcome> outcome = make_error(errc::internal, "");
    switch (req.action) {
        case WindowAction::CallNext:
            outcome = engine.call_next(req.window);
            break;
        case WindowAction::Recall:
            outcome = engine.recall(req.window);
            break;
        case WindowAction::NoShow:
            outcome = engine.no_show(req.window);
            break;
        case WindowAction::Transfer:
            outcome = engine.transfer(req.window, req.target);
            break;
        case WindowAction::Finish:
            outcome = engine.finish(req.window);
            break;
        case WindowAction::Pause:
            outcome = engine.pause(req.window, req.reason);
            break;
        case WindowAction::Resume:
            outcome = engine.resume(req.window);
            break;
    }
    if (!outcome) return engine_error_reply(outcome.error());
    if (!record_outcome(ctx, *outcome, nullptr)) return internal_error_reply();
    if (req.action == WindowAction::Pause || req.action == WindowAction::Resume) {
        const Window* w = engine.hall().find_window(req.window);
        return json_reply(200, {{"window", window_json(ctx.state, *w, true)}});
    }
    if (!outcome->ticket) return no_content();
    return ticket_reply(ctx, 200, *outcome->ticket);
}

Reply window_action(WriteContext& ctx, const WindowRequest& req) {
    if (!req.idempotency_key.empty()) {
        auto earlier = ctx.store.idempotent_answer(req.window, req.idempotency_key);
        if (!earlier) return ctx.fail(earlier.error());
        if (*earlier) {
            Reply r{(*earlier)->status, (*earlier)->body};
            if (r.status == 204) r.content_type.clear();
            return r;
        }
    }
    Reply reply = run_window_action(ctx, req);
    if (ctx.failed() || req.idempotency_key.empty()) return reply;
    auto st = ctx.store.save_idempotent_answer(req.window, req.idempotency_key,
                                               {reply.status, reply.body}, ctx.clock.now());
    if (!st) return ctx.fail(st.error());
    return reply;
}

Reply rejoin_ticket(WriteContext& ctx, int64_t ticket) {
    if (!known_ticket(ctx, ticket) && ctx.failed()) return internal_error_reply();
    auto outcome = ctx.state.engine.rejoin(ticket);
    if (!outcome) return engine_error_reply(outcome.error());
    if (!record_outcome(ctx, *outcome, nullptr)) return internal_error_reply();
    const Ticket* t = outcome->ticket ? &*outcome->ticket : ctx.state.engine.ticket(ticket);
    if (!t) return ctx.fail(make_error(errc::internal, "rejoin returned no ticket"));
    return ticket_reply(ctx, 200, *t);
}

// 第十七条: staff are managed by their own unit, so a window takes its own unit's staff
// unless the hall file lets it take others (accepts_other_units).
static std::optional<Reply> check_unit(const Hall& hall, const store::Staff& staff,
                                       const Window& window) {
    if (staff.unit == window.unit || window.accepts_other_units) return std::nullopt;
    auto named = [&](const std::string& code) {
        const Unit* unit = hall.find_unit(code);
        return unit ? unit->name.zh + " (" + code + ")" : code;
    };
    return error_reply(403, errc::wrong_unit,
                       "staff " + staff.number + " belongs to " + named(staff.unit) + "; window " +
                           std::to_string(window.number) + " belongs to " + named(window.unit) +
                           " and takes only its own unit's staff (hall file: accepts_other_units)");
}

// Ends a session: its row, the staff's check-out, the on-duty map and an event.
static bool close_session(WriteContext& ctx, const std::string& token_hash, TimePoint now) {
    auto it = ctx.state.sessions.find(token_hash);
    if (it == ctx.state.sessions.end()) return true;
    OnDuty duty = it->second;
    Status st = ctx.store.end_session(duty.session, now);
    if (st) st = ctx.store.check_out(duty.staff, now);
    if (!st) {
        ctx.fail(st.error());
        return false;
    }
    ctx.state.sessions.erase(it);
    auto w = ctx.state.on_duty.find(duty.window);
    if (w != ctx.state.on_duty.end() && w->second == token_hash) ctx.state.on_duty.erase(w);
    return publish(ctx, net::SessionEnded{{duty.window, duty.staff, iso(now)}}, now);
}

std::variant<store::Staff, Reply> check_staff_pin(WriteContext& ctx, const std::string& number,
                                                  bool pin_ok, int wrong_status,
                                                  const std::string& wrong_message) {
    TimePoint now = ctx.clock.now();
    auto failures = ctx.store.pin_failures_since(number, now - kPinLockWindow);
    if (!failures) return ctx.fail(failures.error());
    if (*failures >= kPinMaxFailures)
        return error_reply(
            429, errc::too_many_tries,
            "too many wrong PINs for this staff number; wait 15 minutes or ask the hall office");
    auto staff = ctx.store.staff(number);
    if (!staff) return ctx.fail(staff.error());
    if (!pin_ok || !*staff) {
        if (auto st = ctx.store.record_pin_failure(number, now); !st) return ctx.fail(st.error());
        return error_reply(wrong_status, errc::wrong_pin, wrong_message);
    }
    if (auto st = ctx.store.clear_pin_failures(number); !st) return ctx.fail(st.error());
    return **staff;
}

Reply start_session(WriteContext& ctx, const SessionRequest& req) {
    TimePoint now = ctx.clock.now();
    auto staff = check_staff_pin(ctx, req.staff, req.pin_ok, 401, "staff number or PIN is wrong");
    if (auto* refused = std::get_if<Reply>(&staff)) return *refused;
    const Window* window = ctx.state.engine.hall().find_window(req.window);
    if (!window)
        return error_reply(422, errc::window_unknown,
                           "there is no window " + std::to_string(req.window));
    if (auto refused = check_unit(ctx.state.engine.hall(), std::get<store::Staff>(staff), *window))
        return *refused;

    // One session per window and per staff member: a new login replaces older ones.
    std::vector<std::string> replaced;
    for (const auto& [hash, duty] : ctx.state.sessions)
        if (duty.window == req.window || duty.staff == req.staff) replaced.push_back(hash);
    for (const auto& hash : replaced)
        if (!close_session(ctx, hash, now)) return internal_error_reply();

    std::string hash = store::token_hash(req.token);
    auto id = ctx.store.start_session({0, hash, req.staff, req.window, req.device}, now);
    if (!id) return ctx.fail(id.error());
    LocalTime local = ctx.state.engine.zone().to_local(now);
    auto st = ctx.store.check_in(req.staff, req.window, local.date(),
                                 local.hour < 12 ? "morning" : "afternoon", now);
    if (!st) return ctx.fail(st.error());
    const store::Staff& s = std::get<store::Staff>(staff);
    ctx.state.sessions[hash] = OnDuty{*id, hash, s.number, s.name, s.unit, req.window};
    ctx.state.on_duty[req.window] = hash;
    if (!publish(ctx, net::SessionStarted{{req.window, s.number, iso(now)}}, now))
        return internal_error_reply();
    return json_reply(201,
                      net::to_json(net::SessionInfo{
                          req.token, {s.number, s.name, s.unit}, window->number, window->name}));
}

bool end_staff_sessions(WriteContext& ctx, const std::string& staff) {
    std::vector<std::string> open;
    for (const auto& [hash, duty] : ctx.state.sessions)
        if (duty.staff == staff) open.push_back(hash);
    TimePoint now = ctx.clock.now();
    for (const auto& hash : open)
        if (!close_session(ctx, hash, now)) return false;
    return true;
}

Reply end_session(WriteContext& ctx, const std::string& token_hash) {
    if (ctx.state.sessions.find(token_hash) == ctx.state.sessions.end())
        return error_reply(401, errc::bad_token, "this session has already ended; log in again");
    if (!close_session(ctx, token_hash, ctx.clock.now())) return internal_error_reply();
    return json_reply(200, {{"ended", true}});
}

Reply evaluate(WriteContext& ctx, const EvaluationRequest& req) {
    const Ticket* t = known_ticket(ctx, req.ticket);
    if (ctx.failed()) return internal_error_reply();
    if (!t)
        return error_reply(404, errc::ticket_unknown,
                           "there is no ticket " + std::to_string(req.ticket));
    if (ctx.state.evaluated.count(req.ticket))
        return error_reply(409, errc::already_evaluated,
                           "this ticket has already been rated (one rating per service)");
    if (t->status != TicketStatus::Done)
        return error_reply(409, errc::ticket_not_done,
                           "a ticket can be rated once its service is finished");
    if (req.source == "pad" && t->window != req.pad_window)
        return error_reply(
            403, errc::wrong_window,
            "this pad belongs to another window than the one that served the ticket");

    const Window* window = ctx.state.engine.hall().find_window(t->window);
    const OnDuty* duty = ctx.state.duty_at(t->window);
    TimePoint now = ctx.clock.now();
    store::Evaluation e{req.ticket,
                        t->window,
                        window ? window->unit : "",
                        duty ? duty->staff : "",
                        req.level,
                        req.reasons,
                        req.comment,
                        req.source,
                        req.contact};
    if (auto st = ctx.store.insert_evaluation(e, now); !st) return ctx.fail(st.error());
    std::optional<std::string> deadline;
    if (req.level <= 2) {
        // 差评整改: the window's department follows up by a deadline in working days.
        const auto& settings = ctx.state.engine.hall().settings;
        deadline = add_working_days(ctx.date_of(now), settings.followup_working_days,
                                    settings.holidays, settings.workdays);
        if (auto st = ctx.store.open_followup(req.ticket, e.unit, *deadline, now); !st)
            return ctx.fail(st.error());
    }
    ctx.state.evaluated.insert(req.ticket);
    net::EvaluationSubmitted submitted{req.ticket, t->number, t->window, req.level, iso(now)};
    if (!publish(ctx, submitted, now)) return internal_error_reply();
    json answer = {{"ticket", req.ticket},
                   {"number", t->number},
                   {"level", req.level},
                   {"reasons", req.reasons},
                   {"at", iso(now)}};
    if (deadline) answer["followup"] = {{"unit", e.unit}, {"deadline", *deadline}};
    return json_reply(201, {{"evaluation", answer}});
}

bool has_control_characters(const std::string& text) {
    return std::any_of(text.begin(), text.end(), [](char c) {
        auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
}

Result<NewDevice> check_new_device(const std::string& role, const std::string& name, int window,
                                   const queue::Hall& hall) {
    auto parsed = store::parse_role(role);
    if (!parsed)
        return make_error(errc::invalid_field, "role must be kiosk, pad, board, counter or admin");
    if (*parsed == store::Role::Pad && window == 0)
        return make_error(errc::invalid_field, "a pad needs its window");
    if (name.empty() || name.size() > 64 || has_control_characters(name))
        return make_error(errc::invalid_field,
                          "name must have 1 to 64 bytes and no tabs or line breaks");
    if (window != 0 && !hall.find_window(window))
        return make_error(errc::window_unknown,
                          "there is no window " + std::to_string(window) + " in the hall");
    return NewDevice{*parsed, name, window};
}

json device_json(const store::Device& d) {
    auto optional = [](const std::optional<std::string>& v) {
        return v ? json(*v) : json(nullptr);
    };
    return {{"id", d.id},
            {"role", store::to_string(d.role)},
            {"name", d.name},
            {"window", d.window == 0 ? json(nullptr) : json(d.window)},
            {"created_at", d.created_at},
            {"last_seen_at", optional(d.last_seen_at)},
            {"revoked_at", optional(d.revoked_at)}};
}

Reply create_device(WriteContext& ctx, const NewDevice& device, const std::string& token,
                    const std::string& by) {
    TimePoint now = ctx.clock.now();
    auto id = ctx.store.add_device(device.name, device.role, device.window,
                                   store::token_hash(token), now);
    if (!id) return ctx.fail(id.error());
    store::Device added{*id, device.name, device.role, device.window, "", iso(now), {}, {}};
    json view = device_json(added);
    store::AuditEntry entry{0, iso(now), by, "device.create", std::to_string(*id), "", dump(view)};
    if (auto a = ctx.store.append_audit(entry); !a) return ctx.fail(a.error());
    // The QR is for the device's set-up screen to scan instead of typing 64 hex digits.
    return json_reply(201,
                      {{"device", view}, {"token", token}, {"qr_svg", qr_svg(token).value_or("")}});
}

Reply revoke_device(WriteContext& ctx, int64_t id, const std::string& by) {
    TimePoint now = ctx.clock.now();
    auto devices = ctx.store.devices();
    if (!devices) return ctx.fail(devices.error());
    auto it = std::find_if(devices->begin(), devices->end(),
                           [id](const store::Device& d) { return d.id == id; });
    if (it == devices->end())
        return error_reply(404, errc::device_unknown, "there is no device " + std::to_string(id));
    json before = device_json(*it);
    if (auto st = ctx.store.revoke_device(id, now); !st) return ctx.fail(st.error());
    if (!it->revoked_at) it->revoked_at = iso(now);
    json after = device_json(*it);
    store::AuditEntry entry{
        0, iso(now), by, "device.revoke", std::to_string(id), dump(before), dump(after)};
    if (auto a = ctx.store.append_audit(entry); !a) return ctx.fail(a.error());
    return json_reply(200, {{"device", after}});
}

namespace {

// Makes the state's notice the one the boards should show now; publishes notice.updated
// when it changed. False on a database error (the batch is failed).
bool show_current_notice(WriteContext& ctx, TimePoint now) {
    auto rows = ctx.store.notices(100);  // as HubStore::notice() reads them
    if (!rows) {
        ctx.fail(rows.error());
        return false;
    }
    // The newest active one shows; the clock looks again at the next start or end to come,
    // not every second.
    store::Notice current;
    TimePoint due = TimePoint::max();
    for (const auto& n : *rows) {
        if (current.id == 0 && n.active(now)) current = n;
        for (const std::string* t : {&n.starts_at, &n.ends_at})
            if (auto at = parse_iso8601(*t); n.ended_at.empty() && at && *at > now)
                due = std::min(due, *at);
    }
    ctx.state.notice_due = due;
    if (current.zh == ctx.state.notice.zh && current.en == ctx.state.notice.en) return true;
    ctx.state.notice = current;
    return publish(ctx, net::NoticeUpdated{{current.zh, current.en}, iso(now)}, now);
}

}  // namespace

json notice_json(const store::Notice& n, TimePoint now) {
    auto optional = [](const std::string& s) { return s.empty() ? json(nullptr) : json(s); };
    return {{"id", n.id},
            {"text", net::to_json(Text{n.zh, n.en})},
            {"created_at", n.created_at},
            {"starts_at", n.starts_at.empty() ? n.created_at : n.starts_at},
            {"ends_at", optional(n.ends_at)},
            {"ended_at", optional(n.ended_at)},
            {"active", n.active(now)}};
}

Reply set_notice(WriteContext& ctx, const store::Notice& notice, const std::string& by) {
    TimePoint now = ctx.clock.now();
    if (auto id = ctx.store.insert_notice(notice, now); !id) return ctx.fail(id.error());
    auto text = [](const store::Notice& n) { return dump(net::to_json(Text{n.zh, n.en})); };
    store::AuditEntry entry{
        0, iso(now), by, "notice.set", "notice", text(ctx.state.notice), text(notice)};
    if (auto id = ctx.store.append_audit(entry); !id) return ctx.fail(id.error());
    if (!show_current_notice(ctx, now)) return internal_error_reply();
    return json_reply(200, net::notice_json(Text{notice.zh, notice.en}));
}

Reply add_notice(WriteContext& ctx, const store::Notice& notice, const std::string& by) {
    TimePoint now = ctx.clock.now();
    auto id = ctx.store.insert_notice(notice, now);
    if (!id) return ctx.fail(id.error());
    store::Notice added = notice;
    added.id = *id;
    added.created_at = iso(now);
    json after = notice_json(added, now);
    store::AuditEntry entry{0,  iso(now),   by, "notice.add", "notice " + std::to_string(*id),
                            "", dump(after)};
    if (auto audited = ctx.store.append_audit(entry); !audited) return ctx.fail(audited.error());
    if (!show_current_notice(ctx, now)) return internal_error_reply();
    return json_reply(201, {{"notice", after}});
}

Reply end_notice(WriteContext& ctx, int64_t id, const std::string& by) {
    TimePoint now = ctx.clock.now();
    auto found = ctx.store.notice_by_id(id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::not_found, "there is no notice " + std::to_string(id));
    json before = notice_json(**found, now);
    if (!(*found)->ended_at.empty()) return json_reply(200, {{"notice", before}});
    if (auto st = ctx.store.end_notice(id, now); !st) return ctx.fail(st.error());
    store::Notice ended = **found;
    ended.ended_at = iso(now);
    json after = notice_json(ended, now);
    store::AuditEntry entry{
        0, iso(now), by, "notice.end", "notice " + std::to_string(id), dump(before), dump(after)};
    if (auto audited = ctx.store.append_audit(entry); !audited) return ctx.fail(audited.error());
    if (!show_current_notice(ctx, now)) return internal_error_reply();
    return json_reply(200, {{"notice", after}});
}

Reply clock_tick(WriteContext& ctx) {
    TimePoint now = ctx.clock.now();
    if (now >= ctx.state.notice_due && !show_current_notice(ctx, now))
        return internal_error_reply();
    if (ctx.date_of(now) != ctx.state.hall_day) ctx.rebuild_after_commit();
    return json_reply(200, json::object());
}

json window_plan_row_json(const store::WindowPlan& p, const std::string& today) {
    return {{"id", p.id},
            {"window", p.window},
            {"effective", p.effective},
            {"at", p.at},
            {"who", p.who},
            {"plan", p.plan.empty() ? json(nullptr) : json::parse(p.plan, nullptr, false)},
            {"in_effect", p.effective <= today}};
}

Reply plan_window(WriteContext& ctx, const queue::Hall& base, const WindowPlanRequest& r) {
    TimePoint now = ctx.clock.now();
    std::string today = ctx.date_of(now);
    if (!parse_date(r.effective))
        return error_reply(422, errc::invalid_field, "effective must be a date YYYY-MM-DD");
    if (r.effective < today)
        return error_reply(422, errc::invalid_field,
                           "effective must be today (" + today +
                               ") or later: a plan cannot "
                               "change days already served");
    auto plans = ctx.store.window_plans();
    if (!plans) return ctx.fail(plans.error());
    auto before = planned_hall(base, *plans, r.effective);
    if (!before) return input_error_reply(before.error());
    const queue::Window* existing = before->find_window(r.window);
    std::string name = "window " + std::to_string(r.window);
    if (r.kind == PlanKind::Add && existing)
        return error_reply(409, errc::window_exists, name + " already exists on " + r.effective);
    if (r.kind != PlanKind::Add && !existing)
        return error_reply(404, errc::window_unknown, "there is no " + name + " on " + r.effective);

    store::WindowPlan plan{0, r.window, r.effective, iso(now), r.by, ""};
    json after = nullptr;
    if (r.kind != PlanKind::Close) {
        json window = r.window_json;
        if (window.is_object()) window["number"] = r.window;
        auto parsed = config::parse_window(window, base);
        if (!parsed) return input_error_reply(parsed.error());
        after = window_plan_json(*parsed);
        plan.plan = dump(after);
    }
    // The plan must leave every service a window on its day and on every later day a plan
    // already made takes effect.
    std::vector<store::WindowPlan> with = *plans;
    with.push_back(plan);
    std::stable_sort(with.begin(), with.end(),
                     [](const auto& a, const auto& b) { return a.effective < b.effective; });
    for (const auto& p : with) {
        if (p.effective < r.effective) continue;
        if (auto hall = planned_hall(base, with, p.effective); !hall)
            return input_error_reply(hall.error());
    }
    auto id = ctx.store.insert_window_plan(plan);
    if (!id) return ctx.fail(id.error());
    plan.id = *id;
    static const char* const kActions[] = {"window.add", "window.change", "window.close"};
    store::AuditEntry entry{0,
                            iso(now),
                            r.by,
                            kActions[static_cast<int>(r.kind)],
                            name + " from " + r.effective,
                            existing ? dump(window_plan_json(*existing)) : "",
                            after.is_null() ? "" : dump(after)};
    if (auto audited = ctx.store.append_audit(entry); !audited) return ctx.fail(audited.error());
    if (r.effective == today) ctx.rebuild_after_commit();
    return json_reply(r.kind == PlanKind::Add ? 201 : 200,
                      {{"plan", window_plan_row_json(plan, today)}});
}

json service_with_version(const HubState& state, const queue::Service& service) {
    json out = service_json(state, service);
    auto v = state.guide_versions.find(service.code);
    out["version"] = v == state.guide_versions.end() ? 0 : v->second;
    return out;
}

Reply update_guide(WriteContext& ctx, const GuideEdit& edit) {
    const queue::Service* current = ctx.state.engine.hall().find_service(edit.service);
    if (!current)
        return error_reply(404, errc::service_unknown, "there is no service " + edit.service);
    auto known = ctx.state.guide_versions.find(edit.service);
    int64_t version = known == ctx.state.guide_versions.end() ? 0 : known->second;
    if (edit.version && *edit.version != version)
        return error_reply(409, errc::stale_version,
                           "service " + edit.service +
                               " was changed since you opened it (now "
                               "version " +
                               std::to_string(version) + "); reload it and edit again");
    queue::Service changed = *current;
    if (auto st = apply_guide(changed, edit.fields); !st) return input_error_reply(st.error());
    json before = guide_json(*current);
    json after = guide_json(changed);
    if (before == after)
        return json_reply(200, {{"service", service_with_version(ctx.state, *current)}});
    TimePoint now = ctx.clock.now();
    auto id = ctx.store.insert_service_version(
        {0, edit.service, iso(now), edit.by, dump(before), dump(after)});
    if (!id) return ctx.fail(id.error());
    store::AuditEntry entry{
        0, iso(now), edit.by, "service.update", edit.service, dump(before), dump(after)};
    if (auto audited = ctx.store.append_audit(entry); !audited) return ctx.fail(audited.error());
    ctx.state.engine.update_guide(changed);
    ctx.state.guide_versions[edit.service] = *id;
    if (!publish(ctx, net::ServicesUpdated{edit.service, changed.unit, *id, iso(now)}, now))
        return internal_error_reply();
    return json_reply(200, {{"service", service_with_version(ctx.state, changed)}});
}

Reply raise_alert(WriteContext& ctx, int64_t device, const std::string& device_name,
                  const std::string& kind, const std::string& message) {
    TimePoint now = ctx.clock.now();
    auto id = ctx.store.insert_alert(device, kind, message, now);
    if (!id) return ctx.fail(id.error());
    net::DeviceAlert raised{device_name, kind, message, iso(now)};
    if (!publish(ctx, raised, now)) return internal_error_reply();
    json alert = net::event_data(raised);
    alert["id"] = *id;
    return json_reply(201, {{"alert", alert}});
}

}  // namespace onestop::hub
