#pragma once
// HTTP/1.1 over a plain socket to 127.0.0.1, for what a client library would not send
// (a POST with no Content-Length at all, odd methods) and for holding many connections
// open at once (event streams).

#include <chrono>
#include <map>
#include <string>

namespace onestop::test {

// A TCP port on 127.0.0.1 free right now (bound to port 0, read back, closed): for a test
// server that must be down at first and come up later on the same address.
int free_port();

struct RawResponse {
    int status = 0;                              // 0: no complete status line in time
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;  // the Content-Length body; without one, what had arrived
};

class RawConnection {
  public:
    // Throws when it cannot connect. `receive_buffer` > 0 sets SO_RCVBUF (bytes): a small
    // one makes a client that does not read fill the server's side quickly.
    explicit RawConnection(int port, int receive_buffer = 0);
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    void send(const std::string& bytes);
    // Reads one response's head, then its Content-Length body (if it has one).
    RawResponse read_response(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    // Reads until `text` has arrived (counting what read_response left over).
    bool wait_for(const std::string& text,
                  std::chrono::milliseconds timeout = std::chrono::seconds(10));
    void close();

  private:
    // Appends what arrives before `deadline`; false on timeout or end of stream.
    bool fill(std::chrono::steady_clock::time_point deadline);
    int fd_ = -1;
    std::string buffer_;
};

// One request, sent as is on a fresh connection, and its response.
RawResponse raw_request(int port, const std::string& request,
                        std::chrono::milliseconds timeout = std::chrono::seconds(10));

}  // namespace onestop::test
