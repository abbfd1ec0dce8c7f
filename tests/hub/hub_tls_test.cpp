// HTTPS: `serve --tls-cert --tls-key` and the devices' --ca-file (ClientOptions::ca_file,
// StreamOptions::ca_file), with a self-signed certificate made as docs/operations.md says.
#include <doctest/doctest.h>

#include <filesystem>
#include <thread>

#include "child_process.h"
#include "hub_fixture.h"
#include "hub_process.h"
#include "onestop/base/ids.h"
#include "onestop/net/event_stream.h"
#include "onestop/net/hub_client.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// A self-signed certificate for 127.0.0.1 and its key, as a hall without a campus CA makes one.
void make_certificate(const fs::path& cert, const fs::path& key) {
    auto r = run_program({"/usr/bin/openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                          "-keyout", key.string(), "-out", cert.string(), "-days", "2", "-subj",
                          "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
}

}  // namespace

TEST_CASE("serve --tls-cert --tls-key: HTTPS for clients that trust the CA, nothing in clear") {
    TempDir dir;
    const fs::path cert = dir / "hub.crt", key = dir / "hub.key";
    make_certificate(cert, key);
    HubProcess hub({dir / "hub.db",
                    "2026-11-25T10:00:00+08:00",
                    ONESTOP_TEST_HALL,
                    {"--tls-cert", cert.string(), "--tls-key", key.string()}});
    hub.init();
    std::string kiosk = hub.create_token("kiosk", "tls-kiosk");
    hub.start();
    REQUIRE(hub.url().rfind("https://127.0.0.1:", 0) == 0);

    net::HubClient trusting({hub.url(), "", 2000ms, 5000ms, cert.string()});
    auto health = trusting.health();
    REQUIRE_MESSAGE(health.ok(), health.error().message);
    CHECK(health->status == "ok");

    // Without the CA the certificate is refused, and says so.
    net::HubClient stranger({hub.url(), "", 2000ms, 5000ms});
    auto refused = stranger.health();
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message.find("certificate") != std::string::npos);
    // Plain HTTP on the HTTPS port gets no answer.
    const std::string clear = "http://" + hub.url().substr(std::string("https://").size());
    CHECK_FALSE(net::HubClient({clear, "", 2000ms, 3000ms}).health().ok());

    // The event stream over TLS: a ticket issued reaches it.
    net::StreamOptions so;
    so.base_url = hub.url();
    so.ca_file = cert.string();
    net::EventStream stream(so);
    stream.start();
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (!stream.online() && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(10ms);
    REQUIRE(stream.online());
    net::HubClient kiosk_client({hub.url(), kiosk, 2000ms, 5000ms, cert.string()});
    auto ticket = kiosk_client.issue_ticket(
        {"A", net::Priority::Normal, new_uuid(), std::nullopt, std::nullopt, ""});
    REQUIRE_MESSAGE(ticket.ok(), ticket.error().message);
    bool seen = false;
    while (!seen && std::chrono::steady_clock::now() < deadline) {
        auto ev = stream.wait(200ms);
        seen = ev && ev->name == "ticket.issued";
    }
    CHECK(seen);
    stream.stop();
}

TEST_CASE("serve refuses an unusable certificate or key before touching the database") {
    TempDir dir;
    const fs::path cert = dir / "hub.crt", key = dir / "hub.key";
    make_certificate(cert, key);
    const std::string db = (dir / "hub.db").string();

    auto swapped = hub_cli({"serve", "--db", db, "--listen", "127.0.0.1:0", "--tls-cert",
                            key.string(), "--tls-key", cert.string()});
    CHECK(swapped.status == 1);
    CHECK(swapped.err.find("cannot serve HTTPS") != std::string::npos);
    CHECK_FALSE(fs::exists(db));

    auto missing = hub_cli({"serve", "--db", db, "--listen", "127.0.0.1:0", "--tls-cert",
                            (dir / "nowhere.crt").string(), "--tls-key", key.string()});
    CHECK(missing.status == 1);
    CHECK(missing.err.find("nowhere.crt") != std::string::npos);
    CHECK_FALSE(fs::exists(db));

    auto half = hub_cli({"serve", "--db", db, "--tls-cert", cert.string()});
    CHECK(half.status == 2);
    CHECK(half.err.find("--tls-key") != std::string::npos);
}
