// The kernel's usblp driver (/dev/usb/lp*), or any file (a job saved to disk).
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "backends.h"

namespace onestop::printer {

namespace {

class LpTransport final : public Transport {
  public:
    LpTransport(int fd, std::string path, bool readable)
        : fd_(fd), path_(std::move(path)), readable_(readable) {}
    ~LpTransport() override { ::close(fd_); }

    Result<size_t> write(std::span<const uint8_t> data, Millis timeout) override {
        FdWrite w = write_fd(fd_, FdKind::File, data, timeout);
        if (w.failed) return failed(w.failed);
        return w.done;
    }

    Result<std::vector<uint8_t>> read(size_t max, Millis timeout) override {
        std::vector<uint8_t> out;
        if (!readable_) return out;  // a plain file never answers
        int ready = wait_fd(fd_, POLLIN, timeout);
        if (ready < 0) return failed("wait");
        if (ready == 0) return out;
        out.resize(max);
        ssize_t n = ::read(fd_, out.data(), max);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) return std::vector<uint8_t>{};
            return failed("read");
        }
        // End of file on a device (no bulk-in endpoint, or /dev/null): it will never
        // answer, so stop asking instead of polling a descriptor that is always ready.
        if (n == 0) readable_ = false;
        out.resize(static_cast<size_t>(n));
        return out;
    }

    bool answers_status() const override { return readable_; }  // false after EOF
    std::string describe() const override { return "file:" + path_; }

  private:
    Error failed(const char* what) {
        int e = errno;
        // usblp answers ENODEV once the printer is unplugged.
        return make_error(e == ENODEV || e == EIO ? errc::kUnplugged : errc::kIo,
                          "file:" + path_ + ": " + what + ": " + std::strerror(e));
    }
    int fd_;
    std::string path_;
    bool readable_;
};

}  // namespace

Result<std::unique_ptr<Transport>> open_lp_file(const std::string& path) {
    struct stat st {};
    bool exists = ::stat(path.c_str(), &st) == 0;
    bool device = exists && S_ISCHR(st.st_mode);
    // A character device (usblp) is opened read-write for status; a regular file is
    // created or truncated and only written.
    int flags = O_CLOEXEC | O_NONBLOCK | (device ? O_RDWR : (O_WRONLY | O_CREAT | O_TRUNC));
    int fd = ::open(path.c_str(), flags, 0644);
    if (fd < 0 && device && errno == EACCES)
        fd = ::open(path.c_str(), O_CLOEXEC | O_NONBLOCK | O_WRONLY);
    if (fd < 0) {
        int e = errno;
        const char* code = e == EACCES                    ? errc::kAccess
                           : e == EBUSY                   ? errc::kBusy
                           : (e == ENOENT || e == ENODEV) ? errc::kNotFound
                                                          : errc::kIo;
        std::string hint =
            e == EACCES
                ? " (is scripts/udev/60-onestop-printer.rules installed and the user in group lp?)"
                : "";
        return make_error(code, "file:" + path + ": " + std::strerror(e) + hint);
    }
    bool readable = device && (::fcntl(fd, F_GETFL) & O_ACCMODE) == O_RDWR;
    return std::unique_ptr<Transport>(std::make_unique<LpTransport>(fd, path, readable));
}

}  // namespace onestop::printer
