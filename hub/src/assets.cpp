#include "assets.h"

#include "asset_errors.h"
#include "audit.h"
#include "body_fields.h"
#include "onestop/assets/register.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "views.h"

namespace onestop::hub {

namespace {

// A device counts as online when the hub saw it this recently (sightings are written at most
// once a minute).
constexpr auto kOnlineWithin = std::chrono::minutes(10);

// The asset with that tag, or the answer: 404 when there is none.
std::variant<store::AssetRecord, Reply> find_asset(WriteContext& ctx, const std::string& tag) {
    auto found = store::AssetStore(ctx.store.db()).asset(tag);
    if (!found) return ctx.fail(found.error());
    if (!*found) return error_reply(404, errc::asset_unknown, "there is no asset " + tag);
    return **found;
}

std::optional<Reply> optional_label(const char* name, const std::optional<std::string>& value,
                                    size_t max) {
    if (value && !value->empty() && !is_label(*value, max))
        return error_reply(
            422, errc::invalid_field,
            std::string(name) + " must have at most " + std::to_string(max) + " bytes on one line");
    return std::nullopt;
}

// Checks `location` against the hall (a window must be one of today's) and answers it as
// the register writes it.
std::variant<std::string, Reply> location_of(WriteContext& ctx, const std::string& text) {
    auto location = assets::normal_location(text);
    if (!location)
        return error_reply(422, errc::invalid_field,
                           "location must be window:N or a room's name (1–64 bytes, one line)");
    if (int n = assets::window_of(*location); n > 0 && !ctx.state.engine.hall().find_window(n))
        return error_reply(422, errc::window_unknown, "there is no window " + std::to_string(n));
    return *location;
}

std::optional<Reply> bad_keeper(WriteContext& ctx, const std::string& keeper) {
    if (keeper.empty()) return std::nullopt;
    auto staff = ctx.store.staff(keeper);
    if (!staff) return ctx.fail(staff.error());
    if (!*staff || (*staff)->disabled())
        return error_reply(422, errc::staff_unknown, "there is no staff member " + keeper);
    return std::nullopt;
}

std::optional<Reply> bad_device(WriteContext& ctx, int64_t id) {
    if (id == 0) return std::nullopt;
    auto devices = ctx.store.devices();
    if (!devices) return ctx.fail(devices.error());
    for (const auto& d : *devices)
        if (d.id == id && !d.revoked()) return std::nullopt;
    return error_reply(422, errc::device_unknown,
                       "there is no device " + std::to_string(id) + " in use");
}

// Applies the descriptive fields (not tag, location or keeper) to `a`, checking each.
std::optional<Reply> apply_fields(WriteContext& ctx, const AssetFields& f, store::AssetRecord& a) {
    if (f.category) {
        auto c = assets::parse_category(*f.category);
        if (!c)
            return error_reply(422, errc::invalid_field,
                               "category must be fixed, office, it_consumable or low_value");
        a.category = assets::to_string(*c);
    }
    if (f.name) {
        if (!is_label(*f.name, 100))
            return error_reply(422, errc::invalid_field,
                               "name must have 1 to 100 bytes on one line");
        a.name = *f.name;
    }
    if (auto bad = optional_label("model", f.model, 100)) return bad;
    if (auto bad = optional_label("serial", f.serial, 100)) return bad;
    if (f.model) a.model = *f.model;
    if (f.serial) a.serial = *f.serial;
    if (f.acquired) {
        if (!f.acquired->empty() && !is_date(*f.acquired))
            return error_reply(422, errc::invalid_field, "acquired must be a date YYYY-MM-DD");
        a.acquired = *f.acquired;
    }
    if (f.owner) {
        if (!f.owner->empty() && !ctx.state.engine.hall().find_unit(*f.owner))
            return error_reply(422, errc::unit_unknown, "there is no unit " + *f.owner);
        a.owner = *f.owner;
    }
    if (f.value_fen) {
        if (*f.value_fen < 0)
            return error_reply(422, errc::invalid_field, "value_fen must be 0 or more (分)");
        a.value_fen = *f.value_fen;
    }
    if (f.device) {
        if (auto bad = bad_device(ctx, *f.device)) return bad;
        a.device = *f.device;
    }
    bool is_counted = assets::counted(*assets::parse_category(a.category));
    if (f.quantity) {
        if (*f.quantity < 0 || (!is_counted && *f.quantity != 1))
            return error_reply(422, errc::invalid_field,
                               is_counted ? "quantity must be 0 or more"
                                          : "a fixed asset is one thing: quantity 1");
        a.quantity = *f.quantity;
    } else if (!is_counted) {
        a.quantity = 1;
    }
    return std::nullopt;
}

json register_view(const store::AssetRecord& a) {
    return {{"category", a.category},   {"name", a.name},         {"model", a.model},
            {"serial", a.serial},       {"location", a.location}, {"keeper", a.keeper},
            {"value_fen", a.value_fen}, {"acquired", a.acquired}, {"owner", a.owner},
            {"quantity", a.quantity},   {"device", a.device},     {"status", a.status}};
}

Reply answer(WriteContext& ctx, int status, const store::AssetRecord& a) {
    auto devices = ctx.store.devices();
    if (!devices) return ctx.fail(devices.error());
    store::AssetStore assets(ctx.store.db());
    auto history = assets.history(a.tag);
    if (!history) return ctx.fail(history.error());
    json out = asset_json(a, *devices, ctx.clock.now());
    out["history"] = json::array();
    for (const auto& e : *history) out["history"].push_back(asset_event_json(e));
    return json_reply(status, {{"asset", out}});
}

}  // namespace

json asset_json(const store::AssetRecord& a, const std::vector<store::Device>& devices,
                TimePoint now) {
    json device = nullptr;
    for (const auto& d : devices) {
        if (d.id != a.device) continue;
        auto seen = d.last_seen_at ? parse_iso8601(*d.last_seen_at) : std::nullopt;
        device = {{"id", d.id},
                  {"name", d.name},
                  {"role", store::to_string(d.role)},
                  {"window", d.window == 0 ? json(nullptr) : json(d.window)},
                  {"last_seen_at", d.last_seen_at ? json(*d.last_seen_at) : json(nullptr)},
                  {"revoked", d.revoked()},
                  {"online", !d.revoked() && seen && now - *seen <= kOnlineWithin}};
    }
    int window = assets::window_of(a.location);
    json out = register_view(a);
    out["tag"] = a.tag;
    out["window"] = window == 0 ? json(nullptr) : json(window);
    out["device"] = device;
    out["created_at"] = a.created_at;
    out["created_by"] = a.created_by;
    return out;
}

json asset_event_json(const store::AssetEvent& e) {
    return {{"at", e.at},
            {"who", e.who},
            {"what", e.what},
            {"detail", json::parse(e.detail, nullptr, false)}};
}

bool add_asset_event(WriteContext& ctx, const std::string& tag, const std::string& who,
                     const std::string& what, const json& detail) {
    store::AssetStore assets(ctx.store.db());
    auto st = assets.append_history({0, tag, iso(ctx.clock.now()), who, what, dump(detail)});
    if (!st) ctx.fail(st.error());
    return static_cast<bool>(st);
}

Reply register_asset(WriteContext& ctx, const Principal& by, const AssetFields& f) {
    store::AssetStore assets(ctx.store.db());
    store::AssetRecord a;
    if (f.tag) {
        if (!assets::valid_tag(*f.tag))
            return error_reply(422, errc::invalid_field,
                               "tag must be 1–32 of A–Z a–z 0–9 - _ . (or left out: the hub "
                               "numbers it)");
        auto taken = assets.asset(*f.tag);
        if (!taken) return ctx.fail(taken.error());
        if (*taken)
            return error_reply(409, errc::asset_exists, "tag " + *f.tag + " is registered already");
        a.tag = *f.tag;
    } else {
        auto seq = assets.next_asset_seq();
        if (!seq) return ctx.fail(seq.error());
        a.seq = *seq;
        a.tag = assets::format_tag(*seq);
        // A hall's own tag may look like ours: go past it.
        for (;;) {
            auto taken = assets.asset(a.tag);
            if (!taken) return ctx.fail(taken.error());
            if (!*taken) break;
            a.tag = assets::format_tag(++a.seq);
        }
    }
    if (!f.category || !f.name || !f.location)
        return error_reply(400, errc::missing_field, "name, category and location are required");
    if (auto bad = apply_fields(ctx, f, a)) return *bad;
    auto location = location_of(ctx, *f.location);
    if (auto* refused = std::get_if<Reply>(&location)) return *refused;
    a.location = std::get<std::string>(location);
    if (f.keeper) {
        if (auto bad = bad_keeper(ctx, *f.keeper)) return *bad;
        a.keeper = *f.keeper;
    }
    a.status = "in_use";
    a.created_at = iso(ctx.clock.now());
    a.created_by = by.audit_name();
    if (auto st = assets.insert_asset(a); !st) return ctx.fail(st.error());
    if (!add_asset_event(ctx, a.tag, a.created_by, "registered", register_view(a)) ||
        !audit(ctx, a.created_by, "asset.register", "asset " + a.tag, nullptr, register_view(a)))
        return internal_error_reply();
    return answer(ctx, 201, a);
}

Reply edit_asset(WriteContext& ctx, const Principal& by, const std::string& tag,
                 const AssetFields& f) {
    store::AssetStore assets(ctx.store.db());
    auto found = find_asset(ctx, tag);
    if (auto* refused = std::get_if<Reply>(&found)) return *refused;
    store::AssetRecord a = std::get<store::AssetRecord>(found);
    const json before = register_view(a);
    if (f.location || f.keeper)
        return error_reply(422, errc::invalid_field,
                           "location and keeper change by a move (POST /api/v1/assets/" + tag +
                               "/move), which the asset's history keeps");
    if (f.tag) return error_reply(422, errc::invalid_field, "a tag never changes");
    if (auto bad = apply_fields(ctx, f, a)) return *bad;
    const json after = register_view(a);
    if (after == before) return answer(ctx, 200, a);
    json changed = json::object();
    for (const auto& [key, value] : after.items())
        if (before[key] != value) changed[key] = {{"from", before[key]}, {"to", value}};
    if (auto st = assets.update_asset(a); !st) return ctx.fail(st.error());
    std::string who = by.audit_name();
    if (!add_asset_event(ctx, tag, who, "edited", changed) ||
        !audit(ctx, who, "asset.edit", "asset " + tag, before, after))
        return internal_error_reply();
    return answer(ctx, 200, a);
}

Reply move_asset(WriteContext& ctx, const Principal& by, const AssetMove& m) {
    store::AssetStore assets(ctx.store.db());
    auto found = find_asset(ctx, m.tag);
    if (auto* refused = std::get_if<Reply>(&found)) return *refused;
    store::AssetRecord a = std::get<store::AssetRecord>(found);
    if (!m.location && !m.keeper)
        return error_reply(400, errc::missing_field, "a move needs location, keeper or both");
    if (!is_label(m.reason, 500))
        return error_reply(422, errc::invalid_field,
                           "reason must say why (1 to 500 bytes on one line)");
    if (a.status != "in_use")
        return error_reply(409, errc::asset_not_in_use, "asset " + m.tag + " is " + a.status);
    json from = {{"location", a.location}, {"keeper", a.keeper}};
    if (m.location) {
        auto location = location_of(ctx, *m.location);
        if (auto* refused = std::get_if<Reply>(&location)) return *refused;
        a.location = std::get<std::string>(location);
    }
    if (m.keeper) {
        if (auto bad = bad_keeper(ctx, *m.keeper)) return *bad;
        a.keeper = *m.keeper;
    }
    json to = {{"location", a.location}, {"keeper", a.keeper}};
    if (to == from)
        return error_reply(409, errc::wrong_status, "asset " + m.tag + " is there already");
    if (auto st = assets.update_asset(a); !st) return ctx.fail(st.error());
    std::string who = by.audit_name();
    if (!add_asset_event(ctx, m.tag, who, "moved",
                         {{"from", from}, {"to", to}, {"reason", m.reason}}) ||
        !audit(ctx, who, "asset.move", "asset " + m.tag, from, to))
        return internal_error_reply();
    return answer(ctx, 200, a);
}

Reply record_loss(WriteContext& ctx, const Principal& by, const AssetLoss& l) {
    store::AssetStore assets(ctx.store.db());
    auto found = find_asset(ctx, l.tag);
    if (auto* refused = std::get_if<Reply>(&found)) return *refused;
    store::AssetRecord a = std::get<store::AssetRecord>(found);
    if (l.kind != "lost" && l.kind != "damaged")
        return error_reply(422, errc::invalid_field, "kind must be lost or damaged");
    if (!is_label(l.what, 1000))
        return error_reply(422, errc::invalid_field,
                           "what must say what happened (1 to 1000 bytes)");
    if (!l.liable.empty() && !is_label(l.liable, 100))
        return error_reply(422, errc::invalid_field, "liable must have at most 100 bytes");
    if (!is_label(l.decision, 1000))
        return error_reply(422, errc::invalid_field,
                           "decision must say what was decided (1 to 1000 bytes)");
    if (a.status != "in_use")
        return error_reply(409, errc::asset_not_in_use, "asset " + l.tag + " is " + a.status);
    const std::string before = a.status;
    a.status = l.kind;
    if (auto st = assets.update_asset(a); !st) return ctx.fail(st.error());
    std::string who = by.audit_name();
    json detail = {{"what", l.what}, {"liable", l.liable}, {"decision", l.decision}};
    if (!add_asset_event(ctx, l.tag, who, l.kind, detail) ||
        !audit(ctx, who, "asset." + l.kind, "asset " + l.tag, {{"status", before}},
               {{"status", a.status},
                {"what", l.what},
                {"liable", l.liable},
                {"decision", l.decision}}))
        return internal_error_reply();
    return answer(ctx, 200, a);
}

}  // namespace onestop::hub
