#include "onestop/ui/app.h"
#include "onestop/base/error_codes.h"

#include <SDL_image.h>
#include <SDL_ttf.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "onestop/base/log.h"
#include "onestop/ui/png.h"

namespace onestop::ui {

namespace {
uint64_t ticks() {
    return SDL_GetTicks64();
}
}  // namespace

Result<std::unique_ptr<App>> App::create(const CommonOptions& options, AppConfig config) {
    std::unique_ptr<App> app(new App());
    app->options_ = options;
    app->config_ = std::move(config);
    if (options.headless) {
        // Must be in place before SDL_Init picks a video driver.
        setenv("SDL_VIDEODRIVER", "offscreen", 1);
        SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
    }
    if (options.headless || (std::getenv("SDL_VIDEODRIVER") &&
                             std::string(std::getenv("SDL_VIDEODRIVER")) == "offscreen")) {
        // Without this SDL backs the offscreen window with an OpenGL texture, loading
        // Mesa's llvmpipe: +80 MB resident and slower frames for nothing.
        SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
        SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    }
    // Touch and mouse stay apart: we handle finger events ourselves and ignore
    // the mouse events SDL would synthesise from them.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0)
        return make_error(errc::sdl_init, std::string("SDL_Init: ") + SDL_GetError());
    if (TTF_Init() != 0)
        return make_error(errc::sdl_init, std::string("TTF_Init: ") + TTF_GetError());
    IMG_Init(IMG_INIT_PNG | IMG_INIT_JPG);

    bool headless = options.headless || std::string(SDL_GetCurrentVideoDriver()) == "offscreen";
    app->options_.headless = headless;
    Uint32 flags = SDL_WINDOW_SHOWN;
    int w = 0, h = 0;
    if (options.window_size) {
        w = options.window_size->w;
        h = options.window_size->h;
    } else if (headless) {
        w = app->config_.headless_size.w;
        h = app->config_.headless_size.h;
    } else {
        flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    }
    app->window_ = SDL_CreateWindow(app->config_.title.c_str(), SDL_WINDOWPOS_CENTERED,
                                    SDL_WINDOWPOS_CENTERED, w, h, flags);
    if (!app->window_)
        return make_error(errc::sdl_window, std::string("SDL_CreateWindow: ") + SDL_GetError());
    // Offscreen has no GPU: the software renderer draws into the window surface.
    if (!headless) app->renderer_ = SDL_CreateRenderer(app->window_, -1, SDL_RENDERER_ACCELERATED);
    if (!app->renderer_)
        app->renderer_ = SDL_CreateRenderer(app->window_, -1, SDL_RENDERER_SOFTWARE);
    if (!app->renderer_)
        return make_error(errc::sdl_renderer, std::string("SDL_CreateRenderer: ") + SDL_GetError());
    SDL_GetRendererOutputSize(app->renderer_, &app->width_, &app->height_);
    if (!options.window_size && !headless) SDL_ShowCursor(SDL_DISABLE);
    SDL_StopTextInput();  // no on-screen keyboard: the kiosk has none

    auto fonts = Fonts::open_cjk();
    if (!fonts) return fonts.error();
    app->fonts_ = std::make_unique<Fonts>(std::move(*fonts));
    app->painter_ = std::make_unique<Painter>(app->renderer_, *app->fonts_);
    app->wake_event_ = SDL_RegisterEvents(1);

    if (!options.script.empty()) {
        auto steps = load_script(options.script);
        if (!steps) return steps.error();
        app->script_ = std::move(*steps);
        app->has_script_ = true;
    }
    return app;
}

App::~App() {
    screens_ = ScreenStack();  // screens may hold textures: destroy them before the renderer
    painter_.reset();
    fonts_.reset();
    if (renderer_) SDL_DestroyRenderer(renderer_);
    if (window_) SDL_DestroyWindow(window_);
    IMG_Quit();
    TTF_Quit();
    SDL_Quit();
}

void App::quit(int code) {
    exit_code_ = code;
    running_ = false;
}

void App::wake_after(Millis delay) {
    wake_at_ = std::min<uint64_t>(
        wake_at_, ticks() + static_cast<uint64_t>(std::max<int64_t>(0, delay.count())));
}

void App::post(std::function<void()> fn) {
    {
        std::lock_guard lock(posted_mu_);
        posted_.push_back(std::move(fn));
    }
    posted_cv_.notify_one();
    SDL_Event ev{};
    ev.type = wake_event_;
    SDL_PushEvent(&ev);
}

void App::push_event(SDL_Event ev) {
    SDL_PushEvent(&ev);
    {
        std::lock_guard lock(posted_mu_);
        poked_ = true;
    }
    posted_cv_.notify_one();
}

void App::run_posted() {
    std::deque<std::function<void()>> batch;
    {
        std::lock_guard lock(posted_mu_);
        batch.swap(posted_);
    }
    for (auto& fn : batch) fn();
}

bool App::wait_event(SDL_Event& ev, uint64_t deadline) {
    if (SDL_PollEvent(&ev)) return true;
    if (!options_.headless) {
        // Real drivers (X11, Wayland) sleep in the kernel until input or timeout.
        if (deadline == UINT64_MAX) return SDL_WaitEvent(&ev) == 1;
        uint64_t now = ticks();
        int timeout =
            deadline > now ? static_cast<int>(std::min<uint64_t>(deadline - now, 1000000)) : 0;
        return SDL_WaitEventTimeout(&ev, timeout) == 1;
    }
    // The offscreen driver cannot sleep in SDL_WaitEventTimeout (it polls every
    // millisecond); its events come through post()/push_event(), so sleep on our own
    // condition variable instead — in slices of at most 500 ms, so the SDL_QUIT that
    // SDL's SIGTERM handler queues is still seen promptly.
    {
        std::unique_lock lock(posted_mu_);
        auto ready = [&] { return !posted_.empty() || poked_; };
        uint64_t now = ticks();
        uint64_t until = std::min(deadline, now + 500);
        if (until > now) posted_cv_.wait_for(lock, std::chrono::milliseconds(until - now), ready);
        poked_ = false;
    }
    return SDL_PollEvent(&ev) == 1;
}

void App::handle_sdl(const SDL_Event& ev) {
    switch (ev.type) {
        case SDL_QUIT:
            // Window closed, SIGTERM or SIGINT: end normally, leaving --screenshot if asked.
            if (!options_.screenshot.empty()) {
                if (auto s = capture(options_.screenshot); !s)
                    logger("ui")->error("{}", s.error().message);
            }
            quit(0);
            break;
        case SDL_WINDOWEVENT:
            if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                SDL_GetRendererOutputSize(renderer_, &width_, &height_);
                invalidate();
            } else if (ev.window.event == SDL_WINDOWEVENT_EXPOSED ||
                       ev.window.event == SDL_WINDOWEVENT_RESTORED) {
                invalidate();
            }
            break;
        case SDL_FINGERDOWN:
        case SDL_FINGERUP: {
            InputEvent e;
            e.kind = ev.type == SDL_FINGERDOWN ? InputEvent::Kind::Press : InputEvent::Kind::Tap;
            e.x = static_cast<int>(ev.tfinger.x * static_cast<float>(width_));
            e.y = static_cast<int>(ev.tfinger.y * static_cast<float>(height_));
            dispatch(e);
            break;
        }
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP: {
            if (ev.button.which == SDL_TOUCH_MOUSEID || ev.button.button != SDL_BUTTON_LEFT) break;
            int ww = 0, wh = 0;
            SDL_GetWindowSize(window_, &ww, &wh);
            InputEvent e;
            e.kind =
                ev.type == SDL_MOUSEBUTTONDOWN ? InputEvent::Kind::Press : InputEvent::Kind::Tap;
            e.x = ww > 0 ? ev.button.x * width_ / ww : ev.button.x;
            e.y = wh > 0 ? ev.button.y * height_ / wh : ev.button.y;
            dispatch(e);
            break;
        }
        case SDL_KEYDOWN: {
            std::string name = SDL_GetKeyName(ev.key.keysym.sym);
            for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            dispatch(InputEvent{InputEvent::Kind::Key, 0, 0, name});
            break;
        }
        default:
            break;
    }
}

