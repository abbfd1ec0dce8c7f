#include "onestop/board/board_app.h"

#include <charconv>

#include "controller.h"
#include "onestop/base/log.h"
#include "onestop/base/time.h"
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
               "  --chime on|off         a chime before each announcement (default on)\n"
               "  --volume 0-100         announcement volume (default 80)\n"
               "  --quiet-hours HH:MM-HH:MM  no announcements then (e.g. 12:00-13:30)\n"
               "  --hall-name \"中文|English\"  the hall's name in the header\n"
               "  --state-out FILE       write what the board shows as JSON after each change\n") +
           ui::common_help();
}

Result<BoardOptions> parse_board_options(ui::ArgList& args) {
    BoardOptions o;
    auto take = [&](const char* name) { return args.value(name); };
    std::optional<std::string> voice_flag;
    for (const char* name : {"--layout", "--window", "--voice", "--voice-out", "--voice-dir", "--voice-lang", "--chime",
                             "--volume", "--quiet-hours", "--hall-name", "--state-out"}) {
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
        } else if (flag == "--hall-name") {
            const size_t bar = s.find('|');
            o.hall_name_zh = s.substr(0, bar);
            o.hall_name_en = bar == std::string::npos ? s : s.substr(bar + 1);
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
    if (const char* tz = std::getenv("TZ"); !tz || !*tz) (void)set_time_zone("Asia/Shanghai");
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
        auto sink = options.voice_out.empty() ? open_sdl_sink() : open_wav_dir_sink(options.voice_out);
        if (!sink) {
            // No sound card is no reason to leave the hall without a screen.
            log->error("voice off: {}", sink.error().message);
        } else {
            static SystemClock clock;
            VoicePlayer::Options vo;
            vo.voice = options.voice_options;
            vo.quiet = options.quiet;
            voice = std::make_unique<VoicePlayer>(std::move(clips), std::move(*sink), vo, clock, options.on_voice_start);
        }
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
    board->controller_ =
        std::make_unique<BoardController>(*board->app_, std::move(options), std::move(*catalogue), std::move(voice));
    if (layout == Layout::Hall) {
        board->app_->screens().push(std::make_unique<HallScreen>(*board->app_, *board->controller_));
    } else {
        board->app_->screens().push(std::make_unique<WindowScreen>(*board->app_, *board->controller_));
    }
    board->controller_->connect();
    return board;
}

BoardApp::~BoardApp() {
    controller_.reset();  // network threads stop posting before the app goes
}

int BoardApp::run() { return app_->run(); }

const BoardModel& BoardApp::model() const { return controller_->model(); }

}  // namespace onestop::board
