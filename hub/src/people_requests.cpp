#include "people_requests.h"

#include <charconv>

#include "audit.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"

namespace onestop::hub {

json request_json(const store::PeopleRequest& r) {
    json out = json::parse(r.body, nullptr, false);
    if (!out.is_object()) out = json::object();
    auto optional = [](const std::optional<std::string>& v) {
        return v ? json(*v) : json(nullptr);
    };
    out["id"] = r.id;
    if (!r.staff.empty()) out["staff"] = r.staff;
    out["unit"] = r.unit;
    out["status"] = r.status;
    out["asked_at"] = r.asked_at;
    out["asked_by"] = r.asked_by;
    out["confirmed_at"] = optional(r.confirmed_at);
    out["decided_at"] = optional(r.decided_at);
    out["decided_by"] = optional(r.decided_by);
    out["note"] = r.note;
    return out;
}

std::variant<store::PeopleRequest, Reply> find_request(WriteContext& ctx, int64_t id,
                                                       const std::string& kind) {
    auto found = ctx.store.request(id);
    if (!found) return ctx.fail(found.error());
    if (!*found || (*found)->kind != kind)
        return error_reply(404, errc::request_unknown,
                           "there is no " + kind + " request " + std::to_string(id));
    return std::move(**found);
}

namespace {

// What the audit log names: the roster a change is for, else the staff member.
std::string audit_target(const store::PeopleRequest& r) {
    if (r.kind != "roster_change") return r.staff;
    json body = json::parse(r.body, nullptr, false);
    if (!body.is_object()) return "roster";
    return "roster:" + std::to_string(body.value("term", int64_t(0))) + "/" +
           std::to_string(body.value("window", 0));
}

}  // namespace

Reply ask(WriteContext& ctx, store::PeopleRequest request, const std::string& by,
          const char* answer_key) {
    request.asked_at = format_iso8601(ctx.clock.now());
    request.asked_by = by;
    auto id = ctx.store.insert_request(request);
    if (!id) return ctx.fail(id.error());
    request.id = *id;
    json answer = request_json(request);
    if (!audit(ctx, by, request.kind + ".ask", audit_target(request), nullptr, answer))
        return internal_error_reply();
    return json_reply(201, {{answer_key, answer}});
}

Reply move(WriteContext& ctx, store::PeopleRequest request, std::initializer_list<const char*> from,
           const std::string& to, bool decided, const std::string& by, const std::string& note,
           const std::string& verb, const char* answer_key) {
    bool allowed = false;
    for (const char* s : from) allowed = allowed || request.status == s;
    if (!allowed)
        return error_reply(409, errc::wrong_status,
                           request.kind + " request " + std::to_string(request.id) + " is " +
                               request.status + ", it cannot be " + verb + "d now",
                           {{"status", request.status}});
    json before = request_json(request);
    std::string at = format_iso8601(ctx.clock.now());
    if (auto st = ctx.store.set_request_status(request.id, to, decided, at, by, note); !st)
        return ctx.fail(st.error());
    request.status = to;
    if (decided) {
        request.decided_at = at;
        request.decided_by = by;
        request.note = note;
    } else {
        request.confirmed_at = at;
    }
    json after = request_json(request);
    if (!audit(ctx, by, request.kind + "." + verb, audit_target(request), before, after))
        return internal_error_reply();
    return json_reply(200, {{answer_key, after}});
}

std::optional<bool> month_is_published(WriteContext& ctx, const std::string& month) {
    auto sheet = ctx.store.sheet(month);
    if (!sheet) {
        ctx.fail(sheet.error());
        return std::nullopt;
    }
    return sheet->has_value();
}

int64_t path_id(const std::string& digits) {
    int64_t id = 0;
    std::from_chars(digits.data(), digits.data() + digits.size(), id);
    return id;
}

}  // namespace onestop::hub
