#pragma once
// Where key presses come from: the terminal (stdin) or a USB keypad through Linux evdev.
// Both deliver key names ("+", "enter", "7", …) that the Keymap turns into actions, and
// both expose a file descriptor so the main loop can poll() them with its other work.

#include <termios.h>

#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::counter {

enum class ReadStatus {
    Keys,        // zero or more key names were appended
    EndOfInput,  // stdin closed (or Ctrl-D at a terminal)
    Lost,        // the keypad went away (unplugged); reopen() later
};

class InputSource {
  public:
    virtual ~InputSource() = default;
    virtual int fd() const = 0;  // -1 while not open
    // Reads what is available without blocking.
    virtual ReadStatus read(std::vector<std::string>& key_names) = 0;
    virtual bool interactive() const = 0;  // a person can type a PIN here
};

// Standard input. At a terminal it switches to unbuffered, unechoed keys (restored on
// destruction); from a pipe or file each byte is one key, and a newline is Enter.
class TtyInput final : public InputSource {
  public:
    TtyInput();
    ~TtyInput() override;
    int fd() const override { return 0; }
    ReadStatus read(std::vector<std::string>& key_names) override;
    bool interactive() const override { return is_terminal_; }
    // Reads one line without echo (the PIN), blocking; false at end of input or on a signal.
    bool read_secret_line(std::string& line);

  private:
    bool is_terminal_ = false;
    bool raw_ = false;
    termios saved_{};
};

// A keypad at /dev/input/eventN, grabbed (EVIOCGRAB) so its keys reach only us.
// Key-down events become names; auto-repeat is ignored (a held key is one press).
class EvdevInput final : public InputSource {
  public:
    explicit EvdevInput(std::string path);
    ~EvdevInput() override;
    EvdevInput(const EvdevInput&) = delete;
    EvdevInput& operator=(const EvdevInput&) = delete;

    Status open();  // opens and grabs; fails when absent or grabbed by another program
    void close();
    int fd() const override { return fd_; }
    ReadStatus read(std::vector<std::string>& key_names) override;
    bool interactive() const override { return true; }
    const std::string& path() const { return path_; }

  private:
    std::string path_;
    int fd_ = -1;
};

// The key name of a Linux input key code (KEY_KP7 → "7", KEY_KPPLUS → "+"); empty if none.
std::string evdev_key_name(int code);

}  // namespace onestop::counter
