#pragma once
// At most `max` tries per key (a login, an address) in any `window` of time: the office's
// wrong passwords, and complaints filed by nobody signed in. Kept in memory: a restart
// forgets them, which costs an attacker nothing they could not get by waiting.

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "onestop/base/time.h"

namespace onestop::store {

class SlidingLimit {
  public:
    SlidingLimit(int max, std::chrono::seconds window) : max_(max), window_(window) {}

    // Seconds until `key` may try again; 0 when it may now.
    int wait_for(const std::string& key, TimePoint now);
    void record(const std::string& key, TimePoint now);
    void clear(const std::string& key);

  private:
    const int max_;
    const std::chrono::seconds window_;
    std::mutex mu_;
    std::map<std::string, std::deque<TimePoint>> tries_;  // by key, oldest first
};

}  // namespace onestop::store
