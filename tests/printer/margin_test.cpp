// Slips keep clear of the paper's edges: through the virtual printer, every slip on every
// profile in both languages leaves at least 2 mm without ink on either side, so nothing
// is lost where a head or a cheap printer's paper guide does not reach.
#include <doctest/doctest.h>

#include "onestop/printer/virtual_printer.h"
#include "png_tools.h"
#include "samples.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::printer;

TEST_CASE("no slip prints within 2 mm of either paper edge, on any profile, in zh and en") {
    onestop::test::TempDir dir;
    const int margin = 2 * Profile::dots_per_mm;
    int checked = 0;
    for (const Profile& profile : profiles()) {
        for (Lang lang : {Lang::Zh, Lang::En}) {
            for (const auto& sample : samples::all()) {
                std::string name =
                    sample.kind + "-" + profile.name + "-" + config::to_string(lang) + ".png";
                CAPTURE(name);
                auto job = sample.render(profile, lang);
                REQUIRE_MESSAGE(job.ok(), job.error().message);
                Paper paper = decode_escpos(job->bytes, profile);
                REQUIRE(render_png_file(paper, profile, dir / name).ok());
                auto ink = testing::ink_columns(dir / name);
                REQUIRE(ink.loaded);
                REQUIRE(ink.width == profile.width_dots);
                REQUIRE(ink.left >= 0);  // the slip printed something
                CHECK(ink.left >= margin);
                CHECK(ink.right < profile.width_dots - margin);
                ++checked;
            }
        }
    }
    CHECK(checked == static_cast<int>(profiles().size()) * 2 * 4);
}
