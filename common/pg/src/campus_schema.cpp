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
        // 5: the halls' office accounts for the campus view's sign-in: each hall's shipper
        // sends its accounts table whenever it changed (accounts are few and change in place,
        // so a copy, not a log). Only an enabled office or viewer account carries its
        // password hash (Argon2id, as the hall keeps it): the others cannot sign in here, so
        // their hashes are not copied. Rows are only inserted and updated (a hall never
        // deletes an account, it disables it).
        R"sql(
CREATE TABLE campus.accounts (
  hall integer NOT NULL REFERENCES campus.halls (id),
  login text NOT NULL,
  name text NOT NULL,
  role text NOT NULL,                -- office | unit | viewer
  unit text,                         -- a unit lead's unit
  password_hash text,                -- enabled office and viewer accounts only
  created_at text NOT NULL,          -- as the hall wrote them (ISO 8601)
  disabled_at text,
  PRIMARY KEY (hall, login));
CREATE INDEX accounts_login ON campus.accounts (login);
)sql",
        // 6: waits and cases on time in the monthly figures, kept like the counts by
        // campus.project in each batch's transaction. A ticket's first call adds its wait
        // (issue → that call) to the month and unit of its issue; a promised case (deadline or
        // 补正 mode) completed adds to the month of its completion, on time unless the hall
        // said it was overdue (case.overdue) before. Both look up earlier events of the same
        // ticket or case, hence the index. The events shipped before are counted here.
        R"sql(
ALTER TABLE campus.unit_months
  ADD COLUMN called bigint NOT NULL DEFAULT 0,          -- tickets called a first time
  ADD COLUMN wait_ms bigint NOT NULL DEFAULT 0,         -- their waits, issue → first call
  ADD COLUMN cases_completed bigint NOT NULL DEFAULT 0, -- promised cases completed
  ADD COLUMN cases_on_time bigint NOT NULL DEFAULT 0;   -- of those, never overdue before

CREATE INDEX events_subject ON campus.events (hall, (payload->>'id'), type)
  WHERE type IN ('ticket_issued', 'ticket_called', 'hub.case_overdue');

-- Adds hall p_hall's events p_after < id <= p_last to the waits and cases on time. A ticket
-- is called on its service day: the 31-day bounds only let PostgreSQL skip older months.
CREATE FUNCTION campus.project_service(p_hall integer, p_after bigint, p_last bigint)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO campus.unit_months AS m
         (hall, month, unit, called, wait_ms, cases_completed, cases_on_time)
  SELECT p_hall, month, unit, count(wait_ms), coalesce(sum(wait_ms), 0),
         count(on_time), count(*) FILTER (WHERE on_time)
    FROM (
      SELECT to_char(i.at AT TIME ZONE h.zone, 'YYYY-MM') AS month, i.unit,
             (extract(epoch FROM e.at - i.at) * 1000)::bigint AS wait_ms,
             NULL::boolean AS on_time
        FROM campus.events e
        JOIN campus.halls h ON h.id = e.hall
        JOIN LATERAL (
          SELECT i.at, i.unit FROM campus.events i
           WHERE i.hall = e.hall AND i.payload->>'id' = e.payload->>'id'
             AND i.type = 'ticket_issued' AND i.id < e.id
             AND i.at <= e.at AND i.at >= e.at - interval '31 days'
           ORDER BY i.id LIMIT 1) i ON true
       WHERE e.hall = p_hall AND e.id > p_after AND e.id <= p_last AND e.type = 'ticket_called'
         AND NOT EXISTS (
           SELECT 1 FROM campus.events c
            WHERE c.hall = e.hall AND c.payload->>'id' = e.payload->>'id'
              AND c.type = 'ticket_called' AND c.id < e.id
              AND c.at <= e.at AND c.at >= e.at - interval '31 days')
      UNION ALL
      SELECT to_char(e.at AT TIME ZONE h.zone, 'YYYY-MM'), e.unit, NULL,
             NOT EXISTS (
               SELECT 1 FROM campus.events o
                WHERE o.hall = e.hall AND o.payload->>'id' = e.payload->>'id'
                  AND o.type = 'hub.case_overdue' AND o.id < e.id)
        FROM campus.events e
        JOIN campus.halls h ON h.id = e.hall
       WHERE e.hall = p_hall AND e.id > p_after AND e.id <= p_last
         AND e.type = 'hub.case_completed' AND e.payload->>'mode' IN ('deadline', 'supplement')
    ) f
   GROUP BY month, unit
  ON CONFLICT (hall, month, unit) DO UPDATE SET
    called = m.called + excluded.called,
    wait_ms = m.wait_ms + excluded.wait_ms,
    cases_completed = m.cases_completed + excluded.cases_completed,
    cases_on_time = m.cases_on_time + excluded.cases_on_time;
