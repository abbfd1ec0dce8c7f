#pragma once
// The kiosk's own small SQLite file (--state): what it needs when the hub is away.
//   kv      — the last service catalogue, queue snapshot, rating reasons, window info (JSON)
//   leases  — number blocks leased from the hub (POST /api/v1/leases) for offline issuing,
//             each with the identity of the database that leased it (hub_id)
//   outbox  — tickets and ratings taken while the hub was away (or queued behind those),
//             and alerts raised while replaying them, sent in `seq` order with their
//             original request_ids: exactly once, in order.
// One KioskState is used from one thread (the kiosk's hub link worker). The file is a
// store::Database: its schema is migrated by user_version like the hub's.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/store/database.h"

namespace onestop::kiosk {

struct OutboxItem {
    int64_t seq = 0;
    std::string kind;        // "ticket" | "rating"
    std::string request_id;  // the idempotency key sent with it
    std::string body;        // the JSON request body, as it will be sent
};

struct OfflineNumber {
    std::string service_day;
    int sequence = 0;
};

// A block of numbers: the hub's answer to POST /api/v1/leases, or one it lists as held.
struct LeaseBlock {
    std::string service;
    std::string service_day;
    int first = 0;
    int count = 0;
    bool operator==(const LeaseBlock&) const = default;
};

struct HeldLease {
    LeaseBlock block;
    std::string hub_id;  // empty: leased before hubs said who they are
    int next = 0;        // the next sequence to hand out
};

// What to queue behind an outbox item once it is answered (OutboxItem without seq).
struct FollowUp {
    std::string kind;
    std::string request_id;
    std::string body;
};

// Whether the hub's answer with this HTTP status settles an outbox item. Not the hub's
// trouble (5xx), a token to fix (401) or a request to slow down (408, 429): those are no
// answer about the item, which is sent again later, before anything newer.
bool settles(long status);

class KioskState {
  public:
    static Result<KioskState> open(const std::filesystem::path& file);

    Status put(const std::string& key, const std::string& value);
    Result<std::optional<std::string>> get(const std::string& key);

    Status add_lease(const LeaseBlock& block, const std::string& hub_id);
    // Unused leased numbers for that service on that day.
    Result<int> remaining(const std::string& service, const std::string& service_day);
    Result<std::vector<HeldLease>> leases();
    // Drops every block not leased by database `hub_id` or not among `known` (the blocks
    // that database says this kiosk holds): it would hand out numbers the hub does not
    // expect. Returns how many were dropped.
    Result<int> keep_leases(const std::string& hub_id, const std::vector<LeaseBlock>& known);

    // In one transaction: takes the next leased number for (service, day) and appends the
    // ticket to the outbox with `body_json` plus the "leased" object (day, sequence and the
    // lease's hub_id) and `issued_at`. Error "no_lease" when no leased number is left.
    Result<OfflineNumber> issue_offline(const std::string& service, const std::string& service_day,
                                        const std::string& request_id, const std::string& body_json,
                                        const std::string& issued_at);
    Result<int64_t> enqueue(const std::string& kind, const std::string& request_id,
                            const std::string& body);
    // Pending items, oldest first.
    Result<std::vector<OutboxItem>> pending(int limit = 100);
    Result<int64_t> pending_count();
    // Delivered (or answered definitively): never sent again. `result` is kept for the record.
    // `then` is queued in the same transaction, once: a request_id already queued is kept.
    Status mark_done(int64_t seq, const std::string& result,
                     const std::optional<FollowUp>& then = std::nullopt);

  private:
    explicit KioskState(std::unique_ptr<store::Database> db) : db_(std::move(db)) {}
    // Prepares `sql`, lets `bind` bind it, and runs it to completion.
    Status run(const std::string& sql, const std::function<void(store::Statement&)>& bind);

    std::unique_ptr<store::Database> db_;
};

}  // namespace onestop::kiosk
