// One protocol for both sides: every type the hub writes and a client reads comes back
// unchanged from to_json → parse_*, and the events keep CONTRACT's wire.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "onestop/net/events.h"
#include "onestop/net/protocol.h"

using namespace onestop::net;
using onestop::Text;

namespace {

template <typename T, typename Parse>
void round_trip(const T& value, Parse parse) {
    auto back = parse(to_json(value));
    REQUIRE_MESSAGE(back.ok(), (back.ok() ? std::string() : back.error().message));
    CHECK(*back == value);
}

Ticket full_ticket() {
    Ticket t;
    t.id = 42;
    t.number = "A012";
    t.service = "A";
    t.status = "done";
    t.priority = true;
    t.issued_at = "2026-11-27T09:00:00+08:00";
    t.called_at = "2026-11-27T09:10:00+08:00";
    t.window = 3;
    t.waiting_ahead = 2;
    t.code = "c0dec0de";
    t.url = "https://hall.example.edu/t/42?c=c0dec0de";
    t.estimated_wait_min = 7;
    t.promised_date = "2026-12-04";
    t.service_day = "2026-11-27";
    return t;
}

ServiceInfo full_service() {
    ServiceInfo s;
    s.code = "B";
    s.name = {"成绩证明", "Transcript"};
    s.unit = "JWC";
    s.unit_name = {"教务处", "Academic Affairs Office"};
    s.mode = "deadline";
    s.materials = {{"学生证", "Student card"}, {"申请表", "Form"}};
    s.open = false;
    s.next_open = "2026-11-28T09:00:00+08:00";
    s.who_may_apply = {"在校生", "Enrolled students"};
    s.steps = {{"取号", "Take a number"}, {"递交", "Hand in"}};
    s.promised_days = 3;
    s.partner_units = {"XSC", "YJS"};
    s.minutes_per_ticket = 6;
    s.waiting = 4;
    s.estimated_wait_min = 12;
    return s;
}

WindowState window_state() {
    return WindowState{1,
                       {"教务综合窗口", "Academic Affairs"},
                       "JWC",
                       {"A", "B"},
                       "open",
                       std::string("A012"),
                       StaffRef{"S001", "王丽", ""}};
}

}  // namespace

TEST_CASE("answers: to_json then parse gives back the same value") {
    round_trip(full_ticket(), parse_ticket);
    Ticket bare;  // nulls and absent optionals
    bare.number = "A001";
    bare.status = "waiting";
    round_trip(bare, parse_ticket);

    round_trip(full_service(), parse_service);
    round_trip(std::vector<ServiceInfo>{full_service(), ServiceInfo{}}, parse_services);

    WindowState idle{2, {"学籍", "Records"}, "JWC", {"B"}, "closed", std::nullopt, std::nullopt};
    round_trip(window_state(), parse_window_state);
    round_trip(idle, parse_window_state);
    round_trip(WindowInfo{window_state(), 5, "", "fixed"}, parse_window_info);
    round_trip(WindowInfo{idle, 0, "meeting", "periodic"}, parse_window_info);

    QueueSnapshot q{"2026-11-27T09:00:00+08:00",
                    {{"A", 3, true, 15}, {"C", 0, false, 0}},
                    {window_state(), idle},
                    {{"A012", 1, "2026-11-27T08:59:00+08:00"}}};
    round_trip(q, parse_queue);

    round_trip(SessionInfo{"tok", {"S001", "王丽", "JWC"}, 1, {"一号窗口", "Window 1"}},
               parse_session);
    round_trip(Health{"ok", "1.2.3", "hub-1"}, parse_health);
    round_trip(
        std::vector<RatingReason>{{"slow", {"办理慢", "Slow"}}, {"rude", {"态度差", "Rude"}}},
        parse_rating_reasons);
    round_trip(Lease{"B", "2026-11-27", 101, 50, "hub-1"}, parse_lease);
    round_trip(
        HeldLeases{"hub-1", {{"B", "2026-11-27", 101, 50, ""}, {"A", "2026-11-28", 1, 10, ""}}},
        parse_held_leases);
    round_trip(IssueAnswer{full_ticket(), ""}, parse_issue_answer);
    round_trip(IssueAnswer{full_ticket(), "A005"}, parse_issue_answer);

    Text notice{"今日午休", "Lunch break"};
    auto back = parse_notice(notice_json(notice));
    REQUIRE(back.ok());
    CHECK(*back == notice);
}