void App::dispatch(const InputEvent& e) {
    if (Screen* top = screens_.top()) top->input(e);
    screens_.apply_pending();
    invalidate();
}

void App::render_frame() {
    Screen* top = screens_.top();
    painter_->begin_frame(config_.background);
    if (top) {
        top->set_rect({0, 0, width_, height_});
        top->render(*painter_);
    }
    painter_->end_frame();
    SDL_RenderPresent(renderer_);
    dirty_ = false;
    ++frames_;
    if (frame_observer_) frame_observer_(*painter_);
}

Status App::capture(const std::string& file) {
    Screen* top = screens_.top();
    painter_->begin_frame(config_.background);
    if (top) {
        top->set_rect({0, 0, width_, height_});
        top->render(*painter_);
    }
    painter_->end_frame();
    Status s = save_renderer_png(renderer_, file);
    SDL_RenderPresent(renderer_);
    dirty_ = false;
    return s;
}

uint64_t App::next_deadline(uint64_t) const {
    uint64_t d = std::min(wake_at_, exit_at_);
    if (has_script_) d = std::min(d, script_resume_at_);  // also a final `wait` must end
    return d;
}

bool App::run_script(uint64_t now) {
    auto log = logger("ui");
    auto fail = [&](const ScriptStep& st, const std::string& why) {
        log->error("{}:{}: {}", options_.script, st.line, why);
        quit(2);
        return false;
    };
    while (script_pos_ < script_.size()) {
        if (now < script_resume_at_) return true;
        const ScriptStep& st = script_[script_pos_];
        switch (st.kind) {
            case ScriptStep::Kind::Tap:
                dispatch({InputEvent::Kind::Press, st.x, st.y, {}});
                dispatch({InputEvent::Kind::Tap, st.x, st.y, {}});
                break;
            case ScriptStep::Kind::TapText: {
                if (dirty_) render_frame();
                const auto& targets = painter_->targets();
                auto it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) {
                    return t.enabled && t.label == st.text;
                });
                if (it == targets.end())
                    it = std::find_if(targets.begin(), targets.end(), [&](const Target& t) {
                        return t.enabled && t.label.find(st.text) != std::string::npos;
                    });
                if (it == targets.end())
                    return fail(st, "tap-text: no button shows '" + st.text + "'");
                int cx = it->rect.x + it->rect.w / 2, cy = it->rect.y + it->rect.h / 2;
                dispatch({InputEvent::Kind::Press, cx, cy, {}});
                dispatch({InputEvent::Kind::Tap, cx, cy, {}});
                break;
            }
            case ScriptStep::Kind::Key:
                dispatch({InputEvent::Kind::Key, 0, 0, st.text});
                break;
            case ScriptStep::Kind::Wait:
                script_resume_at_ = now + static_cast<uint64_t>(st.ms);
                ++script_pos_;
                return true;
            case ScriptStep::Kind::Shot:
                if (auto s = capture(st.text); !s) return fail(st, s.error().message);
                break;
            case ScriptStep::Kind::Expect:
            case ScriptStep::Kind::ExpectGone: {
                if (dirty_) render_frame();
                const auto& texts = painter_->texts();
                bool seen = std::any_of(texts.begin(), texts.end(), [&](const std::string& t) {
                    return t.find(st.text) != std::string::npos;
                });
                bool want_seen = st.kind == ScriptStep::Kind::Expect;
                if (seen != want_seen) {
                    if (expect_deadline_ == 0)
                        expect_deadline_ = now + static_cast<uint64_t>(st.ms);
                    if (now >= expect_deadline_)
                        return fail(st, std::string(want_seen ? "expect: '" : "expect-gone: '") +
                                            st.text +
                                            (want_seen ? "' not shown" : "' still shown") +
                                            " after " + std::to_string(st.ms) + " ms");
                    script_resume_at_ = now + 20;  // look again on the next frames
                    return true;
                }
                expect_deadline_ = 0;
                break;
            }
        }
        ++script_pos_;
    }
    // The script is done: without --exit-after that ends the run.
    if (exit_at_ == UINT64_MAX) {
        if (!options_.screenshot.empty()) {
            if (auto s = capture(options_.screenshot); !s) {
                log->error("{}", s.error().message);
                quit(1);
                return false;
            }
        }
        quit(0);
        return false;
    }
    has_script_ = false;  // done; --exit-after ends the run
    return true;
}

