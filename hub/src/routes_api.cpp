// The JSON API except the window actions: health, catalogue, queue, tickets,
// leases, sessions, evaluations, notice, alerts.
#include <charconv>

#include "commands.h"
#include "hub.h"
#include "input.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/time.h"
#include "onestop/base/version.h"
#include "onestop/store/secrets.h"
#include "views.h"

namespace onestop::hub {

using store::Role;

namespace {

int64_t path_id(const httplib::Request& req, size_t index = 1) {
    int64_t v = 0;
    const std::string s = req.matches[index];
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() ? v : -1;
}

const std::set<std::string> kAlertKinds = {"printer_paper_end", "printer_cover_open",
                                           "printer_offline",   "printer_error",
                                           "ticket_renumbered", "ticket_refused"};

// Reads the fields of POST /tickets into an IssueRequest.
Result<IssueRequest> read_issue(const json& body, int64_t device) {
    IssueRequest r;
    r.device = device;
    auto service = get_string(body, "service", 8);
    if (!service) return service.error();
    r.service = *service;
    auto priority = get_bool(body, "priority", false);
    if (!priority) return priority.error();
    r.priority = *priority ? queue::Priority::Green : queue::Priority::Normal;
    auto request_id = get_optional_string(body, "request_id", 128);
    if (!request_id) return request_id.error();
    if (*request_id) {
        if ((*request_id)->empty()) return invalid_field("request_id", "must not be empty");
        r.request_id = **request_id;
    }
    auto leased = body.find("leased");
    if (leased != body.end() && !leased->is_null()) {
        if (!leased->is_object())
            return make_error(errc::wrong_type, "field 'leased' must be an object");
        auto day = get_string(*leased, "service_day", 10);
        if (!day) return day.error();
        if (!parse_date(*day))
            return invalid_field("leased.service_day", "must be a date YYYY-MM-DD");
        auto seq = get_int(*leased, "sequence");
        if (!seq) return seq.error();
        if (*seq < 1 || *seq > 9999) return invalid_field("leased.sequence", "must be 1…9999");
        auto hub_id = get_optional_string(*leased, "hub_id", 64);
        if (!hub_id) return hub_id.error();
        auto issued = get_string(body, "issued_at", 40);
        if (!issued) return issued.error();
        auto at = parse_iso8601(*issued);
        if (!at) return invalid_field("issued_at", "must be an ISO 8601 time with offset");
        if (r.request_id.empty())
            return make_error(errc::missing_field,
                              "field 'request_id' is required for leased tickets");
        r.leased_day = *day;
        r.leased_sequence = static_cast<int>(*seq);
        r.leased_hub_id = hub_id->value_or("");
        r.issued_at = *at;
    }
    return r;
}

Result<EvaluationRequest> read_evaluation(const json& body,
                                          const std::vector<queue::RatingReason>& known) {
    EvaluationRequest r;
    auto ticket = get_int(body, "ticket");
    if (!ticket) return ticket.error();
    r.ticket = *ticket;
    auto level = get_int(body, "level");
    if (!level) return level.error();
    if (*level < 1 || *level > 5)
        return invalid_field("level", "must be 1…5 (5 非常满意 … 1 非常不满意)");
    r.level = static_cast<int>(*level);
    auto reasons = get_string_list(body, "reasons");
    if (!reasons) return reasons.error();
    for (const auto& code : *reasons) {
        bool found =
            std::any_of(known.begin(), known.end(), [&](const auto& k) { return k.code == code; });
        if (!found)
            return make_error(errc::reason_unknown,
                              "unknown rating reason '" + code + "'; see /api/v1/rating-reasons");
    }
    if (r.level <= 2 && reasons->empty())
        return make_error(
            errc::reason_required,
            "a rating of 2 or less needs at least one reason from /api/v1/rating-reasons");
    r.reasons = *reasons;
    auto comment = get_optional_string(body, "comment", 2000);
    if (!comment) return comment.error();
    r.comment = comment->value_or("");
    return r;
}

}  // namespace

void Hub::install_api_routes() {
    // A kiosk (or the office) for the ticket and lease routes: else the 401/403 to send.
    auto kiosk = [this](const httplib::Request& req,
                        const char* refusal) -> std::variant<Principal, Reply> {
        auto p = who(req);
        if (std::holds_alternative<Reply>(p)) return p;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.is(Role::Kiosk) && !principal.admin()) return forbidden(refusal);
        return p;
    };
    get("/api/v1/health", [this](const httplib::Request&) {
        return with_state([](const HubState& s) {
            return json_reply(200,
                              {{"status", "ok"}, {"version", version()}, {"hub_id", s.hub_id}});
        });
    });
    get("/api/v1/services", [this](const httplib::Request&) {
        return with_state([](const HubState& s) { return json_reply(200, services_json(s)); });
    });
    get("/api/v1/queue", [this](const httplib::Request&) {
        TimePoint now = clock_->now();
        return with_state([now](const HubState& s) { return json_reply(200, queue_json(s, now)); });
    });
    get("/api/v1/rating-reasons", [this](const httplib::Request&) {
        json reasons = json::array();
        for (const auto& r : hall_.rating_reasons)
            reasons.push_back({{"code", r.code}, {"zh", r.text.zh}, {"en", r.text.en}});
        return json_reply(200, {{"reasons", reasons}});
    });
    get("/api/v1/notice", [this](const httplib::Request&) {
        return with_state([](const HubState& s) {
            return json_reply(200, {{"text", {{"zh", s.notice.zh}, {"en", s.notice.en}}}});
        });
    });
    get(R"(/api/v1/windows/(\d+))", [this](const httplib::Request& req) {
        int n = static_cast<int>(path_id(req));
        return with_state([n](const HubState& s) {
            const queue::Window* w = s.engine.hall().find_window(n);
            if (!w)
                return error_reply(404, errc::window_unknown,
                                   "there is no window " + std::to_string(n));
            return json_reply(200, {{"window", window_json(s, *w, true)}});
        });
    });

