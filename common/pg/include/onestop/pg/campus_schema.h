#pragma once
// The campus database's schema (PostgreSQL, schema "campus"), one SQL script per version;
// campus.migrations records what was applied. Never edit a shipped entry: append one.
//
// Tables: campus.halls, one row per hall (its hub's identity, name, time zone, and the
// high-water mark: every event with id ≤ shipped_id is in campus.events, written in the
// same transaction as the rows); campus.events, one row per event of each hall's log keyed
// by (hall, id), partitioned by month of `at` (UTC bounds) so years of halls stay fast;
// campus.ensure_month(date) makes a month's partition. campus.unit_months holds each hall's
// monthly figures per unit (its local month) — tickets, ratings, cases opened, waits to the
// first call, promised cases completed and on time — added to by campus.project(hall, after,
// last) in the same transaction as the events it counts. campus.audit holds each hall's audit log
// (office changes by accounts and tokens), with its own mark campus.halls.audit_shipped_id.
// campus.halls.complete_at: when the hall's shipper, caught up, last said so.
// campus.accounts: each hall's office accounts as its shipper last sent them, the password
// hash only on those that may sign in to the campus view (enabled office and viewer ones).

#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/pg/connection.h"

namespace onestop::pg {

const std::vector<std::string>& campus_migrations();

// Brings the schema to the newest version under an advisory lock (hubs and onestop-campus
// may start together), all in one transaction. Does nothing, and needs no right to create
// anything, when it is already current.
Status migrate_campus(Connection& db);

}  // namespace onestop::pg
