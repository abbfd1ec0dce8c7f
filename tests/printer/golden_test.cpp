// Byte-exact golden jobs: every slip, per profile, zh and en. A changed byte fails;
// ONESTOP_UPDATE_GOLDEN=1 rewrites the files (then review the diff and the PNGs).
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <iterator>

#include "png_tools.h"
#include "samples.h"

using namespace onestop;
using namespace onestop::printer;

TEST_CASE("every slip encodes byte for byte as its golden file, per profile") {
    int compared = 0;
    for (const Profile& profile : profiles()) {
        for (Lang lang : {Lang::Zh, Lang::En}) {
            for (const auto& sample : samples::all()) {
                auto job = sample.render(profile, lang);
                REQUIRE_MESSAGE(job.ok(), job.error().message);
                std::string name =
                    sample.kind + "-" + profile.name + "-" + config::to_string(lang) + ".bin";
                auto path = testing::golden_dir() / name;
                if (testing::updating_golden()) {
                    std::ofstream(path, std::ios::binary)
                        .write(reinterpret_cast<const char*>(job->bytes.data()),
                               static_cast<std::streamsize>(job->bytes.size()));
                    continue;
                }
                std::ifstream in(path, std::ios::binary);
                REQUIRE_MESSAGE(in.good(), path.string()
                                               << " missing; run with ONESTOP_UPDATE_GOLDEN=1");
                std::vector<uint8_t> want((std::istreambuf_iterator<char>(in)),
                                          std::istreambuf_iterator<char>());
                CHECK_MESSAGE(job->bytes == want, name << ": " << job->bytes.size()
                                                       << " bytes, golden " << want.size());
                ++compared;
            }
        }
    }
    if (!testing::updating_golden()) CHECK(compared == static_cast<int>(profiles().size()) * 2 * 4);
}

TEST_CASE("slips refuse to print without their essential fields") {
    Profile p = find_profile("80mm").value();
    auto t = samples::ticket(Lang::Zh);
    t.number.clear();
    CHECK(render_ticket(t, p, Lang::Zh).error().code == "invalid_slip");
    auto s = samples::supplement(Lang::Zh);
    s.missing.clear();
    CHECK(render_supplement_notice(s, p, Lang::Zh).error().code == "invalid_slip");
    auto r = samples::acceptance(Lang::Zh);
    r.promised_date.clear();
    CHECK(render_acceptance_receipt(r, p, Lang::Zh).error().code == "invalid_slip");
    auto n = samples::return_notice(Lang::En);
    n.reason.clear();
    CHECK(render_return_notice(n, p, Lang::En).error().code == "invalid_slip");
    t = samples::ticket(Lang::Zh);
    t.qr_url = std::string(5000, 'x');  // beyond any QR version at level M
    CHECK(render_ticket(t, p, Lang::Zh).error().code == "invalid_slip");
}

TEST_CASE("a ticket without a QR link (offline kiosk) still prints, without a QR") {
    Profile p = find_profile("80mm").value();
    auto t = samples::ticket(Lang::Zh);
    t.qr_url.clear();
    auto job = render_ticket(t, p, Lang::Zh);
    REQUIRE(job.ok());
    std::vector<uint8_t> qr_store{0x1D, '(', 'k'};
    CHECK(std::search(job->bytes.begin(), job->bytes.end(), qr_store.begin(), qr_store.end()) ==
          job->bytes.end());
}
