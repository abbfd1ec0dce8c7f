// The hub database's schema. Each entry is one version (PRAGMA user_version counts
// them); never edit a shipped entry — append a new one.
#include "onestop/store/hub_store.h"

namespace onestop::store {

const std::vector<std::string>& hub_migrations() {
    static const std::vector<std::string> migrations = {
        // 1: the first schema.
        R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

-- The hall's configuration, seeded from the hall file.
CREATE TABLE units (code TEXT PRIMARY KEY, name_zh TEXT NOT NULL, name_en TEXT NOT NULL);
CREATE TABLE services (
  code TEXT PRIMARY KEY, unit TEXT NOT NULL, mode TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, promised_days INTEGER NOT NULL);
CREATE TABLE windows (
  number INTEGER PRIMARY KEY, unit TEXT NOT NULL, kind TEXT NOT NULL,
  name_zh TEXT NOT NULL, name_en TEXT NOT NULL, services TEXT NOT NULL);
CREATE TABLE hours (
  window INTEGER NOT NULL, weekday INTEGER NOT NULL, start_min INTEGER NOT NULL, end_min INTEGER NOT NULL);

-- Append-only: what happened, in order. `name`/`data` are what the event stream
-- publishes (NULL for internal entries); the id is the stream's event id.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, type TEXT NOT NULL,
  payload TEXT NOT NULL, name TEXT, data TEXT);

CREATE TABLE tickets (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL, service TEXT NOT NULL, service_day TEXT NOT NULL,
  status TEXT NOT NULL, priority INTEGER NOT NULL, device INTEGER NOT NULL DEFAULT 0,
  request_id TEXT, code TEXT NOT NULL, issued_at TEXT NOT NULL, called_at TEXT, finished_at TEXT,
  window INTEGER NOT NULL DEFAULT 0,
  UNIQUE (service_day, number), UNIQUE (device, request_id));
CREATE TABLE calls (
  id INTEGER PRIMARY KEY, ticket INTEGER NOT NULL, window INTEGER NOT NULL, kind TEXT NOT NULL,
  staff TEXT, at TEXT NOT NULL);
CREATE TABLE evaluations (
  ticket INTEGER PRIMARY KEY, window INTEGER NOT NULL, unit TEXT NOT NULL, staff TEXT,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5), reasons TEXT NOT NULL, comment TEXT NOT NULL,
  source TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE followups (
  id INTEGER PRIMARY KEY, ticket INTEGER NOT NULL UNIQUE, unit TEXT NOT NULL, deadline TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open', opened_at TEXT NOT NULL, closed_at TEXT, note TEXT);

CREATE TABLE staff (
  number TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT NOT NULL, pin_hash TEXT NOT NULL,
  created_at TEXT NOT NULL);
CREATE TABLE pin_failures (staff TEXT NOT NULL, at_ms INTEGER NOT NULL);
CREATE INDEX pin_failures_staff ON pin_failures (staff, at_ms);
CREATE TABLE devices (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, window INTEGER NOT NULL DEFAULT 0,
  token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL);
CREATE TABLE sessions (
  id INTEGER PRIMARY KEY, token_hash TEXT NOT NULL UNIQUE, staff TEXT NOT NULL, window INTEGER NOT NULL,
  device INTEGER NOT NULL, started_at TEXT NOT NULL, ended_at TEXT);
CREATE TABLE attendance (
  id INTEGER PRIMARY KEY, staff TEXT NOT NULL, window INTEGER NOT NULL, day TEXT NOT NULL,
  half TEXT NOT NULL CHECK (half IN ('morning', 'afternoon')), check_in TEXT NOT NULL, check_out TEXT,
  UNIQUE (staff, day, half));

CREATE TABLE leases (
  id INTEGER PRIMARY KEY, device INTEGER NOT NULL, service TEXT NOT NULL, service_day TEXT NOT NULL,
  first INTEGER NOT NULL, count INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE notices (id INTEGER PRIMARY KEY, text_zh TEXT NOT NULL, text_en TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY, device INTEGER NOT NULL, kind TEXT NOT NULL, message TEXT NOT NULL, at TEXT NOT NULL);
CREATE TABLE idempotency (
  window INTEGER NOT NULL, key TEXT NOT NULL, status INTEGER NOT NULL, body TEXT NOT NULL, at TEXT NOT NULL,
  PRIMARY KEY (window, key));
)sql",
        // 2: the database's identity, made once with the database (or here, for one made
        // before): a kiosk's number blocks are only good at the database that leased them.
        R"sql(
INSERT INTO meta (key, value) VALUES ('hub_id', lower(hex(randomblob(16))));
)sql",
        // 3: devices can be revoked and show when they were last seen; staff can be
        // disabled. Rows stay (nothing is deleted): the times say when it happened.
        R"sql(
ALTER TABLE devices ADD COLUMN last_seen_at TEXT;
ALTER TABLE devices ADD COLUMN revoked_at TEXT;
ALTER TABLE staff ADD COLUMN disabled_at TEXT;
)sql",
        // 4: the hub starts from today's part of the log, not all of it (issue 11): the
        // log by time, the window pauses before it, the tickets still open. An earlier
        // day's ticket is answered from its row, so the row keeps a renumbered offline
        // ticket's printed number too (until now only in the log).
        R"sql(
CREATE INDEX events_at ON events (at);
CREATE INDEX events_window ON events (id) WHERE type IN ('window_paused', 'window_resumed');
CREATE INDEX tickets_open ON tickets (id) WHERE status IN ('waiting', 'called');
ALTER TABLE tickets ADD COLUMN printed TEXT NOT NULL DEFAULT '';
UPDATE tickets SET printed = issued.printed
  FROM (SELECT json_extract(payload, '$.id') AS id, json_extract(payload, '$.printed') AS printed
          FROM events WHERE type = 'ticket_issued' AND payload LIKE '%"printed"%') AS issued
  WHERE tickets.id = issued.id;
)sql",
        // 5: the hall office's accounts (issue 12) and the audit log of every change made
        // by an account or a token. The log is append-only: triggers refuse to edit it.
        R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY, login TEXT NOT NULL UNIQUE, name TEXT NOT NULL, role TEXT NOT NULL,
  unit TEXT, password_hash TEXT NOT NULL, created_at TEXT NOT NULL, disabled_at TEXT);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, who TEXT NOT NULL, action TEXT NOT NULL,
  target TEXT NOT NULL, before TEXT, after TEXT);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
)sql",
        // 6: the office console (issue 12). A service's guide (办事指南) and a window's plan
        // are versioned: each change keeps the whole before and after (JSON), who made it
        // and when; the newest version wins over the hall file. A window plan takes effect
        // on its date (NULL plan: the window closes that day). Staff get training records
        // (上岗培训) and the unit's window lead mark (第十三条); notices a time span.
        R"sql(
