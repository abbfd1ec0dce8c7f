// Reads a hall TOML file (schema: the comment at the top of assets/halls/default.toml)
// into queue::Hall, checking everything the engine relies on. Every problem is
// reported as "<file>:<line>: <key path>: <what is wrong>", all of them at once, so
// the hall office can fix a file in one pass.

#include "onestop/config/hall_file.h"
#include "onestop/base/error_codes.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <toml++/toml.h>
#include <nlohmann/json.hpp>

#include "onestop/base/paths.h"
#include "onestop/base/time.h"

namespace onestop::config {

using namespace onestop::queue;

namespace {

const char* const kDays[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

class Reader {
  public:
    Reader(std::string source, const toml::table& root) : source_(std::move(source)), root_(root) {}

    // "<file>:<line>: <key path>: <what>"; the line is that of the key, or of the
    // nearest enclosing entry when the key is missing.
    void fail(const std::string& path, const std::string& what) {
        std::string where = source_.empty() ? "" : source_ + line_of(path) + ": ";
        errors_.push_back(where + path + ": " + what);
    }
    bool ok() const { return errors_.empty(); }
    std::string report() const {
        std::string out;
        for (const auto& e : errors_) out += (out.empty() ? "" : "\n") + e;
        return out;
    }

    // Keys the schema does not know are refused: a typo must not silently vanish.
    void only(const toml::table& t, const std::string& path,
              std::initializer_list<const char*> keys) {
        for (auto&& [k, v] : t) {
            std::string key(k.str());
            if (std::none_of(keys.begin(), keys.end(), [&](const char* a) { return key == a; }))
                fail(join(path, key), "unknown key (allowed: " + list(keys) + ")");
        }
    }

    static std::string join(const std::string& path, const std::string& key) {
        return path.empty() ? key : path + "." + key;
    }
    static std::string at(const std::string& path, size_t i) {
        return path + "[" + std::to_string(i) + "]";
    }

    std::optional<std::string> string(const toml::table& t, const std::string& path,
                                      const char* key, bool required = true) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) fail(join(path, key), "missing (a string)");
            return std::nullopt;
        }
        auto v = n->value<std::string>();
        if (!v || !n->is_string()) {
            fail(join(path, key), "must be a string");
            return std::nullopt;
        }
        return v;
    }

