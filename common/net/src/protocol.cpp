#include "onestop/net/protocol.h"

#include <algorithm>
#include <iterator>

#include <nlohmann/json.hpp>

#include "json_reader.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"

namespace onestop::net {

using detail::bad;
using detail::Reader;

namespace {

// Unwraps {"key": {...}} and checks it is an object.
const Json* member_object(const Json& body, const char* key) {
    if (!body.is_object()) return nullptr;
    auto it = body.find(key);
    if (it == body.end() || !it->is_object()) return nullptr;
    return &*it;
}

Json string_or_null(const std::string& s) {
    return s.empty() ? Json(nullptr) : Json(s);
}

StaffRef read_staff(const Json& j, Reader& parent, const char* name) {
    Reader r{j};
    StaffRef s{r.str("number"), r.str("name"), r.str("unit")};
    if (!j.is_object() || !r.ok()) parent.fail(name);
    return s;
}

// A window's staff carries no unit; the session answer's always does.
Json staff_json(const StaffRef& s, bool with_unit) {
    Json j = {{"number", s.number}, {"name", s.name}};
    if (with_unit || !s.unit.empty()) j["unit"] = s.unit;
    return j;
}

}  // namespace

Result<WindowState> parse_window_state(const Json& j) {
    Reader r{j};
    WindowState w;
    w.number = static_cast<int>(r.integer("number", true));
    w.name = r.text("name");
    w.unit = r.str("unit");
    w.services = r.strings("services");
    w.status = r.str("status");
    if (const Json* c = r.field("current")) {
        if (c->is_string())
            w.current = c->get<std::string>();
        else
            r.fail("current");
    }
    if (const Json* s = r.field("staff")) w.staff = read_staff(*s, r, "staff");
    if (!r.ok()) return bad("window field '" + r.failed + "'");
    return w;
}

const char* to_string(PauseReason reason) {
    switch (reason) {
        case PauseReason::Break:
            return "break";
        case PauseReason::Meeting:
            return "meeting";
        case PauseReason::Other:
            return "other";
    }
    return "other";
}

Result<Ticket> parse_ticket(const Json& j) {
    if (!j.is_object()) return bad("ticket is not an object");
    Reader r{j};
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
    if (r.field("estimated_wait_min"))
        t.estimated_wait_min = static_cast<int>(r.integer("estimated_wait_min"));
    t.promised_date = r.str("promised_date");
    t.service_day = r.str("service_day");
    if (!r.ok()) return bad("ticket field '" + r.failed + "'");
    return t;
}

Result<ServiceInfo> parse_service(const Json& j) {
    if (!j.is_object()) return bad("service is not an object");
    Reader r{j};
    ServiceInfo s;
    s.code = r.str("code", true);
    s.name = r.text("name");
    s.unit = r.str("unit");
    s.unit_name = r.text("unit_name");
    s.mode = r.str("mode");
    s.materials = r.texts("materials");
    s.open = r.boolean("open");
    s.next_open = r.str("next_open");
    s.who_may_apply = r.text("who_may_apply");
    s.steps = r.texts("steps");
    s.promised_days = static_cast<int>(r.integer("promised_days"));
    s.partner_units = r.strings("partner_units");
    s.minutes_per_ticket = static_cast<int>(r.integer("minutes_per_ticket"));
    s.waiting = static_cast<int>(r.integer("waiting"));
    s.estimated_wait_min = static_cast<int>(r.integer("estimated_wait_min"));
    if (!r.ok()) return bad("service field '" + r.failed + "'");
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
    Reader r{body};
    QueueSnapshot q;
    q.now = r.str("now");
    if (const Json* list = r.field("services"); list && list->is_array()) {
        for (const auto& v : *list) {
            Reader sr{v};
            ServiceWaiting s{sr.str("code", true), static_cast<int>(sr.integer("waiting")),
                             sr.boolean("open"),
                             static_cast<int>(sr.integer("estimated_wait_min"))};
            if (!sr.ok()) return bad("queue service field '" + sr.failed + "'");
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
            Reader cr{v};
            RecentCall c{cr.str("number", true), static_cast<int>(cr.integer("window")),
                         cr.str("at")};
            if (!cr.ok()) return bad("recent call field '" + cr.failed + "'");
            q.recent_calls.push_back(std::move(c));
        }
    }
    if (!r.ok()) return bad("queue field '" + r.failed + "'");
    return q;
}

Result<WindowInfo> parse_window_info(const Json& body) {
    const Json* w = member_object(body, "window");
    if (!w) return bad("no 'window' object");
    auto state = parse_window_state(*w);
    if (!state) return state.error();
    Reader r{*w};
    WindowInfo info{std::move(*state), static_cast<int>(r.integer("waiting")),
                    r.str("pause_reason"), r.str("kind")};
    if (!r.ok()) return bad("window field '" + r.failed + "'");
    return info;
}

Result<SessionInfo> parse_session(const Json& body) {
    if (!body.is_object()) return bad("session answer is not an object");
    Reader r{body};
    SessionInfo s;
    s.session = r.str("session", true);
    if (const Json* staff = member_object(body, "staff")) s.staff = read_staff(*staff, r, "staff");
    if (const Json* window = member_object(body, "window")) {
        Reader wr{*window};
        s.window = static_cast<int>(wr.integer("number"));
        s.window_name = wr.text("name");
        if (!wr.ok()) r.fail("window");
    }
    if (!r.ok()) return bad("session field '" + r.failed + "'");
    return s;
}

Result<Health> parse_health(const Json& body) {
    Reader r{body};
    Health h{r.str("status", true), r.str("version"), r.str("hub_id")};
    if (!r.ok()) return bad("health field '" + r.failed + "'");
    return h;
}

Result<std::vector<RatingReason>> parse_rating_reasons(const Json& body) {
    if (!body.is_object() || !body.contains("reasons") || !body["reasons"].is_array())
        return bad("no 'reasons' list");
    std::vector<RatingReason> out;
    for (const auto& v : body["reasons"]) {
        Reader r{v};
        RatingReason reason{r.str("code", true), Text{r.str("zh"), r.str("en")}};
        if (!r.ok()) return bad("rating reason field '" + r.failed + "'");
        out.push_back(std::move(reason));
    }
    return out;
}

Result<Lease> parse_lease(const Json& body) {
    Reader r{body};
    Lease l{r.str("service", true), r.str("service_day", true),
            static_cast<int>(r.integer("first", true)), static_cast<int>(r.integer("count", true)),
            r.str("hub_id")};
    if (!r.ok()) return bad("lease field '" + r.failed + "'");
    return l;
}

Result<HeldLeases> parse_held_leases(const Json& body) {
    Reader r{body};
    HeldLeases held{r.str("hub_id", true), {}};
    if (!r.ok()) return bad("leases field '" + r.failed + "'");
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
        Reader r{*renumbered};
        answer.printed = r.str("printed", true);
        if (!r.ok()) return bad("renumbered field '" + r.failed + "'");
    }
    return answer;
}

