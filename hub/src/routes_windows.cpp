// POST /api/v1/windows/{n}/{call-next|recall|no-show|transfer|finish|pause|resume}:
// a staff session of window n (or an admin token); optional Idempotency-Key.
#include "commands.h"
#include "hub.h"
#include "input.h"
#include "onestop/base/error_codes.h"

namespace onestop::hub {

namespace {

const std::set<std::string> kPauseReasons = {"break", "meeting", "other"};

// Fills the action's arguments from the body; an Error for bad input.
Status read_arguments(const httplib::Request& req, WindowRequest& r, const queue::Hall& hall) {
    auto body = parse_body(req.body);
    if (!body) return body.error();
    if (r.action == WindowAction::Transfer) {
        auto service = get_optional_string(*body, "service", 8);
        if (!service) return service.error();
        auto window = get_optional_int(*body, "window");
        if (!window) return window.error();
        if (!*service == !*window)
            return make_error(errc::missing_field,
                              "give either 'service' (a code) or 'window' (a number)");
        if (*service) {
            if (!hall.find_service(**service))
                return make_error(errc::service_unknown, "there is no service '" + **service + "'");
            r.target.service = **service;
        } else {
            if (!hall.find_window(static_cast<int>(**window)))
                return make_error(errc::window_unknown,
                                  "there is no window " + std::to_string(**window));
            r.target.window = static_cast<int>(**window);
        }
    }
    if (r.action == WindowAction::Pause) {
        auto reason = get_optional_string(*body, "reason", 20);
        if (!reason) return reason.error();
        r.reason = reason->value_or("other");
        if (!kPauseReasons.count(r.reason))
            return invalid_field("reason", "must be break, meeting or other");
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
        post(R"(/api/v1/windows/(\d+)/)" + name,
             [this, action = action](const httplib::Request& req) {
                 auto p = who(req);
                 if (auto* r = std::get_if<Reply>(&p)) return *r;
                 const Principal& principal = std::get<Principal>(p);
                 if (principal.kind == Principal::Kind::Anonymous) return unauthorized();
                 WindowRequest r;
                 r.action = action;
                 const std::string n = req.matches[1];
                 r.window = n.size() > 6 ? -1 : std::stoi(n);
                 if (!hall_.find_window(r.window))
                     return error_reply(404, errc::window_unknown, "there is no window " + n);
                 if (!principal.admin() && !(principal.kind == Principal::Kind::Session &&
                                             principal.session.window == r.window))
                     return forbidden("window actions need the session of window " + n +
                                      " (POST /api/v1/sessions)");
                 if (auto st = read_arguments(req, r, hall_); !st) {
                     const auto& code = st.error().code;
                     if (code == errc::service_unknown || code == errc::window_unknown)
                         return error_reply(422, code, st.error().message);
                     return input_error_reply(st.error());
                 }
                 r.idempotency_key = req.get_header_value("Idempotency-Key");
                 if (r.idempotency_key.size() > 100)
                     return input_error_reply(
                         invalid_field("Idempotency-Key", "is longer than 100 characters"));
                 return writer_->submit(
                     [r = std::move(r)](WriteContext& ctx) { return window_action(ctx, r); });
             });
    }
}

}  // namespace onestop::hub
