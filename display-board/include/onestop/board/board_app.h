#pragma once
// onestop-board as a library: flags, the controller that joins the hub link, the model,
// the voice and the screens, and the app that runs them. main() is a thin wrapper; the
// benchmark and tests run the same object in-process.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/board/board_model.h"
#include "onestop/board/voice_player.h"
#include "onestop/ui/app.h"

namespace onestop::board {

enum class Layout { Hall, Window };

struct BoardOptions {
    ui::CommonOptions common;
    Layout layout = Layout::Hall;
    int window = 0;              // --window N (window layout)
    bool voice = true;           // --voice on|off
    std::string voice_out;       // --voice-out DIR: WAV files instead of the speakers
    std::string voice_dir;       // --voice-dir DIR: the hall's recorded clips
    VoiceOptions voice_options;  // --voice-lang, --chime, --volume
    std::optional<queue::VoiceEnglish>
        voice_english;      // --voice-english (else the hall file's setting)
    QuietHours quiet;       // --quiet-hours
    std::string hall_file;  // --hall FILE: the hall's name, time zone, voice_english (default: the
                            // shipped hall)
    std::string state_out;  // --state-out FILE: the board's state as JSON after each change

    // In-process users (tests, benchmarks):
    VoicePlayer::StartHook on_voice_start;
    const Clock* clock =
        nullptr;          // the date and time shown, quiet hours; nullptr = the system clock
    bool connect = true;  // false: no hub link; feed the board with the inject_* calls
};

// Adds the board's flags and the common ones to `app`, filling `options` when it is
// parsed; the app's callback checks --layout against --window and picks the voice default.
void add_board_flags(CLI::App& app, BoardOptions& options);

class BoardController;
class HallScreen;

// One window's tile on the hall screen as last drawn: where the ink of each text lies
// (screen pixels), and the lines the window's name took. For layout tests.
struct TileLayout {
    int window = 0;
    ui::Rect tile;
    ui::Rect text_area;  // inside the padding: every text must stay within it
    ui::Rect label;      // "12 号窗口"
    ui::Rect value;      // the number served, or the status in words
    ui::Rect name;       // the window's name, all its lines
    std::vector<std::string> name_lines;
    int name_size = 0;  // font size the name was drawn at
};

class BoardApp {
  public:
    static Result<std::unique_ptr<BoardApp>> create(BoardOptions options);
    ~BoardApp();
    BoardApp(const BoardApp&) = delete;
    BoardApp& operator=(const BoardApp&) = delete;

    int run();
    ui::App& app() { return *app_; }
    const BoardModel& model() const;

    // What the hub link would post, for tests and benchmarks that run without a hub
    // (BoardOptions::connect = false). UI thread only.
    void inject_snapshot(const net::QueueSnapshot& snapshot);
    void inject_event(const net::LinkEvent& event);
    void inject_online(bool online);
    void inject_services(const std::vector<net::ServiceInfo>& services);
    void inject_notice(const Text& text);
    void inject_window_info(const net::WindowInfo& info);
    // The newest call's character height as last drawn by the hall screen (0: none shown).
    int call_glyph_height() const;
    // The window tiles as last drawn by the hall screen (empty for a window board).
    const std::vector<TileLayout>& tile_layouts() const;

  private:
    BoardApp() = default;
    std::unique_ptr<ui::App> app_;
    std::unique_ptr<BoardController> controller_;
    HallScreen* hall_ = nullptr;
};

}  // namespace onestop::board
