#include "http_server.h"

#include <openssl/ssl.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>
#include <thread>
#include <unordered_map>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "onestop/base/error_codes.h"
#include "onestop/base/log.h"

namespace onestop::hub {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

namespace {

// A request's head and body must arrive within this, and an idle keep-alive connection
// closes after it: a client that sends half a request and waits is dropped.
constexpr auto kReadTimeout = std::chrono::seconds(5);
// A write that cannot finish in this time (the client stopped reading and its socket
// buffer stayed full) drops the connection.
constexpr auto kWriteTimeout = std::chrono::seconds(10);
constexpr auto kTlsShutdownTimeout = std::chrono::seconds(1);
// After accept() fails (out of file descriptors), wait before trying again.
constexpr auto kAcceptRetry = std::chrono::milliseconds(50);
constexpr size_t kMaxHead = 16 * 1024;
// Unsent bytes an event stream may pile up (about 1,000 events) before it is dropped; it
// resumes with Last-Event-ID when it reconnects.
constexpr size_t kMaxUnsent = 256 * 1024;
// A stream's kernel send buffer: events are small, and a fixed size (no autotuning up to
// megabytes) bounds what a reader that stopped reading holds in the kernel.
constexpr int kStreamSendBuffer = 64 * 1024;

std::string lower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

// %XX decoding; in a query, '+' is a space too. Malformed escapes stay as they are.
std::string percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%' && i + 2 < text.size()) {
            int hi = hex_digit(text[i + 1]), lo = hex_digit(text[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out += static_cast<char>(hi * 16 + lo);
                i += 2;
                continue;
            }
        }
        out += plus_is_space && c == '+' ? ' ' : c;
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> parse_query(std::string_view query) {
    std::vector<std::pair<std::string, std::string>> out;
    while (!query.empty()) {
        size_t amp = query.find('&');
        std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty()) continue;
        size_t eq = pair.find('=');
        std::string_view key = pair.substr(0, eq);
        std::string_view value = eq == std::string_view::npos ? "" : pair.substr(eq + 1);
        out.emplace_back(percent_decode(key, true), percent_decode(value, true));
    }
    return out;
}

const std::string kCrlf = "\r\n";
const auto kLastChunkBytes = std::make_shared<const std::string>("0\r\n\r\n");
const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

}  // namespace

bool Request::has_header(const std::string& name) const {
    std::string key = lower(name);
    return std::any_of(headers.begin(), headers.end(),
                       [&](const auto& h) { return h.first == key; });
}

std::string Request::get_header_value(const std::string& name) const {
    std::string key = lower(name);
    for (const auto& [k, v] : headers)
        if (k == key) return v;
    return "";
}

std::string Request::get_param_value(const std::string& name) const {
    for (const auto& [k, v] : params)
        if (k == name) return v;
    return "";
}

// A connection as the server's registry sees it, whatever its transport.
class Connection : public StreamSink {
  public:
    // On the connection's strand: end soon (see HttpServer::stop).
    virtual void stop_soon() = 0;
};

struct HttpServer::Impl {
    Options options;
    Dispatch dispatch;
    ErrorReply error_reply;
    // Declared before the io_context: connections still queued in it at destruction leave
    // this registry in their destructors.
    std::mutex mu;
    std::unordered_map<const Connection*, std::weak_ptr<Connection>> live;
    asio::io_context ioc;
    asio::thread_pool handlers;  // destroyed before ioc: its jobs hold work on ioc
    std::optional<ssl::context> tls;
    tcp::acceptor acceptor{asio::make_strand(ioc)};
    asio::steady_timer accept_retry{acceptor.get_executor()};
    std::atomic<bool> stopping{false};

    Impl(const Options& o, Dispatch d, ErrorReply e)
        : options(o),
          dispatch(std::move(d)),
          error_reply(std::move(e)),
          handlers(static_cast<size_t>(std::max(1, o.handler_threads))) {}

    void accept();
    void start(tcp::socket socket);
    void enter(const std::shared_ptr<Connection>& c) {
        std::lock_guard lock(mu);
        live.emplace(c.get(), c);
    }
    void leave(const Connection* c) {
        std::lock_guard lock(mu);
        live.erase(c);
    }
    // Runs the dispatcher on the handler pool; `done` gets its answer there.
    template <typename Done>
    void handle(Request request, Done done) {
        asio::post(handlers, [this, request = std::move(request), done = std::move(done),
                              work = asio::make_work_guard(ioc)]() mutable {
            Response response;
            try {
                response = dispatch(request);
            } catch (const std::exception& e) {
                // Nothing should throw here; if it does, the client still gets CONTRACT's body.
                logger("hub")->error("{} {}: {}", request.method, request.path, e.what());
                response.reply = error_reply(500);
            }
            done(std::move(response));
        });
    }
};

