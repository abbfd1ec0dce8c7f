#include "writer.h"

#include <algorithm>

#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"

namespace onestop::hub {

namespace {
constexpr size_t kMaxBatch = 512;
}

bool WriteContext::log(const std::string& type, const std::string& payload, const std::string& name,
                       const json& data, TimePoint at) {
    std::optional<std::string> pub_name, pub_data;
    if (!name.empty()) {
        pub_name = name;
        pub_data = dump(data);
    }
    auto id = store.append_event(type, payload, pub_name, pub_data, at);
    if (!id) {
        fail(id.error());
        return false;
    }
    if (pub_name) outbox_.push_back({*id, *pub_name, *pub_data});
    return true;
}

bool WriteContext::publish(const std::string& name, const json& data, TimePoint at) {
    std::string type = name;
    std::replace(type.begin(), type.end(), '.', '_');
    return log(std::string(kHubLogPrefix) + type, dump(data), name, data, at);
}

std::string WriteContext::date_of(TimePoint at) const {
    return state.engine.zone().to_local(at).date();
}

Reply WriteContext::fail(const Error& error) {
    if (!failed_) logger("hub")->error("write failed: {}", error.message);
    failed_ = true;
    return internal_error_reply();
}

Writer::Writer(std::unique_ptr<store::HubStore> store, std::unique_ptr<HubState> state,
               const Clock& clock, EventBus& bus, std::shared_mutex& state_mu, Reload reload)
    : store_(std::move(store)),
      state_(std::move(state)),
      clock_(clock),
      bus_(bus),
      state_mu_(state_mu),
      reload_(std::move(reload)) {
    thread_ = std::thread([this] { run(); });
}

Writer::~Writer() {
    stop();
}

Reply Writer::submit(Command command) {
    Job job{std::move(command), {}};
    auto answer = job.answer.get_future();
    {
        std::lock_guard lock(mu_);
        if (stopping_)
            return error_reply(503, errc::shutting_down, "the hub is stopping; try again shortly");
        queue_.push_back(&job);
    }
    cv_.notify_one();
    return answer.get();
}

void Writer::stop() {
    {
        std::lock_guard lock(mu_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
    }
    cv_.notify_one();
    if (thread_.joinable()) thread_.join();
    store_.reset();  // closes the database (checkpoints the WAL)
}

void Writer::run() {
    for (;;) {
        std::vector<Job*> batch;
        {
            std::unique_lock lock(mu_);
            cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping and nothing left
            while (!queue_.empty() && batch.size() < kMaxBatch) {
                batch.push_back(queue_.front());
                queue_.pop_front();
            }
        }
        process(batch);
    }
}

void Writer::process(std::vector<Job*>& batch) {
    std::vector<Reply> replies;
    std::vector<Published> outbox;
    replies.reserve(batch.size());
    bool failed = false;
    bool rebuild = false;
    if (broken_) {
        // The state could not be rebuilt after a failed commit: answering from it could
        // contradict the disk, so refuse every write until the hub is restarted.
        for (Job* job : batch)
            job->answer.set_value(error_reply(
                503, errc::database_unavailable,
                "the hub's database is unavailable; the hall office must restart the hub"));
        return;
    }
    // Readers wait until the commit is known: a change they saw must never be rolled back.
    std::unique_lock lock(state_mu_);
    state_->trim(clock_.now());
    if (auto st = store_->db().begin(); !st) {
        logger("hub")->error("cannot begin a transaction: {}", st.error().message);
        failed = true;
    } else {
        for (Job* job : batch) {
            WriteContext ctx(*store_, *state_, clock_, outbox);
            replies.push_back(job->command(ctx));
            rebuild = rebuild || ctx.rebuild();
            if (ctx.failed()) {
                failed = true;
                break;
            }
        }
    }
    if (!failed) {
        if (auto st = store_->db().commit(); !st) {
            logger("hub")->error("commit failed: {}", st.error().message);
            failed = true;
        }
    }
    if (failed) (void)store_->db().rollback();
    if (failed || rebuild) {
        auto fresh = reload_(*store_);
        if (fresh) {
            state_ = std::move(*fresh);
        } else {
            logger("hub")->critical("cannot rebuild the state from the database: {}",
                                    fresh.error().message);
            broken_ = true;
        }
    }
    if (failed) {
        lock.unlock();
        for (Job* job : batch) job->answer.set_value(internal_error_reply());
        return;
    }
    lock.unlock();
    bus_.publish(std::move(outbox));
    for (size_t i = 0; i < batch.size(); ++i) batch[i]->answer.set_value(std::move(replies[i]));
}

}  // namespace onestop::hub
