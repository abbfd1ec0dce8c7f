#include "campus_shipper.h"

#include <algorithm>
#include <cstdio>

#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/pg/campus_schema.h"

namespace onestop::hub {

namespace {

using namespace std::chrono_literals;

constexpr auto kFirstRetry = 1000ms;
constexpr auto kMaxRetry = 30000ms;
constexpr auto kRefusedLook = 60000ms;
// With nothing to ship the thread waits for the next published event, or this long for
// entries the stream does not publish (internal ones).
constexpr auto kIdleLook = 250ms;
constexpr auto kMarkEvery = 1000ms;              // the hall's mark is written at most this often
constexpr auto kFigureEvery = 1000ms;            // the backlog's figures while the campus is away
constexpr auto kCompleteEvery = 30000ms;         // "all here" while caught up, for a quiet hall
constexpr auto kCompleteAfterShipping = 1000ms;  // and at most this often while busy
constexpr auto kAccountsEvery = 1000ms;          // the hall's accounts are compared this often
constexpr auto kScorecardsEvery = 60000ms;       // whether a month has ended, once all are there
// The log after the mark, oldest first, with the unit each entry concerns where the hall
// knows it: a case's own unit, a rating's (its row), a ticket's service's, a window's.
constexpr const char* kEventsSql = R"sql(
SELECT e.id, e.at, e.type,
       CAST(COALESCE(json_extract(e.data, '$.unit'), ev.unit, s.unit, w.unit, '') AS TEXT),
       e.payload, e.name, e.data
  FROM events e
  LEFT JOIN evaluations ev
    ON e.type = 'hub.evaluation_submitted' AND ev.ticket = json_extract(e.data, '$.ticket')
  LEFT JOIN services s
    ON e.type = 'ticket_issued' AND s.code = json_extract(e.payload, '$.service')
  LEFT JOIN windows w
    ON w.number = COALESCE(json_extract(e.payload, '$.window'), json_extract(e.data, '$.window'))
 WHERE e.id > ? ORDER BY e.id LIMIT ?)sql";

constexpr const char* kAuditSql = R"sql(
SELECT id, at, who, action, target, before, after FROM audit WHERE id > ? ORDER BY id LIMIT ?)sql";

// The office records changed after the mark, oldest change first, each with the record's
// state as it is now (a record changed twice is sent twice, the same state: the campus keeps
// the latest). What identifies a person outside the staff (a complainant's words and contact,
// a rating's comment and contact) stays in the hall.
constexpr const char* kRecordsSql = R"sql(
SELECT c.id, c.at, c.kind, c.record,
  CASE c.kind
  WHEN 'case' THEN (SELECT json_object(
    'number', number, 'unit', unit, 'day', day, 'ticket', ticket, 'service', service,
    'window', window, 'staff', staff, 'mode', mode, 'status', status, 'opened_at', opened_at,
    'promised_days', promised_days, 'supplements', supplements, 'paused_days', paused_days,
    'completed_at', completed_at, 'overdue_at', overdue_at) FROM cases WHERE id = c.record)
  WHEN 'followup' THEN (SELECT json_object(
    'ticket', ticket, 'unit', unit, 'deadline', deadline, 'status', status,
    'opened_at', opened_at, 'closed_at', closed_at, 'decided_by', decided_by,
    'escalated_at', escalated_at) FROM followups WHERE id = c.record)
  WHEN 'complaint' THEN (SELECT json_object(
    'number', number, 'code', code, 'channel', channel, 'about', about, 'unit', unit,
    'window', window, 'staff', staff, 'status', status, 'received_at', received_at,
    'due_date', due_date, 'finding', finding, 'answered_at', answered_at,
    'answered_by', answered_by, 'escalated_at', escalated_at)
    FROM complaints WHERE id = c.record)
  WHEN 'rating' THEN (SELECT json_object(
    'ticket', ticket, 'window', window, 'unit', unit, 'staff', staff, 'level', level,
    'reasons', reasons, 'source', source, 'at', at) FROM evaluations WHERE ticket = c.record)
  WHEN 'attendance' THEN (SELECT json_object(
    'staff', staff, 'window', window, 'day', day, 'half', half, 'check_in', check_in,
    'check_out', check_out) FROM attendance WHERE id = c.record)
  WHEN 'asset' THEN (SELECT json_object(
    'category', category, 'name', name, 'model', model, 'serial', serial,
    'location', location, 'keeper', keeper, 'value_fen', value_fen, 'acquired', acquired,
    'owner', owner, 'quantity', quantity, 'status', status, 'created_at', created_at)
    FROM assets WHERE tag = c.record)
  END
  FROM record_changes c WHERE c.id > ? ORDER BY c.id LIMIT ?)sql";