TEST_CASE("requests: to_json then parse gives back the same value") {
    round_trip(IssueRequest{"A", Priority::Green, "r-1", std::nullopt, std::nullopt, "", ""},
               parse_issue_request);
    round_trip(IssueRequest{"B", Priority::Normal, "r-2", std::string("2026-11-27"), 7,
                            "2026-11-27T09:00:00+08:00", "hub-1"},
               parse_issue_request);
    round_trip(Evaluation{42, "c0de", 2, {"slow", "rude"}, "太慢", "13800138000"},
               parse_evaluation);
    round_trip(Evaluation{42, "", 5, {}, "", ""}, parse_evaluation);
    round_trip(LeaseRequest{"B", 50}, parse_lease_request);
    round_trip(SignIn{3, "T0042", "1234"}, parse_sign_in);
    round_trip(Transfer{"B", 0}, parse_transfer);
    round_trip(Transfer{"", 4}, parse_transfer);
    round_trip(Pause{PauseReason::Meeting}, parse_pause);
    round_trip(Alert{"printer_paper_end", "缺纸"}, parse_alert);
}

namespace {

// The refusal a request body gets, code and the field it names.
template <typename Parse>
void refused(Parse parse, const char* body, const char* code, const char* names) {
    auto r = parse(Json::parse(body));
    REQUIRE_FALSE_MESSAGE(r.ok(), body);
    CHECK_MESSAGE(r.error().code == code, body, " → ", r.error().code);
    CHECK_MESSAGE(r.error().message.find(names) != std::string::npos, r.error().message);
}

}  // namespace

TEST_CASE("requests: the hub's refusals come from the same parsers, naming the field") {
    // missing_field and wrong_type are 400, invalid_field 422 (docs/api.md).
    refused(parse_issue_request, R"({})", "missing_field", "'service'");
    refused(parse_issue_request, R"({"service":1})", "wrong_type", "'service' must be a string");
    refused(parse_issue_request, R"({"service":"ABCDEFGHI"})", "invalid_field", "longer than 8");
    refused(parse_issue_request, R"({"service":"A","priority":"yes"})", "wrong_type",
            "'priority' must be true or false");
    refused(parse_issue_request, R"({"service":"A","request_id":""})", "invalid_field",
            "'request_id'");
    refused(parse_issue_request, R"({"service":"A","request_id":"r","leased":3})", "wrong_type",
            "'leased' must be an object");
    refused(parse_issue_request,
            R"({"service":"A","request_id":"r","issued_at":"2026-11-27T09:00:00+08:00",
                "leased":{"service_day":"2026-11-27","sequence":0}})",
            "invalid_field", "'leased.sequence' must be 1…9999");
    refused(parse_issue_request,
            R"({"service":"A","request_id":"r","issued_at":"2026-11-27T09:00:00+08:00",
                "leased":{"service_day":"27.11.2026","sequence":5}})",
            "invalid_field", "'leased.service_day'");
    refused(
        parse_issue_request,
        R"({"service":"A","request_id":"r","leased":{"service_day":"2026-11-27","sequence":5}})",
        "missing_field", "'issued_at'");
    refused(parse_issue_request,
            R"({"service":"A","issued_at":"2026-11-27T09:00:00+08:00",
                "leased":{"service_day":"2026-11-27","sequence":5}})",
            "missing_field", "'request_id'");

    refused(parse_evaluation, R"({"level":5})", "missing_field", "'ticket'");
    refused(parse_evaluation, R"({"ticket":1,"level":5,"reasons":"slow"})", "wrong_type",
            "'reasons'");
    auto out_of_scale = parse_evaluation(Json::parse(R"({"ticket":1,"level":6})"));
    REQUIRE(out_of_scale.ok());  // the value is checked after who rates
    CHECK(check_evaluation(*out_of_scale).error().code == "invalid_field");

    refused(parse_lease_request, R"({"service":"A","count":0})", "invalid_field", "'count'");
    refused(parse_lease_request, R"({"service":"A"})", "missing_field", "'count'");
    refused(parse_sign_in, R"({"window":"1","staff":"T1","pin":"1"})", "wrong_type", "'window'");
    refused(parse_transfer, R"({})", "missing_field", "either 'service'");
    refused(parse_transfer, R"({"service":"B","window":2})", "missing_field", "either 'service'");
    refused(parse_pause, R"({"reason":"nap"})", "invalid_field", "break, meeting or other");
    refused(parse_alert, R"({"kind":"printer_on_fire"})", "invalid_field", "'kind'");
    refused(parse_notice, R"({"text":"午休"})", "wrong_type", "'text'");
    refused(parse_notice, R"({"text":{"zh":"午休"}})", "missing_field", "'text.en'");

    CHECK(parse_pause(Json::object())->reason == PauseReason::Other);  // no reason: other
    CHECK(parse_request_body("").ok());                                // no body counts as {}
    CHECK(parse_request_body("[1]").error().code == "malformed_json");
    CHECK(parse_request_body("{\"a\":\"\xff\"}").error().code == "malformed_json");
}

