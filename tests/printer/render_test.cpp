// The virtual printer: QR codes in rendered slips read back as their URLs, slips match
// their golden PNGs within a tolerance, and broken input never crashes the decoder.
#include <doctest/doctest.h>

#include <random>

#include "onestop/printer/encoder.h"
#include "onestop/printer/virtual_printer.h"
#include "png_tools.h"
#include "samples.h"
#include "temp_dir.h"

using namespace onestop;
using namespace onestop::printer;

TEST_CASE("the QR code on a rendered slip decodes back to its URL (native and raster)") {
    onestop::test::TempDir dir;
    for (const char* name : {"80mm", "58mm", "pos58", "xprinter"}) {
        Profile p = find_profile(name).value();
        for (const auto& sample : samples::all()) {
            if (sample.qr.empty()) continue;
            CAPTURE(name);
            CAPTURE(sample.kind);
            auto job = sample.render(p, Lang::Zh);
            REQUIRE(job.ok());
            auto png = dir / (sample.kind + "-" + name + ".png");
            REQUIRE(render_png_file(decode_escpos(job->bytes, p), p, png).ok());
            auto codes = testing::read_qr_codes(png);
            REQUIRE(codes.size() == 1);
            CHECK(codes[0] == sample.qr);
        }
    }
}

TEST_CASE("decoding recovers text, styles, alignment and cuts") {
    Profile p = find_profile("80mm").value();
    Encoder e(p);
    e.initialize()
        .align(Align::Center)
        .size(2, 2)
        .bold(true)
        .line("取号 A012")
        .bold(false)
        .size(1, 1);
    e.align(Align::Right).line("right").cut();
    Paper paper = decode_escpos(e.bytes(), p);
    REQUIRE(paper.blocks.size() >= 3);
    auto& first = std::get<TextLine>(paper.blocks[0]);
    CHECK(first.align == Align::Center);
    REQUIRE(first.spans.size() == 1);
    CHECK(first.spans[0].utf8 == "取号 A012");
    CHECK(first.spans[0].bold);
    CHECK(first.spans[0].width == 2);
    CHECK(first.spans[0].height == 2);
    auto& second = std::get<TextLine>(paper.blocks[1]);
    CHECK(second.align == Align::Right);
    CHECK(second.spans[0].utf8 == "right");
    CHECK_FALSE(second.spans[0].bold);
    CHECK(std::holds_alternative<CutBlock>(paper.blocks.back()));
    CHECK(std::get<CutBlock>(paper.blocks.back()).partial);
    CHECK(paper.skipped_commands == 0);
    CHECK_FALSE(paper.truncated);
}

TEST_CASE("GS L and GS W set the print area at the start of a line; ESC @ resets it") {
    Profile p = find_profile("80mm").value();
    Encoder e(p);
    e.initialize().print_area(16, 544).line("in");
    e.text("mid");
    e.print_area(100, 100);  // mid-line: printers ignore it
    e.line("line").initialize().line("reset");
    Paper paper = decode_escpos(e.bytes(), p);
    CHECK(paper.skipped_commands == 0);
    std::vector<std::string> seen;
    for (const Block& b : paper.blocks) {
        if (const auto* a = std::get_if<AreaBlock>(&b))
            seen.push_back("area " + std::to_string(a->left) + " " + std::to_string(a->width));
        else if (const auto* t = std::get_if<TextLine>(&b))
            seen.push_back(t->spans.at(0).utf8);
    }
    CHECK(seen == std::vector<std::string>{"area 16 0", "area 16 544", "in", "midline", "area 0 0",
                                           "reset"});
}

TEST_CASE("text wraps at the print area and stays inside it") {
    onestop::test::TempDir dir;
    Profile p = find_profile("58mm").value();
    const int left = 40, width = 120;  // ten Font A cells
    Encoder e(p);
    e.initialize().print_area(left, width).line(std::string(25, 'M'));
    Paper paper = decode_escpos(e.bytes(), p);
    auto lines = paper_length_dots(paper, p);
    REQUIRE(lines.ok());
    REQUIRE(render_png_file(paper, p, dir / "area.png").ok());
    auto ink = testing::ink_columns(dir / "area.png");
    CHECK(ink.left >= left);
    CHECK(ink.right < left + width);
    // 25 characters at 10 a line: three lines, not one cut at the edge.
    Paper one_line = decode_escpos(Encoder(p).line("M").bytes(), p);
    CHECK(*lines - *paper_length_dots(one_line, p) == 2 * 30);
}

