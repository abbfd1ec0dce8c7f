// The hall's staff for the office's console (第十二–十七条): GET /api/v1/staff(/{no}), POST
// /api/v1/staff, PUT /api/v1/staff/{no}, POST /api/v1/staff/{no}/disable, /pin, /training.
// The office acts on every unit's staff, a unit's lead on its own unit's (第十七条: staff
// belong to their unit), viewers read. Every change is audited, before → after.

#include "audit.h"
#include "body_fields.h"
#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"

namespace onestop::hub {

namespace {

json training_json(const store::Training& t) {
    return {{"id", t.id}, {"date", t.date}, {"topic", t.topic}, {"passed", t.passed}};
}

// As the list shows a member; the audit log keeps it without the training (those are
// entries of their own).
json staff_json(const store::StaffProfile& p, bool with_training = true) {
    json out = {{"number", p.staff.number},
                {"name", p.staff.name},
                {"unit", p.staff.unit},
                {"lead", p.lead},
                {"disabled_at", p.staff.disabled_at ? json(*p.staff.disabled_at) : json(nullptr)}};
    if (with_training) {
        out["training"] = json::array();
        for (const auto& t : p.training) out["training"].push_back(training_json(t));
    }
    return out;
}

bool is_pin(const std::string& pin) {
    return pin.size() >= 4 && pin.size() <= 12 && is_label(pin);
}

constexpr char kPinRule[] = "pin must have 4 to 12 characters";

// The member `number` for a change by `p`, read on the writer thread: 404 when there is
// none, 403 when it is another unit's (a unit's lead guessing numbers learns nothing more).
std::variant<store::StaffProfile, Reply> member_for(WriteContext& ctx, const Principal& p,
                                                    const std::string& number) {
    auto found = ctx.store.staff_profile(number);
    if (!found) return ctx.fail(found.error());
    if (!*found) return error_reply(404, errc::staff_unknown, "there is no staff member " + number);
    if (!p.acts_for((*found)->staff.unit))
        return forbidden("staff member " + number + " belongs to another unit");
    return std::move(**found);
}

// The member as the change left it (the change found it, so it is there).
Result<store::StaffProfile> reread(store::HubStore& store, const std::string& number) {
    auto found = store.staff_profile(number);
    if (!found) return found.error();
    if (!*found) return make_error(errc::internal, "staff member " + number + " vanished");
    return std::move(**found);
}

Reply add_member(WriteContext& ctx, const store::Staff& staff, const std::string& by) {
    if (auto st = ctx.store.add_staff(staff, ctx.clock.now()); !st) {
        if (st.error().code == errc::staff_exists)
            return error_reply(409, errc::staff_exists, st.error().message);
        return ctx.fail(st.error());
    }
    auto added = reread(ctx.store, staff.number);
    if (!added) return ctx.fail(added.error());
    if (!audit(ctx, by, "staff.add", staff.number, nullptr, staff_json(*added, false)))
        return internal_error_reply();
    return json_reply(201, {{"staff", staff_json(*added)}});
}

struct StaffEdit {
    std::optional<std::string> name, unit;
    std::optional<bool> lead;
};

Reply edit_member(WriteContext& ctx, const Principal& p, const std::string& number,
                  const StaffEdit& edit) {
    auto member = member_for(ctx, p, number);
    if (auto* r = std::get_if<Reply>(&member)) return *r;
    const store::StaffProfile& before = std::get<store::StaffProfile>(member);
    std::string unit = edit.unit.value_or(before.staff.unit);
    bool moved = unit != before.staff.unit;
    if (moved && !p.office()) return forbidden("only the hall office moves staff to another unit");
    // A member who moves stops leading the unit they leave.
    bool lead = edit.lead.value_or(before.lead && !moved);
    if (lead && before.staff.disabled())
        return error_reply(409, errc::staff_disabled,
                           "staff member " + number + " is disabled and cannot lead");
    std::string replaced;
    if (auto st = ctx.store.update_staff(number, edit.name.value_or(before.staff.name), unit, lead,
                                         &replaced);
        !st)
        return ctx.fail(st.error());
    auto after = reread(ctx.store, number);
    if (!after) return ctx.fail(after.error());
    std::string by = p.audit_name();
    json then = staff_json(before, false), now = staff_json(*after, false);
    // A save that changes nothing leaves no entry: the log lists changes.
    if (then != now && !audit(ctx, by, "staff.edit", number, then, now))
        return internal_error_reply();
    if (!replaced.empty()) {
        // The unit's lead before: one lead a unit (第十三条).
        auto old = reread(ctx.store, replaced);
        if (!old) return ctx.fail(old.error());
        json was = staff_json(*old, false);
        was["lead"] = true;
        if (!audit(ctx, by, "staff.edit", replaced, was, staff_json(*old, false)))
            return internal_error_reply();
    }
    return json_reply(200, {{"staff", staff_json(*after)}});
}

Reply disable_member(WriteContext& ctx, const Principal& p, const std::string& number) {
    auto member = member_for(ctx, p, number);
    if (auto* r = std::get_if<Reply>(&member)) return *r;
    store::StaffProfile profile = std::get<store::StaffProfile>(member);
    json before = staff_json(profile, false);
    TimePoint now = ctx.clock.now();
    Status st = ctx.store.disable_staff(number, now);
    // A disabled member leads no more.
    if (st && profile.lead)
        st = ctx.store.update_staff(number, profile.staff.name, profile.staff.unit, false);
    if (!st) return ctx.fail(st.error());
    if (!end_staff_sessions(ctx, number)) return internal_error_reply();
    if (!profile.staff.disabled_at) profile.staff.disabled_at = format_iso8601(now);
    profile.lead = false;
    if (!audit(ctx, p.audit_name(), "staff.disable", number, before, staff_json(profile, false)))
        return internal_error_reply();
    return json_reply(200, {{"staff", staff_json(profile)}});
}

Reply reset_pin(WriteContext& ctx, const Principal& p, const std::string& number,
                const std::string& pin_hash) {
    auto member = member_for(ctx, p, number);
    if (auto* r = std::get_if<Reply>(&member)) return *r;
    Status st = ctx.store.set_staff_pin(number, pin_hash);
    // A new PIN lifts the lockout of wrong ones.
    if (st) st = ctx.store.clear_pin_failures(number);
    if (!st) return ctx.fail(st.error());
    // Never the PIN or its hash: only that it changed.
    if (!audit(ctx, p.audit_name(), "staff.pin", number, nullptr, {{"pin", "reset"}}))
        return internal_error_reply();
    return json_reply(200, {{"staff", staff_json(std::get<store::StaffProfile>(member))}});
}

Reply add_training(WriteContext& ctx, const Principal& p, store::Training training) {
    auto member = member_for(ctx, p, training.staff);
    if (auto* r = std::get_if<Reply>(&member)) return *r;
    training.at = format_iso8601(ctx.clock.now());
    training.who = p.audit_name();
    auto id = ctx.store.add_training(training);
    if (!id) return ctx.fail(id.error());
    training.id = *id;
    if (!audit(ctx, training.who, "staff.training", training.staff, nullptr,
               training_json(training)))
        return internal_error_reply();
    return json_reply(201, {{"training", training_json(training)}});
}

}  // namespace

void Hub::install_staff_routes() {
    auto reader = [this](const Request& req) {
        return who_may(req, &Principal::reads_a_unit,
                       "staff records are for the hall office, the committee and the units' leads");
    };
    auto changer = [this](const Request& req) {
        return who_may(req, &Principal::changes_a_unit,
                       "staff are changed by the hall office and the units' leads");
    };
    // The body as JSON, or the 400 to answer.
    auto body_of = [](const Request& req) -> std::variant<json, Reply> {
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        return std::move(*body);
    };

    get("/api/v1/staff", [this, reader](const Request& req) {
        auto p = reader(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        Result<std::vector<store::StaffProfile>> all = std::vector<store::StaffProfile>{};
        {
            std::lock_guard lock(reader_.mu);
            all = reader_.store->staff_profiles();
        }
        if (!all) {
            logger("hub")->error("reading the staff: {}", all.error().message);
            return internal_error_reply();
        }
        json out = json::array();
        for (const auto& s : *all)
            if (std::get<Principal>(p).sees(s.staff.unit)) out.push_back(staff_json(s));
        return json_reply(200, {{"staff", out}});
    });

    get(R"(/api/v1/staff/([^/]+))", [this, reader](const Request& req) {
        auto p = reader(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const std::string& number = req.matches[1];
        Result<std::optional<store::StaffProfile>> found = std::optional<store::StaffProfile>{};
        {
            std::lock_guard lock(reader_.mu);
            found = reader_.store->staff_profile(number);
        }
        if (!found) {
            logger("hub")->error("reading staff {}: {}", number, found.error().message);
            return internal_error_reply();
        }
        if (!*found)
            return error_reply(404, errc::staff_unknown, "there is no staff member " + number);
        if (!std::get<Principal>(p).sees((*found)->staff.unit))
            return forbidden("staff member " + number + " belongs to another unit");
        return json_reply(200, {{"staff", staff_json(**found)}});
    });

    post("/api/v1/staff", [this, changer, body_of](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        auto number = f.text("number", true), name = f.text("name", true),
             pin = f.text("pin", true);
        // A unit's lead adds to its own unit without naming it.
        auto unit = f.text("unit", principal.office());
        if (!f.ok()) return f.problem();
        std::string unit_code = unit.value_or(principal.account.account.unit);
        if (!is_staff_number(*number)) f.invalid("number must have 1 to 16 letters and digits");
        if (!is_label(*name)) f.invalid("name must have 1 to 64 bytes and no tabs or line breaks");
        if (!hall_.find_unit(unit_code))
            f.invalid("there is no unit '" + unit_code + "' in the hall");
        if (!is_pin(*pin)) f.invalid(kPinRule);
        if (!f.ok()) return f.problem();
        if (!principal.acts_for(unit_code))
            return forbidden("a unit's lead adds staff to their own unit only");
        auto hash = store::hash_pin(*pin);  // slow: here, not on the writer thread
        if (!hash) return internal_error_reply();
        store::Staff staff{*number, *name, unit_code, *hash, std::nullopt};
        return writer_->submit([staff, by = principal.audit_name()](WriteContext& ctx) {
            return add_member(ctx, staff, by);
        });
    });

    put(R"(/api/v1/staff/([^/]+))", [this, changer, body_of](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        StaffEdit edit{f.text("name", false), f.text("unit", false), f.flag("lead", false)};
        if (!f.ok()) return f.problem();
        if (edit.name && !is_label(*edit.name))
            f.invalid("name must have 1 to 64 bytes and no tabs or line breaks");
        if (edit.unit && !hall_.find_unit(*edit.unit))
            f.invalid("there is no unit '" + *edit.unit + "' in the hall");
        if (!f.ok()) return f.problem();
        return writer_->submit(
            [principal = std::get<Principal>(p), number = req.matches[1], edit](WriteContext& ctx) {
                return edit_member(ctx, principal, number, edit);
            });
    });

    post(R"(/api/v1/staff/([^/]+)/disable)", [this, changer](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        std::string number = req.matches[1];
        Reply r = writer_->submit([principal = std::get<Principal>(p), number](WriteContext& ctx) {
            return disable_member(ctx, principal, number);
        });
        // Their my page too: a disabled member acts nowhere.
        if (r.status == 200) office_.close_staff(number);
        return r;
    });

    post(R"(/api/v1/staff/([^/]+)/pin)", [this, changer, body_of](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        auto pin = f.text("pin", true);
        if (f.ok() && !is_pin(*pin)) f.invalid(kPinRule);
        if (!f.ok()) return f.problem();
        auto hash = store::hash_pin(*pin);
        if (!hash) return internal_error_reply();
        return writer_->submit(
            [principal = std::get<Principal>(p), number = req.matches[1],
             hash = *hash](WriteContext& ctx) { return reset_pin(ctx, principal, number, hash); });
    });

    post(R"(/api/v1/staff/([^/]+)/training)", [this, changer, body_of](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        auto date = f.text("date", true), topic = f.text("topic", true);
        auto passed = f.flag("passed", true);
        if (!f.ok()) return f.problem();
        if (!is_date(*date)) f.invalid("date must be YYYY-MM-DD");
        if (!is_label(*topic, 200))
            f.invalid("topic must have 1 to 200 bytes and no tabs or line breaks");
        if (!f.ok()) return f.problem();
        store::Training training{0, req.matches[1], *date, *topic, *passed, "", ""};
        return writer_->submit([principal = std::get<Principal>(p), training](WriteContext& ctx) {
            return add_training(ctx, principal, training);
        });
    });
}

}  // namespace onestop::hub
