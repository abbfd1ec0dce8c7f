// A network printer: accepts one connection at a time (as most real ones do), answers
// DLE EOT from the bytes as they arrive, and saves a job at each cut, or when the
// client closes the connection or goes quiet for a second.
#include "onestop/printer/emulator.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>

#include "onestop/base/log.h"
#include "onestop/printer/virtual_printer.h"

namespace onestop::printer {

namespace {

constexpr int kIdleFlushMs = 1000;

Status write_file_atomically(const std::filesystem::path& path, const std::vector<uint8_t>& bytes) {
    auto tmp = path;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary);
        out.write(reinterpret_cast<const char*>(bytes.data()),
                  static_cast<std::streamsize>(bytes.size()));
        if (!out) return make_error("write_failed", tmp.string() + ": cannot write");
    }
    std::error_code ec;
    std::filesystem::rename(tmp, path, ec);
    if (ec) return make_error("write_failed", path.string() + ": " + ec.message());
    return {};
}

}  // namespace

Result<std::unique_ptr<Emulator>> Emulator::start(const std::string& host, int port,
                                                  std::filesystem::path out_dir, Profile profile) {
    std::error_code ec;
    std::filesystem::create_directories(out_dir, ec);
    if (ec) return make_error("bad_out_dir", out_dir.string() + ": " + ec.message());

    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    if (int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
        rc != 0) {
        return make_error("bad_listen", host + ": " + ::gai_strerror(rc));
    }
    int fd = ::socket(found->ai_family, found->ai_socktype | SOCK_CLOEXEC, found->ai_protocol);
    int one = 1;
    if (fd >= 0) ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (fd < 0 || ::bind(fd, found->ai_addr, found->ai_addrlen) != 0 || ::listen(fd, 8) != 0) {
        std::string why = std::strerror(errno);
        if (fd >= 0) ::close(fd);
        ::freeaddrinfo(found);
        return make_error("bad_listen", host + ":" + std::to_string(port) + ": " + why);
    }
    ::freeaddrinfo(found);
    sockaddr_storage bound{};
    socklen_t len = sizeof bound;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
    int actual = bound.ss_family == AF_INET6
                     ? ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port)
                     : ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);

    std::unique_ptr<Emulator> e(new Emulator());
    if (::pipe2(e->wake_pipe_, O_CLOEXEC) != 0) {
        ::close(fd);
        return make_error("bad_listen", std::string("pipe: ") + std::strerror(errno));
    }
    e->listen_fd_ = fd;
    e->port_ = actual;
    e->host_ = host;
    e->out_dir_ = std::move(out_dir);
    e->profile_ = std::move(profile);
    e->saver_ = std::thread([raw = e.get()] { raw->save_jobs(); });
    e->thread_ = std::thread([raw = e.get()] { raw->serve(); });
    return e;
}

Emulator::~Emulator() {
    stop();
}

void Emulator::stop() {
    if (stopping_.exchange(true)) return;
    char b = 'x';
    if (::write(wake_pipe_[1], &b, 1) < 0)
        logger("printer")->warn("emulator: cannot wake the server thread");
    if (thread_.joinable()) thread_.join();
    {
        std::lock_guard lock(mu_);
        saver_done_ = true;  // the saver writes what is queued, then ends
    }
    to_save_cv_.notify_all();
    if (saver_.joinable()) saver_.join();
    ::close(listen_fd_);
    ::close(wake_pipe_[0]);
    ::close(wake_pipe_[1]);
}

std::string Emulator::address() const {
    std::string h = host_.find(':') != std::string::npos ? "[" + host_ + "]" : host_;
    return h + ":" + std::to_string(port_);
}

void Emulator::set_status(const PrinterStatus& s) {
    std::lock_guard lock(mu_);
    status_ = s;
}

PrinterStatus Emulator::status() const {
    std::lock_guard lock(mu_);
    return status_;
}

std::vector<SavedJob> Emulator::wait_for_jobs(size_t n, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mu_);
    saved_cv_.wait_for(lock, timeout, [&] { return jobs_.size() >= n; });
    return jobs_;
}

void Emulator::serve() {
    while (!stopping_) {
        pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            logger("printer")->error("emulator: poll: {}", std::strerror(errno));
            return;
        }
        if (fds[1].revents) return;
        int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
        if (client < 0) continue;
        serve_client(client);
        ::close(client);
    }
}

