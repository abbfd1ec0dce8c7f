// Hall assets (assets.h, stocktakes.h, asset_requests.h; CONTRACT "Office accounts and the
// office API v1", docs/api.md "Assets"):
//   the register: POST /api/v1/assets, GET /api/v1/assets?…, GET · PUT /api/v1/assets/{tag},
//     POST /api/v1/assets/{tag}/move · /losses — the office writes, viewers read, a unit's
//     lead reads its unit's own assets;
//   stock-takes: POST /api/v1/stocktakes, GET /api/v1/stocktakes[/{id}], POST …/{id}/scans
//     (the office and any staff member), POST …/{id}/close;
//   requisitions and change requests: POST /api/v1/requisitions · /api/v1/change-requests,
//     their lists and ids, POST …/{id}/approve · /refuse by the office.
#include "asset_errors.h"
#include "asset_requests.h"
#include "assets.h"
#include "body_fields.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"
#include "people_requests.h"
#include "stocktakes.h"

namespace onestop::hub {

namespace {

bool office_only(const Principal& p) {
    return p.office();
}
bool office_or_staff(const Principal& p) {
    return p.office() || p.staff_member();
}
bool reads_or_staff(const Principal& p) {
    return p.reads_all() || p.staff_member();
}

// An integer field: absent or null → nullopt; anything but an integer → the 400 in `problem`.
std::optional<int64_t> integer(const json& body, const char* name, std::optional<Reply>& problem) {
    auto it = body.find(name);
    if (it == body.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer()) {
        if (!problem)
            problem = error_reply(400, errc::wrong_type, std::string(name) + " must be an integer");
        return std::nullopt;
    }
    return it->get<int64_t>();
}

// The register's fields of a POST or PUT body. A location may be a window's number.
std::variant<AssetFields, Reply> asset_fields(const json& body) {
    BodyFields f(body);
    AssetFields a;
    a.tag = f.text("tag", false);
    a.category = f.text("category", false);
    a.name = f.text("name", false);
    a.model = f.text("model", false);
    a.serial = f.text("serial", false);
    a.keeper = f.text("keeper", false);
    a.acquired = f.text("acquired", false);
    a.owner = f.text("owner", false);
    std::optional<Reply> problem;
    if (auto it = body.find("location"); it != body.end() && it->is_number_integer())
        a.location = "window:" + std::to_string(it->get<int64_t>());
    else
        a.location = f.text("location", false);
    a.value_fen = integer(body, "value_fen", problem);
    a.quantity = integer(body, "quantity", problem);
    a.device = integer(body, "device", problem);
    if (!f.ok()) return f.problem();
    if (problem) return *problem;
    return a;
}

}  // namespace

void Hub::install_asset_routes() {
    // Registering and editing: the office only, and the asset's fields from the body; else
    // the refusal.
    auto office_fields =
        [this](const Request& req) -> std::variant<Reply, std::pair<Principal, AssetFields>> {
        auto p = who_may(req, office_only, "the hall office keeps the asset register");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto fields = asset_fields(*body);
        if (auto* bad = std::get_if<Reply>(&fields)) return *bad;
        return std::pair{std::get<Principal>(p), std::get<AssetFields>(fields)};
    };

    post("/api/v1/assets", [this, office_fields](const Request& req) {
        auto asked = office_fields(req);
        if (auto* refused = std::get_if<Reply>(&asked)) return *refused;
        return writer_->submit([a = std::get<1>(std::move(asked))](WriteContext& ctx) {
            return register_asset(ctx, a.first, a.second);
        });
    });

    get("/api/v1/assets", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "the register is for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        store::AssetFilter filter{req.get_param_value("category"), req.get_param_value("location"),
                                  req.get_param_value("owner"),    req.get_param_value("keeper"),
                                  req.get_param_value("status"),   req.get_param_value("q")};
        if (auto w = req.get_param_value("window"); !w.empty()) filter.location = "window:" + w;
        Result<std::vector<store::AssetRecord>> rows = std::vector<store::AssetRecord>{};
        Result<std::vector<store::Device>> devices = std::vector<store::Device>{};
        {
            std::lock_guard lock(reader_.mu);
            store::AssetStore assets(reader_.store->db());
            rows = assets.assets(filter);
            devices = reader_.store->devices();
        }
        if (!rows || !devices) return internal_error_reply();
        json out = json::array();
        for (const auto& a : *rows)
            if (principal.sees(a.owner)) out.push_back(asset_json(a, *devices, clock_->now()));
        return json_reply(200, {{"assets", out}});
    });

    get("/api/v1/assets/([^/]+)", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "the register is for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const std::string tag = req.matches[1];
        Result<std::optional<store::AssetRecord>> found = std::optional<store::AssetRecord>{};
        Result<std::vector<store::AssetEvent>> history = std::vector<store::AssetEvent>{};
        Result<std::vector<store::Device>> devices = std::vector<store::Device>{};
        {
            std::lock_guard lock(reader_.mu);
            store::AssetStore assets(reader_.store->db());
            found = assets.asset(tag);
            history = assets.history(tag);
            devices = reader_.store->devices();
        }
        if (!found || !history || !devices) return internal_error_reply();
        if (!*found) return error_reply(404, errc::asset_unknown, "there is no asset " + tag);
        if (!std::get<Principal>(p).sees((*found)->owner))
            return forbidden("asset " + tag + " is not your unit's");
        json out = asset_json(**found, *devices, clock_->now());
        out["history"] = json::array();
        for (const auto& e : *history) out["history"].push_back(asset_event_json(e));
        return json_reply(200, {{"asset", out}});
    });

    put("/api/v1/assets/([^/]+)", [this, office_fields](const Request& req) {
        auto asked = office_fields(req);
        if (auto* refused = std::get_if<Reply>(&asked)) return *refused;
        return writer_->submit([a = std::get<1>(std::move(asked)),
                                tag = std::string(req.matches[1])](WriteContext& ctx) {
            return edit_asset(ctx, a.first, tag, a.second);
        });
    });

    post("/api/v1/assets/([^/]+)/move", [this](const Request& req) {
        auto p = who_may(req, office_only, "moves and re-assignments go through the hall office");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        auto fields = asset_fields(*body);
        if (auto* bad = std::get_if<Reply>(&fields)) return *bad;
        BodyFields f(*body);
        AssetMove m{req.matches[1], std::get<AssetFields>(fields).location,
                    std::get<AssetFields>(fields).keeper, f.text("reason", true).value_or("")};
        if (!f.ok()) return f.problem();
        return writer_->submit(
            [by = std::get<Principal>(p), m](WriteContext& ctx) { return move_asset(ctx, by, m); });
    });

    post("/api/v1/assets/([^/]+)/losses", [this](const Request& req) {
        auto p = who_may(req, office_only, "the hall office records loss and damage");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        AssetLoss l{req.matches[1], f.text("kind", true).value_or(""),
                    f.text("what", true).value_or(""), f.text("liable", false).value_or(""),
                    f.text("decision", true).value_or("")};
        if (!f.ok()) return f.problem();
        return writer_->submit([by = std::get<Principal>(p), l](WriteContext& ctx) {
            return record_loss(ctx, by, l);
        });
    });
}