// The hall's office accounts as the campus keeps them, for the campus view's sign-in: the
// password hash only where the account may sign in there (enabled, office or viewer).
constexpr const char* kAccountsSql = R"sql(
SELECT json_group_array(json_object(
         'login', login, 'name', name, 'role', role, 'unit', unit,
         'password_hash',
         CASE WHEN disabled_at IS NULL AND role IN ('office', 'viewer') THEN password_hash END,
         'created_at', created_at, 'disabled_at', disabled_at))
  FROM (SELECT * FROM accounts ORDER BY id))sql";

constexpr const char* kPutAccountsSql = R"sql(
INSERT INTO campus.accounts AS a
       (hall, login, name, role, unit, password_hash, created_at, disabled_at)
SELECT $1::integer, r.login, r.name, r.role, r.unit, r.password_hash, r.created_at,
       r.disabled_at
  FROM jsonb_to_recordset($2::jsonb) AS r(login text, name text, role text, unit text,
                                          password_hash text, created_at text, disabled_at text)
ON CONFLICT (hall, login) DO UPDATE SET
  name = excluded.name, role = excluded.role, unit = excluded.unit,
  password_hash = excluded.password_hash, created_at = excluded.created_at,
  disabled_at = excluded.disabled_at)sql";

// A month's scorecard rows as campus.scorecards keeps them, from the hall's scorecard JSON.
constexpr const char* kPutScorecardSql = R"sql(
INSERT INTO campus.scorecards (hall, month, kind, number, name, unit, points, rank, honoured,
                               score)
SELECT $1::integer, $2, r.kind, r.number, r.name, r.unit, r.points, r.rank, r.honoured, r.score
  FROM jsonb_to_recordset($3::jsonb) AS r(kind text, number text, name text, unit text,
                                          points double precision, rank integer,
                                          honoured boolean, score jsonb))sql";

json scorecard_rows(const json& scorecard) {
    json rows = json::array();
    for (const auto& w : scorecard["windows"])
        rows.push_back({{"kind", "window"},
                        {"number", std::to_string(w["number"].get<int>())},
                        {"name", w["name"].is_object() ? w["name"]["zh"] : json("")},
                        {"unit", w["unit"]},
                        {"points", w["points"]},
                        {"rank", w["rank"]},
                        {"honoured", w["honoured"]},
                        {"score", w}});
    for (const auto& p : scorecard["staff"])
        rows.push_back({{"kind", "staff"},
                        {"number", p["number"]},
                        {"name", p["name"]},
                        {"unit", p["unit"]},
                        {"points", p["points"]},
                        {"rank", p["rank"]},
                        {"honoured", p["honoured"]},
                        {"score", p}});
    return rows;
}

// "YYYY-MM" → the month after it.
std::string next_month(const std::string& month) {
    int year = std::stoi(month.substr(0, 4)), m = std::stoi(month.substr(5, 2)) + 1;
    if (m > 12) m = 1, ++year;
    char out[24];  // room for any int the compiler cannot rule out
    std::snprintf(out, sizeof out, "%04d-%02d", year, m);
    return out;
}

