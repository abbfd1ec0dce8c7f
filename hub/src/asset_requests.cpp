#include "asset_requests.h"

#include "asset_errors.h"
#include "assets.h"
#include "audit.h"
#include "body_fields.h"
#include "onestop/assets/register.h"
#include "onestop/base/error_codes.h"
#include "views.h"

namespace onestop::hub {

namespace {

// The asking person: their audit name, their name as signed, their unit and window.
struct Asker {
    std::string who, name, unit, staff;
    int window = 0;
};

std::optional<Asker> asker_of(const Principal& p) {
    if (p.staff_member())
        return Asker{p.audit_name(), p.session.name, p.session.unit, p.session.staff,
                     p.session.window};
    if (p.kind == Principal::Kind::Account)
        return Asker{p.audit_name(), p.account.account.name, p.account.account.unit, "", 0};
    if (p.admin()) return Asker{p.audit_name(), p.device.name, "", "", 0};
    return std::nullopt;
}

std::string decider_name(const Principal& p) {
    return p.kind == Principal::Kind::Account ? p.account.account.name : p.device.name;
}

Reply saved(int status, const store::AssetRequest& r);

// Files a new request of `kind` (pending) by `asker`, audited.
Reply file_request(WriteContext& ctx, const Asker& asker, const std::string& kind,
                   const std::string& unit, int window, const json& body) {
    store::AssetRequest r;
    r.kind = kind;
    r.unit = unit;
    r.window = window;
    r.asked_by = asker.who;
    r.asked_name = asker.name;
    r.asked_at = iso(ctx.clock.now());
    r.body = dump(body);
    r.status = "pending";
    auto id = store::AssetStore(ctx.store.db()).insert_request(r);
    if (!id) return ctx.fail(id.error());
    r.id = *id;
    const std::string noun = kind == "change" ? "change_request" : "requisition";
    if (!audit(ctx, r.asked_by, noun + ".ask", noun + " " + std::to_string(r.id), nullptr, body))
        return internal_error_reply();
    return saved(201, r);
}

Reply saved(int status, const store::AssetRequest& r) {
    return json_reply(
        status, {{r.kind == "change" ? "change_request" : "requisition", asset_request_json(r)}});
}

}  // namespace

json asset_request_json(const store::AssetRequest& r) {
    auto text = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    json out = json::parse(r.body, nullptr, false);
    out["id"] = r.id;
    out["kind"] = r.kind;
    out["unit"] = r.unit;
    out["window"] = r.window == 0 ? json(nullptr) : json(r.window);
    out["asked_by"] = r.asked_by;
    out["asked_name"] = r.asked_name;
    out["asked_at"] = r.asked_at;
    out["status"] = r.status;
    out["decided_at"] = text(r.decided_at);
    out["decided_by"] = text(r.decided_by);
    out["decided_name"] = text(r.decided_name);
    out["decision_reason"] = text(r.reason);
    return out;
}

bool may_read(const Principal& p, const store::AssetRequest& r) {
    return p.sees(r.unit) || (p.staff_member() && p.audit_name() == r.asked_by);
}

Reply ask_requisition(WriteContext& ctx, const Principal& by, const RequisitionAsk& ask) {
    auto asker = asker_of(by);
    if (!asker) return forbidden("staff, the units' leads and the office ask for items");
    if (!is_label(ask.reason, 500))
        return error_reply(422, errc::invalid_field, "reason must say what for (1 to 500 bytes)");
    store::AssetStore assets(ctx.store.db());
    auto found = assets.asset(ask.tag);
    if (!found) return ctx.fail(found.error());
    if (!*found) return error_reply(422, errc::asset_unknown, "there is no asset " + ask.tag);
    const store::AssetRecord& a = **found;
    if (a.status != "in_use")
        return error_reply(409, errc::asset_not_in_use, "asset " + a.tag + " is " + a.status);
    bool is_counted = assets::counted(*assets::parse_category(a.category));
    json body = {
        {"tag", a.tag}, {"name", a.name}, {"category", a.category}, {"reason", ask.reason}};
    if (is_counted) {
        if (ask.quantity < 1)
            return error_reply(422, errc::invalid_field, "quantity must be 1 or more");
        body["quantity"] = ask.quantity;
    } else {
        std::string keeper = ask.keeper.empty() ? asker->staff : ask.keeper;
        if (keeper.empty())
            return error_reply(422, errc::invalid_field,
                               "a fixed asset needs its new keeper (a staff number)");
        auto staff = ctx.store.staff(keeper);
        if (!staff) return ctx.fail(staff.error());
        if (!*staff || (*staff)->disabled())
            return error_reply(422, errc::staff_unknown, "there is no staff member " + keeper);
        body["quantity"] = 1;
        body["keeper"] = keeper;
    }
    return file_request(ctx, *asker, "requisition", asker->unit, asker->window, body);
}

Reply ask_change(WriteContext& ctx, const Principal& by, const ChangeAsk& ask) {
    const auto* window = ctx.state.engine.hall().find_window(ask.window);
    if (!window)
        return error_reply(422, errc::window_unknown,
                           "there is no window " + std::to_string(ask.window));
    // A window's own staff, its unit's lead, or the office writes for it.
    bool allowed = by.office() ||
                   (by.kind == Principal::Kind::Session && by.session.window == ask.window) ||
                   (by.staff_member() && by.session.unit == window->unit) ||
                   (by.has(store::AccountRole::Unit) && by.account.account.unit == window->unit);
    if (!allowed)
        return forbidden("window " + std::to_string(ask.window) +
                         "'s staff, its unit's lead or the office ask for its equipment");
    if (ask.kind != "replace" && ask.kind != "add")
        return error_reply(422, errc::invalid_field, "kind must be replace or add");
    if (!is_label(ask.text, 1000))
        return error_reply(422, errc::invalid_field,
                           "text must say what is needed and why (1 to 1000 bytes)");
    store::AssetStore assets(ctx.store.db());
    // "change", not "kind": the answer's "kind" says what sort of request it is.
    json body = {{"change", ask.kind}, {"text", ask.text}, {"tag", nullptr}};
    if (ask.kind == "replace") {
        auto found = assets.asset(ask.tag);
        if (!found) return ctx.fail(found.error());
        if (ask.tag.empty() || !*found)
            return error_reply(422, errc::asset_unknown,
                               "replace needs the tag of the asset to be replaced");
        body["tag"] = ask.tag;
        body["name"] = (*found)->name;
    }
    auto asker = asker_of(by);
    if (!asker) return forbidden("staff, the units' leads and the office ask for changes");
    return file_request(ctx, *asker, "change", window->unit, ask.window, body);
}

Reply decide_asset_request(WriteContext& ctx, const Principal& by, int64_t id, bool approve,
                           const std::string& reason) {
    store::AssetStore assets(ctx.store.db());
    auto found = assets.request(id);
    if (!found) return ctx.fail(found.error());
    if (!*found)
        return error_reply(404, errc::request_unknown, "there is no request " + std::to_string(id));
    store::AssetRequest r = **found;
    if (r.status != "pending")
        return error_reply(409, errc::wrong_status,
                           "request " + std::to_string(id) + " is " + r.status + " already");
    bool needs_reason = !approve || r.kind == "change";
    if ((needs_reason || !reason.empty()) && !is_label(reason, 500))
        return error_reply(422, errc::invalid_field,
                           "reason must say why (1 to 500 bytes)" +
                               std::string(needs_reason ? "" : ", or be left out"));
    std::string who = by.audit_name();
    json body = json::parse(r.body, nullptr, false);
    if (approve && r.kind == "requisition") {
        std::string tag = body.value("tag", "");
        auto asset = assets.asset(tag);
        if (!asset) return ctx.fail(asset.error());
        if (!*asset) return error_reply(409, errc::asset_unknown, "asset " + tag + " is gone");
        store::AssetRecord a = **asset;
        if (a.status != "in_use")
            return error_reply(409, errc::asset_not_in_use, "asset " + tag + " is " + a.status);
        int64_t quantity = body.value("quantity", int64_t{1});
        json detail = {{"requisition", r.id}, {"asked_by", r.asked_by}};
        if (assets::counted(*assets::parse_category(a.category))) {
            if (quantity > a.quantity)
                return error_reply(409, errc::not_enough_stock,
                                   "asset " + tag + " has " + std::to_string(a.quantity) +
                                       " in stock; " + std::to_string(quantity) + " asked",
                                   {{"in_stock", a.quantity}});
            detail["quantity"] = quantity;
            detail["from"] = a.quantity;
            a.quantity -= quantity;
            detail["to"] = a.quantity;
        } else {
            detail["from"] = {{"keeper", a.keeper}};
            a.keeper = body.value("keeper", "");
            detail["to"] = {{"keeper", a.keeper}};
        }
        if (auto st = assets.update_asset(a); !st) return ctx.fail(st.error());
        if (!add_asset_event(ctx, tag, who, "issued", detail)) return internal_error_reply();
    }
    const json before = {{"status", r.status}};
    r.status = approve ? "approved" : "refused";
    r.decided_at = iso(ctx.clock.now());
    r.decided_by = who;
    r.decided_name = decider_name(by);
    r.reason = reason;
    if (auto st = assets.update_request(r); !st) return ctx.fail(st.error());
    const std::string noun = r.kind == "change" ? "change_request" : "requisition";
    if (!audit(ctx, who, noun + (approve ? ".approve" : ".refuse"),
               noun + " " + std::to_string(r.id), before,
               {{"status", r.status}, {"reason", reason}}))
        return internal_error_reply();
    return saved(200, r);
}

}  // namespace onestop::hub
