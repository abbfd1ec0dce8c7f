#pragma once
// The backends behind open_device(); one file each.

#include <memory>
#include <optional>
#include <string>

#include "onestop/printer/transport.h"

#include <span>

namespace onestop::printer {

Result<std::unique_ptr<Transport>> open_usb(std::optional<UsbId> id);
Result<std::unique_ptr<Transport>> open_lp_file(const std::string& path);
Result<std::unique_ptr<Transport>> open_tcp(const std::string& host, int port,
                                            Millis connect_timeout);

// Waits for `fd` to become readable (POLLIN) or writable (POLLOUT) until `timeout`.
// Returns 1 ready, 0 timed out, -1 error (errno set).
int wait_fd(int fd, short events, Millis timeout);

// Writes as much of `data` as `fd` takes before `timeout` (a short count on timeout is
// not an error: the caller resumes). `failed` names the call that failed, errno set.
enum class FdKind { File, Socket };  // sockets use send(MSG_NOSIGNAL): no SIGPIPE on unplug
struct FdWrite {
    size_t done = 0;
    const char* failed = nullptr;
};
FdWrite write_fd(int fd, FdKind kind, std::span<const uint8_t> data, Millis timeout);

}  // namespace onestop::printer