CREATE TABLE service_versions (
  id INTEGER PRIMARY KEY, service TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
  before TEXT NOT NULL, after TEXT NOT NULL);
CREATE INDEX service_versions_service ON service_versions (service, id);
CREATE TABLE window_plans (
  id INTEGER PRIMARY KEY, window INTEGER NOT NULL, effective TEXT NOT NULL, at TEXT NOT NULL,
  who TEXT NOT NULL, plan TEXT);
CREATE INDEX window_plans_window ON window_plans (window, effective, id);
CREATE TABLE training (
  id INTEGER PRIMARY KEY, staff TEXT NOT NULL, date TEXT NOT NULL, topic TEXT NOT NULL,
  passed INTEGER NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL);
CREATE INDEX training_staff ON training (staff, date);
ALTER TABLE staff ADD COLUMN lead INTEGER NOT NULL DEFAULT 0;
ALTER TABLE notices ADD COLUMN starts_at TEXT;
ALTER TABLE notices ADD COLUMN ends_at TEXT;
ALTER TABLE notices ADD COLUMN ended_at TEXT;
)sql",
        // 7: the figures report reads each ticket's calls (first call, last caller); without
        // this index every ticket scanned the whole calls table (20,000 tickets: 44 s → 0.1 s).
        R"sql(
