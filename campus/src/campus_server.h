#pragma once
// onestop-campus serve: the campus view, read-only, over HTTP (cpp-httplib). Every answer is
// read from the campus database when asked; nothing is written there. It is for the halls'
// office (北区办) and viewer (管委会) accounts (accounts.h): the console and every API route
// but health need a session, its cookie set by POST /api/v1/login.
//   GET /                     the console page (assets/campus/index.html) for a signed-in
//                             browser, else the sign-in page (assets/campus/login.html)
//   POST /api/v1/login        {"login","password"} → {"account":{"login","name","role",
//                             "hall"}} and an HttpOnly cookie; 401 wrong_password (also a
//                             unit lead's or a disabled account), 429 after 5 wrong ones
//   POST /api/v1/logout       ends the session
//   GET /api/v1/me            {"account":…} of the session
//   GET /api/v1/health        {"status":"ok"}, without a session (monitoring)
//   GET /api/v1/halls         {"halls":[{"hall","hub_id","shipped_id","shipped_at",
//                              "last_event_at","complete_at","behind_seconds"}]} — how
//                              current each hall's figures are: complete_at is when its
//                              hub last said the campus held all it had (every 30 s while
//                              connected); behind_seconds is now − that or the last batch
//   GET /api/v1/report?date=YYYY-MM[&format=json|csv|xlsx]   the monthly report (report.h),
//                             or as a file (report_table); 422 for a bad month or format
// Without a session the API answers 401 {"error":{"code":"unauthorized",…}}. A database
// error answers 503 {"error":{"code":"campus_unreachable"|…,"message"}}; the connection is
// opened again on the next request.

#include <memory>
#include <mutex>
#include <string>

#include "onestop/base/result.h"
#include "onestop/pg/connection.h"
#include "onestop/store/office_sessions.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}  // namespace httplib

namespace onestop::campus {

class CampusServer {
  public:
    // Binds HOST:PORT (port 0: a free one) and reads the console page; does not serve yet.
    static Result<std::unique_ptr<CampusServer>> create(const pg::Target& target,
                                                        const std::string& host, int port);
    ~CampusServer();
    int port() const { return port_; }
    void run();   // serves until stop()
    void stop();  // from any thread

  private:
    explicit CampusServer(pg::Target target);
    // Runs `query` on the one connection (opened when missing or broken), serialised.
    template <typename Query>
    auto with_db(Query query) -> decltype(query(std::declval<pg::Connection&>()));
    void install_sign_in();
    // The request's session, its account still allowed; else none, and `res` (when given)
    // holds the 401 (or 503) to send.
    std::optional<store::OfficeSession> signed_in(const httplib::Request& req,
                                                  httplib::Response* res = nullptr);
    std::string cookie(const std::string& value) const;  // "" expires it

    pg::Target target_;
    std::unique_ptr<httplib::Server> server_;
    std::string page_, sign_in_page_;
    store::OfficeSessions sessions_;
    int port_ = 0;
    std::mutex db_mu_;
    std::unique_ptr<pg::Connection> db_;
};

}  // namespace onestop::campus
