#pragma once
// The one writer: a thread that owns the database's writing connection and the
// queue engine's changes. Request threads submit a command and wait for its answer.
// The writer takes every pending command, runs them one after the other (each sees
// the ones before: two windows calling at once never get the same ticket), writes
// all their rows and events in ONE transaction (group commit: one fsync for many
// answers), and only then answers them and publishes their events. If the commit
// fails, the in-memory state is rebuilt from the database and every command of that
// batch is answered 500: an answer always means "on disk". The writer holds the state
// mutex from the batch's first command until its commit (or rollback and rebuild) is
// done, so a reader never sees a change the disk does not keep; readers wait out the
// commit's fsync.

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "event_bus.h"
#include "hub_state.h"
#include "reply.h"

namespace onestop::hub {

// What a command sees while it runs on the writer thread.
class WriteContext {
  public:
    WriteContext(store::HubStore& store, HubState& state, const Clock& clock,
                 std::vector<Published>& outbox)
        : store(store), state(state), clock(clock), outbox_(outbox) {}

    store::HubStore& store;
    HubState& state;
    const Clock& clock;

    // The hall's date at `at` (YYYY-MM-DD in its zone); today by the hall's clock.
    std::string date_of(TimePoint at) const;
    std::string today() const { return date_of(clock.now()); }

    // Appends an event to the log; when `name` is set it is published after the commit.
    // Returns false (and marks the batch failed) on a database error.
    bool log(const std::string& type, const std::string& payload, const std::string& name,
             const json& data, TimePoint at);
    // Logs and publishes an office record's event (case.opened, followup.due …) under the
    // type "hub.<name with _ for .>"; false as log().
    bool publish(const std::string& name, const json& data, TimePoint at);
    // Marks the batch failed because of a database error; the command should return at once.
    Reply fail(const Error& error);
    bool failed() const { return failed_; }
    // The command changed what the state is built from (the hall's windows): once the batch
    // is committed the writer rebuilds the state from the database.
    void rebuild_after_commit() { rebuild_ = true; }
    bool rebuild() const { return rebuild_; }

  private:
    std::vector<Published>& outbox_;
    bool failed_ = false;
    bool rebuild_ = false;
};

using Command = std::function<Reply(WriteContext&)>;

class Writer {
  public:
    // `reload` rebuilds the state from the database after a failed commit, and after a
    // commit whose commands asked for it.
    using Reload = std::function<Result<std::unique_ptr<HubState>>(store::HubStore&)>;

    Writer(std::unique_ptr<store::HubStore> store, std::unique_ptr<HubState> state,
           const Clock& clock, EventBus& bus, std::shared_mutex& state_mu, Reload reload);
    ~Writer();

    // Runs `command` on the writer thread and returns its answer once committed.
    Reply submit(Command command);
    // Finishes what was submitted, then stops the thread and closes the database.
    void stop();

    // For readers: hold a shared lock on the state mutex while using it.
    const HubState& state() const { return *state_; }

  private:
    struct Job {
        Command command;
        std::promise<Reply> answer;
    };
    void run();
    void process(std::vector<Job*>& batch);

    std::unique_ptr<store::HubStore> store_;
    std::unique_ptr<HubState> state_;
    const Clock& clock_;
    EventBus& bus_;
    std::shared_mutex& state_mu_;
    Reload reload_;

    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Job*> queue_;
    bool stopping_ = false;
    bool broken_ = false;  // writer thread only
    std::thread thread_;
};

}  // namespace onestop::hub
