#pragma once
// A tiny cpp-httplib server on 127.0.0.1 with a free port, for testing the client side
// against exact answers (error bodies, stalls, dropped streams) the real hub does not
// produce on demand. Stops on scope exit.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

namespace onestop::test {

class FakeHubServer {
  public:
    FakeHubServer() = default;
    ~FakeHubServer() { stop(); }

    httplib::Server& server() { return server_; }

    // Binds a free port and serves on a thread; returns once the accept loop runs.
    void start() {
        port_ = server_.bind_to_any_port("127.0.0.1");
        thread_ = std::thread([this] { server_.listen_after_bind(); });
        // stop() only ends a server whose loop is running, so wait for it to run.
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
        while (!server_.is_running() && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    void stop() {
        stopping = true;
        if (thread_.joinable()) {
            server_.stop();
            thread_.join();
        }
    }
    int port() const { return port_; }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

    std::atomic<bool> stopping{false};  // long-running handlers end when set

  private:
    httplib::Server server_;
    std::thread thread_;
    int port_ = 0;
};

}  // namespace onestop::test
