#pragma once
// onestop-campus serve: the campus view, read-only, over HTTP (cpp-httplib). Every answer is
// read from the campus database when asked; nothing is written there.
//   GET /                     the console page (assets/campus/index.html)
//   GET /api/v1/health        {"status":"ok"}
//   GET /api/v1/halls         {"halls":[{"hall","hub_id","shipped_id","shipped_at",
//                              "last_event_at","complete_at","behind_seconds"}]} — how
//                              current each hall's figures are: complete_at is when its
//                              hub last said the campus held all it had (every 30 s while
//                              connected); behind_seconds is now − that or the last batch
//   GET /api/v1/report?date=YYYY-MM   the monthly report (report.h); 422 for a bad month
// A database error answers 503 {"error":{"code":"campus_unreachable"|…,"message"}}; the
// connection is opened again on the next request.
// FIXME: no sign-in yet (docs/campus.md, "Sign-in for the campus view"): it listens on
// loopback by default and shows figures only, never names.

#include <memory>
#include <mutex>
#include <string>

#include "onestop/base/result.h"
#include "onestop/pg/connection.h"

namespace httplib {
class Server;
}

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

    pg::Target target_;
    std::unique_ptr<httplib::Server> server_;
    std::string page_;
    int port_ = 0;
    std::mutex db_mu_;
    std::unique_ptr<pg::Connection> db_;
};

}  // namespace onestop::campus
