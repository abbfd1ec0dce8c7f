// Screenshot tests of both layouts in zh and en: the board is fed a fixed picture of the
// default hall (no hub, a fixed clock), drawn offscreen, and compared with golden PNGs in
// tests/board/golden/ with a tolerance. ONESTOP_UPDATE_GOLDEN=1 rewrites the goldens.
#include <doctest/doctest.h>

#include <SDL.h>
#include <SDL_image.h>

#include <cstdlib>
#include <filesystem>

#include "onestop/base/time.h"
#include "onestop/board/board_app.h"
#include "onestop/config/hall_file.h"
#include "onestop/ui/png.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::board;
namespace fs = std::filesystem;

namespace {

const fs::path kGolden = fs::path(ONESTOP_SOURCE_DIR) / "tests/board/golden";

// The default hall at 10:05 on a Friday: some windows serving, one paused, periodic ones closed.
struct HallPicture {
    net::QueueSnapshot snapshot;
    std::vector<net::ServiceInfo> services;
};

HallPicture picture() {
    auto hall = config::load_hall(config::default_hall_path());
    REQUIRE(hall.ok());
    HallPicture pic;
    pic.snapshot.now = "2026-11-27T10:05:00+08:00";
    int i = 0;
    for (const auto& s : hall->services) {
        pic.services.push_back(
            net::ServiceInfo{s.code, {s.name.zh, s.name.en}, s.unit, "instant", {}, true, ""});
        pic.snapshot.services.push_back({s.code, (i * 7) % 11, true});
        ++i;
    }
    const char* current[] = {"A012", "C004", "D021",  nullptr, "H103",
                             "I017", "J002", nullptr, "L009",  "B031"};
    for (const auto& w : hall->windows) {
        net::WindowState ws;
        ws.number = w.number;
        ws.name = {w.name.zh, w.name.en};
        ws.unit = w.unit;
        ws.services = w.services;
        ws.status = w.number >= 11 ? "closed" : w.number == 4 ? "paused" : "open";
        if (w.number <= 10 && current[w.number - 1]) ws.current = current[w.number - 1];
        if (ws.status != "closed")
            ws.staff = net::StaffRef{"S00" + std::to_string(w.number % 10), "王老师", ""};
        pic.snapshot.windows.push_back(ws);
    }
    pic.snapshot.recent_calls = {
        {"A012", 1, "2026-11-27T10:04:30+08:00"}, {"B031", 10, "2026-11-27T10:03:10+08:00"},
        {"L009", 9, "2026-11-27T10:02:00+08:00"}, {"I017", 6, "2026-11-27T10:01:00+08:00"},
        {"J002", 7, "2026-11-27T09:59:00+08:00"}, {"H103", 5, "2026-11-27T09:58:00+08:00"}};
    return pic;
}

std::unique_ptr<BoardApp> make_board(Layout layout, config::Lang lang, int w, int h,
                                     const Clock& clock, int window = 0) {
    BoardOptions o;
    o.layout = layout;
    o.window = window;
    o.voice = false;
    o.connect = false;
    o.clock = &clock;
    o.common.headless = true;
    o.common.lang = lang;
    o.common.window_size = ui::Size{w, h};
    auto b = BoardApp::create(o);
    if (!b) FAIL(b.error().message);
    return std::move(*b);
}

void feed(BoardApp& b, const HallPicture& pic) {
    b.inject_services(pic.services);
    b.inject_snapshot(pic.snapshot);
    b.inject_notice({"办事请带齐材料，可先在自助机上查看一次性告知清单。",
                     "Please bring all materials; the kiosk lists them."});
    b.inject_online(true);
}

// Compares with the golden, or writes it when ONESTOP_UPDATE_GOLDEN=1.
void check_golden(BoardApp& b, const std::string& name) {
    test::TempDir dir;
    const fs::path actual = dir / (name + ".png");
    REQUIRE(b.app().capture(actual.string()).ok());
    const fs::path golden = kGolden / (name + ".png");
    if (const char* u = std::getenv("ONESTOP_UPDATE_GOLDEN"); u && std::string(u) == "1") {
        fs::create_directories(kGolden);
        fs::copy_file(actual, golden, fs::copy_options::overwrite_existing);
        MESSAGE("golden rewritten: " << golden.string());
        return;
    }
    REQUIRE_MESSAGE(fs::exists(golden),
                    "no golden " << golden.string() << " (ONESTOP_UPDATE_GOLDEN=1 writes it)");
    const fs::path diff = fs::temp_directory_path() / ("onestop-board-" + name + "-diff.png");
    auto d = ui::compare_png(actual, golden, 48, diff);
    REQUIRE(d.ok());
    INFO(name << ": " << d->differing << " pixels differ (" << d->fraction * 100
              << "%), diff image " << diff.string());
    CHECK(d->fraction < 0.005);
}

// The colour of one pixel of a frame captured now.
SDL_Color pixel_now(BoardApp& b, int x, int y) {
    test::TempDir dir;
    const fs::path png = dir / "now.png";
    REQUIRE(b.app().capture(png.string()).ok());
    SDL_Surface* loaded = IMG_Load(png.c_str());
    REQUIRE(loaded != nullptr);
    SDL_Surface* s = SDL_ConvertSurfaceFormat(loaded, SDL_PIXELFORMAT_RGBA32, 0);
    SDL_FreeSurface(loaded);
    REQUIRE(s != nullptr);
    const auto* px = static_cast<const uint8_t*>(s->pixels) + y * s->pitch + x * 4;
    SDL_Color c{px[0], px[1], px[2], px[3]};
    SDL_FreeSurface(s);
    return c;
}

}  // namespace

