// Leave (第三十、三十一条), missed-punch corrections (第二十六条) and the office's meetings and
// trainings (第三十一条).
// - Leave: a staff member (their counter session or my page) or the office asks for days or half
// days
//   of a kind the hall file lists, naming a substitute; the substitute confirms (their own
//   session, or the office); the office approves or refuses. Approved leave marks those half
//   days `leave` and puts the substitute on the roster there.
// - Corrections: a missed sign-in or sign-out is corrected only through a request with a
//   reason (the staff member, their unit's lead or the office asks; the office decides).
// - Meetings: date and half day, topic, who must attend; the office records who came.
// Every step is audited; a unit's lead sees and acts for its own unit only.
#include <algorithm>

#include "attendance.h"
#include "audit.h"
#include "body_fields.h"
#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "people_requests.h"
#include "rosters.h"

namespace onestop::hub {

namespace {

// A staff session or the office.
bool staff_or_office(const Principal& p) {
    return p.staff_member() || p.office();
}

// Staff sessions, the office and units' leads.
bool staff_or_unit(const Principal& p) {
    return p.staff_member() || p.changes_a_unit();
}

// Whether `p` sees request `r`: readers by unit, a staff member theirs (and, for leave, where
// they stand in).
bool sees_request(const Principal& p, const store::PeopleRequest& r) {
    if (p.staff_member()) {
        if (r.staff == p.session.staff) return true;
        json body = json::parse(r.body, nullptr, false);
        return body.is_object() && body.value("substitute", "") == p.session.staff;
    }
    return p.sees(r.unit);
}

// The staff member `number` on the writer thread, or the answer (422: the request names them).
std::variant<store::Staff, Reply> member(WriteContext& ctx, const std::string& number,
                                         const char* field) {
    auto found = ctx.store.staff(number);
    if (!found) return ctx.fail(found.error());
    if (!*found || (*found)->disabled())
        return error_reply(422, errc::invalid_field,
                           std::string(field) + ": there is no staff member " + number +
                               " (or they are disabled)");
    return **found;
}

// The months (YYYY-MM) leave from `from` to `to` touches.
std::vector<std::string> months_of(const std::string& from, const std::string& to) {
    std::vector<std::string> out;
    auto a = parse_date(from.substr(0, 10)), b = parse_date(to.substr(0, 10));
    if (!a || !b) return out;
    for (int d = *a; d <= *b; ++d) {
        std::string m = format_date(d).substr(0, 7);
        if (out.empty() || out.back() != m) out.push_back(m);
    }
    return out;
}

struct LeaveAsk {
    std::string staff, from, to, kind, reason, substitute;
};

Reply ask_leave(WriteContext& ctx, const Principal& p, const LeaveAsk& a) {
    auto staff = member(ctx, a.staff, "staff");
    if (auto* r = std::get_if<Reply>(&staff)) return *r;
    if (!a.substitute.empty()) {
        auto sub = member(ctx, a.substitute, "substitute");
        if (auto* r = std::get_if<Reply>(&sub)) return *r;
    }
    store::PeopleRequest leave;
    leave.kind = "leave";
    leave.staff = a.staff;
    leave.unit = std::get<store::Staff>(staff).unit;
    // Without a substitute (leave from a meeting, 第三十一条) it goes to the office at once.
    leave.status = a.substitute.empty() ? "awaiting_approval" : "awaiting_substitute";
    leave.body = dump({{"from", a.from},
                       {"to", a.to},
                       {"kind", a.kind},
                       {"reason", a.reason},
                       {"substitute", a.substitute}});
    return ask(ctx, leave, p.audit_name(), "leave");
}

// Recomputes a published month's sheet after an approved correction and publishes it again
// with the reason (the first publication stays in the table).
Reply republish(WriteContext& ctx, const std::string& month, TimeZone zone, const std::string& by,
                const std::string& reason, Reply answer) {
    auto period = month_period(month);
    if (!period) return answer;
    auto sheet = compute_sheet(ctx.store, ctx.state.engine.hall(), zone, ctx.clock.now(), *period);
    if (!sheet) return ctx.fail(sheet.error());
    auto staff = ctx.store.all_staff();
    if (!staff) return ctx.fail(staff.error());
    store::SheetRow row{0,
                        month,
                        dump({{"staff", sheet_json(*sheet, *staff)}}),
                        reason,
                        format_iso8601(ctx.clock.now()),
                        by};
    auto id = ctx.store.insert_sheet(row);
    if (!id) return ctx.fail(id.error());
    if (!audit(ctx, by, "attendance.republish", "attendance:" + month, nullptr,
               {{"reason", reason}}))
        return internal_error_reply();
    return answer;
}

}  // namespace

void Hub::install_leave_routes() {
    auto body_of = [](const Request& req) -> std::variant<json, Reply> {
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        return std::move(*body);
    };
    auto office = [this](const Request& req) {
        return who_may(req, &Principal::office, "only the hall office does this");
    };
    // The reason an office decision may give (optional).
    auto note_of = [body_of](const Request& req) -> std::variant<std::string, Reply> {
        if (req.body.empty()) return std::string();
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        auto reason = f.text("reason", false);
        if (!f.ok()) return f.problem();
        if (reason && !is_label(*reason, 500))
            return error_reply(422, errc::invalid_field,
                               "reason must have 1 to 500 bytes and no tabs or line breaks");
        return reason.value_or("");
    };
    // A list of requests of `kind` for whoever may see them, under `key`.
    auto list = [this](const Request& req, const std::string& kind, const char* key) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.staff_member() && !principal.reads_a_unit())
            return forbidden("requests are for the staff they concern, their units and the office");
        Result<std::vector<store::PeopleRequest>> rows = std::vector<store::PeopleRequest>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->requests(kind);
        }
        if (!rows) return internal_error_reply();
        std::string status = req.get_param_value("status");
        json out = json::array();
        for (const auto& r : *rows)
            if (sees_request(principal, r) && (status.empty() || r.status == status))
                out.push_back(request_json(r));
        return json_reply(200, {{key, out}});
    };

    post("/api/v1/leave", [this, body_of](const Request& req) {
        auto p = who_may(req, staff_or_office,
                         "leave is asked for by the staff member (their counter session or my "
                         "page) or the hall office");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        // A staff member asks for themselves without naming themselves.
        auto staff = f.text("staff", !principal.staff_member());
        auto from = f.text("from", true), to = f.text("to", true), kind = f.text("kind", true),
             reason = f.text("reason", true), substitute = f.text("substitute", false);
        if (!f.ok()) return f.problem();
        LeaveAsk a{staff.value_or(principal.staff_member() ? principal.session.staff : ""),
                   *from,
                   *to,
                   *kind,
                   *reason,
                   substitute.value_or("")};
        auto span = leave_span(a.from, a.to);
        if (!span)
            f.invalid("from and to must be YYYY-MM-DD, or YYYY-MM-DDam / YYYY-MM-DDpm, from first");
        else if (span->second - span->first >= 2 * 181)
            f.invalid("leave is asked for at most 181 days at a time");
        const auto& kinds = hall_.settings.leave_kinds;
        if (std::find(kinds.begin(), kinds.end(), a.kind) == kinds.end()) {
            std::string names;
            for (const auto& k : kinds) names += (names.empty() ? "" : " ") + k;
            f.invalid("kind must be one of the hall's kinds of leave: " + names);
        }
        if (!is_label(a.reason, 500))
            f.invalid("reason must have 1 to 500 bytes and no tabs or line breaks");
        if (a.substitute == a.staff) f.invalid("the substitute must be someone else");
        if (!f.ok()) return f.problem();
        if (principal.staff_member() && a.staff != principal.session.staff)
            return forbidden("staff ask for their own leave; the hall office asks for others");
        return writer_->submit(
            [principal, a](WriteContext& ctx) { return ask_leave(ctx, principal, a); });
    });

    get("/api/v1/leave", [list](const Request& req) { return list(req, "leave", "leave"); });

    post(R"(/api/v1/leave/(\d+)/([^/]+))", [this, note_of, body_of](const Request& req) {
        const std::string verb = req.matches[2];
        if (verb != "confirm" && verb != "approve" && verb != "refuse")
            return error_reply(404, errc::not_found, "leave is confirmed, approved or refused");
        auto p =
            verb == "confirm"
                ? who_may(req, staff_or_office,
                          "the substitute (their counter session or my page) or the hall "
                          "office confirms")
                : who_may(req, &Principal::office, "the hall office approves or refuses leave");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto note = note_of(req);
        if (auto* r = std::get_if<Reply>(&note)) return *r;
        // At a counter the substitute need not be the one signed in there: they sign with
        // their own number and PIN ({"staff","pin"}), checked as a hand-over's is.
        std::optional<std::pair<std::string, bool>> signer;
        if (verb == "confirm" && !req.body.empty()) {
            auto body = body_of(req);
            if (auto* r = std::get_if<Reply>(&body)) return *r;
            BodyFields f(std::get<json>(body));
            auto staff = f.text("staff", false), pin = f.text("pin", false);
            if (!f.ok()) return f.problem();
            if (pin) {
                if (!staff)
                    return error_reply(400, errc::missing_field, "staff is required with pin");
                auto ok = pin_matches(*staff, *pin);
                if (!ok) return internal_error_reply();
                signer = std::make_pair(*staff, *ok);
            }
        }
        return writer_->submit([principal = std::get<Principal>(p), id = path_id(req.matches[1]),
                                verb, note = std::get<std::string>(note),
                                signer](WriteContext& ctx) {
            auto found = find_request(ctx, id, "leave");
            if (auto* r = std::get_if<Reply>(&found)) return *r;
            store::PeopleRequest leave = std::get<store::PeopleRequest>(found);
            json body = json::parse(leave.body, nullptr, false);
            std::string by = principal.audit_name();
            if (verb == "confirm") {
                const std::string substitute = body.value("substitute", "");
                if (signer) {
                    auto signed_by = check_staff_pin(ctx, signer->first, signer->second, 403,
                                                     "the substitute's number or PIN is wrong");
                    if (auto* refused = std::get_if<Reply>(&signed_by)) return *refused;
                    if (signer->first != substitute)
                        return forbidden("only the substitute named in the request confirms it");
                    by = "staff:" + signer->first;
                } else if (principal.staff_member() && substitute != principal.session.staff) {
                    return forbidden("only the substitute named in the request confirms it");
                }
                return move(ctx, leave, {"awaiting_substitute"}, "awaiting_approval", false, by, "",
                            "confirm", "leave");
            }
            if (verb == "refuse")
                return move(ctx, leave, {"awaiting_substitute", "awaiting_approval"}, "refused",
                            true, by, note, "refuse", "leave");
            for (const auto& month : months_of(body.value("from", ""), body.value("to", ""))) {
                auto published = month_is_published(ctx, month);
                if (!published) return internal_error_reply();
                if (*published)
                    return error_reply(409, errc::month_published,
                                       "the attendance of " + month +
                                           " is published; ask for a correction instead");
            }
            return move(ctx, leave, {"awaiting_approval"}, "approved", true, by, note, "approve",
                        "leave");
        });
    });

    post("/api/v1/attendance/corrections", [this, body_of](const Request& req) {
        auto p = who_may(req, staff_or_unit,
                         "a correction is asked for by the staff member, their unit's lead or "
                         "the hall office");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        const json& b = std::get<json>(body);
        BodyFields f(b);
        auto staff = f.text("staff", !principal.staff_member());
        auto date = f.text("date", true), half = f.text("half", true),
             check_in = f.text("check_in", true), check_out = f.text("check_out", true),
             reason = f.text("reason", true);
        if (!f.ok()) return f.problem();
        if (!b.contains("window"))
            return error_reply(400, errc::missing_field, "window is required");
        if (!b["window"].is_number_integer())
            return error_reply(400, errc::wrong_type, "window must be a number");
        int window = b["window"].get<int>();
        std::string number =
            staff.value_or(principal.staff_member() ? principal.session.staff : "");
        auto clock_ok = [](const std::string& t) {
            return t.size() == 5 && t[2] == ':' && t < "24:00" && t.substr(3) < "60";
        };
        if (!is_date(*date)) f.invalid("date must be YYYY-MM-DD");
        if (!people::parse_half(*half)) f.invalid("half must be am or pm");
        if (!clock_ok(*check_in) || !clock_ok(*check_out) || *check_out <= *check_in)
            f.invalid("check_in and check_out must be HH:MM, check_in first");
        if (!is_label(*reason, 500))
            f.invalid("reason must have 1 to 500 bytes and no tabs or line breaks");
        if (!f.ok()) return f.problem();
        if (!has_window(window))
            return error_reply(422, errc::window_unknown,
                               "there is no window " + std::to_string(window));
        if (principal.staff_member() && number != principal.session.staff)
            return forbidden(
                "staff correct their own attendance; their unit's lead or the hall "
                "office others'");
        json fields = {{"date", *date},         {"half", *half},           {"window", window},
                       {"check_in", *check_in}, {"check_out", *check_out}, {"reason", *reason}};
        return writer_->submit([principal, number, fields](WriteContext& ctx) {
            auto staff = member(ctx, number, "staff");
            if (auto* r = std::get_if<Reply>(&staff)) return *r;
            const store::Staff& s = std::get<store::Staff>(staff);
            if (!principal.staff_member() && !principal.acts_for(s.unit))
                return forbidden("staff member " + number + " belongs to another unit");
            store::PeopleRequest c;
            c.kind = "correction";
            c.staff = number;
            c.unit = s.unit;
            c.status = "pending";
            c.body = dump(fields);
            return ask(ctx, c, principal.audit_name(), "correction");
        });
    });

    get("/api/v1/attendance/corrections",
        [list](const Request& req) { return list(req, "correction", "corrections"); });

    post(R"(/api/v1/attendance/corrections/(\d+)/([^/]+))", [this, office,
                                                             note_of](const Request& req) {
        const std::string verb = req.matches[2];
        if (verb != "approve" && verb != "refuse")
            return error_reply(404, errc::not_found, "a correction is approved or refused");
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto note = note_of(req);
        if (auto* r = std::get_if<Reply>(&note)) return *r;
        return writer_->submit([this, by = std::get<Principal>(p).audit_name(),
                                id = path_id(req.matches[1]), verb,
                                note = std::get<std::string>(note)](WriteContext& ctx) {
            auto found = find_request(ctx, id, "correction");
            if (auto* r = std::get_if<Reply>(&found)) return *r;
            const store::PeopleRequest& c = std::get<store::PeopleRequest>(found);
            if (verb == "refuse")
                return move(ctx, c, {"pending"}, "refused", true, by, note, "refuse", "correction");
            Reply answer =
                move(ctx, c, {"pending"}, "approved", true, by, note, "approve", "correction");
            if (answer.status != 200) return answer;
            // After publication a month changes only this way: publish it again, saying why.
            std::string month = json::parse(c.body, nullptr, false).value("date", "").substr(0, 7);
            auto published = month_is_published(ctx, month);
            if (!published) return internal_error_reply();
            if (!*published) return answer;
            return republish(ctx, month, zone_, by, "correction " + std::to_string(id), answer);
        });
    });

    post("/api/v1/meetings", [this, office, body_of](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        const json& b = std::get<json>(body);
        BodyFields f(b);
        auto date = f.text("date", true), half = f.text("half", true),
             topic = f.text("topic", true);
        if (!f.ok()) return f.problem();
        if (!b.contains("must_attend") || !b["must_attend"].is_array())
            return error_reply(400,
                               b.contains("must_attend") ? errc::wrong_type : errc::missing_field,
                               "must_attend must be an array of staff numbers");
        store::MeetingRow m;
        for (const auto& n : b["must_attend"]) {
            if (!n.is_string() || !is_staff_number(n.get<std::string>()))
                return error_reply(422, errc::invalid_field, "must_attend lists staff numbers");
            m.must.push_back(n.get<std::string>());
        }
        if (!is_date(*date)) f.invalid("date must be YYYY-MM-DD");
        if (!people::parse_half(*half)) f.invalid("half must be am or pm");
        if (!is_label(*topic, 200))
            f.invalid("topic must have 1 to 200 bytes and no tabs or line breaks");
        if (!f.ok()) return f.problem();
        m.date = *date;
        m.half = *half;
        m.topic = *topic;
        m.who = std::get<Principal>(p).audit_name();
        return writer_->submit([m](WriteContext& ctx) mutable {
            for (const auto& n : m.must) {
                auto s = member(ctx, n, "must_attend");
                if (auto* r = std::get_if<Reply>(&s)) return *r;
            }
            m.at = format_iso8601(ctx.clock.now());
            auto id = ctx.store.insert_meeting(m);
            if (!id) return ctx.fail(id.error());
            m.id = *id;
            json answer = {{"id", m.id},       {"date", m.date},        {"half", m.half},
                           {"topic", m.topic}, {"must_attend", m.must}, {"came", m.came}};
            if (!audit(ctx, m.who, "meeting.add", "meeting:" + std::to_string(m.id), nullptr,
                       answer))
                return internal_error_reply();
            return json_reply(201, {{"meeting", answer}});
        });
    });

    put(R"(/api/v1/meetings/(\d+)/attendance)", [this, office, body_of](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        const json& b = std::get<json>(body);
        if (!b.contains("came") || !b["came"].is_array())
            return error_reply(400, b.contains("came") ? errc::wrong_type : errc::missing_field,
                               "came must be an array of staff numbers");
        std::vector<std::string> came;
        for (const auto& n : b["came"]) {
            if (!n.is_string())
                return error_reply(400, errc::wrong_type, "came lists staff numbers");
            came.push_back(n.get<std::string>());
        }
        return writer_->submit([by = std::get<Principal>(p).audit_name(),
                                id = path_id(req.matches[1]), came](WriteContext& ctx) {
            auto found = ctx.store.meeting(id);
            if (!found) return ctx.fail(found.error());
            if (!*found)
                return error_reply(404, errc::meeting_unknown,
                                   "there is no meeting " + std::to_string(id));
            store::MeetingRow m = **found;
            for (const auto& n : came)
                if (std::find(m.must.begin(), m.must.end(), n) == m.must.end())
                    return error_reply(
                        422, errc::invalid_field,
                        n + " was not asked to attend meeting " + std::to_string(id));
            if (auto st = ctx.store.set_meeting_came(id, came); !st) return ctx.fail(st.error());
            json before = {{"came", m.came}};
            m.came = came;
            json answer = {{"id", m.id},       {"date", m.date},        {"half", m.half},
                           {"topic", m.topic}, {"must_attend", m.must}, {"came", m.came}};
            if (!audit(ctx, by, "meeting.attendance", "meeting:" + std::to_string(id), before,
                       {{"came", came}}))
                return internal_error_reply();
            return json_reply(200, {{"meeting", answer}});
        });
    });

    get("/api/v1/meetings", [this](const Request& req) {
        auto p = who_may(
            req, [](const Principal& x) { return x.reads_a_unit() || x.staff_member(); },
            "meetings are for the hall office, the committee, the units' leads and the staff "
            "asked to attend");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        std::string month = req.get_param_value("date");
        if (!month.empty() && !month_period(month))
            return error_reply(422, errc::invalid_field, "date must be YYYY-MM");
        Result<std::vector<store::MeetingRow>> rows = std::vector<store::MeetingRow>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->meetings(month);
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        for (const auto& m : *rows) {
            // A staff member sees the meetings they are asked to attend.
            if (principal.staff_member() &&
                std::find(m.must.begin(), m.must.end(), principal.session.staff) == m.must.end())
                continue;
            out.push_back({{"id", m.id},
                           {"date", m.date},
                           {"half", m.half},
                           {"topic", m.topic},
                           {"must_attend", m.must},
                           {"came", m.came}});
        }
        return json_reply(200, {{"meetings", out}});
    });
}

}  // namespace onestop::hub