    std::optional<int64_t> integer(const toml::table& t, const std::string& path, const char* key,
                                   int64_t min, int64_t max, bool required = true) {
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) fail(join(path, key), "missing (an integer)");
            return std::nullopt;
        }
        if (!n->is_integer()) {
            fail(join(path, key), "must be an integer");
            return std::nullopt;
        }
        int64_t v = *n->value<int64_t>();
        if (v < min || v > max) {
            fail(join(path, key), "must be between " + std::to_string(min) + " and " +
                                      std::to_string(max) + ", not " + std::to_string(v));
            return std::nullopt;
        }
        return v;
    }

    std::optional<bool> boolean(const toml::table& t, const std::string& path, const char* key) {
        const toml::node* n = t.get(key);
        if (!n) return std::nullopt;
        if (!n->is_boolean()) {
            fail(join(path, key), "must be true or false");
            return std::nullopt;
        }
        return *n->value<bool>();
    }

    // { zh = "…", en = "…" }, both non-empty.
    Text text(const toml::node* n, const std::string& path) {
        Text out;
        const toml::table* t = n ? n->as_table() : nullptr;
        if (!t) {
            fail(path, n ? "must be a table { zh = \"…\", en = \"…\" }"
                         : "missing (a table { zh = \"…\", en = \"…\" })");
            return out;
        }
        only(*t, path, {"zh", "en"});
        both(*t, path, out);
        return out;
    }
    // zh and en keys of `t` itself (rating reasons keep them beside `code`).
    void both(const toml::table& t, const std::string& path, Text& out) {
        auto zh = t["zh"].value<std::string>();
        auto en = t["en"].value<std::string>();
        if (!zh || zh->empty()) fail(join(path, "zh"), "missing: the Chinese text is required");
        if (!en || en->empty()) fail(join(path, "en"), "missing: the English text is required");
        if (zh) out.zh = *zh;
        if (en) out.en = *en;
    }

    std::vector<Text> texts(const toml::table& t, const std::string& path, const char* key) {
        std::vector<Text> out;
        const toml::array* a = t[key].as_array();
        std::string p = join(path, key);
        if (!a) {
            fail(p, t.contains(key) ? "must be an array of { zh, en } tables"
                                    : "missing (an array of { zh, en } tables)");
            return out;
        }
        if (a->empty()) fail(p, "must list at least one entry");
        for (size_t i = 0; i < a->size(); ++i) out.push_back(text(a->get(i), at(p, i)));
        return out;
    }

    std::vector<std::string> strings(const toml::table& t, const std::string& path, const char* key,
                                     bool required) {
        std::vector<std::string> out;
        std::string p = join(path, key);
        const toml::node* n = t.get(key);
        if (!n) {
            if (required) fail(p, "missing (an array of strings)");
            return out;
        }
        const toml::array* a = n->as_array();
        if (!a) {
            fail(p, "must be an array of strings");
            return out;
        }
        for (size_t i = 0; i < a->size(); ++i) {
            auto s = a->get(i)->value<std::string>();
            if (!s || !a->get(i)->is_string())
                fail(at(p, i), "must be a string");
            else
                out.push_back(*s);
        }
        return out;
    }

  private:
    std::string line_of(std::string path) const {
        while (!path.empty()) {
            if (const toml::node* n = toml::at_path(root_, path).node())
                if (n->source().begin.line > 0) return ":" + std::to_string(n->source().begin.line);
            size_t cut = path.find_last_of(".[");
            path = cut == std::string::npos ? "" : path.substr(0, cut);
        }
        return "";
    }

    static std::string list(std::initializer_list<const char*> keys) {
        std::string out;
        for (const char* k : keys) out += (out.empty() ? "" : ", ") + std::string(k);
        return out;
    }

    std::string source_;
    const toml::table& root_;
    std::vector<std::string> errors_;
};

// "08:30" → minutes; "24:00" allowed as an end.
std::optional<int> parse_clock(const std::string& s) {
    int h, m, used = 0;
    if (std::sscanf(s.c_str(), "%2d:%2d%n", &h, &m, &used) != 2 || used != 5 || s.size() != 5)
        return std::nullopt;
    if (h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
    return h * 60 + m;
}

// ["08:30-11:30", "13:30-17:00"] → ranges, sorted, not overlapping.
std::vector<TimeRange> parse_ranges(Reader& r, const toml::node& n, const std::string& path) {
    std::vector<TimeRange> out;
    const toml::array* a = n.as_array();
    if (!a) {
        r.fail(path, "must be an array of \"HH:MM-HH:MM\" strings");
        return out;
    }
    for (size_t i = 0; i < a->size(); ++i) {
        std::string p = Reader::at(path, i);
        auto s = a->get(i)->value<std::string>();
        size_t dash = s ? s->find('-') : std::string::npos;
        if (!s || dash == std::string::npos) {
            r.fail(p, "must be a string \"HH:MM-HH:MM\", e.g. \"08:30-11:30\"");
            continue;
        }
        auto start = parse_clock(s->substr(0, dash)), end = parse_clock(s->substr(dash + 1));
        if (!start || !end) {
            r.fail(p, "'" + *s + "' is not a time range \"HH:MM-HH:MM\" between 00:00 and 24:00");
            continue;
        }
        if (*end <= *start) {
            r.fail(p, "'" + *s + "' ends before it starts");
            continue;
        }
        out.push_back({*start, *end});
    }
    std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.start < b.start; });
    for (size_t i = 1; i < out.size(); ++i)
        if (out[i].start < out[i - 1].end) r.fail(path, "time ranges overlap");
    return out;
}

