#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <regex>

#include "temp_dir.h"

#include "onestop/base/log.h"
#include "onestop/base/time.h"

using namespace onestop;

namespace {

std::string format_line(spdlog::formatter& f, TimePoint at, const char* text) {
    spdlog::details::log_msg msg(spdlog::source_loc{}, "hub", spdlog::level::info, text);
    msg.time = spdlog::log_clock::time_point(at.time_since_epoch());
    spdlog::memory_buf_t out;
    f.format(msg, out);
    return std::string(out.data(), out.size());
}

}  // namespace

TEST_CASE("log lines show the current zone's time with its offset, also right after a change") {
    auto f = log_formatter();
    TimePoint at = *parse_iso8601("2026-11-30T01:00:01.123Z");
    REQUIRE(set_time_zone("UTC").ok());
    CHECK(format_line(*f, at, "before") == "[2026-11-30 01:00:01.123+00:00] [hub] [info] before\n");
    // The hall's zone becomes known within the same second: no line may keep the old zone's
    // time or offset (spdlog's own %Y…%z cache them for a second and ten seconds).
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
    CHECK(format_line(*f, at + Millis(5), "after") ==
          "[2026-11-30 09:00:01.128+08:00] [hub] [info] after\n");
    REQUIRE(set_time_zone("America/St_Johns").ok());  // half-hour offsets and negative ones
    CHECK(format_line(*f, at, "x") == "[2026-11-29 21:30:01.123-03:30] [hub] [info] x\n");
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
}

TEST_CASE("every module's logger writes that format to stderr") {
    REQUIRE(set_time_zone("Asia/Shanghai").ok());
    test::TempDir dir;
    const auto file = dir / "stderr.txt";
    std::fflush(stderr);
    int saved = dup(2);
    int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    REQUIRE(fd >= 0);
    dup2(fd, 2);
    auto log = logger("log-test");
    log->info("hello {}", 1);
    log->flush();
    std::fflush(stderr);
    dup2(saved, 2);
    close(fd);
    close(saved);
    CHECK(logger("log-test") == log);
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    CHECK(std::regex_match(
        line,
        std::regex(
            R"(\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\+08:00\] \[log-test\] \[info\] hello 1)")));
}
