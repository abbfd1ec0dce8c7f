#include "auth.h"

#include "onestop/store/secrets.h"

namespace onestop::hub {

Reply unauthorized(const std::string& message) {
    return error_reply(401, "unauthorized", message);
}
Reply forbidden(const std::string& message) {
    return error_reply(403, "forbidden", message);
}

Result<Principal> Authenticator::identify(const httplib::Request& req, const HubState& state) {
    Principal p;
    if (!req.has_header("Authorization")) return p;
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0)
        return make_error("unauthorized", "the Authorization header must be 'Bearer <token>'");
    std::string hash = store::token_hash(header.substr(prefix.size()));
    p.token_hash = hash;

    auto session = state.sessions.find(hash);
    if (session != state.sessions.end() && store::same_hash(session->first, hash)) {
        p.kind = Principal::Kind::Session;
        p.session = session->second;
        return p;
    }
    {
        std::lock_guard lock(mu_);
        auto it = devices_.find(hash);
        if (it != devices_.end() && store::same_hash(it->second.token_hash, hash)) {
            p.kind = Principal::Kind::Device;
            p.device = it->second;
            return p;
        }
    }
    std::optional<store::Device> device;
    {
        std::lock_guard lock(reader_.mu);
        auto found = reader_.store->device_by_token_hash(hash);
        if (!found) return found.error();
        device = *found;
    }
    if (!device || !store::same_hash(device->token_hash, hash))
        return make_error("unauthorized", "unknown or expired token");
    {
        std::lock_guard lock(mu_);
        devices_[hash] = *device;
    }
    p.kind = Principal::Kind::Device;
    p.device = *device;
    return p;
}

}  // namespace onestop::hub
