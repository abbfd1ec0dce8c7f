// The voice's rules with made-up times: order, merged repeats, the chime, when English
// follows, and calls too late to be said.
#include <doctest/doctest.h>

#include "onestop/board/voice_queue.h"

using namespace onestop;
using namespace onestop::board;
using namespace std::chrono_literals;
using queue::VoiceEnglish;

namespace {

const TimePoint t0 = TimePoint{} + std::chrono::hours(24 * 20000);

VoiceQueue make(VoiceEnglish english = VoiceEnglish::After) {
    return VoiceQueue({english, 10s});
}

// The next turn, which must exist, with nothing dropped.
VoiceTurn take(VoiceQueue& q, TimePoint now) {
    auto next = q.next(now);
    REQUIRE(next.turn.has_value());
    CHECK(next.dropped.empty());
    return *next.turn;
}

}  // namespace

TEST_CASE("calls are said in the order they came; the chime only before a call to a silent hall") {
    auto q = make();
    CHECK(q.add({"A001", 1, false}, t0) == VoiceQueue::Added::Queued);
    VoiceTurn first = take(q, t0);
    CHECK(first.call.number == "A001");
    CHECK(first.chime);
    CHECK(q.speaking());
    // Two calls while A001 is being said: they follow it without a chime each.
    q.add({"B002", 2, false}, t0 + 1s);
    q.add({"C003", 3, false}, t0 + 2s);
    CHECK(q.waiting() == 2);
    q.done();
    VoiceTurn second = take(q, t0 + 4s);
    CHECK(second.call.number == "B002");
    CHECK_FALSE(second.chime);
    CHECK(second.called == t0 + 1s);
    q.done();
    CHECK(take(q, t0 + 8s).call.number == "C003");
    q.done();
    CHECK_FALSE(q.next(t0 + 12s).turn.has_value());
    CHECK_FALSE(q.speaking());
    // Silent again: the next call chimes.
    q.add({"D004", 4, false}, t0 + 60s);
    CHECK(take(q, t0 + 60s).chime);
    CHECK(q.counts().said == 4);
}

TEST_CASE("a recall of a ticket still waiting to be said joins it instead of being said twice") {
    auto q = make();
    q.add({"A001", 1, false}, t0);
    take(q, t0);  // being said
    q.add({"A012", 3, false}, t0 + 1s);
    q.add({"B004", 5, false}, t0 + 2s);
    CHECK(q.add({"A012", 3, true}, t0 + 6s) == VoiceQueue::Added::Merged);
    CHECK(q.waiting() == 2);
    q.done();
    VoiceTurn t = take(q, t0 + 7s);
    CHECK(t.call.number == "A012");  // keeps its place
    CHECK(t.call.recall);
    CHECK(t.called == t0 + 6s);  // the delay counts from the recall the staff are waiting on
    q.done();
    CHECK(take(q, t0 + 10s).call.number == "B004");
    q.done();
    CHECK(q.counts().calls == 4);
    CHECK(q.counts().merged == 1);
    CHECK(q.counts().said == 3);
}

TEST_CASE("the same number called again at another window is said once, with the newer window") {
    auto q = make();
    q.add({"A001", 1, false}, t0);
    take(q, t0);
    q.add({"C007", 2, false}, t0 + 1s);
    CHECK(q.add({"C007", 9, false}, t0 + 3s) == VoiceQueue::Added::Merged);
    q.done();
    VoiceTurn t = take(q, t0 + 5s);
    CHECK(t.call.window == 9);
    CHECK_FALSE(t.call.recall);
}

TEST_CASE(
    "the ticket being said now is said again when recalled: the recall came after the call was "
    "heard") {
    auto q = make();
    q.add({"A001", 1, false}, t0);
    take(q, t0);
    CHECK(q.add({"A001", 1, true}, t0 + 3s) == VoiceQueue::Added::Queued);
    q.done();
    VoiceTurn again = take(q, t0 + 5s);
    CHECK(again.call.recall);
    CHECK_FALSE(again.chime);
}

TEST_CASE("English follows the Mandarin only when no other call waits") {
    auto q = make(VoiceEnglish::After);
    q.add({"A001", 1, false}, t0);
    VoiceTurn t = take(q, t0);
    CHECK(t.english);
    CHECK(q.english_now(t0 + 3s));  // nobody waits: English after the Mandarin
    q.done();
    q.add({"A002", 1, false}, t0 + 20s);
    take(q, t0 + 20s);
    q.add({"B001", 2, false}, t0 + 21s);  // came while the Mandarin was said
    CHECK_FALSE(q.english_now(t0 + 23s));
    q.done();
    take(q, t0 + 23s);
    CHECK(q.english_now(t0 + 26s));
    CHECK(q.counts().english_said == 2);
    CHECK(q.counts().english_dropped == 1);
}

TEST_CASE("voice_english = recall: English only when a number is called again; off: never") {
    auto recall = make(VoiceEnglish::Recall);
    recall.add({"A001", 1, false}, t0);
    CHECK_FALSE(take(recall, t0).english);
    recall.done();
    recall.add({"A001", 1, true}, t0 + 30s);
    CHECK(take(recall, t0 + 30s).english);
    recall.done();
    // A first call merged with its recall is a recall.
    recall.add({"B001", 2, false}, t0 + 40s);
    take(recall, t0 + 40s);
    recall.add({"C001", 3, false}, t0 + 41s);
    recall.add({"C001", 3, true}, t0 + 42s);
    recall.done();
    CHECK(take(recall, t0 + 43s).english);

    auto off = make(VoiceEnglish::Off);
    off.add({"A001", 1, true}, t0);
    CHECK_FALSE(take(off, t0).english);
}

TEST_CASE("a call that cannot begin within 10 s of its call is left out, not said late") {
    auto q = make();
    q.add({"A001", 1, false}, t0);
    take(q, t0);
    q.add({"B001", 2, false}, t0 + 1s);
    q.add({"C001", 3, false}, t0 + 5s);
    q.add({"D001", 4, false}, t0 + 9s);
    // The speaker is free at t0 + 12 s: B001 waited 11 s, C001 7 s.
    q.done();
    auto next = q.next(t0 + 12s);
    REQUIRE(next.turn.has_value());
    CHECK(next.turn->call.number == "C001");
    REQUIRE(next.dropped.size() == 1);
    CHECK(next.dropped[0].number == "B001");
    // Exactly 10 s is still in time.
    q.done();
    CHECK(take(q, t0 + 19s).call.number == "D001");
    q.done();
    CHECK(q.counts().dropped == 1);
    // All too late: no turn, all reported, the hall stays silent.
    q.add({"E001", 5, false}, t0 + 30s);
    q.add({"F001", 6, false}, t0 + 31s);
    auto none = q.next(t0 + 45s);
    CHECK_FALSE(none.turn.has_value());
    CHECK(none.dropped.size() == 2);
    CHECK_FALSE(q.speaking());
}

TEST_CASE("a call waiting but already too late does not keep the English from being said") {
    auto q = make();
    q.add({"A001", 1, false}, t0);
    take(q, t0);
    q.add({"B001", 2, false}, t0 + 1s);
    CHECK_FALSE(q.english_now(t0 + 3s));
    CHECK(q.english_now(t0 + 12s));  // B001 can no longer be said in time
}