$$;

-- campus.project, which the shippers call in each batch, now keeps both.
ALTER FUNCTION campus.project(integer, bigint, bigint) RENAME TO project_counts;
CREATE FUNCTION campus.project(p_hall integer, p_after bigint, p_last bigint)
RETURNS void LANGUAGE sql AS $$
  SELECT campus.project_counts(p_hall, p_after, p_last);
  SELECT campus.project_service(p_hall, p_after, p_last);
$$;

SELECT campus.project_service(id, 0, shipped_id) FROM campus.halls;
)sql",
        // 7: campus.project_service as the shippers' batches and a recount need it on a campus
        // holding months of events (bench/campus/RESULTS.md). As a SQL function its statement
        // had one generic plan for every batch, which hashed every call of the hall's history
        // for the "no earlier call" test (4.5 s a 2,000-event batch over one hall's year), and
        // its per-call LATERAL lookup of the ticket's issue walked the primary key back through
        // every event of 31 days (20 days of one hall took 8 minutes to recount). Now it runs
        // through EXECUTE, planned for the batch's own range, and the issues are a join the
        // planner may do by index for a batch or by hash for a year: 0.4 s a 2,000-event batch,
        // 28 s a hall's year of 1.6 million events. The same counts as migration 6's.
        R"sql(
CREATE OR REPLACE FUNCTION campus.project_service(p_hall integer, p_after bigint, p_last bigint)
RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  EXECUTE $sql$
  WITH calls AS (
    SELECT e.id, e.at, e.payload->>'id' AS ticket FROM campus.events e
     WHERE e.hall = $1 AND e.id > $2 AND e.id <= $3 AND e.type = 'ticket_called'),
  first_calls AS (
    SELECT DISTINCT ON (c.id) c.id, c.at, i.at AS issued_at, i.unit
      FROM calls c
      JOIN campus.events i
        ON i.hall = $1 AND i.payload->>'id' = c.ticket AND i.type = 'ticket_issued'
       AND i.id < c.id AND i.at <= c.at AND i.at >= c.at - interval '31 days'
     WHERE NOT EXISTS (
       SELECT 1 FROM campus.events o
        WHERE o.hall = $1 AND o.payload->>'id' = c.ticket AND o.type = 'ticket_called'
          AND o.id < c.id AND o.at <= c.at AND o.at >= c.at - interval '31 days')
     ORDER BY c.id, i.id),
  completed AS (
    SELECT e.id, e.at, e.unit, e.payload->>'id' AS kase FROM campus.events e
     WHERE e.hall = $1 AND e.id > $2 AND e.id <= $3 AND e.type = 'hub.case_completed'
       AND e.payload->>'mode' IN ('deadline', 'supplement'))
  INSERT INTO campus.unit_months AS m
         (hall, month, unit, called, wait_ms, cases_completed, cases_on_time)
  SELECT $1, month, unit, count(wait_ms), coalesce(sum(wait_ms), 0),
         count(on_time), count(*) FILTER (WHERE on_time)
    FROM (
      SELECT to_char(f.issued_at AT TIME ZONE h.zone, 'YYYY-MM') AS month, f.unit,
             (extract(epoch FROM f.at - f.issued_at) * 1000)::bigint AS wait_ms,
             NULL::boolean AS on_time
        FROM first_calls f, campus.halls h WHERE h.id = $1
      UNION ALL
      SELECT to_char(c.at AT TIME ZONE h.zone, 'YYYY-MM'), c.unit, NULL,
             NOT EXISTS (
               SELECT 1 FROM campus.events o
                WHERE o.hall = $1 AND o.payload->>'id' = c.kase
                  AND o.type = 'hub.case_overdue' AND o.id < c.id)
        FROM completed c, campus.halls h WHERE h.id = $1
    ) f
   GROUP BY month, unit
  ON CONFLICT (hall, month, unit) DO UPDATE SET
    called = m.called + excluded.called,
    wait_ms = m.wait_ms + excluded.wait_ms,
    cases_completed = m.cases_completed + excluded.cases_completed,
    cases_on_time = m.cases_on_time + excluded.cases_on_time
  $sql$ USING p_hall, p_after, p_last;
