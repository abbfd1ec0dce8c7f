#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <set>
#include <string>

#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::config;
using namespace onestop::queue;

namespace {

// A small valid hall; each test below breaks one thing in it.
const std::string kGood = R"(
[hall]
name = { zh = "测试大厅", en = "Test hall" }
[settings]
time_zone = "Asia/Shanghai"
[hours.standard]
weekdays = ["08:30-11:30", "13:30-17:00"]
[[units]]
code = "JWC"
name = { zh = "教务处", en = "Academic Affairs" }
[[services]]
code = "A"
name = { zh = "成绩单", en = "Transcripts" }
unit = "JWC"
mode = "instant"
minutes_per_ticket = 4
who_may_apply = { zh = "本科生", en = "Undergraduates" }
steps = [{ zh = "取号", en = "Take a number" }]
materials = [{ zh = "学生证", en = "Student card" }]
[[windows]]
number = 1
name = { zh = "教务窗口", en = "Academic Affairs" }
unit = "JWC"
services = ["A"]
hours = "standard"
[[rating_reasons]]
code = "attitude"
zh = "态度不好"
en = "Unfriendly attitude"
)";

std::string replaced(const std::string& from, const std::string& to) {
    std::string s = kGood;
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
}

// Parses `text` and expects a failure whose message names `path` and says `what`.
void refused(const std::string& text, const std::string& path, const std::string& what) {
    auto hall = parse_hall(text, "bad.toml");
    REQUIRE_FALSE(hall.ok());
    CHECK(hall.error().code == "hall_invalid");
    const std::string& msg = hall.error().message;
    INFO(msg);
    CHECK(msg.find("bad.toml") != std::string::npos);
    CHECK(msg.find(path) != std::string::npos);
    CHECK(msg.find(what) != std::string::npos);
}

}  // namespace

TEST_CASE("the small hall is valid") {
    auto hall = parse_hall(kGood, "good.toml");
    REQUIRE_MESSAGE(hall.ok(), hall.error().message);
    CHECK(hall->name.zh == "测试大厅");
    REQUIRE(hall->windows.size() == 1);
    CHECK(hall->windows[0].hours[0].size() == 2);
    CHECK(hall->windows[0].hours[0][0].start == 8 * 60 + 30);
    CHECK(hall->windows[0].hours[4][1].end == 17 * 60);
    CHECK(hall->windows[0].hours[5].empty());
    CHECK(hall->settings.recall_limit == 3);  // defaults
    CHECK(hall->settings.late_rejoin_behind == 3);
    CHECK(hall->settings.voice_english == VoiceEnglish::After);
    CHECK(hall->settings.closing_check_by == 18 * 60);
}

TEST_CASE("settings.closing_check_by: the closing round's time (第三十九条)") {
    auto hall = parse_hall(replaced("time_zone = \"Asia/Shanghai\"",
                                    "time_zone = \"Asia/Shanghai\"\nclosing_check_by = \"17:30\""),
                           "closing.toml");
    REQUIRE_MESSAGE(hall.ok(), hall.error().message);
    CHECK(hall->settings.closing_check_by == 17 * 60 + 30);
}

TEST_CASE("settings.voice_english: English after every call, only on recalls, or never") {
    for (auto [text, mode] :
         {std::pair{"after", VoiceEnglish::After}, std::pair{"recall", VoiceEnglish::Recall},
          std::pair{"off", VoiceEnglish::Off}}) {
        auto hall =
            parse_hall(replaced("time_zone = \"Asia/Shanghai\"",
                                std::string("time_zone = \"Asia/Shanghai\"\nvoice_english = \"") +
                                    text + "\""),
                       "voice.toml");
        REQUIRE_MESSAGE(hall.ok(), hall.error().message);
        CHECK(hall->settings.voice_english == mode);
    }
}

