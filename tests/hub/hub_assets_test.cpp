// Hall assets through the real hub (第三十三–三十七条): the register per role (the office
// writes, viewers read, a unit's lead reads its own unit's assets, staff none), edits audited,
// moves and loss on the asset's history, requisitions and change requests decided by the
// office (stock down, keeper changed, not enough stock refused), and a stock-take with a found,
// a missing, a misplaced and an unknown tag, scanned by staff and the office.
#include <doctest/doctest.h>

#include "hub_fixture.h"

using namespace onestop::test;

namespace {

struct Roles {
    explicit Roles(HubFixture& f) : office{f, "", ""}, unit{f, "", ""}, viewer{f, "", ""} {
        add_office_accounts(f);
        REQUIRE(office.login("wang", "office-pass-1").status == 200);
        REQUIRE(unit.login("zhao", "unit-pass-1").status == 200);  // JWC's lead
        REQUIRE(viewer.login("li", "viewer-pass-1").status == 200);
    }
    Browser office, unit, viewer;
};

json registered(const Browser& office, const json& body) {
    Answer a = office.post("/api/v1/assets", body);
    REQUIRE_MESSAGE(a.status == 201, a.text);
    return a.body["asset"];
}

std::vector<std::string> tags(const json& list) {
    std::vector<std::string> out;
    for (const auto& item : list) out.push_back(item["tag"]);
    return out;
}

}  // namespace

