#include "stocktakes.h"

#include <map>

#include "asset_errors.h"
#include "assets.h"
#include "audit.h"
#include "body_fields.h"
#include "onestop/assets/register.h"
#include "onestop/base/error_codes.h"
#include "views.h"

namespace onestop::hub {

namespace {

json sighting_json(const assets::Sighting& s, const std::map<std::string, std::string>& names) {
    auto name = names.find(s.tag);
    auto text = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    return {{"tag", s.tag},
            {"name", name == names.end() ? json(nullptr) : json(name->second)},
            {"expected", text(s.expected)},
            {"found", text(s.found)},
            {"who", text(s.who)},
            {"at", text(s.at)}};
}

Result<std::map<std::string, std::string>> names_of(store::AssetStore& assets) {
    auto all = assets.assets({});
    if (!all) return all.error();
    std::map<std::string, std::string> names;
    for (const auto& a : *all) names[a.tag] = a.name;
    return names;
}

std::variant<store::StocktakeRow, Reply> find(WriteContext& ctx, store::AssetStore& assets,
                                              int64_t id) {
    auto row = assets.stocktake(id);
    if (!row) return ctx.fail(row.error());
    if (!*row)
        return error_reply(404, errc::stocktake_unknown,
                           "there is no stock-take " + std::to_string(id));
    return **row;
}

}  // namespace

json stocktake_json(const store::StocktakeRow& s, size_t expected, size_t scans) {
    auto text = [](const std::string& v) { return v.empty() ? json(nullptr) : json(v); };
    return {{"id", s.id},
            {"name", s.name},
            {"status", s.status},
            {"opened_at", s.opened_at},
            {"opened_by", s.opened_by},
            {"closed_at", text(s.closed_at)},
            {"closed_by", text(s.closed_by)},
            {"note", text(s.note)},
            {"expected", expected},
            {"scans", scans}};
}

json reconciliation_json(const assets::Reconciliation& r,
                         const std::map<std::string, std::string>& names) {
    json out = json::object();
    auto list = [&](const std::vector<assets::Sighting>& sightings) {
        json items = json::array();
        for (const auto& s : sightings) items.push_back(sighting_json(s, names));
        return items;
    };
    out["found"] = list(r.found);
    out["missing"] = list(r.missing);
    out["misplaced"] = list(r.misplaced);
    out["unknown"] = list(r.unknown);
    return out;
}

Result<json> stocktake_answer(store::AssetStore& assets, const store::StocktakeRow& row) {
    auto expected = assets.expected(row.id);
    if (!expected) return expected.error();
    auto scans = assets.scans(row.id);
    if (!scans) return scans.error();
    json out;
    if (row.status == "closed") {
        out = json::parse(row.result, nullptr, false);
    } else {
        auto names = names_of(assets);
        if (!names) return names.error();
        out = reconciliation_json(assets::reconcile(*expected, *scans), *names);
    }
    out["stocktake"] = stocktake_json(row, expected->size(), scans->size());
    return out;
}

Reply open_stocktake(WriteContext& ctx, const Principal& by, const std::string& name) {
    if (!is_label(name, 100))
        return error_reply(422, errc::invalid_field, "name must have 1 to 100 bytes on one line");
    store::AssetStore assets(ctx.store.db());
    auto all = assets.stocktakes();
    if (!all) return ctx.fail(all.error());
    for (const auto& s : *all)
        if (s.status == "open")
            return error_reply(409, errc::stocktake_open,
                               "stock-take " + std::to_string(s.id) + " (" + s.name +
                                   ") is still open: close it first");
    store::StocktakeRow row;
    row.name = name;
    row.status = "open";
    row.opened_at = iso(ctx.clock.now());
    row.opened_by = by.audit_name();
    auto id = assets.open_stocktake(row);
    if (!id) return ctx.fail(id.error());
    row.id = *id;
    auto expected = assets.expected(row.id);
    if (!expected) return ctx.fail(expected.error());
    if (!audit(ctx, row.opened_by, "stocktake.open", "stocktake " + std::to_string(row.id), nullptr,
               {{"name", name}, {"expected", expected->size()}}))
        return internal_error_reply();
    return json_reply(201, {{"stocktake", stocktake_json(row, expected->size(), 0)}});
}

Reply scan_stocktake(WriteContext& ctx, const Principal& by, int64_t id, const std::string& tag,
                     const std::string& location_text) {
    store::AssetStore assets(ctx.store.db());
    auto found = find(ctx, assets, id);
    if (auto* refused = std::get_if<Reply>(&found)) return *refused;
    const auto& row = std::get<store::StocktakeRow>(found);
    if (row.status != "open")
        return error_reply(409, errc::stocktake_closed,
                           "stock-take " + std::to_string(id) + " is closed");
    if (!assets::valid_tag(tag))
        return error_reply(422, errc::invalid_field,
                           "tag must be 1–32 of A–Z a–z 0–9 - _ . (what the label carries)");
    auto location = assets::normal_location(location_text);
    if (!location)
        return error_reply(422, errc::invalid_field,
                           "location must be window:N or a room's name (1–64 bytes, one line)");
    assets::Scan scan{tag, *location, by.audit_name(), iso(ctx.clock.now())};
    if (auto st = assets.insert_scan(id, scan); !st) return ctx.fail(st.error());
    auto expected = assets.expected(id);
    if (!expected) return ctx.fail(expected.error());
    // What this one scan means, for the scanner's beep and line.
    assets::Reconciliation r = assets::reconcile(*expected, {scan});
    std::string result = !r.found.empty()       ? "found"
                         : !r.misplaced.empty() ? "misplaced"
                                                : "unknown";
    json out = {{"tag", tag}, {"location", *location}, {"result", result}};
    auto asset = assets.asset(tag);
    if (!asset) return ctx.fail(asset.error());
    out["name"] = *asset ? json((*asset)->name) : json(nullptr);
    out["expected"] = result == "misplaced" ? json(r.misplaced[0].expected) : json(nullptr);
    return json_reply(201, {{"scan", out}});
}

Reply close_stocktake(WriteContext& ctx, const Principal& by, int64_t id, const std::string& note) {
    if (!note.empty() && !is_label(note, 1000))
        return error_reply(422, errc::invalid_field, "note must have at most 1000 bytes");
    store::AssetStore assets(ctx.store.db());
    auto found = find(ctx, assets, id);
    if (auto* refused = std::get_if<Reply>(&found)) return *refused;
    store::StocktakeRow row = std::get<store::StocktakeRow>(found);
    if (row.status != "open")
        return error_reply(409, errc::stocktake_closed,
                           "stock-take " + std::to_string(id) + " is closed already");
    auto expected = assets.expected(id);
    if (!expected) return ctx.fail(expected.error());
    auto scans = assets.scans(id);
    if (!scans) return ctx.fail(scans.error());
    auto names = names_of(assets);
    if (!names) return ctx.fail(names.error());
    assets::Reconciliation r = assets::reconcile(*expected, *scans);
    json result = reconciliation_json(r, *names);
    row.status = "closed";
    row.closed_at = iso(ctx.clock.now());
    row.closed_by = by.audit_name();
    row.note = note;
    row.result = dump(result);
    if (auto st = assets.close_stocktake(row); !st) return ctx.fail(st.error());
    const std::string target = "stocktake " + std::to_string(id);
    for (const auto& s : r.missing)
        if (!add_asset_event(ctx, s.tag, row.closed_by, "stocktake_missing",
                             {{"stocktake", id}, {"expected", s.expected}}))
            return internal_error_reply();
    for (const auto& s : r.misplaced)
        if (!add_asset_event(ctx, s.tag, row.closed_by, "stocktake_misplaced",
                             {{"stocktake", id}, {"expected", s.expected}, {"found", s.found}}))
            return internal_error_reply();
    json counts = {{"found", r.found.size()},
                   {"missing", r.missing.size()},
                   {"misplaced", r.misplaced.size()},
                   {"unknown", r.unknown.size()}};
    if (!audit(ctx, row.closed_by, "stocktake.close", target, {{"status", "open"}},
               {{"status", "closed"}, {"counts", counts}, {"note", note}}))
        return internal_error_reply();
    result["stocktake"] = stocktake_json(row, expected->size(), scans->size());
    return json_reply(200, result);
}

}  // namespace onestop::hub
