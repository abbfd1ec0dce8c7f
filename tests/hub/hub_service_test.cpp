// The hub under systemd (packaging/systemd/onestop-hub.service, Type=notify): it tells the
// service manager READY=1 on $NOTIFY_SOCKET once it accepts connections, so `systemctl start`
// returns — and units ordered after it start — only when the API answers.
#include <doctest/doctest.h>

#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "hub_fixture.h"

using namespace onestop::test;
namespace fs = std::filesystem;

namespace {

// A datagram socket bound to `path`, as systemd listens for a service's notifications.
class NotifySocket {
  public:
    explicit NotifySocket(const fs::path& path) {
        fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        REQUIRE(path.string().size() < sizeof address.sun_path);
        std::strcpy(address.sun_path, path.c_str());
        REQUIRE(bind(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
    }
    ~NotifySocket() { close(fd_); }
    NotifySocket(const NotifySocket&) = delete;
    NotifySocket& operator=(const NotifySocket&) = delete;

    // The next datagram, or "" when none comes within `ms`.
    std::string receive(int ms) {
        pollfd p{fd_, POLLIN, 0};
        if (poll(&p, 1, ms) != 1) return {};
        char buffer[512];
        ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
        return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
    }

  private:
    int fd_ = -1;
};

}  // namespace

TEST_CASE("under systemd the hub says READY=1 once, when it answers") {
    TempDir dir;
    const fs::path db = dir / "hall.db";
    REQUIRE(hub_cli({"init", "--db", db.string(), "--hall", ONESTOP_TEST_HALL}).status == 0);
    NotifySocket systemd(dir / "notify");
    ChildProcess hub(
        {bin_path("onestop-hub"), "serve", "--db", db.string(), "--listen", "127.0.0.1:0"},
        ChildOptions{.out = Stream::pipe(),
                     .err = Stream::file(dir / "hub.log", false),
                     .env = {"NOTIFY_SOCKET=" + (dir / "notify").string()}});
    CHECK(systemd.receive(10000) == "READY=1");
    auto line = hub.read_line();
    REQUIRE(line);
    REQUIRE(line->starts_with("listening on http://127.0.0.1:"));
    httplib::Client c(line->substr(std::strlen("listening on ")));
    auto health = c.Get("/api/v1/health");
    REQUIRE(health);
    CHECK(health->status == 200);
    CHECK(systemd.receive(200).empty());  // said once
    CHECK(hub.stop(SIGTERM) == 0);
}