TEST_CASE("assets: the register per role, edits audited, moves and loss on the history") {
    HubFixture f;
    Roles r(f);

    // CONTRACT's body: name, category, location, owner? → 201 {"asset":{"tag",…}}.
    json pc = registered(r.office, {{"name", "窗口电脑"},
                                    {"category", "fixed"},
                                    {"location", "window:1"},
                                    {"model", "ThinkCentre M720"},
                                    {"serial", "SN123"},
                                    {"keeper", "S001"},
                                    {"value_fen", 450000},
                                    {"acquired", "2024-09-01"}});
    CHECK(pc["tag"] == "ZC-000001");
    CHECK(pc["window"] == 1);
    CHECK(pc["quantity"] == 1);
    CHECK(pc["status"] == "in_use");
    CHECK(pc["history"].size() == 1);
    CHECK(pc["history"][0]["what"] == "registered");
    json toner = registered(
        r.office,
        {{"name", "硒鼓"}, {"category", "it_consumable"}, {"location", "仓库"}, {"quantity", 5}});
    CHECK(toner["tag"] == "ZC-000002");
    CHECK(toner["window"].is_null());
    // A unit's own asset filed with the office, with the hall's own tag; a window by number.
    json scanner = registered(r.office, {{"name", "高拍仪"},
                                         {"category", "fixed"},
                                         {"location", 2},
                                         {"owner", "JWC"},
                                         {"tag", "JWC-2019-07"}});
    CHECK(scanner["location"] == "window:2");
    CHECK(scanner["owner"] == "JWC");
    // The kiosk's own device: its sighting shows beside it.
    Answer devices = f.get("/api/v1/devices", f.admin);
    REQUIRE(devices.status == 200);
    int64_t kiosk_id = 0;
    for (const auto& d : devices.body["devices"])
        if (d["role"] == "kiosk" && kiosk_id == 0) kiosk_id = d["id"];  // the fixture's `kiosk`
    f.issue("A");                                                       // the kiosk is seen
    json kiosk = registered(r.office, {{"name", "取号机"},
                                       {"category", "fixed"},
                                       {"location", "大厅入口"},
                                       {"device", kiosk_id}});
    CHECK(kiosk["device"]["role"] == "kiosk");
    CHECK(kiosk["device"]["online"] == true);

    // Bad input: a clear refusal, nothing registered.
    auto refused = [&](const json& body) { return r.office.post("/api/v1/assets", body).status; };
    CHECK(refused({{"name", "x"}, {"category", "car"}, {"location", "仓库"}}) == 422);
    CHECK(refused({{"name", "x"}, {"category", "fixed"}, {"location", "window:9"}}) == 422);
    CHECK(refused({{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}, {"keeper", "S9"}}) ==
          422);
    CHECK(refused({{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}, {"owner", "XX"}}) ==
          422);
    CHECK(refused({{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}, {"quantity", 3}}) ==
          422);
    CHECK(
        refused(
            {{"name", "x"}, {"category", "office"}, {"location", "仓库"}, {"value_fen", "100"}}) ==
        400);
    CHECK(refused({{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}, {"device", 99}}) ==
          422);
    CHECK(
        refused(
            {{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}, {"tag", "JWC-2019-07"}}) ==
        409);
    CHECK(refused({{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}, {"tag", "a/b"}}) ==
          422);
    CHECK(refused({{"category", "fixed"}, {"location", "仓库"}}) == 400);
    CHECK(r.office.get("/api/v1/assets").body["assets"].size() == 4);

    // Roles: viewers read everything, a unit's lead its unit's own, staff and writes refused.
    CHECK(r.viewer.get("/api/v1/assets").body["assets"].size() == 4);
    CHECK(tags(r.unit.get("/api/v1/assets").body["assets"]) ==
          std::vector<std::string>{"JWC-2019-07"});
    CHECK(r.unit.get("/api/v1/assets/JWC-2019-07").status == 200);
    CHECK(r.unit.get("/api/v1/assets/ZC-000001").status == 403);
    CHECK(r.viewer
              .post("/api/v1/assets", {{"name", "x"}, {"category", "fixed"}, {"location", "仓库"}})
              .status == 403);
    CHECK(r.unit.put("/api/v1/assets/JWC-2019-07", {{"name", "y"}}).status == 403);
    std::string session = f.login(1);
    CHECK(f.get("/api/v1/assets", session).status == 403);
    CHECK(f.get("/api/v1/assets").status == 401);
    CHECK(r.office.get("/api/v1/assets/ZC-999999").status == 404);

    // Filters.
    CHECK(tags(r.office.get("/api/v1/assets?category=it_consumable").body["assets"]) ==
          std::vector<std::string>{"ZC-000002"});
    CHECK(tags(r.office.get("/api/v1/assets?window=1").body["assets"]) ==
          std::vector<std::string>{"ZC-000001"});
    CHECK(tags(r.office.get("/api/v1/assets?keeper=S001").body["assets"]) ==
          std::vector<std::string>{"ZC-000001"});
    CHECK(tags(r.office.get("/api/v1/assets?q=M720").body["assets"]) ==
          std::vector<std::string>{"ZC-000001"});

    // An edit: audited, on the history; where it is and who keeps it only move.
    Answer edited = r.office.put("/api/v1/assets/ZC-000001", {{"value_fen", 400000}});
    REQUIRE(edited.status == 200);
    CHECK(edited.body["asset"]["value_fen"] == 400000);
    CHECK(edited.body["asset"]["history"][1]["what"] == "edited");
    CHECK(edited.body["asset"]["history"][1]["detail"]["value_fen"]["from"] == 450000);
    CHECK(r.office.put("/api/v1/assets/ZC-000001", {{"location", "window:2"}}).status == 422);
    Answer audit = r.office.get("/api/v1/audit");
    CHECK(audit.body["entries"][0]["action"] == "asset.edit");
    CHECK(audit.body["entries"][0]["target"] == "asset ZC-000001");

    // A move through the office: who, when, from, to, why.
    CHECK(r.office.post("/api/v1/assets/ZC-000001/move", {{"location", "window:2"}}).status ==
          400);  // no reason
    Answer moved = r.office.post(
        "/api/v1/assets/ZC-000001/move",
        {{"location", "window:2"}, {"keeper", "S002"}, {"reason", "1号窗口调整为综合窗口"}});
    REQUIRE(moved.status == 200);
    json step = moved.body["asset"]["history"].back();
    CHECK(step["what"] == "moved");
    CHECK(step["who"] == "account:wang");
    CHECK(step["detail"]["from"]["location"] == "window:1");
    CHECK(step["detail"]["to"]["keeper"] == "S002");
    CHECK(step["detail"]["reason"] == "1号窗口调整为综合窗口");
    CHECK(
        r.office
            .post("/api/v1/assets/ZC-000001/move", {{"location", "window:2"}, {"reason", "again"}})
            .status == 409);
    CHECK(r.unit.post("/api/v1/assets/JWC-2019-07/move", {{"location", "仓库"}, {"reason", "x"}})
              .status == 403);

    // Loss and damage: what happened, who is liable, the decision; no longer in use.
    Answer lost = r.office.post("/api/v1/assets/JWC-2019-07/losses", {{"kind", "damaged"},
                                                                      {"what", "跌落损坏"},
                                                                      {"liable", "S001"},
                                                                      {"decision", "照价赔偿50%"}});
    REQUIRE(lost.status == 200);
    CHECK(lost.body["asset"]["status"] == "damaged");
    CHECK(lost.body["asset"]["history"].back()["detail"]["liable"] == "S001");
    CHECK(r.office
              .post("/api/v1/assets/JWC-2019-07/losses",
                    {{"kind", "lost"}, {"what", "x"}, {"decision", "y"}})
              .status == 409);
    CHECK(r.office
              .post("/api/v1/assets/ZC-000002/losses",
                    {{"kind", "stolen"}, {"what", "x"}, {"decision", "y"}})
              .status == 422);
    CHECK(r.unit.get("/api/v1/assets/JWC-2019-07").body["asset"]["history"].size() == 2);
}