TEST_CASE("hall layout, zh and en, 1920x1080, matches the golden screenshots") {
    const auto pic = picture();
    for (auto lang : {config::Lang::Zh, config::Lang::En}) {
        ManualClock clock(*parse_iso8601("2026-11-27T10:05:00+08:00"));
        auto b = make_board(Layout::Hall, lang, 1920, 1080, clock);
        feed(*b, pic);
        check_golden(*b, std::string("hall_") + config::to_string(lang));
        // Readable from 20 m: the newest call's characters are at least 1/8 of the screen high.
        CHECK(b->call_glyph_height() >= 1080 / 8);
    }
}

TEST_CASE("hall layout at 3840x2160 keeps its proportions") {
    ManualClock clock(*parse_iso8601("2026-11-27T10:05:00+08:00"));
    auto b = make_board(Layout::Hall, config::Lang::Zh, 3840, 2160, clock);
    feed(*b, picture());
    check_golden(*b, "hall_zh_4k");
    CHECK(b->call_glyph_height() >= 2160 / 8);
}

TEST_CASE(
    "every window name of the default hall fits its tile, in both languages, at 1080p and 4K") {
    // 新生入学与注册窗口 (window 12) and most English names were cut at the tile's edge.
    const auto pic = picture();
    for (auto [w, h] : {std::pair{1920, 1080}, std::pair{3840, 2160}}) {
        for (auto lang : {config::Lang::Zh, config::Lang::En}) {
            ManualClock clock(*parse_iso8601("2026-11-27T10:05:00+08:00"));
            auto b = make_board(Layout::Hall, lang, w, h, clock);
            feed(*b, pic);
            test::TempDir dir;
            REQUIRE(b->app().capture((dir / "frame.png").string()).ok());  // draws a frame
            const auto& tiles = b->tile_layouts();
            REQUIRE(tiles.size() == pic.snapshot.windows.size());
            for (const auto& t : tiles) {
                std::string name;
                for (const auto& ws : pic.snapshot.windows)
                    if (ws.number == t.window)
                        name = lang == config::Lang::Zh ? ws.name.zh : ws.name.en;
                std::string shown;
                for (const auto& line : t.name_lines)
                    shown += (shown.empty() || lang == config::Lang::Zh ? "" : " ") + line;
                INFO(w << "x" << h << " " << std::string(config::to_string(lang)) << " window "
                       << t.window << " '" << name << "' in " << t.name_lines.size()
                       << " line(s) at " << t.name_size << " px, " << t.name.w << " px wide of "
                       << t.text_area.w << "; ink y: label " << t.label.y << "-" << t.label.bottom()
                       << ", value " << t.value.y << "-" << t.value.bottom() << ", name "
                       << t.name.y << "-" << t.name.bottom() << ", tile " << t.tile.y << "-"
                       << t.tile.bottom());
                CHECK(shown == name);  // whole: no line cut off, no "…"
                CHECK(t.name_lines.size() <= 2);
                CHECK(t.name_size >= h * 20 / 1080);  // readable: not shrunk below the palette
                // The widest line, measured with the real font, within the tile's padding.
                CHECK(t.name.w <= t.text_area.w);
                // Top to bottom: label, value, name, all inside the tile, none over another.
                for (const ui::Rect& r : {t.label, t.value, t.name}) {
                    CHECK(r.x >= t.text_area.x);
                    CHECK(r.right() <= t.text_area.right());
                    CHECK(r.y >= t.tile.y);
                    CHECK(r.bottom() <= t.tile.bottom());
                }
                CHECK(t.label.bottom() <= t.value.y);
                CHECK(t.value.bottom() <= t.name.y);
            }
        }
    }
}

TEST_CASE("window layout, zh and en, 1280x400: serving, paused and closed") {
    const auto pic = picture();
    for (auto lang : {config::Lang::Zh, config::Lang::En}) {
        for (int window : {1, 4, 12}) {
            ManualClock clock(*parse_iso8601("2026-11-27T10:05:00+08:00"));
            auto b = make_board(Layout::Window, lang, 1280, 400, clock, window);
            feed(*b, pic);
            net::WindowInfo info;
            for (const auto& w : pic.snapshot.windows)
                if (w.number == window) info.window = w;
            info.waiting = 3;
            info.pause_reason = window == 4 ? "break" : "";
            b->inject_window_info(info);
            check_golden(*b, "window" + std::to_string(window) + "_" + config::to_string(lang));
        }
    }
}

TEST_CASE("a new call flashes the call band, and a lost link turns the header red") {
    ManualClock clock(*parse_iso8601("2026-11-27T10:05:00+08:00"));
    auto b = make_board(Layout::Hall, config::Lang::Zh, 1920, 1080, clock);
    feed(*b, picture());
    const SDL_Color calm = pixel_now(*b, 20, 300);
    CHECK(calm.b > calm.r);  // the dark blue panel
    nlohmann::json data{{"ticket", 99},
                        {"number", "C005"},
                        {"service", "C"},
                        {"window", 2},
                        {"status", "called"},
                        {"waiting", 3},
                        {"at", "2026-11-27T10:05:30+08:00"}};
    auto event = net::parse_event("ticket.called", data);
    REQUIRE(event.ok());
    b->inject_event(net::LinkEvent{"500", std::move(*event)});
    CHECK(b->model().newest()->number == "C005");
    const SDL_Color flash = pixel_now(*b, 20, 300);
    CHECK(flash.r > 200);  // amber
    CHECK(flash.b < 80);

    const SDL_Color header = pixel_now(*b, 960, 10);
    CHECK(header.r < 60);
    b->inject_online(false);
    const SDL_Color offline = pixel_now(*b, 960, 10);
    CHECK(offline.r > 180);
    CHECK(offline.g < 60);
}
