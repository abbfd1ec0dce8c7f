// The JSON API except the window actions: health, catalogue, queue, tickets,
// leases, sessions, evaluations, alerts.
#include <charconv>

#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/ids.h"
#include "onestop/base/time.h"
#include "onestop/base/version.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"
#include "ticket_follow.h"
#include "views.h"

namespace onestop::hub {

using store::Role;

namespace {

int64_t path_id(const Request& req, size_t index = 1) {
    int64_t v = 0;
    const std::string s = req.matches[index];
    auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    return r.ec == std::errc() ? v : -1;
}

// The hub's command for a request checked by the protocol's parser.
IssueRequest issue_command(const net::IssueRequest& in, int64_t device) {
    IssueRequest r;
    r.device = device;
    r.service = in.service;
    r.priority =
        in.priority == net::Priority::Green ? queue::Priority::Green : queue::Priority::Normal;
    r.request_id = in.request_id;
    if (in.leased_service_day) {
        r.leased_day = *in.leased_service_day;
        r.leased_sequence = in.leased_sequence.value_or(0);
        r.leased_hub_id = in.leased_hub_id;
        r.issued_at = parse_iso8601(in.issued_at);
    }
    return r;
}

// The rating's values, after the hub knows who rates (docs/api.md's order of checks).
Result<EvaluationRequest> evaluation_command(const net::Evaluation& in,
                                             const std::vector<queue::RatingReason>& known) {
    if (auto st = net::check_evaluation(in); !st) return st.error();
    for (const auto& code : in.reasons) {
        bool found =
            std::any_of(known.begin(), known.end(), [&](const auto& k) { return k.code == code; });
        if (!found)
            return make_error(errc::reason_unknown,
                              "unknown rating reason '" + code + "'; see /api/v1/rating-reasons");
    }
    if (in.level <= 2 && in.reasons.empty())
        return make_error(
            errc::reason_required,
            "a rating of 2 or less needs at least one reason from /api/v1/rating-reasons");
    EvaluationRequest r;
    r.ticket = in.ticket;
    r.level = in.level;
    r.reasons = in.reasons;
    r.comment = in.comment;
    r.contact = in.contact;
    return r;
}

}  // namespace

void Hub::install_api_routes() {
    // A kiosk (or the office) for the ticket and lease routes: else the 401/403 to send.
    auto kiosk = [this](const Request& req, const char* refusal) -> std::variant<Principal, Reply> {
        auto p = who(req);
        if (std::holds_alternative<Reply>(p)) return p;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.is(Role::Kiosk) && !principal.admin()) return forbidden(refusal);
        return p;
    };
    get("/api/v1/health", [this](const Request&) {
        return with_state([](const HubState& s) {
            return json_reply(200, net::to_json(net::Health{"ok", version(), s.hub_id}));
        });
    });
    get("/api/v1/services", [this](const Request&) {
        return with_state([](const HubState& s) { return json_reply(200, services_json(s)); });
    });
    get("/api/v1/queue", [this](const Request&) {
        TimePoint now = clock_->now();
        return with_state([now](const HubState& s) { return json_reply(200, queue_json(s, now)); });
    });
    get("/api/v1/rating-reasons", [this](const Request&) {
        std::vector<net::RatingReason> reasons;
        for (const auto& r : hall_.rating_reasons) reasons.push_back({r.code, r.text});
        return json_reply(200, net::to_json(reasons));
    });
    get(R"(/api/v1/windows/(\d+))", [this](const Request& req) {
        int n = static_cast<int>(path_id(req));
        return with_state([n](const HubState& s) {
            const queue::Window* w = s.engine.hall().find_window(n);
            if (!w)
                return error_reply(404, errc::window_unknown,
                                   "there is no window " + std::to_string(n));
            return json_reply(200, {{"window", window_json(s, *w, true)}});
        });
    });

    get(R"(/api/v1/tickets/(\d+))", [this](const Request& req) {
        int64_t id = path_id(req);
        std::string code = req.get_param_value("code");
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        return with_ticket(id, [&](const HubState& s, const store::StoredTicket* found) {
            if (auto refused = refuse_ticket_read(id, found, code, principal)) return *refused;
            return json_reply(200, {{"ticket", ticket_view(s, found->ticket)}});
        });
    });

    post("/api/v1/tickets", [this, kiosk](const Request& req) {
        auto p = kiosk(req, "only kiosks issue tickets");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto request = net::parse_issue_request(*body);
        if (!request) return input_error_reply(request.error());
        if (!hall_.find_service(request->service))
            return error_reply(422, errc::service_unknown,
                               "there is no service '" + request->service + "'");
        IssueRequest issue = issue_command(*request, principal.device.id);
        issue.public_url = options_.public_url;
        return writer_->submit(
            [r = std::move(issue)](WriteContext& ctx) { return issue_ticket(ctx, r); });
    });

