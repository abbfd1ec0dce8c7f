// The service guide (办事指南, 第二十条) as the office edits it: one service with its
// version, its edits (PUT, versioned and audited) and its history of versions.
#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"
#include "service_guide.h"

namespace onestop::hub {

void Hub::install_service_routes() {
    // The unit a service belongs to; none when the hall has no such service.
    auto unit_of = [this](const std::string& code) {
        return with_state([&](const HubState& s) -> std::optional<std::string> {
            const queue::Service* service = s.engine.hall().find_service(code);
            return service ? std::optional(service->unit) : std::nullopt;
        });
    };
    get(R"(/api/v1/services/(\w+))", [this](const Request& req) {
        const std::string code = req.matches[1];
        return with_state([&](const HubState& s) {
            const queue::Service* service = s.engine.hall().find_service(code);
            if (!service)
                return error_reply(404, errc::service_unknown, "there is no service " + code);
            return json_reply(200, {{"service", service_with_version(s, *service)}});
        });
    });

    put(R"(/api/v1/services/(\w+))", [this, unit_of](const Request& req) {
        GuideEdit edit;
        edit.service = req.matches[1];
        auto p = who_may(req, &Principal::reads_a_unit,
                         "only the hall office and a unit's lead edit the service guide");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        auto unit = unit_of(edit.service);
        if (!unit)
            return error_reply(404, errc::service_unknown, "there is no service " + edit.service);
        if (!principal.acts_for(*unit))
            return forbidden("service " + edit.service + " belongs to unit " + *unit +
                             "; a unit's lead edits only the unit's own services");
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        if (!body->is_object())
            return error_reply(422, errc::invalid_field, "the body must be an object");
        if (body->contains("version")) {
            if (!(*body)["version"].is_number_integer())
                return error_reply(422, errc::invalid_field,
                                   "version: must be the version number the edit started from");
            edit.version = (*body)["version"].get<int64_t>();
        }
        edit.fields = std::move(*body);
        edit.by = principal.audit_name();
        return writer_->submit(
            [edit = std::move(edit)](WriteContext& ctx) { return update_guide(ctx, edit); });
    });

    get(R"(/api/v1/services/(\w+)/versions)", [this, unit_of](const Request& req) {
        const std::string code = req.matches[1];
        auto p = who_may(
            req, &Principal::reads_a_unit,
            "the guide's history is for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        auto unit = unit_of(code);
        if (!unit) return error_reply(404, errc::service_unknown, "there is no service " + code);
        if (!principal.sees(*unit))
            return forbidden("service " + code + " belongs to unit " + *unit);
        Result<std::vector<store::ServiceVersion>> rows = std::vector<store::ServiceVersion>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->service_versions(code);
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        for (const auto& v : *rows)
            out.push_back({{"version", v.id},
                           {"at", v.at},
                           {"who", v.who},
                           {"changes", guide_changes(json::parse(v.before, nullptr, false),
                                                     json::parse(v.after, nullptr, false))}});
        return json_reply(200, {{"service", code}, {"versions", out}});
    });
}

}  // namespace onestop::hub
