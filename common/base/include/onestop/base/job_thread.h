#pragma once
// One thread that runs submitted jobs in order, and an idle task every `idle_period`
// when nothing else is queued. A device's hub link runs its requests on one (so the
// screen never waits on the network, and outbox replay and new tickets keep their
// order); the kiosk's printer I/O runs on another (all I/O of one printer from one thread).

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace onestop {

class JobThread {
  public:
    JobThread(std::chrono::milliseconds idle_period, std::function<void()> on_idle)
        : idle_period_(idle_period), on_idle_(std::move(on_idle)) {}
    ~JobThread() { stop(); }
    JobThread(const JobThread&) = delete;
    JobThread& operator=(const JobThread&) = delete;

    void start() {
        if (!thread_.joinable()) thread_ = std::thread([this] { run(); });
    }
    // Runs the jobs already queued (a rating just submitted must reach the outbox),
    // then joins. The idle task does not run again.
    void stop() {
        {
            std::lock_guard lock(mu_);
            stopping_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }
    void submit(std::function<void()> job) {
        {
            std::lock_guard lock(mu_);
            jobs_.push_back(std::move(job));
        }
        cv_.notify_one();
    }
    // Runs the idle task soon (e.g. after the link came back).
    void poke() {
        {
            std::lock_guard lock(mu_);
            poked_ = true;
        }
        cv_.notify_one();
    }

  private:
    void run() {
        auto next_idle = std::chrono::steady_clock::now();
        std::unique_lock lock(mu_);
        for (;;) {
            cv_.wait_until(lock, next_idle, [&] { return stopping_ || !jobs_.empty() || poked_; });
            if (stopping_ && jobs_.empty()) break;
            if (!jobs_.empty()) {
                auto job = std::move(jobs_.front());
                jobs_.pop_front();
                lock.unlock();
                job();
                lock.lock();
                continue;
            }
            if (!stopping_ && (poked_ || std::chrono::steady_clock::now() >= next_idle)) {
                poked_ = false;
                lock.unlock();
                if (on_idle_) on_idle_();
                lock.lock();
                next_idle = std::chrono::steady_clock::now() + idle_period_;
            }
        }
    }

    std::chrono::milliseconds idle_period_;
    std::function<void()> on_idle_;
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<std::function<void()>> jobs_;
    bool stopping_ = false;
    bool poked_ = false;
    std::thread thread_;
};

}  // namespace onestop