CREATE INDEX calls_ticket ON calls (ticket, id);
)sql",
        // 8: people (issue 14). Terms; each window's roster per term in versions (drafts by the
        // unit, versions the office published, each from its effective date on, 第十四、十五条);
        // the requests that wait for someone's word — leave (第三十条), missed-punch
        // corrections, mid-term roster changes — with their whole body as JSON and their
        // status, every step also in the audit log; meetings (第三十一条) and the monthly
        // attendance sheets as published (第三十二条), each publication kept.
        R"sql(
CREATE TABLE terms (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
  at TEXT NOT NULL, who TEXT NOT NULL);
CREATE TABLE roster_versions (
  id INTEGER PRIMARY KEY, term INTEGER NOT NULL, window INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('draft', 'published')), effective TEXT NOT NULL,
  body TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL);
CREATE INDEX roster_versions_term ON roster_versions (term, window, id);
CREATE TABLE people_requests (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('leave', 'correction', 'roster_change')),
  staff TEXT NOT NULL, unit TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL,
  asked_at TEXT NOT NULL, asked_by TEXT NOT NULL, confirmed_at TEXT, decided_at TEXT,
  decided_by TEXT, note TEXT NOT NULL DEFAULT '');
CREATE INDEX people_requests_kind ON people_requests (kind, status, id);
CREATE TABLE meetings (
  id INTEGER PRIMARY KEY, date TEXT NOT NULL, half TEXT NOT NULL, topic TEXT NOT NULL,
  must TEXT NOT NULL, came TEXT NOT NULL DEFAULT '[]', at TEXT NOT NULL, who TEXT NOT NULL);
CREATE TABLE attendance_sheets (
  id INTEGER PRIMARY KEY, month TEXT NOT NULL, sheet TEXT NOT NULL, reason TEXT NOT NULL,
  at TEXT NOT NULL, who TEXT NOT NULL);
CREATE INDEX attendance_sheets_month ON attendance_sheets (month, id);
CREATE INDEX sessions_started ON sessions (started_at);
)sql",
        // 9: cases (办件, issue 13): one a ticket at most, numbered UNIT-YYYYMMDD-NNNN per unit
        // and day; their steps (append-only: triggers refuse edits), the partner units' tasks
        // of joint items, the hand-over records between units (第二十一条), and the outbox of
        // notifications for the webhook (retried until delivered; rows stay as the record).
        R"sql(
CREATE TABLE cases (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, unit TEXT NOT NULL, day TEXT NOT NULL,
  seq INTEGER NOT NULL, ticket INTEGER NOT NULL, service TEXT NOT NULL, window INTEGER NOT NULL,
  staff TEXT NOT NULL, mode TEXT NOT NULL, status TEXT NOT NULL, code TEXT NOT NULL,
  opened_at TEXT NOT NULL, promised_days INTEGER NOT NULL, missing TEXT NOT NULL,
  reason_code TEXT NOT NULL, reason TEXT NOT NULL, result TEXT NOT NULL,
  supplements INTEGER NOT NULL, supplements_allowed INTEGER NOT NULL,
  paused_days INTEGER NOT NULL, paused_since TEXT, completed_at TEXT, overdue_at TEXT,
  UNIQUE (unit, day, seq));