// { weekdays = [...], sat = [...], … }: `weekdays` sets Monday–Friday, a day key overrides it.
WeeklyHours parse_hours(Reader& r, const toml::table& t, const std::string& path) {
    WeeklyHours hours;
    r.only(t, path, {"weekdays", "mon", "tue", "wed", "thu", "fri", "sat", "sun"});
    if (const toml::node* n = t.get("weekdays")) {
        auto ranges = parse_ranges(r, *n, Reader::join(path, "weekdays"));
        for (int d = 0; d < 5; ++d) hours[d] = ranges;
    }
    for (int d = 0; d < 7; ++d)
        if (const toml::node* n = t.get(kDays[d]))
            hours[d] = parse_ranges(r, *n, Reader::join(path, kDays[d]));
    bool any = std::any_of(hours.begin(), hours.end(), [](const auto& v) { return !v.empty(); });
    if (!any) r.fail(path, "no opening hours on any day");
    return hours;
}

bool valid_date(const std::string& s) {
    return parse_date(s).has_value();
}

void read_settings(Reader& r, const toml::table& root, Settings& s) {
    const toml::table* t = root["settings"].as_table();
    if (!t) {
        r.fail("settings", "missing table [settings]");
        return;
    }
    r.only(*t, "settings",
           {"time_zone", "recall_limit", "late_rejoin_behind", "priority_one_in",
            "followup_working_days", "complaint_working_days", "holidays", "workdays",
            "accepts_other_units", "voice_english", "half_day_minutes", "leave_kinds",
            "closing_check_by"});
    if (auto tz = r.string(*t, "settings", "time_zone")) {
        bool known = !tz->empty() && tz->find("..") == std::string::npos && (*tz)[0] != '/' &&
                     std::filesystem::is_regular_file("/usr/share/zoneinfo/" + *tz);
        if (!known)
            r.fail("settings.time_zone",
                   "unknown time zone '" + *tz + "' (use an IANA name such as Asia/Shanghai)");
        s.time_zone = *tz;
    }
    if (auto v = r.integer(*t, "settings", "recall_limit", 1, 10, false)) s.recall_limit = int(*v);
    if (auto v = r.integer(*t, "settings", "late_rejoin_behind", 0, 100, false))
        s.late_rejoin_behind = int(*v);
    if (auto v = r.integer(*t, "settings", "priority_one_in", 0, 20, false)) {
        if (*v == 1)
            r.fail("settings.priority_one_in",
                   "must be 0 (strict priority) or 2…20 (1 priority call in N)");
        else
            s.priority_one_in = int(*v);
    }
    if (auto v = r.integer(*t, "settings", "followup_working_days", 1, 60, false))
        s.followup_working_days = int(*v);
    if (auto v = r.integer(*t, "settings", "complaint_working_days", 1, 60, false))
        s.complaint_working_days = int(*v);
    if (auto v = r.boolean(*t, "settings", "accepts_other_units")) s.accepts_other_units = *v;
    if (auto v = r.integer(*t, "settings", "half_day_minutes", 30, 720, false))
        s.half_day_minutes = int(*v);
    if (auto v = r.string(*t, "settings", "closing_check_by", false)) {
        auto minute = parse_clock(*v);
        if (minute && *minute < 24 * 60)
            s.closing_check_by = *minute;
        else
            r.fail("settings.closing_check_by",
                   "'" + *v + "' is not a time \"HH:MM\", e.g. \"18:00\"");
    }
    if (t->contains("leave_kinds")) {
        s.leave_kinds = r.strings(*t, "settings", "leave_kinds", false);
        if (s.leave_kinds.empty()) r.fail("settings.leave_kinds", "must list at least one kind");
    }
    if (auto v = r.string(*t, "settings", "voice_english", false)) {
        if (auto mode = parse_voice_english(*v))
            s.voice_english = *mode;
        else
            r.fail("settings.voice_english", "'" + *v + "' must be after, recall or off");
    }
    s.holidays = r.strings(*t, "settings", "holidays", false);
    for (size_t i = 0; i < s.holidays.size(); ++i)
        if (!valid_date(s.holidays[i]))
            r.fail(Reader::at("settings.holidays", i),
                   "'" + s.holidays[i] + "' is not a date YYYY-MM-DD");
    s.workdays = r.strings(*t, "settings", "workdays", false);
    for (size_t i = 0; i < s.workdays.size(); ++i) {
        auto day = parse_date(s.workdays[i]);
        if (!day)
            r.fail(Reader::at("settings.workdays", i),
                   "'" + s.workdays[i] + "' is not a date YYYY-MM-DD");
        else if (iso_weekday(*day) < 6)
            r.fail(Reader::at("settings.workdays", i),
                   "'" + s.workdays[i] +
                       "' is not a Saturday or Sunday (list only make-up working days)");
    }
}

