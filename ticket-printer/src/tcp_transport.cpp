// Network printers (raw TCP, port 9100): one connection per Transport.
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "backends.h"

namespace onestop::printer {

namespace {

class TcpTransport final : public Transport {
  public:
    TcpTransport(int fd, std::string name) : fd_(fd), name_(std::move(name)) {}
    ~TcpTransport() override { ::close(fd_); }

    Result<size_t> write(std::span<const uint8_t> data, Millis timeout) override {
        FdWrite w = write_fd(fd_, FdKind::Socket, data, timeout);
        if (w.failed) return lost(w.failed);
        return w.done;
    }

    Result<std::vector<uint8_t>> read(size_t max, Millis timeout) override {
        std::vector<uint8_t> out;
        int ready = wait_fd(fd_, POLLIN, timeout);
        if (ready < 0) return lost("wait");
        if (ready == 0) return out;
        out.resize(max);
        ssize_t n = ::recv(fd_, out.data(), max, 0);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) return std::vector<uint8_t>{};
            return lost("recv");
        }
        if (n == 0)
            return make_error(errc::kUnplugged, name_ + ": the printer closed the connection");
        out.resize(static_cast<size_t>(n));
        return out;
    }

    std::string describe() const override { return name_; }

  private:
    Error lost(const char* what) {
        int e = errno;
        bool gone = e == EPIPE || e == ECONNRESET || e == EIO || e == ENOTCONN;
        return make_error(gone ? errc::kUnplugged : errc::kIo,
                          name_ + ": " + what + ": " + std::strerror(e));
    }
    int fd_;
    std::string name_;
};

}  // namespace

Result<std::unique_ptr<Transport>> open_tcp(const std::string& host, int port,
                                            Millis connect_timeout) {
    std::string name = "tcp:" + host + ":" + std::to_string(port);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
    if (rc != 0) return make_error(errc::kNotFound, name + ": " + ::gai_strerror(rc));
    std::string last_error = "no address";
    for (addrinfo* a = found; a; a = a->ai_next) {
        int fd =
            ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
        if (fd < 0) continue;
        // Non-blocking connect bounded by the timeout: an unreachable printer must not hang the
        // kiosk.
        if (::connect(fd, a->ai_addr, a->ai_addrlen) == 0 ||
            (errno == EINPROGRESS && wait_fd(fd, POLLOUT, connect_timeout) == 1)) {
            int err = 0;
            socklen_t len = sizeof err;
            ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
            if (err == 0) {
                int one = 1;
                ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
                ::freeaddrinfo(found);
                return std::unique_ptr<Transport>(std::make_unique<TcpTransport>(fd, name));
            }
            last_error = std::strerror(err);
        } else {
            last_error = errno == EINPROGRESS ? "connect timed out" : std::strerror(errno);
        }
        ::close(fd);
    }
    ::freeaddrinfo(found);
    return make_error(errc::kNotFound, name + ": " + last_error);
}

}  // namespace onestop::printer
