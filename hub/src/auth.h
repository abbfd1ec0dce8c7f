#pragma once
// Who is asking: `Authorization: Bearer <token>` names a device (kiosk, pad, board,
// counter, admin; created by `onestop-hub token create`) or a staff session (from
// POST /api/v1/sessions). Only hashes of tokens are stored and compared.

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <httplib.h>

#include "hub_state.h"
#include "reply.h"

namespace onestop::hub {

struct Principal {
    enum class Kind { Anonymous, Device, Session };
    Kind kind = Kind::Anonymous;
    store::Device device;  // Kind::Device
    OnDuty session;        // Kind::Session
    std::string token_hash;

    bool is(store::Role role) const { return kind == Kind::Device && device.role == role; }
    bool admin() const { return is(store::Role::Admin); }
};

// The hub's second database connection, for reads outside the writer thread
// (devices created by another process, staff PIN hashes, old events for resumes).
struct Reader {
    std::mutex mu;
    std::unique_ptr<store::HubStore> store;
};

class Authenticator {
  public:
    explicit Authenticator(Reader& reader) : reader_(reader) {}

    // Anonymous without the header; 401 for a malformed header or an unknown token.
    // `state` must be read-locked by the caller (sessions live there).
    Result<Principal> identify(const httplib::Request& req, const HubState& state);

  private:
    Reader& reader_;
    std::mutex mu_;
    std::map<std::string, store::Device> devices_;  // by token hash; tokens are never revoked
};

// 401/403 answers.
Reply unauthorized(
    const std::string& message = "a valid token is required (Authorization: Bearer …)");
Reply forbidden(const std::string& message);

}  // namespace onestop::hub
