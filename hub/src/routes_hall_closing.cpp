// The closing round (第三十九条, hall_closing.h): GET /api/v1/sessions/current tells a counter
// whether its session is the last one open in the hall (then its sign-out asks the checklist);
// POST /api/v1/hall/closings records the round; GET /api/v1/hall/closings lists the rounds
// of a range of days with today's standing, for the office, the committee and the units' leads.
#include "body_fields.h"
#include "hall_closing.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/net/protocol.h"

namespace onestop::hub {

namespace {

constexpr size_t kMaxNote = 500;  // bytes: what is not done and why, a few lines
constexpr int kMaxDays = 366;     // a year of rounds per request

}  // namespace

void Hub::install_hall_closing_routes() {
    get("/api/v1/sessions/current", [this](const Request& req) {
        auto p = who_may(
            req, [](const Principal& x) { return x.kind == Principal::Kind::Session; },
            "use the session token from POST /api/v1/sessions");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        const OnDuty& me = std::get<Principal>(p).session;
        return with_state([&](const HubState& s) {
            int others = 0;
            for (const auto& [hash, duty] : s.sessions) others += hash != me.token_hash;
            return json_reply(200, {{"session",
                                     {{"staff", me.staff},
                                      {"name", me.name},
                                      {"unit", me.unit},
                                      {"window", me.window}}},
                                    {"others_signed_in", others},
                                    {"last_in_hall", others == 0}});
        });
    });

    post("/api/v1/hall/closings", [this](const Request& req) {
        auto p = who_may(
            req, [](const Principal& x) { return x.kind == Principal::Kind::Session; },
            "the closing round is confirmed at a counter, by the session signing out");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields fields(*body);
        ClosingAnswers a;
        auto doors = fields.flag("doors_windows", true), lights = fields.flag("lights", true),
             air = fields.flag("air_conditioning", true), power = fields.flag("other_power", true);
        auto note = fields.text("note", false);
        if (!fields.ok()) return fields.problem();
        a.doors_windows = *doors;
        a.lights = *lights;
        a.air_conditioning = *air;
        a.other_power = *power;
        a.note = note.value_or("");
        if (a.note.size() > kMaxNote)
            return error_reply(422, errc::invalid_field, "note: at most 500 bytes");
        OnDuty by = std::get<Principal>(p).session;
        return writer_->submit([by = std::move(by), a = std::move(a)](WriteContext& ctx) {
            return record_closing(ctx, by, a);
        });
    });

    get("/api/v1/hall/closings", [this](const Request& req) {
        auto p = who_may(req, &Principal::reads_a_unit,
                         "the closing rounds are for the hall office, the committee and the "
                         "units' leads");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        TimePoint now = clock_->now();
        const std::string today = zone_.to_local(now).date();
        std::string from = req.get_param_value("from"), to = req.get_param_value("to");
        if (from.empty()) from = today;
        if (to.empty()) to = from > today ? from : today;
        if (!is_date(from) || !is_date(to))
            return error_reply(422, errc::invalid_field, "from and to must be YYYY-MM-DD");
        if (to < from) return error_reply(422, errc::invalid_field, "to is before from");
        if (*parse_date(to) - *parse_date(from) >= kMaxDays)
            return error_reply(422, errc::invalid_field, "at most 366 days at a time");
        Result<std::vector<store::HallClosing>> rounds = std::vector<store::HallClosing>{};
        Result<ClosingDay> standing = ClosingDay{};
        {
            std::lock_guard lock(reader_.mu);
            rounds = reader_.store->hall_closings(from, to);
            if (rounds) standing = closing_day(*reader_.store, hall_.settings, zone_, today, now);
        }
        if (!rounds || !standing) {
            logger("hub")->error("reading the closing rounds: {}",
                                 (!rounds ? rounds.error() : standing.error()).message);
            return internal_error_reply();
        }
        json out = json::array();
        for (const auto& c : *rounds) out.push_back(closing_json(c));
        return json_reply(200, {{"from", from},
                                {"to", to},
                                {"closings", out},
                                {"today", closing_day_json(*standing)}});
    });
}

}  // namespace onestop::hub
