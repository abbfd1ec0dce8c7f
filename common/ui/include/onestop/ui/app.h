#pragma once
// The application shell shared by onestop-kiosk and onestop-board: the window
// (full screen, or --window-size; --headless forces the offscreen driver), a
// renderer that works offscreen, the CJK fonts, a screen stack, and the event
// loop that redraws only when something changed.
//
// Threads: everything here runs on the UI thread except post(), which network
// threads use to hand results over; the loop wakes and runs them in order.

#include <SDL.h>

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/ui/options.h"
#include "onestop/ui/painter.h"
#include "onestop/ui/screen.h"
#include "onestop/ui/script.h"

namespace onestop::ui {

struct AppConfig {
    std::string title = "OneStop";
    Size headless_size{1080, 1920};  // headless without --window-size
    Color background{0xf4, 0xf6, 0xf9};
};

class App {
  public:
    // Initialises SDL, opens the window and fonts, loads the --script file.
    static Result<std::unique_ptr<App>> create(const CommonOptions& options, AppConfig config);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    ScreenStack& screens() { return screens_; }

    // Runs until quit(), the end of --exit-after (screenshot written, 0), the end
    // of a script (0) or a failed script step (2, the line named on stderr).
    int run();
    void quit(int code);

    // Marks the frame as out of date; the loop draws it once before waiting again.
    void invalidate() { dirty_ = true; }
    // Asks for an update() call no later than `delay` from now (timers, clocks).
    void wake_after(Millis delay);
    // Thread-safe: runs `fn` on the UI thread soon.
    void post(std::function<void()> fn);

    int width() const { return width_; }
    int height() const { return height_; }
    Painter& painter() { return *painter_; }

    // Dispatches an input event to the top screen (the script runner and tests use this).
    void dispatch(const InputEvent& e);
    // Thread-safe: queues a raw SDL event (e.g. SDL_FINGERDOWN from a benchmark) and wakes the
    // loop.
    void push_event(SDL_Event ev);
    // Draws the current frame now and writes it as PNG.
    Status capture(const std::string& file);
    // Called after every presented frame with what it drew (benchmarks, tests).
    void set_frame_observer(std::function<void(const Painter&)> fn) {
        frame_observer_ = std::move(fn);
    }
    uint64_t frames() const { return frames_; }

  private:
    App() = default;
    void handle_sdl(const SDL_Event& ev);
    void render_frame();
    // Runs due script steps; returns false when a step failed (exit code set).
    bool run_script(uint64_t now_ms);
    uint64_t next_deadline(uint64_t now_ms) const;
    void run_posted();
    // Waits until an event, a posted function or `deadline`; false on timeout.
    bool wait_event(SDL_Event& ev, uint64_t deadline);

    CommonOptions options_;
    AppConfig config_;
    SDL_Window* window_ = nullptr;
    SDL_Renderer* renderer_ = nullptr;
    std::unique_ptr<Fonts> fonts_;
    std::unique_ptr<Painter> painter_;
    ScreenStack screens_;
    int width_ = 0, height_ = 0;
    bool dirty_ = true;
    bool running_ = true;
    int exit_code_ = 0;
    uint64_t frames_ = 0;
    uint64_t wake_at_ = UINT64_MAX;  // SDL_GetTicks64 ms
    uint64_t exit_at_ = UINT64_MAX;
    uint64_t last_update_ = 0;
    std::function<void(const Painter&)> frame_observer_;
    uint32_t wake_event_ = 0;

    std::vector<ScriptStep> script_;
    size_t script_pos_ = 0;
    uint64_t script_resume_at_ = 0;
    uint64_t expect_deadline_ = 0;
    bool has_script_ = false;

    std::mutex posted_mu_;
    std::condition_variable posted_cv_;
    std::deque<std::function<void()>> posted_;
    bool poked_ = false;  // headless: an event was pushed
};

}  // namespace onestop::ui
