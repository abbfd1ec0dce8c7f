// Cases (办件, issue 13): opened at a window for its called ticket, followed by the applicant
// with the case's code, listed for the office, the committee and the units, resumed,
// completed and handed over between units by staff sessions. Who may ask is decided here,
// from the case as stored; the writer's commands (cases.cpp) decide what the case's state
// allows.
#include "body_fields.h"
#include "cases.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

namespace {

bool session_of(const Principal& p, const std::string& unit) {
    return p.kind == Principal::Kind::Session && p.session.unit == unit;
}

// Whether a unit takes part in the case: its lead unit or a partner with a task.
bool takes_part(const CaseFile& file, const std::string& unit) {
    if (file.record.unit == unit) return true;
    for (const auto& t : file.tasks)
        if (t.unit == unit) return true;
    return false;
}

// Changes made by accounts and admin tokens are audited; staff sessions leave the case's
// steps (their staff number) only.
bool audited(const Principal& p) {
    return p.kind == Principal::Kind::Account || p.kind == Principal::Kind::Device;
}

std::optional<int64_t> path_id(const std::string& text) {
    if (text.size() > 15) return std::nullopt;
    return std::stoll(text);
}

}  // namespace

void Hub::install_case_routes() {
    // The case as stored, or the reply: 404 for an unknown id, 500 on a database error.
    auto read_case = [this](const std::string& id_text) -> std::variant<CaseFile, Reply> {
        auto id = path_id(id_text);
        Result<std::optional<CaseFile>> file = std::optional<CaseFile>{};
        if (id) {
            std::lock_guard lock(reader_.mu);
            file = load_case(*reader_.store, *id);
        }
        if (!file) return internal_error_reply();
        if (!*file) return error_reply(404, errc::case_unknown, "there is no case " + id_text);
        return std::move(**file);
    };
    auto today = [this] { return zone_.to_local(clock_->now()).date(); };

    get("/api/v1/return-reasons", [this](const Request&) {
        json reasons = json::array();
        for (const auto& r : hall_.return_reasons)
            reasons.push_back({{"code", r.code}, {"zh", r.text.zh}, {"en", r.text.en}});
        return json_reply(200, {{"reasons", reasons}});
    });

    post(R"(/api/v1/windows/(\d+)/cases)", [this](const Request& req) {
        auto p = who_may(req, &Principal::signed_in, "");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        const std::string n = req.matches[1];
        OpenCase r;
        r.window = n.size() > 6 ? -1 : std::stoi(n);
        if (!has_window(r.window))
            return error_reply(404, errc::window_unknown, "there is no window " + n);
        if (!principal.admin() &&
            !(principal.kind == Principal::Kind::Session && principal.session.window == r.window))
            return forbidden("cases are opened by the session of window " + n +
                             " (POST /api/v1/sessions)");
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields fields(*body);
        auto mode_text = fields.text("mode", true);
        auto missing = fields.texts("missing", false);
        auto reason = fields.text("reason", false);
        auto note = fields.text("note", false);
        if (!fields.ok()) return fields.problem();
        auto mode = cases::parse_mode(*mode_text);
        if (!mode)
            return error_reply(422, errc::invalid_field,
                               "mode: instant, deadline, supplement or return");
        if (*mode == cases::Mode::Return && !reason)
            return error_reply(422, errc::reason_required,
                               "reason: a return needs one of the hall's return reasons "
                               "(GET /api/v1/return-reasons)");
        r.mode = *mode;
        r.missing = missing.value_or(std::vector<std::string>{});
        r.reason = reason.value_or("");
        r.note = note.value_or("");
        r.staff = principal.kind == Principal::Kind::Session ? principal.session.staff : "";
        r.by = principal.audit_name();
        r.audited = audited(principal);
        r.public_url = options_.public_url;
        return writer_->submit([r = std::move(r)](WriteContext& ctx) { return open_case(ctx, r); });
    });

    get(R"(/api/v1/cases/(\d+))", [this, read_case, today](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto found = read_case(req.matches[1]);
        if (auto* r = std::get_if<Reply>(&found)) return *r;
        const CaseFile& file = std::get<CaseFile>(found);
        const std::string code = req.get_param_value("code");
        bool by_code = !code.empty() && store::same_hash(code, file.record.code);
        bool by_role =
            principal.sees(file.record.unit) || (principal.kind == Principal::Kind::Session &&
                                                 takes_part(file, principal.session.unit));
        if (!by_code && !by_role) {
            if (code.empty() && principal.kind == Principal::Kind::Anonymous)
                return unauthorized("the case's code (?code=…) or a sign-in is needed");
            return forbidden(code.empty() ? "case " + file.record.number + " belongs to unit " +
                                                file.record.unit
                                          : "the case's code does not match");
        }
        return json_reply(200, {{"case", case_json(file, hall_.settings, today(), false)}});
    });

    // Who reads the lists: the office and the committee every unit's rows (""), a unit's lead
    // and a staff session their own unit's; the reply (401, 403) for anyone else.
    auto own_unit = [this](const Request& req) -> std::variant<std::string, Reply> {
        auto p = who_may(req, &Principal::signed_in, "");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Session) return principal.session.unit;
        if (!principal.reads_a_unit())
            return forbidden("cases are for the hall office, the committee, the units and staff");
        return principal.reads_all() ? std::string() : principal.account.account.unit;
    };

    get("/api/v1/cases", [this, today, own_unit](const Request& req) {
        auto reader = own_unit(req);
        if (auto* r = std::get_if<Reply>(&reader)) return *r;
        const std::string own = std::get<std::string>(reader);
        store::CaseFilter filter;
        filter.status = req.get_param_value("status");
        filter.unit = req.get_param_value("unit");
        if (!filter.status.empty() && !cases::parse_status(filter.status))
            return error_reply(422, errc::invalid_field,
                               "status: completed, accepted, awaiting_supplement or returned");
        if (!own.empty()) {
            if (!filter.unit.empty() && filter.unit != own)
                return forbidden("unit " + filter.unit + "'s cases are not yours to read");
            filter.unit = own;
        }
        bool overdue = req.get_param_value("overdue") == "1";
        bool due = req.get_param_value("due") == "1";
        Result<std::vector<store::CaseRecord>> rows = std::vector<store::CaseRecord>{};
        std::vector<CaseFile> files;
        // The counter finds a returning applicant's case by the number typed or scanned.
        const std::string number = req.get_param_value("number");
        {
            std::lock_guard lock(reader_.mu);
            if (number.empty()) {
                rows = reader_.store->cases(filter);
            } else if (auto one = reader_.store->case_by_number(number); !one) {
                rows = one.error();
            } else {
                rows = std::vector<store::CaseRecord>{};
                bool wanted = *one && (filter.unit.empty() || (*one)->unit == filter.unit) &&
                              (filter.status.empty() || (*one)->status == filter.status);
                if (wanted) rows->push_back(std::move(**one));
            }
            for (size_t i = 0; rows && i < rows->size(); ++i) {
                auto file = load_case(*reader_.store, (*rows)[i].id);
                if (!file || !*file) return internal_error_reply();
                files.push_back(std::move(**file));
            }
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        std::string day = today();
        for (const auto& file : files) {
            json c = case_json(file, hall_.settings, day, false);
            if (overdue && c["due"] != "overdue") continue;
            if (due && c["due"].is_null()) continue;
            out.push_back(std::move(c));
        }
        return json_reply(200, {{"cases", out}});
    });

    // The case's own changes: who may ask, from the case as stored.
    struct Action {
        std::string name;
        CaseAction action;
        bool office;  // the office may do it as well as a session of the case's unit
    };
    const std::vector<Action> actions = {{"resume", CaseAction::Resume, true},
                                         {"complete", CaseAction::Complete, true},
                                         {"supplement", CaseAction::Supplement, false},
                                         {"allow-supplement", CaseAction::AllowSupplement, true},
                                         {"tasks/done", CaseAction::FinishTask, true}};
    for (const auto& a : actions) {
        post(R"(/api/v1/cases/(\d+)/)" + a.name, [this, read_case, a](const Request& req) {
            auto p = who_may(req, &Principal::signed_in, "");
            if (auto* r = std::get_if<Reply>(&p)) return *r;
            const Principal& principal = std::get<Principal>(p);
            auto found = read_case(req.matches[1]);
            if (auto* r = std::get_if<Reply>(&found)) return *r;
            const CaseFile& file = std::get<CaseFile>(found);
            const std::string& unit = file.record.unit;
            CaseChange change;
            change.id = file.record.id;
            change.action = a.action;
            change.by = principal.audit_name();
            change.audited = audited(principal);
            // 一次告知 is the rule: only the hall office allows another 补正 request. A partner
            // unit's session finishes its own task; the case's unit's sessions do the rest.
            bool allowed = a.office && principal.office();
            if (a.action == CaseAction::FinishTask) {
                if (principal.kind == Principal::Kind::Session)
                    change.unit = principal.session.unit;
                allowed =
                    allowed || (principal.kind == Principal::Kind::Session &&
                                principal.session.unit != unit && takes_part(file, change.unit));
            } else if (a.action != CaseAction::AllowSupplement) {
                allowed = allowed || session_of(principal, unit);
            }
            if (!allowed)
                return forbidden("case " + file.record.number + " belongs to unit " + unit +
                                 (a.office ? "; its unit's staff or the hall office act on it"
                                           : "; its unit's staff act on it"));
            auto body = net::parse_request_body(req.body);
            if (!body) return input_error_reply(body.error());
            BodyFields fields(*body);
            if (a.action == CaseAction::Complete)
                change.text = fields.text("result", true).value_or("");
            if (a.action == CaseAction::Supplement)
                change.missing = fields.texts("missing", true).value_or(std::vector<std::string>{});
            if (a.action == CaseAction::FinishTask && change.unit.empty())
                change.unit = fields.text("unit", true).value_or("");
            if (!fields.ok()) return fields.problem();
            Reply reply = writer_->submit([change = std::move(change)](WriteContext& ctx) {
                return change_case(ctx, change);
            });
            if (a.action == CaseAction::Complete && reply.status == 200) wake_notifier();
            return reply;
        });
    }

    post(R"(/api/v1/cases/(\d+)/handovers)", [this, read_case](const Request& req) {
        auto p = who_may(req, &Principal::signed_in, "");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto found = read_case(req.matches[1]);
        if (auto* r = std::get_if<Reply>(&found)) return *r;
        const CaseFile& file = std::get<CaseFile>(found);
        // Materials move from the unit holding them: the lead unit, or a partner sending back.
        if (principal.kind != Principal::Kind::Session || !takes_part(file, principal.session.unit))
            return forbidden("hand-overs of case " + file.record.number +
                             " are made by a staff session of a unit handling it");
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields fields(*body);
        HandOver r;
        r.case_id = file.record.id;
        r.to_unit = fields.text("to_unit", true).value_or("");
        r.items = fields.texts("items", true).value_or(std::vector<std::string>{});
        if (!fields.ok()) return fields.problem();
        r.from_unit = principal.session.unit;
        r.from_staff = principal.session.staff;
        r.by = principal.audit_name();
        return writer_->submit([r = std::move(r)](WriteContext& ctx) { return hand_over(ctx, r); });
    });

    post(R"(/api/v1/handovers/(\d+)/confirm)", [this](const Request& req) {
        auto p = who_may(req, &Principal::signed_in, "");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto id = path_id(req.matches[1]);
        Result<std::optional<store::Handover>> found = std::optional<store::Handover>{};
        if (id) {
            std::lock_guard lock(reader_.mu);
            found = reader_.store->handover(*id);
        }
        if (!found) return internal_error_reply();
        if (!*found)
            return error_reply(404, errc::handover_unknown,
                               "there is no hand-over " + std::string(req.matches[1]));
        if (!session_of(principal, (*found)->to_unit))
            return forbidden("a hand-over is confirmed by a staff session of the receiving unit " +
                             (*found)->to_unit);
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields fields(*body);
        auto staff = fields.text("staff", true);
        auto pin = fields.text("pin", true);
        if (!fields.ok()) return fields.problem();
        ConfirmHandOver r;
        r.id = (*found)->id;
        r.staff = *staff;
        r.by = principal.audit_name();
        {
            std::lock_guard lock(reader_.mu);
            auto member = reader_.store->staff(*staff);
            if (!member) return internal_error_reply();
            // The slow hash runs here, not on the writer thread.
            r.pin_ok =
                *member && !(*member)->disabled() && store::verify_pin((*member)->pin_hash, *pin);
        }
        return writer_->submit(
            [r = std::move(r)](WriteContext& ctx) { return confirm_hand_over(ctx, r); });
    });

    // Pending hand-overs show on both sides: the unit that sent and the unit to confirm.
    get("/api/v1/handovers", [this, own_unit](const Request& req) {
        auto reader = own_unit(req);
        if (auto* r = std::get_if<Reply>(&reader)) return *r;
        const std::string own = std::get<std::string>(reader);
        std::string status = req.get_param_value("status");
        Result<std::vector<store::Handover>> rows = std::vector<store::Handover>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->all_handovers(status);
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        for (const auto& h : *rows)
            if (own.empty() || h.from_unit == own || h.to_unit == own)
                out.push_back(handover_json(h));
        return json_reply(200, {{"handovers", out}});
    });
}

}  // namespace onestop::hub
