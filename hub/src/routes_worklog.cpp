// The work log (工作日志, 第十八条): GET /api/v1/worklog, each staff member's day from the
// records (worklog.cpp), read by the office and the committee for every unit, by a unit's
// lead for their own and by a staff member's session (counter or my page) for themselves; and
// PUT /api/v1/worklog/{staff}/{date}/note, the note a staff member adds at sign-out. Notes
// are versions: a save adds one, the earlier text stays, and every save is audited.
#include "audit.h"
#include "body_fields.h"
#include "figures.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/net/protocol.h"
#include "views.h"
#include "worklog.h"

namespace onestop::hub {

namespace {

constexpr size_t kMaxNote = 2000;  // bytes: a few paragraphs of a day's notes

struct NoteAsked {
    std::string staff, date, note, by;
};

Reply save_note(WriteContext& ctx, const NoteAsked& r) {
    auto member = ctx.store.staff(r.staff);
    if (!member) return ctx.fail(member.error());
    if (!*member)
        return error_reply(404, errc::staff_unknown, "there is no staff member " + r.staff);
    auto notes = ctx.store.worklog_notes(r.date);
    if (!notes) return ctx.fail(notes.error());
    std::optional<store::WorklogNote> before;
    int64_t versions = 0;
    for (const auto& n : *notes)
        if (n.staff == r.staff) {
            before = n;
            ++versions;
        }
    store::WorklogNote note{0, r.staff, r.date, r.note, iso(ctx.clock.now()), r.by};
    // The same words again are no new version.
    if (before && before->note == r.note) {
        note = *before;
    } else {
        auto id = ctx.store.insert_worklog_note(note);
        if (!id) return ctx.fail(id.error());
        ++versions;
        if (!audit(ctx, r.by, "worklog.note", "worklog " + r.staff + " " + r.date,
                   before ? json{{"note", before->note}} : json(nullptr), {{"note", r.note}}))
            return internal_error_reply();
    }
    return json_reply(200, {{"note",
                             {{"staff", note.staff},
                              {"date", note.date},
                              {"note", note.note},
                              {"at", note.at},
                              {"by", note.who},
                              {"version", versions}}}});
}

}  // namespace

void Hub::install_worklog_routes() {
    get("/api/v1/worklog", [this](const Request& req) {
        auto p = who_may(
            req, [](const Principal& x) { return x.staff_member() || x.reads_a_unit(); },
            "the work log is for the hall office, the committee, the units' leads and staff");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        const std::string today = zone_.to_local(clock_->now()).date();
        std::string date = req.get_param_value("date");
        if (date.empty()) date = today;
        std::string unit = req.get_param_value("unit"), staff = req.get_param_value("staff");
        std::string format = req.get_param_value("format");
        if (format.empty()) format = "json";
        if (!is_date(date)) return error_reply(422, errc::invalid_field, "date must be YYYY-MM-DD");
        if (format != "json" && format != "csv" && format != "xlsx")
            return error_reply(422, errc::invalid_field, "format must be json, csv or xlsx");
        if (!unit.empty() && !hall_.find_unit(unit))
            return error_reply(422, errc::invalid_field, "unit " + unit + " is not in this hall");
        if (!staff.empty() && !is_staff_number(staff))
            return error_reply(422, errc::invalid_field, "staff must be a staff number");
        const bool session = principal.staff_member();
        if (session && !staff.empty() && staff != principal.session.staff)
            return forbidden("a staff session reads only its own work log");
        if (!session && !unit.empty() && !principal.sees(unit))
            return forbidden("a unit's lead reads only their own unit's work log");

        auto start = zone_.from_local(date, 0),
             end = zone_.from_local(format_date(*parse_date(date) + 1), 0);
        if (!start || !end) return internal_error_reply();
        const std::string from = zone_.format_iso8601(*start), to = zone_.format_iso8601(*end);
        WorklogInput in;
        in.date = date;
        in.zone = zone_;
        in.day_start = *start;
        in.day_end = *end;
        in.now = clock_->now();
        Status read = Status{};
        {
            std::lock_guard lock(reader_.mu);
            store::HubStore& s = *reader_.store;
            auto take = [&read](auto result, auto& into) {
                if (!read) return;
                if (!result)
                    read = result.error();
                else
                    into = std::move(*result);
            };
            take(s.all_staff(), in.staff);
            take(s.figure_tickets(date, date), in.tickets);
            take(s.cases_opened(date, date), in.cases);
            take(s.case_steps_between(from, to), in.steps);
            take(s.handovers_between(from, to), in.handovers);
            take(s.sessions_between(from, to), in.sessions);
            take(s.worklog_notes(date), in.notes);
        }
        if (!read) {
            logger("hub")->error("reading the work log of {}: {}", date, read.error().message);
            return internal_error_reply();
        }
        auto rows = worklog_day(in, [&](const store::Staff& m) {
            bool mine = session ? m.number == principal.session.staff : principal.sees(m.unit);
            return mine && (unit.empty() || m.unit == unit) && (staff.empty() || m.number == staff);
        });
        json out = json::array();
        for (const auto& r : rows) out.push_back(worklog_json(r));
        json answer = {{"date", date}, {"rows", out}};
        if (!unit.empty()) answer["unit"] = unit;
        if (!staff.empty()) answer["staff"] = staff;
        return report_reply(format, worklog_table(rows),
                            "worklog-" + date + (unit.empty() ? "" : "-" + unit) +
                                (staff.empty() ? "" : "-" + staff),
                            answer);
    });

    put(R"(/api/v1/worklog/([^/]+)/([^/]+)/note)", [this](const Request& req) {
        const std::string staff = req.matches[1], date = req.matches[2];
        auto p = who_may(
            req, [&staff](const Principal& x) { return x.is_staff(staff) || x.office(); },
            "a work log's note is written by a session of that staff member or the hall office");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        if (!is_staff_number(staff))
            return error_reply(422, errc::invalid_field, "staff must be a staff number");
        if (!is_date(date) || date > zone_.to_local(clock_->now()).date())
            return error_reply(422, errc::invalid_field,
                               "date must be YYYY-MM-DD, today or a day before");
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields fields(*body);
        auto note = fields.text("note", true);
        if (!fields.ok()) return fields.problem();
        if (note->size() > kMaxNote)
            return error_reply(422, errc::invalid_field, "note: at most 2000 bytes");
        NoteAsked r{staff, date, *note, std::get<Principal>(p).audit_name()};
        return writer_->submit([r = std::move(r)](WriteContext& ctx) { return save_note(ctx, r); });
    });
}

}  // namespace onestop::hub