    get(R"(/api/v1/tickets/(\d+))", [this](const httplib::Request& req) {
        int64_t id = path_id(req);
        std::string code = req.get_param_value("code");
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        return with_state([&](const HubState& s) {
            const queue::Ticket* t = s.engine.ticket(id);
            auto rec = s.records.find(id);
            if (!t || rec == s.records.end())
                return error_reply(404, errc::ticket_unknown,
                                   "there is no ticket " + std::to_string(id));
            bool allowed =
                principal.admin() || (!code.empty() && store::same_hash(code, rec->second.code));
            if (!allowed) {
                if (code.empty() && principal.kind == Principal::Kind::Anonymous)
                    return unauthorized("the ticket's code (?code=…) or a token is needed");
                return forbidden("the ticket's code does not match");
            }
            return json_reply(200, {{"ticket", ticket_json(s, *t, false)}});
        });
    });

    post("/api/v1/tickets", [this, kiosk](const httplib::Request& req) {
        auto p = kiosk(req, "only kiosks issue tickets");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = parse_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto issue = read_issue(*body, principal.device.id);
        if (!issue) return input_error_reply(issue.error());
        issue->public_url = options_.public_url;
        if (!hall_.find_service(issue->service))
            return error_reply(422, errc::service_unknown,
                               "there is no service '" + issue->service + "'");
        return writer_->submit(
            [r = std::move(*issue)](WriteContext& ctx) { return issue_ticket(ctx, r); });
    });

    post("/api/v1/leases", [this, kiosk](const httplib::Request& req) {
        auto p = kiosk(req, "only kiosks lease numbers");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = parse_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto service = get_string(*body, "service", 8);
        if (!service) return input_error_reply(service.error());
        auto count = get_int(*body, "count");
        if (!count) return input_error_reply(count.error());
        if (*count < 1 || *count > 200)
            return input_error_reply(invalid_field("count", "must be 1…200"));
        if (!hall_.find_service(*service))
            return error_reply(422, errc::service_unknown,
                               "there is no service '" + *service + "'");
        int64_t device = principal.device.id;
        return writer_->submit([device, s = *service, n = static_cast<int>(*count)](
                                   WriteContext& ctx) { return lease_numbers(ctx, device, s, n); });
    });

    // The device's blocks from today on, as this database knows them: a kiosk drops
    // the blocks it holds that are not listed (another database, or a restored one).
    get("/api/v1/leases", [this, kiosk](const httplib::Request& req) {
        auto p = kiosk(req, "only kiosks lease numbers");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        std::string today = to_local(clock_->now()).date();
        json list = json::array();
        {
            std::lock_guard lock(reader_.mu);
            auto leases = reader_.store->leases(principal.device.id);
            if (!leases) return internal_error_reply();
            for (const auto& l : *leases)
                if (l.service_day >= today)
                    list.push_back({{"service", l.service},
                                    {"service_day", l.service_day},
                                    {"first", l.first},
                                    {"count", l.count}});
        }
        return with_state([&](const HubState& s) {
            return json_reply(200, {{"hub_id", s.hub_id}, {"leases", list}});
        });
    });

    post(R"(/api/v1/tickets/(\d+)/rejoin)", [this](const httplib::Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (principal.kind != Principal::Kind::Session && !principal.admin())
            return forbidden(
                "only a counter session or the hall office can put a ticket back in line");
        int64_t id = path_id(req);
        return writer_->submit([id](WriteContext& ctx) { return rejoin_ticket(ctx, id); });
    });

