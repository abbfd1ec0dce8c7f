#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>

#include "backends.h"

namespace onestop::printer {

int wait_fd(int fd, short events, Millis timeout) {
    pollfd p{fd, events, 0};
    for (;;) {
        int rc = ::poll(&p, 1, static_cast<int>(timeout.count()));
        if (rc < 0 && errno == EINTR) continue;
        if (rc <= 0) return rc;
        if (p.revents & (POLLERR | POLLNVAL)) {
            errno = EIO;
            return -1;
        }
        return 1;  // ready, or POLLHUP: the next read/write reports it
    }
}

FdWrite write_fd(int fd, FdKind kind, std::span<const uint8_t> data, Millis timeout) {
    FdWrite w;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (w.done < data.size()) {
        auto left = std::chrono::duration_cast<Millis>(deadline - std::chrono::steady_clock::now());
        if (left.count() < 0) break;
        int ready = wait_fd(fd, POLLOUT, left);
        if (ready < 0) {
            w.failed = "wait";
            return w;
        }
        if (ready == 0) break;
        const uint8_t* from = data.data() + w.done;
        size_t size = data.size() - w.done;
        ssize_t n =
            kind == FdKind::Socket ? ::send(fd, from, size, MSG_NOSIGNAL) : ::write(fd, from, size);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) continue;
            w.failed = kind == FdKind::Socket ? "send" : "write";
            return w;
        }
        w.done += static_cast<size_t>(n);
    }
    return w;
}

}  // namespace onestop::printer
