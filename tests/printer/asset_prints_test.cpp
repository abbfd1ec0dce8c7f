// The office's asset prints through the virtual printer, read back as a person would: every
// label stock's QR decoded by zbar to what was printed, inside the label's 30 mm and clear of
// both edges; the requisition slip read by tesseract with both signatures' lines.
#include <doctest/doctest.h>

#include <unistd.h>

#include <cstdlib>
#include <sstream>

#include "child_process.h"
#include "onestop/printer/asset_prints.h"
#include "onestop/printer/virtual_printer.h"
#include "png_tools.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::printer;
namespace fs = std::filesystem;

namespace {

fs::path rendered(const Job& job, const fs::path& png) {
    Paper paper = decode_escpos(job.bytes, job.profile);
    REQUIRE(render_png_file(paper, job.profile, png).ok());
    return png;
}

std::string on_path(const std::string& program) {
    std::stringstream path(std::getenv("PATH") ? std::getenv("PATH") : "/usr/bin");
    for (std::string dir; std::getline(path, dir, ':');)
        if (::access((fs::path(dir) / program).c_str(), X_OK) == 0) return fs::path(dir) / program;
    return {};
}

// The slip's text as tesseract reads it, without the spaces OCR puts between Chinese characters.
std::string ocr(const fs::path& png, const char* languages) {
    const std::string tesseract = on_path("tesseract");
    REQUIRE_MESSAGE(!tesseract.empty(), "tesseract is not installed (scripts/setup installs it)");
    auto r = test::run_program({tesseract, png.string(), "stdout", "-l", languages, "--psm", "6"});
    REQUIRE_MESSAGE(r.status == 0, r.err);
    std::string out;
    for (char c : r.out)
        if (c != ' ') out += c;
    return out;
}

}  // namespace

TEST_CASE("asset labels: each stock's QR reads back, inside the label, clear of the edges") {
    test::TempDir dir;
    const std::string url = "http://192.0.2.10:8080/office/#assets/ZC-000123";
    std::vector<std::string> names;
    for (const auto& stock : label_stocks()) names.push_back(stock.profile.name);
    CHECK(names == std::vector<std::string>{"label40x30", "label50x30", "58mm", "80mm"});
    for (const auto& stock : label_stocks()) {
        CAPTURE(stock.profile.name);
        auto job = render_asset_label(
            {"ZC-000123", "窗口电脑（联想启天M720，含显示器与键盘）", url, "北区一站式服务大厅"},
            stock);
        REQUIRE(job.ok());
        fs::path png = rendered(*job, dir / (stock.profile.name + ".png"));
        CHECK(testing::read_qr_codes(png) == std::vector<std::string>{url});
        auto ink = testing::ink_columns(png);
        REQUIRE(ink.loaded);
        CHECK(ink.width == stock.profile.width_dots);
        CHECK(ink.left >= stock.profile.margin_dots);
        CHECK(ink.right < stock.profile.width_dots - stock.profile.margin_dots);
        if (stock.height_dots > 0) {
            Paper paper = decode_escpos(job->bytes, stock.profile);
            auto length = paper_length_dots(paper, stock.profile);
            REQUIRE(length.ok());
            MESSAGE(stock.profile.name << ": " << *length << " of " << stock.height_dots
                                       << " dots");
            CHECK(*length <= stock.height_dots);
        }
    }
    // The tag alone, when the hub has no public address.
    auto bare = render_asset_label({"JWC-2019-07", "高拍仪", "", ""}, label_stocks().front());
    REQUIRE(bare.ok());
    CHECK(testing::read_qr_codes(rendered(*bare, dir / "bare.png")) ==
          std::vector<std::string>{"JWC-2019-07"});
    CHECK_FALSE(render_asset_label({"", "x", "", ""}, label_stocks().front()).ok());
    CHECK_FALSE(find_label_stock("label99x99").ok());
}

TEST_CASE("the requisition slip reads back with its fields and both signatures' lines") {
    test::TempDir dir;
    RequisitionSlip slip{"北区一站式服务大厅",
                         "LY-000012",
                         "A4复印纸",
                         "ZC-000001",
                         4,
                         "",
                         "窗口打印材料",
                         "张三 (S001)",
                         "2026-11-27 09:00",
                         "王老师",
                         "2026-11-27 09:30"};
    auto zh = render_requisition_slip(slip, *find_profile("80mm"), Lang::Zh);
    REQUIRE(zh.ok());
    std::string text = ocr(rendered(*zh, dir / "zh.png"), "chi_sim+eng");
    INFO(text);
    for (const char* expected : {"LY-000012", "A4复印纸", "ZC-000001", "窗口打印材料", "张三",
                                 "王老师", "申领人签字", "审批人签字"})
        CHECK_MESSAGE(text.find(expected) != std::string::npos, expected);
    auto en = render_requisition_slip(slip, *find_profile("58mm"), Lang::En);
    REQUIRE(en.ok());
    std::string english = ocr(rendered(*en, dir / "en.png"), "eng");
    for (const char* expected : {"LY-000012", "ZC-000001", "Signed(asker)", "Signed(approver)"})
        CHECK_MESSAGE(english.find(expected) != std::string::npos, expected);
    slip.approved_name.clear();
    CHECK_FALSE(render_requisition_slip(slip, *find_profile("80mm"), Lang::Zh).ok());
}