void read_units(Reader& r, const toml::table& root, Hall& hall) {
    const toml::array* a = root["units"].as_array();
    if (!a || a->empty()) {
        r.fail("units", "missing: list the departments as [[units]] tables");
        return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < a->size(); ++i) {
        std::string p = Reader::at("units", i);
        const toml::table* t = a->get(i)->as_table();
        if (!t) {
            r.fail(p, "must be a table");
            continue;
        }
        r.only(*t, p, {"code", "name"});
        Unit u;
        if (auto code = r.string(*t, p, "code")) {
            u.code = *code;
            bool upper = !code->empty() && code->size() <= 8 &&
                         std::all_of(code->begin(), code->end(),
                                     [](char c) { return c >= 'A' && c <= 'Z'; });
            if (!upper)
                r.fail(p + ".code", "'" + *code + "' must be 1–8 capital letters, e.g. JWC");
            if (!seen.insert(*code).second)
                r.fail(p + ".code", "duplicate unit code '" + *code + "'");
        }
        u.name = r.text(t->get("name"), p + ".name");
        hall.units.push_back(std::move(u));
    }
}

void read_services(Reader& r, const toml::table& root, Hall& hall) {
    const toml::array* a = root["services"].as_array();
    if (!a || a->empty()) {
        r.fail("services", "missing: list the service items as [[services]] tables");
        return;
    }
    std::set<std::string> seen;
    for (size_t i = 0; i < a->size(); ++i) {
        std::string p = Reader::at("services", i);
        const toml::table* t = a->get(i)->as_table();
        if (!t) {
            r.fail(p, "must be a table");
            continue;
        }
        r.only(*t, p,
               {"code", "name", "unit", "mode", "promised_days", "partner_units", "who_may_apply",
                "steps", "materials", "minutes_per_ticket"});
        Service s;
        if (auto code = r.string(*t, p, "code")) {
            s.code = *code;
            if (code->size() != 1 || (*code)[0] < 'A' || (*code)[0] > 'Z')
                r.fail(p + ".code",
                       "'" + *code + "' must be a single capital letter A–Z (the number's prefix)");
            if (!seen.insert(*code).second)
                r.fail(p + ".code", "duplicate service code '" + *code + "'");
        }
        s.name = r.text(t->get("name"), p + ".name");
        if (auto unit = r.string(*t, p, "unit")) {
            s.unit = *unit;
            if (!hall.find_unit(*unit))
                r.fail(p + ".unit", "unknown unit '" + *unit + "' (not in [[units]])");
        }
        if (auto mode = r.string(*t, p, "mode")) {
            if (*mode == "instant")
                s.mode = HandlingMode::Instant;
            else if (*mode == "deadline")
                s.mode = HandlingMode::Deadline;
            else if (*mode == "joint")
                s.mode = HandlingMode::Joint;
            else
                r.fail(p + ".mode", "'" + *mode + "' must be instant, deadline or joint");
        }
        if (auto days = r.integer(*t, p, "promised_days", 1, 60, s.mode == HandlingMode::Deadline))
            s.promised_days = int(*days);
        if (s.mode == HandlingMode::Instant && t->contains("promised_days"))
            r.fail(
                p + ".promised_days",
                "an instant item is done on the spot; remove promised_days or use mode deadline");
        s.partner_units = r.strings(*t, p, "partner_units", s.mode == HandlingMode::Joint);
        if (s.mode == HandlingMode::Joint && s.partner_units.empty() &&
            t->contains("partner_units"))
            r.fail(p + ".partner_units", "a joint item needs at least one partner unit");
        if (s.mode != HandlingMode::Joint && !s.partner_units.empty())
            r.fail(p + ".partner_units", "only joint items have partner units");
        for (size_t k = 0; k < s.partner_units.size(); ++k) {
            const auto& u = s.partner_units[k];
            if (!hall.find_unit(u))
                r.fail(Reader::at(p + ".partner_units", k), "unknown unit '" + u + "'");
            else if (u == s.unit)
                r.fail(Reader::at(p + ".partner_units", k), "'" + u + "' is the lead unit itself");
        }
        s.who_may_apply = r.text(t->get("who_may_apply"), p + ".who_may_apply");
        s.steps = r.texts(*t, p, "steps");
        s.materials = r.texts(*t, p, "materials");
        if (auto m = r.integer(*t, p, "minutes_per_ticket", 1, 240)) s.minutes_per_ticket = int(*m);
        hall.services.push_back(std::move(s));
    }
}

