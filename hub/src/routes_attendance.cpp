// The monthly attendance sheet (第二十六–二十八、三十二条): GET /api/v1/reports/attendance
// reconciles the published rosters, approved leave and corrections, meetings and the counter
// sessions (CONTRACT's shape, with the raw punches beside it), as JSON, .xlsx or CSV; the
// office publishes a month (POST …/attendance/publish), which keeps the sheet as it stood:
// from then on the month answers the published sheet, and changes reach it only through an
// approved correction request, which publishes it again.
#include "attendance.h"
#include "audit.h"
#include "body_fields.h"
#include "hub.h"
#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/net/protocol.h"

namespace onestop::hub {

namespace {

json punch_json(const store::AttendanceRecord& a) {
    return {{"staff", a.staff},
            {"window", a.window},
            {"day", a.day},
            {"half", a.half},
            {"check_in", a.check_in},
            {"check_out", a.check_out.empty() ? json(nullptr) : json(a.check_out)}};
}

}  // namespace

void Hub::install_attendance_routes() {
    get("/api/v1/reports/attendance", [this](const Request& req) {
        auto p = who_may(
            req, [](const Principal& x) { return x.reads_a_unit() || x.staff_member(); },
            "the attendance is for the hall office, the committee, the units' leads and the "
            "staff themselves (their own row)");
        if (auto* denied = std::get_if<Reply>(&p)) return *denied;
        const Principal& principal = std::get<Principal>(p);
        // A staff member reads their own row and punches only.
        auto shows = [&principal](const std::string& unit, const std::string& number) {
            return principal.sees(unit) || principal.is_staff(number);
        };
        auto prefix = date_prefix(req, clock_->now());
        if (!prefix) return error_reply(422, prefix.error().code, prefix.error().message);
        std::string format = req.get_param_value("format");
        if (format.empty()) format = "json";
        if (format != "json" && format != "csv" && format != "xlsx")
            return error_reply(422, errc::invalid_field, "format must be json, csv or xlsx");
        SheetPeriod period;
        if (auto month = month_period(*prefix)) {
            period = *month;
        } else {
            period.first = period.last = *parse_date(*prefix);
        }
        queue::Hall hall = with_state([](const HubState& s) { return s.engine.hall(); });
        json sheet, published = nullptr;
        Result<std::vector<store::AttendanceRecord>> punches =
            std::vector<store::AttendanceRecord>{};
        {
            std::lock_guard lock(reader_.mu);
            store::HubStore& store = *reader_.store;
            auto kept = store.sheet(*prefix);
            if (!kept) return internal_error_reply();
            if (*kept) {
                sheet = json::parse((*kept)->sheet, nullptr, false)["staff"];
                published = {
                    {"at", (*kept)->at}, {"who", (*kept)->who}, {"reason", (*kept)->reason}};
            } else {
                auto computed = compute_sheet(store, hall, zone_, clock_->now(), period);
                auto staff = store.all_staff();
                if (!computed || !staff) {
                    logger("hub")->error("computing the attendance of {}: {}", *prefix,
                                         (!computed ? computed.error() : staff.error()).message);
                    return internal_error_reply();
                }
                sheet = sheet_json(*computed, *staff);
            }
            punches = store.attendance(*prefix);
        }
        if (!punches) return internal_error_reply();
        json staff = json::array();
        for (const auto& s : sheet)
            if (shows(s.value("unit", ""), s.value("number", ""))) staff.push_back(s);
        if (format != "json") {
            report::Table table = sheet_table(staff, *prefix);
            std::string name = "attendance-" + *prefix;
            if (format == "csv")
                return file_reply(report::to_csv(table), "text/csv; charset=utf-8", name + ".csv");
            auto xlsx = report::to_xlsx(table);
            if (!xlsx) {
                logger("hub")->error("writing the attendance workbook: {}", xlsx.error().message);
                return internal_error_reply();
            }
            return file_reply(std::move(*xlsx),
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              name + ".xlsx");
        }
        // The raw punches (first sign-in of each half day, last sign-out) at the unit's windows.
        json raw = json::array();
        for (const auto& a : *punches) {
            const queue::Window* w = hall.find_window(a.window);
            if (shows(w ? w->unit : "", a.staff)) raw.push_back(punch_json(a));
        }
        return json_reply(
            200,
            {{"date", *prefix}, {"staff", staff}, {"published", published}, {"attendance", raw}});
    });

    post("/api/v1/reports/attendance/publish", [this](const Request& req) {
        auto p = who_may(req, &Principal::office, "the hall office publishes the attendance");
        if (auto* r = std::get_if<Reply>(&p)) return *r;
        auto body = net::parse_request_body(req.body);
        if (!body) return input_error_reply(body.error());
        BodyFields f(*body);
        auto month = f.text("date", true);
        if (!f.ok()) return f.problem();
        auto period = month_period(*month);
        std::string this_month = zone_.to_local(clock_->now()).date().substr(0, 7);
        if (!period || *month > this_month)
            f.invalid("date must be a month YYYY-MM, not after this one");
        if (!f.ok()) return f.problem();
        return writer_->submit([this, by = std::get<Principal>(p).audit_name(), month = *month,
                                period = *period](WriteContext& ctx) {
            auto kept = ctx.store.sheet(month);
            if (!kept) return ctx.fail(kept.error());
            if (*kept)
                return error_reply(409, errc::month_published,
                                   "the attendance of " + month + " was published at " +
                                       (*kept)->at + "; changes go through correction requests");
            auto sheet =
                compute_sheet(ctx.store, ctx.state.engine.hall(), zone_, ctx.clock.now(), period);
            if (!sheet) return ctx.fail(sheet.error());
            auto staff = ctx.store.all_staff();
            if (!staff) return ctx.fail(staff.error());
            store::SheetRow row{0,
                                month,
                                dump({{"staff", sheet_json(*sheet, *staff)}}),
                                "published",
                                format_iso8601(ctx.clock.now()),
                                by};
            auto id = ctx.store.insert_sheet(row);
            if (!id) return ctx.fail(id.error());
            json answer = {{"date", month}, {"at", row.at}, {"who", by}};
            if (!audit(ctx, by, "attendance.publish", "attendance:" + month, nullptr, answer))
                return internal_error_reply();
            return json_reply(201, {{"published", answer}});
        });
    });
}

}  // namespace onestop::hub