namespace {

template <class Stream>
constexpr bool kIsTls = !std::is_same_v<Stream, beast::tcp_stream>;

// One client connection: requests one after another (keep-alive), the last of which may
// turn it into an event stream. Everything runs on the connection's strand.
template <class Stream>
class ConnectionOn final : public Connection,
                           public std::enable_shared_from_this<ConnectionOn<Stream>> {
  public:
    ConnectionOn(HttpServer::Impl& server, Stream stream, std::string remote)
        : server_(server), stream_(std::move(stream)), remote_(std::move(remote)) {}
    ~ConnectionOn() override { server_.leave(this); }

    void start() {
        server_.enter(this->shared_from_this());
        if constexpr (kIsTls<Stream>) {
            phase_ = Phase::Reading;
            lowest().expires_after(kReadTimeout);
            stream_.async_handshake(ssl::stream_base::server,
                                    [self = this->shared_from_this()](beast::error_code ec) {
                                        if (ec) return self->abort();
                                        self->read_request();
                                    });
        } else {
            read_request();
        }
    }

    bool send(std::shared_ptr<const std::string> bytes) override {
        return send_chunk(std::move(bytes));
    }

    void close() override { end_stream(); }

    bool closed() const override { return closed_; }

    void stop_soon() override {
        asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
            switch (self->phase_) {
                case Phase::Reading:
                    return self->abort();
                case Phase::Streaming:
                    return self->end_stream();
                case Phase::Handling:  // the answer goes out with Connection: close
                case Phase::Writing:   // then the connection ends instead of reading again
                case Phase::Ending:
                    return;
            }
        });
    }

  private:
    enum class Phase { Reading, Handling, Writing, Streaming, Ending };

    beast::tcp_stream& lowest() { return beast::get_lowest_layer(stream_); }

    void read_request() {
        if (server_.stopping) return finish();
        phase_ = Phase::Reading;
        parser_.emplace();
        parser_->body_limit(server_.options.max_body);
        parser_->header_limit(kMaxHead);
        lowest().expires_after(kReadTimeout);
        http::async_read_header(
            stream_, buffer_, *parser_,
            [self = this->shared_from_this()](beast::error_code ec, size_t) { self->on_head(ec); });
    }

    void on_head(beast::error_code ec) {
        // stop_soon() may abort between a read's completion and this handler: the request
        // is then dropped unanswered, never handled with no way left to answer it.
        if (phase_ == Phase::Ending) return;
        if (ec) return refuse(ec);
        if (beast::iequals(parser_->get()[http::field::expect], "100-continue")) {
            // curl asks before sending a body over 1 KiB, and waits a second if not told.
            asio::async_write(stream_, asio::buffer(kContinue),
                              [self = this->shared_from_this()](beast::error_code ec, size_t) {
                                  if (ec) return self->abort();
                                  self->read_body();
                              });
            return;
        }
        read_body();
    }

    void read_body() {
        http::async_read(stream_, buffer_, *parser_,
                         [self = this->shared_from_this()](beast::error_code ec, size_t) {
                             if (self->phase_ == Phase::Ending) return;  // see on_head
                             if (ec) return self->refuse(ec);
                             self->on_request();
                         });
    }

    // The request could not be read: answer what can be answered, then close.
    void refuse(beast::error_code ec) {
        if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
            ec == asio::error::operation_aborted || ec == asio::error::eof ||
            ec == asio::error::connection_reset || ec == ssl::error::stream_truncated)
            return abort();
        int status = ec == http::error::body_limit     ? 413
                     : ec == http::error::header_limit ? 431
                                                       : 400;
        keep_alive_ = false;
        head_only_ = false;
        write_reply(server_.error_reply(status));
    }

    void on_request() {
        auto message = parser_->release();
        parser_.reset();
        Request request;
        request.method = std::string(message.method_string());
        head_only_ = message.method() == http::verb::head;
        if (head_only_) request.method = "GET";
        std::string_view target = message.target();
        size_t question = target.find('?');
        request.path = percent_decode(target.substr(0, question), false);
        if (question != std::string_view::npos)
            request.params = parse_query(target.substr(question + 1));
        for (const auto& field : message)
            request.headers.emplace_back(lower(field.name_string()), std::string(field.value()));
        request.body = std::move(message.body());
        request.remote_addr = remote_;
        keep_alive_ = message.keep_alive();
        phase_ = Phase::Handling;
        lowest().expires_never();
        server_.handle(std::move(request), [self = this->shared_from_this()](Response response) {
            asio::post(self->stream_.get_executor(),
                       [self, response = std::move(response)]() mutable {
                           self->on_answer(std::move(response));
                       });
        });
    }

    void on_answer(Response response) {
        if (response.open_stream && response.reply.status == 200 && !head_only_)
            return start_stream(std::move(response));
        if (closed_) return;
        write_reply(std::move(response.reply));
    }

    void write_reply(Reply reply) {
        phase_ = Phase::Writing;
        auto res = std::make_shared<http::response<http::string_body>>(
            static_cast<http::status>(reply.status), 11);
        res->set(http::field::server, "onestop-hub");
        if (!reply.body.empty() && !reply.content_type.empty())
            res->set(http::field::content_type, reply.content_type);
        bool closes = std::any_of(reply.headers.begin(), reply.headers.end(), [](const auto& h) {
            return beast::iequals(h.first, "Connection") && beast::iequals(h.second, "close");
        });
        bool keep = keep_alive_ && !server_.stopping && !closes;
        res->keep_alive(keep);
        for (const auto& [name, value] : reply.headers) res->set(name, value);
        if (reply.status != 204 && reply.status != 304) res->content_length(reply.body.size());
        if (!head_only_) res->body() = std::move(reply.body);
        lowest().expires_after(kWriteTimeout);
        http::async_write(
            stream_, *res,
            [self = this->shared_from_this(), res, keep](beast::error_code ec, size_t) {
                if (ec) return self->abort();
                if (!keep) return self->finish();
                self->read_request();
            });
    }

    // The answer's head goes out, then the stream is handed over; it ends with a last
    // chunk when closed. A client gone before that never gets to open_stream.
    void start_stream(Response response) {
        auto open = std::move(response.open_stream);
        if (closed_) return;
        phase_ = Phase::Streaming;
        beast::error_code ignored;
        lowest().socket().set_option(asio::socket_base::send_buffer_size(kStreamSendBuffer),
                                     ignored);
        std::string head = "HTTP/1.1 200 OK\r\nServer: onestop-hub\r\nContent-Type: " +
                           response.reply.content_type + "\r\nTransfer-Encoding: chunked\r\n";
        for (const auto& [name, value] : response.reply.headers)
            head += name + ": " + value + "\r\n";
        head += "\r\n";
        {
            std::lock_guard lock(out_mu_);
            writing_ = true;  // sends queue behind the head
            pending_.push_back(std::make_shared<const std::string>(std::move(head)));
        }
        watch_for_close();
        flush();
        open(this->shared_from_this());
    }

    // A stream's client sends nothing more; reading notices at once when it leaves.
    void watch_for_close() {
        stream_.async_read_some(asio::buffer(ignored_),
                                [self = this->shared_from_this()](beast::error_code ec, size_t) {
                                    if (ec) return self->abort();
                                    self->watch_for_close();
                                });
    }

    // Any thread. Each send is one chunk. On plain TCP with nothing queued it is written
    // at once, without the strand (one sendmsg); otherwise it queues for flush().
    bool send_chunk(std::shared_ptr<const std::string> bytes) {
        if (bytes->empty()) return !closed_;
        char size_line[24];
        auto line_size = static_cast<size_t>(
            std::snprintf(size_line, sizeof size_line, "%zx\r\n", bytes->size()));
        std::lock_guard lock(out_mu_);
        if (closed_ || ending_) return false;
        size_t total = line_size + bytes->size() + kCrlf.size();
        size_t written = 0;
        if constexpr (!kIsTls<Stream>) {
            if (!writing_) {
                iovec parts[3] = {{size_line, line_size},
                                  {const_cast<char*>(bytes->data()), bytes->size()},
                                  {const_cast<char*>(kCrlf.data()), kCrlf.size()}};
                msghdr message{};
                message.msg_iov = parts;
                message.msg_iovlen = 3;
                ssize_t n = ::sendmsg(lowest().socket().native_handle(), &message,
                                      MSG_NOSIGNAL | MSG_DONTWAIT);
                if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
                    closed_ = true;  // the strand closes the socket
                    asio::post(stream_.get_executor(),
                               [self = this->shared_from_this()] { self->abort(); });
                    return false;
                }
                written = n < 0 ? 0 : static_cast<size_t>(n);
                if (written == total) return true;
            }
        }
        // What is left of this chunk joins the queue, written on the strand.
        std::string rest = std::string(size_line, line_size) + *bytes + kCrlf;
        unsent_ += total - written;
        pending_.push_back(std::make_shared<const std::string>(rest.substr(written)));
        if (unsent_ > kMaxUnsent) {
            logger("hub")->warn("event stream to {}: {} bytes unsent, dropped as too slow", remote_,
                                unsent_);
            closed_ = true;
            asio::post(stream_.get_executor(),
                       [self = this->shared_from_this()] { self->abort(); });
            return false;
        }
        if (!writing_) {
            writing_ = true;
            asio::post(stream_.get_executor(),
                       [self = this->shared_from_this()] { self->flush(); });
        }
        return true;
    }

    // On the strand, while writing_: writes what is queued; once nothing is, the last
    // chunk if the stream is ending.
    void flush() {
        std::vector<asio::const_buffer> buffers;
        {
            std::lock_guard lock(out_mu_);
            if (closed_) return;
            if (pending_.empty()) {
                if (!ending_) {
                    writing_ = false;
                    return;
                }
                pending_.push_back(kLastChunkBytes);
                last_ = true;
            }
            in_flight_.swap(pending_);
        }
        buffers.reserve(in_flight_.size());
        size_t size = 0;
        for (const auto& b : in_flight_) {
            buffers.push_back(asio::buffer(*b));
            size += b->size();
        }
        lowest().expires_after(kWriteTimeout);
        asio::async_write(stream_, buffers,
                          [self = this->shared_from_this(), size](beast::error_code ec, size_t) {
                              self->lowest().expires_never();
                              bool last = false;
                              {
                                  std::lock_guard lock(self->out_mu_);
                                  self->in_flight_.clear();
                                  self->unsent_ -= std::min(self->unsent_, size);
                                  last = self->last_;
                              }
                              if (ec) return self->abort();
                              if (last) return self->finish();
                              self->flush();
                          });
    }

    // Any thread: ends the stream after what is queued.
    void end_stream() {
        std::lock_guard lock(out_mu_);
        if (closed_ || ending_) return;
        ending_ = true;
        if (!writing_) {
            writing_ = true;
            asio::post(stream_.get_executor(),
                       [self = this->shared_from_this()] { self->flush(); });
        }
    }

    // Ends the connection politely (TLS close_notify; TCP FIN after what was sent).
    void finish() {
        {
            std::lock_guard lock(out_mu_);
            if (closed_) return;
            closed_ = true;
        }
        phase_ = Phase::Ending;
        if constexpr (kIsTls<Stream>) {
            lowest().expires_after(kTlsShutdownTimeout);
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) {
                std::lock_guard lock(self->out_mu_);
                beast::error_code ignored;
                self->lowest().socket().close(ignored);
            });
        } else {
            std::lock_guard lock(out_mu_);
            beast::error_code ignored;
            lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
            lowest().socket().close(ignored);
        }
    }

    // Ends it at once: time-outs, errors, slow readers, a stop while idle. Under the
    // output lock: a direct write must never reach a descriptor number reused meanwhile.
    void abort() {
        std::lock_guard lock(out_mu_);
        closed_ = true;
        phase_ = Phase::Ending;
        beast::error_code ignored;
        lowest().socket().close(ignored);
    }

    HttpServer::Impl& server_;
    Stream stream_;
    std::string remote_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
    Phase phase_ = Phase::Reading;
    bool keep_alive_ = true;
    bool head_only_ = false;
    std::atomic<bool> closed_{false};
    // Event stream state, guarded by out_mu_ (sends come from any thread).
    std::mutex out_mu_;
    std::vector<std::shared_ptr<const std::string>> pending_, in_flight_;
    size_t unsent_ = 0;     // bytes in pending_ and in_flight_
    bool writing_ = false;  // the strand owns the output (a flush is due or running)
    bool ending_ = false;
    bool last_ = false;  // the last chunk is in flight
    std::array<char, 256> ignored_{};
};

}  // namespace

