#include "hall_closing.h"

#include <algorithm>
#include <cstdio>

#include "audit.h"
#include "onestop/base/time.h"
#include "onestop/queue/calendar.h"
#include "views.h"

namespace onestop::hub {

namespace {

std::string clock_text(int minute_of_day) {
    char text[8];
    std::snprintf(text, sizeof text, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
    return text;
}

// Whether anyone signed in at a counter on `date` (someone worked). A session left open
// from an earlier day does not count: nobody came in.
Result<bool> anyone_worked(store::HubStore& store, TimeZone zone, const std::string& date) {
    auto day = parse_date(date);
    auto start = day ? zone.from_local(date, 0) : std::nullopt;
    auto end = day ? zone.from_local(format_date(*day + 1), 0) : std::nullopt;
    if (!start || !end) return make_error("invalid_field", "not a date: " + date);
    const std::string from = zone.format_iso8601(*start);
    auto spans = store.sessions_between(from, zone.format_iso8601(*end));
    if (!spans) return spans.error();
    return std::any_of(spans->begin(), spans->end(),
                       [&](const store::SessionSpan& s) { return s.started_at >= from; });
}

}  // namespace

json closing_json(const store::HallClosing& c) {
    return {{"id", c.id},
            {"date", c.date},
            {"at", c.at},
            {"staff", c.staff},
            {"name", c.name},
            {"window", c.window},
            {"checks",
             {{"doors_windows", c.doors_windows},
              {"lights", c.lights},
              {"air_conditioning", c.air_conditioning},
              {"other_power", c.other_power}}},
            {"all_done", c.all_done()},
            {"note", c.note.empty() ? json(nullptr) : json(c.note)}};
}

Reply record_closing(WriteContext& ctx, const OnDuty& by, const ClosingAnswers& a) {
    TimePoint now = ctx.clock.now();
    store::HallClosing c;
    c.date = ctx.state.engine.zone().to_local(now).date();
    c.at = iso(now);
    c.staff = by.staff;
    c.name = by.name;
    c.window = by.window;
    c.doors_windows = a.doors_windows;
    c.lights = a.lights;
    c.air_conditioning = a.air_conditioning;
    c.other_power = a.other_power;
    c.note = a.note;
    auto id = ctx.store.insert_hall_closing(c);
    if (!id) return ctx.fail(id.error());
    c.id = *id;
    json record = closing_json(c);
    if (!audit(ctx, "staff:" + by.staff, "hall.closing", "closing " + c.date, nullptr, record) ||
        !ctx.publish("hall.closed",
                     {{"date", c.date},
                      {"window", c.window},
                      {"staff", c.staff},
                      {"all_done", c.all_done()},
                      {"noted", !c.note.empty()},
                      {"at", c.at}},
                     now))
        return internal_error_reply();
    return json_reply(201, {{"closing", record}});
}

Result<ClosingDay> closing_day(store::HubStore& store, const queue::Settings& settings,
                               TimeZone zone, const std::string& date, TimePoint now) {
    auto due_at = zone.from_local(date, settings.closing_check_by);
    ClosingDay out{date, clock_text(settings.closing_check_by),
                   due_at ? iso(*due_at) : std::string(), "pending", std::nullopt};
    auto rounds = store.hall_closings(date, date);
    if (!rounds) return rounds.error();
    if (!rounds->empty()) {
        out.last = rounds->back();
        out.status = out.last->all_done() ? "done" : "incomplete";
        return out;
    }
    auto day = parse_date(date);
    if (!day || !queue::Calendar(settings, zone).is_working_day(*day)) {
        out.status = "not_needed";
        return out;
    }
    auto worked = anyone_worked(store, zone, date);
    if (!worked) return worked.error();
    if (!*worked)
        out.status = due_at && now >= *due_at ? "not_needed" : "pending";
    else if (due_at && now >= *due_at)
        out.status = "overdue";
    return out;
}

json closing_day_json(const ClosingDay& d) {
    return {{"date", d.date},
            {"due", d.due},
            {"due_at", d.due_at},
            {"status", d.status},
            {"last", d.last ? closing_json(*d.last) : json(nullptr)}};
}

Reply check_closing(WriteContext& ctx) {
    const auto& settings = ctx.state.engine.hall().settings;
    TimeZone zone = ctx.state.engine.zone();
    TimePoint now = ctx.clock.now();
    const std::string today = zone.to_local(now).date();
    auto day = closing_day(ctx.store, settings, zone, today, now);
    if (!day) return ctx.fail(day.error());
    if (day->status == "overdue") {
        auto first = ctx.store.mark_closing_overdue(today, iso(now));
        if (!first) return ctx.fail(first.error());
        if (*first && !ctx.publish("hall.closing_overdue",
                                   {{"date", today}, {"due", day->due}, {"at", iso(now)}}, now))
            return internal_error_reply();
    }
    // Next: today's check time if it is still ahead, else tomorrow's.
    auto due_today = zone.from_local(today, settings.closing_check_by);
    std::optional<TimePoint> next = due_today;
    if (!due_today || now >= *due_today)
        next = zone.from_local(format_date(*parse_date(today) + 1), settings.closing_check_by);
    ctx.state.closing_due = next ? *next : TimePoint::max();
    return json_reply(200, json::object());
}

}  // namespace onestop::hub