void Emulator::serve_client(int fd) {
    std::vector<uint8_t> job;
    size_t scanned = 0;  // bytes of `job` already searched for DLE EOT
    std::chrono::steady_clock::time_point slip_started{};  // zero until a slip byte came
    uint8_t buf[8192];
    for (;;) {
        pollfd fds[2] = {{fd, POLLIN, 0}, {wake_pipe_[0], POLLIN, 0}};
        int rc = ::poll(fds, 2, kIdleFlushMs);
        if (rc < 0 && errno == EINTR) continue;
        if (rc < 0 || fds[1].revents) break;
        if (rc == 0) {  // quiet: whatever came is a finished job
            finish_job(job, slip_started);
            job.clear();
            scanned = 0;
            slip_started = {};
            continue;
        }
        ssize_t n = ::recv(fd, buf, sizeof buf, 0);
        if (n <= 0) break;
        const auto received = std::chrono::steady_clock::now();
        job.insert(job.end(), buf, buf + n);
        // Real-time commands are answered as they arrive, even mid-job, as a printer does.
        std::vector<uint8_t> answers;
        PrinterStatus s = status();
        size_t i = scanned;
        while (i + 2 < job.size()) {
            if (job[i] == kDle && job[i + 1] == kEot &&
                (job[i + 2] == 1 || job[i + 2] == 2 || job[i + 2] == 4)) {
                answers.push_back(status_byte(static_cast<StatusQuery>(job[i + 2]), s));
                i += 3;
            } else {
                if (slip_started == std::chrono::steady_clock::time_point{})
                    slip_started = received;
                ++i;
            }
        }
        scanned = i;  // a query cut by the read boundary is completed by the next one
        if (!answers.empty() && ::send(fd, answers.data(), answers.size(), MSG_NOSIGNAL) < 0) break;
        // A cut ends a slip: save it now rather than when the client goes away.
        Paper so_far = decode_escpos(job, profile_);
        if (!so_far.truncated && !so_far.blocks.empty() &&
            std::holds_alternative<CutBlock>(so_far.blocks.back())) {
            finish_job(job, slip_started);
            job.clear();
            scanned = 0;
            slip_started = {};
        }
    }
    finish_job(job, slip_started);
}

void Emulator::finish_job(const std::vector<uint8_t>& bytes,
                          std::chrono::steady_clock::time_point first_slip_byte) {
    if (bytes.empty()) return;
    Paper paper = decode_escpos(bytes, profile_);
    if (paper.status_bytes >= bytes.size()) return;  // only status queries: no paper moved
    if (status().paper_end) {
        logger("printer")->warn("emulator: out of paper, {} bytes not printed", bytes.size());
        return;
    }
    {
        std::lock_guard lock(mu_);
        to_save_.push_back({next_index_++, bytes, first_slip_byte});
    }
    to_save_cv_.notify_all();
}

void Emulator::save_jobs() {
    for (;;) {
        Pending job;
        {
            std::unique_lock lock(mu_);
            to_save_cv_.wait(lock, [this] { return saver_done_ || !to_save_.empty(); });
            if (to_save_.empty()) return;
            job = std::move(to_save_.front());
            to_save_.pop_front();
        }
        SavedJob saved;
        saved.first_slip_byte = job.first_slip_byte;
        save_job(std::move(saved), job.index, job.bytes);
    }
}

void Emulator::save_job(SavedJob saved, size_t index, const std::vector<uint8_t>& bytes) {
    auto log = logger("printer");
    Paper paper = decode_escpos(bytes, profile_);
    char name[32];
    std::snprintf(name, sizeof name, "job-%04zu", index);
    saved.bin = out_dir_ / (std::string(name) + ".bin");
    saved.png = out_dir_ / (std::string(name) + ".png");
    saved.bytes = bytes.size();
    // The PNG first, through a temporary name, so a watcher that sees the .bin finds both.
    auto png_tmp = saved.png;
    png_tmp += ".tmp.png";
    if (auto st = render_png_file(paper, profile_, png_tmp); !st) {
        log->error("emulator: {}", st.error().message);
    } else {
        std::error_code ec;
        std::filesystem::rename(png_tmp, saved.png, ec);
    }
    if (auto st = write_file_atomically(saved.bin, bytes); !st)
        log->error("emulator: {}", st.error().message);
    log->info("emulator: saved {} ({} bytes)", saved.bin.string(), bytes.size());
    {
        std::lock_guard lock(mu_);
        jobs_.push_back(saved);
    }
    saved_cv_.notify_all();
}

}  // namespace onestop::printer
