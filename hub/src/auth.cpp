#include "auth.h"

#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

namespace {
// Last-seen times are kept to the minute: one small write per device and minute at most.
constexpr auto kSightingPeriod = std::chrono::minutes(1);
}  // namespace

Reply unauthorized(const std::string& message) {
    return error_reply(401, errc::unauthorized, message);
}
Reply forbidden(const std::string& message) {
    return error_reply(403, errc::forbidden, message);
}

std::string Principal::audit_name() const {
    switch (kind) {
        case Kind::Device:
            return "device:" + std::to_string(device.id) + " " + device.name;
        case Kind::Session:
        case Kind::StaffPage:
            return "staff:" + session.staff;
        case Kind::Account:
            return "account:" + account.account.login;
        case Kind::Anonymous:
            break;
    }
    return "anonymous";
}

Result<Principal> Authenticator::identify(const Request& req, const SessionLookup& session_of) {
    Principal p;
    if (!req.has_header("Authorization")) {
        std::string cookie =
            store::cookie_value(req.get_header_value("Cookie"), store::kSessionCookie);
        if (cookie.empty()) return p;
        auto office = office_.find(cookie, clock_.now());
        if (!office) return p;  // ended or expired: as if there were none
        bool changes = req.method != "GET";
        if (changes && !store::same_hash(req.get_header_value("X-CSRF-Token"), office->csrf))
            return make_error(errc::csrf,
                              "a change made with the session cookie needs its X-CSRF-Token");
        p.token_hash = store::token_hash(cookie);
        if (office->staff) {
            const store::Staff& s = *office->staff;
            p.kind = Principal::Kind::StaffPage;
            p.session = OnDuty{0, p.token_hash, s.number, s.name, s.unit, 0};
        } else {
            p.kind = Principal::Kind::Account;
        }
        p.account = std::move(*office);
        return p;
    }
    const std::string header = req.get_header_value("Authorization");
    const std::string prefix = "Bearer ";
    if (header.size() <= prefix.size() || header.compare(0, prefix.size(), prefix) != 0)
        return make_error(errc::unauthorized, "the Authorization header must be 'Bearer <token>'");
    std::string hash = store::token_hash(header.substr(prefix.size()));
    p.token_hash = hash;

    auto found = find_device(hash);
    if (!found) return found.error();
    const std::optional<store::Device>& device = *found;
    if (!device || !store::same_hash(device->token_hash, hash)) {
        if (auto session = session_of(hash);
            session && store::same_hash(session->token_hash, hash)) {
            p.kind = Principal::Kind::Session;
            p.session = std::move(*session);
            return p;
        }
        return make_error(errc::unauthorized, "unknown or expired token");
    }
    if (device->revoked())
        return make_error(errc::unauthorized, "this token was revoked at " + *device->revoked_at +
                                                  "; ask the hall office for a new one");
    note_sighting(device->id);
    p.kind = Principal::Kind::Device;
    p.device = *device;
    return p;
}

void Authenticator::note_sighting(int64_t device) {
    TimePoint now = clock_.now();
    std::lock_guard lock(mu_);
    auto& recorded = recorded_[device];
    if (now - recorded >= kSightingPeriod) {
        recorded = now;
        due_[device] = now;
    }
}

void Authenticator::forget_devices() {
    std::lock_guard lock(mu_);
    devices_.clear();
    revoked_count_ = -1;  // the next poll clears again whatever a read in flight cached
}

Status Authenticator::poll_revocations() {
    auto due = [this] {
        std::lock_guard lock(mu_);
        return std::chrono::steady_clock::now() - polled_ >= kRevocationPoll;
    };
    if (!due()) return {};
    std::lock_guard poll(poll_mu_);
    auto started = std::chrono::steady_clock::now();
    if (!due()) return {};  // another thread's poll began meanwhile: recent enough
    Result<int64_t> count = int64_t{0};
    {
        std::lock_guard lock(reader_.mu);
        count = reader_.store->count_revoked_devices();
    }
    if (!count) return count.error();
    std::lock_guard lock(mu_);
    polled_ = started;
    if (*count != revoked_count_) devices_.clear();
    revoked_count_ = *count;
    return {};
}

Result<std::optional<store::Device>> Authenticator::find_device(const std::string& token_hash) {
    if (auto st = poll_revocations(); !st) return st.error();
    int64_t seen;
    {
        std::lock_guard lock(mu_);
        if (auto it = devices_.find(token_hash); it != devices_.end()) return {it->second};
        seen = revoked_count_;
    }
    Result<std::optional<store::Device>> found = std::optional<store::Device>{};
    {
        std::lock_guard lock(reader_.mu);
        found = reader_.store->device_by_token_hash(token_hash);
    }
    if (!found) return found;
    std::lock_guard lock(mu_);
    // Not after a poll that saw a revocation this read may have missed.
    if (*found && !(*found)->revoked() && revoked_count_ == seen) devices_[token_hash] = **found;
    return found;
}

void Authenticator::record_sightings() {
    std::map<int64_t, TimePoint> due;
    {
        std::lock_guard lock(mu_);
        if (due_.empty()) return;
        due.swap(due_);
    }
    std::lock_guard lock(reader_.mu);
    for (const auto& [id, at] : due)
        if (auto st = reader_.store->record_device_seen(id, at); !st)
            logger("hub")->warn("cannot record when device {} was last seen: {}", id,
                                st.error().message);
}

Result<bool> Authenticator::still_valid(const Principal& principal) {
    if (principal.kind != Principal::Kind::Device) return true;
    auto found = find_device(principal.token_hash);
    if (!found) return found.error();
    bool valid = found->has_value() && !(*found)->revoked();
    // A device that only holds the event stream (a board) is seen through it: the live
    // hall must not call it offline.
    if (valid) {
        note_sighting(principal.device.id);
        record_sightings();
    }
    return valid;
}

}  // namespace onestop::hub
