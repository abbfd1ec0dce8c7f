#pragma once
// Reading a table back (imports): the rows of a CSV file or of an Excel workbook's first
// worksheet, as text. Offices keep their lists in Excel and send either file.

#include <string>
#include <vector>

#include "onestop/base/result.h"

namespace onestop::report {

using Rows = std::vector<std::vector<std::string>>;

// RFC 4180 CSV (quotes, doubled quotes, commas and line breaks inside quotes), UTF-8 with or
// without a byte-order mark, CRLF or LF line ends.
Rows read_csv(const std::string& text);

// The first worksheet of an .xlsx workbook: one row per sheet row from the first (empty rows
// kept empty, so row n is line n), cells by column letter (gaps empty), shared and inline
// strings resolved, numbers as written. Errors: errc::invalid_field (not a workbook, a
// compression it does not use, a damaged part).
Result<Rows> read_xlsx(const std::string& bytes);

// An .xlsx workbook (a zip: "PK\3\4") by read_xlsx, anything else by read_csv.
Result<Rows> read_rows(const std::string& bytes);

}  // namespace onestop::report
