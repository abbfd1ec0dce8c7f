#pragma once
// One logger per module, named after it ("hub", "kiosk", "printer", …); all to stderr.
// Every line starts with its time in the process's zone with the offset,
// "[2026-11-30 09:00:01.123+08:00]": a line written before set_time_zone() (the hall's
// zone) is still unambiguous, and every line after it is in the hall's zone.
#include <memory>
#include <string>

#include <spdlog/formatter.h>
#include <spdlog/spdlog.h>

namespace onestop {

std::shared_ptr<spdlog::logger> logger(const std::string& module);

// The formatter every logger uses (exposed for tests).
std::unique_ptr<spdlog::formatter> log_formatter();

}  // namespace onestop
