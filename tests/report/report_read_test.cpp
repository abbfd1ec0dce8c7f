// Reading tables back for imports: CSV by RFC 4180, and .xlsx workbooks as libxlsxwriter
// (and so Excel) writes them — checked against unzip's independent reading of the same file.
#include <doctest/doctest.h>

#include "onestop/base/error_codes.h"
#include "onestop/report/read.h"
#include "onestop/report/table.h"
#include "xlsx_cells.h"

using namespace onestop;
using report::Rows;

TEST_CASE("CSV: quotes, doubled quotes, commas and line breaks inside quotes, a BOM, CRLF") {
    Rows rows = report::read_csv(
        "\xEF\xBB\xBF"
        "窗口 / window,note\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,\n");
    REQUIRE(rows.size() == 4);
    CHECK(rows[0] == std::vector<std::string>{"窗口 / window", "note"});
    CHECK(rows[1] == std::vector<std::string>{"1", "a, \"b\"\nc"});
    CHECK(rows[2] == std::vector<std::string>{""});  // the empty line keeps its place
    CHECK(rows[3] == std::vector<std::string>{"2", ""});
    CHECK(report::read_csv("").empty());
    CHECK(report::read_csv("x").size() == 1);  // no line end at the end of the file
}

TEST_CASE("xlsx: the written workbook reads back cell by cell, as unzip reads it") {
    report::Table t;
    t.title = "排班";
    t.columns = {{"窗口", "window"}, {"工号", "staff"}, {"备注", "note"}, {"工时", "hours"}};
    t.rows = {{int64_t(1), std::string("S001"), std::string("A&B <c> \"q\""), 7.5},
              {int64_t(12), std::monostate{}, std::string("=1+1"), std::monostate{}},
              {int64_t(3), std::string("王五"), std::monostate{}, int64_t(0)}};
    auto bytes = report::to_xlsx(t);
    REQUIRE(bytes);
    auto rows = report::read_rows(*bytes);  // told from CSV by the zip signature
    REQUIRE(rows);
    REQUIRE(rows->size() == 4);
    CHECK((*rows)[0] ==
          std::vector<std::string>{"窗口 / window", "工号 / staff", "备注 / note", "工时 / hours"});
    CHECK((*rows)[1][0] == "1");
    CHECK((*rows)[1][1] == "S001");
    CHECK((*rows)[1][2] == "A&B <c> \"q\"");
    CHECK((*rows)[2][1] == "");  // a gap keeps the columns in place
    CHECK((*rows)[3][1] == "王五");
    // Every cell unzip sees, this reader sees the same.
    auto cells = test::xlsx_cells(*bytes);
    CHECK(cells.size() > 10);
    for (const auto& [ref, text] : cells) {
        int column = ref[0] - 'A';
        int row = std::stoi(ref.substr(1)) - 1;
        REQUIRE(row < static_cast<int>(rows->size()));
        REQUIRE(column < static_cast<int>((*rows)[row].size()));
        CHECK_MESSAGE((*rows)[row][column] == text, ref);
    }
}

TEST_CASE("xlsx: what is not a whole workbook is refused with a reason") {
    report::Table t;
    t.title = "x";
    t.columns = {{"甲", "a"}};
    t.rows = {{std::string("1")}};
    auto bytes = report::to_xlsx(t);
    REQUIRE(bytes);
    for (const std::string& bad : {bytes->substr(0, bytes->size() / 2), std::string("PK\x03\x04"),
                                   std::string("PK\x03\x04") + std::string(100, '\0')}) {
        auto rows = report::read_xlsx(bad);
        REQUIRE_FALSE(rows);
        CHECK(rows.error().code == errc::invalid_field);
        CHECK(rows.error().message.find("Excel") != std::string::npos);
    }
    // A corrupted byte inside a compressed part: the inflate fails, nothing is guessed.
    std::string flipped = *bytes;
    size_t at = flipped.find("xl/worksheets/sheet1.xml");
    REQUIRE(at != std::string::npos);
    flipped[at + 40] = static_cast<char>(flipped[at + 40] ^ 0x5A);
    CHECK_FALSE(report::read_xlsx(flipped));
}