// The first day of `at`'s UTC month, the partition it belongs to.
std::string utc_month(const std::string& at) {
    auto t = parse_iso8601(at);
    std::string day = TimeZone::utc().to_local(t.value_or(TimePoint{})).date();
    return day.substr(0, 8) + "01";
}

}  // namespace

// One append-only table of the hall and the campus table it goes to. The SQL names are
// constants of this file, never input.
struct CampusShipper::Stream {
    const char* table;        // the hall's, and the campus.<table> it is copied to
    const char* columns;      // the COPY's columns after hall, id and at
    int fields;               // the batch's columns: id, at, then those
    const char* batch_sql;    // rows after ? (at most ?), oldest first: id, at, then columns
    const char* mark_key;     // the hall's mark in meta
    const char* mark_column;  // the campus mark in campus.halls
    bool events;              // the event log: month partitions and the hall's last event
    const char* apply;        // the campus function (hall, after, last) run on the batch, if any
    int64_t shipped = 0;      // the campus mark as this shipper knows it
    int64_t saved = -1;       // the hall's mark as last written
    int64_t last = 0;         // the hall table's last id
    std::optional<TimePoint> oldest{};  // its oldest row not shipped
};

struct CampusShipper::Batch {
    std::string rows;  // COPY text
    int64_t first = 0, last = 0;
    std::string last_at;
    std::set<std::string> months;
};

CampusShipper::CampusShipper(Options options, Writer& writer, EventBus& bus)
    : options_(std::move(options)), writer_(writer), bus_(bus) {
    streams_ = {{"events", "type, unit, payload, name, data", 7, kEventsSql, "campus_shipped",
                 "shipped_id", true, "campus.project"},
                {"audit", "who, action, target, before, after", 7, kAuditSql,
                 "campus_shipped_audit", "audit_shipped_id", false, nullptr},
                {"record_changes", "kind, record, state", 5, kRecordsSql, "campus_shipped_records",
                 "records_shipped_id", false, "campus.apply_records"}};
}

CampusShipper::~CampusShipper() {
    stop();
}

void CampusShipper::start() {
    if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
}

void CampusShipper::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
}

CampusShipper::Figures CampusShipper::figures() const {
    std::lock_guard lock(mu_);
    return figures_;
}

bool CampusShipper::pause(std::chrono::milliseconds wait) {
    std::unique_lock lock(mu_);
    return !cv_.wait_for(lock, wait, [this] { return stopping_; });
}

bool CampusShipper::wait_offline(std::chrono::milliseconds wait) {
    for (auto left = wait; left > 0ms; left -= kFigureEvery) {
        if (!pause(std::min(left, std::chrono::milliseconds(kFigureEvery)))) return false;
        (void)read_local_figures();  // the backlog keeps growing on /metrics meanwhile
    }
    return true;
}