int App::run() {
    auto log = logger("ui");
    uint64_t start = ticks();
    if (options_.exit_after_ms >= 0)
        exit_at_ = start + static_cast<uint64_t>(options_.exit_after_ms);
    last_update_ = start;
    script_resume_at_ = start;
    screens_.apply_pending();
    if (Screen* top = screens_.top()) top->on_show();
    render_frame();
    while (running_) {
        SDL_Event ev;
        if (wait_event(ev, next_deadline(ticks()))) {
            handle_sdl(ev);
            while (running_ && SDL_PollEvent(&ev)) handle_sdl(ev);
        }
        run_posted();
        uint64_t now = ticks();
        if (now >= wake_at_) wake_at_ = UINT64_MAX;
        if (Screen* top = screens_.top()) top->update(Millis(now - last_update_));
        last_update_ = now;
        if (screens_.apply_pending()) invalidate();
        if (running_ && has_script_) run_script(now);
        if (!running_) break;
        if (dirty_) render_frame();
        if (now >= exit_at_) {
            if (!options_.screenshot.empty()) {
                if (auto s = capture(options_.screenshot); !s) {
                    log->error("{}", s.error().message);
                    return 1;
                }
            }
            return 0;
        }
    }
    return exit_code_;
}

}  // namespace onestop::ui
