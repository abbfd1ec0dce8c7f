#pragma once
// The system's reason for a failed call, worded to end a message:
// "cannot read /etc/onestop/hall.toml: no such file". One wording for every program, so
// the docs and the tests can quote it.
#include <cctype>
#include <cerrno>
#include <string>
#include <system_error>

namespace onestop {

inline std::string errno_text(int error_number) {
    // strerror's "No such file or directory" reads oddly after a path that is plainly a file.
    if (error_number == ENOENT) return "no such file";
    std::string text = std::generic_category().message(error_number);
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

}  // namespace onestop
