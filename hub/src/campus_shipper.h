#pragma once
// The campus shipper (issue 18): a thread that copies the hall's append-only tables into the
// campus PostgreSQL — the event log (campus.events) and the office's audit log of every change
// an account or a token made (campus.audit) — keyed by (hall, id), in order and exactly once.
// Each is a stream with a mark of its own; what follows holds for each.
//
// - The hall never waits for it. It reads the log through its own SQLite connection and
//   writes only its high-water mark there, through the writer, at most once a second; a
//   campus outage only grows the backlog (/metrics: onestop_campus_*).
// - Exactly once, in order: a batch (the events after the mark, oldest first) goes in one
//   PostgreSQL transaction that locks the hall's row, checks that the campus mark is where
//   this shipper left it, COPYs the rows, adds them to the hall's monthly figures
//   (campus.project) and moves the mark to the batch's last id. A batch
//   is there whole or not at all; a commit whose answer was lost is found out by reading the
//   mark again after reconnecting.
// - Resumable: on each (re)connect the campus mark says where to go on. The hall's own mark
//   (meta campus_shipped, campus_shipped_audit) is what the hall last knew shipped: the
//   backlog while the campus is away, and a check that notices a campus restored from an
//   older backup (it then ships again from the campus mark).
// - The hall's office accounts go as a copy (campus.accounts, sent whenever they change):
//   the campus view's sign-in checks them, with the password hash of enabled office and
//   viewer accounts only.
// - The office records (cases, follow-ups, complaints, ratings, attendance punches, assets)
//   go as a third stream: the hall's record_changes (kept by triggers) with each record's state
//   as it is when shipped; the campus keeps each record's latest (campus.records).
// - Each month that has ended, its scorecard (computed by the hub) goes once, with a mark in
//   both databases (campus.halls.scorecard_month, the hall's meta campus_scorecard_month).
// - Caught up and idle, it says so (campus.halls.complete_at) within a second and every 30 s,
//   so the campus knows how current a quiet hall's figures are.
// - A campus holding more of this hall than the hall's log (a hall database restored from an
//   older backup, or a copy of one serving as a second hall) is refused: nothing is shipped,
//   /metrics says so, and it looks again every minute (docs/campus.md).
// - A failed connect or statement drops the connection; it tries again after 1 s, doubling
//   to 30 s.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "event_bus.h"
#include "onestop/pg/connection.h"
#include "onestop/store/database.h"
#include "writer.h"

namespace onestop::hub {

class CampusShipper {
  public:
    struct Options {
        pg::Target target;
        std::filesystem::path db;  // the hall database (opened again, for reading)
        std::string hall_name;
        std::string zone;  // the hall's IANA time zone
        int batch = 2000;  // events a transaction at most
        // The scorecard JSON of a month (as GET /api/v1/reports/scorecard gives it to the
        // office) and the hall's month now: each month that has ended is sent once, a row a
        // window and a person (campus.scorecards). The hub computes, the campus stores.
        std::function<Result<json>(const std::string& month)> scorecard;
        std::function<std::string()> this_month;
    };
    // What /metrics shows.
    struct Figures {
        bool connected = false;
        bool refused = false;
        int64_t shipped = 0;          // every event up to here is in the campus database
        int64_t last = 0;             // the hall log's last event
        int64_t audit_backlog = 0;    // audit entries not yet shipped
        int64_t records_backlog = 0;  // office record changes not yet shipped
        std::optional<TimePoint> oldest_unshipped;  // of either
        std::string error;                          // the latest trouble, empty once shipping again
    };

    CampusShipper(Options options, Writer& writer, EventBus& bus);
    ~CampusShipper();
    CampusShipper(const CampusShipper&) = delete;
    CampusShipper& operator=(const CampusShipper&) = delete;

    void start();
    // Stops the thread after the batch in hand, saving the hall's mark (the writer must
    // still run).
    void stop();
    Figures figures() const;

  private:
    struct Batch;
    struct Stream;
    void run();
    Status open_hall_log();
    Status connect();
    // One batch of each stream shipped (true if any had one), or the error that dropped the
    // link.
    Result<bool> ship();
    Result<bool> ship(Stream& stream);
    Result<Batch> read_batch(const Stream& stream);
    Status ensure_months(const Batch& batch);
    // The hall's office accounts, when they changed since last sent (or on a new connection),
    // compared at most once a second.
    Status ship_accounts();
    // The next ended month's scorecard, when there is one (checked at most once a minute
    // once all are there).
    Result<bool> ship_scorecard();
    Status read_local_figures();
    void publish_figures();  // the streams' state into figures_
    void save_marks(bool now);
    // Caught up: campus.halls.complete_at = now, on an idle round after shipping (at most once
    // a second) and every 30 s while idle.
    Status say_complete();
    void disconnected(const Error& error);
    bool pause(std::chrono::milliseconds wait);         // false when stopping
    bool wait_offline(std::chrono::milliseconds wait);  // pause(), refreshing the figures

    Options options_;
    Writer& writer_;
    EventBus& bus_;
    std::unique_ptr<store::Database> log_;  // shipper thread only, as are the fields below
    std::unique_ptr<pg::Connection> campus_;
    std::string hub_id_;
    int64_t hall_ = 0;             // campus.halls.id
    std::vector<Stream> streams_;  // the event log first
    std::chrono::steady_clock::time_point saved_at_{};
    bool complete_said_ = false;  // since the last batch shipped
    std::chrono::steady_clock::time_point complete_at_{};
    std::set<std::string> months_;  // partitions known to exist ("2026-12-01")
    std::string accounts_sent_;     // the accounts as last sent (JSON rows)
    std::chrono::steady_clock::time_point accounts_read_{};
    std::string scorecard_month_;  // the last month the campus has, "" for none
    std::string scorecard_saved_;  // the hall's mark as last written
    std::chrono::steady_clock::time_point scorecards_looked_{};

    mutable std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    Figures figures_;
    std::thread thread_;
};

}  // namespace onestop::hub