TEST_CASE("cases: return reasons from the hall file or the default list, the completion webhook") {
    auto plain = parse_hall(kGood, "good.toml");
    REQUIRE_MESSAGE(plain.ok(), plain.error().message);
    CHECK(plain->return_reasons.size() == default_return_reasons().size());
    CHECK(plain->return_reasons[0].code == "not_eligible");
    CHECK(plain->notify.case_completed.empty());

    auto own = parse_hall(kGood + R"(
[[return_reasons]]
code = "no_quota"
zh = "名额已满"
en = "No places left"
[notify]
case_completed = "https://gateway.example.edu/sms/{number}"
)",
                          "cases.toml");
    REQUIRE_MESSAGE(own.ok(), own.error().message);
    REQUIRE(own->return_reasons.size() == 1);
    CHECK(own->return_reasons[0].text.zh == "名额已满");
    CHECK(own->notify.case_completed == "https://gateway.example.edu/sms/{number}");

    refused(kGood + "[notify]\ncase_completed = \"ftp://x/{number}\"\n", "notify.case_completed",
            "http:// or https://");
    refused(kGood + "[notify]\nsms = \"http://x\"\n", "notify.sms", "unknown key");
    refused(kGood + "[[return_reasons]]\ncode = \"Bad Code\"\nzh = \"x\"\nen = \"x\"\n",
            "return_reasons[0].code", "snake_case");
}

TEST_CASE("windows take staff of other units only when the hall file says so") {
    // The window is the last table before [[rating_reasons]]: a key there is the window's.
    auto in_window = [](std::string text, const std::string& line) {
        return text.insert(text.find("[[rating_reasons]]"), line + "\n");
    };
    auto strict = parse_hall(kGood, "good.toml");
    REQUIRE_MESSAGE(strict.ok(), strict.error().message);
    CHECK_FALSE(strict->settings.accepts_other_units);
    CHECK_FALSE(strict->windows[0].accepts_other_units);  // 第十七条: by default, own unit only

    std::string open_hall = replaced("time_zone = \"Asia/Shanghai\"",
                                     "time_zone = \"Asia/Shanghai\"\naccepts_other_units = true");
    auto open = parse_hall(open_hall, "open.toml");
    REQUIRE_MESSAGE(open.ok(), open.error().message);
    CHECK(open->windows[0].accepts_other_units);  // the hall-wide default

    auto overridden =
        parse_hall(in_window(open_hall, "accepts_other_units = false"), "override.toml");
    REQUIRE_MESSAGE(overridden.ok(), overridden.error().message);
    CHECK_FALSE(overridden->windows[0].accepts_other_units);  // the window's own setting wins

    refused(in_window(kGood, "accepts_other_units = \"yes\""), "windows[0].accepts_other_units",
            "must be true or false");
    refused(replaced("time_zone = \"Asia/Shanghai\"",
                     "time_zone = \"Asia/Shanghai\"\naccepts_other_units = 1"),
            "settings.accepts_other_units", "must be true or false");
}

TEST_CASE("the shipped default hall loads and is realistic") {
    auto hall = load_hall(default_hall_path());
    REQUIRE_MESSAGE(hall.ok(), hall.error().message);
    CHECK(hall->name.zh == "一站式服务大厅");
    CHECK(hall->name.en == "One-Stop Service Hall");
    CHECK(hall->units.size() >= 6);
    CHECK(hall->services.size() >= 12);
    CHECK(hall->windows.size() >= 10);
    CHECK(hall->settings.time_zone == "Asia/Shanghai");
    CHECK(hall->settings.recall_limit == 3);
    CHECK(hall->settings.late_rejoin_behind == 3);
    CHECK(hall->settings.priority_one_in == 0);
    CHECK(hall->settings.followup_working_days == 5);
    CHECK(hall->settings.voice_english == VoiceEnglish::After);
    CHECK(std::count(hall->settings.holidays.begin(), hall->settings.holidays.end(),
                     "2026-10-01") == 1);

    std::set<HandlingMode> modes;
    for (const auto& s : hall->services) {
        CHECK(!s.name.zh.empty());
        CHECK(!s.name.en.empty());
        CHECK(!s.materials.empty());
        CHECK(!s.steps.empty());
        modes.insert(s.mode);
        if (s.mode == HandlingMode::Deadline) CHECK(s.promised_days > 0);
        if (s.mode == HandlingMode::Joint) CHECK(!s.partner_units.empty());
    }
    CHECK(modes.size() == 3);

    int periodic = 0, multi = 0;
    bool autumn_today = false, spring = false;
    for (const auto& w : hall->windows) {
        if (w.services.size() >= 2) ++multi;
        if (w.kind != WindowKind::Periodic) continue;
        ++periodic;
        for (const auto& p : w.periods) {
            if (p.from <= "2026-11-27" && "2026-11-27" <= p.to) autumn_today = true;
            if (p.from >= "2027-02-01" && p.to <= "2027-07-31") spring = true;
        }
    }
    CHECK(periodic >= 2);
    CHECK(multi >= 3);
    CHECK(autumn_today);
    CHECK(spring);
    // Weekday hours 08:30–11:30 and 13:30–17:00 on the standard windows.
    const Window* w1 = hall->find_window(1);
    REQUIRE(w1);
    REQUIRE(w1->hours[0].size() == 2);
    CHECK(w1->hours[0][0].start == 510);
    CHECK(w1->hours[0][0].end == 690);
    CHECK(w1->hours[0][1].start == 810);
    CHECK(w1->hours[0][1].end == 1020);
    CHECK(hall->rating_reasons.size() >= 5);
}

