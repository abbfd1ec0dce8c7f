#include <poll.h>

#include <cerrno>

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

}  // namespace onestop::printer
