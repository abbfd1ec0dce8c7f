#include <doctest/doctest.h>

#include "onestop/store/event_codec.h"

using namespace onestop;
using namespace onestop::queue;
using namespace onestop::store;

namespace {
TimePoint at(int64_t ms) {
    return TimePoint{Millis{ms}};
}

// Encodes, passes through text (as the log stores it), decodes, re-encodes.
void check_round_trip(const Event& e) {
    auto enc = encode_event(e);
    auto text = enc.fields.dump();
    auto back = decode_event(enc.type, nlohmann::json::parse(text));
    REQUIRE(back.ok());
    CHECK(back->index() == e.index());
    auto again = encode_event(*back);
    CHECK(again.type == enc.type);
    CHECK(again.fields == enc.fields);
}
}  // namespace

TEST_CASE("every engine event survives the log's JSON") {
    check_round_trip(
        TicketIssued{7, "A007", "A", Priority::Green, "2026-11-27", 7, at(1764205200123)});
    TicketIssued adopted{8, "A981", "A", Priority::Normal, "2026-11-27", 981, at(4)};
    adopted.adopted = true;
    check_round_trip(adopted);
    TicketIssued renumbered{9, "A002", "A", Priority::Normal, "2026-11-27", 2, at(4)};
    renumbered.printed = "A981";
    check_round_trip(renumbered);
    check_round_trip(NumbersLeased{"B", "2026-11-27", 101, 20, at(5)});
    check_round_trip(TicketCalled{7, 3, at(6)});
    check_round_trip(TicketRecalled{7, 3, at(7)});
    check_round_trip(TicketNoShow{7, 3, at(8)});
    check_round_trip(TicketRejoined{7, at(9)});
    check_round_trip(TicketTransferred{7, 3, "B", 0, at(10)});
    check_round_trip(TicketTransferred{7, 3, "", 5, at(11)});
    check_round_trip(TicketFinished{7, 5, at(12)});
    check_round_trip(TicketCancelled{7, at(13)});
    check_round_trip(WindowPaused{4, "meeting", at(14)});
    check_round_trip(WindowResumed{4, at(15)});
}

TEST_CASE("decoded fields are exact") {
    auto enc = encode_event(
        TicketIssued{12, "A012", "A", Priority::Normal, "2026-11-27", 12, at(1234567)});
    CHECK(enc.type == "ticket_issued");
    auto back = decode_event(enc.type, enc.fields);
    REQUIRE(back.ok());
    const auto& t = std::get<TicketIssued>(*back);
    CHECK(t.id == 12);
    CHECK(t.number == "A012");
    CHECK(t.priority == Priority::Normal);
    CHECK(t.sequence == 12);
    CHECK(t.at == at(1234567));
}

TEST_CASE("an offline ticket's adoption or new number comes back from the log") {
    TicketIssued renumbered{9, "A002", "A", Priority::Normal, "2026-11-27", 2, at(4)};
    renumbered.printed = "A981";
    auto enc = encode_event(renumbered);
    CHECK_FALSE(enc.fields.contains("adopted"));  // a plain ticket's entry is as before
    auto back = decode_event(enc.type, enc.fields);
    REQUIRE(back.ok());
    CHECK(std::get<TicketIssued>(*back).printed == "A981");
    CHECK_FALSE(std::get<TicketIssued>(*back).adopted);

    TicketIssued adopted{8, "A981", "A", Priority::Normal, "2026-11-27", 981, at(4)};
    adopted.adopted = true;
    back = decode_event("ticket_issued", encode_event(adopted).fields);
    REQUIRE(back.ok());
    CHECK(std::get<TicketIssued>(*back).adopted);
    CHECK(std::get<TicketIssued>(*back).printed.empty());
}

TEST_CASE("unknown types and malformed fields are errors, not exceptions") {
    auto unknown = decode_event("ticket_teleported", nlohmann::json::object());
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "event_unknown");
    auto malformed = decode_event("ticket_called", {{"id", "seven"}, {"window", 3}, {"at", 1}});
    REQUIRE_FALSE(malformed.ok());
    CHECK(malformed.error().code == "event_malformed");
    auto missing = decode_event("window_paused", {{"window", 3}});
    REQUIRE_FALSE(missing.ok());
}
