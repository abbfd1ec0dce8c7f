// Notices for the boards' ticker: posted with a start and an end, shown and taken down by
// the hub's clock (notice.updated), ended early by the office, audited, refused to others.
#include <doctest/doctest.h>

#include "hub_fixture.h"
#include "onestop/base/time.h"

using namespace onestop;
using namespace onestop::test;

namespace {

// The hub's clock plus `seconds`, as ISO 8601.
std::string hub_time_plus(const HubFixture& f, int seconds) {
    auto now = parse_iso8601(f.get("/api/v1/queue").body["now"].get<std::string>());
    REQUIRE(now);
    return format_iso8601(*now + std::chrono::seconds(seconds));
}

bool saw_notice(SseReader& stream, const std::string& zh, std::chrono::milliseconds timeout) {
    return stream.wait_for(
        [&](const auto& events) {
            for (const auto& e : events)
                if (e.name == "notice.updated" && e.data["text"]["zh"] == zh) return true;
            return false;
        },
        timeout);
}

}  // namespace

TEST_CASE("notices: shown from their start, taken down at their end, by the hub's clock") {
    HubFixture f;
    SseReader stream(f.hub.url());
    REQUIRE(stream.wait_for([&](const auto&) { return stream.status() == 200; }));
    json body = {{"text", {{"zh", "12:00 起系统维护"}, {"en", "Maintenance from 12:00"}}},
                 {"starts_at", hub_time_plus(f, 1)},
                 {"ends_at", hub_time_plus(f, 3)}};
    auto posted = f.post("/api/v1/notices", body, f.admin);
    REQUIRE(posted.status == 201);
    CHECK(posted.body["notice"]["active"] == false);
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "");

    REQUIRE(saw_notice(stream, "12:00 起系统维护", std::chrono::seconds(10)));
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "12:00 起系统维护");
    REQUIRE(saw_notice(stream, "", std::chrono::seconds(10)));  // its end passed
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "");
    auto list = f.get("/api/v1/notices", f.admin);
    REQUIRE(list.body["notices"].size() == 1);
    CHECK(list.body["notices"][0]["active"] == false);
}

TEST_CASE("notices: ended early, the earlier one shows again; audited; checked; office only") {
    HubFixture f;
    auto lunch =
        f.post("/api/v1/notices",
               {{"text", {{"zh", "午休 12:00–13:30"}, {"en", "Lunch 12:00–13:30"}}}}, f.admin);
    REQUIRE(lunch.status == 201);
    auto urgent = f.post("/api/v1/notices",
                         {{"text", {{"zh", "3号窗口暂停"}, {"en", "Window 3 closed"}}},
                          {"ends_at", hub_time_plus(f, 3600)}},
                         f.admin);
    REQUIRE(urgent.status == 201);
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "3号窗口暂停");
    int64_t id = urgent.body["notice"]["id"];
    auto ended = f.post("/api/v1/notices/" + std::to_string(id) + "/end", json::object(), f.admin);
    REQUIRE(ended.status == 200);
    CHECK(ended.body["notice"]["ended_at"].is_string());
    CHECK(f.get("/api/v1/notice").body["text"]["zh"] == "午休 12:00–13:30");
    CHECK(f.post("/api/v1/notices/999/end", json::object(), f.admin).status == 404);

    auto audit = f.get("/api/v1/audit?action=notice.", f.admin);
    REQUIRE(audit.body["entries"].size() == 3);
    CHECK(audit.body["entries"][0]["action"] == "notice.end");

    auto refused = [&](const json& b) { return f.post("/api/v1/notices", b, f.admin); };
    const json text = {{"zh", "通知"}, {"en", "Notice"}};
    CHECK(refused({{"text", text}, {"ends_at", "tomorrow"}}).status == 422);
    CHECK(refused({{"text", text}, {"ends_at", hub_time_plus(f, -60)}}).status == 422);
    CHECK(refused({{"text", text},
                   {"starts_at", hub_time_plus(f, 600)},
                   {"ends_at", hub_time_plus(f, 300)}})
              .status == 422);
    CHECK(refused({{"text", {{"zh", "只有中文"}, {"en", ""}}}}).status == 422);
    CHECK(refused(json::object()).status == 400);

    CHECK(f.post("/api/v1/notices", {{"text", text}}).status == 401);
    CHECK(f.post("/api/v1/notices", {{"text", text}}, f.kiosk).status == 403);
    CHECK(f.get("/api/v1/notices").status == 401);
}
