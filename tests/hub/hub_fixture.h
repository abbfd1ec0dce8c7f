#pragma once
// A real onestop-hub on 127.0.0.1:0 with the test hall, its tokens and staff, and
// small HTTP helpers (cpp-httplib's client) for the integration tests.

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "child_process.h"
#include "hub_process.h"
#include "temp_dir.h"

namespace onestop::test {

using nlohmann::json;

// Friday 09:00 in the hall's zone: windows 1 and 2 open, window 3 (service C) closed.
inline constexpr const char* kTestNow = "2026-11-27T09:00:00+08:00";

struct Answer {
    int status = 0;  // 0: no answer (connection failed)
    json body;       // null when the body is not JSON
    std::string text;
};

Answer to_answer(const httplib::Result& r);

class HubFixture {
  public:
    // `hall`: the hall file (default: the test hall).
    explicit HubFixture(std::vector<std::string> extra_args = {},
                        const std::string& hall = ONESTOP_TEST_HALL);

    TempDir dir;
    HubProcess hub;
    std::string kiosk, kiosk2, counter, pad1, pad2, admin, board;

    httplib::Client client() const;
    Answer get(const std::string& path, const std::string& token = "") const;
    Answer post(const std::string& path, const json& body, const std::string& token = "",
                const httplib::Headers& headers = {}) const;
    Answer post_raw(const std::string& path, const std::string& body,
                    const std::string& token = "") const;
    Answer put(const std::string& path, const json& body, const std::string& token = "") const;
    Answer del(const std::string& path, const std::string& token = "") const;

    // POST /api/v1/tickets from `kiosk` with a fresh request id; returns the ticket.
    json issue(const std::string& service = "A", bool priority = false);
    // A staff session at `window` (staff S00<window>, PIN 1234).
    std::string login(int window);
};

// The fixture's database started again later (`now`, ISO 8601), with its own HTTP helpers:
// what the hub does on a later day (its clock, its migrations, what it kept).
struct LaterHub {
    LaterHub(HubFixture& f, const std::string& now, const std::string& hall = ONESTOP_TEST_HALL);
    Answer get(const std::string& path, const std::string& token = "") const;
    Answer post(const std::string& path, const json& body, const std::string& token) const;
    // A staff session at `window` (PIN 1234) through the fixture's counter.
    std::string sign_in(int window, const std::string& staff) const;
    HubProcess hub;
    std::string counter;
};

// `onestop-hub ARGS…` run to its end.
RunResult hub_cli(const std::vector<std::string>& args);

// `onestop-hub account add` on the fixture's database, the password on standard input.
RunResult add_account(const HubFixture& f, const std::vector<std::string>& flags,
                      const std::string& password);

// The office's three kinds of account: wang (office, office-pass-1), li (the committee's
// viewer, viewer-pass-1), zhao (JWC's lead, unit-pass-1).
void add_office_accounts(const HubFixture& f);

// A browser signed in to an office account: the session cookie the hub set is sent back on
// every request, its CSRF token on changes.
struct Browser {
    const HubFixture& f;
    std::string cookie{};  // "onestop_session=…"
    std::string csrf{};

    Answer login(const std::string& login, const std::string& password);
    // A staff member's my page (POST /api/v1/me/login).
    Answer staff_login(const std::string& number, const std::string& pin);
    httplib::Headers headers(bool with_csrf) const;
    Answer get(const std::string& path) const;
    Answer put(const std::string& path, const json& body, bool with_csrf = true) const;
    Answer post(const std::string& path, bool with_csrf = true) const;  // no body
    Answer post(const std::string& path, const json& body, bool with_csrf = true) const;
    Answer del(const std::string& path, bool with_csrf = true) const;
};

struct SseEvent {
    long long id = 0;
    std::string name;
    json data;
};

// Reads GET /api/v1/events (or another stream at `path`) on a thread; the events and ping
// comments it saw so far.
class SseReader {
  public:
    explicit SseReader(const std::string& url, const std::string& last_event_id = "",
                       const std::string& path = "/api/v1/events");
    ~SseReader();
    std::vector<SseEvent> events();
    int pings();
    int status();
    bool ended() const { return ended_; }  // the hub closed the stream
    // Polls until `done(events)` or the timeout; returns whether it became true.
    bool wait_for(const std::function<bool(const std::vector<SseEvent>&)>& done,
                  std::chrono::milliseconds timeout = std::chrono::seconds(5));

  private:
    void parse_locked();
    httplib::Client client_;
    std::mutex mu_;
    std::string buffer_;
    std::vector<SseEvent> events_;
    int pings_ = 0;
    std::atomic<int> status_{0};
    std::atomic<bool> stop_{false};
    std::atomic<bool> ended_{false};
    std::thread thread_;
};

}  // namespace onestop::test
