#include <fcntl.h>
#include <linux/input.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "onestop/counter/input.h"

namespace onestop::counter {

std::string evdev_key_name(int code) {
    switch (code) {
        case KEY_KPPLUS:
            return "+";
        case KEY_KPMINUS:
        case KEY_MINUS:
            return "-";
        case KEY_KPDOT:
        case KEY_KPCOMMA:
        case KEY_DOT:
            return ".";
        case KEY_KPASTERISK:
            return "*";
        case KEY_KPSLASH:
        case KEY_SLASH:
            return "/";
        case KEY_KPENTER:
        case KEY_ENTER:
            return "enter";
        case KEY_BACKSPACE:
            return "backspace";
        case KEY_ESC:
            return "esc";
        case KEY_KP0:
        case KEY_0:
            return "0";
        case KEY_KP1:
        case KEY_1:
            return "1";
        case KEY_KP2:
        case KEY_2:
            return "2";
        case KEY_KP3:
        case KEY_3:
            return "3";
        case KEY_KP4:
        case KEY_4:
            return "4";
        case KEY_KP5:
        case KEY_5:
            return "5";
        case KEY_KP6:
        case KEY_6:
            return "6";
        case KEY_KP7:
        case KEY_7:
            return "7";
        case KEY_KP8:
        case KEY_8:
            return "8";
        case KEY_KP9:
        case KEY_9:
            return "9";
        default:
            break;
    }
    // Letters, for keypads with service-code keys or full keyboards.
    static const struct {
        int code;
        char letter;
    } letters[] = {{KEY_A, 'a'}, {KEY_B, 'b'}, {KEY_C, 'c'}, {KEY_D, 'd'}, {KEY_E, 'e'},
                   {KEY_F, 'f'}, {KEY_G, 'g'}, {KEY_H, 'h'}, {KEY_I, 'i'}, {KEY_J, 'j'},
                   {KEY_K, 'k'}, {KEY_L, 'l'}, {KEY_M, 'm'}, {KEY_N, 'n'}, {KEY_O, 'o'},
                   {KEY_P, 'p'}, {KEY_Q, 'q'}, {KEY_R, 'r'}, {KEY_S, 's'}, {KEY_T, 't'},
                   {KEY_U, 'u'}, {KEY_V, 'v'}, {KEY_W, 'w'}, {KEY_X, 'x'}, {KEY_Y, 'y'},
                   {KEY_Z, 'z'}};
    for (const auto& l : letters)
        if (l.code == code) return std::string(1, l.letter);
    return {};
}

EvdevInput::EvdevInput(std::string path) : path_(std::move(path)) {}

EvdevInput::~EvdevInput() {
    close();
}

Status EvdevInput::open() {
    close();
    int fd = ::open(path_.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) return make_error("input_unavailable", path_ + ": " + std::strerror(errno));
    // Grab it: the keys staff press must not also type into whatever else runs here.
    if (ioctl(fd, EVIOCGRAB, 1) != 0) {
        std::string why = std::strerror(errno);
        ::close(fd);
        return make_error("input_busy", path_ + ": cannot grab (" + why + ")");
    }
    fd_ = fd;
    return {};
}

void EvdevInput::close() {
    if (fd_ < 0) return;
    ioctl(fd_, EVIOCGRAB, 0);
    ::close(fd_);
    fd_ = -1;
}

ReadStatus EvdevInput::read(std::vector<std::string>& key_names) {
    if (fd_ < 0) return ReadStatus::Lost;
    input_event events[32];
    for (;;) {
        ssize_t n = ::read(fd_, events, sizeof events);
        if (n < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN) return ReadStatus::Keys;
            close();  // ENODEV when unplugged
            return ReadStatus::Lost;
        }
        if (n == 0) {
            close();
            return ReadStatus::Lost;
        }
        for (size_t i = 0; i < static_cast<size_t>(n) / sizeof(input_event); ++i) {
            const input_event& ev = events[i];
            if (ev.type != EV_KEY || ev.value != 1) continue;  // 1 = down; 2 = auto-repeat
            std::string name = evdev_key_name(ev.code);
            if (!name.empty()) key_names.push_back(std::move(name));
        }
    }
}

}  // namespace onestop::counter