void HttpServer::Impl::accept() {
    acceptor.async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
        if (ec) {
            logger("hub")->warn("accept failed: {}", ec.message());
            accept_retry.expires_after(kAcceptRetry);
            accept_retry.async_wait([this](beast::error_code wait) {
                if (!wait) accept();
            });
            return;
        }
        start(std::move(socket));
        accept();
    });
}

void HttpServer::Impl::start(tcp::socket socket) {
    beast::error_code ec;
    auto remote = socket.remote_endpoint(ec);
    if (ec) return;  // already gone
    // Answers go out as one write each, but Nagle would still hold a stream's small events.
    socket.set_option(tcp::no_delay(true), ec);
    std::string address = remote.address().to_string();
    if (tls) {
        using Tls = beast::ssl_stream<beast::tcp_stream>;
        std::make_shared<ConnectionOn<Tls>>(*this, Tls(beast::tcp_stream(std::move(socket)), *tls),
                                            std::move(address))
            ->start();
    } else {
        std::make_shared<ConnectionOn<beast::tcp_stream>>(
            *this, beast::tcp_stream(std::move(socket)), std::move(address))
            ->start();
    }
}

static std::string lowercase_first(std::string text) {
    if (!text.empty())
        text[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

Result<std::unique_ptr<HttpServer>> HttpServer::create(const Options& options, Dispatch dispatch,
                                                       ErrorReply error_reply) {
    auto impl = std::make_unique<Impl>(options, std::move(dispatch), std::move(error_reply));
    if (!options.tls_cert.empty()) {
        impl->tls.emplace(ssl::context::tls_server);
        auto& ctx = *impl->tls;
        ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                        ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
        beast::error_code ec;
        ctx.use_certificate_chain_file(options.tls_cert.string(), ec);
        if (!ec) ctx.use_private_key_file(options.tls_key.string(), ssl::context::pem, ec);
        if (ec || SSL_CTX_check_private_key(ctx.native_handle()) != 1)
            return make_error(errc::tls_unusable,
                              "cannot serve HTTPS with " + options.tls_cert.string() + " and " +
                                  options.tls_key.string() +
                                  ": they must be a PEM certificate and its own private key");
    }

    const std::string where =
        "cannot listen on " + options.host + ":" + std::to_string(options.port) + ": ";
    beast::error_code ec;
    tcp::resolver resolver(impl->ioc);
    auto found = resolver.resolve(options.host, std::to_string(options.port),
                                  tcp::resolver::passive | tcp::resolver::numeric_service, ec);
    if (ec) return make_error(errc::listen_failed, where + lowercase_first(ec.message()));
    std::string reason = "no address to listen on";
    for (const auto& entry : found) {
        auto& acceptor = impl->acceptor;
        beast::error_code step;
        acceptor.open(entry.endpoint().protocol(), step);
        // SO_REUSEADDR rebinds at once after a restart; SO_REUSEPORT (never set) would let
        // a second hub bind the same port and take half the hall's requests.
        if (!step) acceptor.set_option(tcp::acceptor::reuse_address(true), step);
        if (!step) acceptor.bind(entry.endpoint(), step);
        if (!step) acceptor.listen(asio::socket_base::max_listen_connections, step);
        if (!step) return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
        reason = step.message();
        beast::error_code ignored;
        acceptor.close(ignored);
    }
    return make_error(errc::listen_failed, where + lowercase_first(reason));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

HttpServer::~HttpServer() {
    impl_->handlers.join();
}

int HttpServer::port() const {
    beast::error_code ec;
    auto endpoint = impl_->acceptor.local_endpoint(ec);
    return ec ? -1 : endpoint.port();
}

void HttpServer::run() {
    asio::post(impl_->acceptor.get_executor(), [this] {
        if (!impl_->stopping) impl_->accept();
    });
    std::vector<std::thread> threads;
    for (int i = 1; i < impl_->options.io_threads; ++i)
        threads.emplace_back([this] { impl_->ioc.run(); });
    impl_->ioc.run();
    for (auto& t : threads) t.join();
    impl_->handlers.join();
}

void HttpServer::stop() {
    if (impl_->stopping.exchange(true)) return;
    asio::post(impl_->acceptor.get_executor(), [this] {
        beast::error_code ignored;
        impl_->acceptor.close(ignored);
        impl_->accept_retry.cancel();
    });
    std::vector<std::shared_ptr<Connection>> open;
    {
        std::lock_guard lock(impl_->mu);
        for (auto& [_, weak] : impl_->live)
            if (auto c = weak.lock()) open.push_back(std::move(c));
    }
    // Outside the lock: the last reference to a connection may be dropped here.
    for (auto& c : open) c->stop_soon();
}

}  // namespace onestop::hub
