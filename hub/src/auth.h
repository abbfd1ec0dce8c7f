#pragma once
// Who is asking: `Authorization: Bearer <token>` names a device (kiosk, pad, board,
// counter, admin; created by `onestop-hub token create`) or a staff session (from
// POST /api/v1/sessions); without it, the office's session cookie names an account (from
// POST /api/v1/login). Only hashes of tokens are stored and compared.
//
// Devices are cached by token hash: a database read on every request halved the ticket
// rate. Revocations come from another process (`onestop-hub token revoke`), so the cache
// is dropped whenever the number of revoked devices changes; that number is read again
// when the last read began kRevocationPoll or longer ago, by the request that finds it
// due, before it is answered. `token revoke` returns only after 2 × kRevocationPoll, so
// every request after that sees the revocation.

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "http_server.h"
#include "hub_state.h"
#include "onestop/store/office_sessions.h"
#include "reply.h"

namespace onestop::hub {

struct Principal {
    // Session: a staff member signed in at a counter (window set); StaffPage: a staff member
    // signed in on their phone's "my page" (window 0).
    enum class Kind { Anonymous, Device, Session, StaffPage, Account };
    Kind kind = Kind::Anonymous;
    store::Device device;          // Kind::Device
    OnDuty session;                // Kind::Session, Kind::StaffPage
    store::OfficeSession account;  // Kind::Account
    std::string token_hash;

    bool is(store::Role role) const { return kind == Kind::Device && device.role == role; }
    bool signed_in() const { return kind != Kind::Anonymous; }
    // A staff member acting for themselves: at a counter or on their my page.
    bool staff_member() const { return kind == Kind::Session || kind == Kind::StaffPage; }
    bool is_staff(const std::string& number) const {
        return staff_member() && session.staff == number;
    }
    bool admin() const { return is(store::Role::Admin); }
    bool has(store::AccountRole role) const {
        return kind == Kind::Account && account.account.role == role;
    }
    // The hall office: an office account, or an admin token (scripts).
    bool office() const { return admin() || has(store::AccountRole::Office); }
    // The office and the committee's viewers read everything.
    bool reads_all() const { return office() || has(store::AccountRole::Viewer); }
    // A unit's lead reads its own unit's records; the office and viewers read every unit's.
    bool reads_a_unit() const { return reads_all() || has(store::AccountRole::Unit); }
    bool sees(const std::string& unit) const {
        return reads_all() || (has(store::AccountRole::Unit) && account.account.unit == unit);
    }
    // The office changes every unit's records, a unit's lead its own unit's (第十七条).
    bool changes_a_unit() const { return office() || has(store::AccountRole::Unit); }
    bool acts_for(const std::string& unit) const {
        return office() || (has(store::AccountRole::Unit) && account.account.unit == unit);
    }
    // As the audit log names it: "account:LOGIN", "device:ID NAME", "staff:NO", "anonymous".
    std::string audit_name() const;
};

// The hub's second database connection, for reads outside the writer thread
// (devices created by another process, staff PIN hashes, old events for resumes).
struct Reader {
    std::mutex mu;
    std::unique_ptr<store::HubStore> store;
};

inline constexpr auto kRevocationPoll = std::chrono::milliseconds(250);

class Authenticator {
  public:
    Authenticator(Reader& reader, const Clock& clock, store::OfficeSessions& office)
        : reader_(reader), clock_(clock), office_(office) {}

    // The open session of a token hash, if any; the caller reads it under the state lock.
    using SessionLookup = std::function<std::optional<OnDuty>(const std::string& token_hash)>;
    // Anonymous without the header (and without a live session cookie); 401 for a
    // malformed header, an unknown or a revoked token; errc::csrf for a change asked with
    // the cookie but without its X-CSRF-Token. Device tokens are looked up first and without the
    // state lock, so a kiosk's request is not held up while the writer commits (it holds that lock
    // meanwhile).
    Result<Principal> identify(const Request& req, const SessionLookup& session_of);
    // Writes the devices' last-seen times noted by identify(). Call it without the state
    // lock: the write may wait for another process's write lock, and the writer thread
    // holding the database's write lock may be waiting for the state lock.
    void record_sightings();
    // False once the principal's device token is revoked (sessions and anonymous
    // principals stay valid here); open event streams ask this, and a valid device counts
    // as seen.
    Result<bool> still_valid(const Principal& principal);
    // Drops the device cache: a device revoked through the API is looked up again (and
    // refused) on its next request.
    void forget_devices();

  private:
    // The token's device (revoked ones too), from the cache or the database.
    Result<std::optional<store::Device>> find_device(const std::string& token_hash);
    Status poll_revocations();
    // Notes the device as seen now, at most once a kSightingPeriod.
    void note_sighting(int64_t device);

    Reader& reader_;
    const Clock& clock_;
    store::OfficeSessions& office_;
    std::mutex poll_mu_;                            // one revocation poll at a time
    std::mutex mu_;                                 // guards everything below
    std::chrono::steady_clock::time_point polled_;  // when the last poll began
    int64_t revoked_count_ = -1;                    // what it read
    std::map<std::string, store::Device> devices_;  // by token hash, not revoked
    std::map<int64_t, TimePoint> recorded_;         // device id → last-seen time written (or due)
    std::map<int64_t, TimePoint> due_;              // device id → last-seen time to write
};

// 401/403 answers.
Reply unauthorized(
    const std::string& message =
        "sign in (POST /api/v1/login) or send a valid token (Authorization: Bearer …)");
Reply forbidden(const std::string& message);

}  // namespace onestop::hub
