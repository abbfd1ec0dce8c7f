// POST /api/v1/windows/{n}/{call-next|recall|no-show|transfer|finish|pause|resume}:
// a staff session of window n (or an admin token); optional Idempotency-Key.
#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"

namespace onestop::hub {

namespace {

// Fills the action's arguments from the body; an Error for bad input.
Status read_arguments(const Request& req, WindowRequest& r, const queue::Hall& hall) {
    auto body = net::parse_request_body(req.body);
    if (!body) return body.error();
    if (r.action == WindowAction::Transfer) {
        auto transfer = net::parse_transfer(*body);
        if (!transfer) return transfer.error();
        if (!transfer->service.empty()) {
            if (!hall.find_service(transfer->service))
                return make_error(errc::service_unknown,
                                  "there is no service '" + transfer->service + "'");
            r.target.service = transfer->service;
        } else {
            if (!hall.find_window(transfer->window))
                return make_error(errc::window_unknown,
                                  "there is no window " + std::to_string(transfer->window));
            r.target.window = transfer->window;
        }
    }
    if (r.action == WindowAction::Pause) {
        auto pause = net::parse_pause(*body);
        if (!pause) return pause.error();
        r.reason = net::to_string(pause->reason);
    }
    return {};
}

}  // namespace

void Hub::install_window_routes() {
    const std::vector<std::pair<std::string, WindowAction>> actions = {
        {"call-next", WindowAction::CallNext}, {"recall", WindowAction::Recall},
        {"no-show", WindowAction::NoShow},     {"transfer", WindowAction::Transfer},
        {"finish", WindowAction::Finish},      {"pause", WindowAction::Pause},
        {"resume", WindowAction::Resume}};
    for (const auto& [name, action] : actions) {
        post(R"(/api/v1/windows/(\d+)/)" + name, [this, action = action](const Request& req) {
            auto p = who(req);
            if (auto* r = std::get_if<Reply>(&p)) return *r;
            const Principal& principal = std::get<Principal>(p);
            if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
            WindowRequest r;
            r.action = action;
            const std::string n = req.matches[1];
            r.window = n.size() > 6 ? -1 : std::stoi(n);
            if (!has_window(r.window))
                return error_reply(404, errc::window_unknown, "there is no window " + n);
            if (!principal.admin() && !(principal.kind == Principal::Kind::Session &&
                                        principal.session.window == r.window))
                return forbidden("window actions need the session of window " + n +
                                 " (POST /api/v1/sessions)");
            auto st = with_state(
                [&](const HubState& s) { return read_arguments(req, r, s.engine.hall()); });
            if (!st) {
                const auto& code = st.error().code;
                if (code == errc::service_unknown || code == errc::window_unknown)
                    return error_reply(422, code, st.error().message);
                return input_error_reply(st.error());
            }
            r.idempotency_key = req.get_header_value("Idempotency-Key");
            if (r.idempotency_key.size() > 100)
                return input_error_reply(make_error(
                    errc::invalid_field, "Idempotency-Key is longer than 100 characters"));
            return writer_->submit(
                [r = std::move(r)](WriteContext& ctx) { return window_action(ctx, r); });
        });
    }
}

}  // namespace onestop::hub