CREATE INDEX cases_ticket ON cases (ticket);
CREATE INDEX cases_open ON cases (id) WHERE status IN ('accepted', 'awaiting_supplement');
CREATE TABLE case_steps (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, at TEXT NOT NULL, what TEXT NOT NULL,
  who TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX case_steps_case ON case_steps (case_id, id);
CREATE TRIGGER case_steps_no_update BEFORE UPDATE ON case_steps
  BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
CREATE TRIGGER case_steps_no_delete BEFORE DELETE ON case_steps
  BEGIN SELECT RAISE(ABORT, 'case steps are append-only'); END;
CREATE TRIGGER cases_no_delete BEFORE DELETE ON cases
  BEGIN SELECT RAISE(ABORT, 'cases are never deleted'); END;
CREATE TABLE case_tasks (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, unit TEXT NOT NULL, due_date TEXT NOT NULL,
  status TEXT NOT NULL, done_at TEXT, done_by TEXT, UNIQUE (case_id, unit));
CREATE TABLE handovers (
  id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, items TEXT NOT NULL, from_unit TEXT NOT NULL,
  from_staff TEXT NOT NULL, to_unit TEXT NOT NULL, to_staff TEXT, status TEXT NOT NULL,
  at TEXT NOT NULL, confirmed_at TEXT);
CREATE INDEX handovers_case ON handovers (case_id, id);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, url TEXT NOT NULL, body TEXT NOT NULL,
  created_at TEXT NOT NULL, attempts INTEGER NOT NULL, next_at TEXT NOT NULL,
  delivered_at TEXT, last_error TEXT);
CREATE INDEX outbox_due ON outbox (next_at) WHERE delivered_at IS NULL;
)sql",
        // 10: the work log (工作日志, 第十八条): a staff member's note on their day, each save
        // a new version (triggers refuse edits); the day's case steps and hand-overs by time,
        // which the log counts per person.
        R"sql(
CREATE TABLE worklog_notes (
  id INTEGER PRIMARY KEY, staff TEXT NOT NULL, date TEXT NOT NULL, note TEXT NOT NULL,
  at TEXT NOT NULL, who TEXT NOT NULL);
CREATE INDEX worklog_notes_date ON worklog_notes (date, staff, id);
CREATE TRIGGER worklog_notes_no_update BEFORE UPDATE ON worklog_notes
  BEGIN SELECT RAISE(ABORT, 'work log notes are kept: save a new version'); END;
CREATE TRIGGER worklog_notes_no_delete BEFORE DELETE ON worklog_notes
  BEGIN SELECT RAISE(ABORT, 'work log notes are kept: save a new version'); END;
CREATE INDEX case_steps_at ON case_steps (at);
CREATE INDEX handovers_at ON handovers (at);
CREATE INDEX handovers_confirmed_at ON handovers (confirmed_at);
)sql",
        // 11: the quality loop (issue 15): a follow-up's call-back and rectification, its appeal
        // and the office's decision, the clock's daily reminder and escalation; the phone number
        // an applicant may leave with a rating for the call-back; complaints (第四十一、四十二条)
        // with their steps, nothing deleted.
        R"sql(
ALTER TABLE followups ADD COLUMN callback TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN rectification TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN closed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN appeal TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN appealed_at TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN decision TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN decision_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN decided_at TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN reminded_on TEXT NOT NULL DEFAULT '';
ALTER TABLE followups ADD COLUMN escalated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluations ADD COLUMN contact TEXT NOT NULL DEFAULT '';
CREATE TABLE complaints (
  id INTEGER PRIMARY KEY, number TEXT NOT NULL UNIQUE, code TEXT NOT NULL, channel TEXT NOT NULL,
  about TEXT NOT NULL, unit TEXT NOT NULL, window INTEGER NOT NULL, staff TEXT NOT NULL,
  text TEXT NOT NULL, contact TEXT NOT NULL, entered_by TEXT NOT NULL, status TEXT NOT NULL,
  received_at TEXT NOT NULL, due_date TEXT NOT NULL, waiting_since TEXT NOT NULL,
  finding TEXT NOT NULL, action TEXT NOT NULL, reply TEXT NOT NULL, answered_at TEXT NOT NULL,
  answered_by TEXT NOT NULL, reminded_on TEXT NOT NULL, escalated_at TEXT NOT NULL);
