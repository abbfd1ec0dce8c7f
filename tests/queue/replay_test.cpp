// Crash recovery: a fresh engine that apply()s the event log of any mix of commands
// reaches the same state: every query answers the same and the next commands act alike.
#include <doctest/doctest.h>

#include <random>

#include "test_hall.h"

using namespace onestop;
using namespace onestop::queue;
using test::at;

namespace {

void same_ticket(const Ticket& a, const Ticket& b) {
    INFO(a.number);
    CHECK(a.id == b.id);
    CHECK(a.number == b.number);
    CHECK(a.service == b.service);
    CHECK(a.status == b.status);
    CHECK(a.priority == b.priority);
    CHECK(a.service_day == b.service_day);
    CHECK(a.issued_at == b.issued_at);
    CHECK(a.called_at == b.called_at);
    CHECK(a.finished_at == b.finished_at);
    CHECK(a.window == b.window);
    CHECK(a.calls == b.calls);
    CHECK(a.target_window == b.target_window);
    CHECK(a.transferred == b.transferred);
    CHECK(a.from_service == b.from_service);
    CHECK(a.from_window == b.from_window);
    CHECK(a.printed == b.printed);
}

void same_state(const Engine& a, const Engine& b, int64_t max_id) {
    for (int64_t id = 1; id <= max_id + 1; ++id) {
        const Ticket* ta = a.ticket(id);
        const Ticket* tb = b.ticket(id);
        REQUIRE((ta == nullptr) == (tb == nullptr));
        if (!ta) continue;
        same_ticket(*ta, *tb);
        CHECK(a.waiting_ahead(id) == b.waiting_ahead(id));
        CHECK(a.estimated_wait_minutes(id) == b.estimated_wait_minutes(id));
        CHECK(b.ticket_by_number(ta->service_day, ta->number) == tb);
    }
    for (const auto& s : a.hall().services) {
        auto wa = a.waiting(s.code), wb = b.waiting(s.code);
        REQUIRE(wa.size() == wb.size());
        for (size_t i = 0; i < wa.size(); ++i) CHECK(wa[i]->id == wb[i]->id);
        CHECK(a.waiting_count(s.code) == b.waiting_count(s.code));
        CHECK(a.estimated_wait_minutes_for_new(s.code) == b.estimated_wait_minutes_for_new(s.code));
        CHECK(a.service_open(s.code) == b.service_open(s.code));
    }
    for (const auto& w : a.hall().windows) {
        auto sa = a.window_state(w.number), sb = b.window_state(w.number);
        CHECK(sa.status == sb.status);
        CHECK(sa.paused == sb.paused);
        CHECK(sa.pause_reason == sb.pause_reason);
        CHECK(sa.current == sb.current);
        CHECK(a.waiting_for_window(w.number) == b.waiting_for_window(w.number));
    }
    auto ra = a.recent_calls(100), rb = b.recent_calls(100);
    REQUIRE(ra.size() == rb.size());
    for (size_t i = 0; i < ra.size(); ++i) {
        CHECK(ra[i].number == rb[i].number);
        CHECK(ra[i].window == rb[i].window);
        CHECK(ra[i].at == rb[i].at);
    }
}

// One random command; appends the events of a successful one to `log`.
void random_command(Engine& engine, ManualClock& clock, std::mt19937& rng, std::vector<Event>& log,
                    int64_t& max_id, std::vector<std::pair<std::string, int>>& leased) {
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const char* services[] = {"A", "B", "C", "D", "E"};
    std::string service = services[pick(5)];
    int window = 1 + pick(5);
    Result<Outcome> out = make_error("none", "");
    switch (pick(17)) {
        case 0:
        case 1:
        case 2:
        case 3:
        case 4:
            out = engine.issue(service, pick(4) == 0 ? Priority::Green : Priority::Normal);
            break;
        case 5:
        case 6:
        case 7:
            out = engine.call_next(window);
            break;
        case 8:
            out = engine.recall(window);
            break;
        case 9:
            out = engine.no_show(window);
            break;
        case 10:
            out = engine.finish(window);
            break;
        case 11:
            out = engine.transfer(window,
                                  pick(2) ? TransferTarget{service, 0}
                                          : TransferTarget{pick(2) ? service : "", 1 + pick(5)});
            break;
        case 12:
            out = pick(2) ? engine.pause(window, "break") : engine.resume(window);
            break;
        case 13:
            out = pick(2) ? engine.rejoin(1 + pick(static_cast<int>(max_id) + 1))
                          : engine.cancel(1 + pick(static_cast<int>(max_id) + 1));
            break;
        case 14:
            out = engine.lease(service, 1 + pick(5));
            if (out.ok()) {
                const auto& l = std::get<NumbersLeased>(out->events[0]);
                for (int i = 0; i < l.count; ++i) leased.emplace_back(l.service, l.first + i);
            }
            break;
        case 15:
            if (!leased.empty()) {
                size_t i = static_cast<size_t>(pick(static_cast<int>(leased.size())));
                out = engine.issue_leased(leased[i].first, Priority::Normal, leased[i].second,
                                          clock.now() - std::chrono::seconds(pick(600)));
            }
            break;
        case 16:  // an offline ticket from a block this engine never leased
            out = engine.adopt(service, Priority::Normal, to_local(clock.now()).date(),
                               1 + pick(999), clock.now() - std::chrono::seconds(pick(600)));
            break;
    }
    if (out.ok()) {
        log.insert(log.end(), out->events.begin(), out->events.end());
        if (out->ticket) max_id = std::max(max_id, out->ticket->id);
    }
    // Mostly seconds apart; now and then hours, so days, closings and periods pass by.
    clock.advance(pick(50) == 0 ? std::chrono::minutes(60 * (1 + pick(20)))
                                : std::chrono::minutes(0) + std::chrono::seconds(pick(90)));
}

}  // namespace

