#include "onestop/net/protocol.h"

#include <nlohmann/json.hpp>

namespace onestop::net {
namespace {

Error bad(const std::string& what) {
    return make_error("bad_response", "the hub's answer is not as expected: " + what);
}

// Field readers: absent or null fields yield the fallback; a field of the wrong type
// sets `ok` to false so the parser can name it.
struct Reader {
    const Json& j;
    std::string failed;  // first bad field

    const Json* field(const char* name) {
        if (!j.is_object()) return nullptr;
        auto it = j.find(name);
        if (it == j.end() || it->is_null()) return nullptr;
        return &*it;
    }
    void fail(const char* name) {
        if (failed.empty()) failed = name;
    }
    std::string str(const char* name, bool required = false) {
        const Json* f = field(name);
        if (!f) {
            if (required) fail(name);
            return {};
        }
        if (!f->is_string()) {
            fail(name);
            return {};
        }
        return f->get<std::string>();
    }
    std::int64_t integer(const char* name, bool required = false) {
        const Json* f = field(name);
        if (!f) {
            if (required) fail(name);
            return 0;
        }
        if (!f->is_number_integer()) {
            fail(name);
            return 0;
        }
        return f->get<std::int64_t>();
    }
    bool boolean(const char* name) {
        const Json* f = field(name);
        if (!f) return false;
        if (!f->is_boolean()) {
            fail(name);
            return false;
        }
        return f->get<bool>();
    }
    Text text(const char* name) {
        const Json* f = field(name);
        if (!f) return {};
        return text_of(*f, name);
    }
    Text text_of(const Json& v, const char* name) {
        if (v.is_string()) return {v.get<std::string>(), v.get<std::string>()};
        if (v.is_object()) {
            Reader r{v, {}};
            Text t{r.str("zh"), r.str("en")};
            if (!r.failed.empty()) fail(name);
            return t;
        }
        fail(name);
        return {};
    }
    std::vector<std::string> strings(const char* name) {
        std::vector<std::string> out;
        const Json* f = field(name);
        if (!f) return out;
        if (!f->is_array()) {
            fail(name);
            return out;
        }
        for (const auto& v : *f) {
            if (v.is_string()) out.push_back(v.get<std::string>());
            else fail(name);
        }
        return out;
    }
};

// Unwraps {"key": {...}} and checks it is an object.
const Json* member_object(const Json& body, const char* key) {
    if (!body.is_object()) return nullptr;
    auto it = body.find(key);
    if (it == body.end() || !it->is_object()) return nullptr;
    return &*it;
}

Result<WindowState> parse_window_state(const Json& j) {
    Reader r{j, {}};
    WindowState w;
    w.number = static_cast<int>(r.integer("number", true));
    w.name = r.text("name");
    w.unit = r.str("unit");
    w.services = r.strings("services");
    w.status = r.str("status");
    if (const Json* c = r.field("current")) {
        if (c->is_string()) w.current = c->get<std::string>();
        else r.fail("current");
    }
    if (const Json* s = r.field("staff")) {
        Reader sr{*s, {}};
        if (!s->is_object()) r.fail("staff");
        else w.staff = StaffRef{sr.str("number"), sr.str("name"), sr.str("unit")};
    }
    if (!r.failed.empty()) return bad("window field '" + r.failed + "'");
    return w;
}

}  // namespace

const char* to_string(PauseReason reason) {
    switch (reason) {
        case PauseReason::Break: return "break";
        case PauseReason::Meeting: return "meeting";
        case PauseReason::Other: return "other";
    }
    return "other";
}

Result<Ticket> parse_ticket(const Json& j) {
    if (!j.is_object()) return bad("ticket is not an object");
    Reader r{j, {}};
    Ticket t;
    t.id = r.integer("id", true);
    t.number = r.str("number", true);
    t.service = r.str("service");
    t.status = r.str("status", true);
    t.priority = r.boolean("priority");
    t.issued_at = r.str("issued_at");
    t.called_at = r.str("called_at");
    t.window = static_cast<int>(r.integer("window"));
    t.waiting_ahead = static_cast<int>(r.integer("waiting_ahead"));
    t.code = r.str("code");
    t.url = r.str("url");
    if (r.field("estimated_wait_min")) t.estimated_wait_min = static_cast<int>(r.integer("estimated_wait_min"));
    t.promised_date = r.str("promised_date");
    if (!r.failed.empty()) return bad("ticket field '" + r.failed + "'");
    return t;
}

Result<ServiceInfo> parse_service(const Json& j) {
    if (!j.is_object()) return bad("service is not an object");
    Reader r{j, {}};
    ServiceInfo s;
    s.code = r.str("code", true);
    s.name = r.text("name");
    s.unit = r.str("unit");
    s.mode = r.str("mode");
    if (const Json* m = r.field("materials")) {
        if (m->is_array()) {
            for (const auto& v : *m) s.materials.push_back(r.text_of(v, "materials"));
        } else {
            r.fail("materials");
        }
    }
    s.open = r.boolean("open");
    s.next_open = r.str("next_open");
    if (!r.failed.empty()) return bad("service field '" + r.failed + "'");
    return s;
}

Result<std::vector<ServiceInfo>> parse_services(const Json& body) {
    if (!body.is_object() || !body.contains("services") || !body["services"].is_array())
        return bad("no 'services' list");
    std::vector<ServiceInfo> out;
    for (const auto& v : body["services"]) {
        auto s = parse_service(v);
        if (!s) return s.error();
        out.push_back(std::move(*s));
    }
    return out;
}

Result<QueueSnapshot> parse_queue(const Json& body) {
    if (!body.is_object()) return bad("queue is not an object");
    Reader r{body, {}};
    QueueSnapshot q;
    q.now = r.str("now");
    if (const Json* list = r.field("services"); list && list->is_array()) {
        for (const auto& v : *list) {
            Reader sr{v, {}};
            ServiceWaiting s{sr.str("code", true), static_cast<int>(sr.integer("waiting")),
                             sr.boolean("open")};
            if (!sr.failed.empty()) return bad("queue service field '" + sr.failed + "'");
            q.services.push_back(std::move(s));
        }
    } else {
        return bad("queue without 'services'");
    }
    if (const Json* list = r.field("windows"); list && list->is_array()) {
        for (const auto& v : *list) {
            auto w = parse_window_state(v);
            if (!w) return w.error();
            q.windows.push_back(std::move(*w));
        }
    } else {
        return bad("queue without 'windows'");
    }
    if (const Json* list = r.field("recent_calls"); list && list->is_array()) {
        for (const auto& v : *list) {
            Reader cr{v, {}};
            RecentCall c{cr.str("number", true), static_cast<int>(cr.integer("window")), cr.str("at")};
            if (!cr.failed.empty()) return bad("recent call field '" + cr.failed + "'");
            q.recent_calls.push_back(std::move(c));
        }
    }
    if (!r.failed.empty()) return bad("queue field '" + r.failed + "'");
    return q;
}

Result<WindowInfo> parse_window_info(const Json& body) {
    const Json* w = member_object(body, "window");
    if (!w) return bad("no 'window' object");
    auto state = parse_window_state(*w);
    if (!state) return state.error();
    Reader r{*w, {}};
    WindowInfo info{std::move(*state), static_cast<int>(r.integer("waiting")), r.str("pause_reason")};
    if (!r.failed.empty()) return bad("window field '" + r.failed + "'");
    return info;
}

Result<SessionInfo> parse_session(const Json& body) {
    if (!body.is_object()) return bad("session answer is not an object");
    Reader r{body, {}};
    SessionInfo s;
    s.session = r.str("session", true);
    if (const Json* staff = member_object(body, "staff")) {
        Reader sr{*staff, {}};
        s.staff = StaffRef{sr.str("number"), sr.str("name"), sr.str("unit")};
        if (!sr.failed.empty()) r.fail("staff");
    }
    if (const Json* window = member_object(body, "window")) {
        Reader wr{*window, {}};
        s.window = static_cast<int>(wr.integer("number"));
        s.window_name = wr.text("name");
        if (!wr.failed.empty()) r.fail("window");
    }
    if (!r.failed.empty()) return bad("session field '" + r.failed + "'");
    return s;
}

Result<Health> parse_health(const Json& body) {
    Reader r{body, {}};
    Health h{r.str("status", true), r.str("version"), r.str("hub_id")};
    if (!r.failed.empty()) return bad("health field '" + r.failed + "'");
    return h;
}

Result<std::vector<RatingReason>> parse_rating_reasons(const Json& body) {
    if (!body.is_object() || !body.contains("reasons") || !body["reasons"].is_array())
        return bad("no 'reasons' list");
    std::vector<RatingReason> out;
    for (const auto& v : body["reasons"]) {
        Reader r{v, {}};
        RatingReason reason{r.str("code", true), Text{r.str("zh"), r.str("en")}};
        if (!r.failed.empty()) return bad("rating reason field '" + r.failed + "'");
        out.push_back(std::move(reason));
    }
    return out;
}

Result<Lease> parse_lease(const Json& body) {
    Reader r{body, {}};
    Lease l{r.str("service", true), r.str("service_day", true),
            static_cast<int>(r.integer("first", true)), static_cast<int>(r.integer("count", true)),
            r.str("hub_id")};
    if (!r.failed.empty()) return bad("lease field '" + r.failed + "'");
    return l;
}

Result<HeldLeases> parse_held_leases(const Json& body) {
    Reader r{body, {}};
    HeldLeases held{r.str("hub_id", true), {}};
    if (!r.failed.empty()) return bad("leases field '" + r.failed + "'");
    const Json* list = r.field("leases");
    if (!list || !list->is_array()) return bad("no 'leases' list");
    for (const auto& v : *list) {
        auto lease = parse_lease(v);
        if (!lease) return lease.error();
        held.leases.push_back(std::move(*lease));
    }
    return held;
}

Result<IssueAnswer> parse_issue_answer(const Json& body) {
    const Json* ticket = member_object(body, "ticket");
    if (!ticket) return bad("no 'ticket' object");
    auto t = parse_ticket(*ticket);
    if (!t) return t.error();
    IssueAnswer answer{std::move(*t), {}};
    if (const Json* renumbered = member_object(body, "renumbered")) {
        Reader r{*renumbered, {}};
        answer.printed = r.str("printed", true);
        if (!r.failed.empty()) return bad("renumbered field '" + r.failed + "'");
    }
    return answer;
}

Result<Text> parse_notice(const Json& body) {
    Reader r{body, {}};
    if (!r.field("text")) return bad("no notice 'text'");
    Text t = r.text("text");
    if (!r.failed.empty()) return bad("notice field '" + r.failed + "'");
    return t;
}

std::int64_t field_int(const Json& object, const char* key, std::int64_t fallback) {
    if (!object.is_object()) return fallback;
    auto it = object.find(key);
    return it != object.end() && it->is_number_integer() ? it->get<std::int64_t>() : fallback;
}

std::string field_string(const Json& object, const char* key, const std::string& fallback) {
    if (!object.is_object()) return fallback;
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : fallback;
}

Json to_json(const IssueRequest& request) {
    Json j = {{"service", request.service},
              {"priority", request.priority == Priority::Green},
              {"request_id", request.request_id}};
    if (request.leased_service_day && request.leased_sequence) {
        j["leased"] = {{"service_day", *request.leased_service_day},
                       {"sequence", *request.leased_sequence}};
        if (!request.leased_hub_id.empty()) j["leased"]["hub_id"] = request.leased_hub_id;
    }
    if (!request.issued_at.empty()) j["issued_at"] = request.issued_at;
    return j;
}

Json to_json(const Evaluation& evaluation) {
    Json j = {{"ticket", evaluation.ticket}, {"level", evaluation.level}, {"reasons", evaluation.reasons}};
    if (!evaluation.code.empty()) j["code"] = evaluation.code;
    if (!evaluation.comment.empty()) j["comment"] = evaluation.comment;
    return j;
}

}  // namespace onestop::net
