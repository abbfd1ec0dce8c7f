#include "controller.h"

#include <SDL.h>

#include <filesystem>
#include <fstream>

#include "onestop/base/log.h"

namespace onestop::board {

namespace {
const Clock& system_clock() {
    static SystemClock clock;
    return clock;
}
}  // namespace

BoardController::BoardController(ui::App& app, BoardOptions options, config::Catalogue catalogue,
                                 std::unique_ptr<VoicePlayer> voice, Text hall_name)
    : app_(app),
      options_(std::move(options)),
      clock_(options_.clock ? options_.clock : &system_clock()),
      hall_name_(std::move(hall_name)),
      catalogue_(std::move(catalogue)),
      voice_(std::move(voice)),
      started_at_(SDL_GetTicks64()) {}

BoardController::~BoardController() {
    link_.reset();  // joins the network threads before the model and the app go
}

void BoardController::connect() {
    net::LinkOptions lo;
    lo.client.base_url = options_.common.hub;
    lo.client.token = options_.common.token;
    lo.client.ca_file = options_.common.ca_file;
    net::LinkHandlers h;
    h.event = [this](net::LinkEvent e) { on_event(e); };
    h.online = [this](bool online) { on_online(online); };
    link_ = std::make_unique<net::HubLink>(
        std::move(lo), [this](std::function<void()> fn) { app_.post(std::move(fn)); }, std::move(h),
        [this](net::HubClient& client) { return fetch_all(client); });
    link_->start();
}

// On the link's worker: names and the notice first, so the snapshot draws complete;
// their failure is not worth a retry (the hub may not offer a notice), the snapshot's is.
bool BoardController::fetch_all(net::HubClient& client) {
    if (auto s = client.services()) app_.post([this, v = std::move(*s)] { on_services(v); });
    if (auto n = client.notice()) app_.post([this, v = std::move(*n)] { on_notice(v); });
    auto q = client.queue();
    if (!q) {
        logger("board")->warn("resync failed: {}", q.error().message);
        return !net::is_unreachable(q.error());
    }
    app_.post([this, v = std::move(*q)] { on_snapshot(v); });
    if (options_.layout == Layout::Window) fetch_window(client);
    return true;
}

void BoardController::fetch_window(net::HubClient& client) {
    if (auto info = client.window_info(options_.window))
        app_.post([this, v = std::move(*info)] { on_window_info(v); });
}

void BoardController::on_event(const net::LinkEvent& event) {
    Effects fx = model_.apply_event(event);
    if (fx.announce) {
        flash_started_ = SDL_GetTicks64();
        flash_until_ = flash_started_ + kFlashMs;
        if (voice_) voice_->announce(*fx.announce);
    }
    // Window boards show the staff member's name, which events never carry.
    if (fx.refresh_window && link_ && options_.layout == Layout::Window &&
        fx.refresh_window == options_.window) {
        link_->submit([this](net::HubClient& client) { fetch_window(client); });
    }
    if (fx.changed || fx.announce) changed();
}

void BoardController::on_online(bool online) {
    if (online) ever_online_ = true;
    if (model_.set_online(online)) {
        logger("board")->info("hub link {}", online ? "online" : "offline");
        changed();
    }
}

void BoardController::on_snapshot(const net::QueueSnapshot& s) {
    model_.apply_snapshot(s);
    changed();
}

void BoardController::on_window_info(const net::WindowInfo& w) {
    model_.apply_window_info(w);
    changed();
}

void BoardController::on_services(const std::vector<net::ServiceInfo>& s) {
    model_.set_service_names(s);
    changed();
}

void BoardController::on_notice(const Text& t) {
    model_.set_notice(t);
    changed();
}

std::string BoardController::hall_name() const {
    const std::string& name = pick(hall_name_);
    return name.empty() ? text("hall_name") : name;
}

bool BoardController::show_offline() const {
    if (model_.online()) return false;
    return ever_online_ || SDL_GetTicks64() >= started_at_ + kStartupGraceMs;
}

void BoardController::changed() {
    app_.invalidate();
    if (!options_.state_out.empty()) write_state();
}

void BoardController::write_state() const {
    nlohmann::json j;
    j["online"] = model_.online();
    j["synced"] = model_.synced();
    j["last_event_id"] = model_.last_event_id();
    j["calls"] = nlohmann::json::array();
    for (const auto& c : model_.calls()) {
        j["calls"].push_back(
            {{"number", c.number}, {"window", c.window}, {"at", c.at}, {"recall", c.recall}});
    }
    j["windows"] = nlohmann::json::array();
    for (const auto& [n, w] : model_.windows()) {
        nlohmann::json jw{
            {"number", n}, {"status", w.status}, {"current", nullptr}, {"staff", nullptr}};
        if (w.current) jw["current"] = *w.current;
        if (w.staff) jw["staff"] = {{"number", w.staff->number}, {"name", w.staff->name}};
        j["windows"].push_back(jw);
    }
    j["services"] = nlohmann::json::array();
    for (const auto& s : model_.services())
        j["services"].push_back({{"code", s.code}, {"waiting", s.waiting}});
    j["notice"] = {{"zh", model_.notice().zh}, {"en", model_.notice().en}};
    // Written whole then renamed: a reader never sees half a file.
    std::filesystem::path tmp = options_.state_out + ".part";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << j.dump() << "\n";
    }
    std::error_code ec;
    std::filesystem::rename(tmp, options_.state_out, ec);
}

}  // namespace onestop::board