CREATE TABLE complaint_steps (
  id INTEGER PRIMARY KEY, complaint INTEGER NOT NULL REFERENCES complaints (id),
  at TEXT NOT NULL, who TEXT NOT NULL, what TEXT NOT NULL, note TEXT NOT NULL);
CREATE INDEX complaint_steps_of ON complaint_steps (complaint, id);
CREATE TRIGGER complaints_no_delete BEFORE DELETE ON complaints
  BEGIN SELECT RAISE(ABORT, 'complaints are kept'); END;
CREATE TRIGGER complaint_steps_no_change BEFORE UPDATE ON complaint_steps
  BEGIN SELECT RAISE(ABORT, 'complaint steps are kept'); END;
CREATE TRIGGER complaint_steps_no_delete BEFORE DELETE ON complaint_steps
  BEGIN SELECT RAISE(ABORT, 'complaint steps are kept'); END;
)sql",
        // 12 (never shipped apart, so one entry): hall assets (issue 16, 第三十三–三十七条): the
        // register (tags the hub numbers or a
        // hall's own; units' assets filed with the office marked by `owner`; counted stock has a
        // quantity; a hall device linked by id), each asset's history (moves, re-assignments,
        // edits, issues, loss and damage: append-only), requisitions (领用单) and change requests
        // (第三十六条) with the office's decision, and the yearly stock-takes: the snapshot of
        // what was expected where, every scan, and the result as confirmed at closing. The
        // closing round (第三十九条): who closed the hall, when, the four checks and a note,
        // kept as given; the days the office was alerted that nobody had (once a day).
        R"sql(
CREATE TABLE assets (
  tag TEXT PRIMARY KEY, seq INTEGER, category TEXT NOT NULL, name TEXT NOT NULL,
  model TEXT NOT NULL, serial TEXT NOT NULL, location TEXT NOT NULL, keeper TEXT NOT NULL,
  value_fen INTEGER NOT NULL, acquired TEXT NOT NULL, owner TEXT NOT NULL,
  quantity INTEGER NOT NULL, device INTEGER NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, created_by TEXT NOT NULL);
CREATE UNIQUE INDEX assets_seq ON assets (seq) WHERE seq IS NOT NULL;
CREATE TRIGGER assets_no_delete BEFORE DELETE ON assets
  BEGIN SELECT RAISE(ABORT, 'assets are kept: record a loss or a write-off'); END;
CREATE TABLE asset_history (
  id INTEGER PRIMARY KEY, tag TEXT NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
  what TEXT NOT NULL, detail TEXT NOT NULL);
CREATE INDEX asset_history_tag ON asset_history (tag, id);
CREATE TRIGGER asset_history_no_update BEFORE UPDATE ON asset_history
  BEGIN SELECT RAISE(ABORT, 'asset history is kept'); END;
CREATE TRIGGER asset_history_no_delete BEFORE DELETE ON asset_history
  BEGIN SELECT RAISE(ABORT, 'asset history is kept'); END;
CREATE TABLE asset_requests (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('requisition', 'change')),
  unit TEXT NOT NULL, window INTEGER NOT NULL, asked_by TEXT NOT NULL, asked_name TEXT NOT NULL,
  asked_at TEXT NOT NULL, body TEXT NOT NULL, status TEXT NOT NULL, decided_at TEXT NOT NULL,
  decided_by TEXT NOT NULL, decided_name TEXT NOT NULL, reason TEXT NOT NULL);
CREATE INDEX asset_requests_kind ON asset_requests (kind, status, id);
CREATE TABLE stocktakes (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, status TEXT NOT NULL, opened_at TEXT NOT NULL,
  opened_by TEXT NOT NULL, closed_at TEXT NOT NULL, closed_by TEXT NOT NULL,
  note TEXT NOT NULL, result TEXT NOT NULL);
CREATE TABLE stocktake_expected (
  stocktake INTEGER NOT NULL, tag TEXT NOT NULL, location TEXT NOT NULL,
  PRIMARY KEY (stocktake, tag));
