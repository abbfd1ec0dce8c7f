#include <doctest/doctest.h>

#include "onestop/printer/encoder.h"

using namespace onestop::printer;
using Bytes = std::vector<uint8_t>;

namespace {
Profile profile(const char* name) {
    return find_profile(name).value();
}
}  // namespace

TEST_CASE("basic commands have their exact bytes") {
    Encoder e(profile("80mm"));
    e.initialize().align(Align::Center).bold(true).size(2, 3).bold(false);
    CHECK(e.bytes() == Bytes{0x1B, '@', 0x1B, 'a', 1, 0x1B, 'E', 1, 0x1D, '!', 0x12, 0x1B, 'E', 0});
}

TEST_CASE("Chinese text goes out in Kanji mode as GB18030; ASCII stays plain") {
    Encoder e(profile("80mm"));
    e.line("A012").line("取号");
    CHECK(e.bytes() ==
          Bytes{'A', '0', '1', '2', 0x0A, 0x1C, '&', 0xC8, 0xA1, 0xBA, 0xC5, 0x1C, '.', 0x0A});
}

TEST_CASE("GB18030 carries every character; GBK replaces what it lacks") {
    // U+20BB7 (𠮷) is outside GBK but inside GB18030 (four bytes).
    std::string rare = "\xF0\xA0\xAE\xB7";
    std::string gb18030 = encode_text(rare, TextEncoding::Gb18030);
    CHECK(gb18030.size() == 4);
    CHECK(decode_text(gb18030, TextEncoding::Gb18030) == rare);
    CHECK(encode_text("证" + rare, TextEncoding::Gbk) == "\xD6\xA4?");
    CHECK(decode_text("\xD6\xA4", TextEncoding::Gbk) == "证");
}

TEST_CASE("a UTF-8 profile sends UTF-8 without Kanji mode") {
    Encoder e(profile("80mm-utf8"));
    e.text("号");
    CHECK(e.bytes() == Bytes{0xE5, 0x8F, 0xB7});
}

TEST_CASE("control bytes inside text are dropped so they cannot act as commands") {
    Encoder e(profile("80mm"));
    e.text(std::string("a\x1B@b\x1D", 5));
    CHECK(e.bytes() == Bytes{'a', '@', 'b'});
}

TEST_CASE("native QR: model 2, module size, level M, store, print") {
    Encoder e(profile("80mm"));
    e.qr_native("AB", 6);
    Bytes want{0x1D, '(', 'k', 4, 0, 49, 65, 50, 0,         // model 2
               0x1D, '(', 'k', 3, 0, 49, 67, 6,             // module size 6
               0x1D, '(', 'k', 3, 0, 49, 69, 49,            // error correction M
               0x1D, '(', 'k', 5, 0, 49, 80, 48, 'A', 'B',  // store
               0x1D, '(', 'k', 3, 0, 49, 81, 48};           // print
    CHECK(e.bytes() == want);
}

TEST_CASE("QR data no symbol can hold prints nothing rather than a wrapped length") {
    Encoder e(profile("80mm"));
    e.qr_native(std::string(70000, '1'), 6).qr_native("", 6).qr_raster(std::string(5000, 'x'), 4);
    CHECK(e.bytes().empty());
}

TEST_CASE("raster QR is sent as GS v 0 bands of at most 64 rows") {
    Profile p = profile("pos58");
    Encoder e(p);
    e.qr("http://192.168.10.2:8080/t/1042?c=9f86d081884c7d65");
    const Bytes& b = e.bytes();
    int bands = 0, rows = 0, row_bytes = 0;
    for (size_t i = 0; i + 8 <= b.size();) {
        REQUIRE(b[i] == 0x1D);
        REQUIRE(b[i + 1] == 'v');
        REQUIRE(b[i + 2] == '0');
        row_bytes = b[i + 4] + 256 * b[i + 5];
        int band_rows = b[i + 6] + 256 * b[i + 7];
        CHECK(band_rows <= Encoder::kRasterBandRows);
        ++bands;
        rows += band_rows;
        i += 8 + static_cast<size_t>(row_bytes) * band_rows;
        if (i == b.size()) break;
    }
    // 33 modules (version 4) × 5 dots: a square image, in ceil(165 / 64) bands.
    CHECK(rows == 165);
    CHECK(row_bytes == (165 + 7) / 8);
    CHECK(bands == 3);
}

TEST_CASE("raster QR shrinks its modules to fit narrow paper") {
    Profile p = profile("pos58");
    p.width_dots = 100;
    Encoder e(p);
    e.qr_raster("http://192.168.10.2:8080/t/1042?c=9f86d081884c7d65", 8);
    const Bytes& b = e.bytes();
    REQUIRE(b.size() > 8);
    int row_bytes = b[4] + 256 * b[5];
    CHECK(row_bytes * 8 <= 104);
}

TEST_CASE("each cut style sends its own command with the profile's feed") {
    Profile p = profile("80mm");
    p.cut_feed_dots = 24;
    auto cut = [&](CutStyle c) {
        p.cut = c;
        return Encoder(p).cut().bytes();
    };
    CHECK(cut(CutStyle::GsVFull) == Bytes{0x1D, 'V', 65, 24});
    CHECK(cut(CutStyle::GsVPartial) == Bytes{0x1D, 'V', 66, 24});
    CHECK(cut(CutStyle::EscI) == Bytes{0x1B, 'J', 24, 0x1B, 'i'});
    CHECK(cut(CutStyle::EscM) == Bytes{0x1B, 'J', 24, 0x1B, 'm'});
    CHECK(cut(CutStyle::None) == Bytes{0x1B, 'J', 24});
}

TEST_CASE("columns count CJK characters twice") {
    CHECK(text_columns("A012") == 4);
    CHECK(text_columns("取号A") == 5);
    CHECK(text_columns("：") == 2);
}

TEST_CASE("wrapping breaks English at spaces and Chinese anywhere") {
    auto en = wrap_columns("Have your materials ready and watch", 12);
    REQUIRE(en.size() == 4);
    CHECK(en[0] == "Have your");
    CHECK(en[1] == "materials");
    CHECK(en[2] == "ready and");
    CHECK(en[3] == "watch");
    auto zh = wrap_columns("请备齐申请材料留意叫号", 8);
    REQUIRE(zh.size() == 3);
    CHECK(zh[0] == "请备齐申");
    CHECK(zh[1] == "请材料留");
    CHECK(zh[2] == "意叫号");
    for (const auto& line :
         wrap_columns("事项：出国（境）交流学分认定 Credit transfer abroad", 10)) {
        CHECK(text_columns(line) <= 10);
    }
    CHECK(wrap_columns("", 10) == std::vector<std::string>{""});
}

TEST_CASE("profiles: the defaults the contract names, and unknown names refused") {
    CHECK(profiles().front().name == "80mm");
    CHECK(profile("80mm").width_dots == 576);
    CHECK(profile("58mm").width_dots == 384);
    CHECK(profile("80mm").encoding == TextEncoding::Gb18030);
    CHECK(profile_for_usb({0x04b8, 0x0202}).name == "tm-t20");
    CHECK(profile_for_usb({0x1234, 0x5678}).name == "80mm");
    auto bad = find_profile("90mm");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "unknown_profile");
}
