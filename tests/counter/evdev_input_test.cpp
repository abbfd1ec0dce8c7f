// EvdevInput against a virtual keypad made with /dev/uinput. Where the machine has no
// usable uinput (containers, no root), the test says so and checks nothing else.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <linux/uinput.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "onestop/counter/input.h"

using namespace onestop::counter;
using namespace std::chrono_literals;

namespace {

class VirtualKeypad {
  public:
    // Returns false (and leaves `why`) when uinput cannot be used here.
    bool create(std::string& why) {
        fd_ = ::open("/dev/uinput", O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd_ < 0) {
            why = std::string("/dev/uinput: ") + std::strerror(errno);
            return false;
        }
        ioctl(fd_, UI_SET_EVBIT, EV_KEY);
        for (int code : {KEY_KPPLUS, KEY_KPMINUS, KEY_KPDOT, KEY_KPASTERISK, KEY_KPSLASH,
                         KEY_KPENTER, KEY_KP0, KEY_KP1, KEY_KP2, KEY_KP3, KEY_KP4, KEY_KP5, KEY_KP6,
                         KEY_KP7, KEY_KP8, KEY_KP9, KEY_BACKSPACE})
            ioctl(fd_, UI_SET_KEYBIT, code);
        uinput_setup setup{};
        setup.id.bustype = BUS_USB;
        setup.id.vendor = 0x1234;
        setup.id.product = 0x5678;
        std::snprintf(setup.name, UINPUT_MAX_NAME_SIZE, "onestop test keypad");
        if (ioctl(fd_, UI_DEV_SETUP, &setup) != 0 || ioctl(fd_, UI_DEV_CREATE) != 0) {
            why = std::string("uinput device creation: ") + std::strerror(errno);
            return false;
        }
        char sysname[64] = {0};
        if (ioctl(fd_, UI_GET_SYSNAME(sizeof sysname), sysname) < 0) {
            why = "UI_GET_SYSNAME unsupported";
            return false;
        }
        // /sys/devices/virtual/input/inputN/eventM → /dev/input/eventM (udev may lag a moment).
        auto deadline = std::chrono::steady_clock::now() + 3s;
        std::filesystem::path sys = std::filesystem::path("/sys/devices/virtual/input") / sysname;
        while (std::chrono::steady_clock::now() < deadline) {
            std::error_code ec;
            for (const auto& e : std::filesystem::directory_iterator(sys, ec)) {
                std::string name = e.path().filename();
                if (name.rfind("event", 0) == 0 && std::filesystem::exists("/dev/input/" + name)) {
                    node_ = "/dev/input/" + name;
                    return true;
                }
            }
            std::this_thread::sleep_for(20ms);
        }
        why = "no /dev/input/event node appeared for " + sys.string();
        return false;
    }
    void emit(int type, int code, int value) {
        input_event ev{};
        ev.type = static_cast<__u16>(type);
        ev.code = static_cast<__u16>(code);
        ev.value = value;
        ssize_t ignored = write(fd_, &ev, sizeof ev);
        (void)ignored;
    }
    void tap(int code) {
        emit(EV_KEY, code, 1);
        emit(EV_SYN, SYN_REPORT, 0);
        emit(EV_KEY, code, 0);
        emit(EV_SYN, SYN_REPORT, 0);
    }
    void destroy() {
        if (fd_ >= 0) {
            ioctl(fd_, UI_DEV_DESTROY);
            ::close(fd_);
        }
        fd_ = -1;
    }
    ~VirtualKeypad() { destroy(); }
    const std::string& node() const { return node_; }

  private:
    int fd_ = -1;
    std::string node_;
};

std::vector<std::string> read_keys(EvdevInput& in, size_t want, ReadStatus& last) {
    std::vector<std::string> names;
    auto deadline = std::chrono::steady_clock::now() + 3s;
    while (names.size() < want && std::chrono::steady_clock::now() < deadline) {
        pollfd p{in.fd(), POLLIN, 0};
        if (in.fd() < 0 || poll(&p, 1, 100) <= 0) continue;
        last = in.read(names);
        if (last == ReadStatus::Lost) break;
    }
    return names;
}

}  // namespace

TEST_CASE("evdev key codes name the keypad's keys") {
    CHECK(evdev_key_name(KEY_KPPLUS) == "+");
    CHECK(evdev_key_name(KEY_KPENTER) == "enter");
    CHECK(evdev_key_name(KEY_KP7) == "7");
    CHECK(evdev_key_name(KEY_KPDOT) == ".");
    CHECK(evdev_key_name(KEY_B) == "b");
    CHECK(evdev_key_name(KEY_F12).empty());
}

TEST_CASE("opening a keypad that is not there fails with its path") {
    EvdevInput in("/dev/input/does-not-exist");
    auto st = in.open();
    REQUIRE_FALSE(st.ok());
    CHECK(st.error().message.find("/dev/input/does-not-exist") != std::string::npos);
    std::vector<std::string> names;
    CHECK(in.read(names) == ReadStatus::Lost);
}

TEST_CASE(
    "a uinput keypad: keys arrive, the device is grabbed, unplug is noticed, re-plug reopens") {
    VirtualKeypad pad;
    std::string why;
    if (!pad.create(why)) {
        MESSAGE("skipped: uinput is not usable here (" << why << ")");
        return;
    }
    EvdevInput in(pad.node());
    REQUIRE(in.open().ok());

    // Grabbed: a second reader cannot grab it too.
    EvdevInput other(pad.node());
    auto second = other.open();
    CHECK_FALSE(second.ok());

    pad.tap(KEY_KPPLUS);
    pad.emit(EV_KEY, KEY_KP5, 1);
    pad.emit(EV_KEY, KEY_KP5, 2);  // auto-repeat: not a second press
    pad.emit(EV_KEY, KEY_KP5, 0);
    pad.emit(EV_SYN, SYN_REPORT, 0);
    pad.tap(KEY_KPENTER);
    ReadStatus last = ReadStatus::Keys;
    auto names = read_keys(in, 3, last);
    CHECK(names == std::vector<std::string>{"+", "5", "enter"});

    pad.destroy();  // unplugged
    read_keys(in, 1, last);
    CHECK(last == ReadStatus::Lost);
    CHECK(in.fd() < 0);

    VirtualKeypad again;
    REQUIRE(again.create(why));
    EvdevInput replugged(again.node());
    REQUIRE(replugged.open().ok());
    again.tap(KEY_KPMINUS);
    names = read_keys(replugged, 1, last);
    CHECK(names == std::vector<std::string>{"-"});
}