CREATE TABLE stocktake_scans (
  id INTEGER PRIMARY KEY, stocktake INTEGER NOT NULL, tag TEXT NOT NULL, location TEXT NOT NULL,
  who TEXT NOT NULL, at TEXT NOT NULL);
CREATE INDEX stocktake_scans_of ON stocktake_scans (stocktake, id);
CREATE TRIGGER stocktake_scans_no_change BEFORE UPDATE ON stocktake_scans
  BEGIN SELECT RAISE(ABORT, 'stock-take scans are kept'); END;

-- The closing round (第三十九条).
CREATE TABLE hall_closings (
  id INTEGER PRIMARY KEY, date TEXT NOT NULL, at TEXT NOT NULL, staff TEXT NOT NULL,
  name TEXT NOT NULL, window INTEGER NOT NULL, doors_windows INTEGER NOT NULL,
  lights INTEGER NOT NULL, air_conditioning INTEGER NOT NULL, other_power INTEGER NOT NULL,
  note TEXT NOT NULL);
CREATE INDEX hall_closings_date ON hall_closings (date, id);
CREATE TRIGGER hall_closings_no_update BEFORE UPDATE ON hall_closings
  BEGIN SELECT RAISE(ABORT, 'closing rounds are kept'); END;
CREATE TRIGGER hall_closings_no_delete BEFORE DELETE ON hall_closings
  BEGIN SELECT RAISE(ABORT, 'closing rounds are kept'); END;
CREATE TABLE hall_closing_alerts (date TEXT PRIMARY KEY, at TEXT NOT NULL);
)sql",
        // 13: which office records changed, for the campus shipper (issue 18): each insert or
        // update of a case, follow-up, complaint, rating, attendance punch or asset adds a row
        // (kind, the record's key, when), so the shipper sends those records' current states
        // in order after a mark, as it sends the event log. Triggers, so that no code path
        // writing these tables can forget it.
        R"sql(
CREATE TABLE record_changes (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, record TEXT NOT NULL, at TEXT NOT NULL);
CREATE TRIGGER cases_inserted AFTER INSERT ON cases
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('case', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER cases_updated AFTER UPDATE ON cases
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('case', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER followups_inserted AFTER INSERT ON followups
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('followup', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER followups_updated AFTER UPDATE ON followups
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('followup', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER complaints_inserted AFTER INSERT ON complaints
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('complaint', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER complaints_updated AFTER UPDATE ON complaints
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('complaint', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER evaluations_inserted AFTER INSERT ON evaluations
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('rating', NEW.ticket, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER evaluations_updated AFTER UPDATE ON evaluations
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('rating', NEW.ticket, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER attendance_inserted AFTER INSERT ON attendance
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('attendance', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER attendance_updated AFTER UPDATE ON attendance
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('attendance', NEW.id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER assets_inserted AFTER INSERT ON assets
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('asset', NEW.tag, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
CREATE TRIGGER assets_updated AFTER UPDATE ON assets
  BEGIN INSERT INTO record_changes (kind, record, at)
        VALUES ('asset', NEW.tag, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')); END;
-- The records a hall already has: shipped once as they are now.
INSERT INTO record_changes (kind, record, at)
  SELECT 'case', id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM cases ORDER BY id;
INSERT INTO record_changes (kind, record, at)
  SELECT 'followup', id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM followups ORDER BY id;
INSERT INTO record_changes (kind, record, at)
  SELECT 'complaint', id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM complaints ORDER BY id;
INSERT INTO record_changes (kind, record, at)
  SELECT 'rating', ticket, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM evaluations ORDER BY ticket;
INSERT INTO record_changes (kind, record, at)
  SELECT 'attendance', id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM attendance ORDER BY id;
INSERT INTO record_changes (kind, record, at)
  SELECT 'asset', tag, strftime('%Y-%m-%dT%H:%M:%SZ', 'now') FROM assets ORDER BY tag;
)sql",
    };
    return migrations;
}

}  // namespace onestop::store
