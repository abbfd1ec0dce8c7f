#include "event_bus.h"

#include <algorithm>

namespace onestop::hub {

EventBus::EventBus(int64_t last_logged_id, size_t keep)
    : keep_(keep), floor_(last_logged_id), last_id_(last_logged_id) {}

void EventBus::publish(std::vector<Published> events) {
    if (events.empty()) return;
    {
        std::lock_guard lock(mu_);
        for (auto& e : events) {
            last_id_ = std::max(last_id_, e.id);
            recent_.push_back(std::move(e));
        }
        while (recent_.size() > keep_) {
            floor_ = recent_.front().id;
            recent_.pop_front();
        }
    }
    cv_.notify_all();
}

EventBus::Batch EventBus::collect(int64_t cursor) const {
    Batch b;
    if (cursor < floor_) {
        b.from_log = true;
        return b;
    }
    auto it = std::upper_bound(recent_.begin(), recent_.end(), cursor,
                               [](int64_t c, const Published& p) { return c < p.id; });
    b.events.assign(it, recent_.end());
    return b;
}

EventBus::Batch EventBus::wait_after(int64_t cursor, std::chrono::milliseconds timeout,
                                     uint64_t& wakes) {
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, timeout, [&] { return shutdown_ || wakes != wakes_ || cursor < last_id_; });
    wakes = wakes_;
    return collect(cursor);
}

EventBus::Batch EventBus::wait_after(int64_t cursor, std::chrono::milliseconds timeout) {
    uint64_t wakes = 0;
    {
        std::lock_guard lock(mu_);
        wakes = wakes_;
    }
    return wait_after(cursor, timeout, wakes);
}

EventBus::Batch EventBus::after(int64_t cursor) const {
    std::lock_guard lock(mu_);
    return collect(cursor);
}

void EventBus::wake() {
    {
        std::lock_guard lock(mu_);
        ++wakes_;
    }
    cv_.notify_all();
}

int64_t EventBus::last_id() const {
    std::lock_guard lock(mu_);
    return last_id_;
}

int64_t EventBus::floor() const {
    std::lock_guard lock(mu_);
    return floor_;
}

void EventBus::shutdown() {
    {
        std::lock_guard lock(mu_);
        shutdown_ = true;
    }
    cv_.notify_all();
}

}  // namespace onestop::hub