TEST_CASE("assets: requisitions and change requests, decided by the office") {
    HubFixture f;
    Roles r(f);
    registered(r.office,
               {{"name", "A4纸"}, {"category", "office"}, {"location", "仓库"}, {"quantity", 10}});
    registered(r.office, {{"name", "笔记本电脑"}, {"category", "fixed"}, {"location", "仓库"}});
    std::string session = f.login(1);  // S001 at window 1 (JWC)

    // A staff member asks; the office approves: the stock goes down.
    Answer asked = f.post("/api/v1/requisitions",
                          {{"tag", "ZC-000001"}, {"quantity", 4}, {"reason", "窗口打印"}}, session);
    REQUIRE_MESSAGE(asked.status == 201, asked.text);
    json req = asked.body["requisition"];
    CHECK(req["status"] == "pending");
    CHECK(req["asked_by"] == "staff:S001");
    CHECK(req["asked_name"] == "张三");
    CHECK(req["unit"] == "JWC");
    std::string id = std::to_string(req["id"].get<int64_t>());
    CHECK(f.post("/api/v1/requisitions/" + id + "/approve", json::object(), session).status == 403);
    CHECK(r.unit.post("/api/v1/requisitions/" + id + "/approve", json::object()).status == 403);
    Answer approved = r.office.post("/api/v1/requisitions/" + id + "/approve", json::object());
    REQUIRE(approved.status == 200);
    CHECK(approved.body["requisition"]["status"] == "approved");
    CHECK(approved.body["requisition"]["decided_name"] == "王老师");
    json paper = r.office.get("/api/v1/assets/ZC-000001").body["asset"];
    CHECK(paper["quantity"] == 6);
    CHECK(paper["history"].back()["what"] == "issued");
    CHECK(r.office.post("/api/v1/requisitions/" + id + "/refuse", {{"reason", "x"}}).status == 409);
    // The slip, once approved: ESC/POS for the printer, or the virtual printer's PNG.
    Answer slip = f.get("/api/v1/requisitions/" + id + "/slip?format=png", session);
    CHECK(slip.status == 200);
    CHECK(slip.text.rfind("\x89PNG", 0) == 0);
    Answer escpos = r.office.get("/api/v1/requisitions/" + id + "/slip?format=escpos&profile=58mm");
    CHECK(escpos.status == 200);
    CHECK(escpos.text.rfind("\x1b@", 0) == 0);  // ESC @ starts every job
    CHECK(r.office.get("/api/v1/requisitions/" + id + "/slip?profile=99mm").status == 422);
    Answer label = r.viewer.get("/api/v1/assets/ZC-000001/label?stock=label50x30");
    CHECK(label.status == 200);
    CHECK(label.text.rfind("\x89PNG", 0) == 0);
    CHECK(r.viewer.get("/api/v1/assets/ZC-000001/label?stock=A7").status == 422);

    // More than is in stock: asked, but the approval is refused and nothing changes.
    Answer greedy = r.unit.post("/api/v1/requisitions",
                                {{"tag", "ZC-000001"}, {"quantity", 7}, {"reason", "备用"}});
    REQUIRE(greedy.status == 201);
    CHECK(greedy.body["requisition"]["unit"] == "JWC");
    std::string greedy_id = std::to_string(greedy.body["requisition"]["id"].get<int64_t>());
    Answer short_stock =
        r.office.post("/api/v1/requisitions/" + greedy_id + "/approve", json::object());
    CHECK(short_stock.status == 409);
    CHECK(short_stock.body["error"]["code"] == "not_enough_stock");
    CHECK(short_stock.body["error"]["in_stock"] == 6);
    CHECK(r.office.post("/api/v1/requisitions/" + greedy_id + "/refuse", json::object()).status ==
          422);  // a refusal says why
    CHECK(r.office.post("/api/v1/requisitions/" + greedy_id + "/refuse", {{"reason", "库存不足"}})
              .status == 200);
    CHECK(r.office.get("/api/v1/assets/ZC-000001").body["asset"]["quantity"] == 6);

    // A fixed asset changes keeper: the asking staff member by default.
    Answer laptop =
        f.post("/api/v1/requisitions", {{"tag", "ZC-000002"}, {"reason", "外出办公"}}, session);
    REQUIRE(laptop.status == 201);
    CHECK(laptop.body["requisition"]["keeper"] == "S001");
    std::string laptop_id = std::to_string(laptop.body["requisition"]["id"].get<int64_t>());
    CHECK(f.get("/api/v1/requisitions/" + laptop_id + "/slip", session).status == 409);  // pending
    REQUIRE(
        r.office.post("/api/v1/requisitions/" + laptop_id + "/approve", json::object()).status ==
        200);
    CHECK(r.office.get("/api/v1/assets/ZC-000002").body["asset"]["keeper"] == "S001");
    CHECK(r.unit.post("/api/v1/requisitions", {{"tag", "ZC-000002"}, {"reason", "x"}}).status ==
          422);  // an account names the keeper

    // Who reads them: the office and viewers all, the staff member theirs, the unit its own.
    CHECK(r.office.get("/api/v1/requisitions").body["requisitions"].size() == 3);
    CHECK(r.viewer.get("/api/v1/requisitions?status=pending").body["requisitions"].size() == 0);
    CHECK(f.get("/api/v1/requisitions", session).body["requisitions"].size() == 2);
    CHECK(r.unit.get("/api/v1/requisitions").body["requisitions"].size() == 3);
    CHECK(f.post("/api/v1/requisitions", {{"tag", "ZC-000001"}, {"reason", "x"}}).status == 401);
    CHECK(f.post("/api/v1/requisitions", {{"tag", "ZC-404"}, {"reason", "x"}}, session).status ==
          422);

    // Change requests (第三十六条): a window asks in writing; the office answers with a reason.
    Answer change =
        f.post("/api/v1/change-requests",
               {{"kind", "replace"}, {"tag", "ZC-000002"}, {"text", "屏幕损坏，需更换"}}, session);
    REQUIRE_MESSAGE(change.status == 201, change.text);
    CHECK(change.body["change_request"]["kind"] == "change");
    CHECK(change.body["change_request"]["change"] == "replace");
    CHECK(change.body["change_request"]["name"] == "笔记本电脑");
    CHECK(change.body["change_request"]["window"] == 1);
    CHECK(change.body["change_request"]["unit"] == "JWC");
    std::string change_id = std::to_string(change.body["change_request"]["id"].get<int64_t>());
    CHECK(f.post("/api/v1/change-requests", {{"window", 2}, {"kind", "add"}, {"text", "加一台"}},
                 session)
              .status == 403);  // another unit's window
    CHECK(r.unit.post("/api/v1/change-requests", {{"window", 1}, {"kind", "add"}, {"text", "加"}})
              .status == 201);
    CHECK(r.unit.post("/api/v1/change-requests", {{"window", 1}, {"kind", "swap"}, {"text", "x"}})
              .status == 422);
    CHECK(
        r.office.post("/api/v1/change-requests/" + change_id + "/approve", json::object()).status ==
        422);  // approving a change says why too
    Answer decided = r.office.post("/api/v1/change-requests/" + change_id + "/approve",
                                   {{"reason", "同意，下周更换"}});
    REQUIRE(decided.status == 200);
    CHECK(decided.body["change_request"]["status"] == "approved");
    CHECK(decided.body["change_request"]["decision_reason"] == "同意，下周更换");
    CHECK(r.viewer.get("/api/v1/change-requests").body["change_requests"].size() == 2);
    CHECK(r.office.get("/api/v1/change-requests/" + change_id).status == 200);
    CHECK(r.office.get("/api/v1/requisitions/" + change_id).status == 404);  // another kind
}

