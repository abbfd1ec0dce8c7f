// Complaints (complaints.h): POST /api/v1/complaints from anyone, GET /api/v1/complaints
// (office, viewer, a unit's lead its own) and /complaints/{id} (those, or the complainant with
// ?code=), POST /api/v1/complaints/{id}/answer · /route · /wait · /resume by the unit or the
// office, and /add by the complainant with the code (CONTRACT).
#include "body_fields.h"
#include "complaints.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"
#include "onestop/store/secrets.h"
#include "people_requests.h"

namespace onestop::hub {

namespace {

// {"window":3} → "window:3", {"staff":"S001"}, {"service":"A"}, {} → "hall"; "" when wrong.
std::string about_of(const json& about) {
    if (!about.is_object() || about.size() > 1) return "";
    if (about.empty()) return "hall";
    const std::string key = about.begin().key();
    const json& value = about.begin().value();
    if (key == "window" && value.is_number_integer())
        return "window:" + std::to_string(value.get<int64_t>());
    if ((key == "staff" || key == "service") && value.is_string() &&
        is_label(value.get<std::string>(), 16))
        return key + ":" + value.get<std::string>();
    return "";
}

}  // namespace

void Hub::install_complaint_routes() {
    auto today = [this] { return zone_.to_local(clock_->now()).date(); };
    auto read = [this](int64_t id) {
        std::lock_guard lock(reader_.mu);
        return reader_.store->complaint(id);
    };
    auto read_steps = [this](int64_t id) {
        std::lock_guard lock(reader_.mu);
        return reader_.store->complaint_steps(id);
    };

    post("/api/v1/complaints", [this](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        ComplaintIntake in;
        in.channel = f.text("channel", true).value_or("");
        in.text = f.text("text", true).value_or("");
        in.contact = f.text("contact", false).value_or("");
        in.about = about_of(body->value("about", json::object()));
        if (f.ok() && in.about.empty())
            f.invalid(
                "about must be {\"window\":N}, {\"staff\":\"NO\"}, {\"service\":\"A\"} or {} (the "
                "hall itself)");
        if (!f.ok()) return f.problem();
        bool anonymous = principal.kind == Principal::Kind::Anonymous;
        TimePoint now = clock_->now();
        if (int wait = anonymous ? public_complaints_.wait_for(req.remote_addr, now) : 0) {
            Reply r = error_reply(429, errc::too_many_tries,
                                  "10 complaints from this address in an hour; try again in " +
                                      std::to_string(wait) + " s, or call the hall office");
            r.headers = {{"Retry-After", std::to_string(wait)}};
            return r;
        }
        in.entered_by = anonymous ? "public" : principal.audit_name();
        in.public_url = options_.public_url;
        Reply filed = writer_->submit(
            [in = std::move(in)](WriteContext& ctx) { return file_complaint(ctx, in); });
        if (anonymous && filed.status == 201) public_complaints_.record(req.remote_addr, now);
        return filed;
    });

    get("/api/v1/complaints", [this, today](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "complaints are for the hall office, the committee and the units' leads");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        bool open_only = req.get_param_value("status") != "all";
        Result<std::vector<store::Complaint>> rows = std::vector<store::Complaint>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->complaints(open_only);
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        std::string day = today();
        for (const auto& c : *rows)
            if (principal.sees(c.unit)) out.push_back(complaint_json(c, {}, day, true));
        return json_reply(200, {{"complaints", out}});
    });

    get(R"(/api/v1/complaints/(\d+))", [this, today, read, read_steps](const Request& req) {
        auto p = who(req);
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        auto found = read(path_id(req.matches[1]));
        if (!found) return internal_error_reply();
        if (!*found)
            return error_reply(404, errc::complaint_unknown,
                               "there is no complaint " + std::string(req.matches[1]));
        const store::Complaint& c = **found;
        const std::string code = req.get_param_value("code");
        bool by_code = !code.empty() && store::same_hash(code, c.code);
        bool by_role = principal.sees(c.unit);
        if (!by_code && !by_role) {
            if (code.empty() && principal.kind == Principal::Kind::Anonymous)
                return unauthorized("the complaint's code (?code=…) or a sign-in is needed");
            return forbidden(code.empty() ? "complaint " + c.number + " is another unit's"
                                          : "the complaint's code does not match");
        }
        auto steps = read_steps(c.id);
        if (!steps) return internal_error_reply();
        return json_reply(200, {{"complaint", complaint_json(c, *steps, today(), by_role)}});
    });

    post(R"(/api/v1/complaints/(\d+)/([^/]+))", [this](const Request& req) {
        ComplaintStepRequest s;
        s.id = path_id(req.matches[1]);
        s.verb = req.matches[2];
        if (s.verb != "answer" && s.verb != "route" && s.verb != "wait" && s.verb != "resume" &&
            s.verb != "add")
            return error_reply(404, errc::not_found,
                               "a complaint is answered, routed, waits, resumes or is added to");
        auto p = s.verb == "add" ? who(req)
                                 : who_may(req, &Principal::changes_a_unit,
                                           "complaints are handled by the units' leads and the "
                                           "hall office");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        if (s.verb == "answer") {
            s.finding = f.text("finding", true).value_or("");
            s.action = f.text("action", false).value_or("");
            s.reply = f.text("reply", true).value_or("");
        } else if (s.verb == "route") {
            s.unit = f.text("unit", true).value_or("");
        } else if (s.verb == "add") {
            s.code = f.text("code", true).value_or("");
            s.note = f.text("text", true).value_or("");
        } else {
            s.note = f.text("note", s.verb == "wait").value_or("");
        }
        if (!f.ok()) return f.problem();
        return writer_->submit([principal = std::get<Principal>(p), s](WriteContext& ctx) {
            return step_complaint(ctx, principal, s);
        });
    });
}

}  // namespace onestop::hub