// One [[windows]] table (a hall file's, or a window the office plans as JSON).
Window read_window(Reader& r, const toml::table& t, const std::string& p, const Hall& hall,
                   const std::map<std::string, WeeklyHours>& named) {
    r.only(
        t, p,
        {"number", "name", "unit", "services", "kind", "hours", "periods", "accepts_other_units"});
    Window w;
    w.accepts_other_units =
        r.boolean(t, p, "accepts_other_units").value_or(hall.settings.accepts_other_units);
    if (auto n = r.integer(t, p, "number", 1, 999)) w.number = int(*n);
    w.name = r.text(t.get("name"), p + ".name");
    if (auto unit = r.string(t, p, "unit")) {
        w.unit = *unit;
        if (!hall.find_unit(*unit))
            r.fail(p + ".unit", "unknown unit '" + *unit + "' (not in [[units]])");
    }
    w.services = r.strings(t, p, "services", true);
    if (w.services.empty() && t.contains("services"))
        r.fail(p + ".services", "a window serves at least one service");
    std::set<std::string> mine;
    for (size_t k = 0; k < w.services.size(); ++k) {
        const auto& code = w.services[k];
        if (!hall.find_service(code))
            r.fail(Reader::at(p + ".services", k),
                   "unknown service '" + code + "' (not in [[services]])");
        if (!mine.insert(code).second)
            r.fail(Reader::at(p + ".services", k), "service '" + code + "' listed twice");
    }
    std::string kind = r.string(t, p, "kind", false).value_or("fixed");
    if (kind == "periodic")
        w.kind = WindowKind::Periodic;
    else if (kind != "fixed")
        r.fail(p + ".kind", "'" + kind + "' must be fixed or periodic");
    const toml::node* h = t.get("hours");
    if (!h) {
        r.fail(p + ".hours", "missing: the name of an [hours.*] set or an inline table");
    } else if (auto name = h->value<std::string>(); name && h->is_string()) {
        auto it = named.find(*name);
        if (it == named.end())
            r.fail(p + ".hours", "unknown hour set '" + *name + "' (no [hours." + *name + "])");
        else
            w.hours = it->second;
    } else if (const toml::table* inline_hours = h->as_table()) {
        w.hours = parse_hours(r, *inline_hours, p + ".hours");
    } else {
        r.fail(p + ".hours", "must be the name of an [hours.*] set or an inline table");
    }
    if (const toml::node* pn = t.get("periods")) {
        const toml::array* pa = pn->as_array();
        if (!pa) r.fail(p + ".periods", "must be an array of { from, to } tables");
        for (size_t k = 0; pa && k < pa->size(); ++k) {
            std::string pp = Reader::at(p + ".periods", k);
            const toml::table* pt = pa->get(k)->as_table();
            if (!pt) {
                r.fail(pp, "must be a table { from = \"YYYY-MM-DD\", to = \"YYYY-MM-DD\" }");
                continue;
            }
            r.only(*pt, pp, {"from", "to"});
            auto from = r.string(*pt, pp, "from"), to = r.string(*pt, pp, "to");
            if (!from || !to) continue;
            auto f = parse_date(*from), e = parse_date(*to);
            if (!f) r.fail(pp + ".from", "'" + *from + "' is not a date YYYY-MM-DD");
            if (!e) r.fail(pp + ".to", "'" + *to + "' is not a date YYYY-MM-DD");
            if (f && e && *e < *f)
                r.fail(pp, "ends (" + *to + ") before it starts (" + *from + ")");
            w.periods.push_back({*from, *to});
        }
    }
    if (w.kind == WindowKind::Periodic && w.periods.empty())
        r.fail(p + ".periods", "a periodic window needs at least one period { from, to }");
    if (w.kind == WindowKind::Fixed && !w.periods.empty())
        r.fail(p + ".periods", "only periodic windows have periods; set kind = \"periodic\"");
    return w;
}