TEST_CASE("assets: a stock-take with found, missing, misplaced and unknown tags") {
    HubFixture f;
    Roles r(f);
    registered(r.office, {{"name", "电脑"}, {"category", "fixed"}, {"location", "window:1"}});
    registered(r.office, {{"name", "打印机"}, {"category", "fixed"}, {"location", "window:1"}});
    registered(r.office, {{"name", "评价器"}, {"category", "fixed"}, {"location", "window:2"}});

    CHECK(r.viewer.post("/api/v1/stocktakes", json::object()).status == 403);
    Answer opened = r.office.post("/api/v1/stocktakes", {{"name", "2026年度盘点"}});
    REQUIRE_MESSAGE(opened.status == 201, opened.text);
    int64_t id = opened.body["stocktake"]["id"];
    CHECK(opened.body["stocktake"]["expected"] == 3);
    CHECK(r.office.post("/api/v1/stocktakes", json::object()).status == 409);  // one at a time
    const std::string base = "/api/v1/stocktakes/" + std::to_string(id);

    // Registered after it opened: not expected, so an unknown tag when scanned.
    registered(r.office, {{"name", "新电脑"}, {"category", "fixed"}, {"location", "window:2"}});

    // Staff at a counter and on their phone scan; the office too. Each scan says what it is.
    std::string session = f.login(1);
    Answer found =
        f.post(base + "/scans", {{"tag", "ZC-000001"}, {"location", "window:1"}}, session);
    REQUIRE_MESSAGE(found.status == 201, found.text);
    CHECK(found.body["scan"]["result"] == "found");
    CHECK(found.body["scan"]["name"] == "电脑");
    Browser phone{f, "", ""};
    REQUIRE(phone.staff_login("S002", "1234").status == 200);
    Answer elsewhere = phone.post(base + "/scans", {{"tag", "ZC-000003"}, {"location", 1}});
    REQUIRE_MESSAGE(elsewhere.status == 201, elsewhere.text);
    CHECK(elsewhere.body["scan"]["result"] == "misplaced");
    CHECK(elsewhere.body["scan"]["expected"] == "window:2");
    Answer unknown =
        r.office.post(base + "/scans", {{"tag", "ZC-000004"}, {"location", "window:2"}});
    CHECK(unknown.body["scan"]["result"] == "unknown");
    CHECK(r.office.post(base + "/scans", {{"tag", "ZC 4"}, {"location", "window:2"}}).status ==
          422);
    CHECK(r.office.post(base + "/scans", {{"tag", "ZC-000004"}}).status == 400);
    CHECK(r.viewer.post(base + "/scans", {{"tag", "ZC-000004"}, {"location", "x"}}).status == 403);
    CHECK(f.post(base + "/scans", {{"tag", "ZC-000004"}, {"location", "x"}}).status == 401);
    CHECK(
        r.office.post("/api/v1/stocktakes/99/scans", {{"tag", "ZC-1"}, {"location", "x"}}).status ==
        404);

    // CONTRACT's shape: {"found":[],"missing":[],"misplaced":[],"unknown":[]}.
    Answer now = r.viewer.get(base);
    REQUIRE(now.status == 200);
    CHECK(tags(now.body["found"]) == std::vector<std::string>{"ZC-000001"});
    CHECK(tags(now.body["missing"]) == std::vector<std::string>{"ZC-000002"});
    CHECK(tags(now.body["misplaced"]) == std::vector<std::string>{"ZC-000003"});
    CHECK(now.body["misplaced"][0]["found"] == "window:1");
    CHECK(now.body["misplaced"][0]["who"] == "staff:S002");
    CHECK(tags(now.body["unknown"]) == std::vector<std::string>{"ZC-000004"});
    CHECK(r.unit.get(base).status == 403);

    // Closing keeps the result and who confirmed it; the differences go on the assets' history.
    CHECK(r.viewer.post(base + "/close", json::object()).status == 403);
    Answer closed = r.office.post(base + "/close", {{"note", "打印机待查"}});
    REQUIRE(closed.status == 200);
    CHECK(closed.body["stocktake"]["status"] == "closed");
    CHECK(closed.body["stocktake"]["closed_by"] == "account:wang");
    CHECK(closed.body["missing"].size() == 1);
    CHECK(r.office.post(base + "/scans", {{"tag", "ZC-000002"}, {"location", "window:1"}}).status ==
          409);
    CHECK(r.office.post(base + "/close", json::object()).status == 409);
    CHECK(r.office.get(base).body["missing"].size() == 1);  // as confirmed
    CHECK(r.office.get("/api/v1/assets/ZC-000002").body["asset"]["history"].back()["what"] ==
          "stocktake_missing");
    CHECK(r.office.get("/api/v1/assets/ZC-000003")
              .body["asset"]["history"]
              .back()["detail"]["found"] == "window:1");
    CHECK(r.office.get("/api/v1/stocktakes").body["stocktakes"].size() == 1);
    CHECK(r.office.post("/api/v1/stocktakes", json::object()).status == 201);  // the next year's
}