    post("/api/v1/sessions", [this](const httplib::Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.is(Role::Counter) && !principal.admin())
            return forbidden("only counter devices log staff in");
        auto body = parse_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto window = get_int(*body, "window");
        if (!window) return input_error_reply(window.error());
        auto staff = get_string(*body, "staff", 32);
        if (!staff) return input_error_reply(staff.error());
        auto pin = get_string(*body, "pin", 64);
        if (!pin) return input_error_reply(pin.error());
        if (!hall_.find_window(static_cast<int>(*window)))
            return error_reply(422, errc::window_unknown,
                               "there is no window " + std::to_string(*window));
        // The slow PIN hash is checked here, off the writer thread.
        std::optional<store::Staff> found;
        {
            std::lock_guard lock(reader_.mu);
            auto s = reader_.store->staff(*staff);
            if (!s) return internal_error_reply();
            found = *s;
        }
        SessionRequest r;
        r.window = static_cast<int>(*window);
        r.staff = *staff;
        r.pin_ok = found && store::verify_pin(found->pin_hash, *pin);
        // Only after the right PIN, so the answer tells no stranger who is disabled.
        if (r.pin_ok && found->disabled())
            return error_reply(403, errc::staff_disabled,
                               "staff " + *staff + " is disabled; ask the hall office");
        r.device = principal.device.id;
        r.token = store::new_token();
        return writer_->submit(
            [r = std::move(r)](WriteContext& ctx) { return start_session(ctx, r); });
    });

    del("/api/v1/sessions/current", [this](const httplib::Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (principal.kind != Principal::Kind::Session)
            return forbidden("use the session token from POST /api/v1/sessions");
        std::string hash = principal.token_hash;
        return writer_->submit([hash](WriteContext& ctx) { return end_session(ctx, hash); });
    });

    post("/api/v1/evaluations", [this](const httplib::Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = parse_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto code = get_optional_string(*body, "code", 64);
        if (!code) return input_error_reply(code.error());
        auto ticket = get_int(*body, "ticket");
        if (!ticket) return input_error_reply(ticket.error());

        // Who may rate: the pad of the window that served it, anyone with its code, the office.
        std::string source;
        Reply denied;
        bool known = with_state([&](const HubState& s) {
            auto rec = s.records.find(*ticket);
            if (rec == s.records.end()) return false;
            if (*code && !(*code)->empty()) {
                if (store::same_hash(**code, rec->second.code))
                    source = "code";
                else
                    denied = forbidden("the ticket's code does not match");
            } else if (principal.is(Role::Pad)) {
                source = "pad";
            } else if (principal.admin()) {
                source = "admin";
            } else if (principal.kind == Principal::Kind::Anonymous) {
                denied = unauthorized("rate with the ticket's code or from the window's pad");
            } else {
                denied =
                    forbidden("only the window's pad or someone with the ticket's code can rate");
            }
            return true;
        });
        if (!known)
            return error_reply(404, errc::ticket_unknown,
                               "there is no ticket " + std::to_string(*ticket));
        if (source.empty()) return denied;
        auto eval = read_evaluation(*body, hall_.rating_reasons);
        if (!eval) return input_error_reply(eval.error());
        eval->source = source;
        eval->pad_window = principal.is(Role::Pad) ? principal.device.window : 0;
        return writer_->submit(
            [r = std::move(*eval)](WriteContext& ctx) { return evaluate(ctx, r); });
    });

    put("/api/v1/notice", [this](const httplib::Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.admin()) return forbidden("only the hall office sets the notice");
        auto body = parse_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto text = body->find("text");
        if (text == body->end())
            return input_error_reply(make_error(errc::missing_field, "field 'text' is required"));
        if (!text->is_object())
            return input_error_reply(
                make_error(errc::wrong_type, "field 'text' must be {\"zh\",\"en\"}"));
        auto zh = get_string(*text, "zh", 2000);
        if (!zh) return input_error_reply(zh.error());
        auto en = get_string(*text, "en", 2000);
        if (!en) return input_error_reply(en.error());
        store::Notice notice{*zh, *en};
        return writer_->submit([notice](WriteContext& ctx) { return set_notice(ctx, notice); });
    });

    post("/api/v1/alerts", [this](const httplib::Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.is(Role::Kiosk) && !principal.is(Role::Pad) && !principal.is(Role::Board) &&
            !principal.admin())
            return forbidden("only kiosks, pads and boards raise device alerts");
        auto body = parse_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto kind = get_string(*body, "kind", 40);
        if (!kind) return input_error_reply(kind.error());
        if (!kAlertKinds.count(*kind))
            return input_error_reply(invalid_field("kind",
                                                   "must be printer_paper_end, printer_cover_open, "
                                                   "printer_offline, printer_error, "
                                                   "ticket_renumbered or ticket_refused"));
        auto message = get_optional_string(*body, "message", 500);
        if (!message) return input_error_reply(message.error());
        int64_t device = principal.device.id;
        std::string name = principal.device.name;
        return writer_->submit(
            [device, name, k = *kind, m = message->value_or("")](WriteContext& ctx) {
                return raise_alert(ctx, device, name, k, m);
            });
    });
}

}  // namespace onestop::hub