Result<Text> parse_notice(const Json& body) {
    Reader r{body};
    const Json* text = r.field("text");
    if (!text) return make_error(errc::missing_field, "field 'text' is required");
    if (!text->is_object())
        return make_error(errc::wrong_type, "field 'text' must be {\"zh\",\"en\"}");
    Reader tr{*text, "text"};
    Text t{tr.str("zh", true, 2000), tr.str("en", true, 2000)};
    if (!tr.ok()) return tr.error;
    return t;
}

Result<LoginRequest> parse_login(const Json& body) {
    Reader r{body};
    LoginRequest login{r.str("login", true, 64), r.str("password", true, 1024)};
    if (!r.ok()) return r.error;
    return login;
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

Result<ApiError> parse_api_error(const Json& body) {
    const Json* e = member_object(body, "error");
    if (!e) return bad("no 'error' object");
    Reader r{*e};
    ApiError error{r.str("code", true), r.str("message"), std::nullopt};
    if (auto it = e->find("next_open"); it != e->end()) {
        if (it->is_null())
            error.next_open = "";
        else
            error.next_open = r.str("next_open");
    }
    if (!r.ok()) return bad("error field '" + r.failed + "'");
    return error;
}

Result<Json> parse_request_body(const std::string& text) {
    if (text.empty()) return Json::object();
    Json j = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
        return make_error(errc::malformed_json, "the request body is not valid JSON in UTF-8");
    if (!j.is_object())
        return make_error(errc::malformed_json, "the request body must be a JSON object");
    return j;
}

Result<IssueRequest> parse_issue_request(const Json& body) {
    Reader r{body};
    IssueRequest req;
    req.service = r.str("service", true, 8);
    req.priority = r.boolean("priority") ? Priority::Green : Priority::Normal;
    req.request_id = r.str("request_id", false, 128);
    if (const Json* id = r.field("request_id"); id && id->is_string() && req.request_id.empty())
        r.invalid("request_id", "must not be empty");
    if (const Json* leased = r.field("leased")) {
        if (!leased->is_object()) r.wrong_type("leased", "an object");
        Reader lr{*leased, "leased"};
        req.leased_service_day = lr.str("service_day", true, 10);
        req.leased_sequence = static_cast<int>(lr.integer("sequence", true));
        req.leased_hub_id = lr.str("hub_id", false, 64);
        if (lr.ok() && !parse_date(*req.leased_service_day))
            lr.invalid("service_day", "must be a date YYYY-MM-DD");
        if (lr.ok() && (*req.leased_sequence < 1 || *req.leased_sequence > 9999))
            lr.invalid("sequence", "must be 1…9999");
        r.adopt(lr);
        req.issued_at = r.str("issued_at", true, 40);
        if (r.ok() && !parse_iso8601(req.issued_at))
            r.invalid("issued_at", "must be an ISO 8601 time with offset");
        if (r.ok() && req.request_id.empty()) r.missing("request_id");
    }
    if (!r.ok()) return r.error;
    return req;
}

Result<Evaluation> parse_evaluation(const Json& body) {
    Reader r{body};
    Evaluation e{r.integer("ticket", true),
                 r.str("code", false, 64),
                 static_cast<int>(r.integer("level", true)),
                 r.strings("reasons", 20),
                 r.str("comment"),
                 r.str("contact", false, 32)};
    if (!r.ok()) return r.error;
    return e;
}

bool is_phone(std::string_view text) {
    int digits = 0;
    for (char c : text) {
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c != '+' && c != '-' && c != ' ')
            return false;
    }
    return digits >= 5 && digits <= 20;
}