END $fn$;
)sql",
        // 8: the halls' office records (cases, follow-ups, complaints, ratings, attendance
        // punches, assets) and their closed months' scorecards. A hall logs which record
        // changed (its record_changes, hub migration 13); its shipper sends each change with the
        // record's state as it then is, in order after a mark of its own, into
        // campus.record_changes, and campus.apply_records keeps the latest state of each record
        // in campus.records in the same transaction. Scorecards are computed by the hall (as its
        // GET /api/v1/reports/scorecard does) once a month has ended, and stored a row a window
        // and a person; campus.halls.scorecard_month is the last month the campus has.
        R"sql(
ALTER TABLE campus.halls
  ADD COLUMN records_shipped_id bigint NOT NULL DEFAULT 0,
  ADD COLUMN scorecard_month text;

CREATE TABLE campus.record_changes (
  hall integer NOT NULL,
  id bigint NOT NULL,
  at timestamptz NOT NULL,
  kind text NOT NULL,                -- case | followup | complaint | rating | attendance | asset
  record text NOT NULL,              -- its key in the hall (an id, a ticket, an asset's tag)
  state jsonb,                       -- as the hall's shipper read it
  PRIMARY KEY (hall, id));

CREATE TABLE campus.records (
  hall integer NOT NULL,
  kind text NOT NULL,
  record text NOT NULL,
  state jsonb NOT NULL,
  change_id bigint NOT NULL,         -- the campus.record_changes row it is from
  changed_at timestamptz NOT NULL,
  PRIMARY KEY (hall, kind, record));
-- The monthly report counts follow-ups and complaints, a few among a year's ratings.
CREATE INDEX records_office ON campus.records (hall, kind)
  WHERE kind IN ('followup', 'complaint');

-- The latest state of each record changed in hall p_hall's changes p_after < id <= p_last.
CREATE FUNCTION campus.apply_records(p_hall integer, p_after bigint, p_last bigint)
RETURNS void LANGUAGE sql AS $$
  INSERT INTO campus.records AS r (hall, kind, record, state, change_id, changed_at)
  SELECT DISTINCT ON (kind, record) hall, kind, record, state, id, at
    FROM campus.record_changes
   WHERE hall = p_hall AND id > p_after AND id <= p_last AND state IS NOT NULL
   ORDER BY kind, record, id DESC
  ON CONFLICT (hall, kind, record) DO UPDATE SET
    state = excluded.state, change_id = excluded.change_id, changed_at = excluded.changed_at
   WHERE r.change_id < excluded.change_id;
$$;

CREATE TABLE campus.scorecards (
  hall integer NOT NULL,
  month text NOT NULL,               -- YYYY-MM in the hall's time zone
  kind text NOT NULL CHECK (kind IN ('window', 'staff')),
  number text NOT NULL,              -- a window's number, a staff member's
  name text NOT NULL,                -- the window's Chinese name, the person's
  unit text NOT NULL,
  points double precision NOT NULL,
  rank integer NOT NULL,
  honoured boolean NOT NULL,         -- 红旗窗口, 服务之星
  score jsonb NOT NULL,              -- the hall's row as its scorecard JSON has it
  PRIMARY KEY (hall, month, kind, number));
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
