#include "onestop/board/board_app.h"

#include <charconv>

#include "controller.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"
#include "../view/screens.h"

namespace onestop::board {

namespace {

Result<int> parse_int(const std::string& flag, const std::string& v, int lo, int hi) {
    int n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc{} || p != v.data() + v.size() || n < lo || n > hi) {
        return make_error("bad_flag", flag + " wants a number from " + std::to_string(lo) + " to " +
                                          std::to_string(hi) + ", not '" + v + "'");
    }
    return n;
}

Result<bool> parse_on_off(const std::string& flag, const std::string& v) {
    if (v == "on") return true;
    if (v == "off") return false;
    return make_error("bad_flag", flag + " wants on or off, not '" + v + "'");
}

}  // namespace

std::string board_help() {
    return std::string(
               "onestop-board --layout hall|window [--window N] [--voice on|off] [--voice-out DIR] [options]\n"
               "The hall's call display: the overhead hall screen (--layout hall) or the screen over\n"
               "one counter (--layout window --window N), live from the hub, with spoken calls.\n\n"
               "  --layout hall|window   which screen (default hall)\n"
               "  --window N             the counter's window number (window layout)\n"
               "  --voice on|off         announce calls (default on for the hall, off for a window)\n"
               "  --voice-out DIR        write each announcement as DIR/NNNN-<number>-w<window>.wav\n"
               "                         instead of playing it\n"
               "  --voice-dir DIR        the hall's recorded clips (DIR/zh/qing.wav …), tried first\n"
               "  --voice-lang zh|en|zh,en  languages spoken, in order (default zh,en)\n"
               "  --voice-english after|recall|off  English after the Mandarin: every call, recalls\n"
               "                         only, or never (default: the hall file's voice_english)\n"
               "  --chime on|off         a chime before each announcement (default on)\n"
               "  --volume 0-100         announcement volume (default 80)\n"
               "  --quiet-hours HH:MM-HH:MM  no announcements then (e.g. 12:00-13:30)\n"
               "  --hall FILE            the hall file: its name, time zone and voice_english (default: the shipped hall)\n"
               "  --state-out FILE       write what the board shows as JSON after each change\n") +
           ui::common_help();
}

