#pragma once
// A report as a typed table (DESIGN "One report layer"): headed columns in both languages,
// rows of text or numbers. The same table is answered as JSON by its route, and written
// here as CSV and as an Excel workbook.

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::report {

struct Column {
    std::string zh;
    std::string en;
};

// Empty (no value: an average of nothing), text, a count, or a measure.
using Cell = std::variant<std::monostate, std::string, int64_t, double>;

struct Table {
    std::string title;  // the worksheet's name
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;  // each as long as `columns`
};

// RFC 4180 CSV in UTF-8 with a byte-order mark (without it Excel reads Chinese as
// mojibake), CRLF line ends, headers "中文 / English". Text that a spreadsheet would take
// for a formula (= + - @ first) is written with a leading apostrophe.
std::string to_csv(const Table& table);

// The bytes of an .xlsx workbook with one worksheet: a bold, frozen header row and
// measures to one decimal. Errors: errc::internal (libxlsxwriter or the temporary file).
Result<std::string> to_xlsx(const Table& table);

// "中文 / English", as both files head a column.
std::string heading(const Column& column);

}  // namespace onestop::report