void CampusShipper::run() {
    auto log = logger("campus");
    auto retry = kFirstRetry;
    std::string said;  // the last trouble logged: an outage is logged once, not every try
    if (auto st = open_hall_log(); !st) {
        log->error("campus shipping stopped: {}", st.error().message);
        std::lock_guard lock(mu_);
        figures_.error = st.error().message;
        return;
    }
    for (;;) {
        {
            std::lock_guard lock(mu_);
            if (stopping_) break;
        }
        if (auto st = read_local_figures(); !st) log->error("{}", st.error().message);
        if (!campus_) {
            auto st = connect();
            if (!st) {
                if (st.error().message != said) log->warn("{}", st.error().message);
                said = st.error().message;
                disconnected(st.error());
                if (!wait_offline(retry)) break;
                retry = std::min(retry * 2, kMaxRetry);
                continue;
            }
            log->info("shipping hall {} to {} from event {}, audit entry {}, record change {}",
                      hub_id_, pg::describe(options_.target), streams_[0].shipped + 1,
                      streams_[1].shipped + 1, streams_[2].shipped + 1);
        }
        if (figures().refused) {
            campus_.reset();
            if (!wait_offline(kRefusedLook)) break;
            continue;
        }
        int64_t published = bus_.last_id();  // an event published while shipping wakes the wait
        auto shipped = ship();
        if (!shipped) {
            if (shipped.error().message != said)
                log->warn("campus shipping interrupted after event {}: {}", streams_[0].shipped,
                          shipped.error().message);
            said = shipped.error().message;
            disconnected(shipped.error());
            if (!wait_offline(retry)) break;
            retry = std::min(retry * 2, kMaxRetry);
            continue;
        }
        retry = kFirstRetry;
        said.clear();
        save_marks(false);
        if (!*shipped) {
            if (auto st = say_complete(); !st) {
                disconnected(st.error());
                continue;
            }
            uint64_t wakes = 0;
            bus_.wait_after(published, kIdleLook, wakes);
        } else {
            complete_said_ = false;
        }
    }
    save_marks(true);
}

Status CampusShipper::open_hall_log() {
    auto db = store::Database::open(options_.db);
    if (!db) return db.error();
    log_ = std::move(*db);
    auto st = log_->prepare("SELECT value FROM meta WHERE key = ?");
    if (!st) return st.error();
    auto value = [&](const char* key) -> Result<std::string> {
        (*st)->reset().bind(1, key);
        auto row = (*st)->step();
        if (!row) return row.error();
        std::string text = *row ? (*st)->column_text(0) : "";
        (*st)->reset();
        return text;
    };
    auto id = value("hub_id");
    if (!id) return id.error();
    if (id->empty())
        return make_error(errc::campus_refused, options_.db.string() + " has no hub_id");
    hub_id_ = *id;
    for (auto& stream : streams_) {
        auto mark = value(stream.mark_key);
        if (!mark) return mark.error();
        stream.saved = stream.shipped = mark->empty() ? 0 : std::stoll(*mark);
    }
    auto month = value("campus_scorecard_month");
    if (!month) return month.error();
    scorecard_saved_ = scorecard_month_ = *month;
    publish_figures();
    return {};
}

void CampusShipper::publish_figures() {
    std::lock_guard lock(mu_);
    const Stream& events = streams_[0];
    const Stream& audit = streams_[1];
    const Stream& records = streams_[2];
    figures_.shipped = events.shipped;
    figures_.last = events.last;
    figures_.audit_backlog = std::max<int64_t>(0, audit.last - audit.shipped);
    figures_.records_backlog = std::max<int64_t>(0, records.last - records.shipped);
    figures_.oldest_unshipped.reset();
    for (const auto& stream : streams_)
        if (stream.oldest &&
            (!figures_.oldest_unshipped || *stream.oldest < *figures_.oldest_unshipped))
            figures_.oldest_unshipped = stream.oldest;
}

Status CampusShipper::read_local_figures() {
    for (auto& stream : streams_) {
        const std::string table = stream.table;
        auto last = log_->prepare("SELECT coalesce(max(id), 0) FROM " + table);
        if (!last) return last.error();
        auto row = (*last)->step();
        if (!row) return row.error();
        stream.last = (*last)->column_int(0);
        (*last)->reset();
        auto oldest =
            log_->prepare("SELECT at FROM " + table + " WHERE id > ? ORDER BY id LIMIT 1");
        if (!oldest) return oldest.error();
        (*oldest)->reset().bind(1, stream.shipped);
        row = (*oldest)->step();
        if (!row) return row.error();
        stream.oldest.reset();
        if (*row) stream.oldest = parse_iso8601((*oldest)->column_text(0));
        (*oldest)->reset();
    }
    publish_figures();
    return {};
}

void CampusShipper::disconnected(const Error& error) {
    campus_.reset();
    std::lock_guard lock(mu_);
    figures_.connected = false;
    figures_.error = error.message;
}

