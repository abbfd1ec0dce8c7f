// The protocol against a real hub: every answer and event the clients read parses with the
// protocol's parsers, and writing the parsed value again gives the hub's JSON back, so a
// field the hub writes and the protocol lacks (or writes otherwise) fails here.
#include <doctest/doctest.h>

#include <set>

#include "hub_fixture.h"
#include "onestop/net/events.h"
#include "onestop/net/protocol.h"

using namespace onestop;
using namespace onestop::test;

namespace {

template <typename Parse>
auto same_back(const Answer& answer, int status, Parse parse) {
    CHECK(answer.status == status);
    auto parsed = parse(answer.body);
    REQUIRE_MESSAGE(parsed.ok(), (parsed.ok() ? std::string() : parsed.error().message)
                                     << " in " << answer.text);
    CHECK(net::to_json(*parsed) == answer.body);
    return *parsed;
}

net::Ticket ticket_back(const Answer& answer, int status) {
    CHECK(answer.status == status);
    REQUIRE(answer.body.contains("ticket"));
    auto parsed = net::parse_ticket(answer.body["ticket"]);
    REQUIRE(parsed.ok());
    CHECK(net::to_json(*parsed) == answer.body["ticket"]);
    return *parsed;
}

}  // namespace

TEST_CASE("the hub's answers and events, as the clients read them, written back unchanged") {
    HubFixture f;
    SseReader stream(f.hub.url());
    REQUIRE(stream.wait_for([&](const auto&) { return stream.status() == 200; }));

    same_back(f.get("/api/v1/health"), 200, net::parse_health);
    auto services = same_back(f.get("/api/v1/services"), 200, net::parse_services);
    REQUIRE_FALSE(services.empty());
    CHECK(services[0].unit_name.zh == "教务处");  // what the kiosk read from its hall file
    CHECK(services[0].minutes_per_ticket > 0);
    same_back(f.get("/api/v1/rating-reasons"), 200, net::parse_rating_reasons);

    auto issued =
        same_back(f.post("/api/v1/tickets", {{"service", "A"}, {"request_id", "p-1"}}, f.kiosk),
                  201, net::parse_issue_answer);
    CHECK(issued.ticket.number == "A001");
    ticket_back(f.get("/api/v1/tickets/" + std::to_string(issued.ticket.id) +
                      "?code=" + issued.ticket.code),
                200);

    auto closed =
        same_back(f.post("/api/v1/tickets", {{"service", "C"}, {"request_id", "p-c"}}, f.kiosk),
                  409, net::parse_api_error);
    CHECK(closed.code == "service_closed");
    CHECK(closed.next_open == std::optional<std::string>("2026-11-28T09:00:00+08:00"));

    auto session = same_back(
        f.post("/api/v1/sessions", {{"window", 1}, {"staff", "S001"}, {"pin", "1234"}}, f.counter),
        201, net::parse_session);
    const std::string& s = session.session;
    CHECK(ticket_back(f.post("/api/v1/windows/1/call-next", json::object(), s), 200).number ==
          "A001");
    ticket_back(f.post("/api/v1/windows/1/recall", json::object(), s), 200);
    same_back(f.get("/api/v1/windows/1"), 200, net::parse_window_info);
    auto paused = same_back(f.post("/api/v1/windows/1/pause", {{"reason", "meeting"}}, s), 200,
                            net::parse_window_info);
    CHECK(paused.pause_reason == "meeting");
    same_back(f.post("/api/v1/windows/1/resume", json::object(), s), 200, net::parse_window_info);
    auto done = ticket_back(f.post("/api/v1/windows/1/finish", json::object(), s), 200);
    CHECK(done.status == "done");

    f.issue("A");
    f.issue("A");
    ticket_back(f.post("/api/v1/windows/1/call-next", json::object(), s), 200);
    auto gone = ticket_back(f.post("/api/v1/windows/1/no-show", json::object(), s), 200);
    ticket_back(f.post("/api/v1/tickets/" + std::to_string(gone.id) + "/rejoin", json::object(), s),
                200);
    ticket_back(f.post("/api/v1/windows/1/call-next", json::object(), s), 200);
    // A case for the called ticket: opened, resumed when the materials come, completed.
    Answer opened =
        f.post("/api/v1/windows/1/cases", {{"mode", "supplement"}, {"missing", {"身份证"}}}, s);
    REQUIRE(opened.status == 201);
    const std::string case_id = std::to_string(opened.body["case"]["id"].get<int64_t>());
    CHECK(f.post("/api/v1/cases/" + case_id + "/resume", json::object(), s).status == 200);
    CHECK(f.post("/api/v1/cases/" + case_id + "/complete", {{"result", "已办结"}}, s).status ==
          200);
    ticket_back(f.post("/api/v1/windows/1/transfer", {{"window", 2}}, s), 200);
    same_back(f.get("/api/v1/queue"), 200, net::parse_queue);

    CHECK(f.post("/api/v1/evaluations", {{"ticket", done.id}, {"level", 5}}, f.pad1).status == 201);
    same_back(f.post("/api/v1/leases", {{"service", "B"}, {"count", 5}}, f.kiosk), 201,
              net::parse_lease);
    same_back(f.get("/api/v1/leases", f.kiosk), 200, net::parse_held_leases);
    CHECK(f.put("/api/v1/notice", {{"text", {{"zh", "今日午休"}, {"en", "Lunch break"}}}}, f.admin)
              .status == 200);
    Answer notice = f.get("/api/v1/notice");
    auto text = net::parse_notice(notice.body);
    REQUIRE(text.ok());
    CHECK(net::notice_json(*text) == notice.body);
    CHECK(
        f.post("/api/v1/alerts", {{"kind", "printer_paper_end"}, {"message", "纸将用尽"}}, f.kiosk)
            .status == 201);
    CHECK(f.del("/api/v1/sessions/current", s).status == 200);

    const std::set<std::string> expected = {
        "ticket.issued",  "ticket.called",        "ticket.recalled",      "ticket.finished",
        "ticket.no_show", "ticket.rejoined",      "ticket.transferred",   "window.paused",
        "window.resumed", "evaluation.requested", "evaluation.submitted", "session.started",
        "session.ended",  "notice.updated",       "device.alert",         "case.opened",
        "case.updated",   "case.completed"};
    auto names = [](const std::vector<SseEvent>& events) {
        std::set<std::string> out;
        for (const auto& e : events) out.insert(e.name);
        return out;
    };
    REQUIRE(stream.wait_for([&](const auto& events) { return names(events) == expected; }));
    for (const auto& e : stream.events()) {
        CAPTURE(e.name);
        CAPTURE(e.data.dump());
        auto parsed = net::parse_event(e.name, e.data);
        REQUIRE(parsed.ok());
        CHECK_FALSE(std::holds_alternative<net::UnknownEvent>(*parsed));
        CHECK(net::event_name(*parsed) == e.name);
        CHECK(net::event_data(*parsed) == e.data);
    }
}
