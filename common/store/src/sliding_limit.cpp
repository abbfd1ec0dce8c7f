#include "onestop/store/sliding_limit.h"

#include <algorithm>

namespace onestop::store {

int SlidingLimit::wait_for(const std::string& key, TimePoint now) {
    std::lock_guard lock(mu_);
    auto it = tries_.find(key);
    if (it == tries_.end()) return 0;
    auto& times = it->second;
    while (!times.empty() && now - times.front() >= window_) times.pop_front();
    if (times.empty()) {
        tries_.erase(it);  // so keys seen once do not pile up
        return 0;
    }
    if (static_cast<int>(times.size()) < max_) return 0;
    auto wait = std::chrono::duration_cast<std::chrono::seconds>(times.front() + window_ - now);
    return static_cast<int>(std::max<int64_t>(1, wait.count()));
}

void SlidingLimit::record(const std::string& key, TimePoint now) {
    std::lock_guard lock(mu_);
    tries_[key].push_back(now);
}

void SlidingLimit::clear(const std::string& key) {
    std::lock_guard lock(mu_);
    tries_.erase(key);
}

}  // namespace onestop::store