void read_windows(Reader& r, const toml::table& root, Hall& hall) {
    std::map<std::string, WeeklyHours> named;
    if (const toml::node* n = root.get("hours")) {
        if (const toml::table* t = n->as_table()) {
            for (auto&& [k, v] : *t) {
                std::string p = "hours." + std::string(k.str());
                if (const toml::table* h = v.as_table())
                    named[std::string(k.str())] = parse_hours(r, *h, p);
                else
                    r.fail(p, "must be a table of day keys");
            }
        } else {
            r.fail("hours", "must be a table of named hour sets, e.g. [hours.standard]");
        }
    }
    const toml::array* a = root["windows"].as_array();
    if (!a || a->empty()) {
        r.fail("windows", "missing: list the windows as [[windows]] tables");
        return;
    }
    std::set<int64_t> seen;
    for (size_t i = 0; i < a->size(); ++i) {
        std::string p = Reader::at("windows", i);
        const toml::table* t = a->get(i)->as_table();
        if (!t) {
            r.fail(p, "must be a table");
            continue;
        }
        Window w = read_window(r, *t, p, hall, named);
        if (w.number && !seen.insert(w.number).second)
            r.fail(p + ".number", "duplicate window number " + std::to_string(w.number));
        hall.windows.push_back(std::move(w));
    }
    for (size_t i = 0; i < hall.services.size(); ++i) {
        const auto& code = hall.services[i].code;
        bool served = std::any_of(hall.windows.begin(), hall.windows.end(), [&](const Window& w) {
            return std::find(w.services.begin(), w.services.end(), code) != w.services.end();
        });
        if (!served && !code.empty())
            r.fail(Reader::at("services", i),
                   "no window serves service '" + code + "'; numbers could never be issued");
    }
}

// [[rating_reasons]] (required) or [[return_reasons]] (optional: absent keeps `out` as it is).
void read_reasons(Reader& r, const toml::table& root, const char* key, bool required,
                  std::vector<RatingReason>& out) {
    const toml::array* a = root[key].as_array();
    if (!a && !required && !root.contains(key)) return;
    if (!a || a->empty()) {
        r.fail(key, required ? "missing: levels 1–2 need a list of reasons as [[rating_reasons]]"
                             : "must list at least one reason as a [[return_reasons]] table");
        return;
    }
    out.clear();
    std::set<std::string> seen;
    for (size_t i = 0; i < a->size(); ++i) {
        std::string p = Reader::at(key, i);
        const toml::table* t = a->get(i)->as_table();
        if (!t) {
            r.fail(p, "must be a table");
            continue;
        }
        r.only(*t, p, {"code", "zh", "en"});
        RatingReason reason;
        if (auto code = r.string(*t, p, "code")) {
            reason.code = *code;
            bool snake = !code->empty() && std::all_of(code->begin(), code->end(), [](char c) {
                return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            });
            if (!snake) r.fail(p + ".code", "'" + *code + "' must be snake_case (a–z, 0–9, _)");
            if (!seen.insert(*code).second)
                r.fail(p + ".code", "duplicate reason code '" + *code + "'");
        }
        r.both(*t, p, reason.text);
        out.push_back(std::move(reason));
    }
}

