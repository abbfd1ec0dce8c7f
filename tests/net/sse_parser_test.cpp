#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "onestop/net/sse_parser.h"

using onestop::net::SseEvent;
using onestop::net::SseParser;

namespace {

struct Collected {
    std::vector<SseEvent> events;
    std::vector<std::string> comments;
};

// Feeds `text` in pieces of `step` bytes (0 = all at once).
Collected parse(const std::string& text, size_t step = 0) {
    Collected out;
    SseParser p([&](SseEvent&& e) { out.events.push_back(std::move(e)); },
                [&](std::string_view c) { out.comments.emplace_back(c); });
    if (step == 0) {
        p.feed(text);
    } else {
        for (size_t i = 0; i < text.size(); i += step)
            p.feed(std::string_view(text).substr(i, step));
    }
    return out;
}

const std::string kHubStream =
    ": ping\n"
    "id: 41\n"
    "event: ticket.issued\n"
    "data: {\"ticket\":7,\"number\":\"A007\"}\n"
    "\n"
    "id: 42\n"
    "event: ticket.called\n"
    "data: {\"ticket\":7,\"number\":\"A007\",\"window\":3}\n"
    "\n";

}  // namespace

TEST_CASE("a hub stream yields its events with ids, names and data") {
    auto c = parse(kHubStream);
    REQUIRE(c.events.size() == 2);
    CHECK(c.events[0].id == "41");
    CHECK(c.events[0].name == "ticket.issued");
    CHECK(c.events[0].data == "{\"ticket\":7,\"number\":\"A007\"}");
    CHECK(c.events[1].id == "42");
    CHECK(c.events[1].name == "ticket.called");
    REQUIRE(c.comments.size() == 1);
    CHECK(c.comments[0] == "ping");
}

TEST_CASE("the result does not depend on how the bytes are chunked") {
    auto whole = parse(kHubStream);
    for (size_t step : {1u, 2u, 3u, 7u, 13u}) {
        CAPTURE(step);
        auto split = parse(kHubStream, step);
        REQUIRE(split.events.size() == whole.events.size());
        for (size_t i = 0; i < whole.events.size(); ++i) {
            CHECK(split.events[i].id == whole.events[i].id);
            CHECK(split.events[i].name == whole.events[i].name);
            CHECK(split.events[i].data == whole.events[i].data);
        }
        CHECK(split.comments == whole.comments);
    }
}

TEST_CASE("CRLF and lone CR end lines too, also when split between chunks") {
    std::string crlf = "id: 1\r\nevent: a\r\ndata: x\r\n\r\nid: 2\rdata: y\r\r";
    for (size_t step : {0u, 1u, 2u, 5u}) {
        CAPTURE(step);
        auto c = parse(crlf, step);
        REQUIRE(c.events.size() == 2);
        CHECK(c.events[0].id == "1");
        CHECK(c.events[0].name == "a");
        CHECK(c.events[0].data == "x");
        CHECK(c.events[1].id == "2");
        CHECK(c.events[1].name == "message");
        CHECK(c.events[1].data == "y");
    }
}

TEST_CASE("several data lines join with newlines; only one space after the colon is dropped") {
    auto c = parse("data: one\ndata:two\ndata:  three\n\n");
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].data == "one\ntwo\n three");
}

TEST_CASE("an event without data is not dispatched, and its name does not leak into the next") {
    auto c = parse("event: ticket.called\n\ndata: z\n\n");
    REQUIRE(c.events.size() == 1);
    CHECK(c.events[0].name == "message");
    CHECK(c.events[0].data == "z");
}

TEST_CASE("the last id persists across events and resets; an unfinished event is not dispatched") {
    std::vector<SseEvent> events;
    SseParser p([&](SseEvent&& e) { events.push_back(std::move(e)); });
    p.feed("id: 9\ndata: a\n\ndata: b\n\nid: 10\ndata: half");
    REQUIRE(events.size() == 2);
    CHECK(events[1].id == "9");  // no id line: the stream's last id
    CHECK(p.last_id() == "10");
    p.reset();  // the connection dropped mid-event
    p.feed("\n\ndata: c\n\n");
    REQUIRE(events.size() == 3);
    CHECK(events[2].data == "c");
    CHECK(events[2].id == "10");
}

TEST_CASE("retry sets the reconnect delay only when it is all digits; unknown fields are ignored") {
    SseParser p([](SseEvent&&) {});
    p.feed("retry: 1500\n\nretry: 2x\nfoo: bar\n\n");
    CHECK(p.retry_ms() == 1500);
}
