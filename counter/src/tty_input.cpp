#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "onestop/counter/input.h"
#include "onestop/counter/keymap.h"

namespace onestop::counter {

TtyInput::TtyInput() {
    is_terminal_ = isatty(0) == 1;
    if (is_terminal_ && tcgetattr(0, &saved_) == 0) {
        termios raw = saved_;
        raw.c_lflag &= ~static_cast<tcflag_t>(ICANON | ECHO);
        raw.c_cc[VMIN] = 0;
        raw.c_cc[VTIME] = 0;
        raw_ = tcsetattr(0, TCSANOW, &raw) == 0;
    }
}

TtyInput::~TtyInput() {
    if (raw_) tcsetattr(0, TCSANOW, &saved_);
}

ReadStatus TtyInput::read(std::vector<std::string>& key_names) {
    unsigned char buf[64];
    ssize_t n = ::read(0, buf, sizeof buf);
    if (n == 0) {
        // In raw mode with VMIN 0 a zero read only means "nothing yet".
        return raw_ ? ReadStatus::Keys : ReadStatus::EndOfInput;
    }
    if (n < 0)
        return (errno == EAGAIN || errno == EINTR) ? ReadStatus::Keys : ReadStatus::EndOfInput;
    for (ssize_t i = 0; i < n; ++i) {
        if (buf[i] == 0x04 && raw_) return ReadStatus::EndOfInput;  // Ctrl-D at a terminal
        std::string name = tty_key_name(buf[i]);
        if (!name.empty()) key_names.push_back(std::move(name));
    }
    return ReadStatus::Keys;
}

bool TtyInput::read_secret_line(std::string& line) {
    line.clear();
    termios now{};
    bool terminal = raw_ && tcgetattr(0, &now) == 0;
    if (terminal) {
        // Blocking reads, still without echo, while the PIN is typed.
        termios wait = now;
        wait.c_cc[VMIN] = 1;
        tcsetattr(0, TCSANOW, &wait);
    }
    bool got_line = false;
    for (;;) {
        char c;
        ssize_t n = ::read(0, &c, 1);
        // EINTR too: Ctrl-C or SIGTERM at the PIN prompt ends the program.
        if (n <= 0 || c == 0x04) break;
        if (c == '\n' || c == '\r') {
            got_line = true;
            break;
        }
        if ((c == 0x7f || c == 0x08) && !line.empty())
            line.pop_back();
        else if (c >= 0x20 && c < 0x7f)
            line += c;
    }
    if (terminal) tcsetattr(0, TCSANOW, &now);
    return got_line;
}

}  // namespace onestop::counter
