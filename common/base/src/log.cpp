#include "onestop/base/log.h"

#include <spdlog/sinks/stdout_color_sinks.h>

namespace onestop {

std::shared_ptr<spdlog::logger> logger(const std::string& module) {
    if (auto existing = spdlog::get(module)) return existing;
    try {
        return spdlog::stderr_color_mt(module);
    } catch (const spdlog::spdlog_ex&) {
        return spdlog::get(module);  // another thread registered it first
    }
}

}  // namespace onestop