    post("/api/v1/leases", [this, kiosk](const Request& req) {
        auto p = kiosk(req, "only kiosks lease numbers");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto lease = net::parse_lease_request(*body);
        if (!lease) return input_error_reply(lease.error());
        if (!hall_.find_service(lease->service))
            return error_reply(422, errc::service_unknown,
                               "there is no service '" + lease->service + "'");
        int64_t device = principal.device.id;
        return writer_->submit([device, l = *lease](WriteContext& ctx) {
            return lease_numbers(ctx, device, l.service, l.count);
        });
    });

    // The device's blocks from today on, as this database knows them: a kiosk drops
    // the blocks it holds that are not listed (another database, or a restored one).
    get("/api/v1/leases", [this, kiosk](const Request& req) {
        auto p = kiosk(req, "only kiosks lease numbers");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        std::string today = to_local(clock_->now()).date();
        net::HeldLeases held;
        {
            std::lock_guard lock(reader_.mu);
            auto leases = reader_.store->leases(principal.device.id);
            if (!leases) return internal_error_reply();
            for (const auto& l : *leases)
                if (l.service_day >= today)
                    held.leases.push_back({l.service, l.service_day, l.first, l.count, {}});
        }
        return with_state([&](const HubState& s) {
            held.hub_id = s.hub_id;
            return json_reply(200, net::to_json(held));
        });
    });

    post(R"(/api/v1/tickets/(\d+)/rejoin)", [this](const Request& req) {
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

    post("/api/v1/sessions", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.is(Role::Counter) && !principal.admin())
            return forbidden("only counter devices log staff in");
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto sign_in = net::parse_sign_in(*body);
        if (!sign_in) return input_error_reply(sign_in.error());
        if (!has_window(sign_in->window))
            return error_reply(422, errc::window_unknown,
                               "there is no window " + std::to_string(sign_in->window));
        // The slow PIN hash is checked here, off the writer thread.
        std::optional<store::Staff> found;
        {
            std::lock_guard lock(reader_.mu);
            auto s = reader_.store->staff(sign_in->staff);
            if (!s) return internal_error_reply();
            found = *s;
        }
        SessionRequest r;
        r.window = sign_in->window;
        r.staff = sign_in->staff;
        r.pin_ok = found && store::verify_pin(found->pin_hash, sign_in->pin);
        // Only after the right PIN, so the answer tells no stranger who is disabled.
        if (r.pin_ok && found->disabled())
            return error_reply(403, errc::staff_disabled,
                               "staff " + sign_in->staff + " is disabled; ask the hall office");
        r.device = principal.device.id;
        r.token = store::new_token();
        return writer_->submit(
            [r = std::move(r)](WriteContext& ctx) { return start_session(ctx, r); });
    });

    del("/api/v1/sessions/current", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (principal.kind != Principal::Kind::Session)
            return forbidden("use the session token from POST /api/v1/sessions");
        std::string hash = principal.token_hash;
        return writer_->submit([hash](WriteContext& ctx) { return end_session(ctx, hash); });
    });

    post("/api/v1/evaluations", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto rating = net::parse_evaluation(*body);
        if (!rating) return input_error_reply(rating.error());
        const std::string& code = rating->code;

        // Who may rate: the pad of the window that served it, anyone with its code, the office.
        std::string source;
        Reply denied;
        bool known =
            with_ticket(rating->ticket, [&](const HubState&, const store::StoredTicket* found) {
                if (!found) return false;
                if (!code.empty()) {
                    if (store::same_hash(code, found->record.code))
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
                    denied = forbidden(
                        "only the window's pad or someone with the ticket's code can rate");
                }
                return true;
            });
        if (!known)
            return error_reply(404, errc::ticket_unknown,
                               "there is no ticket " + std::to_string(rating->ticket));
        if (source.empty()) return denied;
        auto eval = evaluation_command(*rating, hall_.rating_reasons);
        if (!eval) return input_error_reply(eval.error());
        eval->source = source;
        eval->pad_window = principal.is(Role::Pad) ? principal.device.window : 0;
        return writer_->submit(
            [r = std::move(*eval)](WriteContext& ctx) { return evaluate(ctx, r); });
    });

    post("/api/v1/alerts", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
        if (!principal.is(Role::Kiosk) && !principal.is(Role::Pad) && !principal.is(Role::Board) &&
            !principal.admin())
            return forbidden("only kiosks, pads and boards raise device alerts");
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto alert = net::parse_alert(*body);
        if (!alert) return input_error_reply(alert.error());
        int64_t device = principal.device.id;
        std::string name = principal.device.name;
        return writer_->submit([device, name, a = *alert](WriteContext& ctx) {
            return raise_alert(ctx, device, name, a.kind, a.message);
        });
    });
}

}  // namespace onestop::hub
