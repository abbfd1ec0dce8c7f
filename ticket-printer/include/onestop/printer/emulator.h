#pragma once
// A network printer on TCP (port 9100 style) that answers DLE EOT status queries and
// saves each job as job-NNNN.bin + job-NNNN.png. A job ends at a cut, or when the client
// closes the connection or sends nothing for a second. One connection at a time. `onestop-print
// emulate` runs one; tests (the kiosk's too) can run one in-process and read the PNGs back.

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "onestop/base/result.h"
#include "onestop/printer/profile.h"
#include "onestop/printer/status.h"

namespace onestop::printer {

struct SavedJob {
    std::filesystem::path bin, png;
    size_t bytes = 0;
    // When the job's first byte other than a status query arrived: the slip itself
    // reaching the printer (latency probes, bench/counter-slip).
    std::chrono::steady_clock::time_point first_slip_byte{};
};

class Emulator {
  public:
    ~Emulator();  // stops
    // Binds HOST:PORT (port 0 picks a free one) and serves on a thread.
    static Result<std::unique_ptr<Emulator>> start(const std::string& host, int port,
                                                   std::filesystem::path out_dir, Profile profile);
    int port() const { return port_; }
    std::string address() const;  // "127.0.0.1:PORT"
    void stop();

    void set_status(const PrinterStatus& s);
    PrinterStatus status() const;
    // Waits until at least `n` jobs are saved (both files written) or `timeout` passes;
    // returns the jobs saved so far.
    std::vector<SavedJob> wait_for_jobs(size_t n, std::chrono::milliseconds timeout) const;

  private:
    Emulator() = default;
    void serve();
    void serve_client(int fd);
    // Queues a finished job for the saver thread, so that rendering never delays the
    // answers to status queries (a printer answers them while it prints).
    void finish_job(const std::vector<uint8_t>& bytes,
                    std::chrono::steady_clock::time_point first_slip_byte);
    void save_jobs();
    void save_job(SavedJob saved, size_t index, const std::vector<uint8_t>& bytes);

    int listen_fd_ = -1;
    int wake_pipe_[2] = {-1, -1};
    int port_ = 0;
    std::string host_;
    std::filesystem::path out_dir_;
    Profile profile_;
    std::thread thread_;
    std::thread saver_;
    std::atomic<bool> stopping_{false};
    mutable std::mutex mu_;
    mutable std::condition_variable saved_cv_;
    PrinterStatus status_;
    std::vector<SavedJob> jobs_;
    struct Pending {
        size_t index;
        std::vector<uint8_t> bytes;
        std::chrono::steady_clock::time_point first_slip_byte;
    };
    std::deque<Pending> to_save_;
    std::condition_variable to_save_cv_;
    size_t next_index_ = 1;
    bool saver_done_ = false;
};

}  // namespace onestop::printer
