#pragma once
// The browser sessions: the hall office's (the hub's POST /api/v1/login) and a staff member's
// "my page" (POST /api/v1/me/login, staff number and PIN); onestop-campus keeps its sign-ins
// (the halls' office and viewer accounts) the same way. An HttpOnly cookie names the session,
// and a CSRF token it was given must come back in X-CSRF-Token on every change. One cookie
// for both: a browser is signed in as one of them at a time.
// Sessions end after 8 idle hours or at logout; they live in the server's memory, so a
// restart signs everyone out (they sign in again). Five wrong passwords for a login within
// 15 minutes lock it until the oldest of them is 15 minutes old.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "onestop/base/time.h"
#include "onestop/store/hub_store.h"
#include "onestop/store/sliding_limit.h"

namespace onestop::store {

inline constexpr char kSessionCookie[] = "onestop_session";

struct OfficeSession {
    store::Account account;             // without its password hash; empty for a staff member
    std::optional<store::Staff> staff;  // my page's staff member, without the PIN hash
    std::string csrf;
    TimePoint last_used;
};

class OfficeSessions {
  public:
    static constexpr auto kIdle = std::chrono::hours(8);
    static constexpr auto kFailureWindow = std::chrono::minutes(15);
    static constexpr int kMaxFailures = 5;

    struct Opened {
        std::string token;  // the cookie's value
        std::string csrf;
    };
    Opened open(const store::Account& account, TimePoint now);
    Opened open(const store::Staff& staff, TimePoint now);
    // The session of a cookie token, its idle time restarted; none when unknown or idle
    // for kIdle (it is then forgotten).
    std::optional<OfficeSession> find(const std::string& token, TimePoint now);
    void close(const std::string& token_hash);
    // Ends every session of `login` (its account was disabled).
    void close_account(const std::string& login);
    // Ends every my-page session of staff member `number` (they were disabled).
    void close_staff(const std::string& number);

    // Seconds until `login` may try again; 0 when it may now.
    int locked_for(const std::string& login, TimePoint now);
    void record_failure(const std::string& login, TimePoint now);
    void clear_failures(const std::string& login);

  private:
    Opened keep(OfficeSession session);

    std::mutex mu_;
    std::map<std::string, OfficeSession> sessions_;        // by token hash
    SlidingLimit failures_{kMaxFailures, kFailureWindow};  // wrong passwords, by login
};

// The value of cookie `name` in a Cookie header; "" when absent.
std::string cookie_value(const std::string& header, const std::string& name);

}  // namespace onestop::store