Status CampusShipper::connect() {
    auto db = pg::Connection::open(options_.target, "onestop-hub " + options_.hall_name);
    if (!db) return db.error();
    if (auto st = pg::migrate_campus(**db); !st) return st;
    auto hall = (*db)->query(
        "INSERT INTO campus.halls (hub_id, name, zone) VALUES ($1, $2, $3) "
        "ON CONFLICT (hub_id) DO UPDATE SET name = excluded.name, zone = excluded.zone "
        "RETURNING id, shipped_id, audit_shipped_id, records_shipped_id, "
        "coalesce(scorecard_month, '')",
        {hub_id_, options_.hall_name, options_.zone});
    if (!hall) return hall.error();
    hall_ = hall->integer(0, 0);
    std::string error;
    for (size_t i = 0; i < streams_.size() && error.empty(); ++i)
        if (hall->integer(0, static_cast<int>(i) + 1) > streams_[i].last)
            error = "the campus database holds " + std::string(streams_[i].table) + " 1…" +
                    hall->text(0, static_cast<int>(i) + 1) + " of hall " + hub_id_ +
                    " but this hall's end at " + std::to_string(streams_[i].last) +
                    " (a hall database restored from an older backup, or a copy serving as a "
                    "second hall): shipping nothing; see docs/campus.md";
    if (!error.empty()) {
        logger("campus")->error("{}", error);
    } else {
        for (size_t i = 0; i < streams_.size(); ++i) {
            Stream& stream = streams_[i];
            int64_t campus_mark = hall->integer(0, static_cast<int>(i) + 1);
            if (campus_mark < stream.shipped)
                logger("campus")->warn(
                    "the campus database has this hall's {} only up to {}, the hall had shipped "
                    "up to {} (a campus restored from a backup?): shipping again from {}",
                    stream.table, campus_mark, stream.shipped, campus_mark + 1);
            stream.shipped = campus_mark;
        }
        scorecard_month_ = hall->text(0, static_cast<int>(streams_.size()) + 1);
        scorecards_looked_ = {};
    }
    campus_ = std::move(*db);
    accounts_sent_.clear();  // sent again on each connection: the campus may have lost them
    publish_figures();
    std::lock_guard lock(mu_);
    figures_.connected = true;
    figures_.refused = !error.empty();
    figures_.error = error;
    return {};
}

Result<CampusShipper::Batch> CampusShipper::read_batch(const Stream& stream) {
    auto st = log_->prepare(stream.batch_sql);
    if (!st) return st.error();
    (*st)->reset().bind(1, stream.shipped).bind(2, options_.batch);
    Batch batch;
    const std::string hall = std::to_string(hall_);
    for (;;) {
        auto row = (*st)->step();
        if (!row) {
            (*st)->reset();
            return row.error();
        }
        if (!*row) break;
        const auto& s = **st;
        int64_t id = s.column_int(0);
        if (batch.first == 0) batch.first = id;
        batch.last = id;
        batch.last_at = s.column_text(1);
        if (stream.events) batch.months.insert(utc_month(batch.last_at));
        pg::copy_field(batch.rows, hall);
        for (int col = 0; col < stream.fields; ++col) {
            batch.rows += '\t';
            pg::copy_field(batch.rows, s.column_is_null(col)
                                           ? std::nullopt
                                           : std::optional<std::string>(s.column_text(col)));
        }
        batch.rows += '\n';
    }
    (*st)->reset();
    return batch;
}

Status CampusShipper::ensure_months(const Batch& batch) {
    for (const auto& month : batch.months) {
        if (months_.count(month)) continue;
        auto made = campus_->query("SELECT campus.ensure_month($1)", {month});
        if (!made) return made.error();
        months_.insert(month);
    }
    return {};
}

