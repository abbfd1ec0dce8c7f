// hub-streams: how many open event streams the hub holds, and what they cost the rest: the
// time from call-next to ticket.called at every stream, GET /api/v1/health while they are
// open and calls run, connections that send nothing, and the hub's memory. See RESULTS.md.
//
//   hub-streams [--streams N] [--silent M] [--calls C] [--pace MS] [--threads T] [--dir DIR]
//               [--hub-bin PATH]
//
// The streams are plain sockets on one epoll loop in one thread, so the client costs a few
// KiB per stream and its own CPU use is printed beside the figures: the generator must not
// be what is measured.

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_hub.h"
#include "onestop/base/ids.h"
#include "onestop/base/log.h"
#include "onestop/cli/cli.h"
#include "onestop/net/hub_client.h"

using namespace onestop;
using namespace std::chrono_literals;
using bench::ms;
using bench::SteadyClock;

namespace {

[[noreturn]] void die(const std::string& what) {
    bench::die("hub-streams", what);
}

// The most open files this process may have: a stream and a silent connection are one
// socket each, and the hub (our child) inherits the limit.
void raise_file_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
}

int connect_to(int port) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 && errno != EINPROGRESS) {
        close(fd);
        return -1;
    }
    return fd;
}

// One event stream: its socket, whether the hub answered 200, and when each ticket.called
// reached it (the k-th arrival belongs to the k-th call: a stream keeps the hub's order).
struct Stream {
    int fd = -1;
    bool sent = false;
    bool ok = false;
    bool closed = false;
    char tail[32];  // the last bytes read, so a marker split across reads is still found
    size_t tail_size = 0;
    std::vector<SteadyClock::time_point> called;
};

constexpr std::string_view kCalledMarker = "event: ticket.called\n";

// All streams on one epoll loop, in a thread of its own.
class StreamLoop {
  public:
    StreamLoop(int port, int count) : port_(port), streams_(static_cast<size_t>(count)) {
        ep_ = epoll_create1(EPOLL_CLOEXEC);
        request_ = "GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) +
                   "\r\nAccept: text/event-stream\r\n\r\n";
        thread_ = std::thread([this] { run(); });
    }
    ~StreamLoop() {
        stop_ = true;
        thread_.join();
        for (auto& s : streams_)
            if (s.fd >= 0) close(s.fd);
        close(ep_);
    }

    int answered() const { return answered_.load(); }  // streams the hub said 200 to
    int closed() const { return closed_.load(); }
    long arrivals() const { return arrivals_.load(); }
    // After stop: the streams, for their arrival times.
    const std::vector<Stream>& streams() const { return streams_; }
    void stop() { stop_ = true; }

  private:
    // Connections open a few at a time, as devices come up: a burst of thousands of
    // handshakes would overflow the listen backlog and measure the kernel's SYN retries.
    void top_up() {
        while (next_ < streams_.size() &&
               next_ - static_cast<size_t>(answered_ + closed_) < kConnectingAtOnce) {
            Stream& s = streams_[next_];
            s.fd = connect_to(port_);
            if (s.fd < 0) {
                s.closed = true;
                ++closed_;
            } else {
                epoll_event ev{};
                ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
                ev.data.u64 = next_;
                epoll_ctl(ep_, EPOLL_CTL_ADD, s.fd, &ev);
            }
            ++next_;
        }
    }

    void run() {
        std::vector<epoll_event> ready(1024);
        char buf[kReadSize + sizeof Stream::tail];
        while (!stop_) {
            top_up();
            int n = epoll_wait(ep_, ready.data(), static_cast<int>(ready.size()), 5);
            auto now = SteadyClock::now();
            for (int k = 0; k < n; ++k) {
                Stream& s = streams_[ready[static_cast<size_t>(k)].data.u64];
                uint32_t what = ready[static_cast<size_t>(k)].events;
                if (s.closed) continue;
                if ((what & EPOLLOUT) && !s.sent) {
                    if (write(s.fd, request_.data(), request_.size()) !=
                        static_cast<ssize_t>(request_.size())) {
                        finish(s);
                        continue;
                    }
                    s.sent = true;
                    epoll_event ev{};
                    ev.events = EPOLLIN | EPOLLRDHUP;
                    ev.data.u64 = ready[static_cast<size_t>(k)].data.u64;
                    epoll_ctl(ep_, EPOLL_CTL_MOD, s.fd, &ev);
                }
                if (what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) read_some(s, buf, now);
            }
        }
    }

