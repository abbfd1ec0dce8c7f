#pragma once
// One logger per module, named after it ("hub", "kiosk", "printer", …); all to stderr.
#include <memory>
#include <string>

#include <spdlog/spdlog.h>

namespace onestop {

std::shared_ptr<spdlog::logger> logger(const std::string& module);

}  // namespace onestop
