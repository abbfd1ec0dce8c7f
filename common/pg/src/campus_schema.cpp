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
  -- Hubs shipping their month's first batch together: one makes it, the others wait and
  -- then find it (this function's catalog view may predate the other's commit, so the
  -- CREATE checks again and a lost race is not an error).
  PERFORM pg_advisory_xact_lock(hashtext('campus.ensure_month'));
  BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS campus.%I PARTITION OF campus.events '
                   'FOR VALUES FROM (%L) TO (%L)',
                   part, first::text || ' 00:00:00+00',
                   (first + interval '1 month')::date::text || ' 00:00:00+00');
  EXCEPTION WHEN duplicate_table OR unique_violation THEN NULL;
  END;
END $$;
)sql",
        // 2: the monthly figures per hall, unit and the hall's local month, kept by the
        // shipper in each batch's transaction (campus.project), so a report reads a few rows
        // a hall instead of a month of events; the events shipped before are counted here.
        R"sql(
CREATE TABLE campus.unit_months (
  hall integer NOT NULL,
  month text NOT NULL,               -- YYYY-MM in the hall's time zone
  unit text NOT NULL,
  tickets bigint NOT NULL DEFAULT 0,
  ratings bigint NOT NULL DEFAULT 0,
  rating_sum bigint NOT NULL DEFAULT 0,
  bad_ratings bigint NOT NULL DEFAULT 0,  -- levels 1–2
  cases bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (hall, month, unit));

-- Adds hall p_hall's events p_after < id <= p_last to its monthly figures.
CREATE FUNCTION campus.project(p_hall integer, p_after bigint, p_last bigint)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO campus.unit_months AS m
         (hall, month, unit, tickets, ratings, rating_sum, bad_ratings, cases)
  SELECT e.hall, to_char(e.at AT TIME ZONE h.zone, 'YYYY-MM'), e.unit,
         count(*) FILTER (WHERE e.type = 'ticket_issued'),
         count(*) FILTER (WHERE e.type = 'hub.evaluation_submitted'),
         coalesce(sum((e.data->>'level')::int)
                    FILTER (WHERE e.type = 'hub.evaluation_submitted'), 0),
         count(*) FILTER (WHERE e.type = 'hub.evaluation_submitted'
                            AND (e.data->>'level')::int <= 2),
         count(*) FILTER (WHERE e.type = 'hub.case_opened')
    FROM campus.events e JOIN campus.halls h ON h.id = e.hall
   WHERE e.hall = p_hall AND e.id > p_after AND e.id <= p_last
     AND e.type IN ('ticket_issued', 'hub.evaluation_submitted', 'hub.case_opened')
   GROUP BY 1, 2, 3
  ON CONFLICT (hall, month, unit) DO UPDATE SET
    tickets = m.tickets + excluded.tickets,
    ratings = m.ratings + excluded.ratings,
    rating_sum = m.rating_sum + excluded.rating_sum,
    bad_ratings = m.bad_ratings + excluded.bad_ratings,
    cases = m.cases + excluded.cases;
$$;

SELECT campus.project(id, 0, shipped_id) FROM campus.halls;
)sql",
        // 3: the hall office's audit log — every change an account or a token made, who, what,
        // before → after (JSON text) — shipped beside the events with a mark of its own.
        R"sql(
ALTER TABLE campus.halls ADD COLUMN audit_shipped_id bigint NOT NULL DEFAULT 0;
CREATE TABLE campus.audit (
  hall integer NOT NULL,
  id bigint NOT NULL,
  at timestamptz NOT NULL,
  who text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  before text,
  after text,
  PRIMARY KEY (hall, id));
)sql",
        // 4: when a hall last said the campus held all it had (its shipper, idle and caught
        // up, says so every 30 s): how current its figures are, also for a quiet hall.
        R"sql(
ALTER TABLE campus.halls ADD COLUMN complete_at timestamptz;
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
