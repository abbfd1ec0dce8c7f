// The month's 好差评 summary (rating_summary.h), public: GET /api/v1/reports/ratings-summary
// ?date=YYYY-MM as JSON and the page `/ratings?date=YYYY-MM` (公示), default this month.
#include <cstdio>

#include "attendance.h"
#include "html.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "rating_summary.h"

namespace onestop::hub {

using config::Lang;

namespace {

std::string percent(const json& rate) {
    if (rate.is_null()) return "—";
    char out[16];
    std::snprintf(out, sizeof out, "%.1f%%", rate.get<double>() * 100);
    return out;
}

std::string cells(const json& t) {
    std::string out;
    for (const std::string& v : {std::to_string(t["ratings"].get<int>()),
                                 t["average"].is_null() ? std::string("—") : t["average"].dump(),
                                 percent(t["satisfied_rate"]), std::to_string(t["bad"].get<int>()),
                                 percent(t["rectification_rate"]), percent(t["on_time_rate"])})
        out += "<td class=\"num\">" + escape(v) + "</td>";
    return out;
}

}  // namespace

void Hub::install_rating_summary_routes() {
    // The month asked for, or this month; an error reply for another shape.
    auto summary = [this](const Request& req) -> std::variant<json, Reply> {
        std::string month = req.get_param_value("date");
        if (month.empty()) month = zone_.to_local(clock_->now()).date().substr(0, 7);
        if (!month_period(month))
            return error_reply(422, errc::invalid_field, "date must be YYYY-MM");
        Result<std::vector<store::Rating>> rows = std::vector<store::Rating>{};
        {
            std::lock_guard lock(reader_.mu);
            rows = reader_.store->ratings(month);
        }
        if (!rows) return internal_error_reply();
        return rating_summary(*rows, hall_, zone_, month);
    };

    get("/api/v1/reports/ratings-summary", [summary](const Request& req) {
        auto s = summary(req);
        if (auto* refused = std::get_if<Reply>(&s)) return *refused;
        return json_reply(200, std::get<json>(s));
    });

    get("/ratings", [this, summary](const Request& req) {
        Lang lang = page_lang(req);
        const auto& T = *web_text_;
        auto s = summary(req);
        if (auto* refused = std::get_if<Reply>(&s)) return *refused;
        const json& sum = std::get<json>(s);
        const std::string month = sum["date"];
        std::string head = "<tr><th>" + escape(T.text("summary_who", lang)) + "</th>";
        for (const char* key : {"summary_ratings", "summary_average", "summary_satisfied",
                                "summary_bad", "summary_rectified", "summary_on_time"})
            head += "<th>" + escape(T.text(key, lang)) + "</th>";
        std::string rows;
        for (const auto& u : sum["units"]) {
            std::string name = u["name"].is_object()
                                   ? u["name"][lang == Lang::Zh ? "zh" : "en"].get<std::string>()
                                   : u["unit"].get<std::string>();
            rows += "<tr class=\"unit-row\"><th>" + escape(name) + "</th>" + cells(u) + "</tr>";
            for (const auto& w : u["windows"])
                rows += "<tr><td>" +
                        escape(T.text("summary_window", lang,
                                      {{"n", std::to_string(w["window"].get<int>())}})) +
                        "</td>" + cells(w) + "</tr>";
        }
        rows += "<tr class=\"unit-row\"><th>" + escape(T.text("summary_total", lang)) + "</th>" +
                cells(sum["total"]) + "</tr>";
        std::string body = "<h1>" + escape(T.text("summary_title", lang, {{"month", month}})) +
                           "</h1><p>" + escape(T.text("summary_intro", lang)) +
                           "</p><article class=\"summary\"><table id=\"summary\">" + head +
                           "</tr>" + rows + "</table></article>";
        return Reply{200,
                     web_page(lang, T.text("summary_title", lang, {{"month", month}}), body,
                              "/ratings?date=" + month, 0),
                     "text/html; charset=utf-8"};
    });
}

}  // namespace onestop::hub
