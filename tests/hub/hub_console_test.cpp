// The office console's files under /office/: the sign-in page until an account signs in,
// then the console; content types; revalidation (ETag → 304); the chart library from npm;
// and nothing outside assets/office (no "..", hidden files, node_modules or package files).
#include <doctest/doctest.h>

#include "hub_fixture.h"
#include "raw_http.h"

using namespace onestop::test;

namespace {

// GET `path` exactly as written (a client library would tidy away "..").
RawResponse raw_get(const HubFixture& f, const std::string& path) {
    RawConnection c(f.hub.port());
    c.send("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return c.read_response();
}

}  // namespace

TEST_CASE("/office/: the sign-in page, then the console; typed, revalidated files") {
    HubFixture f;
    f.hub.add_account("wang", "王老师", "office", "", "office-pass-1");
    auto c = f.client();

    auto moved = c.Get("/office");
    REQUIRE(moved);
    CHECK(moved->status == 301);
    CHECK(moved->get_header_value("Location") == "/office/");

    auto signed_out = c.Get("/office/");
    REQUIRE(signed_out);
    CHECK(signed_out->status == 200);
    CHECK(signed_out->get_header_value("Content-Type") == "text/html; charset=utf-8");
    CHECK(signed_out->get_header_value("Cache-Control") == "no-store");
    CHECK(signed_out->body.find("login.js") != std::string::npos);

    auto in = c.Post("/api/v1/login", json{{"login", "wang"}, {"password", "office-pass-1"}}.dump(),
                     "application/json");
    REQUIRE(in);
    REQUIRE(in->status == 200);
    std::string set = in->get_header_value("Set-Cookie");
    auto shell = c.Get("/office/", {{"Cookie", set.substr(0, set.find(';'))}});
    REQUIRE(shell);
    CHECK(shell->status == 200);
    CHECK(shell->body.find("app.js") != std::string::npos);

    for (const auto& [file, type] : std::vector<std::pair<std::string, std::string>>{
             {"/office/app.js", "text/javascript; charset=utf-8"},
             {"/office/pages/hall.js", "text/javascript; charset=utf-8"},
             {"/office/office.css", "text/css; charset=utf-8"},
             {"/office/login.html", "text/html; charset=utf-8"},
             {"/office/vendor/echarts.esm.min.js", "text/javascript; charset=utf-8"}}) {
        CAPTURE(file);
        auto r = c.Get(file);
        REQUIRE(r);
        CHECK(r->status == 200);
        CHECK(r->get_header_value("Content-Type") == type);
        CHECK(r->get_header_value("Cache-Control") == "no-cache");
        std::string etag = r->get_header_value("ETag");
        REQUIRE_FALSE(etag.empty());
        auto again = c.Get(file, {{"If-None-Match", etag}});
        REQUIRE(again);
        CHECK(again->status == 304);
        CHECK(again->body.empty());
    }
}

TEST_CASE("/office/ serves nothing outside its own files") {
    HubFixture f;
    for (const std::string& path : std::vector<std::string>{
             "/office/../web/layout.html", "/office/%2e%2e/web/layout.html",
             "/office/pages/../../web/layout.html",
             "/office/node_modules/echarts/dist/echarts.min.js", "/office//app.js",
             "/office/./app.js", "/office/.hidden.js", "/office/node_modules/echarts/package.json",
             "/office/package.json", "/office/package-lock.json", "/office/pages",
             "/office/vendor/echarts.min.js", "/office/vendor/../app.js", "/office/app.js%00.css",
             "/office/nothing.js"}) {
        CAPTURE(path);
        RawResponse r = raw_get(f, path);
        CHECK(r.status == 404);
        CHECK(r.body.find("\"not_found\"") != std::string::npos);
    }
}

TEST_CASE("POST /api/v1/devices answers the token as a QR code too") {
    HubFixture f;
    Answer a = f.post("/api/v1/devices", {{"role", "kiosk"}, {"name", "东门自助机"}}, f.admin);
    REQUIRE(a.status == 201);
    std::string svg = a.body["qr_svg"];
    CHECK(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0) == 0);
    CHECK(svg.find("<path fill=\"#000\" d=\"M") != std::string::npos);
    CHECK(svg.find(a.body["token"].get<std::string>()) == std::string::npos);  // drawn, not written
}
