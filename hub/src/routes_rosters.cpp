// Terms and rosters (第十四、十五、二十九条): the office sets the terms; each unit drafts its
// windows' rosters for a term (weekly pattern, exceptions by date, vacation duty), as JSON or
// by importing a CSV file, and exports them as CSV or .xlsx; the office publishes them.
// Once a term has begun a published roster changes only through a request with a reason
// the office approves or refuses (第十五条), kept with the roster version it published.
// Every change is audited.
#include <set>

#include "attendance.h"
#include "audit.h"
#include "body_fields.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"
#include "people_requests.h"
#include "rosters.h"

namespace onestop::hub {

namespace {

json term_json(const store::TermRow& t) {
    return {{"id", t.id}, {"name", t.name}, {"start", t.start}, {"end", t.end}};
}

json version_json(const store::RosterVersion& v) {
    json roster = json::parse(v.body, nullptr, false);
    return {{"id", v.id},       {"term", v.term},           {"window", v.window},
            {"state", v.state}, {"effective", v.effective}, {"at", v.at},
            {"who", v.who},     {"roster", roster}};
}

std::optional<store::TermRow> find_term(const std::vector<store::TermRow>& terms, int64_t id) {
    for (const auto& t : terms)
        if (t.id == id) return t;
    return std::nullopt;
}

// The term `id` on the writer thread, or the answer (404).
std::variant<store::TermRow, Reply> term_for(WriteContext& ctx, int64_t id) {
    auto terms = ctx.store.terms();
    if (!terms) return ctx.fail(terms.error());
    auto t = find_term(*terms, id);
    if (!t) return error_reply(404, errc::term_unknown, "there is no term " + std::to_string(id));
    return *t;
}

// The staff a roster names exist; the pattern's and exceptions' are of the window's unit
// unless the window takes other units' staff (第十七条); duty may name anyone (第二十九条).
std::optional<Reply> check_staff(WriteContext& ctx, const people::Roster& roster,
                                 const queue::Window& window) {
    auto all = ctx.store.all_staff();
    if (!all) return ctx.fail(all.error());
    std::map<std::string, std::string> unit_of;
    for (const auto& s : *all) unit_of[s.number] = s.unit;
    auto check = [&](const std::string& number, bool duty) -> std::optional<Reply> {
        if (number.empty()) return std::nullopt;
        auto it = unit_of.find(number);
        if (it == unit_of.end())
            return error_reply(422, errc::invalid_field, "there is no staff member " + number);
        if (!duty && it->second != window.unit && !window.accepts_other_units)
            return error_reply(422, errc::wrong_unit,
                               "staff " + number + " belongs to " + it->second + "; window " +
                                   std::to_string(window.number) + " takes only " + window.unit +
                                   "'s staff");
        return std::nullopt;
    };
    for (const auto& s : roster.pattern)
        if (auto r = check(s.staff, false)) return r;
    for (const auto& s : roster.exceptions)
        if (auto r = check(s.staff, false)) return r;
    for (const auto& s : roster.duty)
        if (auto r = check(s.staff, true)) return r;
    return std::nullopt;
}

// Why `roster` cannot be the newest draft of (term, window) for `p`, if it cannot: no such
// window or term (404), another unit's window (403), a bad slot or staff member (422).
std::optional<Reply> refuse_draft(WriteContext& ctx, const Principal& p, int64_t term_id,
                                  const people::Roster& roster, store::TermRow* term_out) {
    const queue::Window* window = ctx.state.engine.hall().find_window(roster.window);
    if (!window)
        return error_reply(404, errc::window_unknown,
                           "there is no window " + std::to_string(roster.window));
    if (!p.acts_for(window->unit))
        return forbidden("window " + std::to_string(roster.window) + " belongs to another unit");
    auto term = term_for(ctx, term_id);
    if (auto* r = std::get_if<Reply>(&term)) return *r;
    *term_out = std::get<store::TermRow>(term);
    if (auto st = people::validate(roster, to_term(*term_out)); !st)
        return error_reply(422, st.error().code, st.error().message);
    return check_staff(ctx, roster, *window);
}

// Saves `roster` as the newest draft of (term, window); refuse_draft found nothing wrong.
std::variant<json, Reply> insert_draft(WriteContext& ctx, const Principal& p,
                                       const store::TermRow& term, const people::Roster& roster) {
    store::RosterVersion v{0,
                           term.id,
                           roster.window,
                           "draft",
                           term.start,
                           dump(roster_json(roster)),
                           format_iso8601(ctx.clock.now()),
                           p.audit_name()};
    auto id = ctx.store.insert_roster_version(v);
    if (!id) return ctx.fail(id.error());
    v.id = *id;
    json answer = version_json(v);
    if (!audit(ctx, v.who, "roster.draft",
               "roster:" + std::to_string(term.id) + "/" + std::to_string(roster.window), nullptr,
               answer))
        return internal_error_reply();
    return answer;
}

// The newest draft of (term, window) and whether it is newer than the newest published.
struct Latest {
    std::optional<store::RosterVersion> draft, published;
};
std::variant<Latest, Reply> latest(WriteContext& ctx, int64_t term, int window) {
    auto versions = ctx.store.roster_versions(term);
    if (!versions) return ctx.fail(versions.error());
    Latest out;
    for (const auto& v : *versions) {
        if (v.window != window) continue;
        (v.state == "draft" ? out.draft : out.published) = v;
    }
    if (out.draft && out.published && out.draft->id < out.published->id) out.draft.reset();
    return out;
}

// Publishes `draft` from `effective` on (a new version row; the draft stays as it was),
// audited as `action` (none: the approval of a change request is the audit entry).
Reply publish(WriteContext& ctx, store::RosterVersion draft, const std::string& effective,
              const std::string& by, const std::string& action, json extra = nullptr) {
    draft.state = "published";
    draft.effective = effective;
    draft.at = format_iso8601(ctx.clock.now());
    draft.who = by;
    auto id = ctx.store.insert_roster_version(draft);
    if (!id) return ctx.fail(id.error());
    draft.id = *id;
    json answer = version_json(draft);
    if (!extra.is_null()) answer["change"] = extra;
    if (!action.empty() &&
        !audit(ctx, by, action,
               "roster:" + std::to_string(draft.term) + "/" + std::to_string(draft.window), nullptr,
               answer))
        return internal_error_reply();
    return json_reply(200, {{"roster", answer}});
}

}  // namespace

void Hub::install_roster_routes() {
    auto reader = [this](const Request& req) {
        return who_may(req, &Principal::reads_a_unit,
                       "rosters are for the hall office, the committee and the units' leads");
    };
    auto changer = [this](const Request& req) {
        return who_may(req, &Principal::changes_a_unit,
                       "rosters are drafted by the units' leads and published by the hall office");
    };
    auto office = [this](const Request& req) {
        return who_may(req, &Principal::office, "only the hall office does this");
    };
    auto body_of = [](const Request& req) -> std::variant<json, Reply> {
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        return std::move(*body);
    };
    auto read_terms = [this]() {
        std::lock_guard lock(reader_.mu);
        return reader_.store->terms();
    };
    auto window_unit = [this](int window) {
        return with_state([&](const HubState& s) {
            const queue::Window* w = s.engine.hall().find_window(window);
            return w ? std::optional<std::string>(w->unit) : std::nullopt;
        });
    };

    get("/api/v1/terms", [reader, read_terms](const Request& req) {
        auto p = reader(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto terms = read_terms();
        if (!terms) return internal_error_reply();
        json out = json::array();
        for (const auto& t : *terms) out.push_back(term_json(t));
        return json_reply(200, {{"terms", out}});
    });

    post("/api/v1/terms", [this, office, body_of](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        BodyFields f(std::get<json>(body));
        auto name = f.text("name", true), start = f.text("start", true), end = f.text("end", true);
        if (!f.ok()) return f.problem();
        if (!is_label(*name)) f.invalid("name must have 1 to 64 bytes and no tabs or line breaks");
        if (!is_date(*start) || !is_date(*end) || *end < *start)
            f.invalid("start and end must be dates YYYY-MM-DD, start first");
        if (!f.ok()) return f.problem();
        store::TermRow term{0, *name, *start, *end, "", std::get<Principal>(p).audit_name()};
        return writer_->submit([term](WriteContext& ctx) mutable {
            auto terms = ctx.store.terms();
            if (!terms) return ctx.fail(terms.error());
            for (const auto& t : *terms)
                if (t.start <= term.end && term.start <= t.end)
                    return error_reply(
                        409, errc::term_overlaps,
                        "the term overlaps " + t.name + " (" + t.start + " – " + t.end + ")");
            term.at = format_iso8601(ctx.clock.now());
            auto id = ctx.store.insert_term(term);
            if (!id) return ctx.fail(id.error());
            term.id = *id;
            if (!audit(ctx, term.who, "term.add", "term:" + std::to_string(*id), nullptr,
                       term_json(term)))
                return internal_error_reply();
            return json_reply(201, {{"term", term_json(term)}});
        });
    });

    get(R"(/api/v1/rosters/(\d+)/(\d+))", [this, reader, window_unit](const Request& req) {
        auto p = reader(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        int64_t term = path_id(req.matches[1]);
        int window = int(path_id(req.matches[2]));
        auto unit = window_unit(window);
        if (!unit)
            return error_reply(404, errc::window_unknown,
                               "there is no window " + std::to_string(window));
        if (!std::get<Principal>(p).sees(*unit))
            return forbidden("window " + std::to_string(window) + " belongs to another unit");
        Result<std::vector<store::RosterVersion>> versions = std::vector<store::RosterVersion>{};
        {
            std::lock_guard lock(reader_.mu);
            versions = reader_.store->roster_versions(term);
        }
        if (!versions) return internal_error_reply();
        json draft = nullptr, published = json::array();
        for (const auto& v : *versions) {
            if (v.window != window) continue;
            if (v.state == "draft")
                draft = version_json(v);
            else
                published.push_back(version_json(v));
        }
        return json_reply(200, {{"term", term},
                                {"window", window},
                                {"unit", *unit},
                                {"draft", draft},
                                {"published", published}});
    });

    put(R"(/api/v1/rosters/(\d+)/(\d+))", [this, changer, body_of](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        auto roster = parse_roster(std::get<json>(body), int(path_id(req.matches[2])));
        if (!roster) return error_reply(422, roster.error().code, roster.error().message);
        return writer_->submit([principal = std::get<Principal>(p), term = path_id(req.matches[1]),
                                roster = *roster](WriteContext& ctx) {
            store::TermRow t;
            if (auto refused = refuse_draft(ctx, principal, term, roster, &t)) return *refused;
            auto saved = insert_draft(ctx, principal, t, roster);
            if (auto* r = std::get_if<Reply>(&saved)) return *r;
            return json_reply(200, {{"roster", std::get<json>(saved)}});
        });
    });

    post(R"(/api/v1/rosters/(\d+)/(\d+)/publish)", [this, office](const Request& req) {
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        return writer_->submit([this, by = std::get<Principal>(p).audit_name(),
                                term_id = path_id(req.matches[1]),
                                window = int(path_id(req.matches[2]))](WriteContext& ctx) {
            auto term = term_for(ctx, term_id);
            if (auto* r = std::get_if<Reply>(&term)) return *r;
            const store::TermRow& t = std::get<store::TermRow>(term);
            auto found = latest(ctx, term_id, window);
            if (auto* r = std::get_if<Reply>(&found)) return *r;
            Latest& l = std::get<Latest>(found);
            if (!l.draft)
                return error_reply(409, errc::no_draft,
                                   "window " + std::to_string(window) +
                                       " has no draft newer than its published roster");
            std::string today = zone_.to_local(ctx.clock.now()).date();
            // 第十五条: a term's staff change mid-term only with the office's approval of a
            // request that says why.
            if (l.published && today >= t.start)
                return error_reply(409, errc::change_request_needed,
                                   "the term has begun: change a published roster through "
                                   "POST /api/v1/roster-changes with a reason");
            return publish(ctx, *l.draft, t.start, by, "roster.publish");
        });
    });

    get(R"(/api/v1/rosters/(\d+)/export)", [this, reader](const Request& req) {
        auto p = reader(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        std::string format = req.get_param_value("format");
        if (format.empty()) format = "csv";
        if (format != "csv" && format != "xlsx")
            return error_reply(422, errc::invalid_field, "format must be csv or xlsx");
        int64_t term = path_id(req.matches[1]);
        Result<std::vector<store::RosterVersion>> versions = std::vector<store::RosterVersion>{};
        {
            std::lock_guard lock(reader_.mu);
            versions = reader_.store->roster_versions(term);
        }
        if (!versions) return internal_error_reply();
        // Each window's newest version, draft or published: what the unit works on.
        std::map<int, const store::RosterVersion*> newest;
        for (const auto& v : *versions) newest[v.window] = &v;
        const Principal& principal = std::get<Principal>(p);
        std::vector<people::Roster> rosters;
        for (const auto& [window, v] : newest) {
            auto unit = with_state([&, w = window](const HubState& s) {
                const queue::Window* found = s.engine.hall().find_window(w);
                return found ? found->unit : std::string();
            });
            if (!principal.sees(unit)) continue;
            auto roster = parse_roster(json::parse(v->body, nullptr, false), window);
            if (roster) rosters.push_back(std::move(*roster));
        }
        report::Table table = roster_table("排班 " + std::to_string(term), rosters);
        std::string name = "roster-" + std::to_string(term);
        if (format == "csv")
            return file_reply(report::to_csv(table), "text/csv; charset=utf-8", name + ".csv");
        auto xlsx = report::to_xlsx(table);
        if (!xlsx) return internal_error_reply();
        return file_reply(std::move(*xlsx),
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                          name + ".xlsx");
    });

    post(R"(/api/v1/rosters/(\d+)/import)", [this, changer](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto rows = report::read_rows(req.body);
        if (!rows) return error_reply(422, rows.error().code, rows.error().message);
        auto rosters = parse_roster_rows(*rows);
        if (!rosters) return error_reply(422, rosters.error().code, rosters.error().message);
        return writer_->submit([principal = std::get<Principal>(p), term = path_id(req.matches[1]),
                                rosters = *rosters](WriteContext& ctx) {
            // One window refused refuses the whole file, before anything is saved.
            store::TermRow t;
            for (const auto& [window, roster] : rosters)
                if (auto refused = refuse_draft(ctx, principal, term, roster, &t)) return *refused;
            json saved = json::array();
            for (const auto& [window, roster] : rosters) {
                auto draft = insert_draft(ctx, principal, t, roster);
                if (auto* r = std::get_if<Reply>(&draft)) return *r;
                saved.push_back(std::get<json>(draft));
            }
            return json_reply(200, {{"rosters", saved}});
        });
    });

    // Readers see their units' windows; a staff member (my page, counter) their own half days.
    get("/api/v1/schedule", [this](const Request& req) {
        auto p = who_may(
            req, [](const Principal& x) { return x.reads_a_unit() || x.staff_member(); },
            "the schedule is for the hall office, the committee, the units' leads and the staff "
            "themselves");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        std::string from = req.get_param_value("from"), to = req.get_param_value("to");
        auto first = parse_date(from), last = parse_date(to);
        if (!first || !last || *last < *first || *last - *first > 62)
            return error_reply(422, errc::invalid_field,
                               "from and to must be dates YYYY-MM-DD, at most 62 days apart");
        std::string staff = req.get_param_value("staff"),
                    window_text = req.get_param_value("window");
        int window = window_text.empty() ? 0 : std::atoi(window_text.c_str());
        queue::Hall hall = with_state([](const HubState& s) { return s.engine.hall(); });
        queue::Calendar calendar(hall.settings, zone_);
        Result<Expectations> expected = Expectations{};
        Result<std::vector<store::PeopleRequest>> leave = std::vector<store::PeopleRequest>{};
        {
            std::lock_guard lock(reader_.mu);
            expected = expectations(*reader_.store, hall, calendar, *first, *last);
            if (expected) leave = reader_.store->requests("leave");
        }
        if (!expected || !leave) return internal_error_reply();
        // As the roster stands after approved leave: the substitute shows (第三十条).
        auto rows = people::apply_leave(expected->expected, approved_leave(*leave));
        json out = json::array();
        for (const auto& e : rows) {
            const queue::Window* w = hall.find_window(e.window);
            if (!w || !(principal.sees(w->unit) || principal.is_staff(e.staff))) continue;
            if (!staff.empty() && e.staff != staff) continue;
            if (window && e.window != window) continue;
            out.push_back({{"date", format_date(e.day)},
                           {"half", people::to_string(e.half)},
                           {"window", e.window},
                           {"staff", e.staff},
                           {"start", e.range.start},
                           {"end", e.range.end}});
        }
        return json_reply(200, {{"from", from}, {"to", to}, {"schedule", out}});
    });
    post("/api/v1/roster-changes", [this, changer, body_of](const Request& req) {
        auto p = changer(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = body_of(req);
        if (auto* r = std::get_if<Reply>(&body)) return *r;
        const json& b = std::get<json>(body);
        BodyFields f(b);
        auto effective = f.text("effective", true), reason = f.text("reason", true);
        if (!f.ok()) return f.problem();
        if (!b.contains("term") || !b.contains("window"))
            return error_reply(400, errc::missing_field, "term and window are required");
        if (!b["term"].is_number_integer() || !b["window"].is_number_integer())
            return error_reply(400, errc::wrong_type, "term and window must be numbers");
        if (!is_date(*effective)) f.invalid("effective must be a date YYYY-MM-DD");
        if (!is_label(*reason, 500))
            f.invalid("reason must have 1 to 500 bytes and no tabs or line breaks");
        if (!f.ok()) return f.problem();
        int64_t term_id = b["term"].get<int64_t>();
        int window = b["window"].get<int>();
        return writer_->submit([this, principal = std::get<Principal>(p), term_id, window,
                                effective = *effective, reason = *reason](WriteContext& ctx) {
            const queue::Window* w = ctx.state.engine.hall().find_window(window);
            if (!w)
                return error_reply(404, errc::window_unknown,
                                   "there is no window " + std::to_string(window));
            if (!principal.acts_for(w->unit))
                return forbidden("window " + std::to_string(window) + " belongs to another unit");
            auto term = term_for(ctx, term_id);
            if (auto* r = std::get_if<Reply>(&term)) return *r;
            const store::TermRow& t = std::get<store::TermRow>(term);
            std::string today = zone_.to_local(ctx.clock.now()).date();
            if (effective < today || effective < t.start || effective > t.end)
                return error_reply(422, errc::invalid_field,
                                   "effective must lie inside the term and not before today");
            auto found = latest(ctx, term_id, window);
            if (auto* r = std::get_if<Reply>(&found)) return *r;
            const Latest& l = std::get<Latest>(found);
            if (!l.draft)
                return error_reply(409, errc::no_draft,
                                   "draft the new roster first (PUT /api/v1/rosters/" +
                                       std::to_string(term_id) + "/" + std::to_string(window) +
                                       "), then ask for the change");
            store::PeopleRequest change;
            change.kind = "roster_change";
            change.unit = w->unit;
            change.status = "pending";
            change.body = dump({{"term", term_id},
                                {"window", window},
                                {"effective", effective},
                                {"reason", reason},
                                {"version", l.draft->id}});
            return ask(ctx, change, principal.audit_name(), "change");
        });
    });

    get("/api/v1/roster-changes", [this, reader](const Request& req) {
        auto p = reader(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        Result<std::vector<store::PeopleRequest>> rows = std::vector<store::PeopleRequest>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->requests("roster_change");
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        for (const auto& r : *rows)
            if (std::get<Principal>(p).sees(r.unit)) out.push_back(request_json(r));
        return json_reply(200, {{"changes", out}});
    });

    post(R"(/api/v1/roster-changes/(\d+)/([^/]+))", [this, office, body_of](const Request& req) {
        if (req.matches[2] != "approve" && req.matches[2] != "refuse")
            return error_reply(404, errc::not_found, "a change is approved or refused");
        auto p = office(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        std::string note;
        if (!req.body.empty()) {
            auto body = body_of(req);
            if (auto* r = std::get_if<Reply>(&body)) return *r;
            BodyFields f(std::get<json>(body));
            note = f.text("reason", false).value_or("");
            if (!f.ok()) return f.problem();
        }
        return writer_->submit([by = std::get<Principal>(p).audit_name(),
                                id = path_id(req.matches[1]), verb = req.matches[2],
                                note](WriteContext& ctx) {
            auto found = find_request(ctx, id, "roster_change");
            if (auto* r = std::get_if<Reply>(&found)) return *r;
            store::PeopleRequest change = std::get<store::PeopleRequest>(found);
            if (verb == "refuse")
                return move(ctx, change, {"pending"}, "refused", true, by, note, "refuse",
                            "change");
            json body = json::parse(change.body, nullptr, false);
            int64_t term = body.value("term", int64_t(0)),
                    version = body.value("version", int64_t(0));
            std::string effective = body.value("effective", "");
            auto published = month_is_published(ctx, effective.substr(0, 7));
            if (!published) return internal_error_reply();
            if (*published)
                return error_reply(409, errc::month_published,
                                   "the attendance of " + effective.substr(0, 7) +
                                       " is published; take effect from a later date");
            auto versions = ctx.store.roster_versions(term);
            if (!versions) return ctx.fail(versions.error());
            const store::RosterVersion* draft = nullptr;
            for (const auto& v : *versions)
                if (v.id == version) draft = &v;
            if (!draft)
                return ctx.fail(Error{errc::internal, "the change's roster version is gone"});
            Reply answer =
                move(ctx, change, {"pending"}, "approved", true, by, note, "approve", "change");
            if (answer.status != 200) return answer;
            json decided = json::parse(answer.body)["change"];
            return publish(ctx, *draft, effective, by, "", decided);
        });
    });
}

}  // namespace onestop::hub
