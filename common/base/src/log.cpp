#include "onestop/base/log.h"

#include <spdlog/pattern_formatter.h>
#include <spdlog/sinks/stdout_color_sinks.h>

#include <cstdio>

#include "onestop/base/time.h"

namespace onestop {

namespace {

// spdlog's own %Y…%z reuse a broken-down time for a whole second and an offset for ten
// seconds, so the lines right after set_time_zone() showed the old zone's time, or the
// new zone's time with the old offset. This converts every line afresh.
class LocalTimeFlag final : public spdlog::custom_flag_formatter {
  public:
    void format(const spdlog::details::log_msg& msg, const std::tm&,
                spdlog::memory_buf_t& dest) override {
        auto t = std::chrono::time_point_cast<Millis>(msg.time);
        LocalTime lt = to_local(TimePoint{t.time_since_epoch()});
        auto millis = static_cast<int>(((t.time_since_epoch().count() % 1000) + 1000) % 1000);
        int off = lt.utc_offset_min < 0 ? -lt.utc_offset_min : lt.utc_offset_min;
        char buf[48];
        int n = std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d.%03d%c%02d:%02d",
                              lt.year, lt.month, lt.day, lt.hour, lt.minute, lt.second, millis,
                              lt.utc_offset_min < 0 ? '-' : '+', off / 60, off % 60);
        dest.append(buf, buf + n);
    }
    std::unique_ptr<custom_flag_formatter> clone() const override {
        return std::make_unique<LocalTimeFlag>();
    }
};

}  // namespace

std::unique_ptr<spdlog::formatter> log_formatter() {
    auto f = std::make_unique<spdlog::pattern_formatter>();
    f->add_flag<LocalTimeFlag>('*').set_pattern("[%*] [%n] [%^%l%$] %v");
    return f;
}

std::shared_ptr<spdlog::logger> logger(const std::string& module) {
    if (auto existing = spdlog::get(module)) return existing;
    // Formatted before it is registered: no other thread ever sees spdlog's default pattern.
    auto created = std::make_shared<spdlog::logger>(
        module, std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    created->set_formatter(log_formatter());
    try {
        spdlog::register_logger(created);
        return created;
    } catch (const spdlog::spdlog_ex&) {
        return spdlog::get(module);  // another thread registered it first
    }
}

}  // namespace onestop