TEST_CASE("errors: next_open is written inside error and at the top level, read from one place") {
    ApiError closed{"service_closed", "closed now", std::string("2026-11-28T09:00:00+08:00")};
    Json j = to_json(closed);
    CHECK(j["error"]["next_open"] == "2026-11-28T09:00:00+08:00");
    CHECK(j["next_open"] == "2026-11-28T09:00:00+08:00");  // docs/api.md: for simple clients
    round_trip(closed, parse_api_error);

    ApiError never{"service_closed", "closed", std::string()};  // no opening known: null
    CHECK(to_json(never)["error"]["next_open"].is_null());
    CHECK(to_json(never)["next_open"].is_null());
    round_trip(never, parse_api_error);

    ApiError plain{"nothing_called", "no ticket is called", std::nullopt};
    CHECK_FALSE(to_json(plain).contains("next_open"));
    CHECK_FALSE(to_json(plain)["error"].contains("next_open"));
    round_trip(plain, parse_api_error);

    CHECK_FALSE(parse_api_error(Json::parse(R"({"error":"x"})")).ok());
    CHECK_FALSE(parse_api_error(Json::parse(R"({"error":{"code":"x","next_open":5}})")).ok());
}

TEST_CASE("events: every kind comes back from its data under its name") {
    TicketChange change{42, "A012", "A", 1, "called", 3, "2026-11-27T09:10:00+08:00"};
    auto with = [&]<typename E>(E e) {
        static_cast<TicketChange&>(e) = change;
        return e;
    };
    TicketRecalled recalled = with(TicketRecalled{});
    recalled.calls = 3;
    TicketTransferred transferred = with(TicketTransferred{});
    transferred.to_service = "C";
    transferred.to_window = 0;
    std::vector<Event> all = {
        with(TicketIssued{}),
        with(TicketCalled{}),
        recalled,
        with(TicketNoShow{}),
        with(TicketRejoined{}),
        transferred,
        with(TicketFinished{}),
        with(TicketCancelled{}),
        WindowPaused{1, "meeting", "2026-11-27T10:00:00+08:00"},
        WindowResumed{1, "2026-11-27T10:30:00+08:00"},
        EvaluationRequested{42, "A012", "A", 1, "2026-11-27T09:20:00+08:00"},
        EvaluationSubmitted{42, "A012", 1, 5, "2026-11-27T09:21:00+08:00"},
        SessionStarted{{1, "S001", "2026-11-27T08:30:00+08:00"}},
        SessionEnded{{1, "S001", "2026-11-27T12:00:00+08:00"}},
        NoticeUpdated{{"今日午休", "Lunch break"}, "2026-11-27T08:00:00+08:00"},
        DeviceAlert{"大厅入口一号机", "printer_paper_end", "纸将用尽", "2026-11-27T09:00:00+08:00"},
        ServicesUpdated{"A", "JWC", 7, "2026-11-27T09:30:00+08:00"},
        CaseOpened{{9, "JWC-20261127-0001", "JWC", 1, "A", "supplement", "awaiting_supplement"}},
        CaseUpdated{{9, "JWC-20261127-0001", "JWC", 2, "A", "supplement", "accepted"}},
        CaseCompleted{{9, "JWC-20261127-0001", "JWC", 2, "A", "supplement", "completed"}},
        CaseOverdue{{10, "JWC-20261127-0002", "JWC", 1, "A", "deadline", "accepted"}},
    };
    CHECK(all.size() + 1 == std::variant_size_v<Event>);  // every alternative but UnknownEvent
    for (const Event& e : all) {
        const std::string name = event_name(e);
        CAPTURE(name);
        auto back = parse_event(HubEvent{"1", name, "", event_data(e), {}});
        REQUIRE(back.ok());
        CHECK(back->index() == e.index());
        CHECK(*back == e);
    }
}