// [notify] case_completed / complaint_answered = "http://gateway/…/{number}": http or https URLs.
void read_notify(Reader& r, const toml::table& root, Notify& notify) {
    const toml::node* n = root.get("notify");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
        r.fail("notify", "must be a table [notify] of URL templates");
        return;
    }
    r.only(*t, "notify", {"case_completed", "complaint_answered"});
    for (auto [key, into] : {std::pair{"case_completed", &notify.case_completed},
                             {"complaint_answered", &notify.complaint_answered}}) {
        auto url = r.string(*t, "notify", key, false);
        if (!url) continue;
        if (url->rfind("http://", 0) != 0 && url->rfind("https://", 0) != 0)
            r.fail(std::string("notify.") + key,
                   "'" + *url + "' must be an http:// or https:// URL");
        else
            *into = *url;
    }
}

// [scorecard] base, bonus_cap, long_wait_minutes, red_flag_windows, service_stars and
// [scorecard.points] rule = points per occurrence, for the rules the hub knows.
void read_scorecard(Reader& r, const toml::table& root, ScorecardRules& rules) {
    const toml::node* n = root.get("scorecard");
    if (!n) return;
    const toml::table* t = n->as_table();
    if (!t) {
        r.fail("scorecard", "must be a table [scorecard]");
        return;
    }
    r.only(
        *t, "scorecard",
        {"base", "bonus_cap", "long_wait_minutes", "red_flag_windows", "service_stars", "points"});
    auto number = [&r](const toml::table& in, const std::string& path, const char* key, double min,
                       double max) -> std::optional<double> {
        const toml::node* v = in.get(key);
        if (!v) return std::nullopt;
        if (!v->is_number()) {
            r.fail(Reader::join(path, key), "must be a number");
            return std::nullopt;
        }
        double d = v->is_integer() ? double(*v->value<int64_t>()) : *v->value<double>();
        if (d < min || d > max) {
            r.fail(Reader::join(path, key), "must be between " + std::to_string(int(min)) +
                                                " and " + std::to_string(int(max)));
            return std::nullopt;
        }
        return d;
    };
    if (auto v = number(*t, "scorecard", "base", 1, 1000)) rules.base = *v;
    if (auto v = number(*t, "scorecard", "bonus_cap", 0, 1000)) rules.bonus_cap = *v;
    if (auto v = r.integer(*t, "scorecard", "long_wait_minutes", 1, 600, false))
        rules.long_wait_minutes = int(*v);
    if (auto v = r.integer(*t, "scorecard", "red_flag_windows", 0, 20, false))
        rules.red_flag_windows = int(*v);
    if (auto v = r.integer(*t, "scorecard", "service_stars", 0, 50, false))
        rules.service_stars = int(*v);
    const toml::node* p = t->get("points");
    if (!p) return;
    const toml::table* points = p->as_table();
    if (!points) {
        r.fail("scorecard.points", "must be a table [scorecard.points] of rule = points");
        return;
    }
    for (auto&& [k, v] : *points) {
        std::string key(k.str());
        auto known = std::find_if(rules.points.begin(), rules.points.end(),
                                  [&](const auto& rule) { return rule.first == key; });
        if (known == rules.points.end()) {
            std::string names;
            for (const auto& rule : rules.points) names += (names.empty() ? "" : ", ") + rule.first;
            r.fail("scorecard.points." + key, "unknown rule (known: " + names + ")");
        } else if (auto d = number(*points, "scorecard.points", key.c_str(), -100, 100)) {
            known->second = *d;
        }
    }
}

}  // namespace