TEST_CASE("a file that cannot be read names the file") {
    auto hall = load_hall("/nonexistent/hall.toml");
    REQUIRE_FALSE(hall.ok());
    CHECK(hall.error().message.find("/nonexistent/hall.toml") != std::string::npos);
}

TEST_CASE("load_hall reports the file it read") {
    test::TempDir dir;
    std::ofstream(dir / "x.toml") << replaced("services = [\"A\"]", "services = [\"Z\"]");
    auto hall = load_hall(dir / "x.toml");
    REQUIRE_FALSE(hall.ok());
    CHECK(hall.error().message.find((dir / "x.toml").string()) != std::string::npos);
}

TEST_CASE("TOML syntax errors carry the line") {
    auto hall = parse_hall("[hall]\nname = { zh = \"x\"\n", "bad.toml");
    REQUIRE_FALSE(hall.ok());
    CHECK(hall.error().message.find("bad.toml:") == 0);
}

TEST_CASE("bad hall files are refused with the key path and what is wrong") {
    SUBCASE("unknown service in a window") {
        refused(replaced("services = [\"A\"]", "services = [\"A\", \"Z\"]"),
                "windows[0].services[1]", "unknown service 'Z'");
    }
    SUBCASE("duplicate service codes") {
        std::string s = kGood;
        auto block =
            s.substr(s.find("[[services]]"), s.find("[[windows]]") - s.find("[[services]]"));
        s.insert(s.find("[[windows]]"), block);
        refused(s, "services[1].code", "duplicate service code 'A'");
    }
    SUBCASE("duplicate window numbers") {
        std::string s = kGood;
        auto block =
            s.substr(s.find("[[windows]]"), s.find("[[rating_reasons]]") - s.find("[[windows]]"));
        s.insert(s.find("[[rating_reasons]]"), block);
        refused(s, "windows[1].number", "duplicate window number 1");
    }
    SUBCASE("service code not a single capital letter") {
        refused(replaced("code = \"A\"", "code = \"ab\""), "services[0].code",
                "single capital letter");
    }
    SUBCASE("bad time") {
        refused(replaced("08:30-11:30", "08:30-25:00"), "hours.standard.weekdays[0]", "25:00");
    }
    SUBCASE("end before start") {
        refused(replaced("13:30-17:00", "17:00-13:30"), "hours.standard.weekdays[1]",
                "ends before it starts");
    }
    SUBCASE("overlapping ranges") {
        refused(replaced("13:30-17:00", "11:00-17:00"), "hours.standard.weekdays", "overlap");
    }
    SUBCASE("periodic window without periods") {
        refused(replaced("hours = \"standard\"", "hours = \"standard\"\nkind = \"periodic\""),
                "windows[0].periods", "periodic window needs at least one period");
    }
    SUBCASE("period ending before it starts") {
        refused(replaced("hours = \"standard\"",
                         "hours = \"standard\"\nkind = \"periodic\"\nperiods = [{ from = "
                         "\"2027-03-01\", to = \"2027-02-01\" }]"),
                "windows[0].periods[0]", "ends (2027-02-01) before it starts");
    }
    SUBCASE("rating reason without English") {
        refused(replaced("en = \"Unfriendly attitude\"", ""), "rating_reasons[0].en",
                "English text is required");
    }
    SUBCASE("rating reason without Chinese") {
        refused(replaced("zh = \"态度不好\"", ""), "rating_reasons[0].zh",
                "Chinese text is required");
    }
    SUBCASE("unknown time zone") {
        refused(replaced("Asia/Shanghai", "Mars/Olympus"), "settings.time_zone",
                "unknown time zone 'Mars/Olympus'");
    }
    SUBCASE("unknown unit of a service") {
        refused(replaced("unit = \"JWC\"\nmode", "unit = \"XXX\"\nmode"), "services[0].unit",
                "unknown unit 'XXX'");
    }
    SUBCASE("unknown hour set") {
        refused(replaced("hours = \"standard\"", "hours = \"night\""), "windows[0].hours",
                "unknown hour set 'night'");
    }
    SUBCASE("unknown mode") {
        refused(replaced("mode = \"instant\"", "mode = \"someday\""), "services[0].mode",
                "instant, deadline or joint");
    }
    SUBCASE("deadline item without promised days") {
        refused(replaced("mode = \"instant\"", "mode = \"deadline\""), "services[0].promised_days",
                "missing");
    }
    SUBCASE("joint item without partners") {
        refused(replaced("mode = \"instant\"", "mode = \"joint\""), "services[0].partner_units",
                "missing");
    }
    SUBCASE("a typo in a key") {
        refused(replaced("minutes_per_ticket", "minutes_per_tiket"),
                "services[0].minutes_per_tiket", "unknown key");
    }
    SUBCASE("a name in one language only") {
        refused(replaced("name = { zh = \"成绩单\", en = \"Transcripts\" }",
                         "name = { zh = \"成绩单\" }"),
                "services[0].name.en", "English text is required");
    }
    SUBCASE("a service no window serves") {
        std::string s = kGood;
        auto block =
            s.substr(s.find("[[services]]"), s.find("[[windows]]") - s.find("[[services]]"));
        auto at = block.find("code = \"A\"");
        block.replace(at, 10, "code = \"B\"");
        s.insert(s.find("[[windows]]"), block);
        refused(s, "services[1]", "no window serves service 'B'");
    }
    SUBCASE("a holiday that is not a date") {
        refused(replaced("time_zone = \"Asia/Shanghai\"",
                         "time_zone = \"Asia/Shanghai\"\nholidays = [\"2026-02-30\"]"),
                "settings.holidays[0]", "not a date");
    }
    SUBCASE("a make-up working day on a weekday") {
        refused(replaced("time_zone = \"Asia/Shanghai\"",
                         "time_zone = \"Asia/Shanghai\"\nworkdays = [\"2026-11-27\"]"),
                "settings.workdays[0]", "not a Saturday or Sunday");
    }
    SUBCASE("priority_one_in of 1") {
        refused(replaced("time_zone = \"Asia/Shanghai\"",
                         "time_zone = \"Asia/Shanghai\"\npriority_one_in = 1"),
                "settings.priority_one_in", "must be 0");
    }
    SUBCASE("voice_english neither after, recall nor off") {
        refused(replaced("time_zone = \"Asia/Shanghai\"",
                         "time_zone = \"Asia/Shanghai\"\nvoice_english = \"always\""),
                "settings.voice_english", "must be after, recall or off");
    }
    SUBCASE("closing_check_by not a time of day") {
        refused(replaced("time_zone = \"Asia/Shanghai\"",
                         "time_zone = \"Asia/Shanghai\"\nclosing_check_by = \"24:00\""),
                "settings.closing_check_by", "is not a time \"HH:MM\"");
    }
    SUBCASE("window number not an integer") {
        refused(replaced("number = 1", "number = \"one\""), "windows[0].number",
                "must be an integer");
    }
}

TEST_CASE("problems carry the line of the key") {
    std::string s = replaced("services = [\"A\"]", "services = [\"Z\"]");
    int line =
        1 + static_cast<int>(std::count(
                s.begin(), s.begin() + static_cast<long>(s.find("services = [\"Z\"]")), '\n'));
    auto hall = parse_hall(s, "bad.toml");
    REQUIRE_FALSE(hall.ok());
    CHECK(hall.error().message.find("bad.toml:" + std::to_string(line) +
                                    ": windows[0].services[0]: ") == 0);
}

TEST_CASE("every problem is reported at once") {
    std::string s = replaced("services = [\"A\"]", "services = [\"Z\"]");
    s.replace(s.find("08:30-11:30"), 11, "8h-11h");
    auto hall = parse_hall(s, "bad.toml");
    REQUIRE_FALSE(hall.ok());
    const auto& msg = hall.error().message;
    CHECK(msg.find("unknown service 'Z'") != std::string::npos);
    CHECK(msg.find("'8h-11h'") != std::string::npos);
}