    // One read per readiness (epoll is level-triggered: what is left is reported again),
    // into `buf` behind the last bytes of the previous read, so a marker split across
    // reads is found without copying.
    void read_some(Stream& s, char* buf, SteadyClock::time_point now) {
        std::memcpy(buf, s.tail, s.tail_size);
        ssize_t got = read(s.fd, buf + s.tail_size, kReadSize);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
            finish(s);
            return;
        }
        if (got < 0) return;
        size_t size = s.tail_size + static_cast<size_t>(got);
        std::string_view text(buf, size);
        if (!s.ok && text.substr(s.tail_size).rfind("HTTP/1.1 200", 0) == 0) {
            s.ok = true;
            ++answered_;
        }
        // The tail is shorter than the marker: every match found here is new.
        for (size_t at = text.find(kCalledMarker); at != std::string_view::npos;
             at = text.find(kCalledMarker, at + 1)) {
            s.called.push_back(now);
            ++arrivals_;
        }
        s.tail_size = std::min(size, kCalledMarker.size() - 1);
        std::memcpy(s.tail, buf + size - s.tail_size, s.tail_size);
    }

    void finish(Stream& s) {
        s.closed = true;
        ++closed_;
        epoll_ctl(ep_, EPOLL_CTL_DEL, s.fd, nullptr);
    }

    static constexpr size_t kConnectingAtOnce = 16;
    static constexpr size_t kReadSize = 16384;
    int port_;
    std::vector<Stream> streams_;
    size_t next_ = 0;  // the next stream to connect
    std::string request_;
    int ep_ = -1;
    std::atomic<bool> stop_{false};
    std::atomic<int> answered_{0};
    std::atomic<int> closed_{0};
    std::atomic<long> arrivals_{0};
    std::thread thread_;
};

double cpu_seconds_self() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

template <typename Done>
bool wait_until(Done done, std::chrono::milliseconds within) {
    auto deadline = SteadyClock::now() + within;
    while (!done()) {
        if (SteadyClock::now() > deadline) return false;
        std::this_thread::sleep_for(1ms);
    }
    return true;
}

}  // namespace