Result<bool> CampusShipper::ship() {
    bool shipped = false;
    for (auto& stream : streams_) {
        auto one = ship(stream);
        if (!one) return one.error();
        shipped = shipped || *one;
    }
    if (auto st = ship_accounts(); !st) return st.error();
    if (shipped || !options_.scorecard) return shipped;
    return ship_scorecard();  // when the logs are caught up
}

Result<bool> CampusShipper::ship_scorecard() {
    auto now = std::chrono::steady_clock::now();
    if (now - scorecards_looked_ < kScorecardsEvery) return false;
    std::string month = scorecard_month_;
    if (month.empty()) {
        // None yet: from the month of the hall's first event.
        auto first = log_->prepare("SELECT at FROM events ORDER BY id LIMIT 1");
        if (!first) return first.error();
        auto row = (*first)->step();
        if (!row) return row.error();
        std::optional<TimePoint> at;
        if (*row) at = parse_iso8601((*first)->column_text(0));
        (*first)->reset();
        auto zone = TimeZone::named(options_.zone);
        if (!zone) return zone.error();
        if (!at) {
            scorecards_looked_ = now;
            return false;
        }
        month = zone->to_local(*at).date().substr(0, 7);
    } else {
        month = next_month(month);
    }
    if (month >= options_.this_month()) {
        scorecards_looked_ = now;  // this month has not ended
        return false;
    }
    auto scorecard = options_.scorecard(month);
    if (!scorecard) {
        // The hall's own trouble, not the campus's: the logs go on shipping meanwhile.
        logger("campus")->error("the scorecard of {} for the campus: {}; trying again in a minute",
                                month, scorecard.error().message);
        scorecards_looked_ = now;
        return false;
    }
    const std::string hall = std::to_string(hall_);
    if (auto st = campus_->exec("BEGIN"); !st) return st.error();
    auto abort = [&](const Error& e) -> Result<bool> {
        (void)campus_->exec("ROLLBACK");
        return e;
    };
    auto mark = campus_->query(
        "SELECT coalesce(scorecard_month, '') FROM campus.halls WHERE id = $1 FOR UPDATE", {hall});
    if (!mark) return abort(mark.error());
    if (mark->size() != 1 || mark->text(0, 0) != scorecard_month_)
        return abort(make_error(errc::campus_refused, "the campus scorecard mark of hall " +
                                                          hub_id_ + " moved from '" +
                                                          scorecard_month_ + "'"));
    // A month's rows replace any there (an operator who moved the mark back gets them anew).
    auto cleared = campus_->query("DELETE FROM campus.scorecards WHERE hall = $1 AND month = $2",
                                  {hall, month});
    if (!cleared) return abort(cleared.error());
    auto put = campus_->query(kPutScorecardSql, {hall, month, scorecard_rows(*scorecard).dump()});
    if (!put) return abort(put.error());
    auto moved =
        campus_->query("UPDATE campus.halls SET scorecard_month = $2 WHERE id = $1", {hall, month});
    if (!moved) return abort(moved.error());
    if (auto st = campus_->exec("COMMIT"); !st) return st.error();
    scorecard_month_ = month;
    return true;
}

Status CampusShipper::ship_accounts() {
    auto now = std::chrono::steady_clock::now();
    if (now - accounts_read_ < kAccountsEvery) return {};
    accounts_read_ = now;
    auto st = log_->prepare(kAccountsSql);
    if (!st) return st.error();
    auto row = (*st)->step();
    if (!row) return row.error();
    std::string accounts = (*st)->column_text(0);
    (*st)->reset();
    if (accounts == accounts_sent_) return {};
    auto put = campus_->query(kPutAccountsSql, {std::to_string(hall_), accounts});
    if (!put) return put.error();
    accounts_sent_ = std::move(accounts);
    return {};
}