TEST_CASE("replaying the event log of a random day rebuilds the same state") {
    for (unsigned seed : {1u, 7u, 42u, 2026u}) {
        CAPTURE(seed);
        auto hall = test::small_hall();
        hall.settings.priority_one_in = seed % 2 ? 3 : 0;
        std::mt19937 rng(seed);
        ManualClock clock(at("2026-11-26", "08:00"));
        Engine engine(hall, clock, test::shanghai());
        std::vector<Event> log;
        int64_t max_id = 0;
        std::vector<std::pair<std::string, int>> leased;
        for (int i = 0; i < 3000; ++i) random_command(engine, clock, rng, log, max_id, leased);
        CHECK(max_id > 100);
        // The mix really exercised every kind of event.
        std::vector<int> kinds(std::variant_size_v<Event>, 0);
        for (const auto& e : log) ++kinds[e.index()];
        for (size_t k = 0; k < kinds.size(); ++k) {
            CAPTURE(k);
            CHECK(kinds[k] > 0);
        }

        Engine rebuilt(hall, clock, test::shanghai());
        for (const auto& e : log) rebuilt.apply(e);
        same_state(engine, rebuilt, max_id);

        // And the two go on alike: same numbers, same calls, same refusals.
        // Both engines read `clock`: each step runs A's command, winds the clock back,
        // then runs B's same command (same generator state), which moves it on again.
        std::mt19937 rng_a(seed + 1), rng_b(seed + 1);
        Engine& a = engine;
        Engine& b = rebuilt;
        std::vector<Event> log_a, log_b;
        int64_t max_a = max_id, max_b = max_id;
        auto leased_a = leased, leased_b = leased;
        for (int i = 0; i < 300; ++i) {
            TimePoint step = clock.now();
            random_command(a, clock, rng_a, log_a, max_a, leased_a);
            clock.set(step);
            random_command(b, clock, rng_b, log_b, max_b, leased_b);
        }
        REQUIRE(log_a.size() == log_b.size());
        for (size_t i = 0; i < log_a.size(); ++i) {
            CHECK(log_a[i].index() == log_b[i].index());
            CHECK(event_time(log_a[i]) == event_time(log_b[i]));
        }
        same_state(a, b, std::max(max_a, max_b));
    }
}
