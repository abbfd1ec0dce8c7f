#include "onestop/board/board_app.h"

#include <CLI/CLI.hpp>

#include "../view/screens.h"
#include "controller.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
#include "onestop/config/hall_file.h"

namespace onestop::board {

namespace {

Result<std::vector<config::Lang>> parse_voice_langs(const std::string& s) {
    std::vector<config::Lang> langs;
    size_t start = 0;
    while (start <= s.size()) {
        const size_t comma = s.find(',', start);
        auto lang = config::parse_lang(s.substr(start, comma - start));
        if (!lang) return make_error("bad_flag", "wants zh, en or zh,en, not '" + s + "'");
        langs.push_back(*lang);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return langs;
}

}  // namespace

void add_board_flags(CLI::App& app, BoardOptions& o) {
    const auto on_off = CLI::IsMember({"on", "off"}).description("");
    app.add_option_function<std::string>(
           "--layout",
           [&o](const std::string& v) { o.layout = v == "window" ? Layout::Window : Layout::Hall; },
           "which screen: the overhead hall screen or the one over a counter (default hall)")
        ->type_name("hall|window")
        ->check(CLI::IsMember({"hall", "window"}).description(""));
    app.add_option("--window", o.window, "the counter's window number (window layout)")
        ->type_name("N")
        ->check(CLI::Range(1, 999).description(""));
    auto* voice = app.add_option_function<std::string>(
                         "--voice", [&o](const std::string& v) { o.voice = v == "on"; },
                         "announce calls (default on for the hall, off for a window)")
                      ->type_name("on|off")
                      ->check(on_off);
    app.add_option(
           "--voice-out", o.voice_out,
           "write each announcement as DIR/NNNN-<number>-w<window>.wav\ninstead of playing it")
        ->type_name("DIR");
    app.add_option("--voice-dir", o.voice_dir,
                   "the hall's recorded clips (DIR/zh/qing.wav …), tried first")
        ->type_name("DIR");
    app.add_option_function<std::string>(
           "--voice-lang",
           [&o](const std::string& v) { o.voice_options.langs = parse_voice_langs(v).value(); },
           "languages spoken, in order (default zh,en)")
        ->type_name("zh|en|zh,en")
        ->check(cli::check([](std::string& v) { return cli::status_of(parse_voice_langs(v)); }));
    app.add_option_function<std::string>(
           "--voice-english",
           [&o](const std::string& v) { o.voice_english = config::parse_voice_english(v); },
           "English after the Mandarin: every call, recalls only, or never\n"
           "(default: the hall file's voice_english)")
        ->type_name("after|recall|off")
        ->check(CLI::IsMember({"after", "recall", "off"}).description(""));
    app.add_option_function<std::string>(
           "--chime", [&o](const std::string& v) { o.voice_options.chime = v == "on"; },
           "a chime before a call to a silent hall (default on)")
        ->type_name("on|off")
        ->check(on_off);
    app.add_option_function<int>(
           "--volume", [&o](int v) { o.voice_options.volume = v / 100.0; },
           "announcement volume (default 80)")
        ->type_name("0-100")
        ->check(CLI::Range(0, 100).description(""));
    app.add_option_function<std::string>(
           "--quiet-hours", [&o](const std::string& v) { o.quiet = QuietHours::parse(v).value(); },
           "no announcements then (e.g. 12:00-13:30)")
        ->type_name("HH:MM-HH:MM")
        ->check(cli::check([](std::string& v) { return cli::status_of(QuietHours::parse(v)); }));
    app.add_option(
           "--hall", o.hall_file,
           "the hall file: its name, time zone and voice_english (default: the shipped hall)")
        ->type_name("FILE");
    app.add_option("--state-out", o.state_out,
                   "write what the board shows as JSON after each change")
        ->type_name("FILE");
    ui::add_common_flags(app, o.common);
    app.callback([&o, voice] {
        if (o.layout == Layout::Window && o.window == 0)
            throw CLI::RequiredError("--window N (for --layout window)");
        if (o.layout == Layout::Hall && o.window != 0)
            throw CLI::ValidationError("--window", "is for --layout window only");
        // A window board sits a few metres from the hall screen: one voice in the hall is enough.
        if (voice->count() == 0) o.voice = o.layout == Layout::Hall || !o.voice_out.empty();
    });
}

Result<std::unique_ptr<BoardApp>> BoardApp::create(BoardOptions options) {
    auto log = logger("board");
    // The hall file gives the name in the header, the zone of the clock shown and when
    // English follows the Mandarin.
    Text hall_name;
    queue::VoiceEnglish voice_english = queue::VoiceEnglish::After;
    auto hall =
        config::load_hall(options.hall_file.empty() ? config::default_hall_path()
                                                    : std::filesystem::path(options.hall_file));
    if (hall) {
        hall_name = Text{hall->name.zh, hall->name.en};
        voice_english = hall->settings.voice_english;
        if (auto tz = set_time_zone(hall->settings.time_zone); !tz)
            log->warn("{}", tz.error().message);
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
            if (auto st =
                    clips->load(voice_search_path(options.voice_dir), lang, required_clips(lang));
                !st) {
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
                                                  options.clock ? *options.clock : system_clock,
                                                  options.on_voice_start);
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
    board->controller_ =
        std::make_unique<BoardController>(*board->app_, std::move(options), std::move(*catalogue),
                                          std::move(voice), std::move(hall_name));
    if (layout == Layout::Hall) {
        auto screen = std::make_unique<HallScreen>(*board->app_, *board->controller_);
        board->hall_ = screen.get();
        board->app_->screens().push(std::move(screen));
    } else {
        board->app_->screens().push(
            std::make_unique<WindowScreen>(*board->app_, *board->controller_));
    }
    board->app_->screens().apply_pending();
    if (connect) board->controller_->connect();
    return board;
}

BoardApp::~BoardApp() {
    controller_.reset();  // network threads stop posting before the app goes
}

int BoardApp::run() {
    return app_->run();
}

const BoardModel& BoardApp::model() const {
    return controller_->model();
}

void BoardApp::inject_snapshot(const net::QueueSnapshot& s) {
    controller_->on_snapshot(s);
}
void BoardApp::inject_event(const net::LinkEvent& e) {
    controller_->on_event(e);
}
void BoardApp::inject_online(bool online) {
    controller_->on_online(online);
}
void BoardApp::inject_services(const std::vector<net::ServiceInfo>& s) {
    controller_->on_services(s);
}
void BoardApp::inject_notice(const Text& t) {
    controller_->on_notice(t);
}
void BoardApp::inject_window_info(const net::WindowInfo& w) {
    controller_->on_window_info(w);
}
int BoardApp::call_glyph_height() const {
    return hall_ ? hall_->call_glyph_height() : 0;
}
const std::vector<TileLayout>& BoardApp::tile_layouts() const {
    static const std::vector<TileLayout> none;
    return hall_ ? hall_->tile_layouts() : none;
}

}  // namespace onestop::board