static int run(int argc, char** argv) {
    int streams = 1000, silent = 0, calls = 20, threads = 16, pace_ms = 200;
    std::filesystem::path dir, hub_bin;
    CLI::App cli("hub-streams: open event streams, call → ticket.called at each, health meanwhile",
                 "hub-streams");
    cli.add_option("--streams", streams, "event streams to open [default: 1000]")
        ->check(CLI::PositiveNumber);
    cli.add_option("--silent", silent,
                   "connections that open and send nothing, beside the streams [default: 0]")
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--calls", calls, "calls to time [default: 20]")->check(CLI::PositiveNumber);
    cli.add_option("--pace", pace_ms,
                   "milliseconds from a finish to the next call (0: back to back) [default: 200]")
        ->check(CLI::NonNegativeNumber);
    cli.add_option("--threads", threads, "the hub's --threads [default: 16, the hub's own]")
        ->check(CLI::Range(4, 4096));
    cli.add_option("--dir", dir, "scratch folder [default: a new folder under /tmp]");
    cli.add_option("--hub-bin", hub_bin, "the onestop-hub to run [default: next to this program]");
    if (auto code = onestop::cli::parse(cli, argc, argv)) return *code;
    if (hub_bin.empty())
        hub_bin = std::filesystem::canonical("/proc/self/exe").parent_path() / "onestop-hub";
    spdlog::set_level(spdlog::level::warn);
    raise_file_limit();
    bool own_dir = dir.empty();
    if (own_dir) {
        char tmpl[] = "/tmp/hub-streams.XXXXXX";
        if (!mkdtemp(tmpl)) die("mkdtemp failed");
        dir = tmpl;
    }
    std::filesystem::create_directories(dir);

    // A Wednesday at 10:00 in the hall: every fixed window is open.
    test::HubProcess hub({dir / "hub.db",
                          "2026-11-25T10:00:00+08:00",
                          "",
                          {"--threads", std::to_string(threads)},
                          hub_bin,
                          "/dev/null"});
    auto [kiosk_token, counter_token] = bench::start_bench_hub(hub, "hub-streams");
    long rss_idle = hub.rss_kib();
    std::printf(
        "hub-streams: %s --threads %d, %d streams, %d silent connections, %d calls %d ms apart\n",
        hub.url().c_str(), threads, streams, silent, calls, pace_ms);

    // The tickets to call, for a service window 1 serves.
    net::HubClient kiosk({hub.url(), kiosk_token});
    net::HubClient counter({hub.url(), counter_token, 2000ms, 10000ms});
    auto window = counter.window_info(1);
    if (!window || window->window.services.empty()) die("window 1 serves nothing");
    for (int i = 0; i < calls; ++i) {
        net::IssueRequest req{
            window->window.services.front(), net::Priority::Normal, new_uuid(), {}, {}, {}};
        if (auto t = kiosk.issue_ticket(req); !t) die("issue: " + t.error().message);
    }
    auto session = counter.create_session(1, "L001", "1234");
    if (!session) die("session: " + session.error().message);
    counter.set_token(session->session);

    double cpu0 = cpu_seconds_self();
    auto open_start = SteadyClock::now();
    std::vector<int> quiet;
    for (int i = 0; i < silent; ++i)
        if (int fd = connect_to(hub.port()); fd >= 0) quiet.push_back(fd);
    StreamLoop loop(hub.port(), streams);
    bool all_open = wait_until([&] { return loop.answered() + loop.closed() >= streams; }, 60s);
    double open_s = ms(SteadyClock::now() - open_start) / 1000.0;
    std::printf("open: %d of %d streams answered 200 in %.2f s (%d closed)%s; %zu silent held\n",
                loop.answered(), streams, open_s, loop.closed(),
                all_open ? "" : " — gave up after 60 s", quiet.size());
    // The hub replays nothing new to a fresh stream, but let the last ones settle.
    wait_until([&] { return hub.event_subscribers() >= loop.answered(); }, 10s);
    long rss_open = hub.rss_kib();

    // Health, sequentially, for as long as the calls run.
    std::atomic<bool> calling{true};
    std::vector<double> health;
    int health_failed = 0;
    std::thread prober([&] {
        net::HubClient probe({hub.url(), "", 2000ms, 5000ms});
        while (calling) {
            auto t0 = SteadyClock::now();
            if (probe.health())
                health.push_back(ms(SteadyClock::now() - t0));
            else
                ++health_failed;
            std::this_thread::sleep_for(5ms);
        }
    });

    double hub_cpu0 = hub.cpu_seconds(), client_cpu0 = cpu_seconds_self();
    auto calls_start = SteadyClock::now();
    std::vector<SteadyClock::time_point> sent;
    std::vector<double> answer;
    int delivered_late = 0;
    for (int i = 0; i < calls; ++i) {
        auto t0 = SteadyClock::now();
        auto t = counter.call_next(1, new_uuid());
        answer.push_back(ms(SteadyClock::now() - t0));
        if (!t || !t->has_value()) die("call-next failed at call " + std::to_string(i + 1));
        sent.push_back(t0);
        // Each call waits for the last one to reach every stream: calls at a hall's pace.
        long want = static_cast<long>(loop.answered()) * (i + 1);
        if (!wait_until([&] { return loop.arrivals() >= want; }, 10s)) ++delivered_late;
        if (auto f = counter.finish(1, new_uuid()); !f) die("finish: " + f.error().message);
        // The finish's own events (ticket.finished, evaluation.requested) reach every stream
        // before the next call, as in a hall, where a window's calls are seconds apart.
        std::this_thread::sleep_for(std::chrono::milliseconds(pace_ms));
    }
    double calls_wall = ms(SteadyClock::now() - calls_start) / 1000.0;
    double hub_cpu = hub.cpu_seconds() - hub_cpu0,
           client_calls_cpu = cpu_seconds_self() - client_cpu0;
    calling = false;
    prober.join();
    loop.stop();
    long rss_calls = hub.rss_kib();
    double client_cpu = cpu_seconds_self() - cpu0;
    double wall = ms(SteadyClock::now() - open_start) / 1000.0;

    std::vector<double> latency;
    long missing = 0;
    for (const auto& s : loop.streams()) {
        if (!s.ok) continue;
        for (size_t k = 0; k < sent.size(); ++k) {
            if (k < s.called.size())
                latency.push_back(ms(s.called[k] - sent[k]));
            else
                ++missing;
        }
    }
    auto ls = bench::stats(latency);
    auto hs = bench::stats(health);
    auto as = bench::stats(answer);
    std::printf(
        "call -> ticket.called at %d streams x %d calls: p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
        "%ld missing; %d calls not everywhere within 10 s\n",
        loop.answered(), calls, ls.p50, ls.p99, ls.max, missing, delivered_late);
    std::printf("call-next answer: p50 %.2f ms, p99 %.2f ms\n", as.p50, as.p99);
    std::printf("GET /api/v1/health meanwhile: %zu answered, %d failed, p50 %.2f ms, p99 %.2f ms\n",
                health.size(), health_failed, hs.p50, hs.p99);
    std::printf("hub RSS: %.1f MB idle, %.1f MB with the streams open, %.1f MB after the calls\n",
                rss_idle / 1024.0, rss_open / 1024.0, rss_calls / 1024.0);
    std::printf("client: %.2f s CPU over %.2f s wall (%.0f%% of one core)\n", client_cpu, wall,
                100.0 * client_cpu / wall);
    std::printf(
        "while calling (%.2f s): hub %.2f s CPU, client %.2f s CPU (health prober included)\n",
        calls_wall, hub_cpu, client_calls_cpu);
    for (int fd : quiet) close(fd);
    hub.terminate();
    if (own_dir) std::filesystem::remove_all(dir);
    return 0;
}

int main(int argc, char** argv) {
    return bench::guarded("hub-streams", [&] { return run(argc, argv); });
}