TEST_CASE("GBK and UTF-8 profiles decode their own text") {
    for (const char* name : {"xprinter", "80mm-utf8"}) {
        Profile p = find_profile(name).value();
        Paper paper = decode_escpos(Encoder(p).line("受理通知书").bytes(), p);
        REQUIRE(paper.blocks.size() == 1);
        CHECK(std::get<TextLine>(paper.blocks[0]).spans[0].utf8 == "受理通知书");
    }
}

TEST_CASE("GB profiles start in Kanji mode, as Chinese models do; FS . leaves it") {
    Profile p = find_profile("80mm").value();
    std::vector<uint8_t> bytes{0xC8, 0xA1, 0xBA, 0xC5, '\n', 0x1C, '.', 0xC8, '\n'};
    Paper paper = decode_escpos(bytes, p);
    REQUIRE(paper.blocks.size() == 2);
    CHECK(std::get<TextLine>(paper.blocks[0]).spans[0].utf8 == "取号");
    CHECK(std::get<TextLine>(paper.blocks[1]).spans[0].utf8 == "?");
}

TEST_CASE("unknown commands are skipped and the text around them survives") {
    Profile p = find_profile("80mm").value();
    std::vector<uint8_t> bytes{'a', 0x1B, 'Z', 'b', 0x1D, 'B',  1,    'c',  0x1D,
                               '(', 'L',  2,   0,   48,   69,   'd',  0x1D, 'k',
                               2,   '1',  '2', 0,   'e',  0x10, 0x04, 1,    '\n'};
    Paper paper = decode_escpos(bytes, p);
    CHECK(paper.skipped_commands == 4);
    CHECK(paper.status_queries == 1);
    REQUIRE(paper.blocks.size() == 1);
    std::string text;
    for (const auto& s : std::get<TextLine>(paper.blocks[0]).spans) text += s.utf8;
    CHECK(text == "abcde");
}

TEST_CASE("every prefix of every slip decodes and renders without crashing") {
    onestop::test::TempDir dir;
    Profile p = find_profile("pos58").value();
    for (const auto& sample : samples::all()) {
        auto job = sample.render(p, Lang::Zh).value();
        for (size_t len = 0; len <= job.bytes.size(); ++len) {
            Paper paper = decode_escpos(std::span(job.bytes.data(), len), p);
            (void)paper;
        }
        // Render a few cut-short jobs all the way to PNG.
        for (size_t len : {job.bytes.size() / 3, job.bytes.size() / 2, job.bytes.size() - 1}) {
            Paper paper = decode_escpos(std::span(job.bytes.data(), len), p);
            CHECK(render_png_file(paper, p, dir / "cut.png").ok());
        }
    }
}

TEST_CASE("random bytes never crash the decoder or the renderer, and stay bounded") {
    onestop::test::TempDir dir;
    Profile p = find_profile("80mm").value();
    std::mt19937 rng(20261127);
    for (int round = 0; round < 300; ++round) {
        std::vector<uint8_t> bytes(rng() % 2048);
        for (auto& b : bytes) {
            // Mostly command bytes and their parameters, so commands get exercised.
            uint32_t r = rng();
            b = (r % 4 == 0) ? static_cast<uint8_t>(0x1B + (r >> 8) % 3)
                             : static_cast<uint8_t>(r >> 16);
        }
        Paper paper = decode_escpos(bytes, p);
        if (round % 30 == 0) CHECK(render_png_file(paper, p, dir / "random.png").ok());
    }
}

TEST_CASE("GS v 0 modes 1-3 double the image's width and/or height") {
    Profile p = find_profile("80mm").value();
    for (uint8_t mode : {0, 1, 2, 3}) {
        std::vector<uint8_t> bytes{0x1D, 'v', '0', mode, 1, 0, 2, 0, 0x80, 0x01};
        Paper paper = decode_escpos(bytes, p);
        REQUIRE(paper.blocks.size() == 1);
        const auto& img = std::get<ImageBlock>(paper.blocks[0]);
        int sx = (mode & 1) ? 2 : 1, sy = (mode & 2) ? 2 : 1;
        CHECK(img.width_dots == 8 * sx);
        CHECK(img.height_dots == 2 * sy);
        int row = (img.width_dots + 7) / 8;
        REQUIRE(img.bits.size() == static_cast<size_t>(row * img.height_dots));
        CHECK((img.bits[0] & 0x80) != 0);  // top-left dot
        CHECK((img.bits[static_cast<size_t>(row) * (img.height_dots - 1) + row - 1] & 0x01) !=
              0);  // bottom-right
    }
}

