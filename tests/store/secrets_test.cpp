#include <doctest/doctest.h>

#include "onestop/store/secrets.h"

using namespace onestop::store;

TEST_CASE("PIN hashes are salted and verify only the right PIN") {
    auto a = hash_pin("1234");
    auto b = hash_pin("1234");
    REQUIRE(a.ok());
    REQUIRE(b.ok());
    CHECK(*a != *b);  // salted
    CHECK(a->find("1234") == std::string::npos);
    CHECK(verify_pin(*a, "1234"));
    CHECK_FALSE(verify_pin(*a, "1235"));
    CHECK_FALSE(verify_pin(*a, ""));
}

TEST_CASE("tokens are random and stored as fixed-size hashes") {
    std::string t1 = new_token(), t2 = new_token();
    CHECK(t1.size() == 64);
    CHECK(t1 != t2);
    CHECK(token_hash(t1).size() == 64);
    CHECK(token_hash(t1) == token_hash(t1));
    CHECK(token_hash(t1) != token_hash(t2));
    CHECK(same_hash(token_hash(t1), token_hash(t1)));
    CHECK_FALSE(same_hash(token_hash(t1), token_hash(t2)));
    CHECK_FALSE(same_hash("abc", "abcd"));
}
