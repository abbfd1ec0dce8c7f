// 好差评 follow-ups (followups.h): GET /api/v1/followups[?status=all] and /followups/{id}
// (office, viewer, a unit's lead its own), POST /api/v1/followups/{id}/close · /appeal ·
// /decide (CONTRACT).
#include "body_fields.h"
#include "followups.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"
#include "people_requests.h"

namespace onestop::hub {

void Hub::install_followup_routes() {
    auto reader = [this](const Request& req) {
        return who_may(req, &Principal::reads_a_unit,
                       "follow-ups are for the hall office, the committee and the units' leads");
    };
    auto today = [this] { return zone_.to_local(clock_->now()).date(); };

    get("/api/v1/followups", [this, reader, today](const Request& req) {
        auto p = reader(req);
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        // Unresolved ones (open, appealed) unless status=all.
        bool open_only = req.get_param_value("status") != "all";
        Result<std::vector<store::FollowUp>> rows = std::vector<store::FollowUp>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->followups(open_only);
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        std::string day = today();
        for (const auto& f : *rows)
            if (principal.sees(f.unit)) out.push_back(followup_json(f, day));
        return json_reply(200, {{"followups", out}});
    });

    get(R"(/api/v1/followups/(\d+))", [this, reader, today](const Request& req) {
        auto p = reader(req);
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        Result<std::optional<store::FollowUp>> found = std::optional<store::FollowUp>{};
        {
            std::lock_guard lock(reader_.mu);
            found = reader_.store->followup(path_id(req.matches[1]));
        }
        if (!found) return internal_error_reply();
        if (!*found)
            return error_reply(404, errc::followup_unknown,
                               "there is no follow-up " + std::string(req.matches[1]));
        if (!std::get<Principal>(p).sees((*found)->unit))
            return forbidden("follow-up of another unit");
        return json_reply(200, {{"followup", followup_json(**found, today())}});
    });

    post(R"(/api/v1/followups/(\d+)/([^/]+))", [this](const Request& req) {
        FollowUpStep s;
        s.id = path_id(req.matches[1]);
        s.verb = req.matches[2];
        if (s.verb != "close" && s.verb != "appeal" && s.verb != "decide")
            return error_reply(404, errc::not_found, "a follow-up is closed, appealed or decided");
        auto p = who_may(req, &Principal::changes_a_unit,
                         "follow-ups are handled by the units' leads and the hall office");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        auto label = [&f](const char* name, bool required) {
            auto v = f.text(name, required);
            if (v && !is_label(*v, 1000))
                f.invalid(std::string(name) + " must have 1 to 1000 bytes and no tabs");
            return v.value_or("");
        };
        if (s.verb == "close") {
            s.callback = label("callback", false);  // none when the applicant left no contact
            s.rectification = label("rectification", true);
        } else {
            s.reason = label("reason", true);
            if (s.verb == "decide") {
                if (!body->contains("upheld") || !(*body)["upheld"].is_boolean())
                    f.invalid("upheld must be true or false");
                else
                    s.upheld = (*body)["upheld"].get<bool>();
            }
        }
        if (!f.ok()) return f.problem();
        return writer_->submit([principal = std::get<Principal>(p), s](WriteContext& ctx) {
            return step_followup(ctx, principal, s);
        });
    });
}

}  // namespace onestop::hub