TEST_CASE("a raster image larger than the input claims is truncated, not read past") {
    Profile p = find_profile("80mm").value();
    std::vector<uint8_t> bytes{0x1D, 'v', '0', 0, 0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3};
    Paper paper = decode_escpos(bytes, p);
    CHECK(paper.truncated);
    CHECK(paper.blocks.empty());
}

TEST_CASE("rendered slips match their golden PNGs within a tolerance") {
    onestop::test::TempDir dir;
    int compared = 0;
    for (const char* name : {"80mm", "58mm"}) {
        Profile p = find_profile(name).value();
        for (Lang lang : {Lang::Zh, Lang::En}) {
            for (const auto& sample : samples::all()) {
                std::string file =
                    sample.kind + "-" + name + "-" + config::to_string(lang) + ".png";
                auto job = sample.render(p, lang).value();
                Paper paper = decode_escpos(job.bytes, p);
                auto golden = testing::golden_dir() / file;
                if (testing::updating_golden()) {
                    REQUIRE(render_png_file(paper, p, golden).ok());
                    continue;
                }
                REQUIRE(render_png_file(paper, p, dir / file).ok());
                auto diff = testing::compare_png(dir / file, golden);
                CAPTURE(file);
                REQUIRE_MESSAGE(diff.loaded,
                                "golden PNG missing; run with ONESTOP_UPDATE_GOLDEN=1");
                CHECK(diff.width_a == p.width_dots);
                CHECK(diff.width_a == diff.width_b);
                CHECK(diff.height_a == diff.height_b);
                CHECK(diff.differing < 0.01);  // font hinting may move a few edge pixels
                ++compared;
            }
        }
    }
    if (!testing::updating_golden()) CHECK(compared == 16);
}

TEST_CASE("the renderer keeps to its limits for blocks that did not come from the decoder") {
    onestop::test::TempDir dir;
    Profile p = find_profile("58mm").value();
    Paper paper;
    paper.blocks.emplace_back(
        std::in_place_type<TextLine>,
        TextLine{Align::Center, {TextSpan{"零宽", false, 0, 0}, TextSpan{"huge", true, 99, 99}}});
    paper.blocks.emplace_back(
        std::in_place_type<ImageBlock>,
        ImageBlock{Align::Left, 64, 64, std::vector<uint8_t>(10, 0xFF)});  // too few bytes
    paper.blocks.emplace_back(std::in_place_type<QrBlock>, QrBlock{Align::Right, "x", 0, 'M'});
    paper.blocks.emplace_back(std::in_place_type<FeedBlock>,
                              FeedBlock{100000});  // beyond the height limit
    REQUIRE(render_png_file(paper, p, dir / "odd.png").ok());
    auto height = paper_length_dots(paper, p);
    REQUIRE(height.ok());
    CHECK(*height <= 16000);
}

TEST_CASE("supplement and return notices carry the case number and the case page's QR") {
    onestop::test::TempDir dir;
    Profile p = find_profile("80mm").value();
    const std::string number = "JWC-20261127-0007";
    const std::string url = "https://hall.example.edu.cn/c/7?c=Zq4T9w";
    auto supplement = samples::supplement(Lang::Zh);
    supplement.case_number = number;
    supplement.progress_url = url;
    auto back = samples::return_notice(Lang::En);
    back.case_number = number;
    back.progress_url = url;
    InstantReceipt instant{
        "北区一站式服务大厅", "成绩单打印", number, samples::at("2026-11-27T10:00:00+08:00"),
        "1号窗口 教务处",     "S001"};
    const std::vector<std::pair<std::string, Result<Job>>> jobs = {
        {"supplement", render_supplement_notice(supplement, p, Lang::Zh)},
        {"return", render_return_notice(back, p, Lang::En)},
        {"instant", render_instant_receipt(instant, p, Lang::Zh)}};
    for (const auto& [kind, job] : jobs) {
        CAPTURE(kind);
        REQUIRE(job.ok());
        Paper paper = decode_escpos(job->bytes, p);
        bool has_number = false;
        for (const auto& block : paper.blocks)
            if (const auto* line = std::get_if<TextLine>(&block))
                for (const auto& span : line->spans)
                    has_number = has_number || span.utf8.find(number) != std::string::npos;
        CHECK(has_number);
        auto png = dir / (kind + ".png");
        REQUIRE(render_png_file(paper, p, png).ok());
        auto codes = testing::read_qr_codes(png);
        if (kind == "instant") {
            CHECK(codes.empty());
        } else {
            REQUIRE(codes.size() == 1);
            CHECK(codes[0] == url);
        }
    }
    CHECK_FALSE(render_instant_receipt(InstantReceipt{}, p, Lang::Zh).ok());
}
