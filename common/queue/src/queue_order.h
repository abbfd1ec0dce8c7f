#pragma once
// The order in which waiting tickets are called, as a sortable key, and an
// order-statistics tree of keys so "how many are ahead" costs O(log n).

#include <cstdint>
#include <functional>

#include <ext/pb_ds/assoc_container.hpp>
#include <ext/pb_ds/tree_policy.hpp>

namespace onestop::queue {

// Groups in call order: transferred-in first, then 绿色通道, then the rest.
enum Group : int { kTransferred = 0, kPriority = 1, kNormal = 2 };

// (group, time, seq, sub, id): time is the issue time (transfer time for transferred
// tickets); a late no-show who rejoins takes the key of the ticket it goes behind,
// with `sub` between that ticket's and its follower's, so it sorts right after it.
struct Key {
    int group = kNormal;
    int64_t time_ms = 0;
    int64_t seq = 0;
    double sub = 0;
    int64_t id = 0;

    bool operator<(const Key& o) const {
        if (group != o.group) return group < o.group;
        if (time_ms != o.time_ms) return time_ms < o.time_ms;
        if (seq != o.seq) return seq < o.seq;
        if (sub != o.sub) return sub < o.sub;
        return id < o.id;
    }
    bool same_place(const Key& o) const {
        return group == o.group && time_ms == o.time_ms && seq == o.seq;
    }
};

using OrderTree =
    __gnu_pbds::tree<Key, __gnu_pbds::null_type, std::less<Key>, __gnu_pbds::rb_tree_tag,
                     __gnu_pbds::tree_order_statistics_node_update>;

}  // namespace onestop::queue