Result<BoardOptions> parse_board_options(ui::ArgList& args) {
    BoardOptions o;
    auto take = [&](const char* name) { return args.value(name); };
    std::optional<std::string> voice_flag;
    for (const char* name : {"--layout", "--window", "--voice", "--voice-out", "--voice-dir", "--voice-lang",
                             "--voice-english", "--chime", "--volume", "--quiet-hours", "--hall", "--state-out"}) {
        auto v = take(name);
        if (!v) return v.error();
        if (!*v) continue;
        const std::string& s = **v;
        const std::string flag = name;
        if (flag == "--layout") {
            if (s == "hall") o.layout = Layout::Hall;
            else if (s == "window") o.layout = Layout::Window;
            else return make_error("bad_flag", "--layout wants hall or window, not '" + s + "'");
        } else if (flag == "--window") {
            auto n = parse_int(flag, s, 1, 999);
            if (!n) return n.error();
            o.window = *n;
        } else if (flag == "--voice") {
            voice_flag = s;
        } else if (flag == "--voice-out") {
            o.voice_out = s;
        } else if (flag == "--voice-dir") {
            o.voice_dir = s;
        } else if (flag == "--voice-lang") {
            o.voice_options.langs.clear();
            size_t start = 0;
            while (start <= s.size()) {
                const size_t comma = s.find(',', start);
                auto lang = config::parse_lang(s.substr(start, comma - start));
                if (!lang) return make_error("bad_flag", "--voice-lang wants zh, en or zh,en, not '" + s + "'");
                o.voice_options.langs.push_back(*lang);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        } else if (flag == "--voice-english") {
            o.voice_english = config::parse_voice_english(s);
            if (!o.voice_english) {
                return make_error("bad_flag", "--voice-english wants after, recall or off, not '" + s + "'");
            }
        } else if (flag == "--chime") {
            auto b = parse_on_off(flag, s);
            if (!b) return b.error();
            o.voice_options.chime = *b;
        } else if (flag == "--volume") {
            auto n = parse_int(flag, s, 0, 100);
            if (!n) return n.error();
            o.voice_options.volume = *n / 100.0;
        } else if (flag == "--quiet-hours") {
            auto q = QuietHours::parse(s);
            if (!q) return q.error();
            o.quiet = *q;
        } else if (flag == "--hall") {
            o.hall_file = s;
        } else if (flag == "--state-out") {
            o.state_out = s;
        }
    }
    auto common = ui::parse_common(args);
    if (!common) return common.error();
    o.common = *common;
    if (o.common.help || o.common.version) return o;
    if (o.layout == Layout::Window && o.window == 0) {
        return make_error("bad_flag", "--layout window needs --window N");
    }
    if (o.layout == Layout::Hall && o.window != 0) {
        return make_error("bad_flag", "--window is for --layout window");
    }
    // A window board sits a few metres from the hall screen: one voice in the hall is enough.
    if (voice_flag) {
        auto b = parse_on_off("--voice", *voice_flag);
        if (!b) return b.error();
        o.voice = *b;
    } else {
        o.voice = o.layout == Layout::Hall || !o.voice_out.empty();
    }
    return o;
}

Result<std::unique_ptr<BoardApp>> BoardApp::create(BoardOptions options) {
    auto log = logger("board");
    // The hall file gives the name in the header, the zone of the clock shown and when
    // English follows the Mandarin.
    net::Text hall_name;
    queue::VoiceEnglish voice_english = queue::VoiceEnglish::After;
    auto hall = config::load_hall(options.hall_file.empty() ? config::default_hall_path()
                                                            : std::filesystem::path(options.hall_file));
    if (hall) {
        hall_name = net::Text{hall->name.zh, hall->name.en};
        voice_english = hall->settings.voice_english;
        if (auto tz = set_time_zone(hall->settings.time_zone); !tz) log->warn("{}", tz.error().message);
    } else if (!options.hall_file.empty()) {
        return hall.error();
    } else {
        log->warn("no hall file ({}): the header shows the default name", hall.error().message);
    }
    auto catalogue = config::Catalogue::load_asset("board");
    if (!catalogue) return catalogue.error();

    // The voice: clips first, so a missing clip is reported at start, not at the first call.
    std::unique_ptr<VoicePlayer> voice;
    if (options.voice) {
        auto clips = std::make_shared<ClipLibrary>();
        for (config::Lang lang : options.voice_options.langs) {
            if (auto st = clips->load(voice_search_path(options.voice_dir), lang, required_clips(lang)); !st) {
                return st.error();
            }
        }
        auto sink = options.voice_out.empty() ? open_sdl_sink(options.voice_options.pause_ms)
                                              : open_wav_dir_sink(options.voice_out);
        if (!sink) {
            // No sound card is no reason to leave the hall without a screen.
            log->error("voice off: {}", sink.error().message);
        } else {
            static SystemClock system_clock;
            VoicePlayer::Options vo;
            vo.voice = options.voice_options;
            vo.quiet = options.quiet;
            vo.queue.english = options.voice_english.value_or(voice_english);
            voice = std::make_unique<VoicePlayer>(std::move(clips), std::move(*sink), vo,
                                                  options.clock ? *options.clock : system_clock, options.on_voice_start);
        }
    }

    // Headless (offscreen) boards draw with SDL's software renderer. Without this hint SDL
    // backs the window surface with Mesa's llvmpipe GL: ~130 MB more RSS and slower frames.
    const char* driver = std::getenv("SDL_VIDEODRIVER");
    if (options.common.headless || (driver && std::string_view(driver) == "offscreen")) {
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    }
    ui::AppConfig cfg;
    cfg.title = catalogue->text("title", options.common.lang);
    cfg.headless_size = options.layout == Layout::Hall ? ui::Size{1920, 1080} : ui::Size{1280, 400};
    cfg.background = {0x06, 0x12, 0x26};
    auto app = ui::App::create(options.common, cfg);
    if (!app) return app.error();

    std::unique_ptr<BoardApp> board(new BoardApp());
    board->app_ = std::move(*app);
    const Layout layout = options.layout;
    const bool connect = options.connect;
    board->controller_ = std::make_unique<BoardController>(*board->app_, std::move(options), std::move(*catalogue),
                                                           std::move(voice), std::move(hall_name));
    if (layout == Layout::Hall) {
        auto screen = std::make_unique<HallScreen>(*board->app_, *board->controller_);
        board->hall_ = screen.get();
        board->app_->screens().push(std::move(screen));
    } else {
        board->app_->screens().push(std::make_unique<WindowScreen>(*board->app_, *board->controller_));
    }
    board->app_->screens().apply_pending();
    if (connect) board->controller_->connect();
    return board;
}

BoardApp::~BoardApp() {
    controller_.reset();  // network threads stop posting before the app goes
}

int BoardApp::run() { return app_->run(); }

const BoardModel& BoardApp::model() const { return controller_->model(); }

void BoardApp::inject_snapshot(const net::QueueSnapshot& s) { controller_->on_snapshot(s); }
void BoardApp::inject_event(const net::HubEvent& e) { controller_->on_event(e); }
void BoardApp::inject_online(bool online) { controller_->on_online(online); }
void BoardApp::inject_services(const std::vector<net::ServiceInfo>& s) { controller_->on_services(s); }
void BoardApp::inject_notice(const net::Text& t) { controller_->on_notice(t); }
void BoardApp::inject_window_info(const net::WindowInfo& w) { controller_->on_window_info(w); }
int BoardApp::call_glyph_height() const { return hall_ ? hall_->call_glyph_height() : 0; }
const std::vector<TileLayout>& BoardApp::tile_layouts() const {
    static const std::vector<TileLayout> none;
    return hall_ ? hall_->tile_layouts() : none;
}

}  // namespace onestop::board
