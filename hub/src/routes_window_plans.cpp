// The hall office plans its windows (第七–十条): today's windows with every plan made
// (past and to come), and adding, changing or closing a window from a date on.
#include "commands.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/net/protocol.h"
#include "views.h"
#include "window_plans.h"

namespace onestop::hub {

void Hub::install_window_plan_routes() {
    get("/api/v1/office/windows", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "the windows' plans are for the hall office, the committee and the "
                         "units' leads");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const Principal& principal = std::get<Principal>(p);
        Result<std::vector<store::WindowPlan>> plans = std::vector<store::WindowPlan>{};
        {
            std::lock_guard lock(reader_.mu);
            plans = reader_.store->window_plans();
        }
        if (!plans) return internal_error_reply();
        std::string today = zone_.to_local(clock_->now()).date();
        return with_state([&](const HubState& s) {
            json windows = json::array(), rows = json::array();
            for (const auto& w : s.engine.hall().windows)
                if (principal.sees(w.unit)) windows.push_back(window_plan_json(w));
            for (const auto& plan : *plans) {
                json row = window_plan_row_json(plan, today);
                const queue::Window* now = s.engine.hall().find_window(plan.window);
                std::string unit = row["plan"].is_object() ? row["plan"].value("unit", "")
                                   : now                   ? now->unit
                                                           : "";
                if (principal.reads_all() || principal.sees(unit)) rows.push_back(row);
            }
            return json_reply(200, {{"today", today}, {"windows", windows}, {"plans", rows}});
        });
    });

    // POST /api/v1/windows {"effective","window":{…"number"…}}; PUT /api/v1/windows/{n}
    // {"effective","window":{…}}; DELETE /api/v1/windows/{n}?effective=YYYY-MM-DD.
    auto plan = [this](const Request& req, PlanKind kind) {
        auto p = who_may(req, &Principal::office, "only the hall office plans the windows");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        WindowPlanRequest request;
        request.kind = kind;
        request.by = std::get<Principal>(p).audit_name();
        if (kind == PlanKind::Close) {
            request.effective = req.get_param_value("effective");
        } else {
            auto body = net::parse_request_body(req.body);
            if (!body) return input_error_reply(body.error());
            if (!body->is_object() || !body->contains("window") || !body->contains("effective"))
                return error_reply(400, errc::missing_field,
                                   "effective (YYYY-MM-DD) and window ({name, unit, services, "
                                   "kind, hours, periods?}) are required");
            request.effective = net::field_string(*body, "effective");
            request.window_json = (*body)["window"];
        }
        if (kind == PlanKind::Add) {
            const json& number = request.window_json.is_object()
                                     ? request.window_json.value("number", json())
                                     : json();
            if (!number.is_number_integer() || number.get<int>() < 1 || number.get<int>() > 999)
                return error_reply(422, errc::invalid_field, "window.number must be 1 to 999");
            request.window = number.get<int>();
        } else {
            const std::string n = req.matches[1];
            request.window = n.size() > 3 ? 0 : std::stoi(n);
        }
        return writer_->submit([this, request = std::move(request)](WriteContext& ctx) {
            return plan_window(ctx, hall_, request);
        });
    };
    post("/api/v1/windows", [plan](const Request& req) { return plan(req, PlanKind::Add); });
    put(R"(/api/v1/windows/(\d+))",
        [plan](const Request& req) { return plan(req, PlanKind::Change); });
    del(R"(/api/v1/windows/(\d+))",
        [plan](const Request& req) { return plan(req, PlanKind::Close); });
}

}  // namespace onestop::hub
