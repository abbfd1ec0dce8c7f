// The hall's devices for the office: GET /api/v1/devices (never a token),
// POST /api/v1/devices (the token shown once), DELETE /api/v1/devices/{id} (revoked: the
// token is refused from the next request on).
#include <charconv>

#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

void Hub::install_device_routes() {
    auto office = [this](const Request& req) {
        return who_may(req, &Principal::office, "devices are the hall office's");
    };

    get("/api/v1/devices", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        Result<std::vector<store::Device>> devices = std::vector<store::Device>{};
        {
            std::lock_guard lock(reader_.mu);
            devices = reader_.store->devices();
        }
        if (!devices) {
            logger("hub")->error("reading the devices: {}", devices.error().message);
            return internal_error_reply();
        }
        json out = json::array();
        for (const auto& d : *devices) out.push_back(device_json(d));
        return json_reply(200, {{"devices", out}});
    });

    post("/api/v1/devices", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        std::string role = net::field_string(*body, "role"),
                    name = net::field_string(*body, "name");
        if (!body->contains("role") || !body->contains("name"))
            return error_reply(400, errc::missing_field, "role and name are required");
        int window = static_cast<int>(net::field_int(*body, "window"));
        auto device = with_state([&](const HubState& s) {
            return check_new_device(role, name, window, s.engine.hall());
        });
        if (!device) return error_reply(422, device.error().code, device.error().message);
        std::string token = store::new_token();
        return writer_->submit(
            [device = *device, token, by = std::get<Principal>(p).audit_name()](WriteContext& ctx) {
                return create_device(ctx, device, token, by);
            });
    });

    del(R"(/api/v1/devices/(\d+))", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        int64_t id = 0;
        const std::string& digits = req.matches[1];
        std::from_chars(digits.data(), digits.data() + digits.size(), id);
        Reply reply =
            writer_->submit([id, by = std::get<Principal>(p).audit_name()](WriteContext& ctx) {
                return revoke_device(ctx, id, by);
            });
        // Refused from the very next request, not after the next revocation poll.
        if (reply.status == 200) auth_->forget_devices();
        return reply;
    });
}

}  // namespace onestop::hub