Status check_evaluation(const Evaluation& e) {
    if (e.level < 1 || e.level > 5)
        return make_error(errc::invalid_field,
                          "field 'level' must be 1…5 (5 非常满意 … 1 非常不满意)");
    if (e.comment.size() > 2000)
        return make_error(errc::invalid_field, "field 'comment' is longer than 2000 bytes");
    if (!e.contact.empty() && !is_phone(e.contact))
        return make_error(errc::invalid_field,
                          "field 'contact' must be a phone number: 5–20 digits, + - and spaces");
    return {};
}

Result<LeaseRequest> parse_lease_request(const Json& body) {
    Reader r{body};
    LeaseRequest req{r.str("service", true, 8), static_cast<int>(r.integer("count", true))};
    if (r.ok() && (req.count < 1 || req.count > 200)) r.invalid("count", "must be 1…200");
    if (!r.ok()) return r.error;
    return req;
}

Result<SignIn> parse_sign_in(const Json& body) {
    Reader r{body};
    SignIn s{static_cast<int>(r.integer("window", true)), r.str("staff", true, 32),
             r.str("pin", true, 64)};
    if (!r.ok()) return r.error;
    return s;
}

Result<Transfer> parse_transfer(const Json& body) {
    Reader r{body};
    Transfer t{r.str("service", false, 8), static_cast<int>(r.integer("window"))};
    if (!r.ok()) return r.error;
    if (!r.field("service") == !r.field("window"))
        return make_error(errc::missing_field,
                          "give either 'service' (a code) or 'window' (a number)");
    return t;
}

Result<Pause> parse_pause(const Json& body) {
    Reader r{body};
    std::string reason = r.str("reason", false, 20);
    if (!r.ok()) return r.error;
    if (reason.empty()) return Pause{};
    for (auto candidate : {PauseReason::Break, PauseReason::Meeting, PauseReason::Other})
        if (reason == to_string(candidate)) return Pause{candidate};
    return make_error(errc::invalid_field, "field 'reason' must be break, meeting or other");
}

Result<Alert> parse_alert(const Json& body) {
    Reader r{body};
    Alert a{r.str("kind", true, 40), r.str("message", false, 500)};
    if (!r.ok()) return r.error;
    if (std::find(std::begin(kAlertKinds), std::end(kAlertKinds), a.kind) == std::end(kAlertKinds))
        return make_error(errc::invalid_field,
                          "field 'kind' must be printer_paper_end, printer_cover_open, "
                          "printer_offline, printer_error, ticket_renumbered or ticket_refused");
    return a;
}

Json to_json(const Text& text) {
    return {{"zh", text.zh}, {"en", text.en}};
}

Json texts_json(const std::vector<Text>& texts) {
    Json out = Json::array();
    for (const auto& t : texts) out.push_back(to_json(t));
    return out;
}

Json to_json(const Ticket& t) {
    Json j = {{"id", t.id},
              {"number", t.number},
              {"service", t.service},
              {"status", t.status},
              {"priority", t.priority},
              {"issued_at", t.issued_at},
              {"called_at", string_or_null(t.called_at)},
              {"window", t.window},
              {"waiting_ahead", t.waiting_ahead},
              {"service_day", t.service_day}};
    if (t.estimated_wait_min) j["estimated_wait_min"] = *t.estimated_wait_min;
    if (!t.promised_date.empty()) j["promised_date"] = t.promised_date;
    if (!t.code.empty()) j["code"] = t.code;
    if (!t.url.empty()) j["url"] = t.url;
    return j;
}