void Hub::install_stocktake_routes() {
    post("/api/v1/stocktakes", [this](const Request& req) {
        auto p = who_may(req, office_only, "the hall office opens stock-takes");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body.empty() ? "{}" : req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        std::string name = f.text("name", false).value_or("");
        if (!f.ok()) return f.problem();
        if (name.empty()) name = zone_.to_local(clock_->now()).date().substr(0, 4) + "年度盘点";
        return writer_->submit([by = std::get<Principal>(p), name](WriteContext& ctx) {
            return open_stocktake(ctx, by, name);
        });
    });

    get("/api/v1/stocktakes", [this](const Request& req) {
        auto p = who_may(req, reads_or_staff, "stock-takes are for the hall office and staff");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        std::lock_guard lock(reader_.mu);
        store::AssetStore assets(reader_.store->db());
        auto rows = assets.stocktakes();
        if (!rows) return internal_error_reply();
        json out = json::array();
        for (const auto& row : *rows) {
            auto expected = assets.expected(row.id);
            auto scans = assets.scans(row.id);
            if (!expected || !scans) return internal_error_reply();
            out.push_back(stocktake_json(row, expected->size(), scans->size()));
        }
        return json_reply(200, {{"stocktakes", out}});
    });

    get(R"(/api/v1/stocktakes/(\d+))", [this](const Request& req) {
        auto p = who_may(req, reads_or_staff, "stock-takes are for the hall office and staff");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        std::lock_guard lock(reader_.mu);
        store::AssetStore assets(reader_.store->db());
        auto row = assets.stocktake(path_id(req.matches[1]));
        if (!row) return internal_error_reply();
        if (!*row)
            return error_reply(404, errc::stocktake_unknown,
                               "there is no stock-take " + std::string(req.matches[1]));
        auto answer = stocktake_answer(assets, **row);
        if (!answer) return internal_error_reply();
        return json_reply(200, *answer);
    });

    post(R"(/api/v1/stocktakes/(\d+)/scans)", [this](const Request& req) {
        auto p = who_may(req, office_or_staff, "the hall office and staff scan labels");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        std::string tag = f.text("tag", true).value_or("");
        std::optional<std::string> location;
        if (auto it = body->find("location"); it != body->end() && it->is_number_integer())
            location = "window:" + std::to_string(it->get<int64_t>());
        else
            location = f.text("location", true);
        if (!f.ok()) return f.problem();
        return writer_->submit([by = std::get<Principal>(p), id = path_id(req.matches[1]), tag,
                                location = *location](WriteContext& ctx) {
            return scan_stocktake(ctx, by, id, tag, location);
        });
    });

    post(R"(/api/v1/stocktakes/(\d+)/close)", [this](const Request& req) {
        auto p = who_may(req, office_only, "the hall office confirms a stock-take's result");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body.empty() ? "{}" : req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        std::string note = f.text("note", false).value_or("");
        if (!f.ok()) return f.problem();
        return writer_->submit(
            [by = std::get<Principal>(p), id = path_id(req.matches[1]), note](WriteContext& ctx) {
                return close_stocktake(ctx, by, id, note);
            });
    });
}

