#pragma once
// onestop-board as a library: flags, the controller that joins the hub link, the model,
// the voice and the screens, and the app that runs them. main() is a thin wrapper; the
// benchmark and tests run the same object in-process.

#include <memory>
#include <string>

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
    QuietHours quiet;            // --quiet-hours
    std::string hall_name_zh, hall_name_en;  // --hall-name "中文|English"; default from the catalogue
    std::string state_out;       // --state-out FILE: the board's state as JSON after each change
    VoicePlayer::StartHook on_voice_start;  // in-process users (benchmarks)
};

// Parses argv. `help_text` receives the usage when --help was given (then options.common.help is set).
Result<BoardOptions> parse_board_options(ui::ArgList& args);
std::string board_help();

class BoardController;

class BoardApp {
public:
    static Result<std::unique_ptr<BoardApp>> create(BoardOptions options);
    ~BoardApp();
    BoardApp(const BoardApp&) = delete;
    BoardApp& operator=(const BoardApp&) = delete;

    int run();
    ui::App& app() { return *app_; }
    const BoardModel& model() const;

private:
    BoardApp() = default;
    std::unique_ptr<ui::App> app_;
    std::unique_ptr<BoardController> controller_;
};

}  // namespace onestop::board