Result<bool> CampusShipper::ship(Stream& stream) {
    auto batch = read_batch(stream);
    if (!batch) return batch.error();
    if (batch->last == 0) return false;
    // Partitions are made in their own short transactions, before the batch's holds any
    // lock on the events table.
    if (auto st = ensure_months(*batch); !st) return st.error();
    if (auto st = campus_->exec("BEGIN"); !st) return st.error();
    auto abort = [&](const Error& e) -> Result<bool> {
        (void)campus_->exec("ROLLBACK");
        return e;
    };
    const std::string hall = std::to_string(hall_), mark_column = stream.mark_column,
                      table = stream.table;
    auto mark = campus_->query(
        "SELECT " + mark_column + " FROM campus.halls WHERE id = $1 FOR UPDATE", {hall});
    if (!mark) return abort(mark.error());
    if (mark->size() != 1 || mark->integer(0, 0) != stream.shipped) {
        // Someone else moved this hall's mark (a second hub on a copy of this database, or an
        // operator): take the campus mark again through connect()'s checks.
        return abort(make_error(errc::campus_refused,
                                "the campus mark of hall " + hub_id_ + "'s " + table +
                                    " moved from " + std::to_string(stream.shipped) + " to " +
                                    (mark->size() ? mark->text(0, 0) : "nothing")));
    }
    if (auto st = campus_->copy_in(
            "COPY campus." + table + " (hall, id, at, " + stream.columns + ") FROM STDIN",
            batch->rows);
        !st)
        return abort(st.error());
    const std::string after = std::to_string(stream.shipped), last = std::to_string(batch->last);
    if (stream.apply) {
        auto applied = campus_->query("SELECT " + std::string(stream.apply) + "($1, $2, $3)",
                                      {hall, after, last});
        if (!applied) return abort(applied.error());
    }
    auto moved = campus_->query(
        "UPDATE campus.halls SET " + mark_column + " = $2, shipped_at = now()" +
            (stream.events ? ", last_event_at = $3" : "") + " WHERE id = $1",
        stream.events ? pg::Params{hall, last, batch->last_at} : pg::Params{hall, last});
    if (!moved) return abort(moved.error());
    if (auto st = campus_->exec("COMMIT"); !st) return st.error();
    stream.shipped = batch->last;
    if (stream.shipped >= stream.last) stream.oldest.reset();
    publish_figures();
    std::lock_guard lock(mu_);
    figures_.error.clear();
    return true;
}

Status CampusShipper::say_complete() {
    auto now = std::chrono::steady_clock::now();
    if (now - complete_at_ < (complete_said_ ? kCompleteEvery : kCompleteAfterShipping)) return {};
    auto said = campus_->query("UPDATE campus.halls SET complete_at = now() WHERE id = $1",
                               {std::to_string(hall_)});
    if (!said) return said.error();
    complete_said_ = true;
    complete_at_ = now;
    return {};
}

void CampusShipper::save_marks(bool now) {
    std::vector<std::pair<std::string, std::string>> marks;
    for (const auto& stream : streams_)
        if (stream.shipped != stream.saved)
            marks.emplace_back(stream.mark_key, std::to_string(stream.shipped));
    if (scorecard_month_ != scorecard_saved_)
        marks.emplace_back("campus_scorecard_month", scorecard_month_);
    if (marks.empty()) return;
    if (!now && std::chrono::steady_clock::now() - saved_at_ < kMarkEvery) return;
    Reply r = writer_.submit([marks](WriteContext& ctx) {
        auto st = ctx.store.db().prepare(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value");
        if (!st) return ctx.fail(st.error());
        for (const auto& [key, mark] : marks)
            if (auto done = (*st)->reset().bind(1, key).bind(2, mark).run(); !done)
                return ctx.fail(done.error());
        return json_reply(200, json::object());
    });
    if (r.status != 200) return;  // tried again after the next batch
    for (auto& stream : streams_) stream.saved = stream.shipped;
    scorecard_saved_ = scorecard_month_;
    saved_at_ = std::chrono::steady_clock::now();
}

}  // namespace onestop::hub