void Hub::install_asset_request_routes() {
    post("/api/v1/requisitions", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (!principal.staff_member() && !principal.changes_a_unit())
            return principal.signed_in()
                       ? forbidden("staff, the units' leads and the office ask for items")
                       : unauthorized();
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        std::optional<Reply> problem;
        RequisitionAsk ask{
            f.text("tag", true).value_or(""), integer(*body, "quantity", problem).value_or(1),
            f.text("keeper", false).value_or(""), f.text("reason", true).value_or("")};
        if (!f.ok()) return f.problem();
        if (problem) return *problem;
        return writer_->submit(
            [principal, ask](WriteContext& ctx) { return ask_requisition(ctx, principal, ask); });
    });

    post("/api/v1/change-requests", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        if (!principal.staff_member() && !principal.changes_a_unit())
            return principal.signed_in()
                       ? forbidden(
                             "a window's staff, its unit's lead or the office ask for changes")
                       : unauthorized();
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        std::optional<Reply> problem;
        ChangeAsk ask{static_cast<int>(integer(*body, "window", problem).value_or(0)),
                      f.text("kind", true).value_or(""), f.text("tag", false).value_or(""),
                      f.text("text", true).value_or("")};
        if (!f.ok()) return f.problem();
        if (problem) return *problem;
        if (!body->contains("window") && principal.kind == Principal::Kind::Session)
            ask.window = principal.session.window;
        return writer_->submit(
            [principal, ask](WriteContext& ctx) { return ask_change(ctx, principal, ask); });
    });

    for (const std::string kind : {"requisition", "change"}) {
        const std::string base =
            kind == "change" ? "/api/v1/change-requests" : "/api/v1/requisitions";
        const std::string list_key = kind == "change" ? "change_requests" : "requisitions";
        const std::string one_key = kind == "change" ? "change_request" : "requisition";
        auto read = [this, kind](int64_t id) -> Result<std::optional<store::AssetRequest>> {
            std::lock_guard lock(reader_.mu);
            store::AssetStore assets(reader_.store->db());
            auto r = assets.request(id);
            if (!r || !*r || (*r)->kind == kind) return r;
            return std::optional<store::AssetRequest>{};
        };

        get(base, [this, kind, list_key](const Request& req) {
            auto p = who(req);
            if (auto* r = std::get_if<Reply>(&p)) return *r;
            const Principal& principal = std::get<Principal>(p);
            if (!principal.reads_a_unit() && !principal.staff_member()) return unauthorized();
            const std::string status = req.get_param_value("status");
            Result<std::vector<store::AssetRequest>> rows = std::vector<store::AssetRequest>{};
            {
                std::lock_guard lock(reader_.mu);
                store::AssetStore assets(reader_.store->db());
                rows = assets.requests(kind);
            }
            if (!rows) return internal_error_reply();
            json out = json::array();
            for (const auto& r : *rows)
                if (may_read(principal, r) && (status.empty() || r.status == status))
                    out.push_back(asset_request_json(r));
            return json_reply(200, {{list_key, out}});
        });

        get(base + R"(/(\d+))", [this, read, one_key](const Request& req) {
            auto p = who(req);
            if (auto* r = std::get_if<Reply>(&p)) return *r;
            const Principal& principal = std::get<Principal>(p);
            if (!principal.signed_in()) return unauthorized();
            auto found = read(path_id(req.matches[1]));
            if (!found) return internal_error_reply();
            if (!*found)
                return error_reply(404, errc::request_unknown,
                                   "there is no request " + std::string(req.matches[1]));
            if (!may_read(principal, **found)) return forbidden("the request is another unit's");
            return json_reply(200, {{one_key, asset_request_json(**found)}});
        });

        post(base + R"(/(\d+)/([^/]+))", [this, read](const Request& req) {
            const std::string verb = req.matches[2];
            if (verb != "approve" && verb != "refuse")
                return error_reply(404, errc::not_found, "a request is approved or refused");
            auto p = who_may(req, office_only, "the hall office decides");
            if (auto* denied = std::get_if<Reply>(&p)) return *denied;
            int64_t id = path_id(req.matches[1]);
            auto found = read(id);
            if (!found) return internal_error_reply();
            if (!*found)
                return error_reply(404, errc::request_unknown,
                                   "there is no request " + std::string(req.matches[1]));
            auto body = net::parse_request_body(req.body.empty() ? "{}" : req.body);
            if (!body) return input_error_reply(body.error());
            BodyFields f(*body);
            std::string reason = f.text("reason", false).value_or("");
            if (!f.ok()) return f.problem();
            bool approve = verb == "approve";
            return writer_->submit(
                [by = std::get<Principal>(p), id, approve, reason](WriteContext& ctx) {
                    return decide_asset_request(ctx, by, id, approve, reason);
                });
        });
    }
}

}  // namespace onestop::hub