Result<Hall> parse_hall(std::string_view toml_text, const std::string& source_name) {
    toml::table root;
    try {
        root = toml::parse(toml_text, source_name);
    } catch (const toml::parse_error& err) {
        return make_error(errc::hall_invalid, source_name + ":" +
                                                  std::to_string(err.source().begin.line) + ": " +
                                                  std::string(err.description()));
    }
    Reader r(source_name, root);
    Hall hall;
    r.only(root, "",
           {"hall", "settings", "hours", "units", "services", "windows", "rating_reasons",
            "return_reasons", "notify", "scorecard"});
    if (const toml::table* h = root["hall"].as_table()) {
        r.only(*h, "hall", {"name"});
        hall.name = r.text(h->get("name"), "hall.name");
    } else {
        r.fail("hall", "missing table [hall] with name = { zh, en }");
    }
    read_settings(r, root, hall.settings);
    read_units(r, root, hall);
    read_services(r, root, hall);
    read_windows(r, root, hall);
    read_reasons(r, root, "rating_reasons", true, hall.rating_reasons);
    hall.return_reasons = default_return_reasons();
    read_reasons(r, root, "return_reasons", false, hall.return_reasons);
    read_notify(r, root, hall.notify);
    read_scorecard(r, root, hall.scorecard);
    if (!r.ok()) return make_error(errc::hall_invalid, r.report());
    return hall;
}

namespace {

// JSON as TOML, so a window planned through the API is read by the same rules as the file's.
// null members are left out (absent).
toml::array to_toml_array(const nlohmann::json& j);
toml::table to_toml_table(const nlohmann::json& j);

template <typename Put>
void put_toml(const nlohmann::json& v, Put&& put) {
    if (v.is_object())
        put(to_toml_table(v));
    else if (v.is_array())
        put(to_toml_array(v));
    else if (v.is_string())
        put(v.get<std::string>());
    else if (v.is_boolean())
        put(v.get<bool>());
    else if (v.is_number_integer())
        put(v.get<int64_t>());
    else if (v.is_number())
        put(v.get<double>());
}

toml::array to_toml_array(const nlohmann::json& j) {
    toml::array out;
    for (const auto& v : j) put_toml(v, [&](auto&& x) { out.push_back(std::move(x)); });
    return out;
}

toml::table to_toml_table(const nlohmann::json& j) {
    toml::table out;
    for (const auto& [k, v] : j.items())
        put_toml(v, [&](auto&& x) { out.insert(k, std::move(x)); });
    return out;
}

}  // namespace

Result<Window> parse_window(const nlohmann::json& window, const Hall& hall) {
    if (!window.is_object())
        return make_error(errc::invalid_field,
                          "window: must be an object like a [[windows]] table");
    toml::table root;
    root.insert("window", to_toml_table(window));
    Reader r("", root);
    Window w = read_window(r, *root["window"].as_table(), "window", hall, {});
    if (!r.ok()) return make_error(errc::invalid_field, r.report());
    return w;
}

Result<Hall> load_hall(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return make_error(errc::hall_unreadable,
                          file.string() + ": cannot be read; check the path and permissions");
    std::ostringstream text;
    text << in.rdbuf();
    return parse_hall(text.str(), file.string());
}

std::filesystem::path default_hall_path() {
    return asset_path("halls/default.toml");
}

std::optional<VoiceEnglish> parse_voice_english(std::string_view text) {
    if (text == "after") return VoiceEnglish::After;
    if (text == "recall") return VoiceEnglish::Recall;
    if (text == "off") return VoiceEnglish::Off;
    return std::nullopt;
}

}  // namespace onestop::config
