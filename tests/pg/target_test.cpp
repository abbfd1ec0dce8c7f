// Where the campus database is: a postgresql:// URL without a password.
#include <doctest/doctest.h>

#include "onestop/base/error_codes.h"
#include "onestop/pg/target.h"

using namespace onestop;

TEST_CASE("a campus URL is a postgresql:// URL libpq reads, never with a password") {
    CHECK(pg::make_target("postgresql://onestop@campus-db.example.edu/onestop"));
    CHECK(pg::make_target("postgres://onestop@campus-db:5433/onestop?sslmode=verify-full"));
    CHECK(pg::make_target("postgresql://onestop@/onestop?host=/run/postgresql"));
    for (const char* bad : {"postgresql://onestop:secret@campus-db/onestop",
                            "postgresql://onestop@campus-db/onestop?password=secret"}) {
        auto target = pg::make_target(bad);
        REQUIRE_FALSE(target);
        CHECK(target.error().code == errc::campus_url);
        CHECK(target.error().message.find("secret") == std::string::npos);
        CHECK(target.error().message.find("--campus-passfile") != std::string::npos);
    }
    for (const char* bad : {"host=campus-db dbname=onestop", "mysql://campus-db/onestop",
                            "postgresql://campus-db/onestop?nonsense=1"}) {
        auto target = pg::make_target(bad);
        REQUIRE_FALSE(target);
        CHECK(target.error().code == errc::campus_url);
    }
}

TEST_CASE("the URL shown in logs names user, host, port and database only") {
    CHECK(pg::describe(
              *pg::make_target("postgresql://onestop@campus-db:5433/onestop?sslmode=require")) ==
          "postgresql://onestop@campus-db:5433/onestop");
    CHECK(pg::describe(*pg::make_target("postgresql://onestop@/onestop?host=/run/postgresql")) ==
          "postgresql://onestop@/onestop?host=/run/postgresql");
}
