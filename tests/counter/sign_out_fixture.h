#pragma once
// A counter machine at window 1 for S001, signed in, for the sign-out's steps: the work log's
// note (worklog_note_test.cpp) and the closing round (closing_round_test.cpp).
#include <optional>
#include <string>
#include <string_view>

#include <doctest/doctest.h>

#include "onestop/counter/machine.h"

namespace onestop::counter::test {

using namespace std::chrono_literals;

struct SignOutFixture {
    Instant t0{};
    Machine m{[] {
                  CounterState s;
                  s.window = 1;
                  s.staff_number = "S001";
                  return s;
              }(),
              800ms, [] { return std::string("key"); }};

    std::optional<Command> key(Action a, char ch = 0) { return m.press(Key{a, ch}, t0); }
    std::optional<Command> digit(char ch) { return key(Action::Char, ch); }
    std::optional<Command> enter() { return key(Action::Finish); }
    void type(std::string_view text) {
        for (char ch : text) CHECK_FALSE(key(Action::Char, ch));
    }

    // The sign-out key, answered by the hub: last in the hall or not, and the day's work log
    // (none: a hub without it, which goes straight on).
    void sign_out(bool last, std::optional<net::WorklogDay> worklog = std::nullopt) {
        auto c = key(Action::Logout);
        REQUIRE(c);
        REQUIRE(c->kind == CommandKind::Logout);
        Outcome o{true, {}, {}, {}};
        o.last_in_hall = last;
        o.worklog = std::move(worklog);
        m.on_outcome(*c, o, t0);
    }
};

}  // namespace onestop::counter::test