TEST_CASE("events: CONTRACT's wire, names as constants") {
    CHECK(event_names::kTicketCalled == "ticket.called");
    CHECK(event_name(TicketNoShow{}) == "ticket.no_show");
    Json resumed = event_data(WindowResumed{2, "2026-11-27T10:30:00+08:00"});
    CHECK(resumed == Json::parse(R"({"window":2,"reason":null,"at":"2026-11-27T10:30:00+08:00"})"));
    Json started = event_data(SessionStarted{{2, "S002", "t"}});
    CHECK(started == Json::parse(R"({"window":2,"staff":{"number":"S002"},"at":"t"})"));
    Json called = event_data(TicketCalled{{7, "A007", "A", 1, "called", 0, "t"}});
    CHECK(called == Json::parse(R"({"ticket":7,"number":"A007","service":"A","window":1,
                                    "status":"called","waiting":0,"at":"t"})"));
    Json moved = event_data(TicketTransferred{{7, "A007", "A", 1, "waiting", 2, "t"}, "", 4});
    CHECK(moved["to_service"] == "");
    CHECK(moved["to_window"] == 4);
    const Event finished = TicketFinished{{7, "A007", "A", 1, "done", 0, "t"}};
    REQUIRE(ticket_change(finished) != nullptr);
    CHECK(ticket_change(finished)->number == "A007");
    CHECK(ticket_change(Event{WindowResumed{}}) == nullptr);
    Json opened = event_data(CaseOpened{{9, "JWC-1", "JWC", 1, "A", "deadline", "accepted"}});
    CHECK(opened == Json::parse(R"({"case":"JWC-1","id":9,"unit":"JWC","window":1,"service":"A",
                                    "mode":"deadline","status":"accepted"})"));
    REQUIRE(case_change(Event{CaseOverdue{{9, "JWC-1", "JWC", 1, "A", "deadline", "accepted"}}}));
    CHECK(case_change(Event{CaseOverdue{{9, "JWC-1", "JWC", 1, "A", "deadline", "accepted"}}})
              ->unit == "JWC");
    CHECK(case_change(finished) == nullptr);
}

TEST_CASE("events: a newer hub's names pass by, broken data is an error") {
    Json data = Json::parse(R"({"window":1,"something":"new"})");
    auto unknown = parse_event("window.renamed", data);
    REQUIRE(unknown.ok());
    const auto* u = std::get_if<UnknownEvent>(&*unknown);
    REQUIRE(u != nullptr);
    CHECK(u->name == "window.renamed");
    CHECK(u->data == data);
    CHECK(event_name(*unknown) == "window.renamed");
    CHECK(event_data(*unknown) == data);

    // Extra fields of a known event are ignored (older clients, newer hubs).
    auto extra = parse_event("window.paused",
                             Json::parse(R"({"window":1,"reason":"break","at":"t","by":"x"})"));
    REQUIRE(extra.ok());
    CHECK(std::get<WindowPaused>(*extra).reason == "break");

    auto wrong = parse_event("ticket.called", Json::parse(R"({"ticket":"seven","number":"A007"})"));
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "bad_response");
    CHECK(wrong.error().message.find("'ticket'") != std::string::npos);
    CHECK_FALSE(parse_event("ticket.called", Json()).ok());  // data was not JSON
    CHECK_FALSE(parse_event("session.started", Json::parse(R"({"staff":"S001"})")).ok());
}
