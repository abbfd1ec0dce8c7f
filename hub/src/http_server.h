#pragma once
// The hub's HTTP/1.1 server on Boost.Beast (docs/event-driven-hub.md). A few I/O threads
// serve every connection, API requests and event streams alike: an open stream costs a
// socket and its unsent bytes, not a thread. Handlers run on a separate small pool because
// they may wait (a ticket's answer waits for the writer's commit). The server knows no
// routes: it hands each request to the dispatcher and writes what comes back.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "onestop/base/result.h"
#include "reply.h"

namespace onestop::hub {

struct Request {
    std::string method;  // as sent; HEAD is dispatched as GET
    std::string path;    // percent-decoded, without the query
    std::string body;
    std::string remote_addr;
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::vector<std::pair<std::string, std::string>> params;   // the query, decoded, in order
    std::vector<std::string> matches;  // set by the router: [0] the path, then its path ids

    bool has_header(const std::string& name) const;
    std::string get_header_value(const std::string& name) const;  // "" when absent
    std::string get_param_value(const std::string& name) const;   // the first; "" when absent
};

// The writing end of an open event stream; safe to use from any thread.
class StreamSink {
  public:
    virtual ~StreamSink() = default;
    // Queues bytes for the client. False once the stream is closed: the client left, a
    // write stayed blocked past the write time-out, or more than the most a stream may
    // have unsent piled up (a slow reader is dropped, never waited for).
    virtual bool send(std::shared_ptr<const std::string> bytes) = 0;
    // Ends the response after what is queued, then the connection.
    virtual void close() = 0;
    virtual bool closed() const = 0;
};

struct Response {
    Reply reply;
    // Set for an event stream: the reply's status, content type and headers go out
    // (chunked), then this is called with the stream's writing end. When the client is
    // gone before that, it is dropped uncalled (what it holds is released then).
    std::function<void(std::shared_ptr<StreamSink>)> open_stream;
};

class HttpServer {
  public:
    struct Options {
        std::string host = "127.0.0.1";
        int port = 8080;                 // 0: a free one
        int io_threads = 2;              // connections, parsing, writing, streams
        int handler_threads = 16;        // dispatcher calls
        size_t max_body = 64 * 1024;     // larger bodies get 413
        std::filesystem::path tls_cert;  // HTTPS when both are set (PEM)
        std::filesystem::path tls_key;
    };
    using Dispatch = std::function<Response(Request&)>;
    // Called with the error status (400 unreadable, 413, 414/431 too long) for requests
    // that never reach the dispatcher.
    using ErrorReply = std::function<Reply(int status)>;

    // Loads the certificate (if any) and binds; nothing is accepted before run().
    static Result<std::unique_ptr<HttpServer>> create(const Options& options, Dispatch dispatch,
                                                      ErrorReply error_reply);
    ~HttpServer();

    int port() const;  // the bound port
    // Accepts and serves until stop(); returns when every connection has ended and every
    // handler in flight has answered.
    void run();
    // Safe from any thread, more than once: stops accepting, closes idle connections and
    // event streams; requests being handled still get their answer, then their connection
    // closes.
    void stop();

    struct Impl;  // defined in http_server.cpp only

  private:
    explicit HttpServer(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace onestop::hub
