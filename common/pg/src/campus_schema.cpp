#include "onestop/pg/campus_schema.h"

#include "onestop/base/error_codes.h"

namespace onestop::pg {

const std::vector<std::string>& campus_migrations() {
    static const std::vector<std::string> migrations = {
        // 1: halls with their high-water marks, and every hall's events by month.
        R"sql(
CREATE TABLE campus.halls (
  id serial PRIMARY KEY,
  hub_id text NOT NULL UNIQUE,       -- the hall database's identity (its meta hub_id)
  name text NOT NULL,
  zone text NOT NULL,                -- the hall's time zone: its days and months
  shipped_id bigint NOT NULL DEFAULT 0,
  shipped_at timestamptz,            -- when its last batch committed here
  last_event_at timestamptz,         -- the hall's time of its newest event here
  first_seen timestamptz NOT NULL DEFAULT now());

-- The hall's log as it wrote it (type, payload, and the published name and data), with
-- the unit the event concerns where the hall knew it (reports per unit).
CREATE TABLE campus.events (
  hall integer NOT NULL,
  id bigint NOT NULL,
  at timestamptz NOT NULL,
  type text NOT NULL,
  unit text NOT NULL DEFAULT '',
  payload jsonb NOT NULL,
  name text,
  data jsonb,
  PRIMARY KEY (hall, id, at)
) PARTITION BY RANGE (at);

-- A month's partition, made once; months are UTC months (a hall's local month spans two).
CREATE FUNCTION campus.ensure_month(day date) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  first date := date_trunc('month', day)::date;
  part text := 'events_' || to_char(first, 'YYYY_MM');
BEGIN
  IF to_regclass('campus.' || part) IS NOT NULL THEN RETURN; END IF;
  PERFORM pg_advisory_xact_lock(hashtext('campus.ensure_month'));
  IF to_regclass('campus.' || part) IS NOT NULL THEN RETURN; END IF;
  EXECUTE format('CREATE TABLE campus.%I PARTITION OF campus.events FOR VALUES FROM (%L) TO (%L)',
                 part, first::text || ' 00:00:00+00',
                 (first + interval '1 month')::date::text || ' 00:00:00+00');
END $$;
)sql",
    };
    return migrations;
}

Status migrate_campus(Connection& db) {
    auto applied = [&]() -> Result<int64_t> {
        auto exists = db.query("SELECT to_regclass('campus.migrations') IS NOT NULL");
        if (!exists) return exists.error();
        if (exists->text(0, 0) != "t") return int64_t{0};
        auto version = db.query("SELECT coalesce(max(version), 0) FROM campus.migrations");
        if (!version) return version.error();
        return version->integer(0, 0);
    };
    auto current = applied();
    if (!current) return current.error();
    const auto& migrations = campus_migrations();
    if (*current >= static_cast<int64_t>(migrations.size())) return {};

    if (auto st = db.exec("BEGIN"); !st) return st;
    auto fail = [&](const Error& e) -> Status {
        (void)db.exec("ROLLBACK");
        return e;
    };
    // One migrator at a time; the others then find the schema current.
    if (auto st = db.exec("SELECT pg_advisory_xact_lock(hashtext('campus.migrate'))"); !st)
        return fail(st.error());
    if (auto st = db.exec("CREATE SCHEMA IF NOT EXISTS campus;"
                          "CREATE TABLE IF NOT EXISTS campus.migrations ("
                          "version integer PRIMARY KEY, applied_at timestamptz NOT NULL "
                          "DEFAULT now())");
        !st)
        return fail(st.error());
    current = applied();
    if (!current) return fail(current.error());
    for (auto v = *current; v < static_cast<int64_t>(migrations.size()); ++v) {
        if (auto st = db.exec(migrations[v]); !st)
            return fail(make_error(errc::campus_sql, "campus migration " + std::to_string(v + 1) +
                                                         ": " + st.error().message));
        auto noted = db.query("INSERT INTO campus.migrations (version) VALUES ($1)",
                              {std::to_string(v + 1)});
        if (!noted) return fail(noted.error());
    }
    return db.exec("COMMIT");
}

}  // namespace onestop::pg