Json to_json(const ServiceInfo& s) {
    return {{"code", s.code},
            {"name", to_json(s.name)},
            {"unit", s.unit},
            {"unit_name", to_json(s.unit_name)},
            {"mode", s.mode},
            {"materials", texts_json(s.materials)},
            {"open", s.open},
            {"next_open", string_or_null(s.next_open)},
            {"who_may_apply", to_json(s.who_may_apply)},
            {"steps", texts_json(s.steps)},
            {"promised_days", s.promised_days},
            {"partner_units", s.partner_units},
            {"minutes_per_ticket", s.minutes_per_ticket},
            {"waiting", s.waiting},
            {"estimated_wait_min", s.estimated_wait_min}};
}

Json to_json(const std::vector<ServiceInfo>& services) {
    Json list = Json::array();
    for (const auto& s : services) list.push_back(to_json(s));
    return {{"services", list}};
}

Json to_json(const WindowState& w) {
    return {{"number", w.number},
            {"name", to_json(w.name)},
            {"unit", w.unit},
            {"services", w.services},
            {"status", w.status},
            {"current", w.current ? Json(*w.current) : Json(nullptr)},
            {"staff", w.staff ? staff_json(*w.staff, false) : Json(nullptr)}};
}

Json to_json(const WindowInfo& info) {
    Json w = to_json(info.window);
    w["waiting"] = info.waiting;
    w["pause_reason"] = string_or_null(info.pause_reason);
    w["kind"] = info.kind;
    return {{"window", w}};
}

Json to_json(const QueueSnapshot& q) {
    Json services = Json::array();
    for (const auto& s : q.services)
        services.push_back({{"code", s.code},
                            {"waiting", s.waiting},
                            {"open", s.open},
                            {"estimated_wait_min", s.estimated_wait_min}});
    Json windows = Json::array();
    for (const auto& w : q.windows) windows.push_back(to_json(w));
    Json calls = Json::array();
    for (const auto& c : q.recent_calls)
        calls.push_back({{"number", c.number}, {"window", c.window}, {"at", c.at}});
    return {{"now", q.now}, {"services", services}, {"windows", windows}, {"recent_calls", calls}};
}

Json to_json(const SessionInfo& s) {
    return {{"session", s.session},
            {"staff", staff_json(s.staff, true)},
            {"window", {{"number", s.window}, {"name", to_json(s.window_name)}}}};
}

Json to_json(const Health& h) {
    return {{"status", h.status}, {"version", h.version}, {"hub_id", h.hub_id}};
}

Json to_json(const std::vector<RatingReason>& reasons) {
    Json list = Json::array();
    for (const auto& r : reasons)
        list.push_back({{"code", r.code}, {"zh", r.text.zh}, {"en", r.text.en}});
    return {{"reasons", list}};
}

Json to_json(const Lease& l) {
    Json j = {{"service", l.service},
              {"service_day", l.service_day},
              {"first", l.first},
              {"count", l.count}};
    if (!l.hub_id.empty()) j["hub_id"] = l.hub_id;
    return j;
}

Json to_json(const HeldLeases& held) {
    Json list = Json::array();
    for (const auto& l : held.leases) list.push_back(to_json(l));
    return {{"hub_id", held.hub_id}, {"leases", list}};
}

Json to_json(const IssueAnswer& answer) {
    Json j = {{"ticket", to_json(answer.ticket)}};
    if (!answer.printed.empty()) j["renumbered"] = {{"printed", answer.printed}};
    return j;
}

Json notice_json(const Text& text) {
    return {{"text", to_json(text)}};
}

Json to_json(const ApiError& error) {
    Json e = {{"code", error.code}, {"message", error.message}};
    Json j = Json::object();
    if (error.next_open) {
        e["next_open"] = string_or_null(*error.next_open);
        j["next_open"] = e["next_open"];
    }
    j["error"] = std::move(e);
    return j;
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
    Json j = {{"ticket", evaluation.ticket},
              {"level", evaluation.level},
              {"reasons", evaluation.reasons}};
    if (!evaluation.code.empty()) j["code"] = evaluation.code;
    if (!evaluation.comment.empty()) j["comment"] = evaluation.comment;
    if (!evaluation.contact.empty()) j["contact"] = evaluation.contact;
    return j;
}

Json to_json(const LeaseRequest& request) {
    return {{"service", request.service}, {"count", request.count}};
}

Json to_json(const SignIn& sign_in) {
    return {{"window", sign_in.window}, {"staff", sign_in.staff}, {"pin", sign_in.pin}};
}

Json to_json(const Transfer& transfer) {
    if (!transfer.service.empty()) return {{"service", transfer.service}};
    return {{"window", transfer.window}};
}

Json to_json(const Pause& pause) {
    return {{"reason", to_string(pause.reason)}};
}

Json to_json(const Alert& alert) {
    return {{"kind", alert.kind}, {"message", alert.message}};
}

}  // namespace onestop::net
