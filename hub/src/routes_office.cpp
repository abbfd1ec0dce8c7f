// The hall office's reports (admin tokens): ratings per window (follow-ups: routes_followups.cpp;
// attendance: routes_attendance.cpp). Read through the reader connection; nothing here
// changes the hall.
#include "attendance.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/time.h"
#include "views.h"

namespace onestop::hub {

Result<std::string> date_prefix(const Request& req, TimePoint now) {
    std::string date = req.get_param_value("date");
    if (date.empty()) return to_local(now).date().substr(0, 7);
    // YYYY-MM or YYYY-MM-DD, checked by shape (no <regex>: GCC 12 warns inside it under ASan).
    auto digits = [&](size_t from, size_t n) {
        for (size_t i = from; i < from + n; ++i)
            if (i >= date.size() || date[i] < '0' || date[i] > '9') return false;
        return true;
    };
    bool month = date.size() == 7 && digits(0, 4) && date[4] == '-' && digits(5, 2);
    bool day = date.size() == 10 && digits(0, 4) && date[4] == '-' && digits(5, 2) &&
               date[7] == '-' && digits(8, 2);
    if (!month && !day)
        return make_error(errc::invalid_field, "date must be YYYY-MM or YYYY-MM-DD");
    return date;
}

void Hub::install_office_routes() {
    // The office and the committee read every unit's rows; a unit's lead its own unit's.
    auto reader = [this](const Request& req) {
        return who_may(req, &Principal::reads_a_unit,
                       "reports are for the hall office, the committee and the units' leads");
    };
    auto unit_of_window = [this](int window) {
        return with_state([&](const HubState& s) {
            const queue::Window* w = s.engine.hall().find_window(window);
            return w ? w->unit : std::string();
        });
    };

    get("/api/v1/reports/ratings", [this, reader, unit_of_window](const Request& req) {
        auto p = reader(req);
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        auto prefix = date_prefix(req, clock_->now());
        if (!prefix) return error_reply(422, prefix.error().code, prefix.error().message);
        Result<std::vector<store::RatingSummary>> rows = std::vector<store::RatingSummary>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->rating_summary(*prefix);
        }
        if (!rows) return internal_error_reply();
        json out = json::array();
        for (const auto& r : *rows) {
            std::string unit = unit_of_window(r.window);
            if (!principal.sees(unit)) continue;
            out.push_back({{"window", r.window},
                           {"unit", unit},
                           {"count", r.count},
                           {"average", r.average},
                           {"bad", r.bad}});
        }
        return json_reply(200, {{"date", *prefix}, {"windows", out}});
    });
}

}  // namespace onestop::hub
